// FIPS 204 §7.3 sampling over batched SHAKE.
#include "pq/mldsa/internal/sample.h"

#include <array>
#include <cstring>
#include <type_traits>

#include "base/cpu.h"
#include "base/ct.h"
#include "base/secret.h"
#include "crypto/sha3/sha3.h"
#include "crypto/sha3/shake_batch.h"
#include "pq/mldsa/internal/packing.h"

namespace keel::pq::detail {
namespace {

using crypto::Shake256;
// Eight SHAKE streams per batch: one AVX-512 permutation of eight states where the CPU
// has it, two AVX2 x4 permutations otherwise (keccak.h), so x8 never costs more
// than x4 there.
// Without AVX-512, batches of four avoid paying for padding lanes (ML-DSA-44's four
// ExpandMask streams would otherwise cost two x4 permutations).
bool use_x8() {
    static const bool x8 = cpu::has(cpu::kAvx512f | cpu::kAvx512vl);
    return x8;
}

template <int kLanes>
using Shake128Batch = std::conditional_t<kLanes == 8, crypto::Shake128x8, crypto::Shake128x4>;
template <int kLanes>
using Shake256Batch = std::conditional_t<kLanes == 8, crypto::Shake256x8, crypto::Shake256x4>;

template <size_t kBytes, size_t kLanes>
std::array<ByteView, kLanes> views(const std::array<std::array<uint8_t, kBytes>, kLanes>& in) {
    std::array<ByteView, kLanes> v;
    for (size_t j = 0; j < kLanes; j++) v[j] = ByteView(in[j]);
    return v;
}
template <int kLanes>
std::array<MutableByteView, kLanes> views(uint8_t* buf, size_t stride, size_t n) {
    std::array<MutableByteView, kLanes> v;
    for (int j = 0; j < kLanes; j++) v[j] = MutableByteView(buf + j * stride, n);
    return v;
}

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

// Appends accepted coefficients from buf (at most 272 bytes); returns the new count.
// The accept bits of all candidates are computed first and declassified in one call
// (which candidates get rejected is independent of the accepted values, sample.h); the
// stored values are not. While two slots are free, both candidates of a byte are stored
// unconditionally and the count advances by the accept bits: no branch (rejection is
// frequent for eta = 4, so a branch would mispredict about half the time).
unsigned rej_eta(int32_t* out, unsigned ctr, const uint8_t* buf, size_t len, int eta) {
    constexpr size_t kMaxLen = 2 * 136;
    const uint32_t limit = eta == 2 ? 15 : 9;
    uint8_t accept[2 * kMaxLen];
    len = len < kMaxLen ? len : kMaxLen;
    for (size_t i = 0; i < len; i++) {
        accept[2 * i] = static_cast<uint8_t>((buf[i] & 15u) < limit);
        accept[2 * i + 1] = static_cast<uint8_t>((buf[i] >> 4) < limit);
    }
    // Declassified: only whether each candidate is rejected.
    ct::declassify(accept, 2 * len);
    size_t i = 0;
    for (; i < len && ctr + 2 <= kN; i++) {
        // A rejected candidate's slot is overwritten by the next store or call.
        out[ctr] = eta_coeff(buf[i] & 15u, eta);
        ctr += accept[2 * i];
        out[ctr] = eta_coeff(buf[i] >> 4, eta);
        ctr += accept[2 * i + 1];
    }
    for (; i < len && ctr < kN; i++) {
        if (accept[2 * i]) out[ctr++] = eta_coeff(buf[i] & 15u, eta);
        if (ctr < kN && accept[2 * i + 1]) out[ctr++] = eta_coeff(buf[i] >> 4, eta);
    }
    return ctr;
}

}  // namespace

template <int kLanes>
void expand_a_lanes(Poly* a_hat, const uint8_t rho[kSeedBytes], const Params& p,
                    const PolyBackend& be) {
    constexpr size_t kBuf = kABlocks * 168;
    const int total = p.k * p.l;
    std::array<std::array<uint8_t, kSeedBytes + 2>, kLanes> seeds;
    alignas(32) uint8_t buf[kLanes][kBuf];
    Shake128Batch<kLanes> x;
    Poly scratch;  // absorbs the output of padding lanes
    for (int base = 0; base < total; base += kLanes) {
        int32_t* dst[kLanes];
        for (int j = 0; j < kLanes; j++) {
            // Lanes past the end repeat the last entry; their output is discarded.
            const int idx = base + j < total ? base + j : total - 1;
            std::memcpy(seeds[j].data(), rho, kSeedBytes);
            seeds[j][kSeedBytes] = static_cast<uint8_t>(idx % p.l);      // s: column
            seeds[j][kSeedBytes + 1] = static_cast<uint8_t>(idx / p.l);  // r: row
            dst[j] = base + j < total ? a_hat[base + j].c : scratch.c;
        }
        (void)x.absorb(views(seeds));
        (void)x.squeeze(views<kLanes>(buf[0], kBuf, kBuf));
        unsigned ctr[kLanes];
        bool more = false;
        for (int j = 0; j < kLanes; j++) {
            ctr[j] = be.rej_uniform(dst[j], kN, buf[j], kBuf);
            more |= ctr[j] < kN;
        }
        while (more) {
            (void)x.squeeze(views<kLanes>(buf[0], kBuf, 168));
            more = false;
            for (int j = 0; j < kLanes; j++) {
                ctr[j] += be.rej_uniform(dst[j] + ctr[j], kN - ctr[j], buf[j], 168);
                more |= ctr[j] < kN;
            }
        }
    }
}

template <int kLanes>
void expand_s_lanes(Poly* s1, Poly* s2, const uint8_t rho_prime[kRhoPrimeBytes], const Params& p) {
    constexpr size_t kBuf = 2 * 136;
    const int total = p.k + p.l;
    std::array<std::array<uint8_t, kRhoPrimeBytes + 2>, kLanes> seeds;
    alignas(32) uint8_t buf[kLanes][kBuf];
    Shake256Batch<kLanes> x;
    Poly scratch;
    for (int base = 0; base < total; base += kLanes) {
        int32_t* dst[kLanes];
        for (int j = 0; j < kLanes; j++) {
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
        (void)x.absorb(views(seeds));
        (void)x.squeeze(views<kLanes>(buf[0], kBuf, kBuf));
        unsigned ctr[kLanes];
        bool more = false;
        for (int j = 0; j < kLanes; j++) {
            ctr[j] = rej_eta(dst[j], 0, buf[j], kBuf, p.eta);
            more |= ctr[j] < kN;
        }
        while (more) {
            (void)x.squeeze(views<kLanes>(buf[0], kBuf, 136));
            more = false;
            for (int j = 0; j < kLanes; j++) {
                ctr[j] = rej_eta(dst[j], ctr[j], buf[j], 136, p.eta);
                more |= ctr[j] < kN;
            }
        }
    }
    secure_wipe(scratch.c, sizeof scratch.c);
    secure_wipe(buf, sizeof buf);
    secure_wipe(seeds.data(), sizeof seeds);
}

template <int kLanes>
void expand_mask_lanes(Poly* y, const uint8_t rho_pp[kRhoPrimeBytes], uint16_t kappa,
                       const Params& p) {
    constexpr size_t kBuf = 5 * 136;  // >= 640 bytes: one z-packed polynomial
    std::array<std::array<uint8_t, kRhoPrimeBytes + 2>, kLanes> seeds;
    alignas(32) uint8_t buf[kLanes][kBuf];
    Shake256Batch<kLanes> x;
    for (int base = 0; base < p.l; base += kLanes) {
        for (int j = 0; j < kLanes; j++) {
            const uint16_t v = static_cast<uint16_t>(kappa + base + j);
            std::memcpy(seeds[j].data(), rho_pp, kRhoPrimeBytes);
            seeds[j][kRhoPrimeBytes] = static_cast<uint8_t>(v);
            seeds[j][kRhoPrimeBytes + 1] = static_cast<uint8_t>(v >> 8);
        }
        (void)x.absorb(views(seeds));
        (void)x.squeeze(views<kLanes>(buf[0], kBuf, kBuf));
        for (int j = 0; j < kLanes && base + j < p.l; j++) unpack_z(y[base + j], buf[j], p.gamma1);
    }
    secure_wipe(buf, sizeof buf);
    secure_wipe(seeds.data(), sizeof seeds);
}

void expand_a(Poly* a_hat, const uint8_t rho[kSeedBytes], const Params& p, const PolyBackend& be) {
    if (use_x8()) {
        expand_a_lanes<8>(a_hat, rho, p, be);
    } else {
        expand_a_lanes<4>(a_hat, rho, p, be);
    }
}

void expand_s(Poly* s1, Poly* s2, const uint8_t rho_prime[kRhoPrimeBytes], const Params& p) {
    if (use_x8()) {
        expand_s_lanes<8>(s1, s2, rho_prime, p);
    } else {
        expand_s_lanes<4>(s1, s2, rho_prime, p);
    }
}

void expand_mask(Poly* y, const uint8_t rho_pp[kRhoPrimeBytes], uint16_t kappa, const Params& p) {
    if (use_x8()) {
        expand_mask_lanes<8>(y, rho_pp, kappa, p);
    } else {
        expand_mask_lanes<4>(y, rho_pp, kappa, p);
    }
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
