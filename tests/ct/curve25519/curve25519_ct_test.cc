// Constant-time checks for X25519 and Ed25519 (valgrind memcheck, secrets poisoned).
#include <gtest/gtest.h>

#include <array>

#include "crypto/curve25519/ed25519.h"
#include "crypto/curve25519/internal/ge25519.h"
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

// Key derivation and signing: the seed is poisoned, so the clamped scalar, the prefix
// and the nonce derived from them are too. R and S are declassified by sign() itself.
TEST(Curve25519Ct, Ed25519SignSecretSeed) {
    KEEL_REQUIRE_VALGRIND();
    Bytes seed(32);
    for (int i = 0; i < 32; i++) seed[i] = static_cast<uint8_t>(200 - 3 * i);
    poison(seed);
    auto key = Ed25519PrivateKey::from_bytes(seed);
    ASSERT_TRUE(key.ok());
    for (Ed25519Variant v : {Ed25519Variant::pure, Ed25519Variant::ctx, Ed25519Variant::ph}) {
        auto sig = key->sign(as_bytes("message"),
                             {v, v == Ed25519Variant::ctx ? as_bytes("c") : ByteView{}});
        ASSERT_TRUE(sig.ok());
        declassify(*sig);
        EXPECT_TRUE(key->public_key()
                        .verify(as_bytes("message"), *sig,
                                {v, v == Ed25519Variant::ctx ? as_bytes("c") : ByteView{}})
                        .ok());
    }
}

// The fixed-base multiplication (secret scalar, masked scan of every table entry).
TEST(Curve25519Ct, Ed25519FixedBaseTableLookup) {
    KEEL_REQUIRE_VALGRIND();
    uint8_t a[32];
    for (int i = 0; i < 32; i++) a[i] = static_cast<uint8_t>(i * 29 + 7);
    a[31] &= 0x7f;
    detail::GeP3 warm;
    detail::ge25519::base_mul(warm, a);  // builds the public table outside the poisoned run
    poison(ByteView(a, 32));
    detail::GeP3 p;
    detail::ge25519::base_mul(p, a);
    declassify(ByteView(reinterpret_cast<const uint8_t*>(&p), sizeof p));
    declassify(ByteView(a, 32));
}

}  // namespace
}  // namespace keel::crypto
