// SHA-1 compression with the x86 SHA extensions (compiled with -msha -msse4.1).
// {A,B,C,D} and E stay in registers across the run of blocks. Constant-time: the SHA
// instructions, xors and shuffles have data-independent timing.
#include <immintrin.h>

#include <utility>

#include "crypto/hash/sha1.h"

namespace keel::crypto::detail {
namespace {

// sha1rnds4 wants A in the high dword and the message words W[t] high to W[t+3] low,
// each big-endian: reversing all 16 bytes does both.
inline __m128i load_be_reversed(const uint8_t* p) {
    const __m128i kReverse = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), kReverse);
}

// Rounds 4i..4i+3. m[i & 3] holds W[4i..4i+3] once computed; `prev` is {A,B,C,D}
// from four rounds back, whose A rotated by 30 is this group's E (sha1nexte).
template <int I>
inline void four_rounds(__m128i& abcd, __m128i& prev, __m128i (&m)[4], __m128i e0) {
    if constexpr (I >= 4) {
        // FIPS 180-4 §6.1.2: W[t] = ROTL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]).
        __m128i t = _mm_xor_si128(_mm_sha1msg1_epu32(m[I & 3], m[(I + 1) & 3]), m[(I + 2) & 3]);
        m[I & 3] = _mm_sha1msg2_epu32(t, m[(I + 3) & 3]);
    }
    __m128i e;
    if constexpr (I == 0) {
        e = _mm_add_epi32(e0, m[0]);
    } else {
        e = _mm_sha1nexte_epu32(prev, m[I & 3]);
    }
    prev = abcd;
    // The immediate picks f and K for rounds 20*(I/5) .. (§4.1.1, §4.2.1).
    abcd = _mm_sha1rnds4_epu32(abcd, e, I / 5);
}

template <int... I>
inline void eighty_rounds(__m128i& abcd, __m128i& prev, __m128i (&m)[4], __m128i e0,
                          std::integer_sequence<int, I...>) {
    (four_rounds<I>(abcd, prev, m, e0), ...);
}

}  // namespace

void sha1_blocks_shani(uint32_t state[5], const uint8_t* in, size_t n) {
    __m128i abcd =
        _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state)), 0x1b);
    __m128i e0 = _mm_set_epi32(static_cast<int>(state[4]), 0, 0, 0);

    for (; n > 0; n--, in += 64) {
        const __m128i abcd_in = abcd;
        __m128i m[4];
        for (int i = 0; i < 4; i++) m[i] = load_be_reversed(in + 16 * i);
        __m128i prev = abcd;
        eighty_rounds(abcd, prev, m, e0, std::make_integer_sequence<int, 20>{});
        // E after 80 rounds is ROTL30 of A from four rounds back, plus the input E.
        e0 = _mm_sha1nexte_epu32(prev, e0);
        abcd = _mm_add_epi32(abcd, abcd_in);
    }

    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_shuffle_epi32(abcd, 0x1b));
    state[4] = static_cast<uint32_t>(_mm_extract_epi32(e0, 3));
}

}  // namespace keel::crypto::detail
