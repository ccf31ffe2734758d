// Scalar multiplication and the ECDH/ECDSA cores for one curve, generic over its
// parameters C (curve_params.h) and field arithmetic F. Each curve's .cc file
// instantiates CurveImpl and exports its CurveOps table.
//
// Scalar multiplication (constant time unless named _vartime):
//  - variable base: fixed window of kW = 5 bits with signed digits in [-15, 16]
//    (each digit t > 16 borrows from the next window), a 16-entry table of P..16P
//    read by a full constant-time scan, and the complete addition law (digit 0
//    selects infinity, which the complete formulas absorb);
//  - fixed base: a comb of precomputed affine tables j·2^(kBaseW·i)·G, one signed
//    digit per window and one mixed addition each, no doubling; tables are built
//    once, on first use;
//  - u1·G + u2·Q for verification: the same windows, variable time (zero digits are
//    skipped and tables indexed directly), since every input is public.
#pragma once

#include <cstring>
#include <memory>
#include <vector>

#include "base/secret.h"
#include "crypto/ec/internal/curve_ops.h"
#include "crypto/ec/internal/mont.h"
#include "crypto/ec/internal/point.h"

namespace keel::crypto::ec::detail {

// S: arithmetic mod the group order (Mont or a faster class with its interface).
template <class C, class F, class S = Mont<typename C::Order>>
struct CurveImpl {
    using Field = F;
    using Ops = PointOps<C, F>;
    using Fe = typename F::Fe;
    using Sc = typename S::Fe;
    using Point = Projective<F>;
    using Aff = Affine<F>;

    static constexpr size_t kBytes = F::kBytes;
    static_assert(S::kBytes == kBytes, "scalar and field encodings share one length");

    static constexpr unsigned kW = 5;  // variable-base window
    static constexpr unsigned kBaseW = F::kBits <= 256 ? 6 : F::kBits <= 384 ? 5 : 4;
    static constexpr size_t kWindows = S::kBits / kW + 1;
    static constexpr size_t kBaseWindows = S::kBits / kBaseW + 1;
    static constexpr size_t kBaseEntries = size_t(1) << (kBaseW - 1);

    static constexpr Aff kG{F::mont_from_hex(C::kGx), F::mont_from_hex(C::kGy)};

    // (p + 1) / 4: every curve here has p = 3 mod 4, so sqrt(a) = a^((p+1)/4).
    static constexpr Fe sqrt_exponent() {
        Fe e = F::kM, one{};
        one[0] = 1;
        add_limbs(e, e, one);
        for (size_t i = 0; i < F::N; i++) e[i] = (e[i] >> 2) | (i + 1 < F::N ? e[i + 1] << 62 : 0);
        return e;
    }

    // ---- signed-digit recoding -------------------------------------------------

    // Bits [pos, pos + w) of k; pos is public.
    static unsigned window_bits(const Sc& k, size_t pos, unsigned w) {
        size_t li = pos / 64, sh = pos % 64;
        u64 v = li < S::N ? k[li] >> sh : 0;
        if (sh + w > 64 && li + 1 < S::N) v |= k[li + 1] << (64 - sh);
        return unsigned(v) & ((1u << w) - 1);
    }

    // k (< 2^S::kBits) = sum d[i]·2^(w·i), d[i] in [-(2^(w-1) - 1), 2^(w-1)]. The top
    // window holds fewer than w - 1 bits of k, so the last carry is always absorbed.
    // Branch-free: the digits are as secret as k.
    static void recode(int8_t* d, size_t windows, const Sc& k, unsigned w) {
        unsigned carry = 0;
        for (size_t i = 0; i < windows; i++) {
            unsigned t = window_bits(k, i * w, w) + carry;
            carry = (t + (1u << (w - 1)) - 1) >> w;  // t > 2^(w-1)
            d[i] = int8_t(int(t) - int(carry << w));
        }
    }

    // |d| and an all-ones mask when d < 0.
    static unsigned digit_abs(int8_t d, u64& neg_mask) {
        unsigned u = uint32_t(int32_t(d));
        unsigned neg = u >> 31;
        neg_mask = mask_of(neg);
        return (u ^ (0u - neg)) + neg;
    }

