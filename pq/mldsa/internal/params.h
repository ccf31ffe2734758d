// ML-DSA parameter sets (FIPS 204 §4, Table 1 and Table 2) and the sizes they imply.
#pragma once

#include <cstddef>
#include <cstdint>

namespace keel::pq::detail {

inline constexpr int32_t kQ = 8380417;  // 2^23 - 2^13 + 1
inline constexpr int kN = 256;
inline constexpr int kD = 13;  // dropped bits of t (Power2Round)
inline constexpr size_t kSeedBytes = 32;
inline constexpr size_t kTrBytes = 64;
inline constexpr size_t kMuBytes = 64;
inline constexpr size_t kRhoPrimeBytes = 64;
inline constexpr int kMaxK = 8;
inline constexpr int kMaxL = 7;

struct Params {
    int k;                // rows of A
    int l;                // columns of A
    int eta;              // bound on s1, s2
    int tau;              // nonzero coefficients of c
    int beta;             // tau * eta
    int32_t gamma1;       // range of y
    int32_t gamma2;       // low-order rounding range
    int omega;            // maximum number of hint ones
    size_t ctilde_bytes;  // lambda / 4

    // Bytes of one packed polynomial in each encoding (FIPS 204 §7.1).
    constexpr size_t eta_poly_bytes() const { return eta == 2 ? 96 : 128; }
    constexpr size_t z_poly_bytes() const { return gamma1 == (1 << 17) ? 576 : 640; }
    constexpr size_t w1_poly_bytes() const { return gamma2 == (kQ - 1) / 88 ? 192 : 128; }
    static constexpr size_t t1_poly_bytes() { return 320; }
    static constexpr size_t t0_poly_bytes() { return 416; }

    constexpr size_t pk_bytes() const { return kSeedBytes + k * t1_poly_bytes(); }
    constexpr size_t sk_bytes() const {
        return 2 * kSeedBytes + kTrBytes + (l + k) * eta_poly_bytes() + k * t0_poly_bytes();
    }
    constexpr size_t sig_bytes() const { return ctilde_bytes + l * z_poly_bytes() + omega + k; }
};

inline constexpr Params kMlDsa44{4, 4, 2, 39, 78, 1 << 17, (kQ - 1) / 88, 80, 32};
inline constexpr Params kMlDsa65{6, 5, 4, 49, 196, 1 << 19, (kQ - 1) / 32, 55, 48};
inline constexpr Params kMlDsa87{8, 7, 2, 60, 120, 1 << 19, (kQ - 1) / 32, 75, 64};

static_assert(kMlDsa44.pk_bytes() == 1312 && kMlDsa44.sk_bytes() == 2560 &&
              kMlDsa44.sig_bytes() == 2420);
static_assert(kMlDsa65.pk_bytes() == 1952 && kMlDsa65.sk_bytes() == 4032 &&
              kMlDsa65.sig_bytes() == 3309);
static_assert(kMlDsa87.pk_bytes() == 2592 && kMlDsa87.sk_bytes() == 4896 &&
              kMlDsa87.sig_bytes() == 4627);

}  // namespace keel::pq::detail
