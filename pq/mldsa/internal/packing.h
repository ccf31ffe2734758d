// FIPS 204 §7.1-7.2 encodings: SimpleBitPack/BitPack for t1, t0, s1/s2, z and w1, and
// the hint encoding. Packing is branch-free in the values (t0, s1, s2 and y are
// secret); the hint decoder and the verifier-side unpackers see public data only.
#pragma once

#include <cstddef>
#include <cstdint>

#include "pq/mldsa/internal/params.h"
#include "pq/mldsa/internal/poly.h"

namespace keel::pq::detail {

// t1: 10 bits per coefficient, 0 <= a_i < 2^10 (320 bytes).
void pack_t1(uint8_t* out, const Poly& a);
void unpack_t1(Poly& a, const uint8_t* in);
// t0: 13 bits of 2^12 - a_i, -2^12 < a_i <= 2^12 (416 bytes). Every encoding decodes.
void pack_t0(uint8_t* out, const Poly& a);
void unpack_t0(Poly& a, const uint8_t* in);
// s1/s2: 3 (eta = 2) or 4 (eta = 4) bits of eta - a_i. unpack_eta returns all-ones
// when some field exceeds 2 eta (an out-of-range secret coefficient), without
// branching on the values.
void pack_eta(uint8_t* out, const Poly& a, int eta);
uint32_t unpack_eta(Poly& a, const uint8_t* in, int eta);
// z and y: 18 (gamma1 = 2^17) or 20 (2^19) bits of gamma1 - a_i. Every encoding decodes
// to -gamma1 < a_i <= gamma1.
void pack_z(uint8_t* out, const Poly& a, int32_t gamma1);
void unpack_z(Poly& a, const uint8_t* in, int32_t gamma1);
// w1: 6 (gamma2 = (q-1)/88) or 4 ((q-1)/32) bits.
void pack_w1(uint8_t* out, const Poly& a, int32_t gamma2);

// HintBitPack (FIPS 204 Alg 20) of k polynomials with at most omega ones in total;
// writes omega + k bytes.
void pack_hints(uint8_t* out, const Poly* h, const Params& p);
// HintBitUnpack (Alg 21): false on a malformed encoding (a count above omega or going
// backwards, indices not strictly increasing within a polynomial, nonzero padding).
bool unpack_hints(Poly* h, const uint8_t* in, const Params& p);

}  // namespace keel::pq::detail
