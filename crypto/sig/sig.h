// Signature schemes (DESIGN.md §3). Code points: IANA TLS SignatureScheme registry;
// names as the Erlang reference spells them (sign_scheme(), legacy_sign_scheme()).
//
// Each algorithm family provides key types with this shape (names per family):
//
//   class XPrivateKey {
//     static Result<XPrivateKey> generate(Rng& rng [, params]);
//     static Result<XPrivateKey> from_bytes(...);        // raw / seed form, validated
//     XPublicKey public_key() const;
//     Result<Bytes> sign(ByteView message, Rng& rng [, params]) const;
//   };
//   class XPublicKey {
//     static Result<XPublicKey> from_bytes(ByteView);    // validated encoding
//     Result<void> verify(ByteView message, ByteView signature [, params]) const;
//   };
//
// verify returns Errc::auth_failed for a signature that does not verify and
// Errc::malformed for one that cannot be parsed; it never crashes on any input.
// Private keys wipe themselves. Signing is constant-time in the private key and nonce.
// The TLS engine maps a SignatureScheme to one of these through crypto/sig/.
#pragma once

#include <cstdint>

namespace keel::crypto {

enum class SignatureScheme : uint16_t {
    // RSASSA-PKCS1-v1_5 (TLS 1.2, and certificates)
    rsa_pkcs1_sha1 = 0x0201,
    rsa_pkcs1_sha256 = 0x0401,
    rsa_pkcs1_sha384 = 0x0501,
    rsa_pkcs1_sha512 = 0x0601,
    // ECDSA
    ecdsa_sha1 = 0x0203,
    ecdsa_secp256r1_sha256 = 0x0403,
    ecdsa_secp384r1_sha384 = 0x0503,
    ecdsa_secp521r1_sha512 = 0x0603,
    ecdsa_brainpoolP256r1tls13_sha256 = 0x081a,
    ecdsa_brainpoolP384r1tls13_sha384 = 0x081b,
    ecdsa_brainpoolP512r1tls13_sha512 = 0x081c,
    // RSASSA-PSS
    rsa_pss_rsae_sha256 = 0x0804,
    rsa_pss_rsae_sha384 = 0x0805,
    rsa_pss_rsae_sha512 = 0x0806,
    rsa_pss_pss_sha256 = 0x0809,
    rsa_pss_pss_sha384 = 0x080a,
    rsa_pss_pss_sha512 = 0x080b,
    // EdDSA
    eddsa_ed25519 = 0x0807,
    eddsa_ed448 = 0x0808,
    // ML-DSA (draft-ietf-tls-mldsa)
    mldsa44 = 0x0904,
    mldsa65 = 0x0905,
    mldsa87 = 0x0906,
};

}  // namespace keel::crypto
