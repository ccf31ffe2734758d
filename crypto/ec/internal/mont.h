// Fixed-width Montgomery arithmetic modulo an odd prime of N 64-bit limbs: the base
// fields and the group orders of the short-Weierstrass curves (crypto/ec/README.md).
//
// Representation: little-endian limbs. Every element handed to or returned by a
// Mont<P> function is fully reduced, in [0, m), unless a comment says otherwise;
// field elements live in the Montgomery domain (a·R mod m, R = 2^(64N)).
//
// Constant time: no branch and no memory index depends on an element's value. The
// only branches are on loop counters and, in pow(), on the bits of a public exponent
// (m - 2 for inversion, (p + 1) / 4 for square roots).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "base/ct.h"

namespace keel::crypto::ec::detail {

using u64 = uint64_t;
using u128 = unsigned __int128;

template <size_t N>
using Limbs = std::array<u64, N>;

// All-ones for bit == 1, zero for bit == 0; hidden from the optimizer at run time so
// mask arithmetic stays branch-free, plain arithmetic during constant evaluation.
constexpr u64 mask_of(u64 bit) {
    if (std::is_constant_evaluated()) return 0 - bit;
    return ct::mask_from_bit(bit);
}

constexpr u64 hex_value(char c) {
    return c >= '0' && c <= '9'   ? u64(c - '0')
           : c >= 'a' && c <= 'f' ? u64(c - 'a' + 10)
                                  : u64(c - 'A' + 10);
}

// Big-endian hex (a spec constant) -> limbs. Compile-time use only.
template <size_t N>
constexpr Limbs<N> limbs_from_hex(std::string_view hex) {
    Limbs<N> r{};
    size_t bit = 0;
    for (size_t i = hex.size(); i-- > 0;) {
        r[bit / 64] |= hex_value(hex[i]) << (bit % 64);
        bit += 4;
    }
    return r;
}

// r = a + b, returns the carry out (0 or 1).
template <size_t N>
constexpr u64 add_limbs(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& b) {
    u64 carry = 0;
    for (size_t i = 0; i < N; i++) {
        u128 s = u128(a[i]) + b[i] + carry;
        r[i] = u64(s);
        carry = u64(s >> 64);
    }
    return carry;
}

// r = a - b, returns the borrow out (0 or 1).
template <size_t N>
constexpr u64 sub_limbs(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& b) {
    u64 borrow = 0;
    for (size_t i = 0; i < N; i++) {
        u128 d = u128(a[i]) - b[i] - borrow;
        r[i] = u64(d);
        borrow = u64(d >> 64) & 1;
    }
    return borrow;
}

// r = mask ? a : r, limb by limb.
template <size_t N>
constexpr void cmov_limbs(Limbs<N>& r, const Limbs<N>& a, u64 mask) {
    for (size_t i = 0; i < N; i++) r[i] ^= mask & (r[i] ^ a[i]);
}

template <size_t N>
constexpr size_t bit_length(const Limbs<N>& a) {
    for (size_t i = N * 64; i-- > 0;)
        if ((a[i / 64] >> (i % 64)) & 1) return i + 1;
    return 0;
}

// P supplies kLimbs and kModulus (big-endian hex of an odd prime m < 2^(64·kLimbs)).
template <class P>
struct Mont {
    static constexpr size_t N = P::kLimbs;
    using Fe = Limbs<N>;

    static constexpr Fe kM = limbs_from_hex<N>(P::kModulus);
    static constexpr size_t kBits = bit_length(kM);
    static constexpr size_t kBytes = (kBits + 7) / 8;

    // -m^-1 mod 2^64 by Newton iteration (each step doubles the correct low bits).
    static constexpr u64 neg_inv64() {
        u64 x = 1;
        for (int i = 0; i < 7; i++) x *= 2 - kM[0] * x;
        return 0 - x;
    }
    static constexpr u64 kM0 = neg_inv64();

    // 2^k mod m by k modular doublings, starting from 1 (compile time only).
    static constexpr Fe pow2_mod(size_t k) {
        Fe x{};
        x[0] = 1;
        for (size_t i = 0; i < k; i++) add(x, x, x);
        return x;
    }
    static constexpr Fe kOne = pow2_mod(64 * N);  // R mod m: 1 in the Montgomery domain
    static constexpr Fe kR2 = pow2_mod(128 * N);  // R^2 mod m: converts into the domain

    static constexpr Fe m_minus(u64 k) {
        Fe r = kM;
        r[0] -= k;  // m is odd and > 2: no borrow
        return r;
    }

    // a, b < m  ->  r = a + b mod m < m.
    static constexpr void add(Fe& r, const Fe& a, const Fe& b) {
        Fe t{}, u{};
        u64 carry = add_limbs(t, a, b);
        u64 borrow = sub_limbs(u, t, kM);
        // t < m exactly when the subtraction borrowed and the addition did not carry.
        cmov_limbs(u, t, mask_of(borrow & (carry ^ 1)));
        r = u;
    }

    // a, b < m  ->  r = a - b mod m < m.
    static constexpr void sub(Fe& r, const Fe& a, const Fe& b) {
        Fe t{}, u{};
        u64 borrow = sub_limbs(t, a, b);
        add_limbs(u, t, kM);
        cmov_limbs(t, u, mask_of(borrow));
        r = t;
    }

