// Constant-time arithmetic modulo a group order, on 64-bit limbs (little-endian limb
// order), by Barrett reduction (HAC Algorithm 14.42 with b = 2^64). Used for the
// Ed25519 and Ed448 scalars (RFC 8032 §5.1.6, §5.2.6), which hold secrets: every loop
// runs a fixed number of times and the final corrections are masked, never branched.
#pragma once

#include <cstddef>
#include <cstdint>

namespace keel::crypto::detail::barrett {

using u128 = unsigned __int128;

// out[na + nb] = a[na] * b[nb], schoolbook.
template <size_t NA, size_t NB>
inline void mul(uint64_t out[NA + NB], const uint64_t a[NA], const uint64_t b[NB]) {
    for (size_t i = 0; i < NA + NB; i++) out[i] = 0;
    for (size_t i = 0; i < NA; i++) {
        uint64_t carry = 0;
        for (size_t j = 0; j < NB; j++) {
            u128 t = static_cast<u128>(a[i]) * b[j] + out[i + j] + carry;
            out[i + j] = static_cast<uint64_t>(t);
            carry = static_cast<uint64_t>(t >> 64);
        }
        out[i + NB] = carry;
    }
}

// r = r - m when r >= m, for N-limb values; constant-time (masked).
template <size_t N>
inline void cond_sub(uint64_t r[N], const uint64_t m[N]) {
    uint64_t t[N];
    uint64_t borrow = 0;
    for (size_t i = 0; i < N; i++) {
        u128 d = static_cast<u128>(r[i]) - m[i] - borrow;
        t[i] = static_cast<uint64_t>(d);
        borrow = static_cast<uint64_t>(d >> 64) & 1;
    }
    // borrow = 1 means r < m: keep r.
    uint64_t keep = 0 - borrow;
    for (size_t i = 0; i < N; i++) r[i] = (r[i] & keep) | (t[i] & ~keep);
}

// out = x mod m, where m has K limbs with a nonzero top limb, x < 2^(128 K), and
// mu = floor(2^(128 K) / m) has K + 1 limbs. Output < m.
template <size_t K>
inline void reduce(uint64_t out[K], const uint64_t x[2 * K], const uint64_t m[K],
                   const uint64_t mu[K + 1]) {
    // q1 = floor(x / b^(K-1)); q3 = floor(q1 * mu / b^(K+1)).
    uint64_t q2[2 * K + 2];
    mul<K + 1, K + 1>(q2, x + (K - 1), mu);
    const uint64_t* q3 = q2 + (K + 1);
    // r = (x mod b^(K+1)) - (q3 * m mod b^(K+1)), mod b^(K+1).
    uint64_t qm[2 * K + 1];
    mul<K + 1, K>(qm, q3, m);
    uint64_t r[K + 1];
    uint64_t borrow = 0;
    for (size_t i = 0; i < K + 1; i++) {
        u128 d = static_cast<u128>(x[i]) - qm[i] - borrow;
        r[i] = static_cast<uint64_t>(d);
        borrow = static_cast<uint64_t>(d >> 64) & 1;
    }
    // HAC 14.44: 0 <= r < 3m, so at most two subtractions.
    uint64_t mm[K + 1];
    for (size_t i = 0; i < K; i++) mm[i] = m[i];
    mm[K] = 0;
    cond_sub<K + 1>(r, mm);
    cond_sub<K + 1>(r, mm);
    for (size_t i = 0; i < K; i++) out[i] = r[i];
}

// Little-endian bytes <-> limbs. n bytes fill ceil(n/8) limbs; the rest are zeroed.
inline void load_le(uint64_t* out, size_t limbs, const uint8_t* in, size_t n) {
    for (size_t i = 0; i < limbs; i++) out[i] = 0;
    for (size_t i = 0; i < n; i++) out[i / 8] |= static_cast<uint64_t>(in[i]) << (8 * (i % 8));
}
inline void store_le(uint8_t* out, size_t n, const uint64_t* in) {
    for (size_t i = 0; i < n; i++) out[i] = static_cast<uint8_t>(in[i / 8] >> (8 * (i % 8)));
}

}  // namespace keel::crypto::detail::barrett
