// GF(p), p = 2^448 - 2^224 - 1, in radix 2^56: eight 64-bit limbs, 128-bit products.
// Portable and constant-time: no branch and no index depends on a field element.
//
// Multiplication is Karatsuba over phi = 2^224 (four limbs per half): with
// a = a0 + a1 phi, b = b0 + b1 phi and phi^2 = phi + 1 (mod p),
//   a b = (a0 b0 + a1 b1) + ((a0 + a1)(b0 + b1) - a0 b0) phi,
// three 4x4-limb products instead of four.
//
// Bounds: "tight" = each limb < 2^56 + 2^13 (what mul/sq/mul_small/carry return).
// mul/sq accept limbs < 2^59: every 128-bit column stays below 2^124.
// add(tight, tight) < 2^57.1; sub(f, g) needs g < 2^58 - 8 and returns < f + 2^58.
#pragma once

#include <cstdint>

namespace keel::crypto::detail {

struct Fe448 {
    uint64_t v[8];
};

namespace fe448 {

using u128 = unsigned __int128;
inline constexpr uint64_t kMask56 = (uint64_t{1} << 56) - 1;

inline void zero(Fe448& h) {
    for (auto& x : h.v) x = 0;
}
inline void one(Fe448& h) {
    zero(h);
    h.v[0] = 1;
}

inline void add(Fe448& h, const Fe448& f, const Fe448& g) {
    for (int i = 0; i < 8; i++) h.v[i] = f.v[i] + g.v[i];
}

// h = f - g + 4p limb by limb (4p = 2^58 - 4 in every limb but limb 4 = 2^58 - 8).
inline void sub(Fe448& h, const Fe448& f, const Fe448& g) {
    for (int i = 0; i < 8; i++) {
        const uint64_t bias = (i == 4) ? (uint64_t{1} << 58) - 8 : (uint64_t{1} << 58) - 4;
        h.v[i] = (f.v[i] + bias) - g.v[i];
    }
}

inline void neg(Fe448& h, const Fe448& f) {
    Fe448 z;
    zero(z);
    sub(h, z, f);
}

// Carries eight 128-bit columns (each < 2^125) into a tight result. The carry out of
// the top limb is worth 2^448 = 2^224 + 1: it goes into limbs 0 and 4.
inline void reduce_columns(Fe448& h, u128 c[8]) {
    for (int i = 0; i < 7; i++) {
        c[i + 1] += c[i] >> 56;  // up to 2^69: kept in 128 bits
        c[i] = static_cast<uint64_t>(c[i]) & kMask56;
    }
    const u128 top = c[7] >> 56;  // < 2^69
    c[7] = static_cast<uint64_t>(c[7]) & kMask56;
    c[0] += top;
    c[4] += top;
    c[1] += static_cast<uint64_t>(c[0] >> 56);
    c[5] += static_cast<uint64_t>(c[4] >> 56);
    c[0] = static_cast<uint64_t>(c[0]) & kMask56;
    c[4] = static_cast<uint64_t>(c[4]) & kMask56;
    for (int i = 0; i < 8; i++) h.v[i] = static_cast<uint64_t>(c[i]);
}

// One carry pass for limbs < 2^63 -> tight.
inline void carry(Fe448& h) {
    u128 c[8];
    for (int i = 0; i < 8; i++) c[i] = h.v[i];
    reduce_columns(h, c);
}

// r[0..6] = columns of the 4x4-limb product a * b.
inline void mul4(u128 r[7], const uint64_t a[4], const uint64_t b[4]) {
    for (int k = 0; k < 7; k++) r[k] = 0;
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) r[i + j] += static_cast<u128>(a[i]) * b[j];
    }
}

inline void sq4(u128 r[7], const uint64_t a[4]) {
    const uint64_t d0 = 2 * a[0], d1 = 2 * a[1], d2 = 2 * a[2];
    r[0] = static_cast<u128>(a[0]) * a[0];
    r[1] = static_cast<u128>(d0) * a[1];
    r[2] = static_cast<u128>(d0) * a[2] + static_cast<u128>(a[1]) * a[1];
    r[3] = static_cast<u128>(d0) * a[3] + static_cast<u128>(d1) * a[2];
    r[4] = static_cast<u128>(d1) * a[3] + static_cast<u128>(a[2]) * a[2];
    r[5] = static_cast<u128>(d2) * a[3];
    r[6] = static_cast<u128>(a[3]) * a[3];
}

