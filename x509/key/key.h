// One value type for "a public key" and one for "a private key", whatever the
// algorithm, for the certificate layer and the TLS engine (DESIGN.md §3).
//
//   auto sk = x509::PrivateKey::generate(KeyType::ec, rng, {.curve = Curve::p384});
//   auto sig = sk->sign(SignatureScheme::ecdsa_secp384r1_sha384, transcript, rng);
//   KEEL_TRY(sk->public_key().verify(SignatureScheme::ecdsa_secp384r1_sha384,
//                                    transcript, *sig));
//
// Which scheme fits which key follows RFC 8446 §4.2.3 (TLS 1.3 rules):
//   rsa       rsaEncryption key: rsa_pkcs1_*, rsa_pss_rsae_*
//   rsa_pss   RSASSA-PSS key (id-RSASSA-PSS SPKI): rsa_pss_pss_* only, and when the
//             key carries PSS parameters (RFC 4055 §3.1) only the scheme whose hash
//             they name
//   ec        ecdsa_<curve>_<hash> for the key's own curve only; ecdsa_sha1 for any
//             curve (TLS 1.2 legacy, certificates)
//   ed25519 / ed448            eddsa_ed25519 / eddsa_ed448
//   mldsa44/65/87              mldsa44/65/87 (draft-ietf-tls-mldsa: empty context)
//   slhdsa_*                   slh_dsa_* of the same set (pure, empty context)
//   x25519, x448, mlkem*       none: key-agreement / KEM keys only sit in certificates
//
// Signature encodings are the TLS ones: RSA the modulus-length block, ECDSA DER
// (Ecdsa-Sig-Value), EdDSA / ML-DSA / SLH-DSA their fixed-size raw strings. RSA-PSS
// uses MGF1 with the same hash and a salt as long as the digest (RFC 8446 §4.2.3).
//
// Errors: a scheme that does not fit the key is Errc::invalid_argument, from
// sign() and verify() alike; a signature that does not verify -- wrong bytes, wrong
// length, unparseable DER -- is Errc::auth_failed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/ec/ec.h"
#include "crypto/rng.h"
#include "crypto/rsa/rsa.h"
#include "crypto/sig/sig.h"

namespace keel::x509 {

struct SignatureAlgorithm;  // x509/key/sig_alg.h

enum class KeyType : uint8_t {
    rsa,      // rsaEncryption (RFC 8017 A.1)
    rsa_pss,  // id-RSASSA-PSS (RFC 4055 §3.1)
    ec,       // id-ecPublicKey on a named curve (RFC 5480)
    ed25519,
    ed448,
    mldsa44,
    mldsa65,
    mldsa87,
    slhdsa_sha2_128s,
    slhdsa_sha2_128f,
    slhdsa_sha2_192s,
    slhdsa_sha2_192f,
    slhdsa_sha2_256s,
    slhdsa_sha2_256f,
    slhdsa_shake_128s,
    slhdsa_shake_128f,
    slhdsa_shake_192s,
    slhdsa_shake_192f,
    slhdsa_shake_256s,
    slhdsa_shake_256f,
    x25519,
    x448,
    mlkem512,
    mlkem768,
    mlkem1024,
};

inline constexpr size_t kKeyTypeCount = 25;

// "rsa", "rsa_pss", "ec", "ed25519", "mldsa65", "slhdsa_sha2_128s", "x25519", ...
std::string_view key_type_name(KeyType type);
// True for the types that can sign (everything but x25519, x448 and ML-KEM).
bool is_signature_key(KeyType type);

// RSASSA-PSS key restrictions (RFC 4055 §3.1 RSASSA-PSS-params in the SPKI).
struct PssRestriction {
    crypto::HashAlg hash = crypto::HashAlg::sha256;
    crypto::HashAlg mgf1_hash = crypto::HashAlg::sha256;
    size_t min_salt_len = 32;  // signatures must use at least this salt (RFC 4055 §3.3)
};

namespace detail {
struct PublicKeyImpl;
struct PrivateKeyImpl;
}  // namespace detail

// A public key of any type. Copies share one immutable representation.
class PublicKey {
  public:
    // RSA (n, e big-endian). rsa_pss keys may carry RFC 4055 restrictions.
    static Result<PublicKey> rsa(ByteView n, ByteView e);
    static Result<PublicKey> rsa_pss(ByteView n, ByteView e,
                                     std::optional<PssRestriction> restriction = std::nullopt);
    // An EC point on `curve`, any SEC 1 encoding (validated; stored uncompressed).
    static Result<PublicKey> ec(crypto::ec::Curve curve, ByteView point);
    // The raw public encoding of every other type: Ed25519 (32) / Ed448 (57) RFC 8032
    // point, X25519 (32) / X448 (56) u-coordinate, ML-DSA pk (FIPS 204 pkEncode),
    // SLH-DSA PK.seed || PK.root, ML-KEM ek (checked per FIPS 203 §7.2).
    // invalid_argument for rsa, rsa_pss and ec (use the functions above).
    static Result<PublicKey> from_raw(KeyType type, ByteView raw);

