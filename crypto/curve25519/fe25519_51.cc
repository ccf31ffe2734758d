// GF(2^255 - 19) radix 2^51: the out-of-line operations (encoding, inversion).
#include "crypto/curve25519/internal/fe25519_51.h"

namespace keel::crypto::detail::fe25519 {

namespace {
uint64_t load64(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}
void store64(uint8_t* p, uint64_t v) {
    for (int i = 0; i < 8; i++) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
}  // namespace

void from_bytes(Fe25519& h, const uint8_t in[32]) {
    const uint64_t w0 = load64(in), w1 = load64(in + 8), w2 = load64(in + 16), w3 = load64(in + 24);
    h.v[0] = w0 & kMask51;
    h.v[1] = ((w0 >> 51) | (w1 << 13)) & kMask51;
    h.v[2] = ((w1 >> 38) | (w2 << 26)) & kMask51;
    h.v[3] = ((w2 >> 25) | (w3 << 39)) & kMask51;
    h.v[4] = (w3 >> 12) & kMask51;  // drops bit 255
}

void to_bytes(uint8_t out[32], const Fe25519& f) {
    Fe25519 h = f;
    carry(h);
    carry(h);
    // Now every limb < 2^51 except limb 0 < 2^51 + 19, so the value v < 2^255 + 19 < 2p.
    // q = 1 exactly when v >= p, i.e. when v + 19 carries into bit 255.
    uint64_t q = (h.v[0] + 19) >> 51;
    q = (h.v[1] + q) >> 51;
    q = (h.v[2] + q) >> 51;
    q = (h.v[3] + q) >> 51;
    q = (h.v[4] + q) >> 51;
    // v - q*p = v + 19q - q*2^255: add 19q, carry, and drop bit 255.
    h.v[0] += 19 * q;
    h.v[1] += h.v[0] >> 51;
    h.v[0] &= kMask51;
    h.v[2] += h.v[1] >> 51;
    h.v[1] &= kMask51;
    h.v[3] += h.v[2] >> 51;
    h.v[2] &= kMask51;
    h.v[4] += h.v[3] >> 51;
    h.v[3] &= kMask51;
    h.v[4] &= kMask51;
    store64(out, h.v[0] | (h.v[1] << 51));
    store64(out + 8, (h.v[1] >> 13) | (h.v[2] << 38));
    store64(out + 16, (h.v[2] >> 26) | (h.v[3] << 25));
    store64(out + 24, (h.v[3] >> 39) | (h.v[4] << 12));
}

// Shared prefix of the two exponentiation chains: returns z^(2^250 - 1) in t250 and
// z^11 in z11.
static void pow_2_250_1(Fe25519& t250, Fe25519& z11, const Fe25519& z) {
    Fe25519 t0, t1, t2, t3;
    sq(t0, z);          // z^2
    sq_n(t1, t0, 2);    // z^8
    mul(t1, t1, z);     // z^9
    mul(z11, t0, t1);   // z^11
    sq(t2, z11);        // z^22
    mul(t1, t1, t2);    // z^31 = z^(2^5 - 1)
    sq_n(t2, t1, 5);    //
    mul(t1, t2, t1);    // 2^10 - 1
    sq_n(t2, t1, 10);   //
    mul(t2, t2, t1);    // 2^20 - 1
    sq_n(t3, t2, 20);   //
    mul(t2, t3, t2);    // 2^40 - 1
    sq_n(t2, t2, 10);   //
    mul(t1, t2, t1);    // 2^50 - 1
    sq_n(t2, t1, 50);   //
    mul(t2, t2, t1);    // 2^100 - 1
    sq_n(t3, t2, 100);  //
    mul(t2, t3, t2);    // 2^200 - 1
    sq_n(t2, t2, 50);   //
    mul(t250, t2, t1);  // 2^250 - 1
}

void invert(Fe25519& h, const Fe25519& f) {
    Fe25519 t, z11;
    pow_2_250_1(t, z11, f);
    sq_n(t, t, 5);   // 2^255 - 32
    mul(h, t, z11);  // 2^255 - 21 = p - 2
}

void pow22523(Fe25519& h, const Fe25519& f) {
    Fe25519 t, z11;
    pow_2_250_1(t, z11, f);
    sq_n(t, t, 2);  // 2^252 - 4
    mul(h, t, f);   // 2^252 - 3 = (p - 5) / 8
}

uint64_t is_zero(const Fe25519& f) {
    uint8_t s[32];
    to_bytes(s, f);
    uint64_t acc = 0;
    for (uint8_t b : s) acc |= b;
    // (acc | -acc) has its top bit set exactly when acc != 0.
    return ((acc | (0 - acc)) >> 63) - 1;
}

uint64_t is_negative(const Fe25519& f) {
    uint8_t s[32];
    to_bytes(s, f);
    return s[0] & 1;
}

}  // namespace keel::crypto::detail::fe25519
