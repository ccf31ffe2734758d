// X25519 (RFC 7748 §5) with AVX-512 IFMA: a 4-way Montgomery ladder.
//
// The four field elements of a ladder step (x2, z2, x3, z3) live in the four 64-bit
// lanes of a ymm register set, one register per limb (radix 2^51, five limbs). Each
// step is three 4-lane multiplications, every lane doing a useful (or trivial)
// product, so the ladder runs at the latency of three multiplications per bit:
//   M1 = (A, B, D, C) * (A, B, A, B)        = (AA, BB, DA, CB)
//   W  = (AA, E, S, T) * (0, a24, 0, x1)    = (0, a24 E, 0, x1 T)
//        with E = AA - BB, S = DA + CB, T = DA - CB
//   M2 = (AA, E, S, T) * (BB, AA + a24 E, S, x1 T) = (x2', z2', x3', z3')
// which are the formulas of RFC 7748 §5 (z3' = x1 T^2 computed as (x1 T) T).
//
// vpmadd52{lo,hi}uq multiply the low 52 bits of each lane: the low half lands in the
// limb's own column and the high half (bits 52..103) is worth 2 * 2^51, i.e. twice a
// column up. Radix 2^51 leaves one bit of headroom, so limbs < 2^52 multiply correctly.
// Bounds: mul4 takes limbs < 2^52 and returns limbs < 2^51 + 2^15 ("tight");
// lin_carry turns any limbs < 2^62 into limbs < 2^51 + 2^16.
//
// Constant-time: the scalar bits only select lanes through a mask (the conditional swap
// of the halves (x2, z2) <-> (x3, z3)); no branch or memory index depends on them.
#include <immintrin.h>

#include "base/secret.h"
#include "crypto/curve25519/internal/x25519_ladder.h"

namespace keel::crypto::detail {

namespace {

struct Fe4 {
    __m256i v[5];
};

constexpr uint64_t kMask51 = (uint64_t{1} << 51) - 1;

inline __m256i times19(__m256i x) {
    return _mm256_add_epi64(_mm256_add_epi64(_mm256_slli_epi64(x, 4), _mm256_slli_epi64(x, 1)), x);
}

// One parallel carry round: limbs < 2^62 -> limbs < 2^51 + 2^16.
inline void lin_carry(Fe4& h) {
    const __m256i m = _mm256_set1_epi64x(kMask51);
    __m256i c[5];
    for (int i = 0; i < 5; i++) c[i] = _mm256_srli_epi64(h.v[i], 51);
    for (int i = 0; i < 5; i++) h.v[i] = _mm256_and_si256(h.v[i], m);
    h.v[0] = _mm256_madd52lo_epu64(h.v[0], c[4], _mm256_set1_epi64x(19));  // c[4] < 2^11
    for (int i = 1; i < 5; i++) h.v[i] = _mm256_add_epi64(h.v[i], c[i - 1]);
}

// h = f * g lane by lane; f, g limbs < 2^52, h tight.
inline void mul4(Fe4& h, const Fe4& f, const Fe4& g) {
    const __m256i z = _mm256_setzero_si256();
    // lo[k] collects the low halves of column k, hi[k] the high halves of column k
    // (which belong to column k + 1). Five terms < 2^52 each: < 2^55.
    __m256i lo[9], hi[9];
    for (int k = 0; k < 9; k++) lo[k] = hi[k] = z;
    for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 5; j++) {
            lo[i + j] = _mm256_madd52lo_epu64(lo[i + j], f.v[i], g.v[j]);
            hi[i + j] = _mm256_madd52hi_epu64(hi[i + j], f.v[i], g.v[j]);
        }
    }
    // Column k of the double-length product is lo_k + 2 hi_{k-1} (< 2^56); columns 5..9
    // fold into 0..4 times 19 since 2^255 = 19 (mod p).
    __m256i c[10];
    for (int k = 0; k < 10; k++) {
        __m256i l = k < 9 ? lo[k] : z;
        __m256i hh = k > 0 ? hi[k - 1] : z;
        c[k] = _mm256_add_epi64(l, _mm256_add_epi64(hh, hh));
    }
    for (int k = 0; k < 5; k++) h.v[k] = _mm256_add_epi64(c[k], times19(c[k + 5]));
    lin_carry(h);  // < 2^61 in, tight out
}

// 2p in radix 2^51, limb by limb: added before subtracting a tight value (< 2^52 - 38)
// so no lane goes negative.
inline __m256i two_p(int limb) {
    return _mm256_set1_epi64x(limb == 0 ? (int64_t{1} << 52) - 38 : (int64_t{1} << 52) - 2);
}

