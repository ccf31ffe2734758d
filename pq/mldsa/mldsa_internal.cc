// FIPS 204 §6: ML-DSA.KeyGen_internal (Alg 6), Sign_internal (Alg 7) and
// Verify_internal (Alg 8), over the polynomial backend interface (internal/poly.h).
#include "pq/mldsa/internal/mldsa_internal.h"

#include <cstring>

#include "base/ct.h"
#include "base/secret.h"
#include "crypto/sha3/sha3.h"
#include "pq/mldsa/internal/packing.h"
#include "pq/mldsa/internal/sample.h"

namespace keel::pq::detail {
namespace {

using crypto::Shake256;

// Largest w1Encode output: k = 8 polynomials of 128 bytes, or k = 4 of 192.
constexpr size_t kMaxW1Bytes = 8 * 128;

// A stack polynomial vector that wipes itself.
template <int kCount>
struct PolyVec {
    Poly v[kCount];
    ~PolyVec() { secure_wipe(v, sizeof v); }
    Poly& operator[](int i) { return v[i]; }
};

// Alg 6 steps 3-6: (t1, t0) = Power2Round(NTT^-1(A-hat o NTT(s1)) + s2).
void compute_t(Poly* t1, Poly* t0, const Poly* a_hat, const Poly* s1, const Poly* s2,
               const Params& p, const PolyBackend& be) {
    PolyVec<kMaxL> s1_hat;
    for (int j = 0; j < p.l; j++) {
        s1_hat[j] = s1[j];
        be.ntt(s1_hat[j].c);  // |s1| <= eta < q in, < 9q out
    }
    Poly t;
    for (int i = 0; i < p.k; i++) {
        be.pointwise_acc(t.c, &a_hat[i * p.l], s1_hat.v, p.l);  // |t| < l q
        be.reduce32(t.c);
        be.invntt_tomont(t.c);  // |t| < q
        for (int n = 0; n < kN; n++) t.c[n] += s2[i].c[n];
        be.reduce32(t.c);
        be.caddq(t.c);  // [0, q)
        be.power2round(t1[i].c, t0[i].c, t.c);
    }
    secure_wipe(t.c, sizeof t.c);
}

}  // namespace

PolyArray& PolyArray::operator=(PolyArray&& o) noexcept {
    if (this != &o) {
        if (p_) secure_wipe(p_.get(), n_ * sizeof(Poly));
        p_ = std::move(o.p_);
        n_ = o.n_;
        o.n_ = 0;
    }
    return *this;
}

PolyArray::~PolyArray() {
    if (p_) secure_wipe(p_.get(), n_ * sizeof(Poly));
}

void keygen_internal(const uint8_t xi[kSeedBytes], const Params& p, const PolyBackend& be,
                     uint8_t* pk, uint8_t* sk, PolyArray* a_hat) {
    // Step 1: (rho, rho', K) = H(xi || IntegerToBytes(k, 1) || IntegerToBytes(l, 1), 128).
    Secret<128> seeds;
    {
        Shake256 h;
        const uint8_t kl[2] = {static_cast<uint8_t>(p.k), static_cast<uint8_t>(p.l)};
        (void)h.update(ByteView(xi, kSeedBytes));
        (void)h.update(ByteView(kl, 2));
        h.squeeze(seeds.span());
    }
    const uint8_t* rho = seeds.data();
    const uint8_t* rho_prime = seeds.data() + 32;
    const uint8_t* key = seeds.data() + 96;
    // Declassified: rho is published as the first 32 bytes of pk.
    ct::declassify(rho, kSeedBytes);

    PolyVec<kMaxL> s1;
    PolyVec<kMaxK> s2, t1, t0;
    expand_s(s1.v, s2.v, rho_prime, p);
    *a_hat = PolyArray(static_cast<size_t>(p.k) * p.l);
    expand_a(a_hat->data(), rho, p, be);
    compute_t(t1.v, t0.v, a_hat->data(), s1.v, s2.v, p, be);
    // Declassified: t1 is the public key.
    ct::declassify(t1.v, sizeof(Poly) * p.k);

    // Alg 22 pkEncode, then tr = H(pk, 64).
    std::memcpy(pk, rho, kSeedBytes);
    for (int i = 0; i < p.k; i++) pack_t1(pk + kSeedBytes + i * Params::t1_poly_bytes(), t1[i]);
    uint8_t tr[kTrBytes];
    Shake256::hash(ByteView(pk, p.pk_bytes()), MutableByteView(tr, kTrBytes));

    // Alg 24 skEncode.
    uint8_t* out = sk;
    std::memcpy(out, rho, kSeedBytes);
    out += kSeedBytes;
    std::memcpy(out, key, 32);
    out += 32;
    std::memcpy(out, tr, kTrBytes);
    out += kTrBytes;
    for (int j = 0; j < p.l; j++, out += p.eta_poly_bytes()) pack_eta(out, s1[j], p.eta);
    for (int i = 0; i < p.k; i++, out += p.eta_poly_bytes()) pack_eta(out, s2[i], p.eta);
    for (int i = 0; i < p.k; i++, out += Params::t0_poly_bytes()) pack_t0(out, t0[i]);
}

Result<void> derive_public_key(ByteView sk, const Params& p, const PolyBackend& be, uint8_t* pk,
                               PolyArray* a_hat) {
    if (sk.size() != p.sk_bytes()) {
        return Error(Errc::malformed, "ML-DSA: private key has the wrong length");
    }
    const uint8_t* rho = sk.data();
    const uint8_t* tr = sk.data() + 64;
    const uint8_t* in = sk.data() + 2 * kSeedBytes + kTrBytes;
    PolyVec<kMaxL> s1;
    PolyVec<kMaxK> s2, t1, t0;
    uint32_t bad = 0;
    for (int j = 0; j < p.l; j++, in += p.eta_poly_bytes()) bad |= unpack_eta(s1[j], in, p.eta);
    for (int i = 0; i < p.k; i++, in += p.eta_poly_bytes()) bad |= unpack_eta(s2[i], in, p.eta);
    // Declassified: only whether the key is well formed.
    if (ct::declassify(bad) != 0) {
        return Error(Errc::malformed, "ML-DSA: private key coefficient out of range");
    }
    uint8_t rho_pub[kSeedBytes];
    std::memcpy(rho_pub, rho, kSeedBytes);
    ct::declassify(rho_pub, kSeedBytes);  // public: the first bytes of pk
    *a_hat = PolyArray(static_cast<size_t>(p.k) * p.l);
    expand_a(a_hat->data(), rho_pub, p, be);
    compute_t(t1.v, t0.v, a_hat->data(), s1.v, s2.v, p, be);
    // Declassified: t1 is the public key.
    ct::declassify(t1.v, sizeof(Poly) * p.k);
    std::memcpy(pk, rho_pub, kSeedBytes);
    for (int i = 0; i < p.k; i++) pack_t1(pk + kSeedBytes + i * Params::t1_poly_bytes(), t1[i]);
    // The stored t0 and tr must be the ones this s1, s2 give (a consistent key).
    uint8_t t0_enc[kMaxK * Params::t0_poly_bytes()];
    for (int i = 0; i < p.k; i++) pack_t0(t0_enc + i * Params::t0_poly_bytes(), t0[i]);
    uint8_t same = ct::eq_mask(ByteView(t0_enc, p.k * Params::t0_poly_bytes()),
                               ByteView(in, p.k * Params::t0_poly_bytes()));
    secure_wipe(t0_enc, sizeof t0_enc);
    uint8_t tr2[kTrBytes];
    Shake256::hash(ByteView(pk, p.pk_bytes()), MutableByteView(tr2, kTrBytes));
    uint8_t tr_pub[kTrBytes];
    std::memcpy(tr_pub, tr, kTrBytes);
    ct::declassify(tr_pub, kTrBytes);  // public: tr = H(pk)
    // Declassified: only whether the key is consistent.
    if (ct::declassify(same) != 0xff ||
        !ct::equal(ByteView(tr2, kTrBytes), ByteView(tr_pub, kTrBytes))) {
        return Error(Errc::malformed, "ML-DSA: private key is inconsistent (t0 or tr)");
    }
    return ok();
}

void compute_mu(uint8_t mu[kMuBytes], const uint8_t tr[kTrBytes], ByteView prefix, ByteView msg) {
    Shake256 h;
    (void)h.update(ByteView(tr, kTrBytes));
    (void)h.update(prefix);
    (void)h.update(msg);
    h.squeeze(MutableByteView(mu, kMuBytes));
}

SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() {
    secure_wipe(key_, sizeof key_);
}

Result<SigningKey> SigningKey::decode(ByteView sk, const Params& p, const PolyBackend& be,
                                      PolyArray a_hat) {
    if (sk.size() != p.sk_bytes()) {
        return Error(Errc::malformed, "ML-DSA: private key has the wrong length");
    }
    SigningKey k;
    k.p_ = &p;
    k.be_ = &be;
    const uint8_t* in = sk.data();
    std::memcpy(k.rho_, in, kSeedBytes);
    std::memcpy(k.key_, in + 32, 32);
    std::memcpy(k.tr_, in + 64, kTrBytes);
    // Declassified: rho and tr are public (rho is in pk, tr = H(pk)).
    ct::declassify(k.rho_, sizeof k.rho_);
    ct::declassify(k.tr_, sizeof k.tr_);
    in += 2 * kSeedBytes + kTrBytes;

    k.s1_hat_ = PolyArray(p.l);
    k.s2_hat_ = PolyArray(p.k);
    k.t0_hat_ = PolyArray(p.k);
    uint32_t bad = 0;
    for (int j = 0; j < p.l; j++, in += p.eta_poly_bytes())
        bad |= unpack_eta(k.s1_hat_[j], in, p.eta);
    for (int i = 0; i < p.k; i++, in += p.eta_poly_bytes())
        bad |= unpack_eta(k.s2_hat_[i], in, p.eta);
    for (int i = 0; i < p.k; i++, in += Params::t0_poly_bytes()) unpack_t0(k.t0_hat_[i], in);
    // Declassified: only whether the key is well formed, not where or how it is not.
    if (ct::declassify(bad) != 0) {
        return Error(Errc::malformed, "ML-DSA: private key coefficient out of range");
    }
    for (int j = 0; j < p.l; j++) be.ntt(k.s1_hat_[j].c);
    for (int i = 0; i < p.k; i++) be.ntt(k.s2_hat_[i].c);
    for (int i = 0; i < p.k; i++) be.ntt(k.t0_hat_[i].c);
    if (a_hat.data() != nullptr) {
        k.a_hat_ = std::move(a_hat);
    } else {
        k.a_hat_ = PolyArray(static_cast<size_t>(p.k) * p.l);
        expand_a(k.a_hat_.data(), k.rho_, p, be);
    }
    return k;
}

void SigningKey::sign_mu(const uint8_t mu[kMuBytes], const uint8_t rnd[32], uint8_t* sig) const {
    const Params& p = *p_;
    const PolyBackend& be = *be_;
    // Step 7: rho'' = H(K || rnd || mu, 64).
    Secret<kRhoPrimeBytes> rho_pp;
    {
        Shake256 h;
        (void)h.update(ByteView(key_, 32));
        (void)h.update(ByteView(rnd, 32));
        (void)h.update(ByteView(mu, kMuBytes));
        h.squeeze(rho_pp.span());
    }
    PolyVec<kMaxL> y, z;
    PolyVec<kMaxK> w1, w0, h;
    Poly c_hat, t;
    uint8_t w1_enc[kMaxW1Bytes];
    uint8_t* ctilde = sig;
    // The number of iterations is public (FIPS 204 §3.6.3 allows revealing it); kappa
    // advances by l per attempt (step 11 onward).
    for (uint16_t kappa = 0;; kappa = static_cast<uint16_t>(kappa + p.l)) {
        expand_mask(y.v, rho_pp.data(), kappa, p);
        for (int j = 0; j < p.l; j++) {
            z[j] = y[j];
            be.ntt(z[j].c);
        }
        // w = NTT^-1(A-hat o NTT(y)); (w1, w0) = Decompose(w).
        for (int i = 0; i < p.k; i++) {
            be.pointwise_acc(t.c, &a_hat_[i * p.l], z.v, p.l);
            be.reduce32(t.c);
            be.invntt_tomont(t.c);
            be.caddq(t.c);
            be.decompose(w1[i].c, w0[i].c, t.c, p.gamma2);
            pack_w1(w1_enc + i * p.w1_poly_bytes(), w1[i], p.gamma2);
        }
        // c~ = H(mu || w1Encode(w1)).
        Shake256 hc;
        (void)hc.update(ByteView(mu, kMuBytes));
        (void)hc.update(ByteView(w1_enc, p.k * p.w1_poly_bytes()));
        hc.squeeze(MutableByteView(ctilde, p.ctilde_bytes));
        // Declassified: c~. It is published when the attempt is accepted; for a rejected
        // attempt it is a hash of the commitment w1 only, which reveals nothing about s1
        // or s2 without the matching z (the Dilithium round-3 specification, §5.5, notes
        // that challenges of rejected signatures may be made public).
        ct::declassify(ctilde, p.ctilde_bytes);
        sample_in_ball(c_hat, ctilde, p);
        be.ntt(c_hat.c);

        // z = y + NTT^-1(c-hat o s1-hat); reject if ||z|| >= gamma1 - beta.
        uint32_t reject = 0;
        for (int j = 0; j < p.l; j++) {
            be.pointwise(z[j].c, c_hat.c, s1_hat_[j].c);
            be.invntt_tomont(z[j].c);
            for (int n = 0; n < kN; n++) z[j].c[n] += y[j].c[n];
            be.reduce32(z[j].c);
            reject |= be.norm_exceeds(z[j].c, p.gamma1 - p.beta);
        }
        // Declassified: only the accept/reject bit of the z bound.
        if (ct::declassify(reject)) continue;

        // r0 = LowBits(w - cs2) = w0 - cs2; reject if ||r0|| >= gamma2 - beta.
        for (int i = 0; i < p.k; i++) {
            be.pointwise(t.c, c_hat.c, s2_hat_[i].c);
            be.invntt_tomont(t.c);
            for (int n = 0; n < kN; n++) w0[i].c[n] -= t.c[n];
            be.reduce32(w0[i].c);
            reject |= be.norm_exceeds(w0[i].c, p.gamma2 - p.beta);
        }
        // Declassified: only the accept/reject bit of the r0 bound.
        if (ct::declassify(reject)) continue;

        // ct0; reject if ||ct0|| >= gamma2; h = MakeHint(-ct0, w - cs2 + ct0).
        uint32_t hints = 0;
        for (int i = 0; i < p.k; i++) {
            be.pointwise(t.c, c_hat.c, t0_hat_[i].c);
            be.invntt_tomont(t.c);
            be.reduce32(t.c);
            reject |= be.norm_exceeds(t.c, p.gamma2);
            for (int n = 0; n < kN; n++) w0[i].c[n] += t.c[n];
            hints += be.make_hint(h[i].c, w0[i].c, w1[i].c, p.gamma2);
        }
        const uint32_t too_many = (static_cast<uint32_t>(p.omega) - hints) >> 31;
        // Declassified: only the accept/reject bit of the ct0 bound and the hint count.
        if (ct::declassify(reject | (0u - too_many))) continue;

        // Accepted: z and h are the signature, public from here on.
        for (int j = 0; j < p.l; j++) ct::declassify(z[j].c, sizeof z[j].c);
        for (int i = 0; i < p.k; i++) ct::declassify(h[i].c, sizeof h[i].c);
        uint8_t* out = sig + p.ctilde_bytes;
        for (int j = 0; j < p.l; j++, out += p.z_poly_bytes()) pack_z(out, z[j], p.gamma1);
        pack_hints(out, h.v, p);
        break;
    }
    secure_wipe(t.c, sizeof t.c);
    secure_wipe(w1_enc, sizeof w1_enc);
}

Result<VerifyingKey> VerifyingKey::decode(ByteView pk, const Params& p, const PolyBackend& be,
                                          const uint8_t* tr) {
    if (pk.size() != p.pk_bytes()) {
        return Error(Errc::malformed, "ML-DSA: public key has the wrong length");
    }
    VerifyingKey k;
    k.p_ = &p;
    k.be_ = &be;
    std::memcpy(k.rho_, pk.data(), kSeedBytes);
    if (tr != nullptr) {
        std::memcpy(k.tr_, tr, kTrBytes);
        ct::declassify(k.tr_, kTrBytes);  // public: tr = H(pk)
    } else {
        Shake256::hash(pk, MutableByteView(k.tr_, kTrBytes));
    }
    k.t1_hat_ = PolyArray(p.k);
    for (int i = 0; i < p.k; i++) {
        Poly& t1 = k.t1_hat_[i];
        unpack_t1(t1, pk.data() + kSeedBytes + i * Params::t1_poly_bytes());
        for (int n = 0; n < kN; n++) t1.c[n] <<= kD;  // < 2^23 < q
        be.ntt(t1.c);
    }
    return k;
}

Result<void> VerifyingKey::verify_mu(const uint8_t mu[kMuBytes], ByteView sig) const {
    const Params& p = *p_;
    const PolyBackend& be = *be_;
    if (sig.size() != p.sig_bytes()) {
        return Error(Errc::malformed, "ML-DSA: signature has the wrong length");
    }
    // Alg 27 sigDecode.
    const uint8_t* ctilde = sig.data();
    PolyVec<kMaxL> z;
    PolyVec<kMaxK> h;
    const uint8_t* in = sig.data() + p.ctilde_bytes;
    for (int j = 0; j < p.l; j++, in += p.z_poly_bytes()) unpack_z(z[j], in, p.gamma1);
    if (!unpack_hints(h.v, in, p)) {
        return Error(Errc::auth_failed, "ML-DSA: malformed hint encoding");
    }
    // Step 13's bound on z, checked before any heavy work.
    for (int j = 0; j < p.l; j++) {
        if (be.norm_exceeds(z[j].c, p.gamma1 - p.beta)) {
            return Error(Errc::auth_failed, "ML-DSA: signature z out of range");
        }
    }
    Poly c_hat;
    sample_in_ball(c_hat, ctilde, p);
    be.ntt(c_hat.c);
    for (int j = 0; j < p.l; j++) be.ntt(z[j].c);

    PolyVec<kMaxK * kMaxL> a_hat;
    expand_a(a_hat.v, rho_, p, be);
    // w'_approx = NTT^-1(A-hat o NTT(z) - NTT(c) o NTT(t1 * 2^d)); w1' = UseHint(h, w').
    uint8_t w1_enc[kMaxW1Bytes];
    Poly w, ct1, w1;
    for (int i = 0; i < p.k; i++) {
        be.pointwise_acc(w.c, &a_hat[i * p.l], z.v, p.l);  // |w| < l q
        be.pointwise(ct1.c, c_hat.c, t1_hat_[i].c);        // |ct1| < q
        for (int n = 0; n < kN; n++) w.c[n] -= ct1.c[n];
        be.reduce32(w.c);
        be.invntt_tomont(w.c);
        be.caddq(w.c);
        be.use_hint(w1.c, w.c, h[i].c, p.gamma2);
        pack_w1(w1_enc + i * p.w1_poly_bytes(), w1, p.gamma2);
    }
    uint8_t ctilde2[64];
    Shake256 hc;
    (void)hc.update(ByteView(mu, kMuBytes));
    (void)hc.update(ByteView(w1_enc, p.k * p.w1_poly_bytes()));
    hc.squeeze(MutableByteView(ctilde2, p.ctilde_bytes));
    if (!ct::equal(ByteView(ctilde, p.ctilde_bytes), ByteView(ctilde2, p.ctilde_bytes))) {
        return Error(Errc::auth_failed, "ML-DSA: signature does not verify");
    }
    return ok();
}

}  // namespace keel::pq::detail