    // ---- variable base, constant time ----------------------------------------

    // r = k·p for k < n (secret), p any point.
    static void mul_ct(Point& r, const Sc& k, const Point& p) {
        constexpr size_t kTable = size_t(1) << (kW - 1);
        Point table[kTable];
        table[0] = p;
        Ops::dbl(table[1], p);
        for (size_t i = 2; i < kTable; i++) Ops::add(table[i], table[i - 1], p);

        int8_t d[kWindows];
        recode(d, kWindows, k, kW);
        Point acc = Ops::infinity();
        for (size_t i = kWindows; i-- > 0;) {
            if (i != kWindows - 1) Ops::dbl_n(acc, kW);
            u64 neg;
            unsigned a = digit_abs(d[i], neg);
            Point sel = Ops::infinity();
            for (size_t j = 0; j < kTable; j++)
                Ops::cmov(sel, table[j], ct::eq(u64(a), u64(j + 1)));
            Ops::cneg_y(sel.y, neg);
            Ops::add(acc, acc, sel);
        }
        r = acc;
        secure_wipe(d, sizeof d);
    }

    // ---- fixed base ------------------------------------------------------------

    // table[i·kBaseEntries + j] = (j + 1)·2^(kBaseW·i)·G, affine (none is infinity:
    // n is a prime larger than every multiplier).
    static std::unique_ptr<Aff[]> build_base_table() {
        constexpr size_t kTotal = kBaseWindows * kBaseEntries;
        std::vector<Point> pts(kTotal);
        Point base{kG.x, kG.y, F::kOne};
        for (size_t i = 0; i < kBaseWindows; i++) {
            Point* row = &pts[i * kBaseEntries];
            row[0] = base;
            for (size_t j = 1; j < kBaseEntries; j++) Ops::add(row[j], row[j - 1], base);
            for (unsigned j = 0; j < kBaseW; j++) Ops::dbl(base, base);
        }
        // Batch inversion (Montgomery's trick): one inversion for the whole table.
        std::vector<Fe> prefix(kTotal);
        Fe acc = F::kOne;
        for (size_t i = 0; i < kTotal; i++) {
            prefix[i] = acc;
            F::mul(acc, acc, pts[i].z);
        }
        F::inv(acc, acc);
        auto table = std::make_unique<Aff[]>(kTotal);
        for (size_t i = kTotal; i-- > 0;) {
            Fe zinv;
            F::mul(zinv, acc, prefix[i]);
            F::mul(acc, acc, pts[i].z);
            F::mul(table[i].x, pts[i].x, zinv);
            F::mul(table[i].y, pts[i].y, zinv);
        }
        return table;
    }
    static const Aff* base_table() {
        static const std::unique_ptr<Aff[]> table = build_base_table();
        return table.get();
    }

    // r = k·G for k < n (secret).
    static void mul_base_ct(Point& r, const Sc& k) {
        const Aff* table = base_table();
        int8_t d[kBaseWindows];
        recode(d, kBaseWindows, k, kBaseW);
        Point acc = Ops::infinity();
        for (size_t i = 0; i < kBaseWindows; i++) {
            u64 neg;
            unsigned a = digit_abs(d[i], neg);
            const Aff* row = &table[i * kBaseEntries];
            Aff sel = row[0];
            for (size_t j = 1; j < kBaseEntries; j++)
                Ops::cmov(sel, row[j], ct::eq(u64(a), u64(j + 1)));
            Ops::cneg_y(sel.y, neg);
            Point sum;
            Ops::add_mixed(sum, acc, sel);
            // A zero digit adds nothing: keep acc (sel was a stand-in entry).
            Ops::cmov(acc, sum, ~ct::is_zero(u64(a)));
        }
        r = acc;
        secure_wipe(d, sizeof d);
    }

    // ---- u1·G + u2·Q, variable time (verification only) ------------------------

