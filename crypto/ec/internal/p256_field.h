// The P-256 base field for the BMI2+ADX backend: Mont<P256 field>'s interface
// (mont.h), with multiply and square from p256_adx.cc and add/sub/neg written for
// p = 2^256 - 2^224 + 2^192 + 2^96 - 1 with carry chains. Used only through the
// "adx" P-256 backend (ec_backends.h), which dispatch selects when the CPU has both.
#pragma once

#include <immintrin.h>

#include <type_traits>

#include "crypto/ec/internal/curve_params.h"
#include "crypto/ec/internal/mont.h"
#include "crypto/ec/internal/p256_adx.h"

namespace keel::crypto::ec::detail {

struct P256AdxField : Mont<P256Params::Field> {
    using Base = Mont<P256Params::Field>;

    // a, b < p  ->  a + b mod p: keep the sum unless subtracting p leaves it >= 0.
    static constexpr void add(Fe& r, const Fe& a, const Fe& b) {
        if (std::is_constant_evaluated()) return Base::add(r, a, b);
        unsigned long long s0, s1, s2, s3, d0, d1, d2, d3, keep;
        unsigned char c = _addcarry_u64(0, a[0], b[0], &s0);
        c = _addcarry_u64(c, a[1], b[1], &s1);
        c = _addcarry_u64(c, a[2], b[2], &s2);
        c = _addcarry_u64(c, a[3], b[3], &s3);
        unsigned char w = _subborrow_u64(0, s0, kM[0], &d0);
        w = _subborrow_u64(w, s1, kM[1], &d1);
        w = _subborrow_u64(w, s2, kM[2], &d2);
        w = _subborrow_u64(w, s3, kM[3], &d3);
        _subborrow_u64(w, c, 0, &keep);  // all-ones exactly when a + b < p
        r[0] = d0 ^ (keep & (d0 ^ s0));
        r[1] = d1 ^ (keep & (d1 ^ s1));
        r[2] = d2 ^ (keep & (d2 ^ s2));
        r[3] = d3 ^ (keep & (d3 ^ s3));
    }

    // a, b < p  ->  a - b mod p: add p back under the borrow mask.
    static constexpr void sub(Fe& r, const Fe& a, const Fe& b) {
        if (std::is_constant_evaluated()) return Base::sub(r, a, b);
        unsigned long long d0, d1, d2, d3, m;
        unsigned char w = _subborrow_u64(0, a[0], b[0], &d0);
        w = _subborrow_u64(w, a[1], b[1], &d1);
        w = _subborrow_u64(w, a[2], b[2], &d2);
        w = _subborrow_u64(w, a[3], b[3], &d3);
        _subborrow_u64(w, 0, 0, &m);  // all-ones when a < b
        unsigned long long o;
        unsigned char c = _addcarry_u64(0, d0, kM[0] & m, &o);
        r[0] = o;
        c = _addcarry_u64(c, d1, kM[1] & m, &o);
        r[1] = o;
        c = _addcarry_u64(c, d2, kM[2] & m, &o);
        r[2] = o;
        _addcarry_u64(c, d3, kM[3] & m, &o);
        r[3] = o;
    }

    static constexpr void neg(Fe& r, const Fe& a) { sub(r, Fe{}, a); }

    static void mul(Fe& r, const Fe& a, const Fe& b) { p256_mul_adx(r.data(), a.data(), b.data()); }
    static void sqr(Fe& r, const Fe& a) { p256_sqr_adx(r.data(), a.data()); }

    static void to_mont(Fe& r, const Fe& a) { mul(r, a, kR2); }
    static void from_mont(Fe& r, const Fe& a) {
        Fe one{};
        one[0] = 1;
        mul(r, a, one);
    }

    // Same contract as Mont::pow (public exponent): square roots in decode_point.
    static void pow(Fe& r, const Fe& a, const Fe& e) { pow_window<P256AdxField>(r, a, e); }

    // r = a^(p-2) = a^-1 (0 maps to 0) by a fixed addition chain: 255 squarings and
    // 12 multiplications instead of square-and-multiply's ~190 multiplications.
    // p - 2 = ffffffff 00000001 [96 zero bits] ffffffff ffffffff fffffffd (hex).
    static void inv(Fe& r, const Fe& a) {
        auto sqr_n = [](Fe& x, int n) {
            for (int i = 0; i < n; i++) sqr(x, x);
        };
        Fe x2, x3, x6, x12, x15, x30, x32, t;
        sqr(x2, a);
        mul(x2, x2, a);  // a^(2^2 - 1)
        sqr(x3, x2);
        mul(x3, x3, a);
        x6 = x3;
        sqr_n(x6, 3);
        mul(x6, x6, x3);
        x12 = x6;
        sqr_n(x12, 6);
        mul(x12, x12, x6);
        x15 = x12;
        sqr_n(x15, 3);
        mul(x15, x15, x3);
        x30 = x15;
        sqr_n(x30, 15);
        mul(x30, x30, x15);
        x32 = x30;
        sqr_n(x32, 2);
        mul(x32, x32, x2);  // a^(2^32 - 1)
        t = x32;
        sqr_n(t, 32);
        mul(t, t, a);  // ffffffff00000001
        sqr_n(t, 128);
        mul(t, t, x32);  // ... 00000000 00000000 00000000 ffffffff
        sqr_n(t, 32);
        mul(t, t, x32);  // ... ffffffff
        sqr_n(t, 30);
        mul(t, t, x30);
        sqr_n(t, 2);
        mul(r, t, a);  // ... fffffffd
    }
};

// Arithmetic mod the P-256 group order n for the same backend: the generic
// 4-limb MULX/ADX Montgomery multiply (n < 2^256 - 2^192, as it requires).
struct P256AdxOrder : Mont<P256Params::Order> {
    static_assert(kM[3] < ~u64(0), "mont4_mul_adx needs m < 2^256 - 2^192");
    static void mul(Fe& r, const Fe& a, const Fe& b) {
        mont4_mul_adx(r.data(), a.data(), b.data(), kM.data(), kM0);
    }
    static void sqr(Fe& r, const Fe& a) { mont4_sqr_adx(r.data(), a.data(), kM.data(), kM0); }
    static void to_mont(Fe& r, const Fe& a) { mul(r, a, kR2); }
    static void from_mont(Fe& r, const Fe& a) {
        Fe one{};
        one[0] = 1;
        mul(r, a, one);
    }
    static void pow(Fe& r, const Fe& a, const Fe& e) { pow_window<P256AdxOrder>(r, a, e); }
    static void inv(Fe& r, const Fe& a) { pow(r, a, m_minus(2)); }
};

}  // namespace keel::crypto::ec::detail
