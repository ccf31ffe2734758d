// Bignum under valgrind with secrets poisoned: Montgomery exponentiation (exponent and
// base), modular inverse, and building a Modulus from a secret prime.
#include <random>

#include "crypto/bn/bn.h"
#include "tests/ct/harness.h"

namespace keel::crypto::bn {
namespace {

using ct_test::declassify;
using ct_test::poison;

Nat random_modulus(size_t bits, std::mt19937_64& g) {
    Nat m(limbs_for_bits(bits));
    for (size_t i = 0; i < m.size(); i++) m[i] = g();
    if (bits % 64) m[m.size() - 1] &= (Limb{1} << (bits % 64)) - 1;
    m[(bits - 1) / 64] |= Limb{1} << ((bits - 1) % 64);
    m[0] |= 1;
    return m;
}

ByteView view(const Nat& v) {
    return {reinterpret_cast<const uint8_t*>(v.data()), v.size() * 8};
}

TEST(BnCt, ExpWithSecretExponentAndBase) {
    KEEL_REQUIRE_VALGRIND();
    std::mt19937_64 g(1);
    for (auto backend : detail::available_backends()) {
        Nat m = random_modulus(1024, g);
        auto mod = Modulus::from_nat(m, backend);
        ASSERT_TRUE(mod.ok());
        Nat a(m.size()), e(m.size()), r(m.size());
        for (size_t i = 0; i < m.size(); i++) a[i] = g() >> 1, e[i] = g();
        a[m.size() - 1] >>= 1;
        poison(view(a));
        poison(view(e));
        mod->exp(r.data(), a.data(), e.data(), 1024);
        declassify(view(r));
        Nat want(m.size());
        declassify(view(a));
        declassify(view(e));
        mod->exp_vartime(want.data(), a.data(), e.data(), e.size());
        for (size_t i = 0; i < m.size(); i++) EXPECT_EQ(r[i], want[i]);
    }
}

TEST(BnCt, InverseAndFermatWithSecretInput) {
    KEEL_REQUIRE_VALGRIND();
    std::mt19937_64 g(2);
    Nat m = random_modulus(512, g);
    auto mod = Modulus::from_nat(m);
    ASSERT_TRUE(mod.ok());
    Nat a(m.size()), r(m.size()), r2(m.size());
    for (size_t i = 0; i < m.size(); i++) a[i] = g();
    a[m.size() - 1] >>= 2;
    poison(view(a));
    Limb ok = mod->inverse(r.data(), a.data());
    mod->inverse_prime(r2.data(), a.data());
    declassify(view(r));
    declassify(view(r2));
    ct::declassify(&ok, sizeof ok);
    (void)ok;
}

TEST(BnCt, ModulusFromSecretPrime) {
    KEEL_REQUIRE_VALGRIND();
    std::mt19937_64 g(3);
    Nat p = random_modulus(1024, g);
    poison(view(p));
    auto mod = Modulus::from_nat(p);
    ASSERT_TRUE(mod.ok());
    Nat c(2 * p.size()), r(p.size());
    for (size_t i = 0; i < c.size(); i++) c[i] = g();
    c[c.size() - 1] >>= 1;  // below p * R
    mod->reduce_wide(r.data(), c.data(), c.size());
    declassify(view(r));
}

}  // namespace
}  // namespace keel::crypto::bn
