#!/bin/sh
# Known answer for FFDHE (RFC 7919 ffdhe2048) from an independent implementation:
# OpenSSL generates two key pairs and derives the shared secret; this script writes
# the private values, public values and secret to ffdhe.json.
set -e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for who in a b; do
  openssl genpkey -algorithm DH -pkeyopt group:ffdhe2048 -out "$tmp/$who.pem"
  openssl pkey -in "$tmp/$who.pem" -pubout -out "$tmp/$who.pub"
done
openssl pkeyutl -derive -inkey "$tmp/a.pem" -peerkey "$tmp/b.pub" -out "$tmp/ab.bin"
openssl pkeyutl -derive -inkey "$tmp/b.pem" -peerkey "$tmp/a.pub" -out "$tmp/ba.bin"
cmp "$tmp/ab.bin" "$tmp/ba.bin"
field() {  # field FILE NAME: hex of a "NAME:" block in `openssl pkey -text`
  openssl pkey -in "$1" -text -noout | awk -v n="$2:" '
    $1 == n {on = 1; next}
    on && /^ +[0-9a-f:]+$/ {gsub(/[ :]/, ""); printf "%s", $0; next}
    on {exit}'
}
cat > ffdhe.json <<JSON
{
  "source": "openssl $(openssl version | cut -d' ' -f2) genpkey group:ffdhe2048 + pkeyutl -derive (gen_ffdhe.sh)",
  "group": "ffdhe2048",
  "tests": [
    {
      "private_a": "$(field "$tmp/a.pem" private-key)",
      "public_a": "$(field "$tmp/a.pem" public-key)",
      "private_b": "$(field "$tmp/b.pem" private-key)",
      "public_b": "$(field "$tmp/b.pem" public-key)",
      "shared": "$(od -An -v -tx1 "$tmp/ab.bin" | tr -d ' \n')"
    }
  ]
}
JSON
