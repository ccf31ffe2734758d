// SHA-512 compression eight blocks at a time (FIPS 180-4 §6.4.2): the message
// schedule of eight consecutive blocks runs in AVX-512 registers, one zmm lane per
// block, and the rounds run in scalar BMI2 code written as inline assembly.
//
// Why this shape: the rounds are a serial chain of about 22 scalar operations with a
// five-cycle critical path, and the vector units share their ports with the scalar
// ALUs. A lane per block makes the schedule cost one vector step per eight words
// (no shuffles: W[t-2], W[t-7], W[t-15] and W[t-16] are whole rows), so it steals the
// fewest slots from the rounds. The schedule of the next group of eight is computed
// while the current group's rounds run, a step every eight rounds, and the out-of-order
// core fills the rounds' idle port slots with it. The rounds are assembly because the
// compilers spill state words and copy registers around; here every round is the
// minimal chain with names rotated by unrolling.
//
// Fewer than eight blocks go to the two-block code (sha512_avx2.cc), which wastes no
// lanes. Constant-time: adds, rotates, shifts and boolean operations only; every
// branch and address depends only on the round index and the public block count.
#include <immintrin.h>

// GCC 12 reports its own _mm512_undefined_epi32() inside the AVX-512 shift and rotate
// intrinsics as maybe-uninitialized; the lanes are all written.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "base/endian.h"
#include "base/secret.h"
#include "crypto/hash/sha512.h"

