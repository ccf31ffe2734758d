#include "crypto/curve25519/x25519.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "tests/crypto/curve25519/test_rng.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using detail::X25519Backend;
using keel::test::hex;
using keel::test::unhex;
using test::ReplayRng;

using Key = std::array<uint8_t, 32>;

Key key(std::string_view h) {
    Bytes b = unhex(h);
    Key k{};
    EXPECT_EQ(b.size(), 32u);
    std::copy(b.begin(), b.begin() + std::min<size_t>(b.size(), 32), k.begin());
    return k;
}

Key run(const X25519Backend& be, const Key& k, const Key& u) {
    Key out;
    be.fn(out.data(), k.data(), u.data());
    return out;
}

// RFC 7748 §5.2 test vectors.
TEST(X25519, Rfc7748Vectors) {
    for (const auto& be : detail::x25519_backends()) {
        SCOPED_TRACE(be.name);
        EXPECT_EQ(
            hex(run(be, key("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                    key("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"))),
            "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
        EXPECT_EQ(
            hex(run(be, key("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
                    key("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"))),
            "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
    }
}

// RFC 7748 §5.2 iterated test: k = X25519(k, u), u = old k, after 1 and 1000 rounds.
TEST(X25519, Rfc7748Iterated) {
    for (const auto& be : detail::x25519_backends()) {
        SCOPED_TRACE(be.name);
        Key k{}, u{};
        k[0] = 9;
        u[0] = 9;
        for (int i = 1; i <= 1000; i++) {
            Key r = run(be, k, u);
            u = k;
            k = r;
            if (i == 1) {
                EXPECT_EQ(hex(k),
                          "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
            }
        }
        EXPECT_EQ(hex(k), "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
    }
}

// Every backend against the portable one: 10,000 random scalars and u-coordinates
// (top bit of u set half the time, which X25519 must ignore), then edge-case u values
// (0, 1, p - 1, p, p + 1, 2^255 - 1: non-canonical encodings must be reduced).
TEST(X25519, BackendsMatchPortable) {
    const auto backends = detail::x25519_backends();
    ASSERT_STREQ(backends[0].name, "portable");
    if (backends.size() == 1) GTEST_SKIP() << "only the portable backend under this KEEL_CPU";
    uint64_t state = 0x9e3779b97f4a7c15;
    auto next = [&state] {
        // splitmix64: a fixed, reproducible stream.
        uint64_t z = (state += 0x9e3779b97f4a7c15);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
        z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
        return z ^ (z >> 31);
    };
    auto random_key = [&next] {
        Key k;
        for (int i = 0; i < 32; i += 8) {
            uint64_t w = next();
            for (int j = 0; j < 8; j++) k[i + j] = static_cast<uint8_t>(w >> (8 * j));
        }
        return k;
    };
    std::vector<Key> us;
    for (int i = 0; i < 10000; i++) us.push_back(random_key());
    Key p{};  // 2^255 - 19
    p.fill(0xff);
    p[0] = 0xed;
    p[31] = 0x7f;
    Key edge = {};
    us.push_back(edge);  // 0
    edge[0] = 1;
    us.push_back(edge);  // 1
    Key pm1 = p, pp1 = p, top = {};
    pm1[0] = 0xec;
    pp1[0] = 0xee;
    top.fill(0xff);
    us.push_back(pm1);
    us.push_back(p);
    us.push_back(pp1);
    us.push_back(top);
    size_t n = 0;
    for (const Key& u : us) {
        const Key k = random_key();
        const Key want = run(backends[0], k, u);
        for (size_t b = 1; b < backends.size(); b++) {
            ASSERT_EQ(hex(run(backends[b], k, u)), hex(want))
                << backends[b].name << " k=" << hex(k) << " u=" << hex(u);
            n++;
        }
    }
    EXPECT_EQ(n, us.size() * (backends.size() - 1));
}

// RFC 7748 §6.1 Diffie-Hellman.
TEST(X25519, Rfc7748DiffieHellman) {
    const Key a = key("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    const Key b = key("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    Key pa, pb, s1, s2;
    x25519::scalarmult_base(pa, a);
    x25519::scalarmult_base(pb, b);
    EXPECT_EQ(hex(pa), "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    EXPECT_EQ(hex(pb), "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    x25519::scalarmult(s1, a, pb);
    x25519::scalarmult(s2, b, pa);
    EXPECT_EQ(hex(s1), "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    EXPECT_EQ(s1, s2);
}

// Wycheproof x25519_test.json, every case. "acceptable" cases (small-order or
// non-canonical public values, twist points) follow RFC 7748 in the raw function;
// the TLS kx functions must reject exactly the all-zero results.
TEST(X25519, Wycheproof) {
    const auto& doc = keel::test::load_vectors("wycheproof/x25519_test.json");
    size_t cases = 0, zero = 0;
    for (const auto& group : doc["testGroups"].as_array()) {
        for (const auto& t : group["tests"].as_array()) {
            SCOPED_TRACE("tcId " + std::to_string(t["tcId"].as_int()));
            const Key priv = key(t["private"].as_string());
            const Key pub = key(t["public"].as_string());
            const std::string shared = t["shared"].as_string();
            for (const auto& be : detail::x25519_backends()) {
                EXPECT_EQ(hex(run(be, priv, pub)), shared) << be.name;
            }
            const bool all_zero = shared == std::string(64, '0');
            zero += all_zero;
            KxClientState st{NamedGroup::x25519, Bytes(32),
                             SecretBytes(ByteView(priv.data(), priv.size()))};
            auto fin = x25519::kx_finish(st, pub);
            ReplayRng rng(Bytes(priv.begin(), priv.end()));
            auto resp = x25519::kx_respond(pub, rng);
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
                x25519::scalarmult_base(expect_share, priv);
                EXPECT_EQ(hex(resp->share), hex(expect_share));
            }
            cases++;
        }
    }
    EXPECT_EQ(cases, static_cast<size_t>(doc["numberOfTests"].as_int()));
    EXPECT_GT(zero, 0u);
}

TEST(X25519, KxRoundTrip) {
    ReplayRng rng({}, 7);
    for (int i = 0; i < 20; i++) {
        auto client = x25519::kx_generate(rng);
        ASSERT_TRUE(client.ok());
        EXPECT_EQ(client->group, NamedGroup::x25519);
        ASSERT_EQ(client->share.size(), 32u);
        auto server = x25519::kx_respond(client->share, rng);
        ASSERT_TRUE(server.ok());
        auto fin = x25519::kx_finish(*client, server->share);
        ASSERT_TRUE(fin.ok());
        EXPECT_EQ(hex(fin->view()), hex(server->shared_secret.view()));
    }
}

TEST(X25519, KxRejectsBadShareLengths) {
    ReplayRng rng;
    auto client = x25519::kx_generate(rng);
    ASSERT_TRUE(client.ok());
    for (size_t n : {0, 1, 31, 33, 64}) {
        Bytes share(n, 0x42);
        auto r = x25519::kx_respond(share, rng);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::malformed);
        auto f = x25519::kx_finish(*client, share);
        ASSERT_FALSE(f.ok());
        EXPECT_EQ(f.error().code(), Errc::malformed);
    }
}

TEST(X25519, KxRejectsWrongState) {
    ReplayRng rng;
    auto client = x25519::kx_generate(rng);
    ASSERT_TRUE(client.ok());
    KxClientState bad = *client;
    bad.group = NamedGroup::x448;
    EXPECT_FALSE(x25519::kx_finish(bad, client->share).ok());
    bad = *client;
    bad.private_key = SecretBytes(16);
    EXPECT_FALSE(x25519::kx_finish(bad, client->share).ok());
}

TEST(X25519, KxPropagatesRngFailure) {
    test::FailingRng rng;
    auto g = x25519::kx_generate(rng);
    ASSERT_FALSE(g.ok());
    EXPECT_EQ(g.error().code(), Errc::entropy);
    Bytes share(32, 9);
    auto r = x25519::kx_respond(share, rng);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::entropy);
}

}  // namespace
}  // namespace keel::crypto
