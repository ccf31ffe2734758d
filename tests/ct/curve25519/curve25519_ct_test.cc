// Constant-time checks for X25519 and Ed25519 (valgrind memcheck, secrets poisoned).
#include <gtest/gtest.h>

#include <array>

#include "crypto/curve25519/x25519.h"
#include "tests/ct/harness.h"

namespace keel::crypto {
namespace {

using ct_test::declassify;
using ct_test::poison;

TEST(Curve25519Ct, X25519ScalarMultEveryBackend) {
    KEEL_REQUIRE_VALGRIND();
    std::array<uint8_t, 32> k{}, u{}, out{};
    for (int i = 0; i < 32; i++) {
        k[i] = static_cast<uint8_t>(i * 37 + 1);
        u[i] = static_cast<uint8_t>(i * 11 + 5);
    }
    for (const auto& be : detail::x25519_backends()) {
        SCOPED_TRACE(be.name);
        poison(k);
        be.fn(out.data(), k.data(), u.data());
        declassify(out);
        declassify(k);
        EXPECT_NE(out, (std::array<uint8_t, 32>{}));
    }
}

TEST(Curve25519Ct, X25519KxSecretScalar) {
    KEEL_REQUIRE_VALGRIND();
    std::array<uint8_t, 32> k{}, pub{};
    k.fill(0x5a);
    x25519::scalarmult_base(pub, k);
    KxClientState st{NamedGroup::x25519, Bytes(32), SecretBytes(ByteView(k))};
    poison(st.private_key.view());
    auto secret = x25519::kx_finish(st, pub);
    ASSERT_TRUE(secret.ok());
    declassify(secret->view());
}

}  // namespace
}  // namespace keel::crypto
