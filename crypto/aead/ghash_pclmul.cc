// GHASH with PCLMULQDQ (compiled with -mpclmul -msse4.1). Eight blocks per step with
// aggregated reduction: Y' = (Y ^ X1)*H^8 ^ X2*H^7 ^ ... ^ X8*H, the eight 256-bit
// products summed unreduced and reduced once. Same reflected representation and
// reduction as ghash_portable.cc.
#include <immintrin.h>

#include "crypto/aead/gcm.h"
#include "crypto/aead/ghash_clmul_inl.h"

namespace keel::crypto::detail {

void ghash_pclmul(const GhashKey& k, uint64_t y[2], const uint8_t* in, size_t blocks) {
    using namespace clmul;
    __m128i acc = _mm_loadu_si128(reinterpret_cast<const __m128i*>(y));
    while (blocks > 0) {
        const size_t n = blocks < 8 ? blocks : 8;
        const uint64_t(*pw)[2] = k.pow + 16 - n;  // H^n .. H^1
        __m128i lo = _mm_setzero_si128(), mid = lo, hi = lo;
        for (size_t i = 0; i < n; i++) {
            __m128i x = load_block(in + 16 * i);
            if (i == 0) x = _mm_xor_si128(x, acc);
            mul_acc(x, _mm_loadu_si128(reinterpret_cast<const __m128i*>(pw[i])), lo, mid, hi);
        }
        acc = reduce(lo, mid, hi);
        in += 16 * n;
        blocks -= n;
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(y), acc);
}

}  // namespace keel::crypto::detail
