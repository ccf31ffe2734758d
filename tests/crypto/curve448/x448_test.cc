#include "crypto/curve448/x448.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "tests/crypto/curve25519/test_rng.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using keel::test::hex;
using keel::test::unhex;
using test::ReplayRng;

using Key = std::array<uint8_t, 56>;

Key key(std::string_view h) {
    Bytes b = unhex(h);
    Key k{};
    EXPECT_EQ(b.size(), 56u);
    std::copy(b.begin(), b.begin() + std::min<size_t>(b.size(), 56), k.begin());
    return k;
}

Key run(const Key& k, const Key& u) {
    Key out;
    detail::x448_portable(out.data(), k.data(), u.data());
    return out;
}

// RFC 7748 §5.2 test vectors.
TEST(X448, Rfc7748Vectors) {
    EXPECT_EQ(hex(run(key("3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c984c24f8"
                          "cdd78fbff44943eba368f54b29259a4f1c600ad3"),
                      key("06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031ddbdc38c"
                          "19c6da2583fa5429db94ada18aa7a7fb4ef8a086"))),
              "ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaadeb445fc66a01b0779d98"
              "223961111e21766282f73dd96b6f");
    EXPECT_EQ(hex(run(key("203d494428b8399352665ddca42f9de8fef600908e0d461cb021f8c538345dd77c3e4806"
                          "e25f46d3315c44e0a5b4371282dd2c8d5be3095f"),
                      key("0fbcc2f993cd56d3305b0b7d9e55d4c1a8fb5dbb52f8e9a1e9b6201b165d015894e56c4d"
                          "3570bee52fe205e28a78b91cdfbde71ce8d157db"))),
              "884a02576239ff7a2f2f63b2db6a9ff37047ac13568e1e30fe63c4a7ad1b3ee3a5700df34321d62077e6"
              "3633c575c1c954514e99da7c179d");
}

// RFC 7748 §5.2 iterated test after 1 and 1000 rounds.
TEST(X448, Rfc7748Iterated) {
    Key k{}, u{};
    k[0] = 5;
    u[0] = 5;
    for (int i = 1; i <= 1000; i++) {
        Key r = run(k, u);
        u = k;
        k = r;
        if (i == 1) {
            EXPECT_EQ(hex(k),
                      "3f482c8a9f19b01e6c46ee9711d9dc14fd4bf67af30765c2ae2b846a4d23a8cd0db897086239"
                      "492caf350b51f833868b9bc2b3bca9cf4113");
        }
    }
    EXPECT_EQ(hex(k),
              "aa3b4749d55b9daf1e5b00288826c467274ce3ebbdd5c17b975e09d4af6c67cf10d087202db88286e2b7"
              "9fceea3ec353ef54faa26e219f38");
}

// RFC 7748 §6.2 Diffie-Hellman.
TEST(X448, Rfc7748DiffieHellman) {
    const Key a =
        key("9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382"
            "a6f127ab1d9ac2d8c0a598726b");
    const Key b =
        key("1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c"
            "921b09d1b0366f10b65173992d");
    Key pa, pb, s1, s2;
    x448::scalarmult_base(pa, a);
    x448::scalarmult_base(pb, b);
    EXPECT_EQ(hex(pa),
              "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b"
              "12da88120d53177f80e532c41fa0");
    EXPECT_EQ(hex(pb),
              "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706"
              "dcb57aec3dae07bdc1c67bf33609");
    x448::scalarmult(s1, a, pb);
    x448::scalarmult(s2, b, pa);
    EXPECT_EQ(hex(s1),
              "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c"
              "24403085d59a449a5037514a879d");
    EXPECT_EQ(s1, s2);
}

