// Ed448 and Ed448ph (RFC 8032 §5.2), with the key shape of crypto/sig/sig.h.
//
// Verification is strict and cofactorless, as for Ed25519 (crypto/curve25519/ed25519.h):
// 114-byte signatures (else Errc::malformed); S < L; the canonical encoding of
// R' = [S]B - [k]A must equal the R bytes. Public keys must decode per §5.2.3.
// Every signature that does not verify is Errc::auth_failed.
#pragma once

#include <array>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/curve448/internal/ge448.h"
#include "crypto/rng.h"

namespace keel::crypto {

// RFC 8032 §5.2: Ed448 (prehash = false) or Ed448ph, and a context of at most 255 bytes
// (empty allowed for both).
struct Ed448Params {
    bool prehash = false;
    ByteView context = {};
};

class Ed448PublicKey {
  public:
    static constexpr size_t kSize = 57;
    static constexpr size_t kSignatureSize = 114;

    // Errc::malformed unless 57 bytes that decode to a curve point (RFC 8032 §5.2.3).
    static Result<Ed448PublicKey> from_bytes(ByteView encoded);
    Result<void> verify(ByteView message, ByteView signature, Ed448Params params = {}) const;
    const std::array<uint8_t, 57>& bytes() const { return bytes_; }

  private:
    friend class Ed448PrivateKey;
    Ed448PublicKey() = default;
    std::array<uint8_t, 57> bytes_{};
    detail::Ge448 minus_a_{};
};

class Ed448PrivateKey {
  public:
    static constexpr size_t kSeedSize = 57;

    static Result<Ed448PrivateKey> generate(Rng& rng);
    // The 57-byte seed of RFC 8032 §5.2.5 (Errc::invalid_argument for another length).
    static Result<Ed448PrivateKey> from_bytes(ByteView seed);

    Ed448PublicKey public_key() const;
    // Deterministic (RFC 8032 §5.2.6); rng is unused and kept for the sig.h shape.
    Result<Bytes> sign(ByteView message, Rng& rng, Ed448Params params = {}) const;
    Result<Bytes> sign(ByteView message, Ed448Params params = {}) const;
    const Secret<57>& seed() const { return seed_; }

  private:
    Ed448PrivateKey() = default;
    Secret<57> seed_;
    Secret<56> scalar_;  // s: the clamped first 56 bytes of SHAKE256(seed, 114)
    Secret<57> prefix_;
    std::array<uint8_t, 57> public_{};
};

}  // namespace keel::crypto
