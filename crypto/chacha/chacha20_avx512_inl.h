// ChaCha20 AVX-512 building blocks (RFC 8439 §2.3), shared by chacha20_avx512.cc and
// the fused chacha20_poly1305_avx512.cc. Include only from files compiled with
// -mavx512f -mavx512vl -mavx512bw. Lane-wise adds, xors and vprold only: constant time.
#pragma once

#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#include "crypto/chacha/chacha20_internal.h"

namespace keel::crypto::detail {
namespace {

#define KEEL_QR(a, b, c, d)      \
    a = _mm512_add_epi32(a, b);  \
    d = _mm512_xor_si512(d, a);  \
    d = _mm512_rol_epi32(d, 16); \
    c = _mm512_add_epi32(c, d);  \
    b = _mm512_xor_si512(b, c);  \
    b = _mm512_rol_epi32(b, 12); \
    a = _mm512_add_epi32(a, b);  \
    d = _mm512_xor_si512(d, a);  \
    d = _mm512_rol_epi32(d, 8);  \
    c = _mm512_add_epi32(c, d);  \
    b = _mm512_xor_si512(b, c);  \
    b = _mm512_rol_epi32(b, 7);

// Rows of 128-bit lanes -> blocks: block L = (a.lane L, b.lane L, c.lane L, d.lane L).
inline void transpose_lanes(__m512i& a, __m512i& b, __m512i& c, __m512i& d) {
    __m512i u0 = _mm512_shuffle_i32x4(a, b, 0x44);  // a0 a1 b0 b1
    __m512i u1 = _mm512_shuffle_i32x4(a, b, 0xee);  // a2 a3 b2 b3
    __m512i u2 = _mm512_shuffle_i32x4(c, d, 0x44);  // c0 c1 d0 d1
    __m512i u3 = _mm512_shuffle_i32x4(c, d, 0xee);  // c2 c3 d2 d3
    a = _mm512_shuffle_i32x4(u0, u2, 0x88);         // a0 b0 c0 d0
    b = _mm512_shuffle_i32x4(u0, u2, 0xdd);         // a1 b1 c1 d1
    c = _mm512_shuffle_i32x4(u1, u3, 0x88);
    d = _mm512_shuffle_i32x4(u1, u3, 0xdd);
}

inline void xor_store(uint8_t* out, const uint8_t* in, __m512i ks) {
    _mm512_storeu_si512(out, _mm512_xor_si512(_mm512_loadu_si512(in), ks));
}

// 16 blocks (1024 bytes) from `counter`. between(r) runs inside double round r
// (0..9): the fused AEAD puts Poly1305 steps there, so their multiply latency hides
// under the ChaCha20 adds, xors and rotates.
template <class Between>
inline void pass16(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter,
                   const uint8_t* in, uint8_t* out, Between&& between) {
    __m512i s[16];
    for (int i = 0; i < 4; i++) s[i] = _mm512_set1_epi32(static_cast<int>(kChaChaSigma[i]));
    for (int i = 0; i < 8; i++) s[4 + i] = _mm512_set1_epi32(static_cast<int>(key[i]));
    s[12] =
        _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(counter)),
                         _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    for (int i = 0; i < 3; i++) s[13 + i] = _mm512_set1_epi32(static_cast<int>(nonce[i]));
    __m512i x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3], x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7],
            x8 = s[8], x9 = s[9], x10 = s[10], x11 = s[11], x12 = s[12], x13 = s[13], x14 = s[14],
            x15 = s[15];
    // Fully unrolled: a rolled loop costs 16 register moves per double round here.
#pragma GCC unroll 10
    for (int r = 0; r < 10; r++) {
        between(r);
        KEEL_QR(x0, x4, x8, x12)
        KEEL_QR(x1, x5, x9, x13)
        KEEL_QR(x2, x6, x10, x14)
        KEEL_QR(x3, x7, x11, x15)
        KEEL_QR(x0, x5, x10, x15)
        KEEL_QR(x1, x6, x11, x12)
        KEEL_QR(x2, x7, x8, x13)
        KEEL_QR(x3, x4, x9, x14)
    }
    __m512i x[16] = {x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15};
    for (int i = 0; i < 16; i++) x[i] = _mm512_add_epi32(x[i], s[i]);
    // Dword transpose within 128-bit lanes: for word group g (words 4g..4g+3),
    // v[g][j] lane L holds those words of block 4L + j.
    __m512i v[4][4];
    for (int g = 0; g < 4; g++) {
        __m512i t0 = _mm512_unpacklo_epi32(x[4 * g], x[4 * g + 1]);
        __m512i t1 = _mm512_unpacklo_epi32(x[4 * g + 2], x[4 * g + 3]);
        __m512i t2 = _mm512_unpackhi_epi32(x[4 * g], x[4 * g + 1]);
        __m512i t3 = _mm512_unpackhi_epi32(x[4 * g + 2], x[4 * g + 3]);
        v[g][0] = _mm512_unpacklo_epi64(t0, t1);
        v[g][1] = _mm512_unpackhi_epi64(t0, t1);
        v[g][2] = _mm512_unpacklo_epi64(t2, t3);
        v[g][3] = _mm512_unpackhi_epi64(t2, t3);
    }
    for (int j = 0; j < 4; j++) {
        transpose_lanes(v[0][j], v[1][j], v[2][j], v[3][j]);
        // v[L][j] is now block 4L + j.
        for (int l = 0; l < 4; l++) {
            size_t off = 64 * (4 * l + j);
            xor_store(out + off, in + off, v[l][j]);
        }
    }
}

