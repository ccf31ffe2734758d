// AES with AES-NI (compiled with -maes -msse4.1). The round instructions are
// constant-time in hardware; CTR keeps 8 blocks in flight to cover AESENC latency.
#include <immintrin.h>

#include <cstring>

#include "base/secret.h"
#include "crypto/aes/aes.h"

namespace keel::crypto::detail {
namespace {

inline __m128i rk(const uint8_t* keys, unsigned r) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(keys + 16 * r));
}

inline __m128i encrypt1(const AesSchedule& s, __m128i b) {
    b = _mm_xor_si128(b, rk(s.enc, 0));
    for (unsigned r = 1; r < s.rounds; r++) b = _mm_aesenc_si128(b, rk(s.enc, r));
    return _mm_aesenclast_si128(b, rk(s.enc, s.rounds));
}

inline __m128i decrypt1(const AesSchedule& s, __m128i b) {
    b = _mm_xor_si128(b, rk(s.dec, 0));
    for (unsigned r = 1; r < s.rounds; r++) b = _mm_aesdec_si128(b, rk(s.dec, r));
    return _mm_aesdeclast_si128(b, rk(s.dec, s.rounds));
}

inline __m128i loadu(const uint8_t* p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
inline void storeu(uint8_t* p, __m128i v) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
}

}  // namespace

// FIPS 197 §5.3.5: the Equivalent Inverse Cipher uses InvMixColumns of the middle keys,
// in reverse order.
void aes_setup_aesni(AesSchedule& s) {
    const unsigned nr = s.rounds;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(s.dec), rk(s.enc, nr));
    for (unsigned r = 1; r < nr; r++) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(s.dec + 16 * r),
                         _mm_aesimc_si128(rk(s.enc, nr - r)));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(s.dec + 16 * nr), rk(s.enc, 0));
}

void aes_encrypt_aesni(const AesSchedule& s, const uint8_t* in, uint8_t* out, size_t blocks) {
    for (; blocks >= 4; blocks -= 4, in += 64, out += 64) {
        __m128i b0 = _mm_xor_si128(loadu(in), rk(s.enc, 0));
        __m128i b1 = _mm_xor_si128(loadu(in + 16), rk(s.enc, 0));
        __m128i b2 = _mm_xor_si128(loadu(in + 32), rk(s.enc, 0));
        __m128i b3 = _mm_xor_si128(loadu(in + 48), rk(s.enc, 0));
        for (unsigned r = 1; r < s.rounds; r++) {
            const __m128i k = rk(s.enc, r);
            b0 = _mm_aesenc_si128(b0, k);
            b1 = _mm_aesenc_si128(b1, k);
            b2 = _mm_aesenc_si128(b2, k);
            b3 = _mm_aesenc_si128(b3, k);
        }
        const __m128i k = rk(s.enc, s.rounds);
        storeu(out, _mm_aesenclast_si128(b0, k));
        storeu(out + 16, _mm_aesenclast_si128(b1, k));
        storeu(out + 32, _mm_aesenclast_si128(b2, k));
        storeu(out + 48, _mm_aesenclast_si128(b3, k));
    }
    for (; blocks > 0; blocks--, in += 16, out += 16) storeu(out, encrypt1(s, loadu(in)));
}

void aes_decrypt_aesni(const AesSchedule& s, const uint8_t* in, uint8_t* out, size_t blocks) {
    for (; blocks > 0; blocks--, in += 16, out += 16) storeu(out, decrypt1(s, loadu(in)));
}

void aes_ctr32_aesni(const AesSchedule& s, const uint8_t counter[16], const uint8_t* in,
                     uint8_t* out, size_t len) {
    const __m128i base = loadu(counter);
    uint32_t ctr = __builtin_bswap32(static_cast<uint32_t>(_mm_extract_epi32(base, 3)));
    auto block = [&](uint32_t i) {
        return _mm_insert_epi32(base, static_cast<int>(__builtin_bswap32(ctr + i)), 3);
    };
    for (; len >= 128; len -= 128, in += 128, out += 128, ctr += 8) {
        __m128i b[8];
        const __m128i k0 = rk(s.enc, 0);
        for (uint32_t i = 0; i < 8; i++) b[i] = _mm_xor_si128(block(i), k0);
        for (unsigned r = 1; r < s.rounds; r++) {
            const __m128i k = rk(s.enc, r);
            for (int i = 0; i < 8; i++) b[i] = _mm_aesenc_si128(b[i], k);
        }
        const __m128i kl = rk(s.enc, s.rounds);
        for (int i = 0; i < 8; i++) {
            storeu(out + 16 * i, _mm_xor_si128(_mm_aesenclast_si128(b[i], kl), loadu(in + 16 * i)));
        }
    }
    for (; len >= 16; len -= 16, in += 16, out += 16, ctr++) {
        storeu(out, _mm_xor_si128(encrypt1(s, block(0)), loadu(in)));
    }
    if (len > 0) {
        alignas(16) uint8_t ks[16];
        _mm_store_si128(reinterpret_cast<__m128i*>(ks), encrypt1(s, block(0)));
        for (size_t i = 0; i < len; i++) out[i] = in[i] ^ ks[i];
        secure_wipe(ks, sizeof ks);
    }
}

}  // namespace keel::crypto::detail
