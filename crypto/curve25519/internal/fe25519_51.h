// GF(2^255 - 19) in radix 2^51: five 64-bit limbs, products in 128 bits.
// Portable and constant-time: no branch and no index depends on a field element.
//
// Bounds (every function states what it accepts and returns):
//   "tight": each limb < 2^51 + 2^18 (what fe_mul/fe_sq/fe_carry return).
//   fe_mul/fe_sq accept limbs < 2^54: each 128-bit column sum is then below
//   5 * 19 * 2^108 < 2^115, so every carry fits in 64 bits.
//   fe_add(tight, tight) < 2^52.1; fe_sub(f, g) needs g < 2^53 - 76 and returns
//   f + 2^53, i.e. < 2^54 when f < 2^53.
#pragma once

#include <cstdint>

namespace keel::crypto::detail {

struct Fe25519 {
    uint64_t v[5];
};

namespace fe25519 {

using u128 = unsigned __int128;
inline constexpr uint64_t kMask51 = (uint64_t{1} << 51) - 1;

inline void zero(Fe25519& h) {
    h = Fe25519{{0, 0, 0, 0, 0}};
}
inline void one(Fe25519& h) {
    h = Fe25519{{1, 0, 0, 0, 0}};
}

inline void add(Fe25519& h, const Fe25519& f, const Fe25519& g) {
    for (int i = 0; i < 5; i++) h.v[i] = f.v[i] + g.v[i];
}

// h = f - g + 4p, limb by limb, so no limb goes negative (g limbs < 2^53 - 76).
inline void sub(Fe25519& h, const Fe25519& f, const Fe25519& g) {
    h.v[0] = (f.v[0] + 0x1fffffffffffb4) - g.v[0];
    for (int i = 1; i < 5; i++) h.v[i] = (f.v[i] + 0x1ffffffffffffc) - g.v[i];
}

// h = -f (f limbs < 2^53 - 76).
inline void neg(Fe25519& h, const Fe25519& f) {
    Fe25519 z;
    zero(z);
    sub(h, z, f);
}

// One carry pass: any limbs < 2^63 -> tight.
inline void carry(Fe25519& h) {
    uint64_t c;
    c = h.v[0] >> 51;
    h.v[0] &= kMask51;
    h.v[1] += c;
    c = h.v[1] >> 51;
    h.v[1] &= kMask51;
    h.v[2] += c;
    c = h.v[2] >> 51;
    h.v[2] &= kMask51;
    h.v[3] += c;
    c = h.v[3] >> 51;
    h.v[3] &= kMask51;
    h.v[4] += c;
    c = h.v[4] >> 51;
    h.v[4] &= kMask51;
    h.v[0] += c * 19;
}

// Carries five 128-bit column sums (each < 2^115) into a tight result.
// 2^255 = 19 mod p folds the carry out of the top limb back into limb 0.
inline void reduce_columns(Fe25519& h, u128 r0, u128 r1, u128 r2, u128 r3, u128 r4) {
    r1 += static_cast<uint64_t>(r0 >> 51);
    r2 += static_cast<uint64_t>(r1 >> 51);
    r3 += static_cast<uint64_t>(r2 >> 51);
    r4 += static_cast<uint64_t>(r3 >> 51);
    uint64_t c = static_cast<uint64_t>(r4 >> 51);  // r4 < 2^115, so c < 2^64
    u128 h0 = (static_cast<uint64_t>(r0) & kMask51) + static_cast<u128>(c) * 19;
    uint64_t h1 = (static_cast<uint64_t>(r1) & kMask51) + static_cast<uint64_t>(h0 >> 51);
    h.v[0] = static_cast<uint64_t>(h0) & kMask51;
    h.v[1] = h1;
    h.v[2] = static_cast<uint64_t>(r2) & kMask51;
    h.v[3] = static_cast<uint64_t>(r3) & kMask51;
    h.v[4] = static_cast<uint64_t>(r4) & kMask51;
}

// h = f * g; inputs limbs < 2^54, output tight.
inline void mul(Fe25519& h, const Fe25519& f, const Fe25519& g) {
    const uint64_t f0 = f.v[0], f1 = f.v[1], f2 = f.v[2], f3 = f.v[3], f4 = f.v[4];
    const uint64_t g0 = g.v[0], g1 = g.v[1], g2 = g.v[2], g3 = g.v[3], g4 = g.v[4];
    const uint64_t g1_19 = g1 * 19, g2_19 = g2 * 19, g3_19 = g3 * 19, g4_19 = g4 * 19;
    u128 r0 =
        (u128)f0 * g0 + (u128)f1 * g4_19 + (u128)f2 * g3_19 + (u128)f3 * g2_19 + (u128)f4 * g1_19;
    u128 r1 =
        (u128)f0 * g1 + (u128)f1 * g0 + (u128)f2 * g4_19 + (u128)f3 * g3_19 + (u128)f4 * g2_19;
    u128 r2 = (u128)f0 * g2 + (u128)f1 * g1 + (u128)f2 * g0 + (u128)f3 * g4_19 + (u128)f4 * g3_19;
    u128 r3 = (u128)f0 * g3 + (u128)f1 * g2 + (u128)f2 * g1 + (u128)f3 * g0 + (u128)f4 * g4_19;
    u128 r4 = (u128)f0 * g4 + (u128)f1 * g3 + (u128)f2 * g2 + (u128)f3 * g1 + (u128)f4 * g0;
    reduce_columns(h, r0, r1, r2, r3, r4);
}

// h = f^2; input limbs < 2^54, output tight. Cross terms are doubled once.
inline void sq(Fe25519& h, const Fe25519& f) {
    const uint64_t f0 = f.v[0], f1 = f.v[1], f2 = f.v[2], f3 = f.v[3], f4 = f.v[4];
    const uint64_t f0_2 = 2 * f0, f1_2 = 2 * f1;
    const uint64_t f1_38 = 38 * f1, f2_38 = 38 * f2, f3_38 = 38 * f3;
    const uint64_t f3_19 = 19 * f3, f4_19 = 19 * f4;
    u128 r0 = (u128)f0 * f0 + (u128)f1_38 * f4 + (u128)f2_38 * f3;
    u128 r1 = (u128)f0_2 * f1 + (u128)f2_38 * f4 + (u128)f3_19 * f3;
    u128 r2 = (u128)f0_2 * f2 + (u128)f1 * f1 + (u128)f3_38 * f4;
    u128 r3 = (u128)f0_2 * f3 + (u128)f1_2 * f2 + (u128)f4_19 * f4;
    u128 r4 = (u128)f0_2 * f4 + (u128)f1_2 * f3 + (u128)f2 * f2;
    reduce_columns(h, r0, r1, r2, r3, r4);
}

// h = f^(2^n), n >= 1.
inline void sq_n(Fe25519& h, const Fe25519& f, int n) {
    sq(h, f);
    for (int i = 1; i < n; i++) sq(h, h);
}

// h = f * k for a small public constant k < 2^20; input limbs < 2^54, output tight.
inline void mul_small(Fe25519& h, const Fe25519& f, uint32_t k) {
    reduce_columns(h, (u128)f.v[0] * k, (u128)f.v[1] * k, (u128)f.v[2] * k, (u128)f.v[3] * k,
                   (u128)f.v[4] * k);
}

// Swaps f and g when mask is all ones, leaves them when it is zero.
inline void cswap(Fe25519& f, Fe25519& g, uint64_t mask) {
    for (int i = 0; i < 5; i++) {
        uint64_t t = mask & (f.v[i] ^ g.v[i]);
        f.v[i] ^= t;
        g.v[i] ^= t;
    }
}

// f = g when mask is all ones.
inline void cmov(Fe25519& f, const Fe25519& g, uint64_t mask) {
    for (int i = 0; i < 5; i++) f.v[i] ^= mask & (f.v[i] ^ g.v[i]);
}

// Little-endian 32 bytes; bit 255 is ignored (RFC 7748 §5, RFC 8032 §5.1.3). The value
// may be p..2^255-1 (non-canonical); arithmetic handles it, to_bytes reduces it.
void from_bytes(Fe25519& h, const uint8_t in[32]);
// Canonical encoding (fully reduced mod p); input limbs < 2^54.
void to_bytes(uint8_t out[32], const Fe25519& f);
// h = 1/f (0 -> 0) by Fermat, f^(p-2), with a fixed addition chain.
void invert(Fe25519& h, const Fe25519& f);
// h = f^((p-5)/8), for square roots (RFC 8032 §5.1.3).
void pow22523(Fe25519& h, const Fe25519& f);
// All-ones when f = 0 mod p.
uint64_t is_zero(const Fe25519& f);
// The low bit of the canonical value (the "sign" of RFC 8032 §5.1.2).
uint64_t is_negative(const Fe25519& f);

}  // namespace fe25519
}  // namespace keel::crypto::detail
