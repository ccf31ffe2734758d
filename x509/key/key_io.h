// Private and public key files: PKCS#8 (RFC 5958 OneAsymmetricKey v1 and v2), PKCS#1
// RSAPrivateKey (RFC 8017 A.1.2), SEC 1 ECPrivateKey (RFC 5915), encrypted PKCS#8
// (PBES2, RFC 8018: PBKDF2-HMAC-SHA1/SHA-256 with AES-128/256-CBC), and PEM
// (RFC 7468) with the labels "PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
// "RSA PRIVATE KEY", "EC PRIVATE KEY" and "PUBLIC KEY". SubjectPublicKeyInfo itself is
// PublicKey::from_spki / to_spki (x509/key/key.h).
//
// PKCS#8 privateKey contents per type:
//   rsa, rsa_pss  RSAPrivateKey (two-prime only)
//   ec            ECPrivateKey; the curve is the AlgorithmIdentifier's namedCurve
//   ed25519, ed448, x25519, x448  CurvePrivateKey ::= OCTET STRING (RFC 8410 §7)
//   mldsa*        CHOICE { seed [0] (32), expandedKey OCTET STRING, both SEQUENCE }
//                 (RFC 9881 §6); "both" must agree
//   mlkem*        the same CHOICE with a 64-byte seed (draft-ietf-lamps-kyber-certificates)
//   slhdsa_*      SK.seed || SK.prf || PK.seed || PK.root directly (RFC 9909)
// A v2 publicKey, when present, must match the private key.
//
// Every parser takes exactly one DER element: trailing bytes, unknown versions, wrong
// OIDs or parameters are Errc::malformed / Errc::unsupported; a wrong password is
// Errc::auth_failed. Writers refuse callback keys (Errc::invalid_argument).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/ec/ec.h"
#include "crypto/hash/any_hash.h"
#include "crypto/rng.h"
#include "x509/key/key.h"

namespace keel::x509 {

// How ML-DSA / ML-KEM private keys are written. Keys built from the expanded form
// alone have no seed: `seed` and `both` fall back to `expanded` for them.
enum class PqKeyForm : uint8_t { seed, expanded, both };

struct Pkcs8Options {
    bool include_public_key = false;  // writes OneAsymmetricKey v2 with [1] publicKey
    PqKeyForm pq_form = PqKeyForm::seed;
};

Result<PrivateKey> parse_pkcs8(ByteView der);
Result<SecretBytes> to_pkcs8(const PrivateKey& key, const Pkcs8Options& options = {});

Result<PrivateKey> parse_pkcs1_private(ByteView der);  // "RSA PRIVATE KEY"
Result<SecretBytes> to_pkcs1_private(const PrivateKey& key);

// "EC PRIVATE KEY". The curve comes from [0] parameters, or from `curve` when the
// structure has none; when both are present they must agree.
Result<PrivateKey> parse_sec1(ByteView der, std::optional<crypto::ec::Curve> curve = {});
Result<SecretBytes> to_sec1(const PrivateKey& key);

struct PbeOptions {
    crypto::HashAlg prf = crypto::HashAlg::sha256;  // sha1 or sha256
    size_t aes_key_bytes = 32;                      // 16 or 32
    uint32_t iterations = 100000;
};
// Hostile files can name absurd iteration counts; above this decryption refuses
// (Errc::limit_exceeded) instead of spinning.
struct PbeLimits {
    uint32_t max_iterations = 10000000;
};

Result<Bytes> encrypt_pkcs8(const PrivateKey& key, ByteView password, crypto::Rng& rng,
                            const PbeOptions& pbe = {}, const Pkcs8Options& options = {});
Result<PrivateKey> decrypt_pkcs8(ByteView der, ByteView password, const PbeLimits& limits = {});

enum class PrivateKeyPem : uint8_t { pkcs8, encrypted_pkcs8, pkcs1, sec1 };

// The first private-key block of a PEM text (other blocks, such as "EC PARAMETERS",
// are skipped). "ENCRYPTED PRIVATE KEY" needs `password`.
Result<PrivateKey> private_key_from_pem(std::string_view pem, ByteView password = {},
                                        const PbeLimits& limits = {});
// encrypted_pkcs8 needs a password and an rng.
Result<std::string> private_key_to_pem(const PrivateKey& key,
                                       PrivateKeyPem format = PrivateKeyPem::pkcs8,
                                       ByteView password = {}, crypto::Rng* rng = nullptr,
                                       const PbeOptions& pbe = {});

// "PUBLIC KEY" (SubjectPublicKeyInfo).
Result<PublicKey> public_key_from_pem(std::string_view pem);
std::string public_key_to_pem(const PublicKey& key);

}  // namespace keel::x509
