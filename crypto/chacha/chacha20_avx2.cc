// ChaCha20 with AVX2: 8 blocks per pass, one block per 32-bit lane, then a transpose
// (RFC 8439 §2.3-2.4). Tails use 2 blocks per ymm, one block per 128-bit lane.
// Rotations by 16 and 8 are byte shuffles with a fixed pattern; the rest are lane-wise
// adds, xors and shifts: constant time.
#include <immintrin.h>

#include <cstring>

#include "base/secret.h"
#include "crypto/chacha/chacha20.h"
#include "crypto/chacha/chacha20_internal.h"

namespace keel::crypto::detail {
namespace {

inline __m256i rot16(__m256i x) {
    const __m256i k = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13, 2, 3,
                                       0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
    return _mm256_shuffle_epi8(x, k);
}
inline __m256i rot8(__m256i x) {
    const __m256i k = _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14, 3, 0,
                                       1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);
    return _mm256_shuffle_epi8(x, k);
}
template <int N>
inline __m256i rotl(__m256i x) {
    return _mm256_or_si256(_mm256_slli_epi32(x, N), _mm256_srli_epi32(x, 32 - N));
}

#define KEEL_QR(a, b, c, d)               \
    a = _mm256_add_epi32(a, b);           \
    d = rot16(_mm256_xor_si256(d, a));    \
    c = _mm256_add_epi32(c, d);           \
    b = rotl<12>(_mm256_xor_si256(b, c)); \
    a = _mm256_add_epi32(a, b);           \
    d = rot8(_mm256_xor_si256(d, a));     \
    c = _mm256_add_epi32(c, d);           \
    b = rotl<7>(_mm256_xor_si256(b, c));

inline void xor_store(uint8_t* out, const uint8_t* in, __m256i ks) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), _mm256_xor_si256(v, ks));
}

// 8 blocks (512 bytes) from `counter`.
void pass8(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter, const uint8_t* in,
           uint8_t* out) {
    __m256i s[16];
    for (int i = 0; i < 4; i++) s[i] = _mm256_set1_epi32(static_cast<int>(kChaChaSigma[i]));
    for (int i = 0; i < 8; i++) s[4 + i] = _mm256_set1_epi32(static_cast<int>(key[i]));
    s[12] = _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(counter)),
                             _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    for (int i = 0; i < 3; i++) s[13 + i] = _mm256_set1_epi32(static_cast<int>(nonce[i]));
    __m256i x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3], x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7],
            x8 = s[8], x9 = s[9], x10 = s[10], x11 = s[11], x12 = s[12], x13 = s[13], x14 = s[14],
            x15 = s[15];
    for (int r = 0; r < 10; r++) {
        KEEL_QR(x0, x4, x8, x12)
        KEEL_QR(x1, x5, x9, x13)
        KEEL_QR(x2, x6, x10, x14)
        KEEL_QR(x3, x7, x11, x15)
        KEEL_QR(x0, x5, x10, x15)
        KEEL_QR(x1, x6, x11, x12)
        KEEL_QR(x2, x7, x8, x13)
        KEEL_QR(x3, x4, x9, x14)
    }
    __m256i x[16] = {x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15};
    for (int i = 0; i < 16; i++) x[i] = _mm256_add_epi32(x[i], s[i]);
    // For word group g, v[g][j] lane L holds words 4g..4g+3 of block 4L + j.
    __m256i v[4][4];
    for (int g = 0; g < 4; g++) {
        __m256i t0 = _mm256_unpacklo_epi32(x[4 * g], x[4 * g + 1]);
        __m256i t1 = _mm256_unpacklo_epi32(x[4 * g + 2], x[4 * g + 3]);
        __m256i t2 = _mm256_unpackhi_epi32(x[4 * g], x[4 * g + 1]);
        __m256i t3 = _mm256_unpackhi_epi32(x[4 * g + 2], x[4 * g + 3]);
        v[g][0] = _mm256_unpacklo_epi64(t0, t1);
        v[g][1] = _mm256_unpackhi_epi64(t0, t1);
        v[g][2] = _mm256_unpacklo_epi64(t2, t3);
        v[g][3] = _mm256_unpackhi_epi64(t2, t3);
    }
    for (int j = 0; j < 4; j++) {
        for (int l = 0; l < 2; l++) {
            size_t off = 64 * (4 * l + j);
            __m256i lo = l == 0 ? _mm256_permute2x128_si256(v[0][j], v[1][j], 0x20)
                                : _mm256_permute2x128_si256(v[0][j], v[1][j], 0x31);
            __m256i hi = l == 0 ? _mm256_permute2x128_si256(v[2][j], v[3][j], 0x20)
                                : _mm256_permute2x128_si256(v[2][j], v[3][j], 0x31);
            xor_store(out + off, in + off, lo);
            xor_store(out + off + 32, in + off + 32, hi);
        }
    }
}

// Up to 2 blocks (128 bytes) from `counter`, len <= 128.
void pass2(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter, const uint8_t* in,
           uint8_t* out, size_t len) {
    const __m256i a0 = _mm256_broadcastsi128_si256(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(kChaChaSigma)));
    const __m256i b0 =
        _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(key)));
    const __m256i c0 =
        _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(key + 4)));
    const __m256i d0 =
        _mm256_add_epi32(_mm256_broadcastsi128_si256(_mm_setr_epi32(
                             static_cast<int>(counter), static_cast<int>(nonce[0]),
                             static_cast<int>(nonce[1]), static_cast<int>(nonce[2]))),
                         _mm256_setr_epi32(0, 0, 0, 0, 1, 0, 0, 0));
    __m256i a = a0, b = b0, c = c0, d = d0;
    for (int r = 0; r < 10; r++) {
        KEEL_QR(a, b, c, d)
        b = _mm256_shuffle_epi32(b, 0x39);
        c = _mm256_shuffle_epi32(c, 0x4e);
        d = _mm256_shuffle_epi32(d, 0x93);
        KEEL_QR(a, b, c, d)
        b = _mm256_shuffle_epi32(b, 0x93);
        c = _mm256_shuffle_epi32(c, 0x4e);
        d = _mm256_shuffle_epi32(d, 0x39);
    }
    a = _mm256_add_epi32(a, a0);
    b = _mm256_add_epi32(b, b0);
    c = _mm256_add_epi32(c, c0);
    d = _mm256_add_epi32(d, d0);
    alignas(32) uint8_t ks[128];
    _mm256_store_si256(reinterpret_cast<__m256i*>(ks), _mm256_permute2x128_si256(a, b, 0x20));
    _mm256_store_si256(reinterpret_cast<__m256i*>(ks + 32), _mm256_permute2x128_si256(c, d, 0x20));
    _mm256_store_si256(reinterpret_cast<__m256i*>(ks + 64), _mm256_permute2x128_si256(a, b, 0x31));
    _mm256_store_si256(reinterpret_cast<__m256i*>(ks + 96), _mm256_permute2x128_si256(c, d, 0x31));
    for (size_t i = 0; i < len; i++) out[i] = in[i] ^ ks[i];
    secure_wipe(ks, sizeof ks);
}

#undef KEEL_QR

}  // namespace

void chacha20_xor_avx2(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter,
                       const uint8_t* in, uint8_t* out, size_t len) {
    for (; len >= 512; len -= 512, in += 512, out += 512, counter += 8) {
        pass8(key, nonce, counter, in, out);
    }
    for (; len > 0; counter += 2) {
        size_t n = len < 128 ? len : 128;
        pass2(key, nonce, counter, in, out, n);
        in += n;
        out += n;
        len -= n;
    }
}

}  // namespace keel::crypto::detail
