// AVX2 ML-KEM arithmetic backend (internal/poly.h), compiled with -mavx2. Every
// function computes exactly what the portable backend computes (the same Montgomery
// and Barrett formulas, lane for lane), so backends agree bit for bit on every
// intermediate value, not only mod q. Constant-time like the portable code: the only
// data-dependent control is in rej_uniform, whose input is the public XOF stream of rho.
// Functions here are leaf functions compiled with -mavx2: the compiler emits vzeroupper
// before each returns to (possibly SSE) callers.
#include <immintrin.h>

#include <array>
#include <cstring>

#include "pq/mlkem/internal/poly.h"

namespace keel::pq::mlkem::detail {
namespace {

constexpr int16_t qinv_of(int16_t z) {
    return static_cast<int16_t>(static_cast<uint16_t>(
        static_cast<uint32_t>(static_cast<uint16_t>(z)) * static_cast<uint16_t>(kQinv)));
}

// Per-lane twiddles for the three in-register NTT layers (len 8, 4, 2) of block pair j
// (coefficients 32j .. 32j+31), in the lane order the shuffles below produce:
//   len 8: lane l holds coefficient group 2j + l/8  -> kZetas[16 + 2j + l/8]
//   len 4: group 4j + l/4                            -> kZetas[32 + 4j + l/4]
//   len 2: group 8j + l/2                            -> kZetas[64 + 8j + l/2]
// The inverse NTT walks the same groups with kZetas[2n - 1 - g] (n groups per layer).
struct LaneZetas {
    alignas(32) int16_t z[3][8][16];   // forward: [layer len8/4/2][j][lane]
    alignas(32) int16_t zq[3][8][16];  // the same times q^-1 mod 2^16
    alignas(32) int16_t iz[3][8][16];  // inverse
    alignas(32) int16_t izq[3][8][16];
    alignas(32) int16_t gamma[128];  // pair gammas of basemul (mulcache)
    alignas(32) int16_t gammaq[128];
};

constexpr LaneZetas make_lane_zetas() {
    LaneZetas t{};
    for (int j = 0; j < 8; j++) {
        for (int l = 0; l < 16; l++) {
            const int g[3] = {2 * j + l / 8, 4 * j + l / 4, 8 * j + l / 2};
            const int base[3] = {16, 32, 64};
            for (int s = 0; s < 3; s++) {
                t.z[s][j][l] = kZetas[base[s] + g[s]];
                t.zq[s][j][l] = qinv_of(t.z[s][j][l]);
                t.iz[s][j][l] = kZetas[2 * base[s] - 1 - g[s]];
                t.izq[s][j][l] = qinv_of(t.iz[s][j][l]);
            }
        }
    }
    for (int p = 0; p < 128; p++) {
        const int16_t z = kZetas[64 + p / 2];
        t.gamma[p] = static_cast<int16_t>(p % 2 ? -z : z);
        t.gammaq[p] = qinv_of(t.gamma[p]);
    }
    return t;
}
constexpr LaneZetas kLane = make_lane_zetas();

inline __m256i load(const int16_t* p) {
    return _mm256_load_si256(reinterpret_cast<const __m256i*>(p));
}
inline void store(int16_t* p, __m256i v) {
    _mm256_store_si256(reinterpret_cast<__m256i*>(p), v);
}

// fqmul lane by lane: (a b - t q) / 2^16 with t = a b q^-1 mod 2^16. The low halves of
// a b and t q are equal, so the difference of the high halves is the exact quotient,
// the same value montgomery_reduce computes.
inline __m256i fqmul(__m256i a, __m256i b, __m256i bqinv) {
    const __m256i t = _mm256_mullo_epi16(a, bqinv);
    return _mm256_sub_epi16(_mm256_mulhi_epi16(a, b), _mm256_mulhi_epi16(t, _mm256_set1_epi16(kQ)));
}

// barrett_reduce: t = (20159 a + 2^25) >> 26 = (hi(20159 a) + 512) >> 10, since the
// discarded low half is below 2^16 and cannot carry past the >> 10.
inline __m256i barrett(__m256i a) {
    __m256i t = _mm256_mulhi_epi16(a, _mm256_set1_epi16(20159));
    t = _mm256_srai_epi16(_mm256_add_epi16(t, _mm256_set1_epi16(512)), 10);
    return _mm256_sub_epi16(a, _mm256_mullo_epi16(t, _mm256_set1_epi16(kQ)));
}

inline void ct_butterfly(__m256i& a, __m256i& b, __m256i z, __m256i zq) {
    const __m256i t = fqmul(b, z, zq);
    b = _mm256_sub_epi16(a, t);
    a = _mm256_add_epi16(a, t);
}

template <bool kReduce>
inline void gs_butterfly(__m256i& a, __m256i& b, __m256i z, __m256i zq) {
    const __m256i t = a;
    a = _mm256_add_epi16(t, b);
    if constexpr (kReduce) a = barrett(a);
    b = fqmul(_mm256_sub_epi16(b, t), z, zq);
}

// The three self-inverse lane shuffles that turn distance-8/4/2 butterflies inside a
// 16-lane register into butterflies between two registers.
inline void shuffle8(__m256i& a, __m256i& b) {
    const __m256i x = _mm256_permute2x128_si256(a, b, 0x20);
    b = _mm256_permute2x128_si256(a, b, 0x31);
    a = x;
}
inline void shuffle4(__m256i& a, __m256i& b) {
    const __m256i x = _mm256_unpacklo_epi64(a, b);
    b = _mm256_unpackhi_epi64(a, b);
    a = x;
}
inline void shuffle2(__m256i& a, __m256i& b) {
    const __m256i x = _mm256_blend_epi32(a, _mm256_slli_epi64(b, 32), 0xaa);
    b = _mm256_blend_epi32(_mm256_srli_epi64(a, 32), b, 0xaa);
    a = x;
}

inline __m256i bc(int16_t v) {
    return _mm256_set1_epi16(v);
}

// Algorithm 9; bounds as portable (|in| < q -> |out| < 8q), identical values.
void ntt(int16_t r[256]) {
    __m256i v[16];
    for (int i = 0; i < 16; i++) v[i] = load(r + 16 * i);
    unsigned k = 1;
    for (int len = 8; len >= 1; len >>= 1) {  // in registers: 128, 64, 32, 16 coefficients
        for (int start = 0; start < 16; start += 2 * len) {
            const int16_t z = kZetas[k++];
            const __m256i zv = bc(z), zq = bc(qinv_of(z));
            for (int i = start; i < start + len; i++) ct_butterfly(v[i], v[i + len], zv, zq);
        }
    }
    for (int j = 0; j < 8; j++) {
        __m256i a = v[2 * j], b = v[2 * j + 1];
        shuffle8(a, b);
        ct_butterfly(a, b, load(kLane.z[0][j]), load(kLane.zq[0][j]));
        shuffle4(a, b);
        ct_butterfly(a, b, load(kLane.z[1][j]), load(kLane.zq[1][j]));
        shuffle2(a, b);
        ct_butterfly(a, b, load(kLane.z[2][j]), load(kLane.zq[2][j]));
        shuffle2(a, b);
        shuffle4(a, b);
        shuffle8(a, b);
        store(r + 32 * j, a);
        store(r + 32 * j + 16, b);
    }
}

// Algorithm 10; the same layer order, reductions (sums of len 8 and 64) and final
// scale as the portable code.
void invntt(int16_t r[256]) {
    __m256i v[16];
    for (int j = 0; j < 8; j++) {
        __m256i a = load(r + 32 * j), b = load(r + 32 * j + 16);
        shuffle8(a, b);
        shuffle4(a, b);
        shuffle2(a, b);
        gs_butterfly<false>(a, b, load(kLane.iz[2][j]), load(kLane.izq[2][j]));
        shuffle2(a, b);
        gs_butterfly<false>(a, b, load(kLane.iz[1][j]), load(kLane.izq[1][j]));
        shuffle4(a, b);
        gs_butterfly<true>(a, b, load(kLane.iz[0][j]), load(kLane.izq[0][j]));
        shuffle8(a, b);
        v[2 * j] = a;
        v[2 * j + 1] = b;
    }
    unsigned k = 15;
    for (int len = 1; len <= 8; len <<= 1) {  // 16, 32, 64, 128 coefficients
        for (int start = 0; start < 16; start += 2 * len) {
            const int16_t z = kZetas[k--];
            const __m256i zv = bc(z), zq = bc(qinv_of(z));
            for (int i = start; i < start + len; i++) {
                if (len == 4) {
                    gs_butterfly<true>(v[i], v[i + len], zv, zq);
                } else {
                    gs_butterfly<false>(v[i], v[i + len], zv, zq);
                }
            }
        }
    }
    const __m256i f = bc(kInvNttScale), fq = bc(qinv_of(kInvNttScale));
    for (int i = 0; i < 16; i++) store(r + 16 * i, fqmul(v[i], f, fq));
}

inline __m256i to_unsigned(__m256i a) {
    return _mm256_add_epi16(a, _mm256_and_si256(_mm256_srai_epi16(a, 15), bc(kQ)));
}

void reduce(int16_t r[256]) {
    for (int i = 0; i < 16; i++) store(r + 16 * i, to_unsigned(barrett(load(r + 16 * i))));
}

// cache[p] = fqmul(b[2p + 1], gamma_p): the odd coefficients, packed, times gammas.
void mulcache(int16_t cache[128], const int16_t b[256]) {
    for (int i = 0; i < 8; i++) {
        const __m256i x = _mm256_srai_epi32(load(b + 32 * i), 16);
        const __m256i y = _mm256_srai_epi32(load(b + 32 * i + 16), 16);
        // packs works per 128-bit lane; the qword permute restores coefficient order.
        const __m256i odd = _mm256_permute4x64_epi64(_mm256_packs_epi32(x, y), 0xd8);
        store(cache + 16 * i, fqmul(odd, load(kLane.gamma + 16 * i), load(kLane.gammaq + 16 * i)));
    }
}

// Algorithm 11 with madd: per pair, c0 = a0 b0 + a1 cache and c1 = a0 b1 + a1 b0 are
// 32-bit dot products of (a0, a1) with (b0, cache) and with (b1, b0). The int32 sums are
// exactly portable's; one Montgomery reduction of each at the end.
void basemul_acc(int16_t r[256], const int16_t* a, const int16_t* b, const int16_t* bcache,
                 unsigned k) {
    for (int i = 0; i < 16; i++) {
        __m256i c0 = _mm256_setzero_si256(), c1 = _mm256_setzero_si256();
        for (unsigned j = 0; j < k; j++) {
            const __m256i av = load(a + 256 * j + 16 * i);
            const __m256i bv = load(b + 256 * j + 16 * i);
            const __m256i cv = _mm256_cvtepi16_epi32(
                _mm_load_si128(reinterpret_cast<const __m128i*>(bcache + 128 * j + 8 * i)));
            const __m256i b0c = _mm256_blend_epi16(bv, _mm256_slli_epi32(cv, 16), 0xaa);
            const __m256i b1b0 =
                _mm256_or_si256(_mm256_srli_epi32(bv, 16), _mm256_slli_epi32(bv, 16));
            c0 = _mm256_add_epi32(c0, _mm256_madd_epi16(av, b0c));
            c1 = _mm256_add_epi32(c1, _mm256_madd_epi16(av, b1b0));
        }
        // Montgomery reduction of 32-bit x: (x >> 16) - hi(t q), t = lo16(x) q^-1.
        const __m256i lo = _mm256_blend_epi16(c0, _mm256_slli_epi32(c1, 16), 0xaa);
        const __m256i hi = _mm256_blend_epi16(_mm256_srli_epi32(c0, 16), c1, 0xaa);
        const __m256i t = _mm256_mullo_epi16(lo, bc(kQinv));
        store(r + 16 * i, _mm256_sub_epi16(hi, _mm256_mulhi_epi16(t, bc(kQ))));
    }
}

// pshufb masks that move the int16 lanes selected by an 8-bit mask to the front.
struct RejTable {
    alignas(16) uint8_t idx[256][16];
    uint8_t count[256];
};
constexpr RejTable make_rej_table() {
    RejTable t{};
    for (int m = 0; m < 256; m++) {
        int n = 0;
        for (int i = 0; i < 8; i++) {
            if (m >> i & 1) {
                t.idx[m][2 * n] = static_cast<uint8_t>(2 * i);
                t.idx[m][2 * n + 1] = static_cast<uint8_t>(2 * i + 1);
                n++;
            }
        }
        for (int i = 2 * n; i < 16; i++) t.idx[m][i] = 0x80;
        t.count[m] = static_cast<uint8_t>(n);
    }
    return t;
}
constexpr RejTable kRej = make_rej_table();

// Algorithm 7's rejection step, 16 candidates (24 bytes) per round. The mask indexes a
// table, which is fine: it is computed from the public XOF stream of rho.
unsigned rej_uniform(int16_t* r, unsigned len, const uint8_t* buf, unsigned buflen) {
    const __m256i bytes_idx = _mm256_setr_epi8(0, 1, 1, 2, 3, 4, 4, 5, 6, 7, 7, 8, 9, 10, 10, 11, 4,
                                               5, 5, 6, 7, 8, 8, 9, 10, 11, 11, 12, 13, 14, 14, 15);
    unsigned ctr = 0, pos = 0;
    while (ctr + 16 <= len && pos + 32 <= buflen) {
        __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(buf + pos));
        v = _mm256_permute4x64_epi64(v, 0x94);  // lanes: bytes 0..15 | bytes 8..23
        v = _mm256_shuffle_epi8(v, bytes_idx);
        // Even candidates are the low 12 bits, odd ones the high 12 of their 16.
        v = _mm256_blend_epi16(_mm256_and_si256(v, bc(0xfff)), _mm256_srli_epi16(v, 4), 0xaa);
        const __m256i ok = _mm256_cmpgt_epi16(bc(kQ), v);
        const __m128i packed =
            _mm_packs_epi16(_mm256_castsi256_si128(ok), _mm256_extracti128_si256(ok, 1));
        const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(packed));
        const __m128i lo =
            _mm_shuffle_epi8(_mm256_castsi256_si128(v),
                             _mm_load_si128(reinterpret_cast<const __m128i*>(kRej.idx[m & 0xff])));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(r + ctr), lo);
        ctr += kRej.count[m & 0xff];
        const __m128i hi =
            _mm_shuffle_epi8(_mm256_extracti128_si256(v, 1),
                             _mm_load_si128(reinterpret_cast<const __m128i*>(kRej.idx[m >> 8])));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(r + ctr), hi);
        ctr += kRej.count[m >> 8];
        pos += 24;
    }
    return ctr + kPortable.rej_uniform(r + ctr, len - ctr, buf + pos, buflen - pos);
}

