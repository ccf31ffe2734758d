// Portable ChaCha20 block function (RFC 8439 §2.3). Only 32-bit adds, xors and fixed
// rotations: no branch or index depends on the key or the data.
#include "base/endian.h"
#include "base/secret.h"
#include "crypto/chacha/chacha20.h"
#include "crypto/chacha/chacha20_internal.h"

namespace keel::crypto::detail {
namespace {

// RFC 8439 §2.1.
inline void quarter_round(uint32_t& a, uint32_t& b, uint32_t& c, uint32_t& d) {
    a += b;
    d = rotl32(d ^ a, 16);
    c += d;
    b = rotl32(b ^ c, 12);
    a += b;
    d = rotl32(d ^ a, 8);
    c += d;
    b = rotl32(b ^ c, 7);
}

// 20 rounds (10 column + 10 diagonal) over x, in place. §2.3.
void permute(uint32_t x[16]) {
    for (int i = 0; i < 10; i++) {
        quarter_round(x[0], x[4], x[8], x[12]);
        quarter_round(x[1], x[5], x[9], x[13]);
        quarter_round(x[2], x[6], x[10], x[14]);
        quarter_round(x[3], x[7], x[11], x[15]);
        quarter_round(x[0], x[5], x[10], x[15]);
        quarter_round(x[1], x[6], x[11], x[12]);
        quarter_round(x[2], x[7], x[8], x[13]);
        quarter_round(x[3], x[4], x[9], x[14]);
    }
}

void init_state(uint32_t s[16], const uint32_t key[8], uint32_t counter, const uint32_t nonce[3]) {
    for (int i = 0; i < 4; i++) s[i] = kChaChaSigma[i];
    for (int i = 0; i < 8; i++) s[4 + i] = key[i];
    s[12] = counter;
    s[13] = nonce[0];
    s[14] = nonce[1];
    s[15] = nonce[2];
}

}  // namespace

void chacha20_load_key(const uint8_t key[32], uint32_t out[8]) {
    for (int i = 0; i < 8; i++) out[i] = load_le32(key + 4 * i);
}

void chacha20_xor_portable(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter,
                           const uint8_t* in, uint8_t* out, size_t len) {
    uint32_t s[16], x[16];
    uint8_t ks[64];
    init_state(s, key, counter, nonce);
    while (len > 0) {
        for (int i = 0; i < 16; i++) x[i] = s[i];
        permute(x);
        for (int i = 0; i < 16; i++) store_le32(ks + 4 * i, x[i] + s[i]);
        size_t n = len < 64 ? len : 64;
        for (size_t i = 0; i < n; i++) out[i] = in[i] ^ ks[i];
        in += n;
        out += n;
        len -= n;
        s[12]++;  // callers guarantee no wrap (chacha20.h)
    }
    secure_wipe(s, sizeof s);
    secure_wipe(x, sizeof x);
    secure_wipe(ks, sizeof ks);
}

// draft-irtf-cfrg-xchacha §2.2: the ChaCha20 state with the 16-byte input in words
// 12..15, 20 rounds, no feed-forward; the subkey is words 0..3 and 12..15.
void hchacha20(const uint8_t key[32], const uint8_t in[16], uint8_t out[32]) {
    uint32_t x[16];
    for (int i = 0; i < 4; i++) x[i] = kChaChaSigma[i];
    for (int i = 0; i < 8; i++) x[4 + i] = load_le32(key + 4 * i);
    for (int i = 0; i < 4; i++) x[12 + i] = load_le32(in + 4 * i);
    permute(x);
    for (int i = 0; i < 4; i++) {
        store_le32(out + 4 * i, x[i]);
        store_le32(out + 16 + 4 * i, x[12 + i]);
    }
    secure_wipe(x, sizeof x);
}

}  // namespace keel::crypto::detail
