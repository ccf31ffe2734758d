// DSA verification (FIPS 186-4 §4.7). Public data only: variable time is fine.
#include <string>

#include "crypto/legacy/dsa.h"

namespace keel::crypto {

using bn::Limb;
using bn::Nat;

namespace {

// Big-endian integer -> limbs, strictly below `below` (limbs of below's size).
bool parse_below(ByteView v, const bn::Modulus& m, Nat* out) {
    size_t i = 0;
    while (i < v.size() && v[i] == 0) i++;
    *out = Nat(m.limbs());
    if (!bn::from_bytes(out->data(), m.limbs(), v.subspan(i))) return false;
    return bn::lt_mask(out->data(), m.value(), m.limbs()) != 0;
}

// x mod m for any length of x, Horner over m-sized chunks with the wide reduction
// (each step's value is below m * R, as reduce_wide requires).
void reduce_long(const bn::Modulus& m, Limb* r, const Limb* x, size_t xn) {
    const size_t n = m.limbs();
    Nat acc(n), buf(2 * n);
    size_t chunks = (xn + n - 1) / n;
    for (size_t c = chunks; c-- > 0;) {
        for (size_t i = 0; i < n; i++) {
            size_t idx = c * n + i;
            buf[i] = idx < xn ? x[idx] : 0;
            buf[n + i] = acc[i];
        }
        m.reduce_wide(acc.data(), buf.data(), 2 * n);
    }
    for (size_t i = 0; i < n; i++) r[i] = acc[i];
}

}  // namespace

Result<DsaPublicKey> DsaPublicKey::from_components(ByteView p, ByteView q, ByteView g, ByteView y) {
    auto pm = bn::Modulus::from_bytes(p);
    auto qm = bn::Modulus::from_bytes(q);
    if (!pm || !qm) return Error(Errc::invalid_argument, "DSA p or q is not an odd integer > 1");
    if (pm->bits() < 1024 || pm->bits() > 3072) {
        return Error(Errc::invalid_argument, "DSA p of " + std::to_string(pm->bits()) + " bits");
    }
    if (qm->bits() < 160 || qm->bits() > 256) {
        return Error(Errc::invalid_argument, "DSA q of " + std::to_string(qm->bits()) + " bits");
    }
    DsaPublicKey k;
    if (!parse_below(g, *pm, &k.g_) || !parse_below(y, *pm, &k.y_)) {
        return Error(Errc::invalid_argument, "DSA g or y not below p");
    }
    Nat one(pm->limbs());
    one[0] = 1;
    if (!bn::lt_mask(one.data(), k.g_.data(), pm->limbs()) ||
        !bn::lt_mask(one.data(), k.y_.data(), pm->limbs())) {
        return Error(Errc::invalid_argument, "DSA g or y is 0 or 1");
    }
    k.p_ = std::make_shared<const bn::Modulus>(std::move(pm.value()));
    k.q_ = std::make_shared<const bn::Modulus>(std::move(qm.value()));
    return k;
}

Result<void> DsaPublicKey::verify_digest(ByteView digest, ByteView r_be, ByteView s_be) const {
    const Error bad(Errc::auth_failed, "DSA signature does not verify");
    const bn::Modulus& q = *q_;
    const bn::Modulus& p = *p_;
    const size_t qn = q.limbs(), pn = p.limbs();
    // §4.7 step 1: 0 < r < q, 0 < s < q.
    Nat r, s;
    if (!parse_below(r_be, q, &r) || !parse_below(s_be, q, &s)) return bad;
    if (bn::is_zero_mask(r.data(), qn) || bn::is_zero_mask(s.data(), qn)) return bad;
    // z = the leftmost min(N, outlen) bits of the digest (§4.6), then mod q (z < 2^N < 2q).
    const size_t n_bits = q.bits();
    Bytes zb(digest.begin(), digest.end());
    if (zb.size() * 8 > n_bits) zb.resize((n_bits + 7) / 8);
    Nat z(qn + 1);
    (void)bn::from_bytes(z.data(), qn + 1, zb);
    if (zb.size() * 8 > n_bits) {
        // Drop the excess low bits of the last kept byte.
        size_t shift = zb.size() * 8 - n_bits;
        for (size_t i = 0; i < qn + 1; i++) {
            z[i] = (z[i] >> shift) | (i + 1 < qn + 1 ? z[i + 1] << (64 - shift) : 0);
        }
    }
    Nat zr(qn);
    reduce_long(q, zr.data(), z.data(), qn + 1);
    // w = s^-1 mod q; u1 = z w, u2 = r w (mod q).
    Nat w(qn), u1(qn), u2(qn);
    if (!q.inverse(w.data(), s.data())) return bad;
    q.mul_mod(u1.data(), zr.data(), w.data());
    q.mul_mod(u2.data(), r.data(), w.data());
    // v = (g^u1 y^u2 mod p) mod q.
    Nat a(pn), b(pn), v(pn), vq(qn);
    Nat e1(pn), e2(pn);
    for (size_t i = 0; i < qn; i++) e1[i] = u1[i], e2[i] = u2[i];
    p.exp_vartime(a.data(), g_.data(), e1.data(), pn);
    p.exp_vartime(b.data(), y_.data(), e2.data(), pn);
    p.mul_mod(v.data(), a.data(), b.data());
    reduce_long(q, vq.data(), v.data(), pn);
    if (!bn::eq_mask(vq.data(), r.data(), qn)) return bad;
    return ok();
}

Result<void> DsaPublicKey::verify(HashAlg hash, ByteView message, ByteView r, ByteView s) const {
    AnyDigest d = AnyHash::hash(hash, message);
    return verify_digest(d.view(), r, s);
}

}  // namespace keel::crypto
