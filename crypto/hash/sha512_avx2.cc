// SHA-512 compression with an AVX2 message schedule and BMI2 scalar rounds
// (compiled with -mavx2 -mbmi2). FIPS 180-4 §6.4.2.
//
// Two blocks at a time: each ymm register holds two consecutive schedule words of
// block A in its low 128-bit lane and the same two words of block B in its high lane.
// Two words per step fit the recurrence, whose nearest input is W[t-2]. The schedule
// plus K goes to the stack, then plain scalar rounds (rotates become rorx) read it
// for A and then for B. Constant-time: adds, shifts, rotates and boolean operations
// only, and every address depends on the round index alone.
#include <immintrin.h>

#include "base/endian.h"
#include "base/secret.h"
#include "crypto/hash/sha512.h"

namespace keel::crypto::detail {
namespace {

template <int kBits>
inline __m256i rotr(__m256i x) {
    return _mm256_or_si256(_mm256_srli_epi64(x, kBits), _mm256_slli_epi64(x, 64 - kBits));
}

// sigma0 and sigma1 of FIPS 180-4 §4.1.3, on four words at once.
inline __m256i small_s0(__m256i x) {
    return _mm256_xor_si256(_mm256_xor_si256(rotr<1>(x), rotr<8>(x)), _mm256_srli_epi64(x, 7));
}
inline __m256i small_s1(__m256i x) {
    return _mm256_xor_si256(_mm256_xor_si256(rotr<19>(x), rotr<61>(x)), _mm256_srli_epi64(x, 6));
}

// wk[t/2] = {W[t]+K[t], W[t+1]+K[t+1]} of block a (low lane) and block b (high lane).
inline void schedule_pair(const uint8_t* a, const uint8_t* b, __m256i wk[40]) {
    const __m256i kSwap = _mm256_set_epi64x(0x08090a0b0c0d0e0fLL, 0x0001020304050607LL,
                                            0x08090a0b0c0d0e0fLL, 0x0001020304050607LL);
    __m256i x[8];
    for (int i = 0; i < 8; i++) {
        __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + 16 * i));
        __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + 16 * i));
        x[i] =
            _mm256_shuffle_epi8(_mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1), kSwap);
        wk[i] = _mm256_add_epi64(x[i], _mm256_broadcastsi128_si256(_mm_loadu_si128(
                                           reinterpret_cast<const __m128i*>(kSha512K + 2 * i))));
    }
    // x[j & 7] holds W[2j-16], W[2j-15] on entry to step j and W[2j], W[2j+1] after it.
#pragma GCC unroll 32
    for (int j = 8; j < 40; j++) {
        __m256i w16 = x[j & 7];
        __m256i w15 = _mm256_alignr_epi8(x[(j + 1) & 7], x[j & 7], 8);
        __m256i w7 = _mm256_alignr_epi8(x[(j + 5) & 7], x[(j + 4) & 7], 8);
        __m256i w2 = x[(j + 7) & 7];
        __m256i w = _mm256_add_epi64(_mm256_add_epi64(w16, small_s0(w15)),
                                     _mm256_add_epi64(w7, small_s1(w2)));
        x[j & 7] = w;
        wk[j] = _mm256_add_epi64(w, _mm256_broadcastsi128_si256(_mm_loadu_si128(
                                        reinterpret_cast<const __m128i*>(kSha512K + 2 * j))));
    }
}

inline uint64_t big_s0(uint64_t x) {
    return rotr64(x, 28) ^ rotr64(x, 34) ^ rotr64(x, 39);
}
inline uint64_t big_s1(uint64_t x) {
    return rotr64(x, 14) ^ rotr64(x, 18) ^ rotr64(x, 41);
}

// One round with the names rotated by the caller. Maj(a,b,c) = ((a^b) & (b^c)) ^ b,
// and this round's a^b is the next round's b^c, so each round computes one xor for it.
#define KEEL_SHA512_ROUND(a, b, c, d, e, f, g, h, ab, bc, wk) \
    h += (wk) + big_s1(e) + (((f ^ g) & e) ^ g);              \
    d += h;                                                   \
    ab = a ^ b;                                               \
    h += big_s0(a) + ((ab & bc) ^ b)

// Rounds over one block; wk points at its W+K words, two per 32-byte row.
inline void rounds(uint64_t s[8], const uint64_t* wk) {
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

void sha512_blocks_avx2(uint64_t state[8], const uint8_t* in, size_t n) {
    __m256i wk[40];
    const uint64_t* words = reinterpret_cast<const uint64_t*>(wk);
    for (; n >= 2; n -= 2, in += 256) {
        schedule_pair(in, in + 128, wk);
        rounds(state, words);
        rounds(state, words + 2);
    }
    if (n == 1) {
        // A lone block fills both lanes; the high one is computed and ignored.
        schedule_pair(in, in, wk);
        rounds(state, words);
    }
    // The schedule is derived from the message, which may be secret (HMAC keys).
    secure_wipe(wk, sizeof wk);
}

}  // namespace keel::crypto::detail
