// Fixed-width, constant-time big integers for RSA and finite-field Diffie-Hellman.
//
// A number is a little-endian array of 64-bit limbs whose *length* is public (it
// follows the modulus size); its *value* may be secret. Every routine here runs in
// time that depends only on limb counts and public bit lengths, except the ones named
// *_vartime, which are for public operands only (an RSA public exponent, a signature
// being verified).
//
// Bounds: moduli up to kMaxBits (16384) bits; exponents no longer than the modulus
// (callers check). Nothing here allocates per limb operation; Modulus owns its
// precomputed constants.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"

namespace keel::crypto::bn {

using Limb = uint64_t;
inline constexpr size_t kLimbBits = 64;
inline constexpr size_t kMaxBits = 16384;
inline constexpr size_t kMaxLimbs = kMaxBits / kLimbBits;

inline constexpr size_t limbs_for_bits(size_t bits) {
    return (bits + kLimbBits - 1) / kLimbBits;
}

// A limb vector that wipes itself: secrets (d, p, q, CRT halves) live in these.
class Nat {
  public:
    Nat() = default;
    explicit Nat(size_t limbs) : v_(limbs, 0) {}
    Nat(const Nat&) = default;
    Nat(Nat&& o) noexcept : v_(std::move(o.v_)) {}
    Nat& operator=(const Nat& o);
    Nat& operator=(Nat&& o) noexcept;
    ~Nat();

    size_t size() const { return v_.size(); }
    Limb* data() { return v_.data(); }
    const Limb* data() const { return v_.data(); }
    Limb& operator[](size_t i) { return v_[i]; }
    Limb operator[](size_t i) const { return v_[i]; }
    void resize(size_t limbs);  // keeps the low limbs, zero-extends

  private:
    std::vector<Limb> v_;
};

// ---- Limb-array arithmetic (all constant time in the values) ----

// r = a + b over n limbs; returns the carry (0 or 1). r may alias a or b.
Limb add(Limb* r, const Limb* a, const Limb* b, size_t n);
// r = a - b over n limbs; returns the borrow (0 or 1). r may alias a or b.
Limb sub(Limb* r, const Limb* a, const Limb* b, size_t n);
// r = mask ? a : r, mask all-ones or zero.
void cmov(Limb* r, const Limb* a, size_t n, Limb mask);
// All-ones when a < b (n limbs each).
Limb lt_mask(const Limb* a, const Limb* b, size_t n);
// All-ones when a == b.
Limb eq_mask(const Limb* a, const Limb* b, size_t n);
Limb is_zero_mask(const Limb* a, size_t n);
// r[0..2n) = a * b (schoolbook). r must not alias a or b.
void mul(Limb* r, const Limb* a, const Limb* b, size_t n);
// r[0..an+bn) = a * b for different lengths. r must not alias a or b.
void mul_wide(Limb* r, const Limb* a, size_t an, const Limb* b, size_t bn);
// a mod d for a public small divisor 1 < d < 2^32; constant time in a.
uint32_t mod_small(const Limb* a, size_t n, uint32_t d);
// r = a / d for an *exact* division by an odd public d (a divisible by d); constant time.
void div_exact_odd(Limb* r, const Limb* a, size_t n, Limb d);
// Number of significant bits; constant time (the result is a value, not a branch).
size_t bit_length(const Limb* a, size_t n);
// Bit i of a (i public).
inline Limb bit(const Limb* a, size_t i) {
    return (a[i / kLimbBits] >> (i % kLimbBits)) & 1;
}

// Big-endian bytes -> n limbs. Fails when the value does not fit in n limbs (the test
// of the excess leading bytes looks at their value, so use only on public input or
// with in.size() <= 8n).
bool from_bytes(Limb* r, size_t n, ByteView in);
// n limbs -> big-endian bytes, zero-padded or truncated to out.size() (the caller
// guarantees the value fits).
void to_bytes(MutableByteView out, const Limb* a, size_t n);
Nat nat_from_bytes(ByteView in, size_t limbs);

// ---- Montgomery backends (one limb-serial CIOS interface) ----
namespace detail {
// r = a * b * 2^(-64n) mod m, for a, b < m, m odd, m0inv = -m^-1 mod 2^64; r < m.
// r may alias a or b.
using MontMulFn = void (*)(Limb* r, const Limb* a, const Limb* b, const Limb* m, Limb m0inv,
                           size_t n);
void mont_mul_portable(Limb* r, const Limb* a, const Limb* b, const Limb* m, Limb m0inv, size_t n);
// BMI2 + ADX (bn_mulx.cc); call only when the CPU has both.
void mont_mul_mulx(Limb* r, const Limb* a, const Limb* b, const Limb* m, Limb m0inv, size_t n);

// ifma accelerates exp() (radix-2^52 AVX-512 IFMA, bn_ifma.cc, moduli of 512..4096
// bits); its single multiplications are the portable ones.
enum class Backend : uint8_t { portable, mulx, ifma };
struct IfmaModulus;
const char* backend_name(Backend b);
// Backends this CPU may use under KEEL_CPU, portable first.
std::vector<Backend> available_backends();
// The one Modulus::from_nat picks: the fastest available (measured, bench/rsa_bench.cc).
Backend dispatch_backend();
MontMulFn mont_mul_fn(Backend b);
}  // namespace detail

// An odd modulus m > 1 with its Montgomery constants. The bit length of m is public;
// its value may be secret (RSA primes): construction is constant time in the value.
class Modulus {
  public:
    // m as big-endian bytes; must be odd, > 1, at most kMaxBits bits.
    static Result<Modulus> from_bytes(ByteView m);
    static Result<Modulus> from_nat(const Nat& m);
    static Result<Modulus> from_nat(const Nat& m, detail::Backend backend);

