// Portable SHA-1 compression (FIPS 180-4 §6.1.2). Adds, rotates and boolean
// functions only: constant-time by construction.
#include "base/endian.h"
#include "crypto/hash/sha1.h"

namespace keel::crypto::detail {
namespace {

// One round of FIPS 180-4 §6.1.2 step 3 with f and K for rounds t..t+19 (§4.1.1,
// §4.2.1); the caller rotates the variable names instead of moving values.
#define KEEL_SHA1_ROUND(a, b, c, d, e, f, k, w) \
    e += rotl32(a, 5) + (f) + (k) + (w);        \
    b = rotl32(b, 30)

inline uint32_t ch(uint32_t x, uint32_t y, uint32_t z) {
    return z ^ (x & (y ^ z));
}
inline uint32_t parity(uint32_t x, uint32_t y, uint32_t z) {
    return x ^ y ^ z;
}
inline uint32_t maj(uint32_t x, uint32_t y, uint32_t z) {
    return (x & y) | (z & (x | y));
}

}  // namespace

void sha1_blocks_portable(uint32_t state[5], const uint8_t* in, size_t n) {
    uint32_t w[80];
    for (; n > 0; n--, in += 64) {
        for (int t = 0; t < 16; t++) w[t] = load_be32(in + 4 * t);
        for (int t = 16; t < 80; t++) w[t] = rotl32(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
        // Five rounds bring the names back to (a, b, c, d, e).
#define KEEL_SHA1_FIVE(f, k)                                 \
    KEEL_SHA1_ROUND(a, b, c, d, e, f(b, c, d), k, w[t]);     \
    KEEL_SHA1_ROUND(e, a, b, c, d, f(a, b, c), k, w[t + 1]); \
    KEEL_SHA1_ROUND(d, e, a, b, c, f(e, a, b), k, w[t + 2]); \
    KEEL_SHA1_ROUND(c, d, e, a, b, f(d, e, a), k, w[t + 3]); \
    KEEL_SHA1_ROUND(b, c, d, e, a, f(c, d, e), k, w[t + 4])
        int t = 0;
        for (; t < 20; t += 5) {
            KEEL_SHA1_FIVE(ch, 0x5a827999);
        }
        for (; t < 40; t += 5) {
            KEEL_SHA1_FIVE(parity, 0x6ed9eba1);
        }
        for (; t < 60; t += 5) {
            KEEL_SHA1_FIVE(maj, 0x8f1bbcdc);
        }
        for (; t < 80; t += 5) {
            KEEL_SHA1_FIVE(parity, 0xca62c1d6);
        }
#undef KEEL_SHA1_FIVE
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
    }
}

#undef KEEL_SHA1_ROUND

}  // namespace keel::crypto::detail
