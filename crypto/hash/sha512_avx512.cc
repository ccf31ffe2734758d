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
#include "crypto/hash/sha512_rounds_asm.h"

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

// The 80 rounds of block `lane` of a scheduled group. After every eight rounds it runs
// kPer8 steps of the schedule `fill` (when not null), reading message blocks at
// fill_in, up to step 79.
template <int kPer8>
inline void block(uint64_t st[8], const Schedule& cur, int lane, Schedule* fill,
                  const uint8_t* fill_in, int& fill_t) {
    uint64_t a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], h = st[7];
    for (int t = 0; t < 80; t += 8) {
        sha512_asm::rounds8<128, 64>(a, b, c, d, e, f, g, h, &cur.wk[t][lane]);
        if (fill != nullptr) {
            for (int i = 0; i < kPer8 && fill_t < 80; i++) schedule_step(*fill, fill_in, fill_t++);
        }
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
        // The first group has no predecessor to hide its schedule behind: steps 0-23
        // go first, and the first block's rounds compute the rest eight steps ahead
        // of where they read.
        int lead_t = 0;
        while (lead_t < 24) schedule_step(sched[0], in, lead_t++);
        for (int i = 0;; i ^= 1) {
            const bool more = n >= 2 * kLanes;
            const uint8_t* next_in = in + 128 * kLanes;
            Schedule* next = more ? &sched[i ^ 1] : nullptr;
            int next_t = 0;
            int lane = 0;
            if (lead_t < 80) block<8>(state, sched[i], lane++, &sched[i], in, lead_t);
            for (; lane < kLanes; lane++) block<1>(state, sched[i], lane, next, next_in, next_t);
            // The first group gave its first block's slots to the lead; finish here.
            while (more && next_t < 80) schedule_step(*next, next_in, next_t++);
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
