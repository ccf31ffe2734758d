// Poly1305 AVX-512 IFMA building blocks (RFC 8439 §2.5), shared by poly1305_ifma.cc
// and the fused chacha20_poly1305_avx512.cc. Include only from files compiled with
// -mavx512ifma -mavx512f -mavx512vl.
//
// Eight accumulators in radix 2^44, one per 64-bit lane. Lane j absorbs blocks j,
// j + 8, ...: acc = (acc + m) * r^8 for every group of 8 blocks but the last, and
// acc = (acc + m) * r^(8-j) for the last, so the lanes sum to the serial result.
// vpmadd52luq/huq multiply the low 52 bits of each operand, so every multiplier
// input is kept below 2^52 (bounds at each function). Lane-wise only: constant time.
#pragma once

#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#include "crypto/chacha/poly1305.h"

namespace keel::crypto::detail {
namespace {

struct Vec3 {
    __m512i l0, l1, l2;
};

// h * r mod p, lane-wise. In: h limbs < 2^45, < 2^45 + 2^15, < 2^42.6 (an output plus a
// message block); r limbs < 2^44, < 2^44 + 2^14, < 2^42; s = 20 r.
// Out: limbs < 2^44, < 2^44 + 2^7, < 2^42.
template <bool kFewerUops = false>
inline Vec3 mul(const Vec3& h, const Vec3& r, __m512i s1, __m512i s2) {
    const __m512i z = _mm512_setzero_si512();
    const __m512i m44 = _mm512_set1_epi64(static_cast<long long>(kM44));
    const __m512i m42 = _mm512_set1_epi64(static_cast<long long>(kM42));
    // Limb products at weight 2^132 fold in as 20 (2^130 = 5 mod p, times 2^2).
    __m512i d0l = _mm512_madd52lo_epu64(z, h.l0, r.l0);
    __m512i d0h = _mm512_madd52hi_epu64(z, h.l0, r.l0);
    __m512i d1l = _mm512_madd52lo_epu64(z, h.l0, r.l1);
    __m512i d1h = _mm512_madd52hi_epu64(z, h.l0, r.l1);
    __m512i d2l = _mm512_madd52lo_epu64(z, h.l0, r.l2);
    __m512i d2h = _mm512_madd52hi_epu64(z, h.l0, r.l2);
    d0l = _mm512_madd52lo_epu64(d0l, h.l1, s2);
    d0h = _mm512_madd52hi_epu64(d0h, h.l1, s2);
    d1l = _mm512_madd52lo_epu64(d1l, h.l1, r.l0);
    d1h = _mm512_madd52hi_epu64(d1h, h.l1, r.l0);
    d2l = _mm512_madd52lo_epu64(d2l, h.l1, r.l1);
    d2h = _mm512_madd52hi_epu64(d2h, h.l1, r.l1);
    d0l = _mm512_madd52lo_epu64(d0l, h.l2, s1);
    d0h = _mm512_madd52hi_epu64(d0h, h.l2, s1);
    d1l = _mm512_madd52lo_epu64(d1l, h.l2, s2);
    d1h = _mm512_madd52hi_epu64(d1h, h.l2, s2);
    d2l = _mm512_madd52lo_epu64(d2l, h.l2, r.l0);
    d2h = _mm512_madd52hi_epu64(d2h, h.l2, r.l0);
    // d = dl + dh * 2^52. The high part moves up one limb as dh * 2^8 (2^52 / 2^44),
    // and from the top limb (weight 2^88) to 2^130 as dh * 2^10, times 5.
    // Bounds with the inputs above: d0 < 2^92.2, d1 < 2^90.6, d2 < 2^89.5, so
    // d0h < 2^40.2, d1h < 2^38.6, d2h < 2^37.5; dl < 3 * 2^52; c < 2^48, 5c < 2^50.4.
    Vec3 o;
    if constexpr (kFewerUops) {
        // The small multiplies as IFMA too (a + lo52(b * c) in one instruction),
        // exact because every dh * 2^k and 5c stays below 2^52: 6 fewer
        // instructions, 6 more cycles of latency. For the fused AEAD, where
        // ChaCha20 hides the latency and the vector ports are the limit.
        const __m512i k256 = _mm512_set1_epi64(256), k1024 = _mm512_set1_epi64(1024);
        const __m512i k5 = _mm512_set1_epi64(5);
        d1l = _mm512_madd52lo_epu64(_mm512_add_epi64(d1l, _mm512_srli_epi64(d0l, 44)), d0h, k256);
        o.l0 = _mm512_and_si512(d0l, m44);
        d2l = _mm512_madd52lo_epu64(_mm512_add_epi64(d2l, _mm512_srli_epi64(d1l, 44)), d1h, k256);
        o.l1 = _mm512_and_si512(d1l, m44);
        __m512i c = _mm512_madd52lo_epu64(_mm512_srli_epi64(d2l, 42), d2h, k1024);
        o.l2 = _mm512_and_si512(d2l, m42);
        o.l0 = _mm512_madd52lo_epu64(o.l0, c, k5);
    } else {
        d1l = _mm512_add_epi64(
            d1l, _mm512_add_epi64(_mm512_srli_epi64(d0l, 44), _mm512_slli_epi64(d0h, 8)));
        o.l0 = _mm512_and_si512(d0l, m44);
        d2l = _mm512_add_epi64(
            d2l, _mm512_add_epi64(_mm512_srli_epi64(d1l, 44), _mm512_slli_epi64(d1h, 8)));
        o.l1 = _mm512_and_si512(d1l, m44);
        __m512i c = _mm512_add_epi64(_mm512_srli_epi64(d2l, 42), _mm512_slli_epi64(d2h, 10));
        o.l2 = _mm512_and_si512(d2l, m42);
        o.l0 = _mm512_add_epi64(o.l0, _mm512_add_epi64(c, _mm512_slli_epi64(c, 2)));
    }
    // One more carry brings l0 back under 2^44: l1 grows by < 2^7.
    o.l1 = _mm512_add_epi64(o.l1, _mm512_srli_epi64(o.l0, 44));
    o.l0 = _mm512_and_si512(o.l0, m44);
    return o;
}

// Eight blocks as radix-2^44 limbs, block j in lane j, with the 2^128 bit.
inline Vec3 load8(const uint8_t* in) {
    const __m512i m44 = _mm512_set1_epi64(static_cast<long long>(kM44));
    __m512i a = _mm512_loadu_si512(in);
    __m512i b = _mm512_loadu_si512(in + 64);
    __m512i lo = _mm512_permutex2var_epi64(a, _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14), b);
    __m512i hi = _mm512_permutex2var_epi64(a, _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15), b);
    Vec3 m;
    m.l0 = _mm512_and_si512(lo, m44);
    m.l1 = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(lo, 44), _mm512_slli_epi64(hi, 20)),
                            m44);
    m.l2 = _mm512_or_si512(_mm512_srli_epi64(hi, 24), _mm512_set1_epi64(int64_t{1} << 40));
    return m;
}

