// FFDHE (RFC 7919) and arbitrary-group DH: agreement round trips for every group, the
// peer-value checks, the kx contract, and a known answer computed by OpenSSL.
#include "crypto/dh/dh.h"

#include <gtest/gtest.h>

#include "tests/crypto/rsa/test_rng.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::TestRng;

struct Kx {
    NamedGroup group;
    size_t bits;
    size_t exp_bits;
    Result<KxClientState> (*generate)(Rng&);
    Result<KxServerResult> (*respond)(ByteView, Rng&);
    Result<SecretBytes> (*finish)(const KxClientState&, ByteView);
};

const Kx kGroups[] = {
    {NamedGroup::ffdhe2048, 2048, 225, ffdhe2048::kx_generate, ffdhe2048::kx_respond,
     ffdhe2048::kx_finish},
    {NamedGroup::ffdhe3072, 3072, 275, ffdhe3072::kx_generate, ffdhe3072::kx_respond,
     ffdhe3072::kx_finish},
    {NamedGroup::ffdhe4096, 4096, 325, ffdhe4096::kx_generate, ffdhe4096::kx_respond,
     ffdhe4096::kx_finish},
    {NamedGroup::ffdhe6144, 6144, 375, ffdhe6144::kx_generate, ffdhe6144::kx_respond,
     ffdhe6144::kx_finish},
    {NamedGroup::ffdhe8192, 8192, 400, ffdhe8192::kx_generate, ffdhe8192::kx_respond,
     ffdhe8192::kx_finish},
};

Bytes pad_to(Bytes v, size_t len) {
    while (v.size() > len && v[0] == 0) v.erase(v.begin());
    while (v.size() < len) v.insert(v.begin(), 0);
    return v;
}

TEST(Ffdhe, KxRoundTripEveryGroup) {
    TestRng rng(1);
    for (const Kx& k : kGroups) {
        auto g = DhGroup::ffdhe(k.group);
        ASSERT_TRUE(g.ok());
        EXPECT_EQ(g->prime_bits(), k.bits);
        EXPECT_EQ(g->exponent_bits(), k.exp_bits);
        auto client = k.generate(rng);
        ASSERT_TRUE(client.ok());
        EXPECT_EQ(client->group, k.group);
        EXPECT_EQ(client->share.size(), k.bits / 8);
        auto server = k.respond(client->share, rng);
        ASSERT_TRUE(server.ok());
        EXPECT_EQ(server->share.size(), k.bits / 8);
        auto secret = k.finish(*client, server->share);
        ASSERT_TRUE(secret.ok());
        EXPECT_EQ(secret->size(), k.bits / 8);
        EXPECT_EQ(Bytes(secret->view().begin(), secret->view().end()),
                  Bytes(server->shared_secret.view().begin(), server->shared_secret.view().end()));
        EXPECT_NE(client->share, server->share);
    }
}

TEST(Ffdhe, RejectsBadPeerValues) {
    TestRng rng(2);
    for (const Kx& k : kGroups) {
        auto g = DhGroup::ffdhe(k.group);
        ASSERT_TRUE(g.ok());
        const size_t len = k.bits / 8;
        Bytes p = g->p_bytes();
        Bytes pm1 = p;
        pm1.back() -= 1;  // p is odd
        Bytes pp1 = p;
        pp1[8] += 1;  // p = ff..ff (64 bits) || ...: bumping byte 8 gives a value > p
        Bytes zero(len, 0), one(len, 0), all_ff(len, 0xff);
        one.back() = 1;
        auto client = k.generate(rng);
        ASSERT_TRUE(client.ok());
        for (const Bytes& bad : {zero, one, pm1, p, pp1, all_ff}) {
            auto f = k.finish(*client, bad);
            ASSERT_FALSE(f.ok());
            EXPECT_EQ(f.error().code(), Errc::invalid_argument);
            EXPECT_FALSE(k.respond(bad, rng).ok());
        }
        // Wrong lengths are malformed, even with a valid value.
        Bytes two(len, 0);
        two.back() = 2;
        EXPECT_TRUE(k.finish(*client, two).ok());
        Bytes short_share(two.begin() + 1, two.end());
        EXPECT_EQ(k.finish(*client, short_share).error().code(), Errc::malformed);
        Bytes long_share = two;
        long_share.insert(long_share.begin(), 0);
        EXPECT_EQ(k.respond(long_share, rng).error().code(), Errc::malformed);
        // p - 2 is the largest valid value.
        Bytes pm2 = p;
        pm2.back() -= 2;
        EXPECT_TRUE(k.finish(*client, pm2).ok());
    }
}