    static void mul_double_vartime(Point& r, const Sc& u1, const Sc& u2, const Point& q) {
        constexpr size_t kTable = size_t(1) << (kW - 1);
        Point table[kTable];
        table[0] = q;
        Ops::dbl(table[1], q);
        for (size_t i = 2; i < kTable; i++) Ops::add(table[i], table[i - 1], q);

        int8_t d[kWindows];
        recode(d, kWindows, u2, kW);
        Point acc = Ops::infinity();
        bool started = false;
        for (size_t i = kWindows; i-- > 0;) {
            if (started) Ops::dbl_n(acc, kW);
            if (d[i] == 0) continue;
            Point t = table[(d[i] < 0 ? -d[i] : d[i]) - 1];
            if (d[i] < 0) Ops::neg(t, t);
            Ops::add(acc, acc, t);
            started = true;
        }
        const Aff* base = base_table();
        int8_t e[kBaseWindows];
        recode(e, kBaseWindows, u1, kBaseW);
        for (size_t i = 0; i < kBaseWindows; i++) {
            if (e[i] == 0) continue;
            Aff t = base[i * kBaseEntries + size_t((e[i] < 0 ? -e[i] : e[i]) - 1)];
            if (e[i] < 0) F::neg(t.y, t.y);
            Ops::add_mixed(acc, acc, t);
        }
        r = acc;
    }

    // ---- byte-level operations (CurveOps) ------------------------------------

    static void load_point(Point& p, const uint8_t* xy) {
        Fe x, y;
        F::load_be(x, xy);
        F::load_be(y, xy + kBytes);
        F::to_mont(p.x, x);
        F::to_mont(p.y, y);
        p.z = F::kOne;
    }

    // Affine x||y bytes of p; false when p is infinity. Constant time up to that
    // (public) answer.
    static bool store_affine(uint8_t* out_xy, const Point& p, bool with_y) {
        Aff a;
        u64 finite = Ops::to_affine(a, p);
        Fe x, y;
        F::from_mont(x, a.x);
        F::store_be(out_xy, x);
        if (with_y) {
            F::from_mont(y, a.y);
            F::store_be(out_xy + kBytes, y);
        }
        return ct::declassify(finite) != 0;
    }

    static bool decode_point(ByteView in, uint8_t* out_xy) {
        Fe x, y, xm, ym;
        if (in.size() == 1 + 2 * kBytes && in[0] == 0x04) {
            F::load_be(x, in.data() + 1);
            F::load_be(y, in.data() + 1 + kBytes);
            if (!F::lt_modulus(x) || !F::lt_modulus(y)) return false;
            F::to_mont(xm, x);
            F::to_mont(ym, y);
            if (!Ops::on_curve(xm, ym)) return false;
        } else if (in.size() == 1 + kBytes && (in[0] == 0x02 || in[0] == 0x03)) {
            // SEC 1 §2.3.4 step 2.4: y = sqrt(x^3 + ax + b) with the parity of in[0].
            F::load_be(x, in.data() + 1);
            if (!F::lt_modulus(x)) return false;
            F::to_mont(xm, x);
            Fe rhs, sq;
            Ops::curve_rhs(rhs, xm);
            F::pow(ym, rhs, sqrt_exponent());
            F::sqr(sq, ym);
            if (!F::eq(sq, rhs)) return false;  // x^3 + ax + b is not a square
            F::from_mont(y, ym);
            if ((y[0] & 1) != (in[0] & 1u)) F::neg(y, y);
            if ((y[0] & 1) != (in[0] & 1u)) return false;  // y = 0 has no odd root
        } else {
            return false;
        }
        F::store_be(out_xy, x);
        F::store_be(out_xy + kBytes, y);
        return true;
    }

    static u64 scalar_valid(const uint8_t* k) {
        Sc s;
        S::load_be(s, k);
        return S::lt_modulus(s) & ~S::is_zero(s);
    }

    static void base_mult(const uint8_t* k, uint8_t* out_xy) {
        Sc s;
        S::load_be(s, k);
        Point r;
        mul_base_ct(r, s);
        store_affine(out_xy, r, true);
        secure_wipe(&s, sizeof s);
    }

