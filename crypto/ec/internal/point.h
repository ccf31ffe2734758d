// Group law on a short-Weierstrass curve y^2 = x^3 + ax + b of prime order, in
// homogeneous projective coordinates (X:Y:Z), x = X/Z, y = Y/Z, infinity = (0:1:0).
//
// Addition and doubling are the complete formulas of Renes, Costello and Batina,
// "Complete addition formulas for prime order elliptic curves" (EUROCRYPT 2016):
// Algorithms 1-3 for any a, Algorithms 4-6 for a = -3. They hold for every pair of
// inputs, including P = Q, P = -Q and the point at infinity, so scalar multiplication
// has no exceptional case to branch on. The mixed additions (second input affine,
// Z2 = 1) are complete except that the affine input cannot be infinity; callers
// discard their result with a constant-time select when it would be.
//
// Every coordinate is a fully reduced Montgomery-domain element of F = Mont<Field>.
#pragma once

#include "crypto/ec/internal/mont.h"

namespace keel::crypto::ec::detail {

template <class F>
struct Projective {
    typename F::Fe x, y, z;
};

// Jacobian (X, Y, Z): x = X/Z^2, y = Y/Z^3. Used only for runs of doublings.
template <class F>
struct Jacobian {
    typename F::Fe x, y, z;
};

template <class F>
struct Affine {
    typename F::Fe x, y;
};

// C: the curve parameters (curve_params.h); F: its field arithmetic (Mont or a
// faster class with the same interface).
template <class C, class F>
struct PointOps {
    using Fe = typename F::Fe;
    using Point = Projective<F>;
    using Aff = Affine<F>;

    static constexpr Fe kA = F::mont_from_hex(C::kA);
    static constexpr Fe kB = F::mont_from_hex(C::kB);
    static constexpr Fe b3() {
        Fe t{};
        F::add(t, kB, kB);
        F::add(t, t, kB);
        return t;
    }
    static constexpr Fe kB3 = b3();

    static Point infinity() { return Point{Fe{}, F::kOne, Fe{}}; }

    // r = p + q for any p, q (Algorithm 4 for a = -3, Algorithm 1 otherwise).
    static void add(Point& r, const Point& p, const Point& q) {
        Fe t0, t1, t2, t3, t4, x3, y3, z3;
        F::mul(t0, p.x, q.x);
        F::mul(t1, p.y, q.y);
        F::mul(t2, p.z, q.z);
        F::add(t3, p.x, p.y);
        F::add(t4, q.x, q.y);
        F::mul(t3, t3, t4);
        F::add(t4, t0, t1);
        F::sub(t3, t3, t4);
        if constexpr (C::kAIsMinus3) {
            F::add(t4, p.y, p.z);
            F::add(x3, q.y, q.z);
            F::mul(t4, t4, x3);
            F::add(x3, t1, t2);
            F::sub(t4, t4, x3);
            F::add(x3, p.x, p.z);
            F::add(y3, q.x, q.z);
            F::mul(x3, x3, y3);
            F::add(y3, t0, t2);
            F::sub(y3, x3, y3);
            F::mul(z3, kB, t2);
            F::sub(x3, y3, z3);
            F::add(z3, x3, x3);
            F::add(x3, x3, z3);
            F::sub(z3, t1, x3);
            F::add(x3, t1, x3);
            F::mul(y3, kB, y3);
            F::add(t1, t2, t2);
            F::add(t2, t1, t2);
            F::sub(y3, y3, t2);
            F::sub(y3, y3, t0);
            F::add(t1, y3, y3);
            F::add(y3, t1, y3);
            F::add(t1, t0, t0);
            F::add(t0, t1, t0);
            F::sub(t0, t0, t2);
            F::mul(t1, t4, y3);
            F::mul(t2, t0, y3);
            F::mul(y3, x3, z3);
            F::add(y3, y3, t2);
            F::mul(x3, t3, x3);
            F::sub(x3, x3, t1);
            F::mul(z3, t4, z3);
            F::mul(t1, t3, t0);
            F::add(z3, z3, t1);
        } else {
            Fe t5;
            F::add(t4, p.x, p.z);
            F::add(t5, q.x, q.z);
            F::mul(t4, t4, t5);
            F::add(t5, t0, t2);
            F::sub(t4, t4, t5);
            F::add(t5, p.y, p.z);
            F::add(x3, q.y, q.z);
            F::mul(t5, t5, x3);
            F::add(x3, t1, t2);
            F::sub(t5, t5, x3);
            F::mul(z3, kA, t4);
            F::mul(x3, kB3, t2);
            F::add(z3, x3, z3);
            F::sub(x3, t1, z3);
            F::add(z3, t1, z3);
            F::mul(y3, x3, z3);
            F::add(t1, t0, t0);
            F::add(t1, t1, t0);
            F::mul(t2, kA, t2);
            F::mul(t4, kB3, t4);
            F::add(t1, t1, t2);
            F::sub(t2, t0, t2);
            F::mul(t2, kA, t2);
            F::add(t4, t4, t2);
            F::mul(t0, t1, t4);
            F::add(y3, y3, t0);
            F::mul(t0, t5, t4);
            F::mul(x3, t3, x3);
            F::sub(x3, x3, t0);
            F::mul(t0, t3, t1);
            F::mul(z3, t5, z3);
            F::add(z3, z3, t0);
        }
        r.x = x3;
        r.y = y3;
        r.z = z3;
    }