// Up to 4 blocks (256 bytes) from `counter`, len <= 256.
inline void pass4(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter,
                  const uint8_t* in, uint8_t* out, size_t len) {
    const __m512i a0 =
        _mm512_broadcast_i32x4(_mm_loadu_si128(reinterpret_cast<const __m128i*>(kChaChaSigma)));
    const __m512i b0 =
        _mm512_broadcast_i32x4(_mm_loadu_si128(reinterpret_cast<const __m128i*>(key)));
    const __m512i c0 =
        _mm512_broadcast_i32x4(_mm_loadu_si128(reinterpret_cast<const __m128i*>(key + 4)));
    const __m512i d0 =
        _mm512_add_epi32(_mm512_broadcast_i32x4(_mm_setr_epi32(
                             static_cast<int>(counter), static_cast<int>(nonce[0]),
                             static_cast<int>(nonce[1]), static_cast<int>(nonce[2]))),
                         _mm512_setr_epi32(0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0));
    __m512i a = a0, b = b0, c = c0, d = d0;
    for (int r = 0; r < 10; r++) {
        KEEL_QR(a, b, c, d)
        // Diagonals become columns: rotate rows b, c, d left by 1, 2, 3 words.
        b = _mm512_shuffle_epi32(b, _MM_PERM_ADCB);
        c = _mm512_shuffle_epi32(c, _MM_PERM_BADC);
        d = _mm512_shuffle_epi32(d, _MM_PERM_CBAD);
        KEEL_QR(a, b, c, d)
        b = _mm512_shuffle_epi32(b, _MM_PERM_CBAD);
        c = _mm512_shuffle_epi32(c, _MM_PERM_BADC);
        d = _mm512_shuffle_epi32(d, _MM_PERM_ADCB);
    }
    a = _mm512_add_epi32(a, a0);
    b = _mm512_add_epi32(b, b0);
    c = _mm512_add_epi32(c, c0);
    d = _mm512_add_epi32(d, d0);
    transpose_lanes(a, b, c, d);
    __m512i blocks[4] = {a, b, c, d};
    for (int l = 0; l < 4 && len > 0; l++) {
        if (len >= 64) {
            xor_store(out, in, blocks[l]);
            in += 64;
            out += 64;
            len -= 64;
        } else {
            // Masked byte load/store: nothing outside the message is touched.
            __mmask64 m = (~uint64_t{0}) >> (64 - len);
            __m512i v = _mm512_maskz_loadu_epi8(m, in);
            _mm512_mask_storeu_epi8(out, m, _mm512_xor_si512(v, blocks[l]));
            len = 0;
        }
    }
}

#define KEEL_QR128(a, b, c, d) \
    a = _mm_add_epi32(a, b);   \
    d = _mm_xor_si128(d, a);   \
    d = _mm_rol_epi32(d, 16);  \
    c = _mm_add_epi32(c, d);   \
    b = _mm_xor_si128(b, c);   \
    b = _mm_rol_epi32(b, 12);  \
    a = _mm_add_epi32(a, b);   \
    d = _mm_xor_si128(d, a);   \
    d = _mm_rol_epi32(d, 8);   \
    c = _mm_add_epi32(c, d);   \
    b = _mm_xor_si128(b, c);   \
    b = _mm_rol_epi32(b, 7);

// One block in row form (one row per xmm), run a double round at a time so the
// fused AEAD can spread block 0 (the Poly1305 key) across a 16-block pass.
struct RowBlock {
    __m128i a, b, c, d;

    RowBlock(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter)
        : a(_mm_loadu_si128(reinterpret_cast<const __m128i*>(kChaChaSigma))),
          b(_mm_loadu_si128(reinterpret_cast<const __m128i*>(key))),
          c(_mm_loadu_si128(reinterpret_cast<const __m128i*>(key + 4))),
          d(_mm_setr_epi32(static_cast<int>(counter), static_cast<int>(nonce[0]),
                           static_cast<int>(nonce[1]), static_cast<int>(nonce[2]))) {}

    void double_round() {
        KEEL_QR128(a, b, c, d)
        b = _mm_shuffle_epi32(b, 0x39);
        c = _mm_shuffle_epi32(c, 0x4e);
        d = _mm_shuffle_epi32(d, 0x93);
        KEEL_QR128(a, b, c, d)
        b = _mm_shuffle_epi32(b, 0x93);
        c = _mm_shuffle_epi32(c, 0x4e);
        d = _mm_shuffle_epi32(d, 0x39);
    }

    // After 10 double rounds: the first 32 keystream bytes as four LE 64-bit words.
    void first32(const uint32_t key[8], uint64_t out[4]) const {
        __m128i r0 =
            _mm_add_epi32(a, _mm_loadu_si128(reinterpret_cast<const __m128i*>(kChaChaSigma)));
        __m128i r1 = _mm_add_epi32(b, _mm_loadu_si128(reinterpret_cast<const __m128i*>(key)));
        out[0] = static_cast<uint64_t>(_mm_cvtsi128_si64(r0));
        out[1] = static_cast<uint64_t>(_mm_extract_epi64(r0, 1));
        out[2] = static_cast<uint64_t>(_mm_cvtsi128_si64(r1));
        out[3] = static_cast<uint64_t>(_mm_extract_epi64(r1, 1));
    }
};

#undef KEEL_QR128
#undef KEEL_QR

}  // namespace
}  // namespace keel::crypto::detail
