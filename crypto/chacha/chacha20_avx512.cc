// ChaCha20 with AVX-512 (F/VL/BW): 16 blocks per pass, one block per 32-bit lane,
// then a 16x16 transpose (RFC 8439 §2.3-2.4). Tails use 4 blocks per zmm, one block
// per 128-bit lane. Lane-wise adds, xors and vprold only: constant time.
#include "crypto/chacha/chacha20.h"
#include "crypto/chacha/chacha20_avx512_inl.h"

namespace keel::crypto::detail {

void chacha20_xor_avx512(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter,
                         const uint8_t* in, uint8_t* out, size_t len) {
    for (; len >= 1024; len -= 1024, in += 1024, out += 1024, counter += 16) {
        pass16(key, nonce, counter, in, out, [](int) {});
    }
    for (; len > 0; counter += 4) {
        size_t n = len < 256 ? len : 256;
        pass4(key, nonce, counter, in, out, n);
        in += n;
        out += n;
        len -= n;
    }
}

}  // namespace keel::crypto::detail
