// Portable GHASH (SP 800-38D §6.4), constant-time without tables.
//
// The 64x64 carry-less product is built from ordinary integer multiplies with "holes":
// each operand is split into five interleaved bit classes (bits i with i mod 5 == c).
// A product of two classes has at most 13 terms per result bit, so the integer sum at
// any bit is below 16 and its carries reach at most 3 positions up, never the next bit
// of the same class (5 up). Masking each class out of the XOR of its five products
// therefore leaves exactly the carry-less bits. Multiplies are constant-time on x86-64
// and every other target keel builds for; nothing branches on or indexes by data.
#include "base/endian.h"
#include "base/secret.h"
#include "crypto/aead/gcm.h"

namespace keel::crypto::detail {
namespace {

using u128 = unsigned __int128;

constexpr uint64_t class_mask64(int c) {
    uint64_t m = 0;
    for (int i = c; i < 64; i += 5) m |= uint64_t{1} << i;
    return m;
}
constexpr u128 class_mask128(int c) {
    u128 m = 0;
    for (int i = c; i < 128; i += 5) m |= u128{1} << i;
    return m;
}

constexpr uint64_t kM64[5] = {class_mask64(0), class_mask64(1), class_mask64(2), class_mask64(3),
                              class_mask64(4)};
constexpr u128 kM128[5] = {class_mask128(0), class_mask128(1), class_mask128(2), class_mask128(3),
                           class_mask128(4)};

inline u128 clmul64(uint64_t x, uint64_t y) {
    uint64_t xs[5], ys[5];
    for (int c = 0; c < 5; c++) {
        xs[c] = x & kM64[c];
        ys[c] = y & kM64[c];
    }
    u128 r = 0;
    for (int c = 0; c < 5; c++) {
        u128 acc = 0;
        for (int a = 0; a < 5; a++) acc ^= u128{xs[a]} * ys[(c - a + 5) % 5];
        r |= acc & kM128[c];
    }
    return r;
}

// The 256-bit product of reflected field elements, shifted left by one and reduced
// modulo x^128 + x^7 + x^2 + x + 1 in the reflected domain. The low half L holds the
// coefficients of x^128..x^255; x^(128+d) = x^d * (1 + x + x^2 + x^7), so L folds into
// the high half as L ^ L>>1 ^ L>>2 ^ L>>7, and the bits those shifts push out (to
// degrees >= 128 again) are first moved back in as L<<127 ^ L<<126 ^ L<<121.
inline void reduce(u128 hi, u128 lo, uint64_t out[2]) {
    hi = (hi << 1) | (lo >> 127);
    lo <<= 1;
    const uint64_t l0 = static_cast<uint64_t>(lo);
    const u128 v = lo ^ (u128{(l0 << 63) ^ (l0 << 62) ^ (l0 << 57)} << 64);
    const u128 r = hi ^ v ^ (v >> 1) ^ (v >> 2) ^ (v >> 7);
    out[0] = static_cast<uint64_t>(r);
    out[1] = static_cast<uint64_t>(r >> 64);
}

}  // namespace

void ghash_mul_portable(uint64_t a[2], const uint64_t b[2]) {
    // Karatsuba: three 64x64 products.
    const u128 p0 = clmul64(a[0], b[0]);
    const u128 p2 = clmul64(a[1], b[1]);
    const u128 p1 = clmul64(a[0] ^ a[1], b[0] ^ b[1]) ^ p0 ^ p2;
    const u128 lo = p0 ^ (p1 << 64);
    const u128 hi = p2 ^ (p1 >> 64);
    reduce(hi, lo, a);
}

void ghash_portable(const GhashKey& k, uint64_t y[2], const uint8_t* in, size_t blocks) {
    for (; blocks > 0; blocks--, in += 16) {
        y[1] ^= load_be64(in);
        y[0] ^= load_be64(in + 8);
        ghash_mul_portable(y, k.h);
    }
}

void ghash_init_powers(GhashKey& k) {
    uint64_t p[2] = {k.h[0], k.h[1]};
    for (int i = 15; i >= 0; i--) {
        k.pow[i][0] = p[0];
        k.pow[i][1] = p[1];
        ghash_mul_portable(p, k.h);
    }
    secure_wipe(p, sizeof p);
}

}  // namespace keel::crypto::detail
