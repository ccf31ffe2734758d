// DES, 3DES and RC4 with their keys and data poisoned: no branch or memory index may
// depend on them (crypto/legacy/README.md says how each avoids table lookups).
#include "crypto/legacy/des.h"
#include "crypto/legacy/rc4.h"
#include "tests/ct/harness.h"

namespace keel::crypto {
namespace {

using ct_test::declassify;
using ct_test::poison;

Bytes pattern(size_t n, uint8_t seed) {
    Bytes b(n);
    for (size_t i = 0; i < n; i++) b[i] = static_cast<uint8_t>(seed * 13 + 29 * i + (i >> 2));
    return b;
}

TEST(CtLegacy, DesAndTripleDesCbcWithSecretKeyAndData) {
    KEEL_REQUIRE_VALGRIND();
    const Bytes iv = pattern(8, 1);
    for (size_t key_len : {8, 24}) {
        Bytes key = pattern(key_len, 2), pt = pattern(40, 3);
        auto ref = Des::create(key);
        ASSERT_TRUE(ref.ok());
        Bytes want(pt.size());
        ASSERT_TRUE(ref->cbc_encrypt(iv, pt, want).ok());

        poison(key);
        poison(pt);
        auto des = Des::create(key);
        ASSERT_TRUE(des.ok());
        Bytes ct(pt.size());
        ASSERT_TRUE(des->cbc_encrypt(iv, pt, ct).ok());
        Bytes back(ct.size());
        ASSERT_TRUE(des->cbc_decrypt(iv, ct, back).ok());
        declassify(ct);
        declassify(back);
        declassify(pt);
        EXPECT_EQ(ct, want);
        EXPECT_EQ(back, pt);
    }
}

TEST(CtLegacy, Rc4WithSecretKeyAndData) {
    KEEL_REQUIRE_VALGRIND();
    Bytes key = pattern(16, 4), pt = pattern(64, 5);
    auto ref = Rc4::create(key);
    ASSERT_TRUE(ref.ok());
    Bytes want(pt.size());
    ASSERT_TRUE(ref->crypt(pt, want).ok());

    poison(key);
    poison(pt);
    auto rc4 = Rc4::create(key);
    ASSERT_TRUE(rc4.ok());
    Bytes ct(pt.size());
    ASSERT_TRUE(rc4->crypt(pt, ct).ok());
    declassify(ct);
    EXPECT_EQ(ct, want);
}

}  // namespace
}  // namespace keel::crypto
