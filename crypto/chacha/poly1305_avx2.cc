// Poly1305 with AVX2 (RFC 8439 §2.5): 4 blocks per step in radix 2^26 (vpmuludq
// multiplies 32-bit lanes), for CPUs without IFMA. Lane j absorbs blocks j, j + 4,
// ...: acc = (acc + m) * r^4 for every group but the last, which takes r^(4-j).
// The shared state stays radix 2^44 (poly1305.h): the accumulator converts on entry
// and exit, and r^1..r^4 are made with the scalar code and converted once per
// state (rpow holds them as 5 limbs x 4 lanes). Lane-wise only: constant time.
#include <immintrin.h>

#include "crypto/chacha/poly1305.h"
#include "crypto/chacha/poly1305_scalar_inl.h"

namespace keel::crypto::detail {
namespace {

constexpr uint64_t kM26 = (uint64_t{1} << 26) - 1;

// Radix 2^44 (limbs < 2^44, < 2^44 + 2^14, < 2^42) to five 26-bit limbs; the top
// limb may reach 2^26 + 1.
inline void to26(const uint64_t in[3], uint64_t out[5]) {
    uint64_t l0 = in[0], l1 = in[1], l2 = in[2];
    l2 += l1 >> 44;
    l1 &= kM44;
    out[0] = l0 & kM26;
    out[1] = (l0 >> 26) | ((l1 & 0xff) << 18);
    out[2] = (l1 >> 8) & kM26;
    out[3] = (l1 >> 34) | ((l2 & 0xffff) << 10);
    out[4] = l2 >> 16;
}

// Five limbs (each < 2^29) back to radix 2^44 with the portable code's bounds.
inline void to44(const uint64_t h[5], uint64_t out[3]) {
    uint64_t a = h[0] + (h[1] << 26);
    uint64_t l0 = a & kM44;
    uint64_t b = (a >> 44) + (h[2] << 8) + (h[3] << 34);
    uint64_t l1 = b & kM44;
    uint64_t l2 = (b >> 44) + (h[4] << 16);
    l0 += (l2 >> 42) * 5;
    l2 &= kM42;
    l1 += l0 >> 44;
    l0 &= kM44;
    out[0] = l0;
    out[1] = l1;
    out[2] = l2;
}

struct V5 {
    __m256i l[5];
};

// h * r mod p, lane-wise; s = 5 r (2^130 = 5 mod p). In: h limbs < 2^27, r limbs
// < 2^26 + 2, so each product < 2^56 and each sum of five < 2^59.
// Out: limbs < 2^26, except limb 1 < 2^26 + 2^10.
inline V5 mul(const V5& h, const V5& r, const V5& s) {
    const __m256i m26 = _mm256_set1_epi64x(static_cast<long long>(kM26));
    auto mac = [](__m256i acc, __m256i a, __m256i b) {
        return _mm256_add_epi64(acc, _mm256_mul_epu32(a, b));
    };
    __m256i d[5];
    d[0] = _mm256_mul_epu32(h.l[0], r.l[0]);
    d[0] = mac(d[0], h.l[1], s.l[4]);
    d[0] = mac(d[0], h.l[2], s.l[3]);
    d[0] = mac(d[0], h.l[3], s.l[2]);
    d[0] = mac(d[0], h.l[4], s.l[1]);
    d[1] = _mm256_mul_epu32(h.l[0], r.l[1]);
    d[1] = mac(d[1], h.l[1], r.l[0]);
    d[1] = mac(d[1], h.l[2], s.l[4]);
    d[1] = mac(d[1], h.l[3], s.l[3]);
    d[1] = mac(d[1], h.l[4], s.l[2]);
    d[2] = _mm256_mul_epu32(h.l[0], r.l[2]);
    d[2] = mac(d[2], h.l[1], r.l[1]);
    d[2] = mac(d[2], h.l[2], r.l[0]);
    d[2] = mac(d[2], h.l[3], s.l[4]);
    d[2] = mac(d[2], h.l[4], s.l[3]);
    d[3] = _mm256_mul_epu32(h.l[0], r.l[3]);
    d[3] = mac(d[3], h.l[1], r.l[2]);
    d[3] = mac(d[3], h.l[2], r.l[1]);
    d[3] = mac(d[3], h.l[3], r.l[0]);
    d[3] = mac(d[3], h.l[4], s.l[4]);
    d[4] = _mm256_mul_epu32(h.l[0], r.l[4]);
    d[4] = mac(d[4], h.l[1], r.l[3]);
    d[4] = mac(d[4], h.l[2], r.l[2]);
    d[4] = mac(d[4], h.l[3], r.l[1]);
    d[4] = mac(d[4], h.l[4], r.l[0]);
    // Carry chain; the top carry c < 2^33 folds in as 5c < 2^36.
    V5 o;
    for (int i = 0; i < 4; i++) {
        d[i + 1] = _mm256_add_epi64(d[i + 1], _mm256_srli_epi64(d[i], 26));
        o.l[i] = _mm256_and_si256(d[i], m26);
    }
    __m256i c = _mm256_srli_epi64(d[4], 26);
    o.l[4] = _mm256_and_si256(d[4], m26);
    __m256i l0 = _mm256_add_epi64(o.l[0], _mm256_add_epi64(c, _mm256_slli_epi64(c, 2)));
    o.l[1] = _mm256_add_epi64(o.l[1], _mm256_srli_epi64(l0, 26));
    o.l[0] = _mm256_and_si256(l0, m26);
    return o;
}

// Four blocks as 26-bit limbs, block j in lane j, with the 2^128 bit.
inline V5 load4(const uint8_t* in) {
    const __m256i m26 = _mm256_set1_epi64x(static_cast<long long>(kM26));
    __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in));
    __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + 32));
    // unpack gives blocks in lane order 0, 2, 1, 3; permute restores 0, 1, 2, 3.
    __m256i lo = _mm256_permute4x64_epi64(_mm256_unpacklo_epi64(a, b), 0xd8);
    __m256i hi = _mm256_permute4x64_epi64(_mm256_unpackhi_epi64(a, b), 0xd8);
    V5 m;
    m.l[0] = _mm256_and_si256(lo, m26);
    m.l[1] = _mm256_and_si256(_mm256_srli_epi64(lo, 26), m26);
    m.l[2] = _mm256_and_si256(_mm256_or_si256(_mm256_srli_epi64(lo, 52), _mm256_slli_epi64(hi, 12)),
                              m26);
    m.l[3] = _mm256_and_si256(_mm256_srli_epi64(hi, 14), m26);
    m.l[4] = _mm256_or_si256(_mm256_srli_epi64(hi, 40), _mm256_set1_epi64x(1 << 24));
    return m;
}

