// Constants shared by the ChaCha20 backends.
#pragma once

#include <cstdint>

namespace keel::crypto::detail {

// "expand 32-byte k" as little-endian words (RFC 8439 §2.3).
inline constexpr uint32_t kChaChaSigma[4] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

}  // namespace keel::crypto::detail
