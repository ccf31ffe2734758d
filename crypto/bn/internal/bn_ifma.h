// The AVX-512 IFMA exponentiation backend (bn_ifma.cc): radix-2^52 constants of a
// modulus and the two entry points Modulus uses. Internal to crypto/bn.
#pragma once

#include <cstddef>
#include <cstdint>

#include "crypto/bn/bn.h"

namespace keel::crypto::bn::detail {

// Moduli up to 8192 bits: D = ceil((bits + 2) / 52) <= 158 digits, padded to 8 lanes.
// Lane sums stay below 4 D 2^52 < 2^62, so 64-bit lanes never overflow.
inline constexpr size_t kIfmaMaxBits = 8192;
inline constexpr size_t kIfmaMinBits = 512;
inline constexpr size_t kIfmaMaxDigits = 160;

struct IfmaModulus {
    size_t digits = 0;  // D: R = 2^(52 D) > 4m
    alignas(64) uint64_t m52[kIfmaMaxDigits] = {};
    alignas(64) uint64_t rr52[kIfmaMaxDigits] = {};  // R^2 mod m, normalized digits
    uint64_t k0 = 0;                                 // -m^-1 mod 2^52
};

// Splits n 64-bit limbs into 52-bit digits (lanes entries, zero-padded).
void ifma_split(uint64_t* out, const Limb* in, size_t n, size_t lanes);

// r = a^e mod m (64-bit limbs, a < m, e_bits public). Constant time.
void ifma_exp(Limb* r, const Limb* a, const Limb* e, size_t e_bits, const IfmaModulus& im,
              const Limb* m, size_t n);
// r = a^e mod m for a public exponent (square-and-multiply on e's bits).
void ifma_exp_vartime(Limb* r, const Limb* a, const Limb* e, size_t e_limbs, const IfmaModulus& im,
                      const Limb* m, size_t n);
// Two exponentiations with moduli of the same digit count and one exponent length.
void ifma_exp_x2(Limb* r1, const Limb* a1, const Limb* e1, const IfmaModulus& im1, const Limb* m1,
                 Limb* r2, const Limb* a2, const Limb* e2, const IfmaModulus& im2, const Limb* m2,
                 size_t n, size_t e_bits);

}  // namespace keel::crypto::bn::detail
