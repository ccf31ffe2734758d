// AES with VAES on 512-bit registers (compiled with -mvaes -mavx512f -mavx512bw
// -mavx512vl): four blocks per zmm, four zmm (16 blocks) in flight for CTR.
#include <immintrin.h>

#include "crypto/aes/aes.h"
#include "crypto/aes/aes_vaes512_inl.h"

namespace keel::crypto::detail {

void aes_encrypt_vaes512(const AesSchedule& s, const uint8_t* in, uint8_t* out, size_t blocks) {
    const vaes::RoundKeys k(s);
    for (; blocks >= 4; blocks -= 4, in += 64, out += 64) {
        _mm512_storeu_si512(out, k.encrypt(_mm512_loadu_si512(in)));
    }
    if (blocks > 0) {
        const __mmask64 m = vaes::byte_mask(16 * blocks);
        _mm512_mask_storeu_epi8(out, m, k.encrypt(_mm512_maskz_loadu_epi8(m, in)));
    }
}

void aes_ctr32_vaes512(const AesSchedule& s, const uint8_t counter[16], const uint8_t* in,
                       uint8_t* out, size_t len) {
    const vaes::RoundKeys k(s);
    vaes::Counter ctr(counter);
    for (; len >= 256; len -= 256, in += 256, out += 256) {
        __m512i b0 = ctr.next(), b1 = ctr.next(), b2 = ctr.next(), b3 = ctr.next();
        k.encrypt4(b0, b1, b2, b3);
        _mm512_storeu_si512(out, _mm512_xor_si512(b0, _mm512_loadu_si512(in)));
        _mm512_storeu_si512(out + 64, _mm512_xor_si512(b1, _mm512_loadu_si512(in + 64)));
        _mm512_storeu_si512(out + 128, _mm512_xor_si512(b2, _mm512_loadu_si512(in + 128)));
        _mm512_storeu_si512(out + 192, _mm512_xor_si512(b3, _mm512_loadu_si512(in + 192)));
    }
    for (; len >= 64; len -= 64, in += 64, out += 64) {
        _mm512_storeu_si512(out, _mm512_xor_si512(k.encrypt(ctr.next()), _mm512_loadu_si512(in)));
    }
    if (len > 0) {
        const __mmask64 m = vaes::byte_mask(len);
        const __m512i ks = k.encrypt(ctr.next());
        _mm512_mask_storeu_epi8(out, m, _mm512_xor_si512(ks, _mm512_maskz_loadu_epi8(m, in)));
    }
}

}  // namespace keel::crypto::detail
