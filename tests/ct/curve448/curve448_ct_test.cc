// Constant-time checks for X448 and Ed448 (valgrind memcheck, secrets poisoned).
#include <gtest/gtest.h>

#include <array>

#include "crypto/curve448/ed448.h"
#include "crypto/curve448/x448.h"
#include "tests/ct/harness.h"

namespace keel::crypto {
namespace {

using ct_test::declassify;
using ct_test::poison;

TEST(Curve448Ct, X448ScalarMult) {
    KEEL_REQUIRE_VALGRIND();
    std::array<uint8_t, 56> k{}, u{}, out{};
    for (int i = 0; i < 56; i++) {
        k[i] = static_cast<uint8_t>(i * 37 + 1);
        u[i] = static_cast<uint8_t>(i * 11 + 5);
    }
    poison(k);
    detail::x448_portable(out.data(), k.data(), u.data());
    declassify(out);
    declassify(k);
    EXPECT_NE(out, (std::array<uint8_t, 56>{}));
}

TEST(Curve448Ct, X448KxSecretScalar) {
    KEEL_REQUIRE_VALGRIND();
    std::array<uint8_t, 56> k{}, pub{};
    k.fill(0x5a);
    x448::scalarmult_base(pub, k);
    KxClientState st{NamedGroup::x448, Bytes(56), SecretBytes(ByteView(k))};
    poison(st.private_key.view());
    auto secret = x448::kx_finish(st, pub);
    ASSERT_TRUE(secret.ok());
    declassify(secret->view());
}

TEST(Curve448Ct, Ed448SignSecretSeed) {
    KEEL_REQUIRE_VALGRIND();
    Bytes seed(57);
    for (int i = 0; i < 57; i++) seed[i] = static_cast<uint8_t>(100 + 7 * i);
    poison(seed);
    auto key = Ed448PrivateKey::from_bytes(seed);
    ASSERT_TRUE(key.ok());
    for (bool ph : {false, true}) {
        auto sig = key->sign(as_bytes("message"), {ph, as_bytes("ctx")});
        ASSERT_TRUE(sig.ok());
        declassify(*sig);
        EXPECT_TRUE(
            key->public_key().verify(as_bytes("message"), *sig, {ph, as_bytes("ctx")}).ok());
    }
}

}  // namespace
}  // namespace keel::crypto
