// AES-GCM with VAES + VPCLMULQDQ on 512-bit registers (compiled with -mvaes
// -mvpclmulqdq -mavx512f -mavx512bw -mavx512vl). Each zmm holds four blocks.
//
// Bulk loop, 16 blocks (256 bytes) per iteration:
// - AES-CTR on four zmm (16 counter blocks in flight);
// - GHASH of 16 blocks against H^16..H^1 in four zmm, products summed unreduced
//   across the lanes and registers, then one reduction per 16 blocks.
// Seal hashes the previous iteration's ciphertext while encrypting the current one;
// open hashes the ciphertext it is about to decrypt. The two streams are independent,
// so the out-of-order core overlaps the AESENC and VPCLMULQDQ ports.
#include <immintrin.h>

#include "crypto/aead/gcm.h"
#include "crypto/aead/ghash_clmul_inl.h"
#include "crypto/aes/aes_vaes512_inl.h"

namespace keel::crypto::detail {
namespace {

using vaes::bswap128;
using vaes::byte_mask;

struct Powers {
    __m512i h[4];  // h[j] lanes = H^(16-4j) .. H^(13-4j)
    explicit Powers(const GhashKey& k) {
        for (int j = 0; j < 4; j++) h[j] = _mm512_loadu_si512(k.pow[4 * j]);
    }
};

inline void mul_acc(__m512i a, __m512i b, __m512i& lo, __m512i& mid, __m512i& hi) {
    lo = _mm512_xor_si512(lo, _mm512_clmulepi64_epi128(a, b, 0x00));
    hi = _mm512_xor_si512(hi, _mm512_clmulepi64_epi128(a, b, 0x11));
    mid = _mm512_ternarylogic_epi64(mid, _mm512_clmulepi64_epi128(a, b, 0x01),
                                    _mm512_clmulepi64_epi128(a, b, 0x10), 0x96);
}

// XOR of the four 128-bit lanes. (The masked extract: GCC 12's unmasked one trips
// -Wmaybe-uninitialized inside its own header.)
inline __m128i fold_lanes(__m512i x) {
    const __m256i upper = _mm512_mask_extracti64x4_epi64(_mm256_setzero_si256(), 0xf, x, 1);
    const __m256i y =
        _mm256_xor_si256(_mm512_mask_extracti64x4_epi64(_mm256_setzero_si256(), 0xf, x, 0), upper);
    return _mm_xor_si128(_mm256_castsi256_si128(y), _mm256_extracti128_si256(y, 1));
}

inline __m128i finish(__m512i lo, __m512i mid, __m512i hi) {
    return clmul::reduce(fold_lanes(lo), fold_lanes(mid), fold_lanes(hi));
}

// acc' = (acc ^ X1)*H^16 ^ ... ^ X16*H for 16 byte-reversed blocks in d0..d3.
inline __m128i ghash16(const Powers& p, __m128i acc, __m512i d0, __m512i d1, __m512i d2,
                       __m512i d3) {
    __m512i lo = _mm512_setzero_si512(), mid = lo, hi = lo;
    mul_acc(_mm512_xor_si512(d0, _mm512_zextsi128_si512(acc)), p.h[0], lo, mid, hi);
    mul_acc(d1, p.h[1], lo, mid, hi);
    mul_acc(d2, p.h[2], lo, mid, hi);
    mul_acc(d3, p.h[3], lo, mid, hi);
    return finish(lo, mid, hi);
}

// GHASH of n < 16 blocks at `in`, against H^n..H^1, one reduction.
inline __m128i ghash_tail(const GhashKey& k, __m128i acc, const uint8_t* in, size_t n) {
    __m512i lo = _mm512_setzero_si512(), mid = lo, hi = lo;
    const uint64_t* pw = k.pow[16 - n];
    for (size_t j = 0; 4 * j < n; j++) {
        const size_t cnt = n - 4 * j < 4 ? n - 4 * j : 4;
        __m512i d = bswap128(_mm512_maskz_loadu_epi8(byte_mask(16 * cnt), in + 64 * j));
        if (j == 0) d = _mm512_xor_si512(d, _mm512_zextsi128_si512(acc));
        const __m512i h =
            _mm512_maskz_loadu_epi64(static_cast<__mmask8>((1u << (2 * cnt)) - 1), pw + 8 * j);
        mul_acc(d, h, lo, mid, hi);
    }
    return finish(lo, mid, hi);
}

inline __m128i load_acc(const uint64_t y[2]) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(y));
}
inline void store_acc(uint64_t y[2], __m128i acc) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(y), acc);
}

// CTR over n < 16 blocks, masked at the end.
inline void ctr_tail(const vaes::RoundKeys& rk, vaes::Counter& ctr, const uint8_t* in, uint8_t* out,
                     size_t n) {
    for (size_t j = 0; 4 * j < n; j++) {
        const size_t cnt = n - 4 * j < 4 ? n - 4 * j : 4;
        const __mmask64 m = byte_mask(16 * cnt);
        const __m512i ks = rk.encrypt(ctr.next());
        _mm512_mask_storeu_epi8(out + 64 * j, m,
                                _mm512_xor_si512(ks, _mm512_maskz_loadu_epi8(m, in + 64 * j)));
    }
}

}  // namespace

