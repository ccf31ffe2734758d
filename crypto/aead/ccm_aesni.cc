// AES-CCM payload pass with AES-NI (compiled with -maes -msse4.1).
//
// CCM's cost is the CBC-MAC: each block's AES waits for the previous one, so a block
// takes `rounds` AESENC latencies. The CTR block of the same position is independent
// and runs in the gaps of that chain, for free. Two more cycles come off the chain by
// folding the XOR of the next plaintext block (and the next round-0 key) into the key
// of the last round: AESENCLAST(y, k_last ^ k_0 ^ P_next) = E(y) ^ P_next ^ k_0, the
// whitened input of the next block. When opening, the plaintext comes from the CTR
// pass, so the keystream runs two blocks ahead of the MAC to keep that fold possible.
//
// The round keys come straight from the schedule; nothing goes through the per-block
// dispatch of Aes.
#include <immintrin.h>

#include <cstring>

#include "base/endian.h"
#include "base/secret.h"
#include "crypto/aead/ccm.h"

namespace keel::crypto::detail {
namespace {

inline __m128i loadu(const uint8_t* p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
inline void storeu(uint8_t* p, __m128i v) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
}

// Block i of a len-byte buffer; the last one zero-padded when partial (§6.1).
inline __m128i load_block(const uint8_t* p, size_t len, size_t i) {
    if (16 * i + 16 <= len) return loadu(p + 16 * i);
    alignas(16) uint8_t buf[16] = {};
    std::memcpy(buf, p + 16 * i, len - 16 * i);
    __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(buf));
    secure_wipe(buf, sizeof buf);
    return v;
}
inline void store_block(uint8_t* p, size_t len, size_t i, __m128i v) {
    if (16 * i + 16 <= len) return storeu(p + 16 * i, v);
    alignas(16) uint8_t buf[16];
    _mm_store_si128(reinterpret_cast<__m128i*>(buf), v);
    std::memcpy(p + 16 * i, buf, len - 16 * i);
    secure_wipe(buf, sizeof buf);
}
// All-ones in the first len - 16 i bytes of block i (for a partial last block).
inline __m128i tail_mask(size_t len, size_t i) {
    static const uint8_t kOnes[32] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    const size_t m = len - 16 * i >= 16 ? 16 : len - 16 * i;
    return loadu(kOnes + 16 - m);
}

template <unsigned R>
struct Keys {
    __m128i k[R + 1];
    explicit Keys(const AesSchedule& s) {
        for (unsigned r = 0; r <= R; r++) {
            k[r] = _mm_load_si128(reinterpret_cast<const __m128i*>(s.enc + 16 * r));
        }
    }
};

// Counter block i (i = 0 is Ctr_1): the count lives in the last 8 bytes (q <= 8).
struct Counter {
    __m128i base;
    uint64_t lo;
    explicit Counter(const uint8_t ctr1[16]) : base(loadu(ctr1)), lo(load_be64(ctr1 + 8)) {}
    __m128i operator()(size_t i) const {
        return _mm_insert_epi64(base, static_cast<long long>(__builtin_bswap64(lo + i)), 1);
    }
};

template <unsigned R>
void cbcmac_r(const AesSchedule& s, uint8_t mac[16], const uint8_t* in, size_t blocks) {
    const Keys<R> k(s);
    __m128i x = loadu(mac);
    for (; blocks > 0; blocks--, in += 16) {
        x = _mm_xor_si128(x, _mm_xor_si128(loadu(in), k.k[0]));
        for (unsigned r = 1; r < R; r++) x = _mm_aesenc_si128(x, k.k[r]);
        x = _mm_aesenclast_si128(x, k.k[R]);
    }
    storeu(mac, x);
}

template <unsigned R>
void seal_r(const AesSchedule& s, uint8_t mac[16], const uint8_t ctr1[16], const uint8_t* in,
            uint8_t* out, size_t len) {
    const size_t nb = (len + 15) / 16;
    if (nb == 0) return;
    const Keys<R> k(s);
    const Counter ctr(ctr1);
    const __m128i fold = _mm_xor_si128(k.k[R], k.k[0]);
    __m128i p = load_block(in, len, 0);
    __m128i y = _mm_xor_si128(loadu(mac), _mm_xor_si128(p, k.k[0]));
    for (size_t i = 0; i < nb; i++) {
        __m128i c = _mm_xor_si128(ctr(i), k.k[0]);
        for (unsigned r = 1; r < R; r++) {
            y = _mm_aesenc_si128(y, k.k[r]);
            c = _mm_aesenc_si128(c, k.k[r]);
        }
        store_block(out, len, i, _mm_xor_si128(p, _mm_aesenclast_si128(c, k.k[R])));
        if (i + 1 < nb) {
            p = load_block(in, len, i + 1);
            y = _mm_aesenclast_si128(y, _mm_xor_si128(fold, p));
        } else {
            y = _mm_aesenclast_si128(y, k.k[R]);
        }
    }
    storeu(mac, y);
}

template <unsigned R>
void open_r(const AesSchedule& s, uint8_t mac[16], const uint8_t ctr1[16], const uint8_t* in,
            uint8_t* out, size_t len) {
    const size_t nb = (len + 15) / 16;
    if (nb == 0) return;
    const Keys<R> k(s);
    const Counter ctr(ctr1);
    const __m128i fold = _mm_xor_si128(k.k[R], k.k[0]);
    // Keystream blocks 0 and 1 first; then block i + 2 is made during the MAC of i.
    __m128i ks0 = _mm_xor_si128(ctr(0), k.k[0]);
    __m128i ks1 = _mm_xor_si128(ctr(1), k.k[0]);
    for (unsigned r = 1; r < R; r++) {
        ks0 = _mm_aesenc_si128(ks0, k.k[r]);
        ks1 = _mm_aesenc_si128(ks1, k.k[r]);
    }
    ks0 = _mm_aesenclast_si128(ks0, k.k[R]);
    ks1 = _mm_aesenclast_si128(ks1, k.k[R]);
    // The zero padding of a partial last block must stay zero in the MAC input.
    __m128i p = _mm_and_si128(_mm_xor_si128(load_block(in, len, 0), ks0), tail_mask(len, 0));
    store_block(out, len, 0, p);
    __m128i y = _mm_xor_si128(loadu(mac), _mm_xor_si128(p, k.k[0]));
    for (size_t i = 0; i < nb; i++) {
        __m128i c = _mm_xor_si128(ctr(i + 2), k.k[0]);
        __m128i next = k.k[R];
        if (i + 1 < nb) {
            p = _mm_and_si128(_mm_xor_si128(load_block(in, len, i + 1), ks1),
                              tail_mask(len, i + 1));
            store_block(out, len, i + 1, p);
            next = _mm_xor_si128(fold, p);
        }
        for (unsigned r = 1; r < R; r++) {
            y = _mm_aesenc_si128(y, k.k[r]);
            c = _mm_aesenc_si128(c, k.k[r]);
        }
        y = _mm_aesenclast_si128(y, next);
        ks1 = _mm_aesenclast_si128(c, k.k[R]);
    }
    storeu(mac, y);
}

}  // namespace

