// FIPS 204 §7.3 sampling over batched SHAKE.
#include "pq/mldsa/internal/sample.h"

#include <array>
#include <cstring>

#include "base/ct.h"
#include "base/secret.h"
#include "crypto/sha3/sha3.h"
#include "crypto/sha3/shake_batch.h"
#include "pq/mldsa/internal/packing.h"

namespace keel::pq::detail {
namespace {

using crypto::Shake128x4;
using crypto::Shake256;
using crypto::Shake256x4;

// 5 SHAKE128 blocks hold 280 candidates: enough for 256 acceptances (probability
// q / 2^23 each) except with probability below 2^-20; more blocks follow if needed.
constexpr size_t kABlocks = 5;

// RejBoundedPoly's candidate -> coefficient map (Alg 15 CoeffFromHalfByte) for an
// accepted candidate t (t < 15 for eta = 2, t < 9 for eta = 4): eta - (t mod (2 eta + 1)).
// t mod 5 by multiply-shift, exact for t < 15 (no variable-time division).
inline int32_t eta_coeff(uint32_t t, int eta) {
    if (eta == 2) return 2 - static_cast<int32_t>(t - 5 * ((205 * t) >> 10));
    return 4 - static_cast<int32_t>(t);
}

// Appends accepted coefficients from buf; returns the new count. The accept bit of each
// candidate is declassified (see sample.h); the stored value is not.
unsigned rej_eta(int32_t* out, unsigned ctr, const uint8_t* buf, size_t len, int eta) {
    const uint32_t limit = eta == 2 ? 15 : 9;
    for (size_t i = 0; i < len && ctr < kN; i++) {
        const uint32_t t0 = buf[i] & 15u, t1 = buf[i] >> 4;
        // Declassified: whether this candidate is rejected (independent of accepted values).
        if (ct::declassify(static_cast<uint32_t>(t0 < limit))) out[ctr++] = eta_coeff(t0, eta);
        if (ctr < kN && ct::declassify(static_cast<uint32_t>(t1 < limit))) {
            out[ctr++] = eta_coeff(t1, eta);
        }
    }
    return ctr;
}

}  // namespace

void expand_a(Poly* a_hat, const uint8_t rho[kSeedBytes], const Params& p, const PolyBackend& be) {
    const int total = p.k * p.l;
    std::array<std::array<uint8_t, kSeedBytes + 2>, 4> seeds;
    alignas(32) uint8_t buf[4][kABlocks * 168];
    Shake128x4 x;
    for (int base = 0; base < total; base += 4) {
        int idx[4];
        for (int j = 0; j < 4; j++) {
            // Lanes past the end repeat the last entry; their output is discarded.
            idx[j] = base + j < total ? base + j : total - 1;
            std::memcpy(seeds[j].data(), rho, kSeedBytes);
            seeds[j][kSeedBytes] = static_cast<uint8_t>(idx[j] % p.l);      // s: column
            seeds[j][kSeedBytes + 1] = static_cast<uint8_t>(idx[j] / p.l);  // r: row
        }
        (void)x.absorb(
            {ByteView(seeds[0]), ByteView(seeds[1]), ByteView(seeds[2]), ByteView(seeds[3])});
        (void)x.squeeze({MutableByteView(buf[0]), MutableByteView(buf[1]), MutableByteView(buf[2]),
                         MutableByteView(buf[3])});
        // A scratch polynomial absorbs the output of padding lanes.
        Poly scratch;
        unsigned ctr[4];
        int32_t* dst[4];
        for (int j = 0; j < 4; j++) {
            dst[j] = base + j < total ? a_hat[base + j].c : scratch.c;
            ctr[j] = be.rej_uniform(dst[j], kN, buf[j], sizeof buf[j]);
        }
        while (ctr[0] < kN || ctr[1] < kN || ctr[2] < kN || ctr[3] < kN) {
            (void)x.squeeze({MutableByteView(buf[0], 168), MutableByteView(buf[1], 168),
                             MutableByteView(buf[2], 168), MutableByteView(buf[3], 168)});
            for (int j = 0; j < 4; j++) {
                ctr[j] += be.rej_uniform(dst[j] + ctr[j], kN - ctr[j], buf[j], 168);
            }
        }
    }
}

void expand_s(Poly* s1, Poly* s2, const uint8_t rho_prime[kRhoPrimeBytes], const Params& p) {
    const int total = p.k + p.l;
    std::array<std::array<uint8_t, kRhoPrimeBytes + 2>, 4> seeds;
    alignas(32) uint8_t buf[4][2 * 136];
    Shake256x4 x;
    for (int base = 0; base < total; base += 4) {
        Poly scratch;
        int32_t* dst[4];
        for (int j = 0; j < 4; j++) {
            const int r = base + j < total ? base + j : total - 1;
            std::memcpy(seeds[j].data(), rho_prime, kRhoPrimeBytes);
            seeds[j][kRhoPrimeBytes] = static_cast<uint8_t>(r);
            seeds[j][kRhoPrimeBytes + 1] = static_cast<uint8_t>(r >> 8);
            if (base + j >= total) {
                dst[j] = scratch.c;
            } else {
                dst[j] = r < p.l ? s1[r].c : s2[r - p.l].c;
            }
        }
        (void)x.absorb(
            {ByteView(seeds[0]), ByteView(seeds[1]), ByteView(seeds[2]), ByteView(seeds[3])});
        (void)x.squeeze({MutableByteView(buf[0]), MutableByteView(buf[1]), MutableByteView(buf[2]),
                         MutableByteView(buf[3])});
        unsigned ctr[4];
        for (int j = 0; j < 4; j++) ctr[j] = rej_eta(dst[j], 0, buf[j], sizeof buf[j], p.eta);
        while (ctr[0] < kN || ctr[1] < kN || ctr[2] < kN || ctr[3] < kN) {
            (void)x.squeeze({MutableByteView(buf[0], 136), MutableByteView(buf[1], 136),
                             MutableByteView(buf[2], 136), MutableByteView(buf[3], 136)});
            for (int j = 0; j < 4; j++) ctr[j] = rej_eta(dst[j], ctr[j], buf[j], 136, p.eta);
        }
        secure_wipe(scratch.c, sizeof scratch.c);
    }
    secure_wipe(buf, sizeof buf);
    secure_wipe(seeds.data(), sizeof seeds);
}

void expand_mask(Poly* y, const uint8_t rho_pp[kRhoPrimeBytes], uint16_t kappa, const Params& p) {
    std::array<std::array<uint8_t, kRhoPrimeBytes + 2>, 4> seeds;
    alignas(32) uint8_t buf[4][5 * 136];  // >= 640 bytes: one z-packed polynomial
    Shake256x4 x;
    for (int base = 0; base < p.l; base += 4) {
        for (int j = 0; j < 4; j++) {
            const uint16_t v = static_cast<uint16_t>(kappa + base + j);
            std::memcpy(seeds[j].data(), rho_pp, kRhoPrimeBytes);
            seeds[j][kRhoPrimeBytes] = static_cast<uint8_t>(v);
            seeds[j][kRhoPrimeBytes + 1] = static_cast<uint8_t>(v >> 8);
        }
        (void)x.absorb(
            {ByteView(seeds[0]), ByteView(seeds[1]), ByteView(seeds[2]), ByteView(seeds[3])});
        (void)x.squeeze({MutableByteView(buf[0]), MutableByteView(buf[1]), MutableByteView(buf[2]),
                         MutableByteView(buf[3])});
        for (int j = 0; j < 4 && base + j < p.l; j++) unpack_z(y[base + j], buf[j], p.gamma1);
    }
    secure_wipe(buf, sizeof buf);
    secure_wipe(seeds.data(), sizeof seeds);
}

void sample_in_ball(Poly& c, const uint8_t* ctilde, const Params& p) {
    Shake256 h;
    (void)h.update(ByteView(ctilde, p.ctilde_bytes));
    uint8_t block[136];
    h.squeeze(MutableByteView(block, sizeof block));
    uint64_t signs = 0;
    for (int i = 0; i < 8; i++) signs |= static_cast<uint64_t>(block[i]) << (8 * i);
    size_t pos = 8;
    for (int i = 0; i < kN; i++) c.c[i] = 0;
    for (int i = kN - p.tau; i < kN; i++) {
        unsigned j;
        do {
            if (pos == sizeof block) {
                h.squeeze(MutableByteView(block, sizeof block));
                pos = 0;
            }
            j = block[pos++];
        } while (j > static_cast<unsigned>(i));
        c.c[i] = c.c[j];
        c.c[j] = 1 - 2 * static_cast<int32_t>(signs & 1);
        signs >>= 1;
    }
}

}  // namespace keel::pq::detail
