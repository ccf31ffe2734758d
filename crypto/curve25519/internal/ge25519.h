// The edwards25519 group (RFC 8032 §5.1): -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255-19),
// in extended coordinates (Hisil, Wong, Carter, Dawson, "Twisted Edwards Curves
// Revisited", 2008, §3.1: x = X/Z, y = Y/Z, T = XY/Z).
#pragma once

#include <cstdint>

#include "crypto/curve25519/internal/fe25519_51.h"

namespace keel::crypto::detail {

// Projective (X : Y : Z), enough for doubling.
struct GeP2 {
    Fe25519 X, Y, Z;
};
// Extended (X : Y : Z : T).
struct GeP3 {
    Fe25519 X, Y, Z, T;
};
// The four products-to-be of an addition or doubling ("completed" point):
// X3 = E*F, Y3 = G*H, Z3 = F*G, T3 = E*H. Converting to P2 costs 3 multiplications,
// to P3 costs 4, so a doubling followed by a doubling skips T.
struct GeP1P1 {
    Fe25519 E, F, G, H;
};
// An affine point prepared for mixed addition: y + x, y - x, 2d*x*y.
struct GePrecomp {
    Fe25519 ypx, ymx, xy2d;
};
// A projective point prepared for addition: Y + X, Y - X, Z, 2d*T.
struct GeCached {
    Fe25519 ypx, ymx, Z, t2d;
};

namespace ge25519 {

void identity(GeP3& p);
void to_p2(GeP2& r, const GeP1P1& p);
void to_p3(GeP3& r, const GeP1P1& p);
void to_cached(GeCached& r, const GeP3& p);

// r = 2p (dbl-2008-hwcd with a = -1).
void dbl(GeP1P1& r, const GeP2& p);
void dbl(GeP1P1& r, const GeP3& p);
// r = p + q, r = p - q (add-2008-hwcd-3 with k = 2d).
void add(GeP1P1& r, const GeP3& p, const GeCached& q);
void sub(GeP1P1& r, const GeP3& p, const GeCached& q);
void madd(GeP1P1& r, const GeP3& p, const GePrecomp& q);
void msub(GeP1P1& r, const GeP3& p, const GePrecomp& q);

// RFC 8032 §5.1.2 encoding.
void to_bytes(uint8_t out[32], const GeP3& p);
void to_bytes(uint8_t out[32], const GeP2& p);
// RFC 8032 §5.1.3 decoding of public data; false when the encoding is invalid,
// including a non-canonical y (y >= p) and x = 0 with the sign bit set.
bool from_bytes_vartime(GeP3& p, const uint8_t in[32]);

// r = [a]B for the base point B, a < 2^255 (secret; constant-time: a fixed sequence of
// additions with table entries read by a masked scan of every candidate).
void base_mul(GeP3& r, const uint8_t a[32]);

// r = [a]A + [b]B for public a, b < 2^253 and public A (verification only).
void double_scalarmult_vartime(GeP2& r, const uint8_t a[32], const GeP3& A, const uint8_t b[32]);

}  // namespace ge25519
}  // namespace keel::crypto::detail
