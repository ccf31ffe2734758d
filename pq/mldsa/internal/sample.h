// FIPS 204 §7.3 pseudorandom sampling: ExpandA, ExpandS, ExpandMask, SampleInBall.
// The SHAKE streams run eight at a time on AVX-512 CPUs and four at a time otherwise
// (crypto/sha3/shake_batch.h).
#pragma once

#include <cstdint>

#include "pq/mldsa/internal/params.h"
#include "pq/mldsa/internal/poly.h"

namespace keel::pq::detail {

// Alg 32 ExpandA: a_hat[r * l + s] = RejNTTPoly(rho || s || r), already in the NTT
// domain, coefficients in [0, q). rho is public.
void expand_a(Poly* a_hat, const uint8_t rho[kSeedBytes], const Params& p, const PolyBackend& be);
// Alg 33 ExpandS: s1 (l polys) and s2 (k polys) with coefficients in [-eta, eta], from
// the secret rho'. Constant time: the accept/reject decision for each 4-bit candidate
// is declassified (which candidates get rejected is independent of the values that are
// accepted); coefficient values are computed branch-free.
void expand_s(Poly* s1, Poly* s2, const uint8_t rho_prime[kRhoPrimeBytes], const Params& p);
// Alg 34 ExpandMask: y (l polys), -gamma1 < y_i <= gamma1, from the secret rho'' and
// the public counter kappa. No rejection: branch-free.
void expand_mask(Poly* y, const uint8_t rho_pp[kRhoPrimeBytes], uint16_t kappa, const Params& p);
// Alg 29 SampleInBall: c with tau coefficients in {-1, 1}, the rest 0. ctilde must be
// public (see sign_mu for why the signer may reveal it).
void sample_in_ball(Poly& c, const uint8_t* ctilde, const Params& p);

}  // namespace keel::pq::detail
