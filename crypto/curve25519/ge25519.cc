// edwards25519 group operations (RFC 8032 §5.1) over the radix-2^51 field.
// Formula references: Hisil-Wong-Carter-Dawson 2008 ("HWCD"), as named in the EFD:
// dbl-2008-hwcd, add-2008-hwcd-3 (a = -1, k = 2d).
#include "crypto/curve25519/internal/ge25519.h"

#include "base/ct.h"
#include "base/secret.h"

namespace keel::crypto::detail::ge25519 {

using namespace fe25519;

namespace {

// d = -121665/121666 and 2d, radix 2^51 limbs.
constexpr Fe25519 kD = {
    {0x34dca135978a3, 0x1a8283b156ebd, 0x5e7a26001c029, 0x739c663a03cbb, 0x52036cee2b6ff}};
constexpr Fe25519 kD2 = {
    {0x69b9426b2f159, 0x35050762add7a, 0x3cf44c0038052, 0x6738cc7407977, 0x2406d9dc56dff}};
// sqrt(-1) = 2^((p-1)/4).
constexpr Fe25519 kSqrtM1 = {
    {0x61b274a0ea0b0, 0xd5a5fc8f189d, 0x7ef5e9cbd0c60, 0x78595a6804c9e, 0x2b8324804fc1d}};
// RFC 8032 §5.1: B = (x, 4/5) with x even.
constexpr uint8_t kBaseEncoding[32] = {
    0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
    0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66};

// Odd multiples 1B, 3B, ..., 127B for the width-8 NAF of the verifier's b.
constexpr int kBaseWindow = 8;
constexpr int kBaseOdd = 1 << (kBaseWindow - 2);
// Odd multiples 1A, ..., 15A for the width-5 NAF of the verifier's a.
constexpr int kPointWindow = 5;
constexpr int kPointOdd = 1 << (kPointWindow - 2);

struct Tables {
    // comb[i][j] = (j + 1) * 256^i * B: the fixed-base table (32 rows of 8).
    GePrecomp comb[32][8];
    GePrecomp odd[kBaseOdd];
};

void precomp_identity(GePrecomp& t) {
    one(t.ypx);
    one(t.ymx);
    zero(t.xy2d);
}

// Affine-normalizes n points with one inversion (Montgomery's trick). Public data.
void normalize(GePrecomp* out, const GeP3* pts, size_t n) {
    Fe25519* prefix = new Fe25519[n];
    prefix[0] = pts[0].Z;
    for (size_t i = 1; i < n; i++) mul(prefix[i], prefix[i - 1], pts[i].Z);
    Fe25519 inv;
    invert(inv, prefix[n - 1]);
    for (size_t i = n; i-- > 0;) {
        Fe25519 zi;
        if (i > 0) {
            mul(zi, inv, prefix[i - 1]);
            mul(inv, inv, pts[i].Z);
        } else {
            zi = inv;
        }
        Fe25519 x, y;
        mul(x, pts[i].X, zi);
        mul(y, pts[i].Y, zi);
        fe25519::add(out[i].ypx, y, x);
        carry(out[i].ypx);
        fe25519::sub(out[i].ymx, y, x);
        carry(out[i].ymx);
        mul(out[i].xy2d, x, y);
        mul(out[i].xy2d, out[i].xy2d, kD2);
    }
    delete[] prefix;
}

const Tables& tables() {
    static const Tables* t = [] {
        auto* tab = new Tables;
        constexpr size_t kN = 32 * 8 + kBaseOdd;
        GeP3* pts = new GeP3[kN];
        GeP3 base;
        from_bytes_vartime(base, kBaseEncoding);
        GeP3 row = base;
        GeP1P1 s;
        for (int i = 0; i < 32; i++) {
            GeCached rc;
            to_cached(rc, row);
            pts[i * 8] = row;
            for (int j = 1; j < 8; j++) {
                add(s, pts[i * 8 + j - 1], rc);
                to_p3(pts[i * 8 + j], s);
            }
            for (int k = 0; k < 8; k++) {
                dbl(s, row);
                to_p3(row, s);
            }
        }
        GeP3 b2;
        dbl(s, base);
        to_p3(b2, s);
        GeCached b2c;
        to_cached(b2c, b2);
        pts[256] = base;
        for (int j = 1; j < kBaseOdd; j++) {
            add(s, pts[256 + j - 1], b2c);
            to_p3(pts[256 + j], s);
        }
        normalize(&tab->comb[0][0], pts, 256);
        normalize(tab->odd, pts + 256, kBaseOdd);
        delete[] pts;
        return tab;
    }();
    return *t;
}

// t = b * comb[pos][.] for a secret digit b in [-8, 8]: reads all eight entries and
// keeps the wanted one with masks, then negates with masks (-(x,y) = (-x, y)).
void select(GePrecomp& t, int pos, int8_t b) {
    const auto& row = tables().comb[pos];
    const uint8_t ub = static_cast<uint8_t>(b);
    const uint8_t negative = ub >> 7;
    const uint8_t babs = static_cast<uint8_t>((ub ^ (0 - negative)) + negative);
    precomp_identity(t);
    for (int j = 0; j < 8; j++) {
        uint64_t m = ct::eq<uint64_t>(babs, static_cast<uint64_t>(j + 1));
        cmov(t.ypx, row[j].ypx, m);
        cmov(t.ymx, row[j].ymx, m);
        cmov(t.xy2d, row[j].xy2d, m);
    }
    GePrecomp minus;
    minus.ypx = t.ymx;
    minus.ymx = t.ypx;
    neg(minus.xy2d, t.xy2d);
    uint64_t m = ct::mask_from_bit<uint64_t>(negative);
    cmov(t.ypx, minus.ypx, m);
    cmov(t.ymx, minus.ymx, m);
    cmov(t.xy2d, minus.xy2d, m);
}

// Width-w NAF of a public 256-bit scalar: digits odd, |d| < 2^(w-1), nonzero digits
// at least w positions apart. Returns the index of the highest nonzero digit or -1.
int wnaf_vartime(int8_t naf[257], const uint8_t s[32], int w) {
    uint64_t k[6] = {0, 0, 0, 0, 0, 0};
    for (int i = 0; i < 32; i++) k[i / 8] |= static_cast<uint64_t>(s[i]) << (8 * (i % 8));
    for (int i = 0; i < 257; i++) naf[i] = 0;
    auto bits = [&](int pos, int n) {
        uint64_t lo = k[pos / 64] >> (pos % 64);
        if (pos % 64 != 0 && pos / 64 + 1 < 6) lo |= k[pos / 64 + 1] << (64 - pos % 64);
        return static_cast<int>(lo & ((uint64_t{1} << n) - 1));
    };
    int top = -1;
    for (int pos = 0; pos < 257;) {
        if (bits(pos, 1) == 0) {
            pos++;
            continue;
        }
        int v = bits(pos, w);
        // Clear the window, then add 2^w back when the digit is negative.
        for (int i = 0; i < w; i++) {
            int b = pos + i;
            k[b / 64] &= ~(uint64_t{1} << (b % 64));
        }
        if (v >= (1 << (w - 1))) {
            v -= 1 << w;
            for (int b = pos + w; b < 6 * 64; b++) {  // propagate the carry
                uint64_t bit = uint64_t{1} << (b % 64);
                k[b / 64] ^= bit;
                if (k[b / 64] & bit) break;
            }
        }
        naf[pos] = static_cast<int8_t>(v);
        top = pos;
        pos += w;
    }
    return top;
}

}  // namespace

void identity(GeP3& p) {
    zero(p.X);
    one(p.Y);
    one(p.Z);
    zero(p.T);
}

void to_p2(GeP2& r, const GeP1P1& p) {
    mul(r.X, p.E, p.F);
    mul(r.Y, p.G, p.H);
    mul(r.Z, p.F, p.G);
}

void to_p3(GeP3& r, const GeP1P1& p) {
    mul(r.X, p.E, p.F);
    mul(r.Y, p.G, p.H);
    mul(r.Z, p.F, p.G);
    mul(r.T, p.E, p.H);
}

void to_cached(GeCached& r, const GeP3& p) {
    fe25519::add(r.ypx, p.Y, p.X);
    fe25519::sub(r.ymx, p.Y, p.X);
    r.Z = p.Z;
    mul(r.t2d, p.T, kD2);
}

// dbl-2008-hwcd for a = -1, with F and H negated (which negates all four outputs and
// so leaves the projective point unchanged) to keep every subtraction's subtrahend
// below 2^53: A = X^2, B = Y^2, C = 2Z^2, E = (X+Y)^2 - A - B, G = B - A,
// F' = C + A - B, H' = A + B.
static void dbl_xyz(GeP1P1& r, const Fe25519& X, const Fe25519& Y, const Fe25519& Z) {
    Fe25519 a, b, c, xy;
    sq(a, X);
    sq(b, Y);
    sq(c, Z);
    fe25519::add(c, c, c);  // < 2^52.1
    fe25519::add(xy, X, Y);
    sq(xy, xy);
    fe25519::add(r.H, a, b);     // < 2^52.1
    fe25519::sub(r.E, xy, r.H);  // < 2^53.1
    fe25519::sub(r.G, b, a);     // < 2^53.1
    fe25519::add(c, c, a);       // < 2^52.6
    fe25519::sub(r.F, c, b);     // < 2^53.8
}

void dbl(GeP1P1& r, const GeP2& p) {
    dbl_xyz(r, p.X, p.Y, p.Z);
}
void dbl(GeP1P1& r, const GeP3& p) {
    dbl_xyz(r, p.X, p.Y, p.Z);
}

// add-2008-hwcd-3: A = (Y1-X1)(Y2-X2), B = (Y1+X1)(Y2+X2), C = T1*2d*T2, D = 2 Z1 Z2,
// E = B - A, F = D - C, G = D + C, H = B + A. Subtraction swaps the roles of
// (Y2+X2, Y2-X2) and the sign of C, since -(x, y) = (-x, y).
static void add_core(GeP1P1& r, const GeP3& p, const Fe25519& q_ypx, const Fe25519& q_ymx,
                     const Fe25519& q_t2d, const Fe25519* q_z, bool subtract) {
    Fe25519 ypx, ymx, a, b, c, d;
    fe25519::add(ypx, p.Y, p.X);
    fe25519::sub(ymx, p.Y, p.X);
    mul(a, ymx, subtract ? q_ypx : q_ymx);
    mul(b, ypx, subtract ? q_ymx : q_ypx);
    mul(c, p.T, q_t2d);
    if (q_z) {
        mul(d, p.Z, *q_z);
        fe25519::add(d, d, d);
    } else {
        fe25519::add(d, p.Z, p.Z);
    }
    fe25519::sub(r.E, b, a);
    fe25519::add(r.H, b, a);
    if (subtract) {
        fe25519::add(r.F, d, c);
        fe25519::sub(r.G, d, c);
    } else {
        fe25519::sub(r.F, d, c);
        fe25519::add(r.G, d, c);
    }
}

void add(GeP1P1& r, const GeP3& p, const GeCached& q) {
    add_core(r, p, q.ypx, q.ymx, q.t2d, &q.Z, false);
}
void sub(GeP1P1& r, const GeP3& p, const GeCached& q) {
    add_core(r, p, q.ypx, q.ymx, q.t2d, &q.Z, true);
}
void madd(GeP1P1& r, const GeP3& p, const GePrecomp& q) {
    add_core(r, p, q.ypx, q.ymx, q.xy2d, nullptr, false);
}
void msub(GeP1P1& r, const GeP3& p, const GePrecomp& q) {
    add_core(r, p, q.ypx, q.ymx, q.xy2d, nullptr, true);
}

static void encode(uint8_t out[32], const Fe25519& X, const Fe25519& Y, const Fe25519& Z) {
    Fe25519 zi, x, y;
    invert(zi, Z);
    mul(x, X, zi);
    mul(y, Y, zi);
    fe25519::to_bytes(out, y);
    out[31] ^= static_cast<uint8_t>(is_negative(x) << 7);
}

void to_bytes(uint8_t out[32], const GeP3& p) {
    encode(out, p.X, p.Y, p.Z);
}
void to_bytes(uint8_t out[32], const GeP2& p) {
    encode(out, p.X, p.Y, p.Z);
}

bool from_bytes_vartime(GeP3& p, const uint8_t in[32]) {
    Fe25519 y, u, v, v3, x, vx2, t;
    fe25519::from_bytes(y, in);
    uint8_t canon[32];
    fe25519::to_bytes(canon, y);
    for (int i = 0; i < 31; i++) {
        if (canon[i] != in[i]) return false;  // y >= p
    }
    if (canon[31] != (in[31] & 0x7f)) return false;
    const uint64_t sign = in[31] >> 7;

    // RFC 8032 §5.1.3: x = u v^3 (u v^7)^((p-5)/8), u = y^2 - 1, v = d y^2 + 1.
    Fe25519 one_fe;
    one(one_fe);
    sq(u, y);
    mul(v, u, kD);
    fe25519::add(v, v, one_fe);
    fe25519::sub(u, u, one_fe);
    sq(v3, v);
    mul(v3, v3, v);  // v^3
    sq(x, v3);
    mul(x, x, v);  // v^7
    mul(x, x, u);  // u v^7
    pow22523(x, x);
    mul(x, x, v3);
    mul(x, x, u);
    sq(vx2, x);
    mul(vx2, vx2, v);
    fe25519::sub(t, vx2, u);
    if (!is_zero(t)) {
        fe25519::add(t, vx2, u);
        if (!is_zero(t)) return false;  // no square root: not a point
        mul(x, x, kSqrtM1);
    }
    if (is_zero(x) && sign) return false;
    if (is_negative(x) != sign) {
        neg(x, x);
        carry(x);
    }
    p.X = x;
    p.Y = y;
    one(p.Z);
    mul(p.T, x, y);
    return true;
}

void base_mul(GeP3& r, const uint8_t a[32]) {
    // Signed radix-16 digits e[i] in [-8, 8): a = sum e[i] 16^i (a < 2^255).
    int8_t e[64];
    for (int i = 0; i < 32; i++) {
        e[2 * i] = static_cast<int8_t>(a[i] & 15);
        e[2 * i + 1] = static_cast<int8_t>((a[i] >> 4) & 15);
    }
    int8_t carry_digit = 0;
    for (int i = 0; i < 63; i++) {
        e[i] = static_cast<int8_t>(e[i] + carry_digit);
        carry_digit = static_cast<int8_t>((e[i] + 8) >> 4);  // arithmetic shift, no branch
        e[i] = static_cast<int8_t>(e[i] - carry_digit * 16);
    }
    e[63] = static_cast<int8_t>(e[63] + carry_digit);  // <= 8 since a < 2^255

    // sum over odd i of e[i] 16^i B = 16 * sum e[i] 256^((i-1)/2) B, then the even ones.
    GeP1P1 s;
    GeP2 q;
    GePrecomp t;
    identity(r);
    for (int i = 1; i < 64; i += 2) {
        select(t, i / 2, e[i]);
        madd(s, r, t);
        to_p3(r, s);
    }
    dbl(s, r);
    to_p2(q, s);
    dbl(s, q);
    to_p2(q, s);
    dbl(s, q);
    to_p2(q, s);
    dbl(s, q);
    to_p3(r, s);
    for (int i = 0; i < 64; i += 2) {
        select(t, i / 2, e[i]);
        madd(s, r, t);
        to_p3(r, s);
    }
    secure_wipe(e, sizeof e);
}

void double_scalarmult_vartime(GeP2& r, const uint8_t a[32], const GeP3& A, const uint8_t b[32]) {
    int8_t na[257], nb[257];
    const int ta = wnaf_vartime(na, a, kPointWindow);
    const int tb = wnaf_vartime(nb, b, kBaseWindow);
    const GePrecomp* odd_b = tables().odd;

    GeCached odd_a[kPointOdd];  // A, 3A, ..., 15A
    GeP1P1 s;
    GeP3 a2, u;
    to_cached(odd_a[0], A);
    dbl(s, A);
    to_p3(a2, s);
    u = A;
    for (int i = 1; i < kPointOdd; i++) {
        add(s, a2, odd_a[i - 1]);
        to_p3(u, s);
        to_cached(odd_a[i], u);
    }

    zero(r.X);
    one(r.Y);
    one(r.Z);
    for (int i = ta > tb ? ta : tb; i >= 0; i--) {
        dbl(s, r);
        if (na[i] > 0) {
            to_p3(u, s);
            add(s, u, odd_a[na[i] / 2]);
        } else if (na[i] < 0) {
            to_p3(u, s);
            sub(s, u, odd_a[-na[i] / 2]);
        }
        if (nb[i] > 0) {
            to_p3(u, s);
            madd(s, u, odd_b[nb[i] / 2]);
        } else if (nb[i] < 0) {
            to_p3(u, s);
            msub(s, u, odd_b[-nb[i] / 2]);
        }
        to_p2(r, s);
    }
}

}  // namespace keel::crypto::detail::ge25519
