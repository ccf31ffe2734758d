// GF(2^448 - 2^224 - 1) radix 2^56: encoding and exponentiation chains.
#include "crypto/curve448/internal/fe448.h"

namespace keel::crypto::detail::fe448 {

void from_bytes(Fe448& h, const uint8_t in[56]) {
    for (int i = 0; i < 8; i++) {
        uint64_t v = 0;
        for (int j = 6; j >= 0; j--) v = (v << 8) | in[7 * i + j];
        h.v[i] = v;
    }
}

void to_bytes(uint8_t out[56], const Fe448& f) {
    Fe448 h = f;
    // Three passes leave every limb < 2^56 with no carry out of the top: after the
    // first the top carry is small, after the second at most 1, and a value that
    // carried then is small enough that the third pass cannot carry again.
    carry(h);
    carry(h);
    carry(h);
    // Now v < 2^448 < 2p: subtract p once if v >= p, i.e. if v + 2^224 + 1 >= 2^448.
    uint64_t t[8];
    uint64_t c = 1;
    for (int i = 0; i < 8; i++) {
        uint64_t x = h.v[i] + c + (i == 4 ? 1 : 0);
        t[i] = x & kMask56;
        c = x >> 56;
    }
    const uint64_t use_t = 0 - c;  // c = 1: v >= p, and t = v - p (mod 2^448)
    for (int i = 0; i < 8; i++) h.v[i] = (t[i] & use_t) | (h.v[i] & ~use_t);
    for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 7; j++) out[7 * i + j] = static_cast<uint8_t>(h.v[i] >> (8 * j));
    }
}

void pow_p34(Fe448& h, const Fe448& x) {
    // e(k) = x^(2^k - 1); e(k + m) = e(k)^(2^m) e(m).
    // (p-3)/4 = 2^446 - 2^222 - 1 = (2^223 - 1) 2^223 + (2^222 - 1).
    Fe448 e2, e3, e6, e12, e24, e30, e48, e96, e192, e222, e223, t;
    sq(t, x);
    mul(e2, t, x);
    sq(t, e2);
    mul(e3, t, x);
    sq_n(t, e3, 3);
    mul(e6, t, e3);
    sq_n(t, e6, 6);
    mul(e12, t, e6);
    sq_n(t, e12, 12);
    mul(e24, t, e12);
    sq_n(t, e24, 6);
    mul(e30, t, e6);
    sq_n(t, e24, 24);
    mul(e48, t, e24);
    sq_n(t, e48, 48);
    mul(e96, t, e48);
    sq_n(t, e96, 96);
    mul(e192, t, e96);
    sq_n(t, e192, 30);
    mul(e222, t, e30);
    sq(t, e222);
    mul(e223, t, x);
    sq_n(t, e223, 223);
    mul(h, t, e222);
}

void invert(Fe448& h, const Fe448& f) {
    // p - 2 = 4 (p-3)/4 + 1.
    Fe448 t;
    pow_p34(t, f);
    sq_n(t, t, 2);
    mul(h, t, f);
}

uint64_t is_zero(const Fe448& f) {
    uint8_t s[56];
    to_bytes(s, f);
    uint64_t acc = 0;
    for (uint8_t b : s) acc |= b;
    return ((acc | (0 - acc)) >> 63) - 1;
}

uint64_t is_negative(const Fe448& f) {
    uint8_t s[56];
    to_bytes(s, f);
    return s[0] & 1;
}

}  // namespace keel::crypto::detail::fe448
