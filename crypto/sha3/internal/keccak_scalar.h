// The scalar Keccak-f[1600] round, written once and compiled into two backends:
// keccak_portable.cc (no ISA flags) and keccak_bmi2.cc (-mbmi -mbmi2: andn folds the
// χ complement, rorx rotates without a copy). Everything here has internal linkage,
// so the two compilations never merge across translation units (no ODR mixing).
//
// Constant time: only xor, and, not and fixed rotations; no branch, no table index
// depends on the state.
#pragma once

#include <cstdint>
#include <cstring>

#include "base/endian.h"
#include "crypto/sha3/keccak.h"

namespace keel::crypto::detail {
namespace {

// Plain (uncomplemented) lanes, θ ρ π χ ι fused per round. Lane names aNN are
// index x + 5y (FIPS 202 §3.1.2); bXY is B[x][y] after ρ and π.
[[gnu::always_inline]] inline void keccak_scalar_permute(uint64_t s[25]) {
    uint64_t a00 = s[0];
    uint64_t a01 = s[1];
    uint64_t a02 = s[2];
    uint64_t a03 = s[3];
    uint64_t a04 = s[4];
    uint64_t a05 = s[5];
    uint64_t a06 = s[6];
    uint64_t a07 = s[7];
    uint64_t a08 = s[8];
    uint64_t a09 = s[9];
    uint64_t a10 = s[10];
    uint64_t a11 = s[11];
    uint64_t a12 = s[12];
    uint64_t a13 = s[13];
    uint64_t a14 = s[14];
    uint64_t a15 = s[15];
    uint64_t a16 = s[16];
    uint64_t a17 = s[17];
    uint64_t a18 = s[18];
    uint64_t a19 = s[19];
    uint64_t a20 = s[20];
    uint64_t a21 = s[21];
    uint64_t a22 = s[22];
    uint64_t a23 = s[23];
    uint64_t a24 = s[24];
    for (int round = 0; round < 24; round++) {
        // θ (§3.2.1): column parities, then D[x] = C[x-1] ^ rot(C[x+1], 1).
        const uint64_t c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
        const uint64_t c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
        const uint64_t c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
        const uint64_t c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
        const uint64_t c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
        const uint64_t d0 = c4 ^ rotl64(c1, 1);
        const uint64_t d1 = c0 ^ rotl64(c2, 1);
        const uint64_t d2 = c1 ^ rotl64(c3, 1);
        const uint64_t d3 = c2 ^ rotl64(c4, 1);
        const uint64_t d4 = c3 ^ rotl64(c0, 1);
        // ρ and π (§3.2.2-3): B[x][y] = rot(A[x+3y][x] ^ D, r).
        const uint64_t b00 = a00 ^ d0;
        const uint64_t b10 = rotl64(a06 ^ d1, 44);
        const uint64_t b20 = rotl64(a12 ^ d2, 43);
        const uint64_t b30 = rotl64(a18 ^ d3, 21);
        const uint64_t b40 = rotl64(a24 ^ d4, 14);
        const uint64_t b01 = rotl64(a03 ^ d3, 28);
        const uint64_t b11 = rotl64(a09 ^ d4, 20);
        const uint64_t b21 = rotl64(a10 ^ d0, 3);
        const uint64_t b31 = rotl64(a16 ^ d1, 45);
        const uint64_t b41 = rotl64(a22 ^ d2, 61);
        const uint64_t b02 = rotl64(a01 ^ d1, 1);
        const uint64_t b12 = rotl64(a07 ^ d2, 6);
        const uint64_t b22 = rotl64(a13 ^ d3, 25);
        const uint64_t b32 = rotl64(a19 ^ d4, 8);
        const uint64_t b42 = rotl64(a20 ^ d0, 18);
        const uint64_t b03 = rotl64(a04 ^ d4, 27);
        const uint64_t b13 = rotl64(a05 ^ d0, 36);
        const uint64_t b23 = rotl64(a11 ^ d1, 10);
        const uint64_t b33 = rotl64(a17 ^ d2, 15);
        const uint64_t b43 = rotl64(a23 ^ d3, 56);
        const uint64_t b04 = rotl64(a02 ^ d2, 62);
        const uint64_t b14 = rotl64(a08 ^ d3, 55);
        const uint64_t b24 = rotl64(a14 ^ d4, 39);
        const uint64_t b34 = rotl64(a15 ^ d0, 41);
        const uint64_t b44 = rotl64(a21 ^ d1, 2);
        // χ (§3.2.4) and ι (§3.2.5).
        a00 = b00 ^ (~b10 & b20);
        a01 = b10 ^ (~b20 & b30);
        a02 = b20 ^ (~b30 & b40);
        a03 = b30 ^ (~b40 & b00);
        a04 = b40 ^ (~b00 & b10);
        a05 = b01 ^ (~b11 & b21);
        a06 = b11 ^ (~b21 & b31);
        a07 = b21 ^ (~b31 & b41);
        a08 = b31 ^ (~b41 & b01);
        a09 = b41 ^ (~b01 & b11);
        a10 = b02 ^ (~b12 & b22);
        a11 = b12 ^ (~b22 & b32);
        a12 = b22 ^ (~b32 & b42);
        a13 = b32 ^ (~b42 & b02);
        a14 = b42 ^ (~b02 & b12);
        a15 = b03 ^ (~b13 & b23);
        a16 = b13 ^ (~b23 & b33);
        a17 = b23 ^ (~b33 & b43);
        a18 = b33 ^ (~b43 & b03);
        a19 = b43 ^ (~b03 & b13);
        a20 = b04 ^ (~b14 & b24);
        a21 = b14 ^ (~b24 & b34);
        a22 = b24 ^ (~b34 & b44);
        a23 = b34 ^ (~b44 & b04);
        a24 = b44 ^ (~b04 & b14);
        a00 ^= kKeccakRoundConstants[round];
    }
    s[0] = a00;
    s[1] = a01;
    s[2] = a02;
    s[3] = a03;
    s[4] = a04;
    s[5] = a05;
    s[6] = a06;
    s[7] = a07;
    s[8] = a08;
    s[9] = a09;
    s[10] = a10;
    s[11] = a11;
    s[12] = a12;
    s[13] = a13;
    s[14] = a14;
    s[15] = a15;
    s[16] = a16;
    s[17] = a17;
    s[18] = a18;
    s[19] = a19;
    s[20] = a20;
    s[21] = a21;
    s[22] = a22;
    s[23] = a23;
    s[24] = a24;
}

inline void keccak_scalar_absorb(uint64_t s[25], const uint8_t* in, size_t n_blocks, size_t rate) {
    const size_t lanes = rate / 8;
    for (; n_blocks > 0; n_blocks--, in += rate) {
        for (size_t i = 0; i < lanes; i++) s[i] ^= load_le64(in + 8 * i);
        keccak_scalar_permute(s);
    }
}

}  // namespace
}  // namespace keel::crypto::detail
