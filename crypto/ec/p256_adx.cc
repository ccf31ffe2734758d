// P-256 field and group-order multiplication with MULX/ADCX/ADOX
// (internal/p256_adx.h).
//
// The 512-bit product comes from inline assembly: one row per limb of b, each row's
// low halves on the ADCX (carry flag) chain and high halves on the ADOX (overflow
// flag) chain, so the two additions per MULX run in parallel.
//
// Montgomery reduction uses the shape of p = 2^256 - 2^224 + 2^192 + 2^96 - 1:
// -p^-1 = 1 mod 2^64, so each step's multiplier q is the low limb itself, and
// (V + q·p) / 2^64 = (V >> 64) + q·2^32 + q·(2^64 - 2^32 + 1)·2^128 — a shift and
// one 64x64 multiply. Four steps fold the low half into V < 2^256 (V + q·p < 2^320
// for V < 2^256), then V + T_hi < 2p takes one conditional subtraction of p.
// Constant time: no branch, no secret-dependent address.
#include "crypto/ec/internal/p256_adx.h"

#include <immintrin.h>

namespace keel::crypto::ec::detail {

namespace {

using u64 = uint64_t;
using u128 = unsigned __int128;

constexpr u64 kP3 = 0xffffffff00000001;  // top limb of p

// t[0..7] = a·b.
inline void product(u64 t[8], const u64* a, const u64* b) {
    u64 t0, t1, t2, t3, t4, t5, t6, t7, x, y;
    asm("movq 0(%[b]), %%rdx\n\t"
        "mulxq 0(%[a]), %[t0], %[t1]\n\t"
        "mulxq 8(%[a]), %[x], %[t2]\n\t"
        "addq %[x], %[t1]\n\t"
        "mulxq 16(%[a]), %[x], %[t3]\n\t"
        "adcq %[x], %[t2]\n\t"
        "mulxq 24(%[a]), %[x], %[t4]\n\t"
        "adcq %[x], %[t3]\n\t"
        "adcq $0, %[t4]\n\t"
        // row 1: t1..t5 += a·b1
        "movq 8(%[b]), %%rdx\n\t"
        "xorl %k[t5], %k[t5]\n\t"
        "mulxq 0(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t1]\n\t"
        "adoxq %[y], %[t2]\n\t"
        "mulxq 8(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t2]\n\t"
        "adoxq %[y], %[t3]\n\t"
        "mulxq 16(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t3]\n\t"
        "adoxq %[y], %[t4]\n\t"
        "mulxq 24(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t4]\n\t"
        "adoxq %[y], %[t5]\n\t"
        "adcq $0, %[t5]\n\t"
        // row 2: t2..t6 += a·b2
        "movq 16(%[b]), %%rdx\n\t"
        "xorl %k[t6], %k[t6]\n\t"
        "mulxq 0(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t2]\n\t"
        "adoxq %[y], %[t3]\n\t"
        "mulxq 8(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t3]\n\t"
        "adoxq %[y], %[t4]\n\t"
        "mulxq 16(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t4]\n\t"
        "adoxq %[y], %[t5]\n\t"
        "mulxq 24(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t5]\n\t"
        "adoxq %[y], %[t6]\n\t"
        "adcq $0, %[t6]\n\t"
        // row 3: t3..t7 += a·b3
        "movq 24(%[b]), %%rdx\n\t"
        "xorl %k[t7], %k[t7]\n\t"
        "mulxq 0(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t3]\n\t"
        "adoxq %[y], %[t4]\n\t"
        "mulxq 8(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t4]\n\t"
        "adoxq %[y], %[t5]\n\t"
        "mulxq 16(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t5]\n\t"
        "adoxq %[y], %[t6]\n\t"
        "mulxq 24(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t6]\n\t"
        "adoxq %[y], %[t7]\n\t"
        "adcq $0, %[t7]\n\t"
        : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4),
          [t5] "=&r"(t5), [t6] "=&r"(t6), [t7] "=&r"(t7), [x] "=&r"(x), [y] "=&r"(y)
        : [a] "r"(a), [b] "r"(b), "m"(*(const u64(*)[4])a), "m"(*(const u64(*)[4])b)
        : "rdx", "cc");
    t[0] = t0;
    t[1] = t1;
    t[2] = t2;
    t[3] = t3;
    t[4] = t4;
    t[5] = t5;
    t[6] = t6;
    t[7] = t7;
}

// t[0..7] = a^2: the six cross products once, doubled, plus the four squares.
inline void square(u64 t[8], const u64* a) {
    u64 t1, t2, t3, t4, t5, t6, t7, x, y;
    // Cross products a_i·a_j (i < j) into t1..t6.
    asm("movq 0(%[a]), %%rdx\n\t"
        "mulxq 8(%[a]), %[t1], %[t2]\n\t"
        "mulxq 16(%[a]), %[x], %[t3]\n\t"
        "addq %[x], %[t2]\n\t"
        "mulxq 24(%[a]), %[x], %[t4]\n\t"
        "adcq %[x], %[t3]\n\t"
        "adcq $0, %[t4]\n\t"
        "movq 8(%[a]), %%rdx\n\t"
        "xorl %k[t5], %k[t5]\n\t"
        "mulxq 16(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t3]\n\t"
        "adoxq %[y], %[t4]\n\t"
        "mulxq 24(%[a]), %[x], %[y]\n\t"
        "adcxq %[x], %[t4]\n\t"
        "adoxq %[y], %[t5]\n\t"
        "adcq $0, %[t5]\n\t"
        "movq 16(%[a]), %%rdx\n\t"
        "xorl %k[t6], %k[t6]\n\t"
        "mulxq 24(%[a]), %[x], %[t6]\n\t"
        "addq %[x], %[t5]\n\t"
        "adcq $0, %[t6]\n\t"
        : [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4), [t5] "=&r"(t5),
          [t6] "=&r"(t6), [x] "=&r"(x), [y] "=&r"(y)
        : [a] "r"(a), "m"(*(const u64(*)[4])a)
        : "rdx", "cc");
    // Double: t7 takes the bit shifted out of t6.
    t7 = t6 >> 63;
    t6 = (t6 << 1) | (t5 >> 63);
    t5 = (t5 << 1) | (t4 >> 63);
    t4 = (t4 << 1) | (t3 >> 63);
    t3 = (t3 << 1) | (t2 >> 63);
    t2 = (t2 << 1) | (t1 >> 63);
    t1 <<= 1;
    u128 s0 = u128(a[0]) * a[0], s1 = u128(a[1]) * a[1], s2 = u128(a[2]) * a[2],
         s3 = u128(a[3]) * a[3];
    unsigned char c;
    unsigned long long o;
    t[0] = u64(s0);
    c = _addcarry_u64(0, t1, u64(s0 >> 64), &o);
    t[1] = o;
    c = _addcarry_u64(c, t2, u64(s1), &o);
    t[2] = o;
    c = _addcarry_u64(c, t3, u64(s1 >> 64), &o);
    t[3] = o;
    c = _addcarry_u64(c, t4, u64(s2), &o);
    t[4] = o;
    c = _addcarry_u64(c, t5, u64(s2 >> 64), &o);
    t[5] = o;
    c = _addcarry_u64(c, t6, u64(s3), &o);
    t[6] = o;
    _addcarry_u64(c, t7, u64(s3 >> 64), &o);
    t[7] = o;
}

// r = t·2^-256 mod p for t < p^2. Each step takes q = v0 and replaces V by
// (V >> 64) + (q << 32) + (q >> 32)·2^64 + q·kP3·2^128; the register holding q takes
// the new top limb, so the four limbs rotate through the steps.
inline void reduce(u64 r[4], const u64 t[8]) {
    u64 t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3], t4 = t[4], t5 = t[5], t6 = t[6], t7 = t[7], x,
        c;
#define KEEL_P256_STEP(q, v1, v2, v3) \
    "movq %[" q                       \
    "], %%rdx\n\t"                    \
    "mulxq %[p3], %[x], %[" q         \
    "]\n\t"                           \
    "movq %%rdx, %[c]\n\t"            \
    "shlq $32, %[c]\n\t"              \
    "shrq $32, %%rdx\n\t"             \
    "addq %[c], %[" v1                \
    "]\n\t"                           \
    "adcq %%rdx, %[" v2               \
    "]\n\t"                           \
    "adcq %[x], %[" v3                \
    "]\n\t"                           \
    "adcq $0, %[" q "]\n\t"
    asm(KEEL_P256_STEP("t0", "t1", "t2", "t3")  // V = (t1, t2, t3, t0)
        KEEL_P256_STEP("t1", "t2", "t3", "t0")  // V = (t2, t3, t0, t1)
        KEEL_P256_STEP("t2", "t3", "t0", "t1")  // V = (t3, t0, t1, t2)
        KEEL_P256_STEP("t3", "t0", "t1", "t2")  // V = (t0, t1, t2, t3)
        // (c:t0..t3) = V + T_hi < 2p
        "xorl %k[c], %k[c]\n\t"
        "addq %[t4], %[t0]\n\t"
        "adcq %[t5], %[t1]\n\t"
        "adcq %[t6], %[t2]\n\t"
        "adcq %[t7], %[t3]\n\t"
        "adcq $0, %[c]\n\t"
        // t4..t7 = (c:t0..t3) - p; on a borrow the sum was already below p.
        "movq %[t0], %[t4]\n\t"
        "movq %[t1], %[t5]\n\t"
        "movq %[t2], %[t6]\n\t"
        "movq %[t3], %[t7]\n\t"
        "movl $0xffffffff, %k[x]\n\t"
        "subq $-1, %[t4]\n\t"
        "sbbq %[x], %[t5]\n\t"
        "sbbq $0, %[t6]\n\t"
        "sbbq %[p3], %[t7]\n\t"
        "sbbq $0, %[c]\n\t"
        "cmovcq %[t0], %[t4]\n\t"
        "cmovcq %[t1], %[t5]\n\t"
        "cmovcq %[t2], %[t6]\n\t"
        "cmovcq %[t3], %[t7]\n\t"
        : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4),
          [t5] "+&r"(t5), [t6] "+&r"(t6), [t7] "+&r"(t7), [x] "=&r"(x), [c] "=&r"(c)
        : [p3] "rm"(kP3)
        : "rdx", "cc");
