// RSA keys and the raw operations (RFC 8017 §3, §5): public exponentiation, and the
// private one with blinding, CRT and a fault check.
#include <algorithm>
#include <cstring>
#include <string>

#include "base/ct.h"
#include "crypto/hash/sha256.h"
#include "crypto/rsa/internal/rsa_impl.h"

namespace keel::crypto {

using bn::Limb;
using bn::Nat;

namespace detail {

void (*rsa_fault_injector)(bn::Limb* m, size_t limbs) = nullptr;

namespace {

// Minimal-length big-endian form of a public value (strips leading zero bytes).
ByteView strip(ByteView v) {
    size_t i = 0;
    while (i < v.size() && v[i] == 0) i++;
    return v.subspan(i);
}

}  // namespace

Result<Bytes> rsa_public_op(const RsaShared& k, ByteView input) {
    const size_t n = k.n.limbs();
    if (input.size() != k.n.bytes()) {
        return Error(Errc::malformed, "RSA input is " + std::to_string(input.size()) +
                                          " bytes, modulus is " + std::to_string(k.n.bytes()));
    }
    Limb s[bn::kMaxLimbs], m[bn::kMaxLimbs];
    (void)bn::from_bytes(s, n, input);
    // §5.2.2 step 1: the representative must be below n (public data, plain compare).
    if (!bn::lt_mask(s, k.n.value(), n)) {
        return Error(Errc::malformed, "RSA input not below the modulus");
    }
    k.n.exp_vartime(m, s, k.e.data(), n);
    Bytes out(k.n.bytes());
    bn::to_bytes(out, m, n);
    return out;
}

namespace {

// Garner recombination: m = m2 + q (qinv (m1 - m2) mod p), for m1 < p, m2 < q.
void garner(const RsaShared& k, const RsaPrivateKey::Priv& priv, Limb* m, const Limb* m1,
            const Limb* m2) {
    const bn::Modulus& p = *priv.p;
    const bn::Modulus& q = *priv.q;
    const size_t kl = p.limbs();
    const size_t n = k.n.limbs();
    Limb t[bn::kMaxLimbs];
    p.reduce_wide(t, m2, kl);  // m2 < q < 2^(64 kl)
    p.sub_mod(t, m1, t);
    p.mul_mod(t, t, priv.qinv.data());
    Limb hq[2 * bn::kMaxLimbs];
    bn::mul(hq, t, q.value(), kl);
    Limb m2w[2 * bn::kMaxLimbs] = {};
    for (size_t i = 0; i < kl; i++) m2w[i] = m2[i];
    bn::add(hq, hq, m2w, 2 * kl);
    for (size_t i = 0; i < n; i++) m[i] = hq[i];
    secure_wipe(t, sizeof t);
    secure_wipe(hq, sizeof hq);
    secure_wipe(m2w, sizeof m2w);
}

// m = c^d mod n by the CRT: m1 = c^dp mod p, m2 = c^dq mod q (both at once), then
// Garner. All constant time.
void crt_exp(const RsaShared& k, const RsaPrivateKey::Priv& priv, Limb* m, const Limb* c) {
    const bn::Modulus& p = *priv.p;
    const bn::Modulus& q = *priv.q;
    const size_t n = k.n.limbs();
    Limb cp[bn::kMaxLimbs], cq[bn::kMaxLimbs], m1[bn::kMaxLimbs], m2[bn::kMaxLimbs];
    // c < n = p q < p 2^(64 kl): the reduction precondition holds (limbs(n) <= 2 kl).
    p.reduce_wide(cp, c, n);
    q.reduce_wide(cq, c, n);
    bn::Modulus::exp_x2(p, m1, cp, priv.dp.data(), q, m2, cq, priv.dq.data(),
                        std::max(p.bits(), q.bits()));
    garner(k, priv, m, m1, m2);
    secure_wipe(cp, sizeof cp);
    secure_wipe(cq, sizeof cq);
    secure_wipe(m1, sizeof m1);
    secure_wipe(m2, sizeof m2);
}

// r^-1 mod n for a CRT key: r^(p-2) mod p and r^(q-2) mod q (Fermat, both at once),
// then Garner -- a few times cheaper than the binary-GCD inverse modulo n. Returns
// all-ones when r r^-1 = 1 mod n (r invertible).
Limb crt_inverse(const RsaShared& k, const RsaPrivateKey::Priv& priv, Limb* inv, const Limb* r) {
    const bn::Modulus& p = *priv.p;
    const bn::Modulus& q = *priv.q;
    const size_t kl = p.limbs();
    const size_t n = k.n.limbs();
    Limb rp[bn::kMaxLimbs], rq[bn::kMaxLimbs], ep[bn::kMaxLimbs], eq[bn::kMaxLimbs];
    Limb ip[bn::kMaxLimbs], iq[bn::kMaxLimbs], two[bn::kMaxLimbs] = {2};
    p.reduce_wide(rp, r, n);
    q.reduce_wide(rq, r, n);
    bn::sub(ep, p.value(), two, kl);
    bn::sub(eq, q.value(), two, kl);
    bn::Modulus::exp_x2(p, ip, rp, ep, q, iq, rq, eq, std::max(p.bits(), q.bits()));
    garner(k, priv, inv, ip, iq);
    Limb check[bn::kMaxLimbs], one[bn::kMaxLimbs] = {1};
    k.n.mul_mod(check, inv, r);
    Limb ok = bn::eq_mask(check, one, n);
    for (Limb* v : {rp, rq, ep, eq, ip, iq, check}) secure_wipe(v, sizeof(Limb) * bn::kMaxLimbs);
    return ok;
}

// Returns the blinding pair (r^e R, r^-1 R mod n) for one use, updating the cache.
Result<void> next_blinding(const RsaShared& k, RsaPrivateKey::Priv& priv, Limb* a, Limb* ai,
                           Rng& rng) {
    const size_t n = k.n.limbs();
    std::lock_guard<std::mutex> lock(priv.mu);
    if (!priv.blind_ready || priv.blind_uses >= RsaPrivateKey::Priv::kBlindingRefresh) {
        Nat r(n), inv(n);
        SecretBytes raw(n * 8);
        for (int attempt = 0;; attempt++) {
            if (attempt == 64) return Error(Errc::entropy, "no invertible blinding value");
            KEEL_TRY(rng.generate(raw.mutable_view()));
            (void)bn::from_bytes(r.data(), n, raw.view());
            // Below 2^(bits-1) < n; a zero or non-invertible r (probability ~2^-1000)
            // is redrawn: that event reveals nothing about the key.
            size_t top = k.n.bits() - 1;
            for (size_t i = 0; i < n; i++) {
                size_t lo = i * 64;
                if (lo >= top) {
                    r[i] = 0;
                } else if (top - lo < 64) {
                    r[i] &= (Limb{1} << (top - lo)) - 1;
                }
            }
            Limb ok = priv.crt ? crt_inverse(k, priv, inv.data(), r.data())
                               : k.n.inverse(inv.data(), r.data());
            if (ct::declassify(ok)) break;
        }
        // Kept in Montgomery form (x R mod n): each later use costs one Montgomery
        // multiplication to square and one to apply.
        Nat a_plain(n);
        k.n.exp_vartime(a_plain.data(), r.data(), k.e.data(), n);
        priv.blind_a = Nat(n);
        priv.blind_ai = Nat(n);
        k.n.to_mont(priv.blind_a.data(), a_plain.data());
        k.n.to_mont(priv.blind_ai.data(), inv.data());
        priv.blind_ready = true;
        priv.blind_uses = 0;
    } else {
        k.n.mont_mul(priv.blind_a.data(), priv.blind_a.data(), priv.blind_a.data());
        k.n.mont_mul(priv.blind_ai.data(), priv.blind_ai.data(), priv.blind_ai.data());
    }
    priv.blind_uses++;
    std::memcpy(a, priv.blind_a.data(), n * sizeof(Limb));
    std::memcpy(ai, priv.blind_ai.data(), n * sizeof(Limb));
    return ok();
}

}  // namespace

Result<void> rsa_private_op(const RsaShared& k, RsaPrivateKey::Priv& priv, Limb* m, const Limb* c,
                            Rng& rng) {
    const size_t n = k.n.limbs();
    Limb a[bn::kMaxLimbs], ai[bn::kMaxLimbs], cb[bn::kMaxLimbs], mb[bn::kMaxLimbs];
    Limb check[bn::kMaxLimbs];
    KEEL_TRY(next_blinding(k, priv, a, ai, rng));
    // Blind: cb = c r^e, so the exponentiation sees a value unrelated to c.
    k.n.mont_mul(cb, c, a);  // a = r^e R: the product is c r^e
    if (priv.crt) {
        crt_exp(k, priv, mb, cb);
    } else {
        k.n.exp(mb, cb, priv.d.data(), k.n.bits());
    }
    if (rsa_fault_injector) rsa_fault_injector(mb, n);
    // Fault check: a wrong CRT half would make mb - c' a multiple of exactly one prime
    // (Boneh-DeMillo-Lipton), so nothing leaves unless mb^e == cb.
    k.n.exp_vartime(check, mb, k.e.data(), n);
    Limb good = bn::eq_mask(check, cb, n);
    k.n.mont_mul(m, mb, ai);  // ai = r^-1 R
    secure_wipe(a, sizeof a);
    secure_wipe(ai, sizeof ai);
    secure_wipe(cb, sizeof cb);
    secure_wipe(mb, sizeof mb);
    secure_wipe(check, sizeof check);
    // Whether the hardware faulted is not a secret of the key.
    if (!ct::declassify(good)) {
        for (size_t i = 0; i < n; i++) m[i] = 0;
        return Error(Errc::auth_failed, "RSA private operation failed its consistency check");
    }
    return ok();
}

}  // namespace detail

// ---- RsaPublicKey ----

Result<RsaPublicKey> RsaPublicKey::from_components(ByteView n_be, ByteView e_be) {
    ByteView nv = detail::strip(n_be);
    ByteView ev = detail::strip(e_be);
    if (nv.size() * 8 > kRsaMaxBits) {
        return Error(Errc::invalid_argument,
                     "RSA modulus longer than " + std::to_string(kRsaMaxBits) + " bits");
    }
    auto mod = bn::Modulus::from_bytes(nv);
    if (!mod) return Error(Errc::invalid_argument, "RSA modulus: " + mod.error().detail());
    if (mod->bits() < kRsaMinBits) {
        return Error(Errc::invalid_argument, "RSA modulus of " + std::to_string(mod->bits()) +
                                                 " bits is below " + std::to_string(kRsaMinBits));
    }
    const size_t n = mod->limbs();
    Nat e(n);
    if (ev.empty() || !bn::from_bytes(e.data(), n, ev)) {
        return Error(Errc::invalid_argument, "RSA public exponent missing or too long");
    }
    if ((e[0] & 1) == 0) return Error(Errc::invalid_argument, "RSA public exponent is even");
    if (ev.size() == 1 && ev[0] == 1) {
        return Error(Errc::invalid_argument, "RSA public exponent is 1");
    }
    if (!bn::lt_mask(e.data(), mod->value(), n)) {
        return Error(Errc::invalid_argument, "RSA public exponent not below the modulus");
    }
    auto s = std::make_shared<detail::RsaShared>(
        detail::RsaShared{std::move(mod.value()), std::move(e), Bytes(ev.begin(), ev.end())});
    RsaPublicKey k;
    k.s_ = std::move(s);
    return k;
}

size_t RsaPublicKey::modulus_bits() const {
    return s_->n.bits();
}
size_t RsaPublicKey::modulus_bytes() const {
    return s_->n.bytes();
}

Bytes RsaPublicKey::n_bytes() const {
    Bytes out(s_->n.bytes());
    bn::to_bytes(out, s_->n.value(), s_->n.limbs());
    return out;
}

Bytes RsaPublicKey::e_bytes() const {
    return s_->e_bytes;
}

Result<Bytes> RsaPublicKey::raw_public(ByteView input) const {
    return detail::rsa_public_op(*s_, input);
}

// ---- RsaPrivateKey ----

namespace {

// Secret component -> limbs. Its byte length is public; any bytes beyond the limbs
// must be zero, checked with a mask so the value never steers a branch.
Result<Nat> secret_limbs(ByteView v, size_t limbs, const char* what) {
    if (v.size() > limbs * 8) {
        ByteView excess = v.first(v.size() - limbs * 8);
        if (!ct::declassify(ct::is_zero_mask(excess))) {
            return Error(Errc::invalid_argument, std::string("RSA ") + what + " is too long");
        }
        v = v.subspan(excess.size());
    }
    Nat r(limbs);
    (void)bn::from_bytes(r.data(), limbs, v);
    return r;
}

void derive_kdk_key(RsaPrivateKey::Priv& priv, size_t n_limbs, size_t n_bytes) {
    SecretBytes d_be(n_bytes);
    bn::to_bytes(d_be.mutable_view(), priv.d.data(), n_limbs);
    auto h = Sha256::hash(d_be.view());
    std::memcpy(priv.kdk_key.data(), h.data(), 32);
    secure_wipe(h.data(), h.size());
}

}  // namespace

Result<RsaPrivateKey> RsaPrivateKey::from_components(ByteView n_be, ByteView e_be, ByteView d_be) {
    auto pub = RsaPublicKey::from_components(n_be, e_be);
    if (!pub) return pub.error();
    const auto& s = *pub->s_;
    auto d = secret_limbs(d_be, s.n.limbs(), "private exponent");
    if (!d) return d.error();
    if (!ct::declassify(bn::lt_mask(d->data(), s.n.value(), s.n.limbs()))) {
        return Error(Errc::invalid_argument, "RSA private exponent not below the modulus");
    }
    RsaPrivateKey k;
    k.pub_ = pub->s_;
    k.priv_ = std::make_shared<Priv>();
    k.priv_->d = std::move(d.value());
    derive_kdk_key(*k.priv_, s.n.limbs(), s.n.bytes());
    return k;
}

Result<RsaPrivateKey> RsaPrivateKey::from_components(ByteView n_be, ByteView e_be, ByteView d_be,
                                                     ByteView p_be, ByteView q_be, ByteView dp_be,
                                                     ByteView dq_be, ByteView qinv_be) {
    auto base = from_components(n_be, e_be, d_be);
    if (!base) return base.error();
    RsaPrivateKey k = std::move(base.value());
    const auto& s = *k.pub_;
    const size_t nl = s.n.limbs();
    // p and q each take half of n's limbs, rounded up; the CRT code relies on it.
    const size_t kl = (nl + 1) / 2;
    auto p = secret_limbs(p_be, kl, "prime p");
    if (!p) return p.error();
    auto q = secret_limbs(q_be, kl, "prime q");
    if (!q) return q.error();
    auto pm = bn::Modulus::from_nat(*p);
    auto qm = bn::Modulus::from_nat(*q);
    if (!pm || !qm) return Error(Errc::invalid_argument, "RSA primes must be odd and > 1");
    if (pm->limbs() != kl || qm->limbs() != kl) {
        return Error(Errc::invalid_argument, "RSA primes are unbalanced");
    }
    // n = p q, in constant time (only the verdict is public).
    Limb prod[2 * bn::kMaxLimbs];
    bn::mul(prod, p->data(), q->data(), kl);
    Limb zero[2 * bn::kMaxLimbs] = {};
    Limb same = bn::eq_mask(prod, s.n.value(), nl) & bn::eq_mask(prod + nl, zero, 2 * kl - nl);
    secure_wipe(prod, sizeof prod);
    if (!ct::declassify(same)) return Error(Errc::invalid_argument, "RSA n is not p * q");
    auto dp = secret_limbs(dp_be, kl, "dp");
    auto dq = secret_limbs(dq_be, kl, "dq");
    auto qinv = secret_limbs(qinv_be, kl, "qinv");
    if (!dp || !dq || !qinv) return Error(Errc::invalid_argument, "RSA CRT component too long");
    Limb in_range = bn::lt_mask(dp->data(), p->data(), kl) &
                    bn::lt_mask(dq->data(), q->data(), kl) &
                    bn::lt_mask(qinv->data(), p->data(), kl);
    if (!ct::declassify(in_range)) {
        return Error(Errc::invalid_argument, "RSA CRT component out of range");
    }
    Priv& pr = *k.priv_;
    pr.crt = true;
    pr.p = std::move(pm.value());
    pr.q = std::move(qm.value());
    pr.dp = std::move(dp.value());
    pr.dq = std::move(dq.value());
    pr.qinv = std::move(qinv.value());
    return k;
}

RsaPublicKey RsaPrivateKey::public_key() const {
    RsaPublicKey k;
    k.s_ = pub_;
    return k;
}

size_t RsaPrivateKey::modulus_bits() const {
    return pub_->n.bits();
}
size_t RsaPrivateKey::modulus_bytes() const {
    return pub_->n.bytes();
}
bool RsaPrivateKey::has_crt() const {
    return priv_->crt;
}

namespace {
SecretBytes export_nat(const Nat& v, size_t bytes) {
    SecretBytes out(bytes);
    bn::to_bytes(out.mutable_view(), v.data(), v.size());
    return out;
}
}  // namespace

SecretBytes RsaPrivateKey::d_bytes() const {
    return export_nat(priv_->d, pub_->n.bytes());
}
SecretBytes RsaPrivateKey::p_bytes() const {
    return priv_->crt ? export_nat(priv_->p->nat(), priv_->p->bytes()) : SecretBytes();
}
SecretBytes RsaPrivateKey::q_bytes() const {
    return priv_->crt ? export_nat(priv_->q->nat(), priv_->q->bytes()) : SecretBytes();
}

Result<SecretBytes> RsaPrivateKey::raw_private(ByteView input, Rng& rng) const {
    const auto& s = *pub_;
    const size_t n = s.n.limbs();
    if (input.size() != s.n.bytes()) {
        return Error(Errc::malformed, "RSA input is " + std::to_string(input.size()) +
                                          " bytes, modulus is " + std::to_string(s.n.bytes()));
    }
    Nat c(n), m(n);
    (void)bn::from_bytes(c.data(), n, input);
    // The ciphertext or encoded message is public: compare plainly.
    if (!ct::declassify(bn::lt_mask(c.data(), s.n.value(), n))) {
        return Error(Errc::malformed, "RSA input not below the modulus");
    }
    KEEL_TRY(detail::rsa_private_op(s, *priv_, m.data(), c.data(), rng));
    SecretBytes out(s.n.bytes());
    bn::to_bytes(out.mutable_view(), m.data(), n);
    return out;
}

}  // namespace keel::crypto
