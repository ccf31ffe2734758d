#!/bin/sh
# Regenerates sha2_md5.json: known answers for SHA-1, SHA-2 and MD5 computed by the
# installed `openssl dgst`, an implementation independent of keel. Messages are the
# first `len` bytes of one fixed pseudo-random stream (AES-128-CTR of zeros under an
# all-zero key), stored in the file so the test needs nothing but the JSON.
# Usage: vectors/kat/gen_sha2_md5.sh > vectors/kat/sha2_md5.json
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
max=65537
head -c "$max" /dev/zero |
    openssl enc -aes-128-ctr -nosalt -K 00000000000000000000000000000000 \
        -iv 00000000000000000000000000000000 > "$tmp/stream"
lens="$(seq 0 300) 1000 4095 4096 4097 16384 65537"

printf '{\n  "source": "openssl dgst %s; messages are prefixes of stream",\n' \
    "$(openssl version | cut -d' ' -f2)"
printf '  "stream": "%s",\n' "$(od -An -v -tx1 "$tmp/stream" | tr -d ' \n')"
printf '  "hashes": {\n'
first_alg=1
for alg in md5 sha1 sha224 sha256 sha384 sha512 sha512-224 sha512-256; do
    [ $first_alg = 1 ] || printf ',\n'
    first_alg=0
    printf '    "%s": [\n' "$alg"
    first=1
    for n in $lens; do
        head -c "$n" "$tmp/stream" > "$tmp/msg"
        d=$(openssl dgst -"$alg" -r "$tmp/msg" | cut -d' ' -f1)
        [ $first = 1 ] || printf ',\n'
        first=0
        printf '      {"len": %d, "digest": "%s"}' "$n" "$d"
    done
    printf '\n    ]'
done
printf '\n  }\n}\n'