// Algorithm 8, eta = 2, 32 coefficients per 16 bytes.
void cbd2(int16_t r[256], const uint8_t* buf) {
    const __m128i m55 = _mm_set1_epi8(0x55), m03 = _mm_set1_epi8(0x03);
    for (int i = 0; i < 8; i++) {
        const __m128i t = _mm_loadu_si128(reinterpret_cast<const __m128i*>(buf + 16 * i));
        const __m128i d =
            _mm_add_epi8(_mm_and_si128(t, m55), _mm_and_si128(_mm_srli_epi16(t, 1), m55));
        const __m128i lo =
            _mm_sub_epi8(_mm_and_si128(d, m03), _mm_and_si128(_mm_srli_epi16(d, 2), m03));
        const __m128i hi = _mm_sub_epi8(_mm_and_si128(_mm_srli_epi16(d, 4), m03),
                                        _mm_and_si128(_mm_srli_epi16(d, 6), m03));
        store(r + 32 * i, _mm256_cvtepi8_epi16(_mm_unpacklo_epi8(lo, hi)));
        store(r + 32 * i + 16, _mm256_cvtepi8_epi16(_mm_unpackhi_epi8(lo, hi)));
    }
}

// Algorithm 8, eta = 3, 32 coefficients per 24 bytes (each 3 bytes in a 32-bit lane).
void cbd3(int16_t r[256], const uint8_t* buf) {
    const __m256i idx = _mm256_setr_epi8(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1, 4, 5,
                                         6, -1, 7, 8, 9, -1, 10, 11, 12, -1, 13, 14, 15, -1);
    const __m256i m249 = _mm256_set1_epi32(0x249249), m7 = _mm256_set1_epi32(7);
    const __m256i mlo = _mm256_set1_epi32(0xffff);
    for (int i = 0; i < 8; i++) {
        alignas(32) uint8_t tmp[32] = {};
        std::memcpy(tmp, buf + 24 * i, 24);  // no over-read past the 192-byte input
        __m256i t = _mm256_load_si256(reinterpret_cast<const __m256i*>(tmp));
        t = _mm256_shuffle_epi8(_mm256_permute4x64_epi64(t, 0x94), idx);
        const __m256i d =
            _mm256_add_epi32(_mm256_add_epi32(_mm256_and_si256(t, m249),
                                              _mm256_and_si256(_mm256_srli_epi32(t, 1), m249)),
                             _mm256_and_si256(_mm256_srli_epi32(t, 2), m249));
        __m256i c[4];
        c[0] = _mm256_sub_epi32(_mm256_and_si256(d, m7),
                                _mm256_and_si256(_mm256_srli_epi32(d, 3), m7));
        c[1] = _mm256_sub_epi32(_mm256_and_si256(_mm256_srli_epi32(d, 6), m7),
                                _mm256_and_si256(_mm256_srli_epi32(d, 9), m7));
        c[2] = _mm256_sub_epi32(_mm256_and_si256(_mm256_srli_epi32(d, 12), m7),
                                _mm256_and_si256(_mm256_srli_epi32(d, 15), m7));
        c[3] = _mm256_sub_epi32(_mm256_and_si256(_mm256_srli_epi32(d, 18), m7),
                                _mm256_and_si256(_mm256_srli_epi32(d, 21), m7));
        const __m256i c01 =
            _mm256_or_si256(_mm256_and_si256(c[0], mlo), _mm256_slli_epi32(c[1], 16));
        const __m256i c23 =
            _mm256_or_si256(_mm256_and_si256(c[2], mlo), _mm256_slli_epi32(c[3], 16));
        const __m256i lo = _mm256_unpacklo_epi32(c01, c23);  // groups 0, 1 | 4, 5
        const __m256i hi = _mm256_unpackhi_epi32(c01, c23);  // groups 2, 3 | 6, 7
        store(r + 32 * i, _mm256_permute2x128_si256(lo, hi, 0x20));
        store(r + 32 * i + 16, _mm256_permute2x128_si256(lo, hi, 0x31));
    }
}

