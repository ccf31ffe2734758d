// edwards448 group operations and scalars mod L (RFC 8032 §5.2).
#include "crypto/curve448/internal/ge448.h"

#include "base/ct.h"
#include "base/secret.h"
#include "crypto/curve25519/internal/barrett.h"

namespace keel::crypto::detail {

namespace sc448 {
namespace {
// L = 2^446 - 13818066809895115352007386748515426880336692474882178609894547503885.
constexpr uint64_t kL[7] = {0x2378c292ab5844f3, 0x216cc2728dc58f55, 0xc44edb49aed63690,
                            0xffffffff7cca23e9, 0xffffffffffffffff, 0xffffffffffffffff,
                            0x3fffffffffffffff};
// floor(2^896 / L).
constexpr uint64_t kMu[8] = {
    0xc873d6d54a7bb0e0, 0xe933d8d723a70aad, 0xbb124b65129c96fd, 0x8335dc163, 0, 0, 0, 4};
// 2^896 mod L, to fold the top 16 bits of a 912-bit hash.
constexpr uint64_t kR896[7] = {0xe3539257049b9b60, 0x7af32c4bc1b195d9, 0xd66de2388ea1859,
                               0xae17cf725ee4d838, 0x1a9cc14ba3c47c44, 0x2052bcb7e4d070af,
                               0x3402a939f823b729};
}  // namespace

void reduce114(uint8_t out[56], const uint8_t in[114]) {
    uint64_t x[14], r[7];
    barrett::load_le(x, 14, in, 112);
    barrett::reduce<7>(r, x, kL, kMu);
    // + hi * (2^896 mod L), hi = the top 16 bits; < 2^463, so one more reduction.
    const uint64_t hi = in[112] | (static_cast<uint64_t>(in[113]) << 8);
    uint64_t carry = 0;
    for (int i = 0; i < 14; i++) {
        barrett::u128 t = (i < 7 ? static_cast<barrett::u128>(kR896[i]) * hi + r[i] : 0) + carry;
        x[i] = static_cast<uint64_t>(t);
        carry = static_cast<uint64_t>(t >> 64);
    }
    barrett::reduce<7>(r, x, kL, kMu);
    barrett::store_le(out, 56, r);
    secure_wipe(x, sizeof x);
    secure_wipe(r, sizeof r);
}

void reduce56(uint8_t out[56], const uint8_t in[56]) {
    uint64_t x[14], r[7];
    barrett::load_le(x, 14, in, 56);
    barrett::reduce<7>(r, x, kL, kMu);
    barrett::store_le(out, 56, r);
    secure_wipe(x, sizeof x);
    secure_wipe(r, sizeof r);
}

void muladd(uint8_t out[56], const uint8_t a[56], const uint8_t b[56], const uint8_t c[56]) {
    uint64_t la[7], lb[7], lc[7], x[14], r[7];
    barrett::load_le(la, 7, a, 56);
    barrett::load_le(lb, 7, b, 56);
    barrett::load_le(lc, 7, c, 56);
    barrett::mul<7, 7>(x, la, lb);
    uint64_t carry = 0;
    for (int i = 0; i < 14; i++) {
        barrett::u128 t = static_cast<barrett::u128>(x[i]) + (i < 7 ? lc[i] : 0) + carry;
        x[i] = static_cast<uint64_t>(t);
        carry = static_cast<uint64_t>(t >> 64);
    }
    barrett::reduce<7>(r, x, kL, kMu);
    barrett::store_le(out, 56, r);
    secure_wipe(la, sizeof la);
    secure_wipe(lb, sizeof lb);
    secure_wipe(x, sizeof x);
    secure_wipe(r, sizeof r);
}

bool is_canonical_vartime(const uint8_t s[57]) {
    if (s[56] != 0) return false;
    uint64_t v[7];
    barrett::load_le(v, 7, s, 56);
    for (int i = 6; i >= 0; i--) {
        if (v[i] != kL[i]) return v[i] < kL[i];
    }
    return false;
}
}  // namespace sc448

namespace ge448 {

using namespace fe448;

namespace {
constexpr uint32_t kMinusD = 39081;  // d = -39081
// RFC 8032 §5.2: the base point's encoding (y, with x even).
constexpr uint8_t kBaseEncoding[57] = {
    0x14, 0xfa, 0x30, 0xf2, 0x5b, 0x79, 0x08, 0x98, 0xad, 0xc8, 0xd7, 0x4e, 0x2c, 0x13, 0xbd,
    0xfd, 0xc4, 0x39, 0x7c, 0xe6, 0x1c, 0xff, 0xd3, 0x3a, 0xd7, 0xc2, 0xa0, 0x05, 0x1e, 0x9c,
    0x78, 0x87, 0x40, 0x98, 0xa3, 0x6c, 0x73, 0x73, 0xea, 0x4b, 0x62, 0xc7, 0xc9, 0x56, 0x37,
    0x20, 0x76, 0x88, 0x24, 0xbc, 0xb6, 0x6e, 0x71, 0x46, 0x3f, 0x69, 0x00};

constexpr int kRows = 56;       // 112 signed radix-16 digits, odd/even split
constexpr int kBaseWindow = 7;  // width-7 NAF of the verifier's b
constexpr int kBaseOdd = 1 << (kBaseWindow - 2);
constexpr int kPointWindow = 5;  // width-5 NAF of the verifier's a
constexpr int kPointOdd = 1 << (kPointWindow - 2);

struct Tables {
    Ge448Affine comb[kRows][8];  // comb[i][j] = (j + 1) 256^i B
    Ge448Affine odd[kBaseOdd];   // B, 3B, ..., 63B
};

void normalize(Ge448Affine* out, const Ge448* pts, size_t n) {
    Fe448* prefix = new Fe448[n];
    prefix[0] = pts[0].Z;
    for (size_t i = 1; i < n; i++) mul(prefix[i], prefix[i - 1], pts[i].Z);
    Fe448 inv;
    invert(inv, prefix[n - 1]);
    for (size_t i = n; i-- > 0;) {
        Fe448 zi;
        if (i > 0) {
            mul(zi, inv, prefix[i - 1]);
            mul(inv, inv, pts[i].Z);
        } else {
            zi = inv;
        }
        mul(out[i].x, pts[i].X, zi);
        mul(out[i].y, pts[i].Y, zi);
    }
    delete[] prefix;
}

const Tables& tables() {
    static const Tables* t = [] {
        auto* tab = new Tables;
        constexpr size_t kN = kRows * 8 + kBaseOdd;
        Ge448* pts = new Ge448[kN];
        Ge448 base, row;
        from_bytes_vartime(base, kBaseEncoding);
        row = base;
        for (int i = 0; i < kRows; i++) {
            pts[i * 8] = row;
            for (int j = 1; j < 8; j++) add(pts[i * 8 + j], pts[i * 8 + j - 1], row);
            for (int k = 0; k < 8; k++) dbl(row, row);
        }
        Ge448 b2;
        dbl(b2, base);
        pts[kRows * 8] = base;
        for (int j = 1; j < kBaseOdd; j++) add(pts[kRows * 8 + j], pts[kRows * 8 + j - 1], b2);
        normalize(&tab->comb[0][0], pts, kRows * 8);
        normalize(tab->odd, pts + kRows * 8, kBaseOdd);
        delete[] pts;
        return tab;
    }();
    return *t;
}

// t = b * comb[pos][.] for a secret digit b in [-8, 8]: masked scan of all eight
// entries, then a masked negation (-(x, y) = (-x, y)).
void select(Ge448Affine& t, int pos, int8_t b) {
    const auto& row = tables().comb[pos];
    const uint8_t ub = static_cast<uint8_t>(b);
    const uint8_t negative = ub >> 7;
    const uint8_t babs = static_cast<uint8_t>((ub ^ (0 - negative)) + negative);
    zero(t.x);
    one(t.y);
    for (int j = 0; j < 8; j++) {
        uint64_t m = ct::eq<uint64_t>(babs, static_cast<uint64_t>(j + 1));
        cmov(t.x, row[j].x, m);
        cmov(t.y, row[j].y, m);
    }
    Fe448 nx;
    fe448::neg(nx, t.x);
    cmov(t.x, nx, ct::mask_from_bit<uint64_t>(negative));
}

int wnaf_vartime(int8_t naf[450], const uint8_t s[56], int w) {
    uint64_t k[9] = {};
    for (int i = 0; i < 56; i++) k[i / 8] |= static_cast<uint64_t>(s[i]) << (8 * (i % 8));
    for (int i = 0; i < 450; i++) naf[i] = 0;
    auto bits = [&](int pos, int n) {
        uint64_t lo = k[pos / 64] >> (pos % 64);
        if (pos % 64 != 0 && pos / 64 + 1 < 9) lo |= k[pos / 64 + 1] << (64 - pos % 64);
        return static_cast<int>(lo & ((uint64_t{1} << n) - 1));
    };
    int top = -1;
    for (int pos = 0; pos < 450;) {
        if (bits(pos, 1) == 0) {
            pos++;
            continue;
        }
        int v = bits(pos, w);
        for (int i = 0; i < w; i++) k[(pos + i) / 64] &= ~(uint64_t{1} << ((pos + i) % 64));
        if (v >= (1 << (w - 1))) {
            v -= 1 << w;
            for (int b = pos + w; b < 9 * 64; b++) {
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

void identity(Ge448& p) {
    zero(p.X);
    one(p.Y);
    one(p.Z);
}

// RFC 8032 §5.2.4 doubling: B = (X+Y)^2, C = X^2, D = Y^2, E = C + D, H = Z^2,
// J = E - 2H, X3 = (B - E) J, Y3 = E (C - D), Z3 = E J.
void dbl(Ge448& r, const Ge448& p) {
    Fe448 b, c, d, e, h, j, t;
    fe448::add(t, p.X, p.Y);
    sq(b, t);
    sq(c, p.X);
    sq(d, p.Y);
    fe448::add(e, c, d);  // < 2^57.1
    sq(h, p.Z);
    fe448::add(h, h, h);
    sub(j, e, h);
    sub(t, b, e);
    mul(r.X, t, j);
    sub(t, c, d);
    mul(r.Y, e, t);
    mul(r.Z, e, j);
}

// RFC 8032 §5.2.4 addition with A = Z1 Z2 (or Z1 when Z2 = 1): B = A^2, C = X1 X2,
// D = Y1 Y2, E = d C D, F = B - E, G = B + E, H = (X1+Y1)(X2+Y2),
// X3 = A F (H - C - D), Y3 = A G (D - C), Z3 = F G.
static void add_core(Ge448& r, const Ge448& p, const Fe448& x2, const Fe448& y2, const Fe448* z2) {
    Fe448 a, b, c, d, e, f, g, h, t, u;
    if (z2) {
        mul(a, p.Z, *z2);
    } else {
        a = p.Z;
    }
    sq(b, a);
    mul(c, p.X, x2);
    mul(d, p.Y, y2);
    mul(e, c, d);
    mul_small(e, e, kMinusD);  // -E
    fe448::add(f, b, e);
    sub(g, b, e);
    fe448::add(t, p.X, p.Y);
    fe448::add(u, x2, y2);
    mul(h, t, u);
    fe448::add(t, c, d);
    sub(h, h, t);
    mul(h, h, a);
    mul(r.X, h, f);
    sub(t, d, c);
    mul(t, t, a);
    mul(r.Y, t, g);
    mul(r.Z, f, g);
}

void add(Ge448& r, const Ge448& p, const Ge448& q) {
    add_core(r, p, q.X, q.Y, &q.Z);
}
void madd(Ge448& r, const Ge448& p, const Ge448Affine& q) {
    add_core(r, p, q.x, q.y, nullptr);
}

void neg(Ge448& r, const Ge448& p) {
    fe448::neg(r.X, p.X);
    carry(r.X);
    r.Y = p.Y;
    r.Z = p.Z;
}

void to_bytes(uint8_t out[57], const Ge448& p) {
    Fe448 zi, x, y;
    invert(zi, p.Z);
    mul(x, p.X, zi);
    mul(y, p.Y, zi);
    fe448::to_bytes(out, y);
    out[56] = static_cast<uint8_t>(is_negative(x) << 7);
}

bool from_bytes_vartime(Ge448& p, const uint8_t in[57]) {
    if ((in[56] & 0x7f) != 0) return false;
    Fe448 y;
    fe448::from_bytes(y, in);
    uint8_t canon[56];
    fe448::to_bytes(canon, y);
    for (int i = 0; i < 56; i++) {
        if (canon[i] != in[i]) return false;  // y >= p
    }
    const uint64_t sign = in[56] >> 7;
    // §5.2.3: u = y^2 - 1, v = d y^2 - 1, x = u^3 v (u^5 v^3)^((p-3)/4).
    Fe448 one_fe, u, v, y2, u2, u3, u5, v3, t, x;
    one(one_fe);
    sq(y2, y);
    sub(u, y2, one_fe);
    mul_small(v, y2, kMinusD);
    fe448::neg(v, v);
    sub(v, v, one_fe);
    carry(v);
    sq(u2, u);
    mul(u3, u2, u);
    mul(u5, u3, u2);
    sq(v3, v);
    mul(v3, v3, v);
    mul(t, u5, v3);
    pow_p34(t, t);
    mul(x, u3, v);
    mul(x, x, t);
    // Check v x^2 = u.
    sq(t, x);
    mul(t, t, v);
    sub(t, t, u);
    if (!is_zero(t)) return false;
    if (is_zero(x) && sign) return false;
    if (is_negative(x) != sign) {
        fe448::neg(x, x);
        carry(x);
    }
    p.X = x;
    p.Y = y;
    one(p.Z);
    return true;
}

void base_mul(Ge448& r, const uint8_t a[56]) {
    // Signed radix-16 digits in [-8, 8): a < L < 2^446, so the top digit stays <= 8.
    int8_t e[112];
    for (int i = 0; i < 56; i++) {
        e[2 * i] = static_cast<int8_t>(a[i] & 15);
        e[2 * i + 1] = static_cast<int8_t>((a[i] >> 4) & 15);
    }
    int8_t carry_digit = 0;
    for (int i = 0; i < 111; i++) {
        e[i] = static_cast<int8_t>(e[i] + carry_digit);
        carry_digit = static_cast<int8_t>((e[i] + 8) >> 4);
        e[i] = static_cast<int8_t>(e[i] - carry_digit * 16);
    }
    e[111] = static_cast<int8_t>(e[111] + carry_digit);
    Ge448Affine t;
    identity(r);
    for (int i = 1; i < 112; i += 2) {
        select(t, i / 2, e[i]);
        madd(r, r, t);
    }
    for (int k = 0; k < 4; k++) dbl(r, r);
    for (int i = 0; i < 112; i += 2) {
        select(t, i / 2, e[i]);
        madd(r, r, t);
    }
    secure_wipe(e, sizeof e);
}

void double_scalarmult_vartime(Ge448& r, const uint8_t a[56], const Ge448& A, const uint8_t b[56]) {
    int8_t na[450], nb[450];
    const int ta = wnaf_vartime(na, a, kPointWindow);
    const int tb = wnaf_vartime(nb, b, kBaseWindow);
    const Ge448Affine* odd_b = tables().odd;
    Ge448 odd_a[kPointOdd], a2;
    odd_a[0] = A;
    dbl(a2, A);
    for (int i = 1; i < kPointOdd; i++) add(odd_a[i], odd_a[i - 1], a2);

    identity(r);
    Ge448 n;
    Ge448Affine nq;
    for (int i = ta > tb ? ta : tb; i >= 0; i--) {
        dbl(r, r);
        if (na[i] > 0) {
            add(r, r, odd_a[na[i] / 2]);
        } else if (na[i] < 0) {
            neg(n, odd_a[-na[i] / 2]);
            add(r, r, n);
        }
        if (nb[i] > 0) {
            madd(r, r, odd_b[nb[i] / 2]);
        } else if (nb[i] < 0) {
            nq.y = odd_b[-nb[i] / 2].y;
            fe448::neg(nq.x, odd_b[-nb[i] / 2].x);
            madd(r, r, nq);
        }
    }
}

}  // namespace ge448
}  // namespace keel::crypto::detail