    size_t limbs() const { return n_; }
    size_t bits() const { return bits_; }
    size_t bytes() const { return (bits_ + 7) / 8; }
    const Limb* value() const { return m_.data(); }
    const Nat& nat() const { return m_; }
    detail::Backend backend() const { return backend_; }

    // All operands below are limbs()-limb arrays holding values < m unless said.
    void mont_mul(Limb* r, const Limb* a, const Limb* b) const {
        mul_(r, a, b, m_.data(), m0inv_, n_);
    }
    void to_mont(Limb* r, const Limb* a) const { mont_mul(r, a, rr_.data()); }
    void from_mont(Limb* r, const Limb* a) const;
    const Limb* mont_one() const { return one_.data(); }
    // r = a * b mod m (plain form).
    void mul_mod(Limb* r, const Limb* a, const Limb* b) const;
    // r = t mod m for a wide t of tn limbs with t < m * 2^(64n) (e.g. tn <= 2n limbs and
    // t < m * R). Constant time.
    void reduce_wide(Limb* r, const Limb* t, size_t tn) const;
    // r = a + b mod m, r = a - b mod m.
    void add_mod(Limb* r, const Limb* a, const Limb* b) const;
    void sub_mod(Limb* r, const Limb* a, const Limb* b) const;

    // r = a^e mod m, a < m, e of e_limbs limbs of which the low e_bits may be nonzero
    // (e_bits public, at most bits()). Fixed window, constant-time table scans: time
    // depends only on n and e_bits.
    void exp(Limb* r, const Limb* a, const Limb* e, size_t e_bits) const;
    // Two exponentiations at once (the RSA CRT halves): r1 = a1^e1 mod m1, r2 = a2^e2 mod m2,
    // moduli of the same limb count, exponents of e_bits. Interleaved on the IFMA backend.
    static void exp_x2(const Modulus& m1, Limb* r1, const Limb* a1, const Limb* e1,
                       const Modulus& m2, Limb* r2, const Limb* a2, const Limb* e2, size_t e_bits);
    // r = a^e mod m for a public exponent: square-and-multiply over e's bits. a may be
    // secret (RSA blinding); only e's bits steer branches.
    void exp_vartime(Limb* r, const Limb* a, const Limb* e, size_t e_limbs) const;

    // r = a^-1 mod m, m odd; returns all-ones when gcd(a, m) = 1 (else r = 0).
    // Constant-time binary extended GCD: 2 * bits() iterations, masks only.
    Limb inverse(Limb* r, const Limb* a) const;
    // r = a^(m-2) mod m: the inverse when m is prime (Fermat).
    void inverse_prime(Limb* r, const Limb* a) const;

  private:
    Modulus() = default;
    size_t n_ = 0;
    size_t bits_ = 0;
    Nat m_;
    Limb m0inv_ = 0;
    Nat rr_;   // R^2 mod m, R = 2^(64n)
    Nat one_;  // R mod m
    detail::MontMulFn mul_ = nullptr;
    std::shared_ptr<const detail::IfmaModulus> ifma_;
    detail::Backend backend_ = detail::Backend::portable;
};

}  // namespace keel::crypto::bn
