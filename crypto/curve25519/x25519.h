// X25519 (RFC 7748 §5) and the TLS key-exchange functions of group x25519
// (crypto/kx/kx.h, RFC 8446 §7.4.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/kx/kx.h"
#include "crypto/rng.h"

namespace keel::crypto::x25519 {

inline constexpr size_t kScalarSize = 32;
inline constexpr size_t kShareSize = 32;

// X25519(k, u) exactly as RFC 7748 §5: clamps k, ignores the top bit of u, accepts
// non-canonical u, and returns all zeros for small-order u (callers that need a
// contributory result check for it; the kx_* functions below do). Constant-time in k.
void scalarmult(std::span<uint8_t, 32> out, std::span<const uint8_t, 32> scalar,
                std::span<const uint8_t, 32> u);
// X25519(k, 9): the public key of scalar k.
void scalarmult_base(std::span<uint8_t, 32> out, std::span<const uint8_t, 32> scalar);

// crypto/kx/kx.h. Shares are 32 bytes (else Errc::malformed); an all-zero shared
// secret (small-order peer share) is Errc::invalid_argument.
Result<KxClientState> kx_generate(Rng& rng);
Result<KxServerResult> kx_respond(ByteView client_share, Rng& rng);
Result<SecretBytes> kx_finish(const KxClientState& state, ByteView server_share);

}  // namespace keel::crypto::x25519

namespace keel::crypto::detail {

// One Montgomery-ladder implementation of X25519(k, u) (RFC 7748 §5).
using X25519Fn = void (*)(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]);
void x25519_portable(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]);

struct X25519Backend {
    const char* name;
    X25519Fn fn;
};
// Backends this CPU may use under KEEL_CPU: portable first, the dispatch choice last.
std::span<const X25519Backend> x25519_backends();

}  // namespace keel::crypto::detail