// Compress_d of 8 coefficients in 32-bit lanes: floor(((x << d) + 1664) M / 2^35),
// M = ceil(2^35 / q), exactly the portable compress_coeff (mul_epu32 gives the 64-bit
// products of the even lanes; the odd lanes go through a 32-bit shift).
inline __m256i compress8(__m256i x, unsigned d) {
    const __m256i n = _mm256_add_epi32(_mm256_sll_epi32(x, _mm_cvtsi32_si128(static_cast<int>(d))),
                                       _mm256_set1_epi32(1664));
    const __m256i m = _mm256_set1_epi32(10321341);
    const __m256i even = _mm256_srli_epi64(_mm256_mul_epu32(n, m), 35);
    const __m256i odd = _mm256_srli_epi64(_mm256_mul_epu32(_mm256_srli_epi64(n, 32), m), 35);
    const __m256i q = _mm256_or_si256(even, _mm256_slli_epi64(odd, 32));
    return _mm256_and_si256(q, _mm256_set1_epi32((1 << d) - 1));
}

// ByteEncode_D of 256 D-bit values, 8 values (D bytes) at a time.
template <unsigned D>
void pack(uint8_t* out, const uint16_t* v) {
    for (unsigned g = 0; g < 32; g++) {
        unsigned __int128 acc = 0;
        for (unsigned i = 0; i < 8; i++)
            acc |= static_cast<unsigned __int128>(v[8 * g + i]) << (D * i);
        for (unsigned b = 0; b < D; b++) out[D * g + b] = static_cast<uint8_t>(acc >> (8 * b));
    }
}

