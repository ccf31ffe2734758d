// SHA-512 compression with a SIMD message schedule and BMI2 scalar rounds
// (FIPS 180-4 §6.4.2). Built twice from this file: with -mavx2 -mbmi2 as
// sha512_blocks_avx2, and with AVX-512VL added as sha512_blocks_avx512, where the
// schedule's rotates and three-way xors become single vprorq / vpternlogq ops.
//
// Blocks go in pairs. A ymm row holds two consecutive schedule words of block A in
// its low 128-bit lane and the same two words of block B in its high lane; two words
// per step fit the recurrence, whose nearest input is W[t-2]. While the scalar rounds
// (rotates become rorx) consume one pair's W+K from the stack, the schedule of the
// next pair is computed a few steps per eight rounds: the vector units are idle
// during the rounds, so the schedule costs little. Constant-time: adds, shifts,
// rotates and boolean operations only; every branch and address depends only on
// the round index and the public length.
#include <immintrin.h>

#include "base/endian.h"
#include "base/secret.h"
#include "crypto/hash/sha512.h"

#ifdef KEEL_SHA512_AVX512
#define KEEL_SHA512_SIMD_BLOCKS sha512_blocks_avx512
#else
#define KEEL_SHA512_SIMD_BLOCKS sha512_blocks_avx2
#endif

namespace keel::crypto::detail {
namespace {

template <int kBits>
inline __m256i rotr(__m256i x) {
#ifdef KEEL_SHA512_AVX512
    return _mm256_ror_epi64(x, kBits);
#else
    return _mm256_or_si256(_mm256_srli_epi64(x, kBits), _mm256_slli_epi64(x, 64 - kBits));
#endif
}

inline __m256i xor3(__m256i a, __m256i b, __m256i c) {
#ifdef KEEL_SHA512_AVX512
    return _mm256_ternarylogic_epi64(a, b, c, 0x96);
#else
    return _mm256_xor_si256(_mm256_xor_si256(a, b), c);
#endif
}

// sigma0 and sigma1 of FIPS 180-4 §4.1.3, on four words at once.
inline __m256i small_s0(__m256i x) {
    return xor3(rotr<1>(x), rotr<8>(x), _mm256_srli_epi64(x, 7));
}
inline __m256i small_s1(__m256i x) {
    return xor3(rotr<19>(x), rotr<61>(x), _mm256_srli_epi64(x, 6));
}

inline __m256i k_pair(int j) {
    return _mm256_broadcastsi128_si256(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(kSha512K + 2 * j)));
}

// The schedule of one pair of blocks: w[j] = {W[2j], W[2j+1]} of A (low lane) and B
// (high lane), wk[j] the same plus K. Step j < 8 loads message words; step j >= 8
// applies the recurrence to rows j-8, j-7, j-4, j-3 and j-1.
struct Schedule {
    const uint8_t* a;
    const uint8_t* b;
    __m256i* w;
    __m256i* wk;

    void step(int j) const {
        __m256i x;
        if (j < 8) {
            const __m256i kSwap = _mm256_set_epi64x(0x08090a0b0c0d0e0fLL, 0x0001020304050607LL,
                                                    0x08090a0b0c0d0e0fLL, 0x0001020304050607LL);
            __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + 16 * j));
            __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + 16 * j));
            x = _mm256_shuffle_epi8(_mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1),
                                    kSwap);
        } else {
            __m256i w15 = _mm256_alignr_epi8(w[j - 7], w[j - 8], 8);
            __m256i w7 = _mm256_alignr_epi8(w[j - 3], w[j - 4], 8);
            x = _mm256_add_epi64(_mm256_add_epi64(w[j - 8], small_s0(w15)),
                                 _mm256_add_epi64(w7, small_s1(w[j - 1])));
        }
        w[j] = x;
        wk[j] = _mm256_add_epi64(x, k_pair(j));
    }
};

