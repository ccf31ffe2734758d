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

// Plain (uncomplemented) lanes, θ ρ π χ ι fused and computed one output row at a
// time, two rounds per iteration (A -> E -> A) so no state copy is needed; θ's column
// parities for the next round are accumulated while χ produces each row. Lane names
// aNN/eNN are index x + 5y (FIPS 202 §3.1.2); bX is B[x][y] of the row in progress
// after ρ and π (§3.2.2-3): B[x][y] = rot(A[x+3y][x] ^ D[x+3y], r[x+3y][x]).
[[gnu::always_inline]] inline void keccak_scalar_permute(uint64_t s[25]) {
    uint64_t a00 = s[0], e00;
    uint64_t a01 = s[1], e01;
    uint64_t a02 = s[2], e02;
    uint64_t a03 = s[3], e03;
    uint64_t a04 = s[4], e04;
    uint64_t a05 = s[5], e05;
    uint64_t a06 = s[6], e06;
    uint64_t a07 = s[7], e07;
    uint64_t a08 = s[8], e08;
    uint64_t a09 = s[9], e09;
    uint64_t a10 = s[10], e10;
    uint64_t a11 = s[11], e11;
    uint64_t a12 = s[12], e12;
    uint64_t a13 = s[13], e13;
    uint64_t a14 = s[14], e14;
    uint64_t a15 = s[15], e15;
    uint64_t a16 = s[16], e16;
    uint64_t a17 = s[17], e17;
    uint64_t a18 = s[18], e18;
    uint64_t a19 = s[19], e19;
    uint64_t a20 = s[20], e20;
    uint64_t a21 = s[21], e21;
    uint64_t a22 = s[22], e22;
    uint64_t a23 = s[23], e23;
    uint64_t a24 = s[24], e24;
    uint64_t b0, b1, b2, b3, b4, d0, d1, d2, d3, d4;
    uint64_t c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
    uint64_t c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
    uint64_t c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
    uint64_t c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
    uint64_t c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
    for (int round = 0; round < 24; round += 2) {
        d0 = c4 ^ rotl64(c1, 1);
        d1 = c0 ^ rotl64(c2, 1);
        d2 = c1 ^ rotl64(c3, 1);
        d3 = c2 ^ rotl64(c4, 1);
        d4 = c3 ^ rotl64(c0, 1);
        b0 = a00 ^ d0;
        b1 = rotl64(a06 ^ d1, 44);
        b2 = rotl64(a12 ^ d2, 43);
        b3 = rotl64(a18 ^ d3, 21);
        b4 = rotl64(a24 ^ d4, 14);
        e00 = b0 ^ (~b1 & b2) ^ kKeccakRoundConstants[round];
        e01 = b1 ^ (~b2 & b3);
        e02 = b2 ^ (~b3 & b4);
        e03 = b3 ^ (~b4 & b0);
        e04 = b4 ^ (~b0 & b1);
        c0 = e00;
        c1 = e01;
        c2 = e02;
        c3 = e03;
        c4 = e04;
        b0 = rotl64(a03 ^ d3, 28);
        b1 = rotl64(a09 ^ d4, 20);
        b2 = rotl64(a10 ^ d0, 3);
        b3 = rotl64(a16 ^ d1, 45);
        b4 = rotl64(a22 ^ d2, 61);
        e05 = b0 ^ (~b1 & b2);
        e06 = b1 ^ (~b2 & b3);
        e07 = b2 ^ (~b3 & b4);
        e08 = b3 ^ (~b4 & b0);
        e09 = b4 ^ (~b0 & b1);
        c0 ^= e05;
        c1 ^= e06;
        c2 ^= e07;
        c3 ^= e08;
        c4 ^= e09;
        b0 = rotl64(a01 ^ d1, 1);
        b1 = rotl64(a07 ^ d2, 6);
        b2 = rotl64(a13 ^ d3, 25);
        b3 = rotl64(a19 ^ d4, 8);
        b4 = rotl64(a20 ^ d0, 18);
        e10 = b0 ^ (~b1 & b2);
        e11 = b1 ^ (~b2 & b3);
        e12 = b2 ^ (~b3 & b4);
        e13 = b3 ^ (~b4 & b0);
        e14 = b4 ^ (~b0 & b1);
        c0 ^= e10;
        c1 ^= e11;
        c2 ^= e12;
        c3 ^= e13;
        c4 ^= e14;
        b0 = rotl64(a04 ^ d4, 27);
        b1 = rotl64(a05 ^ d0, 36);
        b2 = rotl64(a11 ^ d1, 10);
        b3 = rotl64(a17 ^ d2, 15);
        b4 = rotl64(a23 ^ d3, 56);
        e15 = b0 ^ (~b1 & b2);
        e16 = b1 ^ (~b2 & b3);
        e17 = b2 ^ (~b3 & b4);
        e18 = b3 ^ (~b4 & b0);
        e19 = b4 ^ (~b0 & b1);
        c0 ^= e15;
        c1 ^= e16;
        c2 ^= e17;
        c3 ^= e18;
        c4 ^= e19;
        b0 = rotl64(a02 ^ d2, 62);
        b1 = rotl64(a08 ^ d3, 55);
        b2 = rotl64(a14 ^ d4, 39);
        b3 = rotl64(a15 ^ d0, 41);
        b4 = rotl64(a21 ^ d1, 2);
        e20 = b0 ^ (~b1 & b2);
        e21 = b1 ^ (~b2 & b3);
        e22 = b2 ^ (~b3 & b4);
        e23 = b3 ^ (~b4 & b0);
        e24 = b4 ^ (~b0 & b1);
        c0 ^= e20;
        c1 ^= e21;
        c2 ^= e22;
        c3 ^= e23;
        c4 ^= e24;
        d0 = c4 ^ rotl64(c1, 1);
        d1 = c0 ^ rotl64(c2, 1);
        d2 = c1 ^ rotl64(c3, 1);
        d3 = c2 ^ rotl64(c4, 1);
        d4 = c3 ^ rotl64(c0, 1);
        b0 = e00 ^ d0;
        b1 = rotl64(e06 ^ d1, 44);
        b2 = rotl64(e12 ^ d2, 43);
        b3 = rotl64(e18 ^ d3, 21);
        b4 = rotl64(e24 ^ d4, 14);
        a00 = b0 ^ (~b1 & b2) ^ kKeccakRoundConstants[round + 1];
        a01 = b1 ^ (~b2 & b3);
        a02 = b2 ^ (~b3 & b4);
        a03 = b3 ^ (~b4 & b0);
        a04 = b4 ^ (~b0 & b1);
        c0 = a00;
        c1 = a01;
        c2 = a02;
        c3 = a03;
        c4 = a04;
        b0 = rotl64(e03 ^ d3, 28);
        b1 = rotl64(e09 ^ d4, 20);
        b2 = rotl64(e10 ^ d0, 3);
        b3 = rotl64(e16 ^ d1, 45);
        b4 = rotl64(e22 ^ d2, 61);
        a05 = b0 ^ (~b1 & b2);
        a06 = b1 ^ (~b2 & b3);
        a07 = b2 ^ (~b3 & b4);
        a08 = b3 ^ (~b4 & b0);
        a09 = b4 ^ (~b0 & b1);
        c0 ^= a05;
        c1 ^= a06;
        c2 ^= a07;
        c3 ^= a08;
        c4 ^= a09;
        b0 = rotl64(e01 ^ d1, 1);
        b1 = rotl64(e07 ^ d2, 6);
        b2 = rotl64(e13 ^ d3, 25);
        b3 = rotl64(e19 ^ d4, 8);
        b4 = rotl64(e20 ^ d0, 18);
        a10 = b0 ^ (~b1 & b2);
        a11 = b1 ^ (~b2 & b3);
        a12 = b2 ^ (~b3 & b4);
        a13 = b3 ^ (~b4 & b0);
        a14 = b4 ^ (~b0 & b1);
        c0 ^= a10;
        c1 ^= a11;
        c2 ^= a12;
        c3 ^= a13;
        c4 ^= a14;
        b0 = rotl64(e04 ^ d4, 27);
        b1 = rotl64(e05 ^ d0, 36);
        b2 = rotl64(e11 ^ d1, 10);
        b3 = rotl64(e17 ^ d2, 15);
        b4 = rotl64(e23 ^ d3, 56);
        a15 = b0 ^ (~b1 & b2);
        a16 = b1 ^ (~b2 & b3);
        a17 = b2 ^ (~b3 & b4);
        a18 = b3 ^ (~b4 & b0);
        a19 = b4 ^ (~b0 & b1);
        c0 ^= a15;
        c1 ^= a16;
        c2 ^= a17;
        c3 ^= a18;
        c4 ^= a19;
        b0 = rotl64(e02 ^ d2, 62);
        b1 = rotl64(e08 ^ d3, 55);
        b2 = rotl64(e14 ^ d4, 39);
        b3 = rotl64(e15 ^ d0, 41);
        b4 = rotl64(e21 ^ d1, 2);
        a20 = b0 ^ (~b1 & b2);
        a21 = b1 ^ (~b2 & b3);
        a22 = b2 ^ (~b3 & b4);
        a23 = b3 ^ (~b4 & b0);
        a24 = b4 ^ (~b0 & b1);
        c0 ^= a20;
        c1 ^= a21;
        c2 ^= a22;
        c3 ^= a23;
        c4 ^= a24;
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