    // r = p + q for q affine and not infinity (Algorithm 5 / Algorithm 2).
    static void add_mixed(Point& r, const Point& p, const Aff& q) {
        Fe t0, t1, t2, t3, t4, x3, y3, z3;
        F::mul(t0, p.x, q.x);
        F::mul(t1, p.y, q.y);
        F::add(t3, q.x, q.y);
        F::add(t4, p.x, p.y);
        F::mul(t3, t3, t4);
        F::add(t4, t0, t1);
        F::sub(t3, t3, t4);
        if constexpr (C::kAIsMinus3) {
            F::mul(t4, q.y, p.z);
            F::add(t4, t4, p.y);
            F::mul(y3, q.x, p.z);
            F::add(y3, y3, p.x);
            F::mul(z3, kB, p.z);
            F::sub(x3, y3, z3);
            F::add(z3, x3, x3);
            F::add(x3, x3, z3);
            F::sub(z3, t1, x3);
            F::add(x3, t1, x3);
            F::mul(y3, kB, y3);
            F::add(t1, p.z, p.z);
            F::add(t2, t1, p.z);
            F::sub(y3, y3, t2);
            F::sub(y3, y3, t0);
            F::add(t1, y3, y3);
            F::add(y3, t1, y3);
            F::add(t1, t0, t0);
            F::add(t0, t1, t0);
            F::sub(t0, t0, t2);
            F::mul(t1, t4, y3);
            F::mul(t2, t0, y3);
            F::mul(y3, x3, z3);
            F::add(y3, y3, t2);
            F::mul(x3, t3, x3);
            F::sub(x3, x3, t1);
            F::mul(z3, t4, z3);
            F::mul(t1, t3, t0);
            F::add(z3, z3, t1);
        } else {
            Fe t5;
            F::mul(t4, q.x, p.z);
            F::add(t4, t4, p.x);
            F::mul(t5, q.y, p.z);
            F::add(t5, t5, p.y);
            F::mul(z3, kA, t4);
            F::mul(x3, kB3, p.z);
            F::add(z3, x3, z3);
            F::sub(x3, t1, z3);
            F::add(z3, t1, z3);
            F::mul(y3, x3, z3);
            F::add(t1, t0, t0);
            F::add(t1, t1, t0);
            F::mul(t2, kA, p.z);
            F::mul(t4, kB3, t4);
            F::add(t1, t1, t2);
            F::sub(t2, t0, t2);
            F::mul(t2, kA, t2);
            F::add(t4, t4, t2);
            F::mul(t0, t1, t4);
            F::add(y3, y3, t0);
            F::mul(t0, t5, t4);
            F::mul(x3, t3, x3);
            F::sub(x3, x3, t0);
            F::mul(t0, t3, t1);
            F::mul(z3, t5, z3);
            F::add(z3, z3, t0);
        }
        r.x = x3;
        r.y = y3;
        r.z = z3;
    }