    static constexpr void neg(Fe& r, const Fe& a) { sub(r, Fe{}, a); }

    // a, b < m  ->  r = a·b·R^-1 mod m < m (CIOS Montgomery multiplication). The
    // accumulator stays below 2m, so one conditional subtraction finishes.
    static constexpr void mul(Fe& r, const Fe& a, const Fe& b) {
        u64 t[N + 2] = {};
        for (size_t i = 0; i < N; i++) {
            u64 c = 0;
            for (size_t j = 0; j < N; j++) {
                u128 s = u128(a[j]) * b[i] + t[j] + c;
                t[j] = u64(s);
                c = u64(s >> 64);
            }
            u128 s = u128(t[N]) + c;
            t[N] = u64(s);
            t[N + 1] = u64(s >> 64);
            u64 q = t[0] * kM0;
            s = u128(q) * kM[0] + t[0];
            c = u64(s >> 64);
            for (size_t j = 1; j < N; j++) {
                s = u128(q) * kM[j] + t[j] + c;
                t[j - 1] = u64(s);
                c = u64(s >> 64);
            }
            s = u128(t[N]) + c;
            t[N - 1] = u64(s);
            t[N] = t[N + 1] + u64(s >> 64);
        }
        Fe lo{}, red{};
        for (size_t i = 0; i < N; i++) lo[i] = t[i];
        u64 borrow = sub_limbs(red, lo, kM);
        // lo + t[N]·2^(64N) < m exactly when the subtraction borrowed past t[N].
        u64 keep = borrow & (t[N] ^ 1);
        cmov_limbs(red, lo, mask_of(keep));
        r = red;
    }

    static constexpr void sqr(Fe& r, const Fe& a) { mul(r, a, a); }

    // a < m (plain)  ->  a·R mod m.
    static constexpr void to_mont(Fe& r, const Fe& a) { mul(r, a, kR2); }
    // a < m (Montgomery)  ->  plain value.
    static constexpr void from_mont(Fe& r, const Fe& a) {
        Fe one{};
        one[0] = 1;
        mul(r, a, one);
    }
    static constexpr Fe mont_from_hex(std::string_view hex) {
        Fe r{};
        to_mont(r, limbs_from_hex<N>(hex));
        return r;
    }

    // r = a^e (Montgomery domain) for a PUBLIC exponent e: branches and table indices
    // depend on e's bits only. Fixed 4-bit windows (e.g. for p-2 on P-384, 96
    // multiplications instead of ~380).
    static constexpr void pow(Fe& r, const Fe& a, const Fe& e) { pow_window<Mont>(r, a, e); }
    template <class F>
    static constexpr void pow_window(Fe& r, const Fe& a, const Fe& e) {
        Fe tab[16] = {kOne, a};
        for (size_t i = 2; i < 16; i++) F::mul(tab[i], tab[i - 1], a);
        Fe acc = kOne;
        for (size_t i = (bit_length(e) + 3) / 4; i-- > 0;) {
            for (int j = 0; j < 4; j++) F::sqr(acc, acc);
            unsigned d = unsigned(e[i / 16] >> (4 * (i % 16))) & 15;
            if (d != 0) F::mul(acc, acc, tab[d]);
        }
        r = acc;
    }

    // r = a^-1 by Fermat (a^(m-2)); maps 0 to 0. Constant time in a.
    static constexpr void inv(Fe& r, const Fe& a) { pow(r, a, m_minus(2)); }

    static u64 is_zero(const Fe& a) {
        u64 acc = 0;
        for (size_t i = 0; i < N; i++) acc |= a[i];
        return ct::is_zero(acc);
    }
    static u64 eq(const Fe& a, const Fe& b) {
        u64 acc = 0;
        for (size_t i = 0; i < N; i++) acc |= a[i] ^ b[i];
        return ct::is_zero(acc);
    }
    // All-ones when a < m.
    static u64 lt_modulus(const Fe& a) {
        Fe t;
        return mask_of(sub_limbs(t, a, kM));
    }

    // Big-endian kBytes bytes -> limbs (no reduction; bits above kBytes·8 are zero).
    static void load_be(Fe& r, const uint8_t* in) {
        r = Fe{};
        for (size_t i = 0; i < kBytes; i++) {
            size_t bit = 8 * (kBytes - 1 - i);
            r[bit / 64] |= u64(in[i]) << (bit % 64);
        }
    }
    static void store_be(uint8_t* out, const Fe& a) {
        for (size_t i = 0; i < kBytes; i++) {
            size_t bit = 8 * (kBytes - 1 - i);
            out[i] = uint8_t(a[bit / 64] >> (bit % 64));
        }
    }
    // a < 2^kBits  ->  a mod m, for m > 2^(kBits-1) (one conditional subtraction).
    static void reduce_once(Fe& r, const Fe& a) {
        Fe t;
        u64 borrow = sub_limbs(t, a, kM);
        cmov_limbs(t, a, mask_of(borrow));
        r = t;
    }
};

}  // namespace keel::crypto::ec::detail