template <unsigned D>
void unpack(uint16_t* v, const uint8_t* in) {
    for (unsigned g = 0; g < 32; g++) {
        unsigned __int128 acc = 0;
        for (unsigned b = 0; b < D; b++)
            acc |= static_cast<unsigned __int128>(in[D * g + b]) << (8 * b);
        for (unsigned i = 0; i < 8; i++)
            v[8 * g + i] = static_cast<uint16_t>((acc >> (D * i)) & ((1u << D) - 1));
    }
}

template <unsigned D>
void compress_d(uint8_t* out, const int16_t a[256]) {
    alignas(32) uint16_t v[256];
    for (int i = 0; i < 32; i++) {
        const __m256i x =
            _mm256_cvtepu16_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(a + 8 * i)));
        const __m256i c = compress8(x, D);
        // Pack 8 x 32 -> 8 x 16 (values are below 2^11).
        const __m256i p = _mm256_permute4x64_epi64(_mm256_packus_epi32(c, c), 0x08);
        _mm_store_si128(reinterpret_cast<__m128i*>(v + 8 * i), _mm256_castsi256_si128(p));
    }
    pack<D>(out, v);
}

// Compress_1: 1 exactly for x in [833, 2496] (2x/q rounds to 1); a movemask packs bits.
void compress_1(uint8_t* out, const int16_t a[256]) {
    for (int i = 0; i < 8; i++) {
        const __m256i x = load(a + 32 * i), y = load(a + 32 * i + 16);
        const __m256i bx =
            _mm256_and_si256(_mm256_cmpgt_epi16(x, bc(832)), _mm256_cmpgt_epi16(bc(2497), x));
        const __m256i by =
            _mm256_and_si256(_mm256_cmpgt_epi16(y, bc(832)), _mm256_cmpgt_epi16(bc(2497), y));
        const __m256i p = _mm256_permute4x64_epi64(_mm256_packs_epi16(bx, by), 0xd8);
        const uint32_t m = static_cast<uint32_t>(_mm256_movemask_epi8(p));
        std::memcpy(out + 4 * i, &m, 4);
    }
}

