// The edwards448 group (RFC 8032 §5.2): x^2 + y^2 = 1 + d x^2 y^2, d = -39081, in
// projective coordinates (x = X/Z, y = Y/Z) with the formulas of RFC 8032 §5.2.4
// (complete on this curve). Scalars mod L by Barrett reduction.
#pragma once

#include <cstdint>

#include "crypto/curve448/internal/fe448.h"

namespace keel::crypto::detail {

struct Ge448 {
    Fe448 X, Y, Z;
};
struct Ge448Affine {
    Fe448 x, y;
};

namespace ge448 {

void identity(Ge448& p);
void dbl(Ge448& r, const Ge448& p);
void add(Ge448& r, const Ge448& p, const Ge448& q);
void madd(Ge448& r, const Ge448& p, const Ge448Affine& q);
void neg(Ge448& r, const Ge448& p);
// RFC 8032 §5.2.2 / §5.2.3; decoding is for public data.
void to_bytes(uint8_t out[57], const Ge448& p);
bool from_bytes_vartime(Ge448& p, const uint8_t in[57]);
// r = [a]B, a < L (secret; masked scan of every table entry).
void base_mul(Ge448& r, const uint8_t a[56]);
// r = [a]A + [b]B for public a, b < 2^448 (verification only).
void double_scalarmult_vartime(Ge448& r, const uint8_t a[56], const Ge448& A, const uint8_t b[56]);

}  // namespace ge448

namespace sc448 {
// out = in mod L for a 114-byte little-endian value (SHAKE256 output, §5.2.6).
void reduce114(uint8_t out[56], const uint8_t in[114]);
// out = in mod L for a 56-byte value.
void reduce56(uint8_t out[56], const uint8_t in[56]);
// out = (a * b + c) mod L; a, b, c < 2^448.
void muladd(uint8_t out[56], const uint8_t a[56], const uint8_t b[56], const uint8_t c[56]);
// True when the 57-byte s is < L (§5.2.7).
bool is_canonical_vartime(const uint8_t s[57]);
}  // namespace sc448

}  // namespace keel::crypto::detail