// Lanes (x2, z2, x3, z3) -> (A, B, D, C) = (x2 + z2, x2 - z2, x3 - z3, x3 + z3), carried,
// after swapping (x2, z2) <-> (x3, z3) when swap is all ones. The swap is a lane
// permutation whose index vector is masked by the secret bit (register operands only:
// no branch, no memory index).
inline void swap_hadamard(Fe4& h, const Fe4& f, __m256i swap) {
    const __m256i two = _mm256_and_si256(swap, _mm256_set1_epi64x(2));
    const __m256i ip = _mm256_xor_si256(_mm256_set_epi64x(2, 2, 0, 0), two);
    const __m256i iq = _mm256_xor_si256(_mm256_set_epi64x(3, 3, 1, 1), two);
    for (int i = 0; i < 5; i++) {
        __m256i p = _mm256_permutexvar_epi64(ip, f.v[i]);   // (a, a, c, c)
        __m256i q = _mm256_permutexvar_epi64(iq, f.v[i]);   // (b, b, d, d)
        q = _mm256_mask_sub_epi64(q, 0b0110, two_p(i), q);  // (b, 2p - b, 2p - d, d)
        h.v[i] = _mm256_add_epi64(p, q);
    }
    lin_carry(h);
}

void ladder(Fe4& x, const Fe25519& x1, const uint8_t k[32]) {
    // The middle multiplier (0, a24, 0, x1), a24 = (486662 - 2) / 4.
    Fe4 ka;
    for (int i = 0; i < 5; i++) {
        ka.v[i] = _mm256_set_epi64x(static_cast<int64_t>(x1.v[i]), 0, i == 0 ? 121665 : 0, 0);
    }

    uint64_t swap = 0;
    for (int t = 254; t >= 0; t--) {
        const uint64_t bit = (k[t >> 3] >> (t & 7)) & 1;
        swap ^= bit;
        const __m256i mask = _mm256_set1_epi64x(static_cast<int64_t>(0 - swap));
        swap = bit;

        Fe4 l, r, m1;
        swap_hadamard(l, x, mask);  // (A, B, D, C)
        for (int i = 0; i < 5; i++)
            r.v[i] = _mm256_permute4x64_epi64(l.v[i], 0x44);  // (A, B, A, B)
        mul4(m1, l, r);                                       // (AA, BB, DA, CB)

        Fe4 u, w;
        for (int i = 0; i < 5; i++) {
            __m256i p = _mm256_unpacklo_epi64(m1.v[i], m1.v[i]);  // (AA, AA, DA, DA)
            __m256i q = _mm256_unpackhi_epi64(m1.v[i], m1.v[i]);  // (BB, BB, CB, CB)
            q = _mm256_mask_sub_epi64(q, 0b1010, two_p(i), q);
            u.v[i] = _mm256_mask_add_epi64(p, 0b1110, p, q);  // (AA, E, S, T)
        }
        lin_carry(u);
        mul4(w, u, ka);  // (0, a24 E, 0, x1 T)
        for (int i = 0; i < 5; i++) {
            // (BB, AA, S, 0): lane 0 from m1 lane 1, lanes 1 and 2 from u lanes 0 and 2.
            const __m256i idx = _mm256_set_epi64x(3, 2, 0, 5);
            r.v[i] = _mm256_add_epi64(_mm256_maskz_permutex2var_epi64(0b0111, u.v[i], idx, m1.v[i]),
                                      w.v[i]);
        }
        lin_carry(r);   // (BB, AA + a24 E, S, x1 T)
        mul4(x, u, r);  // (x2', z2', x3', z3')
    }
    const __m256i mask = _mm256_set1_epi64x(static_cast<int64_t>(0 - swap));
    for (int i = 0; i < 5; i++) {
        __m256i s = _mm256_permute4x64_epi64(x.v[i], 0x4e);
        x.v[i] = _mm256_ternarylogic_epi64(mask, s, x.v[i], 0xca);
    }
}

}  // namespace

void x25519_ifma(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]) {
    uint8_t k[32];
    x25519_clamp(k, scalar);
    Fe25519 x1;
    fe25519::from_bytes(x1, u);

    Fe4 x;  // (x2, z2, x3, z3) = (1, 0, x1, 1)
    for (int i = 0; i < 5; i++) {
        x.v[i] = _mm256_set_epi64x(0, static_cast<int64_t>(x1.v[i]), 0, 0);
    }
    x.v[0] = _mm256_mask_mov_epi64(x.v[0], 0b1001, _mm256_set1_epi64x(1));
    ladder(x, x1, k);

    alignas(32) uint64_t lanes[5][4];
    for (int i = 0; i < 5; i++) _mm256_store_si256(reinterpret_cast<__m256i*>(lanes[i]), x.v[i]);
    Fe25519 x2, z2;
    for (int i = 0; i < 5; i++) {
        x2.v[i] = lanes[i][0];
        z2.v[i] = lanes[i][1];
    }
    x25519_finish(out, x2, z2);
    secure_wipe(k, sizeof k);
    secure_wipe(lanes, sizeof lanes);
}

}  // namespace keel::crypto::detail