inline V5 add(const V5& a, const V5& b) {
    V5 o;
    for (int i = 0; i < 5; i++) o.l[i] = _mm256_add_epi64(a.l[i], b.l[i]);
    return o;
}

inline V5 times5(const V5& r) {
    V5 o;
    for (int i = 0; i < 5; i++) o.l[i] = _mm256_add_epi64(r.l[i], _mm256_slli_epi64(r.l[i], 2));
    return o;
}

// rpow as a flat array: limb i of r^(4-j) at [4 i + j].
inline uint64_t* powers26(Poly1305State& st) {
    return &st.rpow[0][0];
}

void make_powers(Poly1305State& st) {
    uint64_t p[3] = {st.r[0], st.r[1], st.r[2]}, limbs[5];
    uint64_t* out = powers26(st);
    for (int k = 1; k <= 4; k++) {
        if (k > 1) mul_r(p, st.r);
        to26(p, limbs);
        for (int i = 0; i < 5; i++) out[4 * i + (4 - k)] = limbs[i];
    }
    st.powers_ready = true;
}

}  // namespace

void poly1305_blocks_avx2(Poly1305State& st, const uint8_t* in, size_t n) {
    // Below 16 blocks the conversions and final sum do not pay for themselves.
    if (n >= 16) {
        if (!st.powers_ready) make_powers(st);
        const uint64_t* pw = powers26(st);
        V5 rf, r4;
        for (int i = 0; i < 5; i++) {
            rf.l[i] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(pw + 4 * i));
            r4.l[i] = _mm256_set1_epi64x(static_cast<long long>(pw[4 * i]));
        }
        const V5 sf = times5(rf), s4 = times5(r4);
        uint64_t h26[5];
        to26(st.h, h26);
        V5 acc;
        for (int i = 0; i < 5; i++) {
            acc.l[i] = _mm256_setr_epi64x(static_cast<long long>(h26[i]), 0, 0, 0);
        }
        size_t groups = n / 4;
        for (size_t g = 0; g + 1 < groups; g++, in += 64) acc = mul(add(acc, load4(in)), r4, s4);
        acc = mul(add(acc, load4(in)), rf, sf);
        in += 64;
        n -= groups * 4;
        // Lane sums: limbs < 2^26 + 2^10, so sums < 2^29.
        for (int i = 0; i < 5; i++) {
            __m128i s = _mm_add_epi64(_mm256_castsi256_si128(acc.l[i]),
                                      _mm256_extracti128_si256(acc.l[i], 1));
            h26[i] = static_cast<uint64_t>(_mm_cvtsi128_si64(s) + _mm_extract_epi64(s, 1));
        }
        to44(h26, st.h);
    }
    if (n > 0) poly1305_blocks_portable(st, in, n);
}

}  // namespace keel::crypto::detail
