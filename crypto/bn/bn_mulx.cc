// Montgomery multiplication with BMI2 mulx and ADX adcx/adox (compiled with -mbmi2
// -madx; dispatch calls it only when the CPU has both). Same CIOS schedule and bounds
// as mont_mul_portable: a, b < m, result < m, constant time.
#include <immintrin.h>

#include "base/ct.h"
#include "base/secret.h"
#include "crypto/bn/bn.h"

namespace keel::crypto::bn::detail {

namespace {

using ull = unsigned long long;

// t[0..n] += a[0..n) * b, returns the carry limb out of t[n].
inline Limb mul_add_row(Limb* t, const Limb* a, Limb b, size_t n) {
    // Two carry chains: adcx accumulates the low halves into t, adox the high halves
    // into the next position, so both run without waiting for each other.
    unsigned char cx = 0, co = 0;
    ull hi_prev = 0;
    for (size_t j = 0; j < n; j++) {
        ull hi;
        ull lo = _mulx_u64(a[j], b, &hi);
        ull tj;
        cx = _addcarryx_u64(cx, t[j], lo, &tj);
        co = _addcarryx_u64(co, tj, hi_prev, &tj);
        t[j] = tj;
        hi_prev = hi;
    }
    ull tn;
    cx = _addcarryx_u64(cx, t[n], hi_prev, &tn);
    unsigned char c2 = _addcarryx_u64(co, tn, 0, &tn);
    t[n] = tn;
    return static_cast<Limb>(cx) + c2;
}

}  // namespace

void mont_mul_mulx(Limb* r, const Limb* a, const Limb* b, const Limb* m, Limb m0inv, size_t n) {
    Limb t[kMaxLimbs + 2];
    for (size_t i = 0; i < n + 2; i++) t[i] = 0;
    for (size_t i = 0; i < n; i++) {
        t[n + 1] += mul_add_row(t, a, b[i], n);
        Limb u = t[0] * m0inv;
        t[n + 1] += mul_add_row(t, m, u, n);
        // t[0] is now zero: shift down one limb.
        for (size_t j = 0; j <= n; j++) t[j] = t[j + 1];
        t[n + 1] = 0;
    }
    Limb d[kMaxLimbs];
    Limb borrow = sub(d, t, m, n);
    Limb keep_t = ct::mask_from_bit(borrow & (1 ^ (t[n] & 1)));
    for (size_t i = 0; i < n; i++) r[i] = (t[i] & keep_t) | (d[i] & ~keep_t);
    secure_wipe(t, sizeof(Limb) * (n + 2));
    secure_wipe(d, sizeof(Limb) * n);
}

}  // namespace keel::crypto::bn::detail
