// Montgomery exponentiation with AVX-512 IFMA in radix 2^52 (compiled with -mavx512f
// -mavx512ifma; dispatch calls it only when the CPU has both).
//
// Numbers are D digits of 52 bits in 64-bit lanes, 8 lanes per zmm. One almost-
// Montgomery multiplication (AMM) walks the digits of b: acc += a * b_i (low halves),
// u = acc_0 * k0 mod 2^52, acc += m * u (low halves), then acc moves down one digit and
// the high halves of both products are added at their (now shifted) positions. With
// R = 2^(52 D) > 4m, inputs below 2m give an output below 2m, so the exponentiation
// never subtracts; one final subtraction happens in 64-bit form. The x2 variant runs
// two independent exponentiations (the RSA CRT halves) in one loop, so the latency of
// one chain (lane extract, imul, broadcast, madd) hides behind the other.
//
// Constant time: the digit loop, the window loop and the table scans depend only on D
// and the public exponent length; table lookups read every entry under a mask.
// g++ 12 reports the intentionally undefined upper lanes inside its own AVX-512 headers
// (_mm512_undefined_epi32 behind the casts and masked ops) as maybe-uninitialized.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include <immintrin.h>

#include <cstring>
#include <vector>

#include "base/ct.h"
#include "base/secret.h"
#include "crypto/bn/internal/bn_ifma.h"