// Folds the Karatsuba pieces: lo = a0 b0 + a1 b1, mid = (a0+a1)(b0+b1) - a0 b0, both
// 7 columns; mid is worth phi = 2^224 (4 limbs up), and columns 8..10 wrap to 0..2
// and 4..6 since 2^448 = 2^224 + 1.
inline void fold(Fe448& h, const u128 lo[7], const u128 mid[7]) {
    u128 c[8];
    c[0] = lo[0] + mid[4];
    c[1] = lo[1] + mid[5];
    c[2] = lo[2] + mid[6];
    c[3] = lo[3];
    c[4] = lo[4] + mid[0] + mid[4];
    c[5] = lo[5] + mid[1] + mid[5];
    c[6] = lo[6] + mid[2] + mid[6];
    c[7] = mid[3];
    reduce_columns(h, c);
}

inline void mul(Fe448& h, const Fe448& f, const Fe448& g) {
    const uint64_t* a0 = f.v;
    const uint64_t* a1 = f.v + 4;
    const uint64_t* b0 = g.v;
    const uint64_t* b1 = g.v + 4;
    uint64_t as[4], bs[4];
    for (int i = 0; i < 4; i++) {
        as[i] = a0[i] + a1[i];
        bs[i] = b0[i] + b1[i];
    }
    u128 p0[7], p1[7], pm[7];
    mul4(p0, a0, b0);
    mul4(p1, a1, b1);
    mul4(pm, as, bs);
    for (int k = 0; k < 7; k++) {
        pm[k] -= p0[k];  // column-wise (a0+a1)(b0+b1) >= a0 b0: never negative
        p0[k] += p1[k];
    }
    fold(h, p0, pm);
}

inline void sq(Fe448& h, const Fe448& f) {
    const uint64_t* a0 = f.v;
    const uint64_t* a1 = f.v + 4;
    uint64_t as[4];
    for (int i = 0; i < 4; i++) as[i] = a0[i] + a1[i];
    u128 p0[7], p1[7], pm[7];
    sq4(p0, a0);
    sq4(p1, a1);
    sq4(pm, as);
    for (int k = 0; k < 7; k++) {
        pm[k] -= p0[k];
        p0[k] += p1[k];
    }
    fold(h, p0, pm);
}

inline void sq_n(Fe448& h, const Fe448& f, int n) {
    sq(h, f);
    for (int i = 1; i < n; i++) sq(h, h);
}

// h = f * k for a small public k < 2^20.
inline void mul_small(Fe448& h, const Fe448& f, uint32_t k) {
    u128 c[8];
    for (int i = 0; i < 8; i++) c[i] = static_cast<u128>(f.v[i]) * k;
    reduce_columns(h, c);
}

inline void cswap(Fe448& f, Fe448& g, uint64_t mask) {
    for (int i = 0; i < 8; i++) {
        uint64_t t = mask & (f.v[i] ^ g.v[i]);
        f.v[i] ^= t;
        g.v[i] ^= t;
    }
}

inline void cmov(Fe448& f, const Fe448& g, uint64_t mask) {
    for (int i = 0; i < 8; i++) f.v[i] ^= mask & (f.v[i] ^ g.v[i]);
}

// 56 little-endian bytes, all 448 bits used; values p..2^448-1 are accepted.
void from_bytes(Fe448& h, const uint8_t in[56]);
// Canonical encoding; input limbs < 2^59.
void to_bytes(uint8_t out[56], const Fe448& f);
// h = f^((p-3)/4), for square roots (RFC 8032 §5.2.3) and inversion.
void pow_p34(Fe448& h, const Fe448& f);
// h = 1/f (0 -> 0) = f^(p-2).
void invert(Fe448& h, const Fe448& f);
uint64_t is_zero(const Fe448& f);
uint64_t is_negative(const Fe448& f);

}  // namespace fe448
}  // namespace keel::crypto::detail
