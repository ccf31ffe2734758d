// Portable Keccak-f[1600] (FIPS 202 §3.3): the scalar round with no ISA extensions.
#include "crypto/sha3/internal/keccak_scalar.h"

namespace keel::crypto::detail {

void keccak_f1600_portable(uint64_t state[25]) {
    keccak_scalar_permute(state);
}

void keccak_absorb_portable(uint64_t state[25], const uint8_t* in, size_t n_blocks, size_t rate) {
    keccak_scalar_absorb(state, in, n_blocks, rate);
}

// The batch fallback: de-interleave each state, permute it, interleave it back.
template <size_t kN>
static void keccak_batch_portable(uint64_t* s) {
    for (size_t j = 0; j < kN; j++) {
        uint64_t one[25];
        for (size_t i = 0; i < 25; i++) one[i] = s[kN * i + j];
        keccak_scalar_permute(one);
        for (size_t i = 0; i < 25; i++) s[kN * i + j] = one[i];
    }
}

void keccak_x4_portable(uint64_t s[100]) {
    keccak_batch_portable<4>(s);
}
void keccak_x8_portable(uint64_t s[200]) {
    keccak_batch_portable<8>(s);
}

}  // namespace keel::crypto::detail
