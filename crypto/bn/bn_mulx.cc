// Montgomery multiplication with BMI2 mulx and ADX adcx/adox (compiled with -mbmi2
// -madx; dispatch calls it only when the CPU has both). Same CIOS schedule and bounds
// as mont_mul_portable: a, b < m, result < m, constant time.
//
// Each row t += x * y is one asm loop: mulx forms the 128-bit products, adcx carries the
// low halves into t[j] on CF while adox carries the previous high half on OF, so the two
// chains run side by side. The loop counter moves with lea and jrcxz, which leave both
// flags alone. Rows of a multiple of four limbs use it; other sizes use the portable code.
#include "base/ct.h"
#include "base/secret.h"
#include "crypto/bn/bn.h"

namespace keel::crypto::bn::detail {

namespace {

// t[0..n] += x[0..n) * y for n a positive multiple of 4; returns the carry out of t[n].
inline Limb mul_add_row4(Limb* t, const Limb* x, Limb y, size_t n) {
    Limb carry;
    size_t count = n / 4;
    asm volatile(
        "xorl %%r10d, %%r10d\n\t"  // previous high half = 0; clears CF and OF
        "1:\n\t"
        "mulx 0(%[x]), %%r8, %%r9\n\t"
        "adcx 0(%[t]), %%r8\n\t"
        "adox %%r10, %%r8\n\t"
        "movq %%r8, 0(%[t])\n\t"
        "mulx 8(%[x]), %%r8, %%r10\n\t"
        "adcx 8(%[t]), %%r8\n\t"
        "adox %%r9, %%r8\n\t"
        "movq %%r8, 8(%[t])\n\t"
        "mulx 16(%[x]), %%r8, %%r9\n\t"
        "adcx 16(%[t]), %%r8\n\t"
        "adox %%r10, %%r8\n\t"
        "movq %%r8, 16(%[t])\n\t"
        "mulx 24(%[x]), %%r8, %%r10\n\t"
        "adcx 24(%[t]), %%r8\n\t"
        "adox %%r9, %%r8\n\t"
        "movq %%r8, 24(%[t])\n\t"
        "leaq 32(%[x]), %[x]\n\t"
        "leaq 32(%[t]), %[t]\n\t"
        "leaq -1(%%rcx), %%rcx\n\t"
        "jrcxz 2f\n\t"
        "jmp 1b\n"
        "2:\n\t"
        // t[n] += last high half + CF + OF; the carries out of that are the result.
        "movl $0, %%r8d\n\t"
        "movq 0(%[t]), %%r9\n\t"
        "adcx %%r10, %%r9\n\t"
        "adox %%r8, %%r9\n\t"
        "movq %%r9, 0(%[t])\n\t"
        "movl $0, %%r9d\n\t"
        "adcx %%r8, %%r9\n\t"
        "adox %%r8, %%r9\n\t"
        "movq %%r9, %[carry]\n\t"
        : [t] "+r"(t), [x] "+r"(x), "+c"(count), [carry] "=r"(carry)
        : "d"(y)
        : "r8", "r9", "r10", "cc", "memory");
    return carry;
}

}  // namespace

void mont_mul_mulx(Limb* r, const Limb* a, const Limb* b, const Limb* m, Limb m0inv, size_t n) {
    if (n % 4 != 0) {
        mont_mul_portable(r, a, b, m, m0inv, n);
        return;
    }
    // t slides up one limb per row instead of being shifted: after the reduction row
    // t[0] is zero and the window moves to t + 1. buf holds every position it reaches.
    Limb buf[2 * kMaxLimbs + 2];
    for (size_t i = 0; i < 2 * n + 2; i++) buf[i] = 0;
    for (size_t i = 0; i < n; i++) {
        Limb* t = buf + i;
        t[n + 1] += mul_add_row4(t, a, b[i], n);
        const Limb u = t[0] * m0inv;
        t[n + 1] += mul_add_row4(t, m, u, n);
    }
    const Limb* t = buf + n;  // n + 1 limbs, below 2m
    Limb d[kMaxLimbs];
    Limb borrow = sub(d, t, m, n);
    Limb keep_t = ct::mask_from_bit(borrow & (1 ^ (t[n] & 1)));
    for (size_t i = 0; i < n; i++) r[i] = (t[i] & keep_t) | (d[i] & ~keep_t);
    secure_wipe(buf, sizeof(Limb) * (2 * n + 2));
    secure_wipe(d, sizeof(Limb) * n);
}

}  // namespace keel::crypto::bn::detail
