// AES-CBC with AES-NI (compiled with -maes -msse4.1). Encryption is one serial chain;
// its last-round key absorbs the next plaintext block and the next round-0 key
// (AESENCLAST(y, k_last ^ k_0 ^ P) = E(y) ^ P ^ k_0), which takes the XOR off the
// chain. Decryption keeps 8 independent blocks in flight to cover AESDEC latency.
#include <immintrin.h>

#include "crypto/cbc/cbc.h"

namespace keel::crypto::detail {
namespace {

inline __m128i loadu(const uint8_t* p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
inline void storeu(uint8_t* p, __m128i v) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
}

template <unsigned R>
void encrypt_r(const uint8_t* keys, uint8_t iv[16], const uint8_t* in, uint8_t* out,
               size_t blocks) {
    if (blocks == 0) return;
    __m128i k[R + 1];
    for (unsigned r = 0; r <= R; r++) k[r] = loadu(keys + 16 * r);
    const __m128i fold = _mm_xor_si128(k[R], k[0]);
    __m128i y = _mm_xor_si128(loadu(iv), _mm_xor_si128(loadu(in), k[0]));
    for (size_t i = 0; i < blocks; i++) {
        for (unsigned r = 1; r < R; r++) y = _mm_aesenc_si128(y, k[r]);
        const __m128i c = _mm_aesenclast_si128(y, k[R]);
        storeu(out + 16 * i, c);
        // Read the next block before the store above could matter: in == out only
        // aliases block i, which is already consumed.
        if (i + 1 < blocks)
            y = _mm_aesenclast_si128(y, _mm_xor_si128(fold, loadu(in + 16 * i + 16)));
        else
            storeu(iv, c);
    }
}

template <unsigned R>
void decrypt_r(const uint8_t* keys, uint8_t iv[16], const uint8_t* in, uint8_t* out,
               size_t blocks) {
    __m128i k[R + 1];
    for (unsigned r = 0; r <= R; r++) k[r] = loadu(keys + 16 * r);
    __m128i prev = loadu(iv);
    for (; blocks >= 8; blocks -= 8, in += 128, out += 128) {
        __m128i c[8], b[8];
        for (int j = 0; j < 8; j++) {
            c[j] = loadu(in + 16 * j);
            b[j] = _mm_xor_si128(c[j], k[0]);
        }
        for (unsigned r = 1; r < R; r++) {
            for (int j = 0; j < 8; j++) b[j] = _mm_aesdec_si128(b[j], k[r]);
        }
        storeu(out, _mm_xor_si128(_mm_aesdeclast_si128(b[0], k[R]), prev));
        for (int j = 1; j < 8; j++) {
            storeu(out + 16 * j, _mm_xor_si128(_mm_aesdeclast_si128(b[j], k[R]), c[j - 1]));
        }
        prev = c[7];
    }
    for (; blocks > 0; blocks--, in += 16, out += 16) {
        const __m128i c = loadu(in);
        __m128i b = _mm_xor_si128(c, k[0]);
        for (unsigned r = 1; r < R; r++) b = _mm_aesdec_si128(b, k[r]);
        storeu(out, _mm_xor_si128(_mm_aesdeclast_si128(b, k[R]), prev));
        prev = c;
    }
    storeu(iv, prev);
}

}  // namespace

void cbc_encrypt_aesni(const AesSchedule& s, uint8_t iv[16], const uint8_t* in, uint8_t* out,
                       size_t blocks) {
    switch (s.rounds) {
        case 10:
            return encrypt_r<10>(s.enc, iv, in, out, blocks);
        case 12:
            return encrypt_r<12>(s.enc, iv, in, out, blocks);
        default:
            return encrypt_r<14>(s.enc, iv, in, out, blocks);
    }
}

// The Equivalent Inverse Cipher keys (s.dec, FIPS 197 §5.3.5) go with AESDEC.
void cbc_decrypt_aesni(const AesSchedule& s, uint8_t iv[16], const uint8_t* in, uint8_t* out,
                       size_t blocks) {
    switch (s.rounds) {
        case 10:
            return decrypt_r<10>(s.dec, iv, in, out, blocks);
        case 12:
            return decrypt_r<12>(s.dec, iv, in, out, blocks);
        default:
            return decrypt_r<14>(s.dec, iv, in, out, blocks);
    }
}

}  // namespace keel::crypto::detail