inline Vec3 add(const Vec3& a, const Vec3& b) {
    return {_mm512_add_epi64(a.l0, b.l0), _mm512_add_epi64(a.l1, b.l1),
            _mm512_add_epi64(a.l2, b.l2)};
}

inline __m512i times20(__m512i x) {
    return _mm512_add_epi64(_mm512_slli_epi64(x, 4), _mm512_slli_epi64(x, 2));
}

// Multiplier operands for one power: limbs and the two limbs times 20.
struct Power {
    Vec3 r;
    __m512i s1, s2;
};

inline Power make_power(const Vec3& r) {
    return {r, times20(r.l1), times20(r.l2)};
}

inline Vec3 broadcast3(const uint64_t v[3]) {
    return {_mm512_set1_epi64(static_cast<long long>(v[0])),
            _mm512_set1_epi64(static_cast<long long>(v[1])),
            _mm512_set1_epi64(static_cast<long long>(v[2]))};
}

// Fills st.rpow with r^8..r^1 (lane j = r^(8-j)) in three lane-wise multiplies:
// r^2 = r * r, then [r, r^2]x4 * [1, 1, r^2, r^2]x2 = [r..r^4]x2, then
// * [1 x4, r^4 x4]; instead of seven dependent scalar multiplies. No calls, so the
// fused AEAD can run it in the middle of a ChaCha20 pass.
inline void compute_powers_ifma(Poly1305State& st) {
    const Vec3 r = broadcast3(st.r);
    const Power pr = make_power(r);
    const Vec3 r2 = mul(r, pr.r, pr.s1, pr.s2);
    const __mmask8 odd = 0xaa, high = 0xf0, pairs23 = 0xcc;
    Vec3 v{_mm512_mask_mov_epi64(r.l0, odd, r2.l0), _mm512_mask_mov_epi64(r.l1, odd, r2.l1),
           _mm512_mask_mov_epi64(r.l2, odd, r2.l2)};
    const __m512i one = _mm512_set1_epi64(1), zero = _mm512_setzero_si512();
    Vec3 m{_mm512_mask_mov_epi64(one, pairs23, r2.l0), _mm512_mask_mov_epi64(zero, pairs23, r2.l1),
           _mm512_mask_mov_epi64(zero, pairs23, r2.l2)};
    Power pm = make_power(m);
    v = mul(v, pm.r, pm.s1, pm.s2);  // r, r^2, r^3, r^4, r, r^2, r^3, r^4
    const __m512i lane3 = _mm512_set1_epi64(3);
    Vec3 r4{_mm512_permutexvar_epi64(lane3, v.l0), _mm512_permutexvar_epi64(lane3, v.l1),
            _mm512_permutexvar_epi64(lane3, v.l2)};
    m = {_mm512_mask_mov_epi64(one, high, r4.l0), _mm512_mask_mov_epi64(zero, high, r4.l1),
         _mm512_mask_mov_epi64(zero, high, r4.l2)};
    pm = make_power(m);
    v = mul(v, pm.r, pm.s1, pm.s2);  // r^1 .. r^8 in lanes 0..7
    const __m512i rev = _mm512_setr_epi64(7, 6, 5, 4, 3, 2, 1, 0);
    _mm512_store_si512(st.rpow[0], _mm512_permutexvar_epi64(rev, v.l0));
    _mm512_store_si512(st.rpow[1], _mm512_permutexvar_epi64(rev, v.l1));
    _mm512_store_si512(st.rpow[2], _mm512_permutexvar_epi64(rev, v.l2));
    st.powers_ready = true;
}

// Accumulators with st.h in lane 0.
inline Vec3 start_lanes(const Poly1305State& st) {
    const __mmask8 lane0 = 1;
    return {_mm512_maskz_set1_epi64(lane0, static_cast<long long>(st.h[0])),
            _mm512_maskz_set1_epi64(lane0, static_cast<long long>(st.h[1])),
            _mm512_maskz_set1_epi64(lane0, static_cast<long long>(st.h[2]))};
}

// st.h = sum of the lanes, carried. Lanes < 2^45, so sums < 2^48.
inline void finish_lanes(Poly1305State& st, const Vec3& acc) {
    uint64_t h0 = _mm512_reduce_add_epi64(acc.l0);
    uint64_t h1 = _mm512_reduce_add_epi64(acc.l1);
    uint64_t h2 = _mm512_reduce_add_epi64(acc.l2);
    h1 += h0 >> 44;
    h0 &= kM44;
    h2 += h1 >> 44;
    h1 &= kM44;
    h0 += (h2 >> 42) * 5;
    h2 &= kM42;
    h1 += h0 >> 44;
    h0 &= kM44;
    st.h[0] = h0;
    st.h[1] = h1;
    st.h[2] = h2;
}

}  // namespace
}  // namespace keel::crypto::detail