    static bool ecdh(const uint8_t* k, const uint8_t* peer_xy, uint8_t* out_x) {
        Sc s;
        S::load_be(s, k);
        Point p, r;
        load_point(p, peer_xy);
        mul_ct(r, s, p);
        secure_wipe(&s, sizeof s);
        return store_affine(out_x, r, false);
    }

    // e < 2^order_bits  ->  e mod n.
    static void load_hash(Sc& e, const uint8_t* bytes) {
        S::load_be(e, bytes);
        S::reduce_once(e, e);
    }

    static bool sign(const uint8_t* d, const uint8_t* e, const uint8_t* k, uint8_t* out_r,
                     uint8_t* out_s) {
        Sc ks, ds, es, rs, km, dm, em, rm, t;
        S::load_be(ks, k);
        S::load_be(ds, d);
        load_hash(es, e);

        // r = x(k·G) mod n (x < p < 2n, so one conditional subtraction).
        Point R;
        mul_base_ct(R, ks);
        uint8_t xbytes[kBytes];
        store_affine(xbytes, R, false);
        S::load_be(rs, xbytes);
        S::reduce_once(rs, rs);

        // s = k^-1 (e + r·d) mod n, in the Montgomery domain; inversion by Fermat.
        S::to_mont(km, ks);
        S::to_mont(dm, ds);
        S::to_mont(em, es);
        S::to_mont(rm, rs);
        S::inv(km, km);
        S::mul(t, rm, dm);
        S::add(t, t, em);
        S::mul(t, km, t);
        Sc ss;
        S::from_mont(ss, t);

        u64 good = ~S::is_zero(rs) & ~S::is_zero(ss);
        S::store_be(out_r, rs);
        S::store_be(out_s, ss);
        ct::declassify(out_r, kBytes);
        ct::declassify(out_s, kBytes);
        secure_wipe(&ks, sizeof ks);
        secure_wipe(&ds, sizeof ds);
        secure_wipe(&km, sizeof km);
        secure_wipe(&dm, sizeof dm);
        secure_wipe(&t, sizeof t);
        return ct::declassify(good) != 0;
    }

    static bool verify(const uint8_t* q_xy, const uint8_t* e, const uint8_t* r, const uint8_t* s) {
        Sc rs, ss, es;
        S::load_be(rs, r);
        S::load_be(ss, s);
        if (!S::lt_modulus(rs) || S::is_zero(rs) || !S::lt_modulus(ss) || S::is_zero(ss))
            return false;
        load_hash(es, e);
        Sc w, u1, u2, t;
        S::to_mont(w, ss);
        S::inv(w, w);  // s^-1 (Montgomery domain)
        S::to_mont(t, es);
        S::mul(t, t, w);
        S::from_mont(u1, t);
        S::to_mont(t, rs);
        S::mul(t, t, w);
        S::from_mont(u2, t);

        Point q, R;
        load_point(q, q_xy);
        mul_double_vartime(R, u1, u2, q);
        uint8_t xbytes[kBytes];
        if (!store_affine(xbytes, R, false)) return false;
        Sc x;
        S::load_be(x, xbytes);
        S::reduce_once(x, x);
        return S::eq(x, rs) != 0;
    }

    static constexpr std::array<uint8_t, kBytes> order_bytes() {
        std::array<uint8_t, kBytes> out{};
        for (size_t i = 0; i < kBytes; i++) {
            size_t bit = 8 * (kBytes - 1 - i);
            out[i] = uint8_t(S::kM[bit / 64] >> (bit % 64));
        }
        return out;
    }
    static constexpr std::array<uint8_t, kBytes> kOrderBytes = order_bytes();

    static constexpr CurveOps make_ops(Curve curve) {
        return CurveOps{curve,         kBytes,        S::kBits,   kOrderBytes.data(),
                        &decode_point, &scalar_valid, &base_mult, &ecdh,
                        &sign,         &verify};
    }
};

}  // namespace keel::crypto::ec::detail
