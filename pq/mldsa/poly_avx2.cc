// AVX2 backend of the ML-DSA polynomial interface (internal/poly.h), compiled with
// -mavx2. Eight coefficients per ymm register. Every arithmetic step computes exactly
// what the portable backend computes (the same Montgomery reduction, the same sums and
// the same rounding formulas), so outputs are bit-identical, which the backend tests
// check.
//
// NTT: the five layers with butterfly distance >= 8 work on whole registers; the last
// three (distance 4, 2, 1) run on 8x8 transposed blocks, where the distance becomes one
// between registers and each lane carries its own twiddle factor.
//
// Constant time: no branch or index on coefficient values except in rej_uniform and
// use_hint, whose inputs are public. Every function is a leaf compiled with -mavx2, so
// the compiler emits vzeroupper before each return.
#include <immintrin.h>

#include <array>

#include "pq/mldsa/internal/poly.h"
#include "pq/mldsa/internal/zetas.h"

namespace keel::pq::detail {
namespace {

// Per-lane twiddles for the transposed layers, derived at compile time from the
// portable table. Block b (0..3) of 64 coefficients; lane m is the m-th 8-coefficient
// row of that block; g selects the sub-group within the row.
struct AvxZetas {
    int32_t l6[4][8];     // distance 4: zetas[32 + 8b + m]
    int32_t l7[4][2][8];  // distance 2: zetas[64 + 16b + 2m + g]
    int32_t l8[4][4][8];  // distance 1: zetas[128 + 32b + 4m + g]
    int32_t i6[4][8];     // inverse, distance 4: -zetas[63 - 8b - m]
    int32_t i7[4][2][8];  // inverse, distance 2: -zetas[127 - 16b - 2m - g]
    int32_t i8[4][4][8];  // inverse, distance 1: -zetas[255 - 32b - 4m - g]
};

constexpr AvxZetas make_avx_zetas() {
    AvxZetas t{};
    for (int b = 0; b < 4; b++) {
        for (int m = 0; m < 8; m++) {
            t.l6[b][m] = kZetaTable[32 + 8 * b + m];
            t.i6[b][m] = -kZetaTable[63 - 8 * b - m];
            for (int g = 0; g < 2; g++) {
                t.l7[b][g][m] = kZetaTable[64 + 16 * b + 2 * m + g];
                t.i7[b][g][m] = -kZetaTable[127 - 16 * b - 2 * m - g];
            }
            for (int g = 0; g < 4; g++) {
                t.l8[b][g][m] = kZetaTable[128 + 32 * b + 4 * m + g];
                t.i8[b][g][m] = -kZetaTable[255 - 32 * b - 4 * m - g];
            }
        }
    }
    return t;
}

alignas(32) constexpr AvxZetas kAvxZetas = make_avx_zetas();

// rej_uniform's compaction table: for an 8-bit accept mask, the indices of the accepted
// lanes in order (public data only).
constexpr std::array<std::array<uint8_t, 8>, 256> make_compact() {
    std::array<std::array<uint8_t, 8>, 256> t{};
    for (int m = 0; m < 256; m++) {
        int n = 0;
        for (int i = 0; i < 8; i++) {
            if (m & (1 << i)) t[m][n++] = static_cast<uint8_t>(i);
        }
    }
    return t;
}
alignas(8) constexpr std::array<std::array<uint8_t, 8>, 256> kCompact = make_compact();

inline __m256i load(const int32_t* p) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}
inline void store(int32_t* p, __m256i v) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v);
}

// Lane-wise montgomery_reduce(a * b): the same t = low32(a b qinv) and (a b - t q) >> 32
// as the scalar code, on even lanes and (after a 32-bit shift) odd lanes.
inline __m256i montmul(__m256i a, __m256i b) {
    const __m256i q = _mm256_set1_epi32(kQ);
    const __m256i qinv = _mm256_set1_epi32(58728449);
    __m256i a_odd = _mm256_srli_epi64(a, 32);
    __m256i b_odd = _mm256_srli_epi64(b, 32);
    __m256i p_even = _mm256_mul_epi32(a, b);
    __m256i p_odd = _mm256_mul_epi32(a_odd, b_odd);
    __m256i t_even = _mm256_mul_epi32(p_even, qinv);
    __m256i t_odd = _mm256_mul_epi32(p_odd, qinv);
    __m256i r_even = _mm256_sub_epi64(p_even, _mm256_mul_epi32(t_even, q));
    __m256i r_odd = _mm256_sub_epi64(p_odd, _mm256_mul_epi32(t_odd, q));
    return _mm256_blend_epi32(_mm256_srli_epi64(r_even, 32), r_odd, 0xAA);
}