void compress(uint8_t* out, const int16_t a[256], unsigned d) {
    switch (d) {
        case 1:
            return compress_1(out, a);
        case 4:
            return compress_d<4>(out, a);
        case 5:
            return compress_d<5>(out, a);
        case 10:
            return compress_d<10>(out, a);
        default:
            return compress_d<11>(out, a);
    }
}

template <unsigned D>
void decompress_d(int16_t r[256], const uint8_t* in) {
    alignas(32) uint16_t v[256];
    unpack<D>(v, in);
    // (y q + 2^(D-1)) >> D in 32-bit lanes.
    for (int i = 0; i < 32; i++) {
        __m256i y =
            _mm256_cvtepu16_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(v + 8 * i)));
        y = _mm256_srli_epi32(_mm256_add_epi32(_mm256_mullo_epi32(y, _mm256_set1_epi32(kQ)),
                                               _mm256_set1_epi32(1 << (D - 1))),
                              D);
        const __m256i p = _mm256_permute4x64_epi64(_mm256_packus_epi32(y, y), 0x08);
        _mm_store_si128(reinterpret_cast<__m128i*>(r + 8 * i), _mm256_castsi256_si128(p));
    }
}

void decompress(int16_t r[256], const uint8_t* in, unsigned d) {
    switch (d) {
        case 1:
            return decompress_d<1>(r, in);
        case 4:
            return decompress_d<4>(r, in);
        case 5:
            return decompress_d<5>(r, in);
        case 10:
            return decompress_d<10>(r, in);
        default:
            return decompress_d<11>(r, in);
    }
}

