// MD5 compression (RFC 1321 §3.4). LEGACY, for the TLS 1.0/1.1 PRF only (see md5.h).
// Adds, rotates and boolean functions only: constant-time by construction.
#include "crypto/hash/md5.h"

#include "base/endian.h"

namespace keel::crypto {
namespace {

// RFC 1321 §3.3.
constexpr uint32_t kIv[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};

// T[i] = floor(2^32 * |sin(i + 1)|), RFC 1321 §3.4.
constexpr uint32_t kT[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};

// Per-round shift amounts, four per round (RFC 1321 §3.4).
constexpr int kS[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

inline uint32_t f(uint32_t x, uint32_t y, uint32_t z) {
    return z ^ (x & (y ^ z));
}
inline uint32_t g(uint32_t x, uint32_t y, uint32_t z) {
    return y ^ (z & (x ^ y));
}
inline uint32_t h(uint32_t x, uint32_t y, uint32_t z) {
    return x ^ y ^ z;
}
inline uint32_t i(uint32_t x, uint32_t y, uint32_t z) {
    return y ^ (x | ~z);
}

}  // namespace

namespace detail {

void md5_blocks_portable(uint32_t state[4], const uint8_t* in, size_t n) {
    uint32_t x[16];
    for (; n > 0; n--, in += 64) {
        for (int k = 0; k < 16; k++) x[k] = load_le32(in + 4 * k);
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        // Step j of the 64: the round picks the function and the message word order
        // (k, 5k+1, 3k+5, 7k mod 16); the index is public, so branching on it is safe.
#pragma GCC unroll 64
        for (int j = 0; j < 64; j++) {
            uint32_t fn;
            int k;
            if (j < 16) {
                fn = f(b, c, d), k = j;
            } else if (j < 32) {
                fn = g(b, c, d), k = (5 * j + 1) & 15;
            } else if (j < 48) {
                fn = h(b, c, d), k = (3 * j + 5) & 15;
            } else {
                fn = i(b, c, d), k = (7 * j) & 15;
            }
            uint32_t t = b + rotl32(a + fn + x[k] + kT[j], kS[j / 16][j & 3]);
            a = d;
            d = c;
            c = b;
            b = t;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
    }
}

}  // namespace detail

Md5::Md5() : e_(kIv, detail::md5_blocks_portable) {}

}  // namespace keel::crypto