// Cooley-Tukey butterfly (a, b) -> (a + zeta b, a - zeta b).
inline void ct_bfly(__m256i& a, __m256i& b, __m256i zeta) {
    __m256i t = montmul(zeta, b);
    b = _mm256_sub_epi32(a, t);
    a = _mm256_add_epi32(a, t);
}

// Gentleman-Sande butterfly (a, b) -> (a + b, zeta (a - b)), zeta already negated.
inline void gs_bfly(__m256i& a, __m256i& b, __m256i zeta) {
    __m256i t = a;
    a = _mm256_add_epi32(t, b);
    b = montmul(zeta, _mm256_sub_epi32(t, b));
}

inline void transpose8(__m256i r[8]) {
    __m256i t[8], u[8];
    for (int i = 0; i < 8; i += 2) {
        t[i] = _mm256_unpacklo_epi32(r[i], r[i + 1]);
        t[i + 1] = _mm256_unpackhi_epi32(r[i], r[i + 1]);
    }
    for (int i = 0; i < 8; i += 4) {
        u[i] = _mm256_unpacklo_epi64(t[i], t[i + 2]);
        u[i + 1] = _mm256_unpackhi_epi64(t[i], t[i + 2]);
        u[i + 2] = _mm256_unpacklo_epi64(t[i + 1], t[i + 3]);
        u[i + 3] = _mm256_unpackhi_epi64(t[i + 1], t[i + 3]);
    }
    for (int i = 0; i < 4; i++) {
        r[i] = _mm256_permute2x128_si256(u[i], u[i + 4], 0x20);
        r[i + 4] = _mm256_permute2x128_si256(u[i], u[i + 4], 0x31);
    }
}

// Bounds as the portable ntt: |a| < q in, < 9q out.
void ntt(int32_t* a) {
    __m256i v[32];
    for (int i = 0; i < 32; i++) v[i] = load(a + 8 * i);
    unsigned k = 0;
    for (int dist = 16; dist >= 1; dist >>= 1) {  // coefficient distance 128 .. 8
        for (int start = 0; start < 32; start += 2 * dist) {
            const __m256i zeta = _mm256_set1_epi32(kZetaTable[++k]);
            for (int j = start; j < start + dist; j++) ct_bfly(v[j], v[j + dist], zeta);
        }
    }
    for (int b = 0; b < 4; b++) {
        __m256i* r = v + 8 * b;
        transpose8(r);  // r[j] lane m = coefficient 64b + 8m + j
        const __m256i z6 = load(kAvxZetas.l6[b]);
        for (int j = 0; j < 4; j++) ct_bfly(r[j], r[j + 4], z6);
        for (int g = 0; g < 2; g++) {
            const __m256i z7 = load(kAvxZetas.l7[b][g]);
            ct_bfly(r[4 * g], r[4 * g + 2], z7);
            ct_bfly(r[4 * g + 1], r[4 * g + 3], z7);
        }
        for (int g = 0; g < 4; g++) ct_bfly(r[2 * g], r[2 * g + 1], load(kAvxZetas.l8[b][g]));
        transpose8(r);
    }
    for (int i = 0; i < 32; i++) store(a + 8 * i, v[i]);
}

// Bounds as the portable invntt_tomont: |a| < q in, < q out.
void invntt_tomont(int32_t* a) {
    __m256i v[32];
    for (int i = 0; i < 32; i++) v[i] = load(a + 8 * i);
    for (int b = 0; b < 4; b++) {
        __m256i* r = v + 8 * b;
        transpose8(r);
        for (int g = 0; g < 4; g++) gs_bfly(r[2 * g], r[2 * g + 1], load(kAvxZetas.i8[b][g]));
        for (int g = 0; g < 2; g++) {
            const __m256i z7 = load(kAvxZetas.i7[b][g]);
            gs_bfly(r[4 * g], r[4 * g + 2], z7);
            gs_bfly(r[4 * g + 1], r[4 * g + 3], z7);
        }
        const __m256i z6 = load(kAvxZetas.i6[b]);
        for (int j = 0; j < 4; j++) gs_bfly(r[j], r[j + 4], z6);
        transpose8(r);
    }
    unsigned k = 32;
    for (int dist = 1; dist <= 16; dist <<= 1) {  // coefficient distance 8 .. 128
        for (int start = 0; start < 32; start += 2 * dist) {
            const __m256i zeta = _mm256_set1_epi32(-kZetaTable[--k]);
            for (int j = start; j < start + dist; j++) gs_bfly(v[j], v[j + dist], zeta);
        }
    }
    const __m256i f = _mm256_set1_epi32(kInvNttF);
    for (int i = 0; i < 32; i++) store(a + 8 * i, montmul(f, v[i]));
}