// ByteEncode_12, 16 coefficients (24 bytes) per step: pairs joined into 24-bit values
// in 32-bit lanes, then a byte shuffle drops every fourth byte.
void tobytes(uint8_t out[384], const int16_t a[256]) {
    const __m256i idx = _mm256_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1, 0,
                                         1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
    alignas(32) uint8_t tmp[384 + 4];
    for (int i = 0; i < 16; i++) {
        const __m256i v = load(a + 16 * i);
        const __m256i w = _mm256_or_si256(_mm256_and_si256(v, _mm256_set1_epi32(0xfff)),
                                          _mm256_slli_epi32(_mm256_srli_epi32(v, 16), 12));
        const __m256i p = _mm256_shuffle_epi8(w, idx);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(tmp + 24 * i), _mm256_castsi256_si128(p));
        _mm_storel_epi64(reinterpret_cast<__m128i*>(tmp + 24 * i + 12),
                         _mm256_extracti128_si256(p, 1));
        std::memcpy(tmp + 24 * i + 20, reinterpret_cast<const uint8_t*>(&p) + 24, 4);
    }
    std::memcpy(out, tmp, 384);
}

// ByteDecode_12, 16 coefficients per 24 bytes: the inverse shuffle, then split each
// 24-bit lane into its two 12-bit values.
void frombytes(int16_t r[256], const uint8_t in[384]) {
    const __m256i idx = _mm256_setr_epi8(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1, 4, 5,
                                         6, -1, 7, 8, 9, -1, 10, 11, 12, -1, 13, 14, 15, -1);
    alignas(32) uint8_t tmp[384 + 8] = {};
    std::memcpy(tmp, in, 384);
    for (int i = 0; i < 16; i++) {
        __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(tmp + 24 * i));
        v = _mm256_shuffle_epi8(_mm256_permute4x64_epi64(v, 0x94), idx);
        const __m256i w = _mm256_or_si256(_mm256_and_si256(v, _mm256_set1_epi32(0xfff)),
                                          _mm256_slli_epi32(_mm256_srli_epi32(v, 12), 16));
        store(r + 16 * i, w);
    }
}

}  // namespace

const PolyBackend kAvx2 = {
    .name = "avx2",
    .ntt = ntt,
    .invntt = invntt,
    .reduce = reduce,
    .mulcache = mulcache,
    .basemul_acc = basemul_acc,
    .rej_uniform = rej_uniform,
    .cbd2 = cbd2,
    .cbd3 = cbd3,
    .compress = compress,
    .decompress = decompress,
    .tobytes = tobytes,
    .frombytes = frombytes,
};

}  // namespace keel::pq::mlkem::detail