    // r = 2p for any p (Algorithm 6 / Algorithm 3).
    static void dbl(Point& r, const Point& p) {
        Fe t0, t1, t2, t3, x3, y3, z3;
        F::sqr(t0, p.x);
        F::sqr(t1, p.y);
        F::sqr(t2, p.z);
        F::mul(t3, p.x, p.y);
        F::add(t3, t3, t3);
        F::mul(z3, p.x, p.z);
        F::add(z3, z3, z3);
        if constexpr (C::kAIsMinus3) {
            F::mul(y3, kB, t2);
            F::sub(y3, y3, z3);
            F::add(x3, y3, y3);
            F::add(y3, x3, y3);
            F::sub(x3, t1, y3);
            F::add(y3, t1, y3);
            F::mul(y3, x3, y3);
            F::mul(x3, x3, t3);
            F::add(t3, t2, t2);
            F::add(t2, t2, t3);
            F::mul(z3, kB, z3);
            F::sub(z3, z3, t2);
            F::sub(z3, z3, t0);
            F::add(t3, z3, z3);
            F::add(z3, z3, t3);
            F::add(t3, t0, t0);
            F::add(t0, t3, t0);
            F::sub(t0, t0, t2);
            F::mul(t0, t0, z3);
            F::add(y3, y3, t0);
            F::mul(t0, p.y, p.z);
            F::add(t0, t0, t0);
            F::mul(z3, t0, z3);
            F::sub(x3, x3, z3);
            F::mul(z3, t0, t1);
            F::add(z3, z3, z3);
            F::add(z3, z3, z3);
        } else {
            F::mul(x3, kA, z3);
            F::mul(y3, kB3, t2);
            F::add(y3, x3, y3);
            F::sub(x3, t1, y3);
            F::add(y3, t1, y3);
            F::mul(y3, x3, y3);
            F::mul(x3, t3, x3);
            F::mul(z3, kB3, z3);
            F::mul(t2, kA, t2);
            F::sub(t3, t0, t2);
            F::mul(t3, kA, t3);
            F::add(t3, t3, z3);
            F::add(z3, t0, t0);
            F::add(t0, z3, t0);
            F::add(t0, t0, t2);
            F::mul(t0, t0, t3);
            F::add(y3, y3, t0);
            F::mul(t2, p.y, p.z);
            F::add(t2, t2, t2);
            F::mul(t0, t2, t3);
            F::sub(x3, x3, t0);
            F::mul(z3, t2, t1);
            F::add(z3, z3, z3);
            F::add(z3, z3, z3);
        }
        r.x = x3;
        r.y = y3;
        r.z = z3;
    }

    // p = 2^n·p. For a = -3 the run happens in Jacobian coordinates (3M + 5S per
    // doubling, "dbl-2001-b" of Bernstein-Lange's Explicit-Formulas Database, against
    // 8M + 3S + 2 multiplications by b for Algorithm 6), converting in and out once.
    // Exception-free: doubling never meets y = 0 (prime order), and infinity (Z = 0)
    // stays Z = 0 and is mapped back to (0:1:0).
    static void dbl_n(Point& p, unsigned n) {
        if constexpr (C::kAIsMinus3) {
            Jacobian<F> j;
            Fe t;
            F::sqr(t, p.z);
            F::mul(j.x, p.x, p.z);
            F::mul(j.y, p.y, t);
            j.z = p.z;
            for (unsigned i = 0; i < n; i++) jdbl(j);
            F::sqr(t, j.z);
            F::mul(p.z, t, j.z);
            F::mul(p.x, j.x, j.z);
            p.y = j.y;
            cmov_limbs(p.y, F::kOne, F::is_zero(p.z));
        } else {
            for (unsigned i = 0; i < n; i++) dbl(p, p);
        }
    }