void pointwise(int32_t* c, const int32_t* a, const int32_t* b) {
    for (int i = 0; i < kN; i += 8) store(c + i, montmul(load(a + i), load(b + i)));
}

void pointwise_acc(int32_t* c, const Poly* a, const Poly* b, int n) {
    for (int i = 0; i < kN; i += 8) {
        __m256i s = _mm256_setzero_si256();
        for (int j = 0; j < n; j++)
            s = _mm256_add_epi32(s, montmul(load(a[j].c + i), load(b[j].c + i)));
        store(c + i, s);
    }
}

void reduce32(int32_t* a) {
    const __m256i q = _mm256_set1_epi32(kQ);
    const __m256i half = _mm256_set1_epi32(1 << 22);
    for (int i = 0; i < kN; i += 8) {
        __m256i x = load(a + i);
        __m256i t = _mm256_srai_epi32(_mm256_add_epi32(x, half), 23);
        store(a + i, _mm256_sub_epi32(x, _mm256_mullo_epi32(t, q)));
    }
}

void caddq(int32_t* a) {
    const __m256i q = _mm256_set1_epi32(kQ);
    for (int i = 0; i < kN; i += 8) {
        __m256i x = load(a + i);
        store(a + i, _mm256_add_epi32(x, _mm256_and_si256(_mm256_srai_epi32(x, 31), q)));
    }
}

void power2round(int32_t* a1, int32_t* a0, const int32_t* a) {
    const __m256i r = _mm256_set1_epi32((1 << (kD - 1)) - 1);
    for (int i = 0; i < kN; i += 8) {
        __m256i x = load(a + i);
        __m256i hi = _mm256_srai_epi32(_mm256_add_epi32(x, r), kD);
        store(a1 + i, hi);
        store(a0 + i, _mm256_sub_epi32(x, _mm256_slli_epi32(hi, kD)));
    }
}

// The portable decompose1 formulas, lane-wise.
inline void decompose8(__m256i a, int32_t gamma2, __m256i* hi, __m256i* lo) {
    __m256i a1 = _mm256_srai_epi32(_mm256_add_epi32(a, _mm256_set1_epi32(127)), 7);
    if (gamma2 == (kQ - 1) / 32) {  // public parameter
        a1 = _mm256_add_epi32(_mm256_mullo_epi32(a1, _mm256_set1_epi32(1025)),
                              _mm256_set1_epi32(1 << 21));
        a1 = _mm256_and_si256(_mm256_srai_epi32(a1, 22), _mm256_set1_epi32(15));
    } else {
        a1 = _mm256_add_epi32(_mm256_mullo_epi32(a1, _mm256_set1_epi32(11275)),
                              _mm256_set1_epi32(1 << 23));
        a1 = _mm256_srai_epi32(a1, 24);
        __m256i over = _mm256_srai_epi32(_mm256_sub_epi32(_mm256_set1_epi32(43), a1), 31);
        a1 = _mm256_xor_si256(a1, _mm256_and_si256(over, a1));
    }
    __m256i a0 = _mm256_sub_epi32(a, _mm256_mullo_epi32(a1, _mm256_set1_epi32(2 * gamma2)));
    __m256i wrap = _mm256_srai_epi32(_mm256_sub_epi32(_mm256_set1_epi32((kQ - 1) / 2), a0), 31);
    a0 = _mm256_sub_epi32(a0, _mm256_and_si256(wrap, _mm256_set1_epi32(kQ)));
    *hi = a1;
    *lo = a0;
}

void decompose(int32_t* a1, int32_t* a0, const int32_t* a, int32_t gamma2) {
    for (int i = 0; i < kN; i += 8) {
        __m256i hi, lo;
        decompose8(load(a + i), gamma2, &hi, &lo);
        store(a1 + i, hi);
        store(a0 + i, lo);
    }
}