namespace keel::crypto::detail {
namespace {

constexpr int kLanes = 8;

// A group's schedule: w[t][j] = W[t] of block j, wk[t][j] = W[t] + K[t].
struct alignas(64) Schedule {
    uint64_t w[80][kLanes];
    uint64_t wk[80][kLanes];
};

inline __m512i small_s0(__m512i x) {
    return _mm512_ternarylogic_epi64(_mm512_ror_epi64(x, 1), _mm512_ror_epi64(x, 8),
                                     _mm512_srli_epi64(x, 7), 0x96);
}
inline __m512i small_s1(__m512i x) {
    return _mm512_ternarylogic_epi64(_mm512_ror_epi64(x, 19), _mm512_ror_epi64(x, 61),
                                     _mm512_srli_epi64(x, 6), 0x96);
}

// Step t of the schedule of the eight blocks at `in` (FIPS 180-4 §6.4.2 step 1).
inline void schedule_step(Schedule& s, const uint8_t* in, int t) {
    __m512i x;
    if (t < 16) {
        // Message words are gathered with scalar loads: sixteen steps of eight loads
        // per group cost less than the transposes a vector load would need.
        for (int j = 0; j < kLanes; j++) s.w[t][j] = load_be64(in + 128 * j + 8 * t);
        x = _mm512_load_si512(s.w[t]);
    } else {
        x = _mm512_add_epi64(_mm512_add_epi64(_mm512_load_si512(s.w[t - 16]),
                                              small_s0(_mm512_load_si512(s.w[t - 15]))),
                             _mm512_add_epi64(_mm512_load_si512(s.w[t - 7]),
                                              small_s1(_mm512_load_si512(s.w[t - 2]))));
        _mm512_store_si512(s.w[t], x);
    }
    x = _mm512_add_epi64(x, _mm512_set1_epi64(static_cast<long long>(kSha512K[t])));
    _mm512_store_si512(s.wk[t], x);
}

// One round, AT&T syntax, names rotated by the caller (FIPS 180-4 §6.4.2 step 3).
// T1 = h + Sigma1(e) + Ch(e,f,g) + K[t] + W[t] with Ch = ((f^g)&e)^g; d += T1;
// h = T1 + Sigma0(a) + Maj(a,b,c) with Maj = ((a^b)&(b^c))^b, where b^c arrives in
// `y` from the previous round and this round's a^b leaves in `x` for the next.
#define KEEL_R(a, b, c, d, e, f, g, h, x, y, i) \
    "addq " #i "*64(%[wk]), %[" #h              \
    "]\n\t"                                     \
    "rorxq $14, %[" #e                          \
    "], %[t0]\n\t"                              \
    "rorxq $18, %[" #e                          \
    "], %[t1]\n\t"                              \
    "movq %[" #f                                \
    "], %[t2]\n\t"                              \
    "xorq %[" #g                                \
    "], %[t2]\n\t"                              \
    "xorq %[t1], %[t0]\n\t"                     \
    "rorxq $41, %[" #e                          \
    "], %[t1]\n\t"                              \
    "andq %[" #e                                \
    "], %[t2]\n\t"                              \
    "xorq %[t1], %[t0]\n\t"                     \
    "xorq %[" #g                                \
    "], %[t2]\n\t"                              \
    "addq %[t2], %[" #h                         \
    "]\n\t"                                     \
    "addq %[t0], %[" #h                         \
    "]\n\t"                                     \
    "addq %[" #h "], %[" #d                     \
    "]\n\t"                                     \
    "rorxq $28, %[" #a                          \
    "], %[t0]\n\t"                              \
    "rorxq $34, %[" #a                          \
    "], %[t1]\n\t"                              \
    "movq %[" #a "], %[" #x                     \
    "]\n\t"                                     \
    "xorq %[" #b "], %[" #x                     \
    "]\n\t"                                     \
    "xorq %[t1], %[t0]\n\t"                     \
    "rorxq $39, %[" #a                          \
    "], %[t1]\n\t"                              \
    "andq %[" #x "], %[" #y                     \
    "]\n\t"                                     \
    "xorq %[t1], %[t0]\n\t"                     \
    "xorq %[" #b "], %[" #y                     \
    "]\n\t"                                     \
    "addq %[t0], %[" #h                         \
    "]\n\t"                                     \
    "addq %[" #y "], %[" #h "]\n\t"

// Eight rounds reading W+K at wk[0], wk[8], ..., wk[56] (one lane of eight rows).
inline void rounds8(uint64_t& a, uint64_t& b, uint64_t& c, uint64_t& d, uint64_t& e, uint64_t& f,
                    uint64_t& g, uint64_t& h, const uint64_t* wk) {
    uint64_t x, y = b ^ c, t0, t1, t2;
    asm(KEEL_R(a, b, c, d, e, f, g, h, x, y, 0)  //
        KEEL_R(h, a, b, c, d, e, f, g, y, x, 1)  //
        KEEL_R(g, h, a, b, c, d, e, f, x, y, 2)  //
        KEEL_R(f, g, h, a, b, c, d, e, y, x, 3)  //
        KEEL_R(e, f, g, h, a, b, c, d, x, y, 4)  //
        KEEL_R(d, e, f, g, h, a, b, c, y, x, 5)  //
        KEEL_R(c, d, e, f, g, h, a, b, x, y, 6)  //
        KEEL_R(b, c, d, e, f, g, h, a, y, x, 7)
        : [a] "+r"(a), [b] "+r"(b), [c] "+r"(c), [d] "+r"(d), [e] "+r"(e), [f] "+r"(f), [g] "+r"(g),
          [h] "+r"(h), [x] "=&r"(x), [y] "+&r"(y), [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2)
        : [wk] "r"(wk)
        : "cc", "memory");
}

#undef KEEL_R

// The 80 rounds of block `lane` of a scheduled group; after every eight rounds, one
// step of `next` (the following group's schedule) when there is one.
inline void block(uint64_t st[8], const Schedule& cur, int lane, Schedule* next,
                  const uint8_t* next_in, int& next_t) {
    uint64_t a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], h = st[7];
    for (int t = 0; t < 80; t += 8) {
        rounds8(a, b, c, d, e, f, g, h, &cur.wk[t][lane]);
        if (next != nullptr) schedule_step(*next, next_in, next_t++);
    }
    st[0] += a;
    st[1] += b;
    st[2] += c;
    st[3] += d;
    st[4] += e;
    st[5] += f;
    st[6] += g;
    st[7] += h;
}

}  // namespace

void sha512_blocks_avx512x8(uint64_t state[8], const uint8_t* in, size_t n) {
    if (n >= kLanes) {
        Schedule sched[2];
        for (int t = 0; t < 80; t++) schedule_step(sched[0], in, t);
        for (int i = 0;; i ^= 1) {
            const bool more = n >= 2 * kLanes;
            const uint8_t* next_in = in + 128 * kLanes;
            int next_t = 0;
            for (int lane = 0; lane < kLanes; lane++) {
                block(state, sched[i], lane, more ? &sched[i ^ 1] : nullptr, next_in, next_t);
            }
            in = next_in;
            n -= kLanes;
            if (!more) break;
        }
        // The schedule is derived from the message, which may be secret (HMAC keys).
        secure_wipe(sched, sizeof sched);
    }
    if (n > 0) sha512_blocks_avx512(state, in, n);
}

}  // namespace keel::crypto::detail
