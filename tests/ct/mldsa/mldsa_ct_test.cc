// ML-DSA constant-time checks under valgrind (tests/ct/harness.h): key generation with
// the seed xi poisoned, key import and signing with the whole expanded private key and
// rnd poisoned, on every polynomial backend. The only branches memcheck may see on
// secret-derived data are the declassified points in pq/mldsa (rho, tr, t1, c~, the
// accept/reject bits of the norm and hint-count checks, the ExpandS accept bits, and
// z and h of the accepted signature).
#include <gtest/gtest.h>

#include "pq/mldsa/internal/poly.h"
#include "pq/mldsa/mldsa.h"
#include "tests/ct/harness.h"

namespace keel::pq {
namespace {

constexpr MlDsaParams kAll[] = {MlDsaParams::mldsa44, MlDsaParams::mldsa65, MlDsaParams::mldsa87};

TEST(MlDsaCt, KeyGenFromPoisonedSeed) {
    KEEL_REQUIRE_VALGRIND();
    for (const detail::PolyBackend* be : detail::poly_backends()) {
        for (MlDsaParams ps : kAll) {
            Bytes xi(32, 0x3c);
            ct_test::poison(xi);
            auto sk = MlDsaPrivateKey::from_seed(ps, xi, *be);
            ASSERT_TRUE(sk.ok());
            ct_test::declassify(sk->public_key().bytes());
            EXPECT_EQ(sk->public_key().bytes().size(), mldsa_public_key_size(ps));
        }
    }
}

TEST(MlDsaCt, SignWithPoisonedPrivateKeyAndRnd) {
    KEEL_REQUIRE_VALGRIND();
    for (const detail::PolyBackend* be : detail::poly_backends()) {
        for (MlDsaParams ps : kAll) {
            Bytes xi(32, 0x5a);
            auto ref = MlDsaPrivateKey::from_seed(ps, xi, *be);
            ASSERT_TRUE(ref.ok());
            Bytes skb(ref->bytes().view().begin(), ref->bytes().view().end());
            ct_test::poison(skb);
            auto sk = MlDsaPrivateKey::from_bytes(ps, skb, *be);
            ASSERT_TRUE(sk.ok());
            const Bytes msg = {'c', 't'};
            for (int i = 0; i < 3; i++) {
                Bytes mu(64, static_cast<uint8_t>(i)), rnd(32, static_cast<uint8_t>(0x10 + i));
                ct_test::poison(rnd);
                auto sig = sk->sign_mu(mu, rnd);
                ASSERT_TRUE(sig.ok());
                ct_test::declassify(*sig);
                EXPECT_TRUE(ref->public_key().verify_mu(mu, *sig).ok());
            }
            auto sig = sk->sign(msg, crypto::default_rng(), {.deterministic = true});
            ASSERT_TRUE(sig.ok());
            ct_test::declassify(*sig);
            EXPECT_TRUE(ref->public_key().verify(msg, *sig).ok());
        }
    }
}

}  // namespace
}  // namespace keel::pq