    KeyType type() const;
    // The curve of an ec key; nullopt for every other type.
    std::optional<crypto::ec::Curve> curve() const;
    // RSA: modulus bits; EC: field bits (256, 384, 521, 256, 384, 512); Ed25519 253,
    // Ed448 456, X25519 253, X448 448 (group order bits, as OpenSSL reports them);
    // ML-DSA, SLH-DSA, ML-KEM: 8 x the public key's encoded length.
    size_t bits() const;
    // The raw public encoding (see from_raw; for ec the uncompressed point). For RSA
    // keys, empty: use rsa_n() / rsa_e().
    ByteView raw() const;
    Bytes rsa_n() const;  // empty unless an RSA key
    Bytes rsa_e() const;
    // The RFC 4055 restrictions of an rsa_pss key, if it has any.
    std::optional<PssRestriction> pss_restriction() const;

    bool supports(crypto::SignatureScheme scheme) const;
    // invalid_argument when `scheme` does not fit the key; auth_failed when the
    // signature does not verify.
    Result<void> verify(crypto::SignatureScheme scheme, ByteView message, ByteView signature) const;

    // SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) for every key type: one complete DER
    // element, algorithm parameters checked (x509/key/spki.cc lists the forms).
    static Result<PublicKey> from_spki(ByteView der);
    Bytes to_spki() const;

    // A certificate, CRL or OCSP signature over `tbs` (RFC 5280 §4.1.1.2); the rules
    // are in x509/key/sig_alg.h. invalid_argument when `alg` does not fit the key,
    // auth_failed when the signature does not verify.
    Result<void> verify_x509(const SignatureAlgorithm& alg, ByteView tbs, ByteView signature) const;

    // Same type, same key material, same restrictions.
    bool operator==(const PublicKey& other) const;

    const detail::PublicKeyImpl& impl() const { return *impl_; }
    explicit PublicKey(std::shared_ptr<const detail::PublicKeyImpl> impl)
        : impl_(std::move(impl)) {}

  private:
    std::shared_ptr<const detail::PublicKeyImpl> impl_;
};

// Parameters for PrivateKey::generate; each type reads only its own.
struct KeyGenOptions {
    size_t rsa_bits = 2048;  // rsa, rsa_pss: 2048..8192, even
    uint32_t rsa_exponent = 65537;
    crypto::ec::Curve curve = crypto::ec::Curve::p256;             // ec
    std::optional<PssRestriction> pss_restriction = std::nullopt;  // rsa_pss
};

// The signing function of a key held elsewhere (Erlang's sign_fun: HSM, TPM, remote
// signer). Called with the scheme and the full message to sign; returns the signature
// in the TLS encoding described above, or an error that sign() passes on unchanged.
using SignCallback = std::function<Result<Bytes>(crypto::SignatureScheme scheme, ByteView message)>;

// A private key of any type. Copies share one immutable representation, which wipes
// its secrets when the last copy goes away.
class PrivateKey {
  public:
    // A fresh key. RSA keys take seconds at 4096 bits and more.
    static Result<PrivateKey> generate(KeyType type, crypto::Rng& rng,
                                       const KeyGenOptions& options = {});
    // A key whose signing happens in `sign`; `public_key` says what it can sign.
    // sign() checks the scheme against the public key before calling out.
    static PrivateKey from_callback(PublicKey public_key, SignCallback sign);

    // Wrap keys built from components (x509/key parsers, tests). `type` is rsa or
    // rsa_pss for RSA keys.
    static Result<PrivateKey> from_rsa(const crypto::RsaPrivateKey& key,
                                       KeyType type = KeyType::rsa,
                                       std::optional<PssRestriction> restriction = std::nullopt);
    static Result<PrivateKey> from_ec(crypto::ec::Curve curve, ByteView scalar);
    // The raw private encoding of every other type, told apart by length where a type
    // has two forms:
    //   ed25519 / ed448       the 32 / 57-byte RFC 8032 seed
    //   x25519 / x448         the 32 / 56-byte RFC 7748 scalar
    //   mldsa*                the 32-byte seed xi, or the expanded skEncode form
    //   slhdsa_*              SK.seed || SK.prf || PK.seed || PK.root (4n bytes)
    //   mlkem*                the 64-byte seed d || z, or the expanded dk (FIPS 203 §7.1)
    static Result<PrivateKey> from_raw(KeyType type, ByteView raw);

    KeyType type() const;
    const PublicKey& public_key() const;
    // True for from_callback keys: their secrets are not here to serialise.
    bool is_callback() const;

    bool supports(crypto::SignatureScheme scheme) const;
    // invalid_argument when `scheme` does not fit the key (or the key cannot sign).
    // Every randomized scheme draws from rng (hedged ECDSA, RSA blinding and PSS salt,
    // hedged ML-DSA and SLH-DSA); EdDSA ignores it.
    Result<Bytes> sign(crypto::SignatureScheme scheme, ByteView message, crypto::Rng& rng) const;

    // Signs `tbs` for a certificate, CRL or OCSP response under `alg`.
    Result<Bytes> sign_x509(const SignatureAlgorithm& alg, ByteView tbs, crypto::Rng& rng) const;

    const detail::PrivateKeyImpl& impl() const { return *impl_; }
    explicit PrivateKey(std::shared_ptr<const detail::PrivateKeyImpl> impl)
        : impl_(std::move(impl)) {}

  private:
    std::shared_ptr<const detail::PrivateKeyImpl> impl_;
};

}  // namespace keel::x509
