// Keccak-f[1600] (FIPS 202 §3) and its backends: the single-state permutation behind
// SHA-3/SHAKE, and batched permutations of 4 or 8 independent states for the
// post-quantum code (ML-KEM and ML-DSA expand seeds into many SHAKE streams at once).
//
// A state is 25 lanes of 64 bits, lane (x, y) at index x + 5y (FIPS 202 §3.1.2), each
// lane holding its 8 state bytes in little-endian order.
//
// Batched states are interleaved lane by lane, so one SIMD register holds the same
// lane of every state:  lane i of state j lives at s[kLanes * i + j].
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace keel::crypto::detail {

inline constexpr size_t kKeccakLanes = 25;
inline constexpr size_t kKeccakStateBytes = 200;

// Round constants RC[ir] of ι (FIPS 202 §3.2.5, Algorithm 5 evaluated for 24 rounds).
inline constexpr uint64_t kKeccakRoundConstants[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
    0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
    0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008};

// ---- single state ---------------------------------------------------------------

// Applies Keccak-f[1600] to one state.
using KeccakPermute = void (*)(uint64_t state[25]);
// XORs `n_blocks` consecutive blocks of `rate` bytes into the state, permuting after
// each (the sponge's absorbing loop, FIPS 202 §4 step 6). `rate` is a multiple of 8
// and at most 200. Backends keep the state in registers across blocks.
using KeccakAbsorb = void (*)(uint64_t state[25], const uint8_t* in, size_t n_blocks, size_t rate);

struct KeccakBackend {
    const char* name;
    KeccakPermute permute;
    KeccakAbsorb absorb;
};

void keccak_f1600_portable(uint64_t state[25]);
void keccak_absorb_portable(uint64_t state[25], const uint8_t* in, size_t n_blocks, size_t rate);
// Same C code as portable compiled with BMI1/BMI2 (andn, rorx): x86-64-v3 CPUs.
void keccak_f1600_bmi2(uint64_t state[25]);
void keccak_absorb_bmi2(uint64_t state[25], const uint8_t* in, size_t n_blocks, size_t rate);
// One state in five zmm rows: vpternlogq, vprolvq, lane permutes (AVX-512F/VL).
void keccak_f1600_avx512(uint64_t state[25]);
void keccak_absorb_avx512(uint64_t state[25], const uint8_t* in, size_t n_blocks, size_t rate);

// Backends this CPU may use under KEEL_CPU: portable first, the dispatch choice last.
std::span<const KeccakBackend> keccak_backends();
// The dispatch choice, picked once.
const KeccakBackend& keccak_best();

// Keccak-f[1600] with the dispatch choice.
void keccak_f1600(uint64_t state[25]);

// ---- batches ----------------------------------------------------------------------
//
// keccak_x4 / keccak_x8 apply Keccak-f[1600] to 4 / 8 independent interleaved states
// (s[4 * i + j] / s[8 * i + j] = lane i of state j). Every backend gives the same
// result as keccak_f1600_portable on each state; the portable fallback de-interleaves
// and loops. x8 on an AVX2-only CPU runs the x4 AVX2 code twice.

using KeccakX4Permute = void (*)(uint64_t s[100]);
using KeccakX8Permute = void (*)(uint64_t s[200]);

struct KeccakX4Backend {
    const char* name;
    KeccakX4Permute permute;
};
struct KeccakX8Backend {
    const char* name;
    KeccakX8Permute permute;
};

void keccak_x4_portable(uint64_t s[100]);
void keccak_x4_avx2(uint64_t s[100]);
void keccak_x4_avx512(uint64_t s[100]);  // AVX-512VL on ymm
void keccak_x8_portable(uint64_t s[200]);
void keccak_x8_avx2(uint64_t s[200]);
void keccak_x8_avx512(uint64_t s[200]);

std::span<const KeccakX4Backend> keccak_x4_backends();
std::span<const KeccakX8Backend> keccak_x8_backends();

// The dispatch choices.
void keccak_x4(uint64_t s[100]);
void keccak_x8(uint64_t s[200]);

}  // namespace keel::crypto::detail
