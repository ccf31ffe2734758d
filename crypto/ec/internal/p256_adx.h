// P-256 field (and group order) multiply and square with MULX/ADCX/ADOX (p256_adx.cc). Call only
// when the CPU has BMI2 and ADX. Operands and results are fully reduced Montgomery-domain elements
// (R = 2^256), four little-endian limbs; r may alias a or b.
//
// Kept free of other keel headers: p256_adx.cc is compiled with -mbmi2 -madx, and any
// inline function it instantiated could be linked into portable code.
#pragma once

#include <cstdint>

namespace keel::crypto::ec::detail {

void p256_mul_adx(uint64_t r[4], const uint64_t a[4], const uint64_t b[4]);
void p256_sqr_adx(uint64_t r[4], const uint64_t a[4]);

// Montgomery multiply / square modulo any odd m < 2^256 - 2^192 with
// m0 = -m^-1 mod 2^64 (the P-256 group order n): same contract as above for m.
void mont4_mul_adx(uint64_t r[4], const uint64_t a[4], const uint64_t b[4], const uint64_t m[4],
                   uint64_t m0);
void mont4_sqr_adx(uint64_t r[4], const uint64_t a[4], const uint64_t m[4], uint64_t m0);

}  // namespace keel::crypto::ec::detail
