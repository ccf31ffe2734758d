// Polynomial arithmetic in R_q = Z_q[X]/(X^256 + 1), q = 8380417 (FIPS 204 §2.3, §7.5,
// §7.4), behind one narrow backend interface: the portable code and every SIMD backend
// implement exactly these functions with the same input/output bounds, so swapping a
// backend is one pointer.
//
// Conventions. Coefficients are int32_t. "NTT domain" means the bit-reversed order of
// FIPS 204 Algorithm 41 (every backend uses that same order, so NTT-domain polynomials
// from different backends are interchangeable). Montgomery form uses R = 2^32.
// Every function states the bounds it needs (|a_i| is the absolute value of the
// int32_t representative) and the bounds it guarantees; callers keep to them.
//
// Constant time: every function but rej_uniform and use_hint is branch-free and
// index-free in the coefficient values (they see s1, s2, t0, y, w). rej_uniform and
// use_hint only ever see public data (ExpandA output, the verifier's w').
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "pq/mldsa/internal/params.h"

namespace keel::pq::detail {

struct alignas(64) Poly {
    int32_t c[kN];
};

struct PolyBackend {
    const char* name;
    // FIPS 204 Alg 41 (NTT), no final reduction. In |a_i| < q, out |a_i| < 9q.
    void (*ntt)(int32_t* a);
    // FIPS 204 Alg 42 (NTT^-1) times R: out = NTT^-1(a) * 2^32 mod q.
    // In |a_i| < q, out |a_i| < q.
    void (*invntt_tomont)(int32_t* a);
    // c_i = a_i * b_i * 2^-32 mod q. In |a_i|, |b_i| < 9q, out |c_i| < q.
    void (*pointwise)(int32_t* c, const int32_t* a, const int32_t* b);
    // c = sum_{j < n} a[j] o b[j] * 2^-32 over n consecutive polynomials (one row of
    // A-hat times a vector). In |a|, |b| < 9q, n <= 8; out |c_i| < n * q.
    void (*pointwise_acc)(int32_t* c, const Poly* a, const Poly* b, int n);
    // Centered-ish reduction: in a_i <= 2^31 - 2^22 - 1, out |a_i| <= 6283009, same
    // class mod q.
    void (*reduce32)(int32_t* a);
    // Adds q to negative coefficients: in -q < a_i < q, out 0 <= a_i < q.
    void (*caddq)(int32_t* a);
    // FIPS 204 Alg 35 (Power2Round), d = 13. In 0 <= a_i < q,
    // out 0 <= a1_i < 2^10, -2^12 < a0_i <= 2^12, a = a1 * 2^13 + a0.
    void (*power2round)(int32_t* a1, int32_t* a0, const int32_t* a);
    // FIPS 204 Alg 36 (Decompose) for gamma2 in {(q-1)/88, (q-1)/32}. In 0 <= a_i < q,
    // out 0 <= a1_i < (q-1)/(2 gamma2), -gamma2 < a0_i <= gamma2 (a0 = -gamma2 only in
    // the a - a0 = q - 1 corner, where a1 = 0).
    void (*decompose)(int32_t* a1, int32_t* a0, const int32_t* a, int32_t gamma2);
    // Signer's hint (FIPS 204 Alg 39 applied as MakeHint(-ct0, w - cs2 + ct0), written
    // in terms of a0 = LowBits(w - cs2) + ct0 and a1 = HighBits(w)):
    // h_i = 1 iff a0_i > gamma2 or a0_i < -gamma2 or (a0_i = -gamma2 and a1_i != 0).
    // Returns the number of ones (secret until the caller declassifies the bound check).
    uint32_t (*make_hint)(int32_t* h, const int32_t* a0, const int32_t* a1, int32_t gamma2);
    // FIPS 204 Alg 40 (UseHint). In 0 <= a_i < q, h_i in {0, 1}; public data only.
    void (*use_hint)(int32_t* out, const int32_t* a, const int32_t* h, int32_t gamma2);
    // All-ones when some |a_i| >= bound, else 0. In |a_i| <= 2^31 - 1 - bound... in practice
    // |a_i| < q; bound <= (q-1)/8. Looks at every coefficient (no early exit).
    uint32_t (*norm_exceeds)(const int32_t* a, int32_t bound);
    // FIPS 204 Alg 14/30 (RejNTTPoly's inner loop): appends coefficients < q read as
    // 23-bit little-endian triples from buf, at most n of them; returns how many.
    // Public input (ExpandA).
    unsigned (*rej_uniform)(int32_t* out, unsigned n, const uint8_t* buf, size_t buflen);
};

// Montgomery reduction: in |a| <= 2^31 * q, out r = a * 2^-32 mod q with |r| < q.
inline int32_t montgomery_reduce(int64_t a) {
    constexpr int32_t kQinv = 58728449;  // q^-1 mod 2^32
    int32_t t = static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(kQinv));
    return static_cast<int32_t>((a - static_cast<int64_t>(t) * kQ) >> 32);
}

// zetas[i] = 1753^brv8(i) * 2^32 mod q, centered in (-q/2, q/2) (FIPS 204 Appendix B,
// in Montgomery form). zetas[0] is unused.
const int32_t* zetas();

const PolyBackend& poly_portable();
// The AVX2 backend (poly_avx2.cc); call only when cpu::has(cpu::kAvx2).
const PolyBackend& poly_avx2();
// Backends this CPU may use: portable first, the dispatch choice last.
std::span<const PolyBackend* const> poly_backends();
const PolyBackend& poly_best();

}  // namespace keel::pq::detail
