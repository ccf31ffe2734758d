// The SHA-512 round loop as BMI2 inline assembly, for backends that precompute W+K
// (today sha512_avx512.cc; the two-block code in sha512_avx2.cc measured faster with
// its compiler-scheduled rounds). Include only from files built with -mbmi2. Each
// round is the minimal chain of 22 ALU operations with the names rotated by
// unrolling. Constant-time: adds, rotates and boolean operations only.
#pragma once

#include <cstdint>

namespace keel::crypto::detail::sha512_asm {

// One round, AT&T syntax, names rotated by the caller (FIPS 180-4 §6.4.2 step 3).
// T1 = h + Sigma1(e) + Ch(e,f,g) + K[t] + W[t] with Ch = ((f^g)&e)^g; d += T1;
// h = T1 + Sigma0(a) + Maj(a,b,c) with Maj = ((a^b)&(b^c))^b, where b^c arrives in
// `y` from the previous round and this round's a^b leaves in `x` for the next.
// clang-format off
#define KEEL_R(a, b, c, d, e, f, g, h, x, y, i) \
    "addq (" #i ">>1)*%c[s]+(" #i "&1)*%c[p](%[wk]), %[" #h "]\n\t" \
    "rorxq $14, %[" #e "], %[t0]\n\t"        \
    "rorxq $18, %[" #e "], %[t1]\n\t"        \
    "movq %[" #f "], %[t2]\n\t"              \
    "xorq %[" #g "], %[t2]\n\t"              \
    "xorq %[t1], %[t0]\n\t"                  \
    "rorxq $41, %[" #e "], %[t1]\n\t"        \
    "andq %[" #e "], %[t2]\n\t"              \
    "xorq %[t1], %[t0]\n\t"                  \
    "xorq %[" #g "], %[t2]\n\t"              \
    "addq %[t2], %[" #h "]\n\t"              \
    "addq %[t0], %[" #h "]\n\t"              \
    "addq %[" #h "], %[" #d "]\n\t"          \
    "rorxq $28, %[" #a "], %[t0]\n\t"        \
    "rorxq $34, %[" #a "], %[t1]\n\t"        \
    "movq %[" #a "], %[" #x "]\n\t"          \
    "xorq %[" #b "], %[" #x "]\n\t"          \
    "xorq %[t1], %[t0]\n\t"                  \
    "rorxq $39, %[" #a "], %[t1]\n\t"        \
    "andq %[" #x "], %[" #y "]\n\t"          \
    "xorq %[t1], %[t0]\n\t"                  \
    "xorq %[" #b "], %[" #y "]\n\t"          \
    "addq %[t0], %[" #h "]\n\t"              \
    "addq %[" #y "], %[" #h "]\n\t"
// clang-format on

// Eight rounds; round i adds the W+K word at byte offset
// (i / 2) * kPairStride + (i % 2) * kStep from wk, which fits both the one-lane-per-block
// layout (kPairStride = 2 * kStep) and rows holding two words of a block.
template <int kPairStride, int kStep>
inline void rounds8(uint64_t& a, uint64_t& b, uint64_t& c, uint64_t& d, uint64_t& e, uint64_t& f,
                    uint64_t& g, uint64_t& h, const uint64_t* wk) {
    uint64_t x, y = b ^ c, t0, t1, t2;
    asm(KEEL_R(a, b, c, d, e, f, g, h, x, y, 0)  //
        KEEL_R(h, a, b, c, d, e, f, g, y, x, 1)  //
        KEEL_R(g, h, a, b, c, d, e, f, x, y, 2)  //
        KEEL_R(f, g, h, a, b, c, d, e, y, x, 3)  //
        KEEL_R(e, f, g, h, a, b, c, d, x, y, 4)  //
        KEEL_R(d, e, f, g, h, a, b, c, y, x, 5)  //
        KEEL_R(c, d, e, f, g, h, a, b, x, y, 6)  //
        KEEL_R(b, c, d, e, f, g, h, a, y, x, 7)
        : [a] "+r"(a), [b] "+r"(b), [c] "+r"(c), [d] "+r"(d), [e] "+r"(e), [f] "+r"(f), [g] "+r"(g),
          [h] "+r"(h), [x] "=&r"(x), [y] "+&r"(y), [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2)
        : [wk] "r"(wk), [s] "i"(kPairStride), [p] "i"(kStep)
        : "cc", "memory");
}

#undef KEEL_R

}  // namespace keel::crypto::detail::sha512_asm
