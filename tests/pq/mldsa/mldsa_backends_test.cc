// Every ML-DSA polynomial backend this CPU may use against the portable one: each
// interface function on random and edge-case inputs within its stated bounds (outputs
// must be bit-identical), then whole keygen / sign (fixed rnd) / verify runs.
#include <gtest/gtest.h>

#include <random>

#include "base/cpu.h"
#include "base/ct.h"
#include "pq/mldsa/internal/poly.h"
#include "pq/mldsa/mldsa.h"

namespace keel::pq {
namespace {

using detail::kN;
using detail::kQ;
using detail::Poly;
using detail::PolyBackend;

std::vector<const PolyBackend*> others() {
    std::vector<const PolyBackend*> v;
    for (const PolyBackend* b : detail::poly_backends()) {
        if (b != &detail::poly_portable()) v.push_back(b);
    }
    return v;
}

// Uniform in [lo, hi], with the end points over-represented.
void fill(std::mt19937_64& rng, Poly& p, int64_t lo, int64_t hi) {
    for (int i = 0; i < kN; i++) {
        switch (rng() % 8) {
            case 0:
                p.c[i] = static_cast<int32_t>(lo);
                break;
            case 1:
                p.c[i] = static_cast<int32_t>(hi);
                break;
            default:
                p.c[i] = static_cast<int32_t>(lo + static_cast<int64_t>(rng() % (hi - lo + 1)));
        }
    }
}

void expect_same(const Poly& a, const Poly& b, const char* what, const PolyBackend* be) {
    for (int i = 0; i < kN; i++) ASSERT_EQ(a.c[i], b.c[i]) << what << " " << be->name << " @" << i;
}

// Dispatch follows KEEL_CPU: AVX2 is listed (and chosen) exactly when the cap allows it.
TEST(MlDsaBackends, DispatchHonoursTheCap) {
    auto list = detail::poly_backends();
    ASSERT_FALSE(list.empty());
    EXPECT_EQ(list.front(), &detail::poly_portable());
    EXPECT_EQ(&detail::poly_best(), list.back());
    const bool avx2 = cpu::has(cpu::kAvx2);
    EXPECT_EQ(list.size(), avx2 ? 2u : 1u);
    EXPECT_STREQ(detail::poly_best().name, avx2 ? "avx2" : "portable");
}

TEST(MlDsaBackends, ArithmeticIsBitIdentical) {
    if (others().empty()) GTEST_SKIP() << "only the portable backend under this KEEL_CPU cap";
    const PolyBackend& ref = detail::poly_portable();
    std::mt19937_64 rng(11);
    for (const PolyBackend* be : others()) {
        for (int iter = 0; iter < 1000; iter++) {
            Poly a, b, x, y, u, v;
            fill(rng, a, -(kQ - 1), kQ - 1);
            x = a, y = a;
            ref.ntt(x.c), be->ntt(y.c);
            expect_same(x, y, "ntt", be);
            x = a, y = a;
            ref.invntt_tomont(x.c), be->invntt_tomont(y.c);
            expect_same(x, y, "invntt", be);
            fill(rng, a, -9 * int64_t{kQ} + 1, 9 * int64_t{kQ} - 1);
            fill(rng, b, -9 * int64_t{kQ} + 1, 9 * int64_t{kQ} - 1);
            ref.pointwise(x.c, a.c, b.c), be->pointwise(y.c, a.c, b.c);
            expect_same(x, y, "pointwise", be);
            Poly as[7], bs[7];
            const int n = 1 + iter % 7;
            for (int j = 0; j < n; j++) {
                fill(rng, as[j], -9 * int64_t{kQ} + 1, 9 * int64_t{kQ} - 1);
                fill(rng, bs[j], -9 * int64_t{kQ} + 1, 9 * int64_t{kQ} - 1);
            }
            ref.pointwise_acc(x.c, as, bs, n), be->pointwise_acc(y.c, as, bs, n);
            expect_same(x, y, "pointwise_acc", be);
            fill(rng, a, INT32_MIN, (int64_t{1} << 31) - (1 << 22) - 1);
            x = a, y = a;
            ref.reduce32(x.c), be->reduce32(y.c);
            expect_same(x, y, "reduce32", be);
            fill(rng, a, -(kQ - 1), kQ - 1);
            x = a, y = a;
            ref.caddq(x.c), be->caddq(y.c);
            expect_same(x, y, "caddq", be);
            fill(rng, a, 0, kQ - 1);
            ref.power2round(x.c, u.c, a.c), be->power2round(y.c, v.c, a.c);
            expect_same(x, y, "power2round a1", be);
            expect_same(u, v, "power2round a0", be);
            for (int32_t gamma2 : {(kQ - 1) / 88, (kQ - 1) / 32}) {
                ref.decompose(x.c, u.c, a.c, gamma2), be->decompose(y.c, v.c, a.c, gamma2);
                expect_same(x, y, "decompose a1", be);
                expect_same(u, v, "decompose a0", be);
                Poly h;
                for (int i = 0; i < kN; i++) h.c[i] = static_cast<int32_t>(rng() & 1);
                ref.use_hint(u.c, a.c, h.c, gamma2), be->use_hint(v.c, a.c, h.c, gamma2);
                expect_same(u, v, "use_hint", be);
                Poly a0, a1;
                fill(rng, a0, -2 * gamma2, 2 * gamma2);
                for (int i = 0; i < kN; i++) {
                    if (rng() % 8 == 0) a0.c[i] = -gamma2;  // the edge case
                    a1.c[i] = static_cast<int32_t>(rng() % 3);
                }
                const uint32_t n1 = ref.make_hint(u.c, a0.c, a1.c, gamma2);
                const uint32_t n2 = be->make_hint(v.c, a0.c, a1.c, gamma2);
                EXPECT_EQ(n1, n2);
                expect_same(u, v, "make_hint", be);
            }
            const int32_t bound = static_cast<int32_t>(1 + rng() % ((kQ - 1) / 8));
            fill(rng, a, -bound - 2, bound + 2);
            if (iter % 2) {
                for (int i = 0; i < kN; i++) a.c[i] %= bound;  // all inside
            }
            EXPECT_EQ(ref.norm_exceeds(a.c, bound), be->norm_exceeds(a.c, bound));
            // rej_uniform: every length around the 24-byte stride and the 32-byte load.
            uint8_t buf[900];
            for (auto& c : buf) c = static_cast<uint8_t>(rng());
            for (int i = 0; i < 60; i++) buf[rng() % sizeof buf] |= 0x80;  // rejections near q
            const size_t len = rng() % sizeof buf;
            const unsigned want = static_cast<unsigned>(rng() % (kN + 1));
            Poly r1 = {}, r2 = {};
            const unsigned c1 = ref.rej_uniform(r1.c, want, buf, len);
            const unsigned c2 = be->rej_uniform(r2.c, want, buf, len);
            ASSERT_EQ(c1, c2) << be->name << " len " << len << " want " << want;
            for (unsigned i = 0; i < c1; i++) ASSERT_EQ(r1.c[i], r2.c[i]);
        }
    }
}

TEST(MlDsaBackends, KeyGenSignVerifyAgree) {
    if (others().empty()) GTEST_SKIP() << "only the portable backend under this KEEL_CPU cap";
    std::mt19937_64 rng(12);
    for (const PolyBackend* be : others()) {
        for (MlDsaParams ps : {MlDsaParams::mldsa44, MlDsaParams::mldsa65, MlDsaParams::mldsa87}) {
            for (int iter = 0; iter < 25; iter++) {
                Bytes xi(32), rnd(32), msg(rng() % 200);
                for (auto& c : xi) c = static_cast<uint8_t>(rng());
                for (auto& c : rnd) c = static_cast<uint8_t>(rng());
                for (auto& c : msg) c = static_cast<uint8_t>(rng());
                auto k1 = MlDsaPrivateKey::from_seed(ps, xi, detail::poly_portable());
                auto k2 = MlDsaPrivateKey::from_seed(ps, xi, *be);
                ASSERT_TRUE(k1.ok() && k2.ok());
                ASSERT_EQ(k1->public_key().bytes(), k2->public_key().bytes());
                ASSERT_TRUE(ct::equal(k1->bytes().view(), k2->bytes().view()));
                auto s1 = k1->sign_internal(msg, rnd);
                auto s2 = k2->sign_internal(msg, rnd);
                ASSERT_EQ(*s1, *s2) << be->name;
                EXPECT_TRUE(k2->public_key().verify_internal(msg, *s1).ok());
                Bytes bad = *s1;
                bad[rng() % bad.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
                EXPECT_EQ(k1->public_key().verify_internal(msg, bad).ok(),
                          k2->public_key().verify_internal(msg, bad).ok());
            }
        }
    }
}

}  // namespace
}  // namespace keel::pq