inline uint64_t big_s0(uint64_t x) {
    return rotr64(x, 28) ^ rotr64(x, 34) ^ rotr64(x, 39);
}
inline uint64_t big_s1(uint64_t x) {
    return rotr64(x, 14) ^ rotr64(x, 18) ^ rotr64(x, 41);
}

// One round with the names rotated by the caller. Maj(a,b,c) = ((a^b) & (b^c)) ^ b,
// and this round's a^b is the next round's b^c, so each round computes one xor for it.
#define KEEL_SHA512_ROUND(a, b, c, d, e, f, g, h, ab, bc, wk) \
    h += (wk) + (((f ^ g) & e) ^ g);                          \
    h += big_s1(e);                                           \
    d += h;                                                   \
    ab = a ^ b;                                               \
    h += ((ab & bc) ^ b) + big_s0(a)

// The 80 rounds of one block; wk points at its W+K words, two per 32-byte row. Every
// eight rounds it runs `per8` steps of `next` starting at step `first` (none when
// next.w is null).
inline void rounds(uint64_t s[8], const uint64_t* wk, const Schedule& next, int first, int per8) {
    uint64_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
    uint64_t x, y = b ^ c;
    for (int t = 0; t < 80; t += 8, wk += 16) {
        KEEL_SHA512_ROUND(a, b, c, d, e, f, g, h, x, y, wk[0]);
        KEEL_SHA512_ROUND(h, a, b, c, d, e, f, g, y, x, wk[1]);
        KEEL_SHA512_ROUND(g, h, a, b, c, d, e, f, x, y, wk[4]);
        KEEL_SHA512_ROUND(f, g, h, a, b, c, d, e, y, x, wk[5]);
        KEEL_SHA512_ROUND(e, f, g, h, a, b, c, d, x, y, wk[8]);
        KEEL_SHA512_ROUND(d, e, f, g, h, a, b, c, y, x, wk[9]);
        KEEL_SHA512_ROUND(c, d, e, f, g, h, a, b, x, y, wk[12]);
        KEEL_SHA512_ROUND(b, c, d, e, f, g, h, a, y, x, wk[13]);
        if (next.w != nullptr) {
            for (int i = 0; i < per8; i++) next.step(first++);
        }
    }
    s[0] += a;
    s[1] += b;
    s[2] += c;
    s[3] += d;
    s[4] += e;
    s[5] += f;
    s[6] += g;
    s[7] += h;
}

#undef KEEL_SHA512_ROUND

}  // namespace

void KEEL_SHA512_SIMD_BLOCKS(uint64_t state[8], const uint8_t* in, size_t n) {
    if (n == 0) return;
    // Two schedules: the one the rounds read and the one being built.
    __m256i w[40], wk[2][40];
    // A lone block fills both lanes; its high lane is computed and ignored.
    const Schedule none{nullptr, nullptr, nullptr, nullptr};
    Schedule cur{in, n >= 2 ? in + 128 : in, w, wk[0]};
    for (int j = 0; j < 40; j++) cur.step(j);
    for (int i = 0;; i ^= 1) {
        const uint64_t* words = reinterpret_cast<const uint64_t*>(wk[i]);
        if (n == 1) {
            rounds(state, words, none, 0, 0);
            break;
        }
        const uint8_t* nxt = in + 256;
        const size_t rest = n - 2;
        // 40 steps over 160 rounds: two per eight rounds.
        Schedule next = rest == 0 ? none : Schedule{nxt, rest >= 2 ? nxt + 128 : nxt, w, wk[i ^ 1]};
        rounds(state, words, next, 0, 2);
        rounds(state, words + 2, next, 20, 2);
        if (rest == 0) break;
        in = nxt;
        n = rest;
    }
    // The schedule is derived from the message, which may be secret (HMAC keys).
    secure_wipe(w, sizeof w);
    secure_wipe(wk, sizeof wk);
}

}  // namespace keel::crypto::detail
