// 128-bit CLMUL helpers shared by ghash_pclmul.cc and gcm_vaes512.cc. Include only
// from files compiled with -mpclmul -msse4.1 (or a superset).
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace keel::crypto::detail::clmul {

// A GCM block as the 128-bit integer of its big-endian encoding (byte reversal).
inline __m128i load_block(const uint8_t* p) {
    const __m128i rev = _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), rev);
}

// Schoolbook 128x128 carry-less product, accumulated unreduced as lo/mid/hi.
inline void mul_acc(__m128i a, __m128i b, __m128i& lo, __m128i& mid, __m128i& hi) {
    lo = _mm_xor_si128(lo, _mm_clmulepi64_si128(a, b, 0x00));
    hi = _mm_xor_si128(hi, _mm_clmulepi64_si128(a, b, 0x11));
    mid = _mm_xor_si128(mid, _mm_clmulepi64_si128(a, b, 0x01));
    mid = _mm_xor_si128(mid, _mm_clmulepi64_si128(a, b, 0x10));
}

// 128-bit logical shifts built from 64-bit lane shifts (n in 1..63).
template <int N>
inline __m128i shl128(__m128i v) {
    return _mm_or_si128(_mm_slli_epi64(v, N), _mm_srli_epi64(_mm_slli_si128(v, 8), 64 - N));
}
template <int N>
inline __m128i shr128(__m128i v) {
    return _mm_or_si128(_mm_srli_epi64(v, N), _mm_slli_epi64(_mm_srli_si128(v, 8), 64 - N));
}

// Reduction of the 256-bit product hi:lo of reflected elements; see reduce() in
// ghash_portable.cc for the derivation (shift left by one, then fold the low half
// with x^128 = 1 + x + x^2 + x^7).
inline __m128i reduce256(__m128i hi, __m128i lo) {
    hi = _mm_or_si128(shl128<1>(hi), _mm_srli_si128(_mm_srli_epi64(lo, 63), 8));
    lo = shl128<1>(lo);
    const __m128i l0 = _mm_slli_si128(lo, 8);  // low word of lo, moved to the high word
    const __m128i v = _mm_xor_si128(
        lo, _mm_xor_si128(_mm_slli_epi64(l0, 63),
                          _mm_xor_si128(_mm_slli_epi64(l0, 62), _mm_slli_epi64(l0, 57))));
    return _mm_xor_si128(_mm_xor_si128(hi, v),
                         _mm_xor_si128(shr128<1>(v), _mm_xor_si128(shr128<2>(v), shr128<7>(v))));
}

inline __m128i reduce(__m128i lo, __m128i mid, __m128i hi) {
    lo = _mm_xor_si128(lo, _mm_slli_si128(mid, 8));
    hi = _mm_xor_si128(hi, _mm_srli_si128(mid, 8));
    return reduce256(hi, lo);
}

}  // namespace keel::crypto::detail::clmul