uint32_t make_hint(int32_t* h, const int32_t* a0, const int32_t* a1, int32_t gamma2) {
    const __m256i g = _mm256_set1_epi32(gamma2);
    const __m256i ng = _mm256_set1_epi32(-gamma2);
    __m256i count = _mm256_setzero_si256();
    for (int i = 0; i < kN; i += 8) {
        __m256i x = load(a0 + i);
        __m256i above = _mm256_cmpgt_epi32(x, g);
        __m256i below = _mm256_cmpgt_epi32(ng, x);
        __m256i edge = _mm256_andnot_si256(_mm256_cmpeq_epi32(load(a1 + i), _mm256_setzero_si256()),
                                           _mm256_cmpeq_epi32(x, ng));
        __m256i m = _mm256_or_si256(_mm256_or_si256(above, below), edge);
        store(h + i, _mm256_srli_epi32(m, 31));
        count = _mm256_sub_epi32(count, m);
    }
    // Horizontal sum of the eight lane counts (no data-dependent control flow).
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(count), _mm256_extracti128_si256(count, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
    return static_cast<uint32_t>(_mm_cvtsi128_si32(s));
}

void use_hint(int32_t* out, const int32_t* a, const int32_t* h, int32_t gamma2) {
    const __m256i zero = _mm256_setzero_si256();
    for (int i = 0; i < kN; i += 8) {
        __m256i hi, lo;
        decompose8(load(a + i), gamma2, &hi, &lo);
        __m256i hint = _mm256_cmpgt_epi32(load(h + i), zero);  // h is 0 or 1
        // delta = +1 when r0 > 0, else -1; applied only where the hint is set.
        __m256i pos = _mm256_cmpgt_epi32(lo, zero);
        __m256i delta = _mm256_or_si256(_mm256_srli_epi32(pos, 31),
                                        _mm256_andnot_si256(pos, _mm256_set1_epi32(-1)));
        __m256i r = _mm256_add_epi32(hi, _mm256_and_si256(hint, delta));
        if (gamma2 == (kQ - 1) / 32) {
            r = _mm256_and_si256(r, _mm256_set1_epi32(15));
        } else {
            r = _mm256_andnot_si256(_mm256_cmpeq_epi32(r, _mm256_set1_epi32(44)), r);
            r = _mm256_blendv_epi8(r, _mm256_set1_epi32(43),
                                   _mm256_cmpeq_epi32(r, _mm256_set1_epi32(-1)));
        }
        store(out + i, r);
    }
}

uint32_t norm_exceeds(const int32_t* a, int32_t bound) {
    const __m256i b = _mm256_set1_epi32(bound - 1);
    __m256i acc = _mm256_setzero_si256();
    for (int i = 0; i < kN; i += 8) {
        acc = _mm256_or_si256(acc, _mm256_cmpgt_epi32(_mm256_abs_epi32(load(a + i)), b));
    }
    uint32_t m = static_cast<uint32_t>(_mm256_movemask_epi8(acc));
    return 0u - ((m | (0u - m)) >> 31);
}

unsigned rej_uniform(int32_t* out, unsigned n, const uint8_t* buf, size_t buflen) {
    const __m256i shuf = _mm256_setr_epi8(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1,  //
                                          4, 5, 6, -1, 7, 8, 9, -1, 10, 11, 12, -1, 13, 14, 15, -1);
    const __m256i mask23 = _mm256_set1_epi32(0x7fffff);
    const __m256i q = _mm256_set1_epi32(kQ);
    unsigned ctr = 0;
    size_t pos = 0;
    // 8 candidates (24 bytes) per step; the 32-byte load stays inside buf, and the
    // 8-lane store inside out[0, n).
    while (ctr + 8 <= n && pos + 32 <= buflen) {
        __m256i d = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(buf + pos));
        d = _mm256_permute4x64_epi64(d, 0x94);  // qwords 0,1 | 1,2
        d = _mm256_and_si256(_mm256_shuffle_epi8(d, shuf), mask23);
        const unsigned good = static_cast<unsigned>(
            _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(q, d))));
        __m128i idx8 = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(kCompact[good].data()));
        store(out + ctr, _mm256_permutevar8x32_epi32(d, _mm256_cvtepu8_epi32(idx8)));
        ctr += static_cast<unsigned>(__builtin_popcount(good));
        pos += 24;
    }
    for (; ctr < n && pos + 3 <= buflen; pos += 3) {
        uint32_t t =
            buf[pos] | (uint32_t{buf[pos + 1]} << 8) | ((uint32_t{buf[pos + 2]} & 0x7f) << 16);
        if (t < static_cast<uint32_t>(kQ)) out[ctr++] = static_cast<int32_t>(t);
    }
    return ctr;
}

const PolyBackend kAvx2 = {
    "avx2",      ntt,       invntt_tomont, pointwise, pointwise_acc, reduce32,    caddq,
    power2round, decompose, make_hint,     use_hint,  norm_exceeds,  rej_uniform,
};

}  // namespace

const PolyBackend& poly_avx2() {
    return kAvx2;
}

}  // namespace keel::pq::detail
