// Poly1305 with AVX-512 IFMA (RFC 8439 §2.5): 8 interleaved accumulators in radix
// 2^44, one 16-byte block per 64-bit lane. Lane j absorbs blocks j, j + 8, ...:
//   acc = (acc + m) * r^8 for every group of 8 blocks but the last, and
//   acc = (acc + m) * r^(8-j) for the last, so the lanes sum to the serial result.
// vpmadd52luq/huq multiply the low 52 bits of each operand, so every multiplier
// input is kept below 2^52 (bounds below). Only lane-wise arithmetic: constant time.
#include <immintrin.h>

#include "crypto/chacha/poly1305.h"

namespace keel::crypto::detail {
namespace {

constexpr uint64_t kM44 = (uint64_t{1} << 44) - 1;
constexpr uint64_t kM42 = (uint64_t{1} << 42) - 1;

struct Vec3 {
    __m512i l0, l1, l2;
};

// h * r mod p, lane-wise. In: h limbs < 2^46, r limbs < 2^44 (+2^14), s = 20 r < 2^49.
// Out: limbs < 2^44, < 2^44 + 2^14, < 2^42.
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
    // d = dl + dh * 2^52; the high part moves up one limb as dh << 8 (2^52 / 2^44),
    // and from the top limb (weight 2^88) to 2^130 as dh << 10, times 5.
    // dl < 3 * 2^52, dh < 2^44: every sum stays far below 2^64.
    Vec3 o;
    d1l = _mm512_add_epi64(d1l,
                           _mm512_add_epi64(_mm512_srli_epi64(d0l, 44), _mm512_slli_epi64(d0h, 8)));
    o.l0 = _mm512_and_si512(d0l, m44);
    d2l = _mm512_add_epi64(d2l,
                           _mm512_add_epi64(_mm512_srli_epi64(d1l, 44), _mm512_slli_epi64(d1h, 8)));
    o.l1 = _mm512_and_si512(d1l, m44);
    __m512i c = _mm512_add_epi64(_mm512_srli_epi64(d2l, 42), _mm512_slli_epi64(d2h, 10));
    o.l2 = _mm512_and_si512(d2l, m42);
    // c < 2^55, so 5c < 2^58; one more carry brings l0 back under 2^44.
    o.l0 = _mm512_add_epi64(o.l0, _mm512_add_epi64(c, _mm512_slli_epi64(c, 2)));
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

}  // namespace

void poly1305_blocks_ifma(Poly1305State& st, const uint8_t* in, size_t n) {
    // Below 16 blocks the lane setup and final sum do not pay for themselves.
    if (n >= 16) {
        if (!st.powers_ready) poly1305_compute_powers(st);
        // rpow limbs come from poly1305_mul: < 2^44, < 2^44 + 2^14, < 2^42.
        Vec3 rf{_mm512_load_si512(st.rpow[0]), _mm512_load_si512(st.rpow[1]),
                _mm512_load_si512(st.rpow[2])};
        Vec3 r8{_mm512_set1_epi64(static_cast<long long>(st.rpow[0][0])),
                _mm512_set1_epi64(static_cast<long long>(st.rpow[1][0])),
                _mm512_set1_epi64(static_cast<long long>(st.rpow[2][0]))};
        const __m512i r8s1 = times20(r8.l1), r8s2 = times20(r8.l2);
        const __m512i rfs1 = times20(rf.l1), rfs2 = times20(rf.l2);
        // The running h enters in lane 0; the other lanes start at zero.
        const __mmask8 lane0 = 1;
        Vec3 acc{_mm512_maskz_set1_epi64(lane0, static_cast<long long>(st.h[0])),
                 _mm512_maskz_set1_epi64(lane0, static_cast<long long>(st.h[1])),
                 _mm512_maskz_set1_epi64(lane0, static_cast<long long>(st.h[2]))};
        size_t groups = n / 8;
        for (size_t g = 0; g + 1 < groups; g++, in += 128) {
            acc = mul(add(acc, load8(in)), r8, r8s1, r8s2);
        }
        acc = mul(add(acc, load8(in)), rf, rfs1, rfs2);
        in += 128;
        n -= groups * 8;
        // Lane sums: each lane < 2^45, so sums < 2^48.
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
    if (n > 0) poly1305_blocks_portable(st, in, n);
}

}  // namespace keel::crypto::detail