void ghash_vaes512(const GhashKey& k, uint64_t y[2], const uint8_t* in, size_t blocks) {
    const Powers p(k);
    __m128i acc = load_acc(y);
    for (; blocks >= 16; blocks -= 16, in += 256) {
        acc =
            ghash16(p, acc, bswap128(_mm512_loadu_si512(in)), bswap128(_mm512_loadu_si512(in + 64)),
                    bswap128(_mm512_loadu_si512(in + 128)), bswap128(_mm512_loadu_si512(in + 192)));
    }
    if (blocks > 0) acc = ghash_tail(k, acc, in, blocks);
    store_acc(y, acc);
}

void gcm_seal_vaes512(const AesSchedule& s, const GhashKey& k, const uint8_t counter[16],
                      const uint8_t* in, uint8_t* out, size_t blocks, uint64_t y[2]) {
    const vaes::RoundKeys rk(s);
    const Powers p(k);
    vaes::Counter ctr(counter);
    __m128i acc = load_acc(y);
    if (blocks >= 16) {
        __m512i c0 = ctr.next(), c1 = ctr.next(), c2 = ctr.next(), c3 = ctr.next();
        rk.encrypt4(c0, c1, c2, c3);
        c0 = _mm512_xor_si512(c0, _mm512_loadu_si512(in));
        c1 = _mm512_xor_si512(c1, _mm512_loadu_si512(in + 64));
        c2 = _mm512_xor_si512(c2, _mm512_loadu_si512(in + 128));
        c3 = _mm512_xor_si512(c3, _mm512_loadu_si512(in + 192));
        _mm512_storeu_si512(out, c0);
        _mm512_storeu_si512(out + 64, c1);
        _mm512_storeu_si512(out + 128, c2);
        _mm512_storeu_si512(out + 192, c3);
        in += 256;
        out += 256;
        blocks -= 16;
        for (; blocks >= 16; blocks -= 16, in += 256, out += 256) {
            // GHASH of the ciphertext still in c0..c3, overlapped with the next AES.
            const __m512i d0 = bswap128(c0), d1 = bswap128(c1), d2 = bswap128(c2),
                          d3 = bswap128(c3);
            c0 = ctr.next();
            c1 = ctr.next();
            c2 = ctr.next();
            c3 = ctr.next();
            rk.encrypt4(c0, c1, c2, c3);
            acc = ghash16(p, acc, d0, d1, d2, d3);
            c0 = _mm512_xor_si512(c0, _mm512_loadu_si512(in));
            c1 = _mm512_xor_si512(c1, _mm512_loadu_si512(in + 64));
            c2 = _mm512_xor_si512(c2, _mm512_loadu_si512(in + 128));
            c3 = _mm512_xor_si512(c3, _mm512_loadu_si512(in + 192));
            _mm512_storeu_si512(out, c0);
            _mm512_storeu_si512(out + 64, c1);
            _mm512_storeu_si512(out + 128, c2);
            _mm512_storeu_si512(out + 192, c3);
        }
        acc = ghash16(p, acc, bswap128(c0), bswap128(c1), bswap128(c2), bswap128(c3));
    }
    if (blocks > 0) {
        ctr_tail(rk, ctr, in, out, blocks);
        acc = ghash_tail(k, acc, out, blocks);
    }
    store_acc(y, acc);
}

void gcm_open_vaes512(const AesSchedule& s, const GhashKey& k, const uint8_t counter[16],
                      const uint8_t* in, uint8_t* out, size_t blocks, uint64_t y[2]) {
    const vaes::RoundKeys rk(s);
    const Powers p(k);
    vaes::Counter ctr(counter);
    __m128i acc = load_acc(y);
    for (; blocks >= 16; blocks -= 16, in += 256, out += 256) {
        const __m512i x0 = _mm512_loadu_si512(in), x1 = _mm512_loadu_si512(in + 64),
                      x2 = _mm512_loadu_si512(in + 128), x3 = _mm512_loadu_si512(in + 192);
        __m512i c0 = ctr.next(), c1 = ctr.next(), c2 = ctr.next(), c3 = ctr.next();
        rk.encrypt4(c0, c1, c2, c3);
        acc = ghash16(p, acc, bswap128(x0), bswap128(x1), bswap128(x2), bswap128(x3));
        _mm512_storeu_si512(out, _mm512_xor_si512(c0, x0));
        _mm512_storeu_si512(out + 64, _mm512_xor_si512(c1, x1));
        _mm512_storeu_si512(out + 128, _mm512_xor_si512(c2, x2));
        _mm512_storeu_si512(out + 192, _mm512_xor_si512(c3, x3));
    }
    if (blocks > 0) {
        acc = ghash_tail(k, acc, in, blocks);  // before an in-place decryption overwrites it
        ctr_tail(rk, ctr, in, out, blocks);
    }
    store_acc(y, acc);
}

}  // namespace keel::crypto::detail
