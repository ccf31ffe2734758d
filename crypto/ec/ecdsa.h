// ECDSA (FIPS 186-5 §6, SEC 1 §4.1) over the curves of crypto/ec/ec.h, with the key
// shapes of crypto/sig/sig.h.
//
// Signing draws its nonce from RFC 6979's HMAC_DRBG, keyed by the private key and the
// message hash and, by default, hedged with fresh randomness as RFC 6979 §3.6's
// additional data k': a broken RNG degrades to deterministic ECDSA instead of leaking
// the key, and fault attacks on the deterministic computation get harder.
// sign_deterministic() omits k' and reproduces RFC 6979's test vectors.
//
// The hash is truncated to the bit length of n (SEC 1 §4.1.3 step 5). Signatures are
// DER (SEQUENCE of two INTEGERs, parsed strictly: minimal lengths and integers, no
// trailing bytes) or raw r||s (IEEE P1363, each curve_bytes long). verify() checks
// r, s in [1, n-1], returns Errc::malformed for a signature that does not parse and
// Errc::auth_failed for one that does not verify.
#pragma once

#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/ec/ec.h"
#include "crypto/hash/any_hash.h"
#include "crypto/rng.h"

namespace keel::crypto::ec {

enum class EcdsaFormat : uint8_t {
    der,    // Ecdsa-Sig-Value (RFC 3279 §2.2.3), as TLS and X.509 carry it
    p1363,  // r || s, fixed width
};

class EcdsaPublicKey {
  public:
    // Any valid SEC 1 encoding (uncompressed or compressed); stored uncompressed.
    static Result<EcdsaPublicKey> from_bytes(Curve curve, ByteView point);

    Curve curve() const { return curve_; }
    // The uncompressed point 04||X||Y.
    ByteView bytes() const { return point_; }

    // Verifies `signature` over `message` hashed with `hash`.
    Result<void> verify(ByteView message, ByteView signature, HashAlg hash,
                        EcdsaFormat format = EcdsaFormat::der) const;
    // Same, for a precomputed message digest.
    Result<void> verify_digest(ByteView digest, ByteView signature,
                               EcdsaFormat format = EcdsaFormat::der) const;

  private:
    friend class EcdsaPrivateKey;
    EcdsaPublicKey(Curve curve, Bytes point) : curve_(curve), point_(std::move(point)) {}
    Curve curve_;
    Bytes point_;
};

class EcdsaPrivateKey {
  public:
    static Result<EcdsaPrivateKey> generate(Curve curve, Rng& rng);
    // The private scalar d, big-endian, curve_bytes long, in [1, n-1].
    static Result<EcdsaPrivateKey> from_bytes(Curve curve, ByteView scalar);

    Curve curve() const { return curve_; }
    EcdsaPublicKey public_key() const;
    ByteView scalar() const { return d_.view(); }

    // Hedged RFC 6979 signature (fresh randomness from rng as additional data).
    Result<Bytes> sign(ByteView message, Rng& rng, HashAlg hash,
                       EcdsaFormat format = EcdsaFormat::der) const;
    // Pure RFC 6979 §3.2: the same message always gets the same signature.
    Result<Bytes> sign_deterministic(ByteView message, HashAlg hash,
                                     EcdsaFormat format = EcdsaFormat::der) const;
    // Signs a precomputed digest of `hash` (hash names the HMAC of RFC 6979);
    // rng == nullptr means deterministic.
    Result<Bytes> sign_digest(ByteView digest, HashAlg hash, Rng* rng,
                              EcdsaFormat format = EcdsaFormat::der) const;

  private:
    EcdsaPrivateKey(Curve curve, SecretBytes d, Bytes point)
        : curve_(curve), d_(std::move(d)), point_(std::move(point)) {}
    Curve curve_;
    SecretBytes d_;
    Bytes point_;  // the public point, uncompressed
};

// Ecdsa-Sig-Value DER <-> fixed-width r||s (each `width` bytes).
Bytes ecdsa_der_from_raw(ByteView r, ByteView s);
// Strict DER parse; r and s must fit in `width` bytes. Writes 2·width bytes.
Result<Bytes> ecdsa_raw_from_der(ByteView der, size_t width);

}  // namespace keel::crypto::ec
