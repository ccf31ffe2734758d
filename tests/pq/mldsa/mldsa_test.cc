// ML-DSA external API behaviour (pure and HashML-DSA round trips, contexts, hedged and
// deterministic signing, tampering, malformed input) and the arithmetic helpers against
// direct transcriptions of FIPS 204.
#include <gtest/gtest.h>

#include <random>

#include "pq/mldsa/internal/params.h"
#include "pq/mldsa/internal/poly.h"
#include "pq/mldsa/mldsa.h"

namespace keel::pq {
namespace {

constexpr MlDsaParams kAll[] = {MlDsaParams::mldsa44, MlDsaParams::mldsa65, MlDsaParams::mldsa87};
constexpr MlDsaPreHash kAllPreHash[] = {
    MlDsaPreHash::sha224,   MlDsaPreHash::sha256,     MlDsaPreHash::sha384,
    MlDsaPreHash::sha512,   MlDsaPreHash::sha512_224, MlDsaPreHash::sha512_256,
    MlDsaPreHash::sha3_224, MlDsaPreHash::sha3_256,   MlDsaPreHash::sha3_384,
    MlDsaPreHash::sha3_512, MlDsaPreHash::shake128,   MlDsaPreHash::shake256};

const detail::Params& params_of(MlDsaParams p) {
    return p == MlDsaParams::mldsa44   ? detail::kMlDsa44
           : p == MlDsaParams::mldsa65 ? detail::kMlDsa65
                                       : detail::kMlDsa87;
}

Bytes random_bytes(std::mt19937_64& rng, size_t n) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    return b;
}

MlDsaPrivateKey key_from(MlDsaParams ps, uint8_t fill) {
    Bytes xi(32, fill);
    auto k = MlDsaPrivateKey::from_seed(ps, xi);
    EXPECT_TRUE(k.ok());
    return std::move(*k);
}

TEST(MlDsa, SizesAndCodePoints) {
    EXPECT_EQ(mldsa_public_key_size(MlDsaParams::mldsa65), 1952u);
    EXPECT_EQ(mldsa_private_key_size(MlDsaParams::mldsa87), 4896u);
    EXPECT_EQ(mldsa_signature_size(MlDsaParams::mldsa44), 2420u);
    for (MlDsaParams ps : kAll) EXPECT_EQ(mldsa_params(signature_scheme(ps)), ps);
    EXPECT_FALSE(mldsa_params(crypto::SignatureScheme::eddsa_ed25519).has_value());
}

TEST(MlDsa, RoundTripPureAndPreHashWithContexts) {
    std::mt19937_64 rng(1);
    for (MlDsaParams ps : kAll) {
        auto sk = MlDsaPrivateKey::generate(crypto::default_rng(), ps);
        ASSERT_TRUE(sk.ok());
        const MlDsaPublicKey& pk = sk->public_key();
        for (size_t ctx_len : {0u, 1u, 255u}) {
            const Bytes ctx = random_bytes(rng, ctx_len);
            const Bytes msg = random_bytes(rng, 1 + rng() % 300);
            for (bool det : {false, true}) {
                auto sig =
                    sk->sign(msg, crypto::default_rng(), {.context = ctx, .deterministic = det});
                ASSERT_TRUE(sig.ok());
                EXPECT_EQ(sig->size(), mldsa_signature_size(ps));
                EXPECT_TRUE(pk.verify(msg, *sig, {.context = ctx}).ok());
                // Another context, or reading it as HashML-DSA, does not verify.
                Bytes other = ctx;
                if (other.size() < 255) {
                    other.push_back(0);
                } else {
                    other.pop_back();
                }
                EXPECT_EQ(pk.verify(msg, *sig, {.context = other}).error().code(),
                          Errc::auth_failed);
                EXPECT_FALSE(
                    pk.verify(msg, *sig, {.context = ctx, .prehash = MlDsaPreHash::sha256}).ok());
            }
            for (MlDsaPreHash ph : kAllPreHash) {
                auto sig = sk->sign(msg, crypto::default_rng(), {.context = ctx, .prehash = ph});
                ASSERT_TRUE(sig.ok());
                EXPECT_TRUE(pk.verify(msg, *sig, {.context = ctx, .prehash = ph}).ok());
                EXPECT_FALSE(pk.verify(msg, *sig, {.context = ctx}).ok());
                MlDsaPreHash wrong =
                    ph == MlDsaPreHash::sha256 ? MlDsaPreHash::sha384 : MlDsaPreHash::sha256;
                EXPECT_FALSE(pk.verify(msg, *sig, {.context = ctx, .prehash = wrong}).ok());
            }
        }
    }
}

TEST(MlDsa, DeterministicIsRepeatableHedgedIsNot) {
    MlDsaPrivateKey sk = key_from(MlDsaParams::mldsa65, 7);
    const Bytes msg = {1, 2, 3};
    auto a = sk.sign(msg, crypto::default_rng(), {.deterministic = true});
    auto b = sk.sign(msg, crypto::default_rng(), {.deterministic = true});
    auto c = sk.sign(msg, crypto::default_rng());
    ASSERT_TRUE(a.ok() && b.ok() && c.ok());
    EXPECT_EQ(*a, *b);
    EXPECT_NE(*a, *c);
    // Deterministic signing is Sign_internal with rnd = 0^32 on M' = 0 || 0 || M.
    Bytes mprime = {0, 0, 1, 2, 3};
    EXPECT_EQ(*sk.sign_internal(mprime, Bytes(32, 0)), *a);
}

TEST(MlDsa, ContextOver255IsRejected) {
    MlDsaPrivateKey sk = key_from(MlDsaParams::mldsa44, 1);
    const Bytes ctx(256, 0x55), msg = {9};
    auto sig = sk.sign(msg, crypto::default_rng(), {.context = ctx});
    ASSERT_FALSE(sig.ok());
    EXPECT_EQ(sig.error().code(), Errc::invalid_argument);
    auto good = sk.sign(msg, crypto::default_rng());
    ASSERT_TRUE(good.ok());
    EXPECT_EQ(sk.public_key().verify(msg, *good, {.context = ctx}).error().code(),
              Errc::invalid_argument);
}

TEST(MlDsa, EveryTamperingFailsWithAuthFailed) {
    std::mt19937_64 rng(2);
    for (MlDsaParams ps : kAll) {
        MlDsaPrivateKey sk = key_from(ps, 3);
        const Bytes msg = random_bytes(rng, 100);
        const Bytes ctx = {0xc0};
        auto sig = sk.sign(msg, crypto::default_rng(), {.context = ctx});
        ASSERT_TRUE(sig.ok());
        const MlDsaPublicKey& pk = sk.public_key();
        for (int i = 0; i < 250; i++) {
            Bytes s = *sig;
            // Every c~ bit, then random bits over z and h.
            size_t bit = i < 64 ? static_cast<size_t>(i) : rng() % (s.size() * 8);
            s[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
            auto r = pk.verify(msg, s, {.context = ctx});
            ASSERT_FALSE(r.ok()) << "signature bit " << bit;
            EXPECT_EQ(r.error().code(), Errc::auth_failed);
        }
        for (size_t bit = 0; bit < msg.size() * 8; bit += 7) {
            Bytes m = msg;
            m[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
            EXPECT_EQ(pk.verify(m, *sig, {.context = ctx}).error().code(), Errc::auth_failed);
        }
        for (int i = 0; i < 60; i++) {
            Bytes p = pk.bytes();
            size_t bit = rng() % (p.size() * 8);
            p[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
            auto other = MlDsaPublicKey::from_bytes(ps, p);
            ASSERT_TRUE(other.ok());
            EXPECT_EQ(other->verify(msg, *sig, {.context = ctx}).error().code(), Errc::auth_failed)
                << "public key bit " << bit;
        }
    }
}

TEST(MlDsa, WrongLengthsAreRejected) {
    for (MlDsaParams ps : kAll) {
        const detail::Params& p = params_of(ps);
        MlDsaPrivateKey sk = key_from(ps, 4);
        auto sig = sk.sign({}, crypto::default_rng());
        ASSERT_TRUE(sig.ok());
        for (int d : {-1, 1}) {
            Bytes s = *sig;
            s.resize(s.size() + d);
            EXPECT_EQ(sk.public_key().verify({}, s).error().code(), Errc::malformed);
            Bytes pkb = sk.public_key().bytes();
            pkb.resize(pkb.size() + d);
            EXPECT_EQ(MlDsaPublicKey::from_bytes(ps, pkb).error().code(), Errc::malformed);
            Bytes skb(p.sk_bytes() + d, 0);
            EXPECT_EQ(MlDsaPrivateKey::from_bytes(ps, skb).error().code(), Errc::malformed);
            EXPECT_EQ(MlDsaPrivateKey::from_seed(ps, Bytes(32 + d, 0)).error().code(),
                      Errc::invalid_argument);
        }
        EXPECT_FALSE(sk.public_key().verify({}, Bytes()).ok());
        EXPECT_FALSE(sk.sign_mu(Bytes(63, 0), Bytes(32, 0)).ok());
        EXPECT_FALSE(sk.sign_internal({}, Bytes(31, 0)).ok());
    }
}

TEST(MlDsa, ExpandedKeyRoundTripsAndInconsistentKeysAreRejected) {
    for (MlDsaParams ps : kAll) {
        const detail::Params& p = params_of(ps);
        MlDsaPrivateKey sk = key_from(ps, 5);
        ASSERT_TRUE(sk.seed().has_value());
        auto again = MlDsaPrivateKey::from_bytes(ps, sk.bytes().view());
        ASSERT_TRUE(again.ok());
        EXPECT_FALSE(again->seed().has_value());
        EXPECT_EQ(again->public_key().bytes(), sk.public_key().bytes());
        const Bytes msg = {1};
        EXPECT_EQ(*again->sign(msg, crypto::default_rng(), {.deterministic = true}),
                  *sk.sign(msg, crypto::default_rng(), {.deterministic = true}));
        Bytes skb(sk.bytes().view().begin(), sk.bytes().view().end());
        // An s1 field above 2 eta (all ones).
        Bytes bad = skb;
        bad[128] = 0xff;
        EXPECT_EQ(MlDsaPrivateKey::from_bytes(ps, bad).error().code(), Errc::malformed);
        // A changed tr, or t0, no longer matches s1 and s2.
        bad = skb;
        bad[64] ^= 1;
        EXPECT_EQ(MlDsaPrivateKey::from_bytes(ps, bad).error().code(), Errc::malformed);
        bad = skb;
        bad[p.sk_bytes() - 1] ^= 1;
        EXPECT_EQ(MlDsaPrivateKey::from_bytes(ps, bad).error().code(), Errc::malformed);
    }
}

// Hint section edits (FIPS 204 Alg 21) on a real signature.
TEST(MlDsa, MalformedHintsAndZAreRejected) {
    for (MlDsaParams ps : kAll) {
        const detail::Params& p = params_of(ps);
        MlDsaPrivateKey sk = key_from(ps, 6);
        const Bytes msg = {4, 5};
        Bytes sig;
        // Find a signature with at least two hints in the first polynomial.
        for (uint8_t i = 0;; i++) {
            Bytes m = {i};
            sig = *sk.sign(m, crypto::default_rng(), {.deterministic = true});
            const size_t h = p.ctilde_bytes + p.l * p.z_poly_bytes();
            if (sig[h + p.omega] >= 2 && sig[h + p.omega + p.k - 1] < p.omega) {
                ASSERT_TRUE(sk.public_key().verify(m, sig).ok());
                const Bytes good = sig;
                auto expect_reject = [&](const Bytes& s, const char* what) {
                    auto r = sk.public_key().verify(m, s);
                    ASSERT_FALSE(r.ok()) << what;
                    EXPECT_EQ(r.error().code(), Errc::auth_failed) << what;
                };
                Bytes s = good;
                std::swap(s[h], s[h + 1]);  // out of order
                expect_reject(s, "out of order");
                s = good;
                s[h + 1] = s[h];  // repeated
                expect_reject(s, "repeated");
                s = good;
                s[h + p.omega + p.k - 1] = static_cast<uint8_t>(p.omega + 1);  // too many
                expect_reject(s, "too many");
                s = good;
                s[h + p.omega] = static_cast<uint8_t>(s[h + p.omega + 1] + 1);  // count goes back
                if (p.k > 1) expect_reject(s, "count decreases");
                s = good;
                s[h + p.omega - 1] = 1;  // nonzero padding after the last hint
                expect_reject(s, "padding");
                // z = gamma1 (packed field 0): outside the gamma1 - beta bound.
                s = good;
                s[p.ctilde_bytes] = 0;
                s[p.ctilde_bytes + 1] = 0;
                s[p.ctilde_bytes + 2] &= static_cast<uint8_t>(p.gamma1 == (1 << 17) ? 0xfc : 0xf0);
                expect_reject(s, "z out of range");
                break;
            }
        }
    }
}

// FIPS 204 Alg 36 transcribed directly: r0 = r mod+- 2 gamma2, with the q - 1 corner.
void decompose_spec(int32_t r, int32_t gamma2, int32_t* r1, int32_t* r0) {
    int32_t lo = r % (2 * gamma2);
    if (lo > gamma2) lo -= 2 * gamma2;
    if (r - lo == detail::kQ - 1) {
        *r1 = 0;
        *r0 = lo - 1;
    } else {
        *r1 = (r - lo) / (2 * gamma2);
        *r0 = lo;
    }
}

TEST(MlDsaPoly, DecomposeAndPower2RoundMatchTheSpecOnEveryInput) {
    for (const detail::PolyBackend* be : detail::poly_backends()) {
        for (int32_t gamma2 : {(detail::kQ - 1) / 88, (detail::kQ - 1) / 32}) {
            detail::Poly a, hi, lo, p1, p0;
            for (int32_t base = 0; base < detail::kQ; base += detail::kN) {
                for (int i = 0; i < detail::kN; i++) a.c[i] = std::min(base + i, detail::kQ - 1);
                be->decompose(hi.c, lo.c, a.c, gamma2);
                be->power2round(p1.c, p0.c, a.c);
                for (int i = 0; i < detail::kN; i++) {
                    int32_t r1, r0;
                    decompose_spec(a.c[i], gamma2, &r1, &r0);
                    ASSERT_EQ(hi.c[i], r1) << be->name << " r=" << a.c[i];
                    ASSERT_EQ(lo.c[i], r0) << be->name << " r=" << a.c[i];
                    int32_t t0 = a.c[i] & 0x1fff;
                    if (t0 > 4096) t0 -= 8192;
                    ASSERT_EQ(p0.c[i], t0);
                    ASSERT_EQ(p1.c[i], (a.c[i] - t0) >> 13);
                }
            }
        }
    }
}

int64_t mod_q(int64_t x) {
    return ((x % detail::kQ) + detail::kQ) % detail::kQ;
}

TEST(MlDsaPoly, NttMultiplicationMatchesSchoolbook) {
    std::mt19937_64 rng(3);
    for (const detail::PolyBackend* be : detail::poly_backends()) {
        for (int iter = 0; iter < 20; iter++) {
            detail::Poly a, b, c;
            for (int i = 0; i < detail::kN; i++) {
                a.c[i] = static_cast<int32_t>(rng() % (2 * detail::kQ - 1)) - (detail::kQ - 1);
                b.c[i] = static_cast<int32_t>(rng() % (2 * detail::kQ - 1)) - (detail::kQ - 1);
            }
            int64_t want[detail::kN] = {};
            for (int i = 0; i < detail::kN; i++) {
                for (int j = 0; j < detail::kN; j++) {
                    int64_t prod = mod_q(int64_t{a.c[i]} * b.c[j]);
                    if (i + j < detail::kN) {
                        want[i + j] = mod_q(want[i + j] + prod);
                    } else {
                        want[i + j - detail::kN] =
                            mod_q(want[i + j - detail::kN] - prod);  // X^256 = -1
                    }
                }
            }
            be->ntt(a.c);
            be->ntt(b.c);
            for (int i = 0; i < detail::kN; i++) {
                ASSERT_LT(std::abs(a.c[i]), 9 * detail::kQ);
            }
            be->pointwise(c.c, a.c, b.c);
            be->invntt_tomont(c.c);
            for (int i = 0; i < detail::kN; i++) {
                ASSERT_LT(std::abs(c.c[i]), detail::kQ);
                ASSERT_EQ(mod_q(c.c[i]), want[i]) << be->name << " coefficient " << i;
            }
        }
    }
}

}  // namespace
}  // namespace keel::pq
