// Keccak-f[1600] for x86-64-v3 scalar: the portable round compiled with BMI1/BMI2, so
// χ's ~b & c is one andn and rotations are rorx (three-operand, no register copy).
// Dispatch gates it on bmi2; every CPU with BMI2 also has BMI1 (andn).
#include "crypto/sha3/internal/keccak_scalar.h"

namespace keel::crypto::detail {

void keccak_f1600_bmi2(uint64_t state[25]) {
    keccak_scalar_permute(state);
}

void keccak_absorb_bmi2(uint64_t state[25], const uint8_t* in, size_t n_blocks, size_t rate) {
    keccak_scalar_absorb(state, in, n_blocks, rate);
}

}  // namespace keel::crypto::detail
