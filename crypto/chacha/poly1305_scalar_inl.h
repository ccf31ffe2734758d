// Scalar Poly1305 arithmetic in radix 2^44 with 128-bit products (RFC 8439 §2.5),
// shared by poly1305_portable.cc and the fused AEAD (which absorbs the aad with it
// in the middle of a vector pass, where a call would spill every zmm register).
// Constant time: fixed sequences of multiplies, shifts and masks.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/endian.h"
#include "crypto/chacha/poly1305.h"

namespace keel::crypto::detail {
namespace {

using u128 = unsigned __int128;

// Adds one 16-byte block (t0, t1 little-endian) plus hibit * 2^128 to h.
inline void add_block(uint64_t h[3], uint64_t t0, uint64_t t1, uint64_t hibit) {
    h[0] += t0 & kM44;
    h[1] += ((t0 >> 44) | (t1 << 20)) & kM44;
    h[2] += (t1 >> 24) | (hibit << 40);  // 2^128 = 2^(88 + 40)
}

// Carries d into h. Output limbs < 2^44, < 2^44 + 2^14, < 2^42.
inline void carry(uint64_t h[3], u128 d0, u128 d1, u128 d2) {
    d1 += static_cast<uint64_t>(d0 >> 44);
    h[0] = static_cast<uint64_t>(d0) & kM44;
    d2 += static_cast<uint64_t>(d1 >> 44);
    h[1] = static_cast<uint64_t>(d1) & kM44;
    uint64_t c = static_cast<uint64_t>(d2 >> 42);  // weight 2^130 = 5 mod p
    h[2] = static_cast<uint64_t>(d2) & kM42;
    h[0] += c * 5;
    h[1] += h[0] >> 44;
    h[0] &= kM44;
}

// h = h * r mod p. Limb products at weight 2^132 fold in as 4 * 5 = 20.
// Bounds: h limbs < 2^46, r limbs < 2^44, so each product < 2^95 and sums < 2^97.
inline void mul_r(uint64_t h[3], const uint64_t r[3]) {
    uint64_t s1 = r[1] * 20, s2 = r[2] * 20;
    u128 d0 = u128{h[0]} * r[0] + u128{h[1]} * s2 + u128{h[2]} * s1;
    u128 d1 = u128{h[0]} * r[1] + u128{h[1]} * r[0] + u128{h[2]} * s2;
    u128 d2 = u128{h[0]} * r[2] + u128{h[1]} * r[1] + u128{h[2]} * r[0];
    carry(h, d0, d1, d2);
}

// Absorbs n full blocks with the 2^hibit*128 bit.
inline void scalar_blocks(Poly1305State& st, const uint8_t* in, size_t n, uint64_t hibit) {
    uint64_t h[3] = {st.h[0], st.h[1], st.h[2]};
    for (; n > 0; n--, in += 16) {
        add_block(h, load_le64(in), load_le64(in + 8), hibit);
        mul_r(h, st.r);
    }
    st.h[0] = h[0];
    st.h[1] = h[1];
    st.h[2] = h[2];
}

}  // namespace
}  // namespace keel::crypto::detail