namespace keel::crypto::bn::detail {

namespace {

constexpr uint64_t kMask52 = (uint64_t{1} << 52) - 1;
constexpr size_t kMaxGroups = kIfmaMaxDigits / 8;

// 64-bit limbs -> 52-bit digits (L lanes, zero-padded).
void to52(uint64_t* out, const Limb* in, size_t n, size_t lanes) {
    for (size_t j = 0; j < lanes; j++) {
        size_t bitpos = 52 * j;
        size_t li = bitpos / 64, sh = bitpos % 64;
        uint64_t v = li < n ? in[li] >> sh : 0;
        if (sh > 12 && li + 1 < n) v |= in[li + 1] << (64 - sh);
        out[j] = v & kMask52;
    }
}

// 52-bit digits (normalized) -> 64-bit limbs.
void from52(Limb* out, const uint64_t* in, size_t n, size_t digits) {
    for (size_t i = 0; i < n; i++) out[i] = 0;
    for (size_t j = 0; j < digits; j++) {
        size_t bitpos = 52 * j;
        size_t li = bitpos / 64, sh = bitpos % 64;
        if (li < n) out[li] |= in[j] << sh;
        if (sh > 12 && li + 1 < n) out[li + 1] |= in[j] >> (64 - sh);
    }
}

struct Amm {
    size_t digits;
    size_t groups;
    __m512i m[kMaxGroups];
    uint64_t k0;
};

// Ripples the carries of acc (lanes may exceed 52 bits) into normalized digits. Two
// vector rounds of "keep 52 bits, add the carry of the lane below" leave every lane at
// most 2^52; the remaining ripple (lanes of exactly 2^52 - 1 passing a carry on) is
// resolved for all lanes at once with one 64-bit addition on lane bitmasks, as in a
// carry-lookahead adder: carry_in = ((generate << 1) + propagate) ^ propagate.
template <size_t G>
inline void normalize(uint64_t* out, const __m512i* acc) {
    if constexpr (G > 8) {
        alignas(64) uint64_t t[kIfmaMaxDigits];
        for (size_t g = 0; g < G; g++) _mm512_store_si512(t + 8 * g, acc[g]);
        uint64_t c = 0;
        for (size_t j = 0; j < 8 * G; j++) {
            uint64_t v = t[j] + c;
            out[j] = v & kMask52;
            c = v >> 52;
        }
    } else {
        const __m512i mask = _mm512_set1_epi64(static_cast<long long>(kMask52));
        const __m512i one = _mm512_set1_epi64(1);
        __m512i a[G];
        for (size_t g = 0; g < G; g++) a[g] = acc[g];
        for (int round = 0; round < 2; round++) {
            __m512i c[G];
            for (size_t g = 0; g < G; g++) {
                c[g] = _mm512_srli_epi64(a[g], 52);
                a[g] = _mm512_and_si512(a[g], mask);
            }
            for (size_t g = 0; g < G; g++) {
                const __m512i below = g ? c[g - 1] : _mm512_setzero_si512();
                a[g] = _mm512_add_epi64(a[g], _mm512_alignr_epi64(c[g], below, 7));
            }
        }
        uint64_t gen = 0, prop = 0;
        for (size_t g = 0; g < G; g++) {
            gen |= static_cast<uint64_t>(_mm512_cmpgt_epu64_mask(a[g], mask)) << (8 * g);
            prop |= static_cast<uint64_t>(_mm512_cmpeq_epu64_mask(a[g], mask)) << (8 * g);
        }
        const uint64_t carry_in = ((gen << 1) + prop) ^ prop;
        for (size_t g = 0; g < G; g++) {
            const __mmask8 k = static_cast<__mmask8>(carry_in >> (8 * g));
            a[g] = _mm512_and_si512(_mm512_mask_add_epi64(a[g], k, a[g], one), mask);
            _mm512_storeu_si512(out + 8 * g, a[g]);
        }
    }
}

// One digit step of an AMM for one stream: acc = (acc + a b_i + m u) / 2^52, u chosen so
// the division is exact. The products with b_i do not depend on u, so they are formed
// off the critical path and joined with plain additions; u itself is computed in the
// vector unit (broadcast lane 0, madd52lo with k0: vpmadd52 reads only the low 52 bits,
// so no masking). The dependency chain per step is then add, broadcast, two madds,
// align, add -- about 17 cycles instead of 31.
template <size_t G>
inline void amm_step(__m512i* acc, const __m512i* av, const __m512i* mv, __m512i k0v,
                     uint64_t bi_scalar) {
    const __m512i zero = _mm512_setzero_si512();
    const __m512i bi = _mm512_set1_epi64(static_cast<long long>(bi_scalar));
    __m512i th[G];
    for (size_t g = 0; g < G; g++) {
        th[g] = _mm512_madd52hi_epu64(zero, av[g], bi);
        acc[g] = _mm512_add_epi64(acc[g], _mm512_madd52lo_epu64(zero, av[g], bi));
    }
    const __m512i x0 = _mm512_broadcastq_epi64(_mm512_castsi512_si128(acc[0]));
    const __m512i u = _mm512_madd52lo_epu64(zero, x0, k0v);
    for (size_t g = 0; g < G; g++) {
        acc[g] = _mm512_madd52lo_epu64(acc[g], mv[g], u);
        th[g] = _mm512_madd52hi_epu64(th[g], mv[g], u);
    }
    // Lane 0 is now 0 mod 2^52; its carry moves into the next digit with the shift.
    const __m512i carry = _mm512_maskz_srli_epi64(1, acc[0], 52);
    for (size_t g = 0; g + 1 < G; g++) acc[g] = _mm512_alignr_epi64(acc[g + 1], acc[g], 1);
    acc[G - 1] = _mm512_alignr_epi64(zero, acc[G - 1], 1);
    acc[0] = _mm512_add_epi64(acc[0], carry);
    for (size_t g = 0; g < G; g++) acc[g] = _mm512_add_epi64(acc[g], th[g]);
}

// r = a * b * 2^(-52 D) mod m, a and b normalized below 2m; r normalized below 2m.
// r may alias a or b. G (zmm groups) is a template parameter so the accumulators
// live in registers.
template <size_t G>
inline void amm(uint64_t* r, const uint64_t* a, const uint64_t* b, const Amm& ctx) {
    __m512i acc[G], av[G], mv[G];
    for (size_t g = 0; g < G; g++) {
        acc[g] = _mm512_setzero_si512();
        av[g] = _mm512_loadu_si512(a + 8 * g);
        mv[g] = ctx.m[g];
    }
    const __m512i k0v = _mm512_set1_epi64(static_cast<long long>(ctx.k0));
    for (size_t i = 0; i < ctx.digits; i++) amm_step<G>(acc, av, mv, k0v, b[i]);
    normalize<G>(r, acc);
}

// Two independent AMMs in one loop, so each chain's latency hides behind the other's.
template <size_t G>
inline void amm_x2(uint64_t* r1, const uint64_t* a1, const uint64_t* b1, const Amm& c1,
                   uint64_t* r2, const uint64_t* a2, const uint64_t* b2, const Amm& c2) {
    __m512i acc1[G], av1[G], mv1[G], acc2[G], av2[G], mv2[G];
    for (size_t g = 0; g < G; g++) {
        acc1[g] = _mm512_setzero_si512();
        acc2[g] = _mm512_setzero_si512();
        av1[g] = _mm512_loadu_si512(a1 + 8 * g);
        av2[g] = _mm512_loadu_si512(a2 + 8 * g);
        mv1[g] = c1.m[g];
        mv2[g] = c2.m[g];
    }
    const __m512i k1 = _mm512_set1_epi64(static_cast<long long>(c1.k0));
    const __m512i k2 = _mm512_set1_epi64(static_cast<long long>(c2.k0));
    for (size_t i = 0; i < c1.digits; i++) {
        amm_step<G>(acc1, av1, mv1, k1, b1[i]);
        amm_step<G>(acc2, av2, mv2, k2, b2[i]);
    }
    normalize<G>(r1, acc1);
    normalize<G>(r2, acc2);
}

Amm make_ctx(const IfmaModulus& im) {
    Amm c;
    c.digits = im.digits;
    c.groups = (im.digits + 7) / 8;
    for (size_t g = 0; g < c.groups; g++) c.m[g] = _mm512_loadu_si512(im.m52 + 8 * g);
    c.k0 = im.k0;
    return c;
}

// One exponentiation's state: table of 2^w entries in radix-52 Montgomery form.
struct ExpState {
    size_t lanes;
    size_t w;
    size_t entries;
    uint64_t* table;  // entries * lanes
    alignas(64) uint64_t acc[kIfmaMaxDigits];
    alignas(64) uint64_t sel[kIfmaMaxDigits];
};

size_t window_for(size_t e_bits) {
    return e_bits > 512 ? 5 : e_bits > 128 ? 4 : e_bits > 32 ? 3 : 1;
}

Limb window_bits(const Limb* e, size_t e_limbs, size_t pos, size_t w) {
    Limb v = 0;
    for (size_t k = 0; k < w; k++) {
        size_t i = pos + k;
        if (i / 64 < e_limbs) v |= ((e[i / 64] >> (i % 64)) & 1) << k;
    }
    return v;
}

// sel = table[idx], reading every entry (masks from ct::eq, whole zmm at a time).
template <size_t G>
void lookup(ExpState& s, Limb idx) {
    const size_t lanes = s.lanes;
    __m512i sel[G];
    for (size_t g = 0; g < G; g++) sel[g] = _mm512_setzero_si512();
    for (size_t k = 0; k < s.entries; k++) {
        const __m512i mask = _mm512_set1_epi64(
            static_cast<long long>(ct::eq<uint64_t>(static_cast<uint64_t>(k), idx)));
        for (size_t g = 0; g < G; g++) {
            __m512i v = _mm512_loadu_si512(s.table + k * lanes + 8 * g);
            sel[g] = _mm512_or_si512(sel[g], _mm512_and_si512(v, mask));
        }
    }
    for (size_t g = 0; g < G; g++) _mm512_storeu_si512(s.sel + 8 * g, sel[g]);
}

// Fills the table from the base a (64-bit limbs, < m): T[0] = R, T[k] = a^k R.
template <size_t G>
void build_table(ExpState& s, const Limb* a, size_t n, const IfmaModulus& im, const Amm& c) {
    const size_t lanes = s.lanes;
    alignas(64) uint64_t a52[kIfmaMaxDigits] = {}, one52[kIfmaMaxDigits] = {};
    to52(a52, a, n, lanes);
    one52[0] = 1;
    amm<G>(s.table, one52, im.rr52, c);  // R mod m (< 2m)
    if (s.entries > 1) amm<G>(s.table + lanes, a52, im.rr52, c);
    for (size_t k = 2; k < s.entries; k++) {
        amm<G>(s.table + k * lanes, s.table + (k - 1) * lanes, s.table + lanes, c);
    }
    secure_wipe(a52, sizeof a52);
}

// Leaves the Montgomery domain and reduces below m: r = acc * R^-1 (< 2m), then one
// masked subtraction in 64-bit limbs.
template <size_t G>
void finish(Limb* r, ExpState& s, const Limb* m, size_t n, const Amm& c) {
    alignas(64) uint64_t one52[kIfmaMaxDigits] = {};
    one52[0] = 1;
    amm<G>(s.acc, s.acc, one52, c);
    Limb t[kMaxLimbs + 1], d[kMaxLimbs + 1];
    from52(t, s.acc, n + 1, c.digits);
    Limb mm[kMaxLimbs + 1];
    for (size_t i = 0; i < n; i++) mm[i] = m[i];
    mm[n] = 0;
    Limb borrow = sub(d, t, mm, n + 1);
    cmov(t, d, n + 1, ct::mask_from_bit(borrow ^ 1));
    for (size_t i = 0; i < n; i++) r[i] = t[i];
    secure_wipe(t, sizeof t);
    secure_wipe(d, sizeof d);
}

template <size_t G>
void exp_g(Limb* r, const Limb* a, const Limb* e, size_t e_bits, const IfmaModulus& im,
           const Limb* m, size_t n) {
    const Amm c = make_ctx(im);
    ExpState s;
    s.lanes = 8 * c.groups;
    s.w = window_for(e_bits);
    s.entries = size_t{1} << s.w;
    // 32 entries of up to 160 lanes: 40 KiB, on the heap for the larger sizes.
    std::vector<uint64_t> table(s.entries * s.lanes);
    s.table = table.data();
    build_table<G>(s, a, n, im, c);
    const size_t e_limbs = (e_bits + 63) / 64;
    const size_t windows = e_bits == 0 ? 0 : (e_bits + s.w - 1) / s.w;
    std::memcpy(s.acc, s.table, s.lanes * 8);
    for (size_t win = windows; win-- > 0;) {
        if (win + 1 != windows) {
            for (size_t k = 0; k < s.w; k++) amm<G>(s.acc, s.acc, s.acc, c);
        }
        lookup<G>(s, window_bits(e, e_limbs, win * s.w, s.w));
        amm<G>(s.acc, s.acc, s.sel, c);
    }
    finish<G>(r, s, m, n, c);
    secure_wipe(table.data(), table.size() * 8);
    secure_wipe(s.acc, sizeof s.acc);
    secure_wipe(s.sel, sizeof s.sel);
}

template <size_t G>
void exp_vartime_g(Limb* r, const Limb* a, const Limb* e, size_t e_limbs, const IfmaModulus& im,
                   const Limb* m, size_t n) {
    // Left-to-right square-and-multiply; only the public exponent's bits branch.
    const Amm c = make_ctx(im);
    ExpState s;
    s.lanes = 8 * c.groups;
    s.w = 1;
    s.entries = 2;
    alignas(64) uint64_t table[2 * kIfmaMaxDigits];
    s.table = table;
    build_table<G>(s, a, n, im, c);
    std::memcpy(s.acc, s.table, s.lanes * 8);
    size_t top = e_limbs * 64;
    while (top > 0 && ((e[(top - 1) / 64] >> ((top - 1) % 64)) & 1) == 0) top--;
    for (size_t i = top; i-- > 0;) {
        amm<G>(s.acc, s.acc, s.acc, c);
        if ((e[i / 64] >> (i % 64)) & 1) amm<G>(s.acc, s.acc, s.table + s.lanes, c);
    }
    finish<G>(r, s, m, n, c);
    secure_wipe(table, sizeof table);
    secure_wipe(s.acc, sizeof s.acc);
}

template <size_t G>
void exp_x2_g(Limb* r1, const Limb* a1, const Limb* e1, const IfmaModulus& im1, const Limb* m1,
              Limb* r2, const Limb* a2, const Limb* e2, const IfmaModulus& im2, const Limb* m2,
              size_t n, size_t e_bits) {
    const Amm c1 = make_ctx(im1), c2 = make_ctx(im2);
    ExpState s1, s2;
    s1.lanes = s2.lanes = 8 * c1.groups;
    s1.w = s2.w = window_for(e_bits);
    s1.entries = s2.entries = size_t{1} << s1.w;
    std::vector<uint64_t> t1(s1.entries * s1.lanes), t2(s2.entries * s2.lanes);
    s1.table = t1.data();
    s2.table = t2.data();
    build_table<G>(s1, a1, n, im1, c1);
    build_table<G>(s2, a2, n, im2, c2);
    const size_t e_limbs = (e_bits + 63) / 64;
    const size_t windows = e_bits == 0 ? 0 : (e_bits + s1.w - 1) / s1.w;
    std::memcpy(s1.acc, s1.table, s1.lanes * 8);
    std::memcpy(s2.acc, s2.table, s2.lanes * 8);
    for (size_t win = windows; win-- > 0;) {
        if (win + 1 != windows) {
            for (size_t k = 0; k < s1.w; k++)
                amm_x2<G>(s1.acc, s1.acc, s1.acc, c1, s2.acc, s2.acc, s2.acc, c2);
        }
        lookup<G>(s1, window_bits(e1, e_limbs, win * s1.w, s1.w));
        lookup<G>(s2, window_bits(e2, e_limbs, win * s2.w, s2.w));
        amm_x2<G>(s1.acc, s1.acc, s1.sel, c1, s2.acc, s2.acc, s2.sel, c2);
    }
    finish<G>(r1, s1, m1, n, c1);
    finish<G>(r2, s2, m2, n, c2);
    secure_wipe(t1.data(), t1.size() * 8);
    secure_wipe(t2.data(), t2.size() * 8);
    secure_wipe(s1.acc, sizeof s1.acc);
    secure_wipe(s2.acc, sizeof s2.acc);
}

}  // namespace

// Entry points: pick the instantiation for the group count (1..20 zmm per number).
#define KEEL_IFMA_DISPATCH(groups, call) \
    switch (groups) {                    \
        case 1:                          \
            call(1);                     \
            break;                       \
        case 2:                          \
            call(2);                     \
            break;                       \
        case 3:                          \
            call(3);                     \
            break;                       \
        case 4:                          \
            call(4);                     \
            break;                       \
        case 5:                          \
            call(5);                     \
            break;                       \
        case 6:                          \
            call(6);                     \
            break;                       \
        case 7:                          \
            call(7);                     \
            break;                       \
        case 8:                          \
            call(8);                     \
            break;                       \
        case 9:                          \
            call(9);                     \
            break;                       \
        case 10:                         \
            call(10);                    \
            break;                       \
        case 11:                         \
            call(11);                    \
            break;                       \
        case 12:                         \
            call(12);                    \
            break;                       \
        case 13:                         \
            call(13);                    \
            break;                       \
        case 14:                         \
            call(14);                    \
            break;                       \
        case 15:                         \
            call(15);                    \
            break;                       \
        case 16:                         \
            call(16);                    \
            break;                       \
        case 17:                         \
            call(17);                    \
            break;                       \
        case 18:                         \
            call(18);                    \
            break;                       \
        case 19:                         \
            call(19);                    \
            break;                       \
        default:                         \
            call(20);                    \
            break;                       \
    }

void ifma_split(uint64_t* out, const Limb* in, size_t n, size_t lanes) {
    to52(out, in, n, lanes);
}

void ifma_exp(Limb* r, const Limb* a, const Limb* e, size_t e_bits, const IfmaModulus& im,
              const Limb* m, size_t n) {
#define KEEL_CALL(g) exp_g<g>(r, a, e, e_bits, im, m, n)
    KEEL_IFMA_DISPATCH((im.digits + 7) / 8, KEEL_CALL)
#undef KEEL_CALL
}

void ifma_exp_vartime(Limb* r, const Limb* a, const Limb* e, size_t e_limbs, const IfmaModulus& im,
                      const Limb* m, size_t n) {
#define KEEL_CALL(g) exp_vartime_g<g>(r, a, e, e_limbs, im, m, n)
    KEEL_IFMA_DISPATCH((im.digits + 7) / 8, KEEL_CALL)
#undef KEEL_CALL
}

void ifma_exp_x2(Limb* r1, const Limb* a1, const Limb* e1, const IfmaModulus& im1, const Limb* m1,
                 Limb* r2, const Limb* a2, const Limb* e2, const IfmaModulus& im2, const Limb* m2,
                 size_t n, size_t e_bits) {
#define KEEL_CALL(g) exp_x2_g<g>(r1, a1, e1, im1, m1, r2, a2, e2, im2, m2, n, e_bits)
    KEEL_IFMA_DISPATCH((im1.digits + 7) / 8, KEEL_CALL)
#undef KEEL_CALL
}

}  // namespace keel::crypto::bn::detail
