// Pieces every X25519 ladder backend shares (RFC 7748 §5). They are portable code
// (x25519_ladder_51.cc), so ISA backends call them instead of inlining the portable
// field arithmetic into a translation unit built with ISA flags.
#pragma once

#include <cstdint>

#include "crypto/curve25519/internal/fe25519_51.h"
#include "crypto/curve25519/x25519.h"

namespace keel::crypto::detail {

// RFC 7748 §5 decodeScalar25519: clear bits 0-2 and 255, set bit 254.
void x25519_clamp(uint8_t k[32], const uint8_t scalar[32]);

// out = x2 / z2, canonical little-endian (0 when z2 = 0); limbs < 2^54.
void x25519_finish(uint8_t out[32], const Fe25519& x2, const Fe25519& z2);

// The AVX-512 IFMA ladder (x25519_ifma.cc); only call when the CPU has
// avx512f, avx512vl and avx512ifma.
void x25519_ifma(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]);

}  // namespace keel::crypto::detail