// Wycheproof x448_test.json, every case. "acceptable" cases (small-order or
// non-canonical public values, twist points) follow RFC 7748 in the raw function;
// the TLS kx functions must reject exactly the all-zero results.
TEST(X448, Wycheproof) {
    const auto& doc = keel::test::load_vectors("wycheproof/x448_test.json");
    size_t cases = 0, zero = 0;
    for (const auto& group : doc["testGroups"].as_array()) {
        for (const auto& t : group["tests"].as_array()) {
            SCOPED_TRACE("tcId " + std::to_string(t["tcId"].as_int()));
            const Key priv = key(t["private"].as_string());
            if (t["result"].as_string() == "invalid") {
                // Public values of the wrong length (449 bits): the kx functions refuse them.
                const Bytes raw = t["public"].as_hex();
                ASSERT_NE(raw.size(), 56u);
                KxClientState st{NamedGroup::x448, Bytes(56),
                                 SecretBytes(ByteView(priv.data(), priv.size()))};
                EXPECT_EQ(x448::kx_finish(st, raw).error().code(), Errc::malformed);
                ReplayRng rng;
                EXPECT_EQ(x448::kx_respond(raw, rng).error().code(), Errc::malformed);
                cases++;
                continue;
            }
            const Key pub = key(t["public"].as_string());
            const std::string shared = t["shared"].as_string();
            EXPECT_EQ(hex(run(priv, pub)), shared);
            const bool all_zero = shared == std::string(112, '0');
            zero += all_zero;
            KxClientState st{NamedGroup::x448, Bytes(56),
                             SecretBytes(ByteView(priv.data(), priv.size()))};
            auto fin = x448::kx_finish(st, pub);
            ReplayRng rng(Bytes(priv.begin(), priv.end()));
            auto resp = x448::kx_respond(pub, rng);
            if (all_zero) {
                ASSERT_FALSE(fin.ok());
                EXPECT_EQ(fin.error().code(), Errc::invalid_argument);
                ASSERT_FALSE(resp.ok());
                EXPECT_EQ(resp.error().code(), Errc::invalid_argument);
            } else {
                ASSERT_TRUE(fin.ok());
                EXPECT_EQ(hex(fin->view()), shared);
                ASSERT_TRUE(resp.ok());
                EXPECT_EQ(hex(resp->shared_secret.view()), shared);
                Key expect_share;
                x448::scalarmult_base(expect_share, priv);
                EXPECT_EQ(hex(resp->share), hex(expect_share));
            }
            cases++;
        }
    }
    EXPECT_EQ(cases, static_cast<size_t>(doc["numberOfTests"].as_int()));
    EXPECT_GT(zero, 0u);
}

TEST(X448, KxRoundTrip) {
    ReplayRng rng({}, 7);
    for (int i = 0; i < 20; i++) {
        auto client = x448::kx_generate(rng);
        ASSERT_TRUE(client.ok());
        EXPECT_EQ(client->group, NamedGroup::x448);
        ASSERT_EQ(client->share.size(), 56u);
        auto server = x448::kx_respond(client->share, rng);
        ASSERT_TRUE(server.ok());
        auto fin = x448::kx_finish(*client, server->share);
        ASSERT_TRUE(fin.ok());
        EXPECT_EQ(hex(fin->view()), hex(server->shared_secret.view()));
    }
}

TEST(X448, KxRejectsBadShareLengths) {
    ReplayRng rng;
    auto client = x448::kx_generate(rng);
    ASSERT_TRUE(client.ok());
    for (size_t n : {0, 1, 32, 55, 57, 112}) {
        Bytes share(n, 0x42);
        auto r = x448::kx_respond(share, rng);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::malformed);
        auto f = x448::kx_finish(*client, share);
        ASSERT_FALSE(f.ok());
        EXPECT_EQ(f.error().code(), Errc::malformed);
    }
}

TEST(X448, KxRejectsWrongState) {
    ReplayRng rng;
    auto client = x448::kx_generate(rng);
    ASSERT_TRUE(client.ok());
    KxClientState bad = *client;
    bad.group = NamedGroup::x25519;
    EXPECT_FALSE(x448::kx_finish(bad, client->share).ok());
    bad = *client;
    bad.private_key = SecretBytes(32);
    EXPECT_FALSE(x448::kx_finish(bad, client->share).ok());
}

TEST(X448, KxPropagatesRngFailure) {
    test::FailingRng rng;
    auto g = x448::kx_generate(rng);
    ASSERT_FALSE(g.ok());
    EXPECT_EQ(g.error().code(), Errc::entropy);
    Bytes share(56, 9);
    auto r = x448::kx_respond(share, rng);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::entropy);
}

}  // namespace
}  // namespace keel::crypto
