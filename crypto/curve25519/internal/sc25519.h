// Scalars modulo the edwards25519 group order
// L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 §5.1), as 32 little-endian
// bytes. Constant-time except where named _vartime.
#pragma once

#include <cstdint>

namespace keel::crypto::detail::sc25519 {

// out = in mod L for a 64-byte little-endian value (a SHA-512 digest, RFC 8032 §5.1.6).
void reduce64(uint8_t out[32], const uint8_t in[64]);
// out = (a * b + c) mod L; a, b, c < 2^255.
void muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32], const uint8_t c[32]);
// True when s < L (RFC 8032 §5.1.7: reject S >= L). Public input.
bool is_canonical_vartime(const uint8_t s[32]);

}  // namespace keel::crypto::detail::sc25519
