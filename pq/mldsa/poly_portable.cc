// Portable backend of the ML-DSA polynomial interface (internal/poly.h). Every
// function is branch-free and index-free in coefficient values except rej_uniform and
// use_hint, which only see public data.
#include <array>

#include "pq/mldsa/internal/poly.h"
#include "pq/mldsa/internal/zetas.h"

namespace keel::pq::detail {
namespace {

// Every layer adds at most q to the bound (|zeta * a| reduces to < q): |a| < q in,
// < 9q out after 8 layers. The products stay below 2^31 q for montgomery_reduce.
void ntt(int32_t* a) {
    unsigned k = 0;
    for (unsigned len = 128; len > 0; len >>= 1) {
        for (unsigned start = 0; start < kN; start += 2 * len) {
            const int64_t zeta = kZetaTable[++k];
            for (unsigned j = start; j < start + len; j++) {
                int32_t t = montgomery_reduce(zeta * a[j + len]);
                a[j + len] = a[j] - t;
                a[j] = a[j] + t;
            }
        }
    }
}

// Gentleman-Sande butterflies: the sums double the bound per layer, so after 8 layers
// |a| < 256 q < 2^31 (no overflow); the differences are reduced to < q at once.
void invntt_tomont(int32_t* a) {
    unsigned k = 256;
    for (unsigned len = 1; len < kN; len <<= 1) {
        for (unsigned start = 0; start < kN; start += 2 * len) {
            const int64_t zeta = -kZetaTable[--k];
            for (unsigned j = start; j < start + len; j++) {
                int32_t t = a[j];
                a[j] = t + a[j + len];
                a[j + len] = montgomery_reduce(zeta * (t - a[j + len]));
            }
        }
    }
    for (unsigned j = 0; j < kN; j++) a[j] = montgomery_reduce(int64_t{kInvNttF} * a[j]);
}

void pointwise(int32_t* c, const int32_t* a, const int32_t* b) {
    for (int i = 0; i < kN; i++) c[i] = montgomery_reduce(int64_t{a[i]} * b[i]);
}

void pointwise_acc(int32_t* c, const Poly* a, const Poly* b, int n) {
    for (int i = 0; i < kN; i++) {
        int32_t s = 0;
        for (int j = 0; j < n; j++) s += montgomery_reduce(int64_t{a[j].c[i]} * b[j].c[i]);
        c[i] = s;
    }
}

// a - round(a / 2^23) * q; q = 2^23 - 2^13 + 1 makes the error small (bounds above).
void reduce32(int32_t* a) {
    for (int i = 0; i < kN; i++) {
        int32_t t = (a[i] + (1 << 22)) >> 23;
        a[i] -= t * kQ;
    }
}

void caddq(int32_t* a) {
    for (int i = 0; i < kN; i++) a[i] += (a[i] >> 31) & kQ;
}

void power2round(int32_t* a1, int32_t* a0, const int32_t* a) {
    for (int i = 0; i < kN; i++) {
        int32_t hi = (a[i] + (1 << (kD - 1)) - 1) >> kD;
        a1[i] = hi;
        a0[i] = a[i] - (hi << kD);
    }
}

// High part by multiply-shift instead of division (no data-dependent divide latency):
// ceil(a / 128) then a fixed-point approximation of / (2 gamma2 / 128) that is exact on
// [0, q). The wrap of (q-1)/(2 gamma2) to 0 is FIPS 204 Alg 36 steps 3-5.
inline void decompose1(int32_t a, int32_t gamma2, int32_t* hi, int32_t* lo) {
    int32_t a1 = (a + 127) >> 7;
    if (gamma2 == (kQ - 1) / 32) {  // public parameter
        a1 = (a1 * 1025 + (1 << 21)) >> 22;
        a1 &= 15;
    } else {
        a1 = (a1 * 11275 + (1 << 23)) >> 24;
        a1 ^= ((43 - a1) >> 31) & a1;  // 44 -> 0
    }
    int32_t a0 = a - a1 * 2 * gamma2;
    a0 -= (((kQ - 1) / 2 - a0) >> 31) & kQ;  // the wrapped case: a0 - q
    *hi = a1;
    *lo = a0;
}

void decompose(int32_t* a1, int32_t* a0, const int32_t* a, int32_t gamma2) {
    for (int i = 0; i < kN; i++) decompose1(a[i], gamma2, &a1[i], &a0[i]);
}

uint32_t make_hint(int32_t* h, const int32_t* a0, const int32_t* a1, int32_t gamma2) {
    uint32_t count = 0;
    for (int i = 0; i < kN; i++) {
        uint32_t above = static_cast<uint32_t>(gamma2 - a0[i]) >> 31;
        uint32_t below = static_cast<uint32_t>(a0[i] + gamma2) >> 31;
        uint32_t d = static_cast<uint32_t>(a0[i] + gamma2);  // 0 iff a0 = -gamma2
        uint32_t at_edge = ((d | (0u - d)) >> 31) ^ 1u;
        uint32_t a1nz = (static_cast<uint32_t>(a1[i]) | (0u - static_cast<uint32_t>(a1[i]))) >> 31;
        uint32_t bit = above | below | (at_edge & a1nz);
        h[i] = static_cast<int32_t>(bit);
        count += bit;
    }
    return count;
}

void use_hint(int32_t* out, const int32_t* a, const int32_t* h, int32_t gamma2) {
    const int32_t m = (kQ - 1) / (2 * gamma2);
    for (int i = 0; i < kN; i++) {
        int32_t a1, a0;
        decompose1(a[i], gamma2, &a1, &a0);
        if (h[i] == 0) {
            out[i] = a1;
        } else if (a0 > 0) {
            out[i] = a1 + 1 == m ? 0 : a1 + 1;
        } else {
            out[i] = a1 == 0 ? m - 1 : a1 - 1;
        }
    }
}

// |a| via the sign mask, then the borrow of (bound - 1 - |a|) collects "too large".
// Every coefficient is looked at, so only the combined bit depends on the data.
uint32_t norm_exceeds(const int32_t* a, int32_t bound) {
    uint32_t any = 0;
    for (int i = 0; i < kN; i++) {
        int32_t s = a[i] >> 31;
        int32_t abs = a[i] - (s & (2 * a[i]));
        any |= static_cast<uint32_t>(bound - 1 - abs) >> 31;
    }
    return 0u - any;
}

unsigned rej_uniform(int32_t* out, unsigned n, const uint8_t* buf, size_t buflen) {
    unsigned ctr = 0;
    for (size_t pos = 0; ctr < n && pos + 3 <= buflen; pos += 3) {
        uint32_t t =
            buf[pos] | (uint32_t{buf[pos + 1]} << 8) | ((uint32_t{buf[pos + 2]} & 0x7f) << 16);
        if (t < static_cast<uint32_t>(kQ)) out[ctr++] = static_cast<int32_t>(t);
    }
    return ctr;
}

const PolyBackend kPortable = {
    "portable",  ntt,       invntt_tomont, pointwise, pointwise_acc, reduce32,    caddq,
    power2round, decompose, make_hint,     use_hint,  norm_exceeds,  rej_uniform,
};

}  // namespace

const int32_t* zetas() {
    return kZetaTable.data();
}

const PolyBackend& poly_portable() {
    return kPortable;
}

}  // namespace keel::pq::detail
