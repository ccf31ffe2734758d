// SHA-256 compression with the x86 SHA extensions (compiled with -msha -msse4.1).
// The state stays in two registers for the whole run of blocks. Constant-time: the
// SHA instructions, adds and shuffles have data-independent timing.
#include <immintrin.h>

#include "crypto/hash/sha256.h"

namespace keel::crypto::detail {
namespace {

// sha256rnds2 wants the state as {A,B,E,F} and {C,D,G,H} (high dword first), and
// message words big-endian inside each dword.
inline __m128i load_be_words(const uint8_t* p) {
    const __m128i kSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), kSwap);
}

// Four rounds on W[4i..4i+3] (already in m), updating abef/cdgh in place.
inline void four_rounds(__m128i& abef, __m128i& cdgh, __m128i m, int i) {
    __m128i wk =
        _mm_add_epi32(m, _mm_loadu_si128(reinterpret_cast<const __m128i*>(kSha256K + 4 * i)));
    // Two rounds make the old {A,B,E,F} the new {C,D,G,H}, so the two registers
    // trade roles after each rnds2 and are back in place after four rounds.
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
    abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0e));
}

// W[t..t+3] from W[t-16..t-1] held in m0 (oldest) .. m3 (newest), FIPS 180-4 §6.2.2.
inline __m128i schedule(__m128i m0, __m128i m1, __m128i m2, __m128i m3) {
    __m128i t = _mm_add_epi32(_mm_sha256msg1_epu32(m0, m1), _mm_alignr_epi8(m3, m2, 4));
    return _mm_sha256msg2_epu32(t, m3);
}

}  // namespace

void sha256_blocks_shani(uint32_t state[8], const uint8_t* in, size_t n) {
    __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
    __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xb1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1b);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xf0);

    for (; n > 0; n--, in += 64) {
        const __m128i abef_in = abef, cdgh_in = cdgh;
        __m128i m[4];
        for (int i = 0; i < 4; i++) {
            m[i] = load_be_words(in + 16 * i);
            four_rounds(abef, cdgh, m[i], i);
        }
#pragma GCC unroll 12
        for (int i = 4; i < 16; i++) {
            m[i & 3] = schedule(m[i & 3], m[(i + 1) & 3], m[(i + 2) & 3], m[(i + 3) & 3]);
            four_rounds(abef, cdgh, m[i & 3], i);
        }
        abef = _mm_add_epi32(abef, abef_in);
        cdgh = _mm_add_epi32(cdgh, cdgh_in);
    }

    // Back to {A,B,C,D}, {E,F,G,H} in memory order.
    __m128i feba = _mm_shuffle_epi32(abef, 0x1b);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xb1);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_blend_epi16(feba, dchg, 0xf0));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), _mm_alignr_epi8(dchg, feba, 8));
}

}  // namespace keel::crypto::detail
