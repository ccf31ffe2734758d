// Constant time (DESIGN.md §5) for the secret-handling EC paths on P-256 and P-384:
// fixed-base and variable-base scalar multiplication with the scalar poisoned,
// ECDSA signing with the private key (and so the RFC 6979 nonce) poisoned, and
// scalar inversion mod n. Valgrind reports any branch or index on poisoned data.
#include <gtest/gtest.h>

#include "crypto/ec/ec.h"
#include "crypto/ec/ecdsa.h"
#include "crypto/ec/internal/curve_impl.h"
#include "crypto/ec/internal/curve_params.h"
#include "tests/ct/harness.h"

namespace keel::crypto::ec {
namespace {

using ct_test::declassify;
using ct_test::poison;

Bytes scalar_for(Curve c, uint8_t seed) {
    Bytes k(curve_bytes(c));
    for (size_t i = 0; i < k.size(); i++) k[i] = uint8_t(seed * 31 + i * 7);
    k[0] = 0x3a;  // below n on both curves
    return k;
}

class EcCt : public ::testing::TestWithParam<Curve> {};

TEST_P(EcCt, FixedBaseScalarMult) {
    KEEL_REQUIRE_VALGRIND();
    Curve c = GetParam();
    (void)public_point(c, scalar_for(c, 9));  // build the tables outside the check
    Bytes k = scalar_for(c, 1);
    poison(k);
    auto p = public_point(c, k);
    ASSERT_TRUE(p.ok());
    declassify(*p);
    EXPECT_EQ(p->size(), 1 + 2 * curve_bytes(c));
}

TEST_P(EcCt, VariableBaseScalarMult) {
    KEEL_REQUIRE_VALGRIND();
    Curve c = GetParam();
    Bytes peer = *public_point(c, scalar_for(c, 2));
    Bytes k = scalar_for(c, 3);
    poison(k);
    auto s = ecdh(c, k, peer);
    ASSERT_TRUE(s.ok());
    declassify(s->view());
    EXPECT_EQ(s->size(), curve_bytes(c));
}

TEST_P(EcCt, EcdsaSign) {
    KEEL_REQUIRE_VALGRIND();
    Curve c = GetParam();
    auto key = EcdsaPrivateKey::from_bytes(c, scalar_for(c, 4));
    ASSERT_TRUE(key.ok());
    Bytes msg = {1, 2, 3};
    poison(key->scalar());  // the nonce derives from it through HMAC_DRBG
    auto sig = key->sign_deterministic(msg, HashAlg::sha256, EcdsaFormat::p1363);
    ASSERT_TRUE(sig.ok());
    declassify(*sig);
    declassify(key->scalar());
    EXPECT_TRUE(key->public_key().verify(msg, *sig, HashAlg::sha256, EcdsaFormat::p1363).ok());
}

INSTANTIATE_TEST_SUITE_P(Curves, EcCt, ::testing::Values(Curve::p256, Curve::p384),
                         [](const auto& info) {
                             return std::string(info.param == Curve::p256 ? "P256" : "P384");
                         });

template <class C>
void check_scalar_inversion() {
    using S = detail::Mont<typename C::Order>;
    typename S::Fe a{}, inv{}, prod{};
    for (size_t i = 0; i < S::N; i++) a[i] = 0x0123456789abcdefull * (i + 3);
    a[S::N - 1] >>= 8;  // below n
    S::to_mont(a, a);
    ct::poison(&a, sizeof a);
    S::inv(inv, a);
    S::mul(prod, inv, a);
    ct::declassify(&prod, sizeof prod);
    EXPECT_EQ(prod, S::kOne);
}

TEST(EcCtScalar, InversionModOrder) {
    KEEL_REQUIRE_VALGRIND();
    check_scalar_inversion<detail::P256Params>();
    check_scalar_inversion<detail::P384Params>();
}

}  // namespace
}  // namespace keel::crypto::ec
