#!/bin/sh
# Regenerates the key files in this folder with the installed OpenSSL (3.0.x).
# The checked-in files are what the tests read; rerunning makes new keys (and new
# expected values), so only do it to add files.
set -eu
cd "$(dirname "$0")"
PASS=keel-test-password

gen() {  # name, genpkey args...
    name=$1; shift
    openssl genpkey "$@" -out "$name.pem"
    openssl pkey -in "$name.pem" -pubout -out "$name.pub.pem"
    openssl pkcs8 -topk8 -nocrypt -in "$name.pem" -outform DER -out "$name.der"
    openssl pkey -in "$name.pem" -pubout -outform DER -out "$name.pub.der"
}

gen rsa2048 -algorithm RSA -pkeyopt rsa_keygen_bits:2048
openssl rsa -in rsa2048.pem -traditional -out rsa2048.pkcs1.pem
gen rsa_pss -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048
gen rsa_pss_sha384 -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 \
    -pkeyopt rsa_pss_keygen_md:sha384 -pkeyopt rsa_pss_keygen_mgf1_md:sha384 \
    -pkeyopt rsa_pss_keygen_saltlen:48
for c in P-256 P-384 P-521 brainpoolP256r1 brainpoolP384r1 brainpoolP512r1; do
    n=$(echo "ec_$c" | tr 'A-Z-' 'a-z_')
    gen "$n" -algorithm EC -pkeyopt ec_paramgen_curve:$c -pkeyopt ec_param_enc:named_curve
    openssl ec -in "$n.pem" -out "$n.sec1.pem"
done
gen ed25519 -algorithm ED25519
gen ed448 -algorithm ED448
gen x25519 -algorithm X25519
gen x448 -algorithm X448

# Encrypted PKCS#8 (PBES2): PBKDF2-HMAC-SHA256 + AES-256-CBC (the 3.0 default) and
# PBKDF2-HMAC-SHA1 + AES-128-CBC.
for k in rsa2048 ec_p_256 ed25519 x448; do
    openssl pkcs8 -topk8 -in "$k.pem" -v2 aes-256-cbc -v2prf hmacWithSHA256 \
        -passout pass:$PASS -out "$k.enc_aes256_sha256.pem"
done
for k in ec_p_384 ed448; do
    openssl pkcs8 -topk8 -in "$k.pem" -v2 aes-128-cbc -v2prf hmacWithSHA1 \
        -passout pass:$PASS -out "$k.enc_aes128_sha1.pem"
done
# genpkey's own encryption flag, as the task names it.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -aes-256-cbc \
    -pass pass:$PASS -out ec_p_256_genpkey.enc.pem
openssl pkey -in ec_p_256_genpkey.enc.pem -passin pass:$PASS -pubout -outform DER \
    -out ec_p_256_genpkey.pub.der

# Signatures by OpenSSL over msg.bin, for the interop verification tests.
printf 'keel: a message signed by OpenSSL\n' > msg.bin
openssl dgst -sha256 -sign rsa2048.pem -out rsa2048.pkcs1_sha256.sig msg.bin
openssl dgst -sha384 -sign rsa2048.pem -sigopt rsa_padding_mode:pss \
    -sigopt rsa_pss_saltlen:digest -out rsa2048.pss_sha384.sig msg.bin
openssl dgst -sha256 -sign rsa_pss.pem -sigopt rsa_pss_saltlen:digest \
    -out rsa_pss.pss_sha256.sig msg.bin
openssl dgst -sha384 -sign rsa_pss_sha384.pem -sigopt rsa_pss_saltlen:digest \
    -out rsa_pss_sha384.pss_sha384.sig msg.bin
openssl dgst -sha256 -sign ec_p_256.pem -out ec_p_256.sha256.sig msg.bin
openssl dgst -sha384 -sign ec_p_384.pem -out ec_p_384.sha384.sig msg.bin
openssl dgst -sha512 -sign ec_p_521.pem -out ec_p_521.sha512.sig msg.bin
openssl dgst -sha256 -sign ec_brainpoolp256r1.pem -out ec_brainpoolp256r1.sha256.sig msg.bin
openssl dgst -sha384 -sign ec_brainpoolp384r1.pem -out ec_brainpoolp384r1.sha384.sig msg.bin
openssl dgst -sha512 -sign ec_brainpoolp512r1.pem -out ec_brainpoolp512r1.sha512.sig msg.bin
openssl pkeyutl -sign -rawin -inkey ed25519.pem -in msg.bin -out ed25519.sig
openssl pkeyutl -sign -rawin -inkey ed448.pem -in msg.bin -out ed448.sig