#undef KEEL_P256_STEP
    r[0] = t4;
    r[1] = t5;
    r[2] = t6;
    r[3] = t7;
}

// r = t·2^-256 mod m for t < m^2, m < 2^256 - 2^192 odd, m0 = -m^-1 mod 2^64.
// Each step q = v0·m0 and V = (V + q·m) >> 64 (< 2^192 + m: four limbs), with the
// q·m low halves on the ADCX chain and high halves on the ADOX chain; the register
// that held v0 takes the new top limb. Then V + T_hi < 2m, one subtraction of m.
inline void reduce_generic(u64 r[4], const u64 t[8], const u64* m, u64 m0) {
    u64 t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3], t4 = t[4], t5 = t[5], t6 = t[6], t7 = t[7], x,
        y, z;
#define KEEL_MONT4_STEP(v0, v1, v2, v3) \
    "movq %[" v0                        \
    "], %%rdx\n\t"                      \
    "imulq %[m0], %%rdx\n\t"            \
    "xorl %k[z], %k[z]\n\t"             \
    "mulxq 0(%[m]), %[x], %[y]\n\t"     \
    "adcxq %[x], %[" v0                 \
    "]\n\t"                             \
    "adoxq %[y], %[" v1                 \
    "]\n\t"                             \
    "mulxq 8(%[m]), %[x], %[y]\n\t"     \
    "adcxq %[x], %[" v1                 \
    "]\n\t"                             \
    "adoxq %[y], %[" v2                 \
    "]\n\t"                             \
    "mulxq 16(%[m]), %[x], %[y]\n\t"    \
    "adcxq %[x], %[" v2                 \
    "]\n\t"                             \
    "adoxq %[y], %[" v3                 \
    "]\n\t"                             \
    "mulxq 24(%[m]), %[x], %[" v0       \
    "]\n\t"                             \
    "adcxq %[x], %[" v3                 \
    "]\n\t"                             \
    "adcxq %[z], %[" v0                 \
    "]\n\t"                             \
    "adoxq %[z], %[" v0 "]\n\t"
    asm(KEEL_MONT4_STEP("t0", "t1", "t2", "t3")  // V = (t1, t2, t3, t0)
        KEEL_MONT4_STEP("t1", "t2", "t3", "t0")  // V = (t2, t3, t0, t1)
        KEEL_MONT4_STEP("t2", "t3", "t0", "t1")  // V = (t3, t0, t1, t2)
        KEEL_MONT4_STEP("t3", "t0", "t1", "t2")  // V = (t0, t1, t2, t3)
        "xorl %k[z], %k[z]\n\t"
        "addq %[t4], %[t0]\n\t"
        "adcq %[t5], %[t1]\n\t"
        "adcq %[t6], %[t2]\n\t"
        "adcq %[t7], %[t3]\n\t"
        "adcq $0, %[z]\n\t"
        "movq %[t0], %[t4]\n\t"
        "movq %[t1], %[t5]\n\t"
        "movq %[t2], %[t6]\n\t"
        "movq %[t3], %[t7]\n\t"
        "subq 0(%[m]), %[t4]\n\t"
        "sbbq 8(%[m]), %[t5]\n\t"
        "sbbq 16(%[m]), %[t6]\n\t"
        "sbbq 24(%[m]), %[t7]\n\t"
        "sbbq $0, %[z]\n\t"
        "cmovcq %[t0], %[t4]\n\t"
        "cmovcq %[t1], %[t5]\n\t"
        "cmovcq %[t2], %[t6]\n\t"
        "cmovcq %[t3], %[t7]\n\t"
        : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4),
          [t5] "+&r"(t5), [t6] "+&r"(t6), [t7] "+&r"(t7), [x] "=&r"(x), [y] "=&r"(y), [z] "=&r"(z)
        : [m] "r"(m), [m0] "rm"(m0), "m"(*(const u64(*)[4])m)
        : "rdx", "cc");
#undef KEEL_MONT4_STEP
    r[0] = t4;
    r[1] = t5;
    r[2] = t6;
    r[3] = t7;
}

}  // namespace

void p256_mul_adx(uint64_t r[4], const uint64_t a[4], const uint64_t b[4]) {
    u64 t[8];
    product(t, a, b);
    reduce(r, t);
}

void p256_sqr_adx(uint64_t r[4], const uint64_t a[4]) {
    u64 t[8];
    square(t, a);
    reduce(r, t);
}

void mont4_mul_adx(uint64_t r[4], const uint64_t a[4], const uint64_t b[4], const uint64_t m[4],
                   uint64_t m0) {
    u64 t[8];
    product(t, a, b);
    reduce_generic(r, t, m, m0);
}

void mont4_sqr_adx(uint64_t r[4], const uint64_t a[4], const uint64_t m[4], uint64_t m0) {
    u64 t[8];
    square(t, a);
    reduce_generic(r, t, m, m0);
}

}  // namespace keel::crypto::ec::detail
