// Shared VAES helpers for aes_vaes512.cc and crypto/aead/gcm_vaes512.cc. Include only
// from files compiled with -mvaes -mavx512f -mavx512bw -mavx512vl.
#pragma once

#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#include "crypto/aes/aes.h"

namespace keel::crypto::detail::vaes {

// Mask of the first n (< 64, or 64) bytes of a zmm.
inline __mmask64 byte_mask(size_t n) {
    return n >= 64 ? ~__mmask64{0} : ((__mmask64{1} << n) - 1);
}

// One 128-bit value in all four lanes. (GCC 12's unmasked _mm512_broadcast_i32x4
// trips -Wuninitialized inside its own header; the masked form with a zero source is
// the same instruction.)
inline __m512i bcast128(__m128i x) {
    return _mm512_mask_broadcast_i32x4(_mm512_setzero_si512(), 0xffff, x);
}

// Reverses the bytes of each 128-bit lane.
inline __m512i bswap128(__m512i x) {
    const __m512i rev =
        bcast128(_mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    return _mm512_shuffle_epi8(x, rev);
}

// Round keys broadcast to all four lanes, loaded once per call.
struct RoundKeys {
    __m512i k[15];
    unsigned rounds;

    explicit RoundKeys(const AesSchedule& s) : rounds(s.rounds) {
        for (unsigned r = 0; r <= rounds; r++) {
            k[r] = bcast128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.enc + 16 * r)));
        }
    }

    __m512i encrypt(__m512i b) const {
        b = _mm512_xor_si512(b, k[0]);
        for (unsigned r = 1; r < rounds; r++) b = _mm512_aesenc_epi128(b, k[r]);
        return _mm512_aesenclast_epi128(b, k[rounds]);
    }

    void encrypt4(__m512i& b0, __m512i& b1, __m512i& b2, __m512i& b3) const {
        b0 = _mm512_xor_si512(b0, k[0]);
        b1 = _mm512_xor_si512(b1, k[0]);
        b2 = _mm512_xor_si512(b2, k[0]);
        b3 = _mm512_xor_si512(b3, k[0]);
        for (unsigned r = 1; r < rounds; r++) {
            b0 = _mm512_aesenc_epi128(b0, k[r]);
            b1 = _mm512_aesenc_epi128(b1, k[r]);
            b2 = _mm512_aesenc_epi128(b2, k[r]);
            b3 = _mm512_aesenc_epi128(b3, k[r]);
        }
        b0 = _mm512_aesenclast_epi128(b0, k[rounds]);
        b1 = _mm512_aesenclast_epi128(b1, k[rounds]);
        b2 = _mm512_aesenclast_epi128(b2, k[rounds]);
        b3 = _mm512_aesenclast_epi128(b3, k[rounds]);
    }
};

// Four consecutive inc32 counter blocks per call (SP 800-38D §6.2). The counter is
// kept byte-reversed so that its 32-bit field is dword 0 of each lane, where a plain
// 32-bit add wraps it mod 2^32 exactly like inc32.
struct Counter {
    __m512i rev;

    explicit Counter(const uint8_t block[16]) {
        const __m512i b = bcast128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block)));
        rev = _mm512_add_epi32(bswap128(b),
                               _mm512_set_epi32(0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0));
    }
    __m512i next() {
        const __m512i out = bswap128(rev);
        rev =
            _mm512_add_epi32(rev, _mm512_set_epi32(0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 4));
        return out;
    }
};

}  // namespace keel::crypto::detail::vaes
