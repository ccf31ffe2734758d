// The NTT twiddle factors as a constexpr table, shared by every backend so that SIMD
// backends can derive their own layouts at compile time (no start-up code that could
// run ISA instructions before dispatch has checked the CPU).
#pragma once

#include <array>
#include <cstdint>

#include "pq/mldsa/internal/params.h"

namespace keel::pq::detail {

constexpr int64_t pow_mod_q(int64_t b, int64_t e) {
    int64_t r = 1;
    b %= kQ;
    while (e > 0) {
        if (e & 1) r = r * b % kQ;
        b = b * b % kQ;
        e >>= 1;
    }
    return r;
}

constexpr unsigned brv8(unsigned x) {
    unsigned r = 0;
    for (int i = 0; i < 8; i++) r |= ((x >> i) & 1u) << (7 - i);
    return r;
}

// zetas[i] = 1753^brv8(i) * 2^32 mod q, centered in (-q/2, q/2): 1753 is the primitive
// 512th root of unity FIPS 204 fixes (§7.5, Appendix B), in Montgomery form.
// zetas[0] is unused.
constexpr std::array<int32_t, 256> make_zetas() {
    std::array<int32_t, 256> z{};
    const int64_t r_mod = (int64_t{1} << 32) % kQ;
    for (unsigned i = 0; i < 256; i++) {
        int64_t v = pow_mod_q(1753, brv8(i)) * r_mod % kQ;
        if (v > kQ / 2) v -= kQ;
        z[i] = static_cast<int32_t>(v);
    }
    return z;
}

inline constexpr std::array<int32_t, 256> kZetaTable = make_zetas();
static_assert(kZetaTable[1] == 25847);  // 1753^128 * 2^32 mod q, centered

// 2^64 / 256 mod q: montgomery_reduce(f * a) = a * 2^32 / 256, which folds the 1/256 of
// FIPS 204 Alg 42 step 21 and the "to Montgomery" factor into one multiplication.
inline constexpr int32_t kInvNttF = static_cast<int32_t>(pow_mod_q(2, 56));
static_assert(kInvNttF == 41978);

}  // namespace keel::pq::detail
