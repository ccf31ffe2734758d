// X448 (RFC 7748 §5) and the TLS key-exchange functions of group x448
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

namespace keel::crypto::x448 {

inline constexpr size_t kScalarSize = 56;
inline constexpr size_t kShareSize = 56;

// X448(k, u) exactly as RFC 7748 §5 (clamping; non-canonical u accepted; all-zero
// output for small-order u). Constant-time in k.
void scalarmult(std::span<uint8_t, 56> out, std::span<const uint8_t, 56> scalar,
                std::span<const uint8_t, 56> u);
// X448(k, 5).
void scalarmult_base(std::span<uint8_t, 56> out, std::span<const uint8_t, 56> scalar);

// crypto/kx/kx.h. Shares are 56 bytes (else Errc::malformed); an all-zero shared
// secret is Errc::invalid_argument.
Result<KxClientState> kx_generate(Rng& rng);
Result<KxServerResult> kx_respond(ByteView client_share, Rng& rng);
Result<SecretBytes> kx_finish(const KxClientState& state, ByteView server_share);

}  // namespace keel::crypto::x448

namespace keel::crypto::detail {
void x448_portable(uint8_t out[56], const uint8_t scalar[56], const uint8_t u[56]);
}  // namespace keel::crypto::detail
