// Ed25519, Ed25519ctx and Ed25519ph (RFC 8032 §5.1), with the key shape of
// crypto/sig/sig.h.
//
// Verification is strict and cofactorless: the signature must be 64 bytes (else
// Errc::malformed); S must be < L; R' = [S]B - [k]A is computed and its canonical
// encoding must equal the R bytes, so a non-canonical or off-curve R never verifies
// (RFC 8032 §5.1.7 permits the cofactorless equation; it is what Wycheproof's
// ed25519_test.json expects). Public keys must decode per §5.1.3 (canonical y, on
// the curve); small-order keys are accepted, as the RFC does. Any signature that
// does not verify, S >= L included, is Errc::auth_failed.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/curve25519/internal/ge25519.h"
#include "crypto/rng.h"

namespace keel::crypto {

// RFC 8032 §5.1: which of the three schemes, and its context string (at most 255
// bytes; Ed25519ctx requires a non-empty one, Ed25519 takes none).
enum class Ed25519Variant : uint8_t { pure, ctx, ph };
struct Ed25519Params {
    Ed25519Variant variant = Ed25519Variant::pure;
    ByteView context = {};
};

class Ed25519PublicKey {
  public:
    static constexpr size_t kSize = 32;
    static constexpr size_t kSignatureSize = 64;

    // Errc::malformed unless 32 bytes that decode to a curve point (RFC 8032 §5.1.3).
    static Result<Ed25519PublicKey> from_bytes(ByteView encoded);

    Result<void> verify(ByteView message, ByteView signature, Ed25519Params params = {}) const;
    const std::array<uint8_t, 32>& bytes() const { return bytes_; }

  private:
    friend class Ed25519PrivateKey;
    Ed25519PublicKey() = default;
    std::array<uint8_t, 32> bytes_{};
    detail::GeP3 minus_a_{};  // -A, ready for [S]B + [k](-A)
};

class Ed25519PrivateKey {
  public:
    static constexpr size_t kSeedSize = 32;

    static Result<Ed25519PrivateKey> generate(Rng& rng);
    // The 32-byte seed of RFC 8032 §5.1.5 (Errc::invalid_argument for another length).
    static Result<Ed25519PrivateKey> from_bytes(ByteView seed);

    Ed25519PublicKey public_key() const;
    // Signing is deterministic (RFC 8032 §5.1.6); rng is unused and kept for the
    // sig.h shape. Errc::invalid_argument for a bad context.
    Result<Bytes> sign(ByteView message, Rng& rng, Ed25519Params params = {}) const;
    Result<Bytes> sign(ByteView message, Ed25519Params params = {}) const;
    const Secret<32>& seed() const { return seed_; }

  private:
    Ed25519PrivateKey() = default;
    Secret<32> seed_;
    Secret<32> scalar_;  // s: the clamped first half of SHA-512(seed)
    Secret<32> prefix_;  // the second half
    std::array<uint8_t, 32> public_{};
};

}  // namespace keel::crypto