void ccm_cbcmac_aesni(const AesSchedule& s, uint8_t mac[16], const uint8_t* in, size_t blocks) {
    switch (s.rounds) {
        case 10:
            return cbcmac_r<10>(s, mac, in, blocks);
        case 12:
            return cbcmac_r<12>(s, mac, in, blocks);
        default:
            return cbcmac_r<14>(s, mac, in, blocks);
    }
}

void ccm_seal_aesni(const AesSchedule& s, uint8_t mac[16], const uint8_t ctr1[16],
                    const uint8_t* in, uint8_t* out, size_t len) {
    switch (s.rounds) {
        case 10:
            return seal_r<10>(s, mac, ctr1, in, out, len);
        case 12:
            return seal_r<12>(s, mac, ctr1, in, out, len);
        default:
            return seal_r<14>(s, mac, ctr1, in, out, len);
    }
}

void ccm_open_aesni(const AesSchedule& s, uint8_t mac[16], const uint8_t ctr1[16],
                    const uint8_t* in, uint8_t* out, size_t len) {
    switch (s.rounds) {
        case 10:
            return open_r<10>(s, mac, ctr1, in, out, len);
        case 12:
            return open_r<12>(s, mac, ctr1, in, out, len);
        default:
            return open_r<14>(s, mac, ctr1, in, out, len);
    }
}

}  // namespace keel::crypto::detail