    // In-place Jacobian doubling for a = -3 (dbl-2001-b): delta = Z^2, gamma = Y^2,
    // beta = X·gamma, alpha = 3(X - delta)(X + delta); X3 = alpha^2 - 8·beta,
    // Z3 = (Y + Z)^2 - gamma - delta, Y3 = alpha(4·beta - X3) - 8·gamma^2.
    static void jdbl(Jacobian<F>& p) {
        Fe delta, gamma, beta, alpha, t, u;
        F::sqr(delta, p.z);
        F::sqr(gamma, p.y);
        F::mul(beta, p.x, gamma);
        F::sub(t, p.x, delta);
        F::add(u, p.x, delta);
        F::mul(t, t, u);
        F::add(alpha, t, t);
        F::add(alpha, alpha, t);
        F::add(p.z, p.y, p.z);
        F::sqr(p.z, p.z);
        F::sub(p.z, p.z, gamma);
        F::sub(p.z, p.z, delta);
        F::add(beta, beta, beta);
        F::add(beta, beta, beta);  // 4·beta
        F::sqr(p.x, alpha);
        F::add(t, beta, beta);
        F::sub(p.x, p.x, t);
        F::sub(t, beta, p.x);
        F::mul(t, alpha, t);
        F::sqr(gamma, gamma);
        F::add(gamma, gamma, gamma);
        F::add(gamma, gamma, gamma);
        F::add(gamma, gamma, gamma);  // 8·gamma^2
        F::sub(p.y, t, gamma);
    }

    static void neg(Point& r, const Point& p) {
        r.x = p.x;
        F::neg(r.y, p.y);
        r.z = p.z;
    }

    // r = mask ? a : r.
    static void cmov(Point& r, const Point& a, u64 mask) {
        cmov_limbs(r.x, a.x, mask);
        cmov_limbs(r.y, a.y, mask);
        cmov_limbs(r.z, a.z, mask);
    }
    static void cmov(Aff& r, const Aff& a, u64 mask) {
        cmov_limbs(r.x, a.x, mask);
        cmov_limbs(r.y, a.y, mask);
    }
    // y = mask ? -y : y.
    static void cneg_y(Fe& y, u64 mask) {
        Fe n;
        F::neg(n, y);
        cmov_limbs(y, n, mask);
    }

    // Affine (x, y) from p; zero coordinates and a zero mask when p is infinity.
    // Constant time (Fermat inversion). Returns all-ones when p is finite.
    static u64 to_affine(Aff& r, const Point& p) {
        Fe zinv;
        F::inv(zinv, p.z);
        F::mul(r.x, p.x, zinv);
        F::mul(r.y, p.y, zinv);
        return ~F::is_zero(p.z);
    }

    // y^2 == x^3 + ax + b for Montgomery-domain x, y (all-ones when on the curve).
    static u64 on_curve(const Fe& x, const Fe& y) {
        Fe lhs, rhs;
        F::sqr(lhs, y);
        curve_rhs(rhs, x);
        return F::eq(lhs, rhs);
    }
    static void curve_rhs(Fe& rhs, const Fe& x) {
        Fe t;
        F::sqr(t, x);
        F::add(t, t, kA);  // x^2 + a
        F::mul(t, t, x);   // x^3 + ax
        F::add(rhs, t, kB);
    }
};

}  // namespace keel::crypto::ec::detail