TEST(Ffdhe, FinishRejectsStateOfAnotherGroup) {
    TestRng rng(3);
    auto c = ffdhe2048::kx_generate(rng);
    ASSERT_TRUE(c.ok());
    Bytes two(384, 0);
    two.back() = 2;
    EXPECT_FALSE(ffdhe3072::kx_finish(*c, two).ok());
    EXPECT_FALSE(DhGroup::ffdhe(NamedGroup::x25519).ok());
}

TEST(Ffdhe, OpenSslKnownAnswer) {
    const auto& root = keel::test::load_vectors("kat/ffdhe.json");
    auto g = DhGroup::ffdhe(NamedGroup::ffdhe2048);
    ASSERT_TRUE(g.ok());
    size_t n = 0;
    for (const auto& t : root["tests"].as_array()) {
        Bytes xa = keel::test::unhex(t["private_a"].as_string());
        Bytes xb = keel::test::unhex(t["private_b"].as_string());
        Bytes ya = pad_to(keel::test::unhex(t["public_a"].as_string()), 256);
        Bytes yb = pad_to(keel::test::unhex(t["public_b"].as_string()), 256);
        Bytes z = pad_to(keel::test::unhex(t["shared"].as_string()), 256);
        auto za = g->agree(SecretBytes(xa), yb);
        auto zb = g->agree(SecretBytes(xb), ya);
        ASSERT_TRUE(za.ok() && zb.ok());
        EXPECT_EQ(Bytes(za->view().begin(), za->view().end()), z);
        EXPECT_EQ(Bytes(zb->view().begin(), zb->view().end()), z);
        // Public values: y = 2^x mod p, checked through agree with the generator.
        auto ya2 = g->agree(SecretBytes(xa), g->g_bytes());
        ASSERT_TRUE(ya2.ok());
        EXPECT_EQ(Bytes(ya2->view().begin(), ya2->view().end()), ya);
        n++;
    }
    EXPECT_GT(n, 0u);
}

TEST(Dh, ArbitraryGroupRoundTripAndChecks) {
    // ffdhe2048's prime with generator 5: any parameters, not only the named ones.
    auto named = DhGroup::ffdhe(NamedGroup::ffdhe2048);
    ASSERT_TRUE(named.ok());
    auto g = DhGroup::from_params(named->p_bytes(), Bytes{5});
    ASSERT_TRUE(g.ok());
    EXPECT_EQ(g->exponent_bits(), 2047u);
    TestRng rng(4);
    auto a = g->generate(rng), b = g->generate(rng);
    ASSERT_TRUE(a.ok() && b.ok());
    auto za = g->agree(a->private_key, b->public_key);
    auto zb = g->agree(b->private_key, a->public_key);
    ASSERT_TRUE(za.ok() && zb.ok());
    EXPECT_EQ(Bytes(za->view().begin(), za->view().end()),
              Bytes(zb->view().begin(), zb->view().end()));
    // Unpadded peer value (TLS 1.2 style) is accepted.
    Bytes trimmed = b->public_key;
    while (!trimmed.empty() && trimmed[0] == 0) trimmed.erase(trimmed.begin());
    EXPECT_TRUE(g->agree(a->private_key, trimmed).ok());

    Bytes p = named->p_bytes();
    EXPECT_FALSE(DhGroup::from_params(p, Bytes{1}).ok());
    EXPECT_FALSE(DhGroup::from_params(p, Bytes{0}).ok());
    Bytes pm1 = p;
    pm1.back() -= 1;
    EXPECT_FALSE(DhGroup::from_params(p, pm1).ok());
    EXPECT_FALSE(DhGroup::from_params(pm1, Bytes{2}).ok());                // even
    EXPECT_FALSE(DhGroup::from_params(Bytes(64, 0xff), Bytes{2}).ok());    // 512 bits
    EXPECT_FALSE(DhGroup::from_params(Bytes(2049, 0xff), Bytes{2}).ok());  // > 16384 bits
    EXPECT_FALSE(g->agree(SecretBytes(), b->public_key).ok());
    EXPECT_FALSE(g->agree(SecretBytes(Bytes(257, 1)), b->public_key).ok());
}

}  // namespace
}  // namespace keel::crypto
