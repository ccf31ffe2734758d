// Hybrid key-exchange groups: round trips through the kx functions, bad shares, and
// known answers assembled from component vectors (ML-KEM ACVP / Wycheproof values and
// the RFC 7748 §6.1 X25519 values) that pin the concatenation order.
#include <gtest/gtest.h>

#include <string>

#include "pq/hybrid/x25519mlkem768.h"
#include "pq/mlkem/mlkem.h"
#include "tests/crypto/curve25519/test_rng.h"
#include "tests/vectors/json.h"

namespace keel::pq {
namespace {

using crypto::test::ReplayRng;
using keel::test::hex;
using keel::test::Json;
using keel::test::load_vectors;
using keel::test::unhex;

// RFC 7748 §6.1.
const char kAlicePriv[] = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
const char kAlicePub[] = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
const char kBobPriv[] = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
const char kBobPub[] = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
const char kX25519Shared[] = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

Bytes cat(const Bytes& a, const Bytes& b) {
    Bytes out = a;
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

const Json& first_test(const Json& doc, const std::string& set, const std::string& function) {
    for (const Json& g : doc["testGroups"].as_array()) {
        if (g["parameterSet"].as_string() != set) continue;
        if (!function.empty() && g["function"].as_string() != function) continue;
        return g["tests"][0];
    }
    ADD_FAILURE() << "no " << set << " " << function << " group";
    return doc;
}

TEST(X25519Mlkem768, RoundTrip) {
    ReplayRng rng({}, 3);
    for (int i = 0; i < 20; i++) {
        auto st = x25519mlkem768::kx_generate(rng);
        ASSERT_TRUE(st.ok());
        EXPECT_EQ(st->group, crypto::NamedGroup::x25519mlkem768);
        EXPECT_EQ(st->share.size(), 1216u);
        auto srv = x25519mlkem768::kx_respond(st->share, rng);
        ASSERT_TRUE(srv.ok());
        EXPECT_EQ(srv->share.size(), 1120u);
        EXPECT_EQ(srv->shared_secret.size(), 64u);
        auto sec = x25519mlkem768::kx_finish(*st, srv->share);
        ASSERT_TRUE(sec.ok());
        EXPECT_EQ(hex(sec->view()), hex(srv->shared_secret.view()));
    }
}

// Client share = ek (ACVP keyGen, d || z) || X25519 public (RFC 7748).
TEST(X25519Mlkem768, ClientShareKnownAnswer) {
    const Json& t = first_test(load_vectors("acvp/ML-KEM-keyGen-FIPS203/internalProjection.json"),
                               "ML-KEM-768", "");
    ReplayRng rng(cat(cat(t["d"].as_hex(), t["z"].as_hex()), unhex(kAlicePriv)));
    auto st = x25519mlkem768::kx_generate(rng);
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(hex(st->share), hex(cat(t["ek"].as_hex(), unhex(kAlicePub))));
}

// Server share = c || X25519 public, secret = K || X25519 shared (ACVP encapsulation).
TEST(X25519Mlkem768, ServerShareKnownAnswer) {
    const Json& t =
        first_test(load_vectors("acvp/ML-KEM-encapDecap-FIPS203/internalProjection.json"),
                   "ML-KEM-768", "encapsulation");
    ReplayRng rng(cat(t["m"].as_hex(), unhex(kBobPriv)));
    auto srv = x25519mlkem768::kx_respond(cat(t["ek"].as_hex(), unhex(kAlicePub)), rng);
    ASSERT_TRUE(srv.ok());
    EXPECT_EQ(hex(srv->share), hex(cat(t["c"].as_hex(), unhex(kBobPub))));
    EXPECT_EQ(hex(srv->shared_secret.view()), hex(cat(t["k"].as_hex(), unhex(kX25519Shared))));
}

// Client finish from a seed-form key (Wycheproof mlkem_768_test valid case).
TEST(X25519Mlkem768, FinishKnownAnswer) {
    const Json& doc = load_vectors("wycheproof/mlkem_768_test.json");
    const Json* tc = nullptr;
    for (const Json& t : doc["testGroups"][0]["tests"].as_array()) {
        if (t["result"].as_string() == "valid" && t["seed"].as_hex().size() == 64) {
            tc = &t;
            break;
        }
    }
    ASSERT_NE(tc, nullptr);
    const Json& t = *tc;
    // The client state holds the expanded dk (derived from the vector's seed) || scalar.
    auto kp = mlkem::keygen_from_seed(mlkem::ParamSet::mlkem768, t["seed"].as_hex());
    ASSERT_TRUE(kp.ok());
    const Bytes dk(kp->dk.data(), kp->dk.data() + kp->dk.size());
    crypto::KxClientState st{
        crypto::NamedGroup::x25519mlkem768, {}, SecretBytes(cat(dk, unhex(kAlicePriv)))};
    auto sec = x25519mlkem768::kx_finish(st, cat(t["c"].as_hex(), unhex(kBobPub)));
    ASSERT_TRUE(sec.ok()) << sec.error().to_string() << " c=" << t["c"].as_hex().size();
    EXPECT_EQ(hex(sec->view()), hex(cat(t["K"].as_hex(), unhex(kX25519Shared))));
}

TEST(X25519Mlkem768, RejectsBadShares) {
    ReplayRng rng({}, 4);
    auto st = x25519mlkem768::kx_generate(rng);
    ASSERT_TRUE(st.ok());
    auto srv = x25519mlkem768::kx_respond(st->share, rng);
    ASSERT_TRUE(srv.ok());
    // Wrong lengths, including the pure-ML-KEM and pure-X25519 share sizes.
    for (size_t n : {0u, 32u, 1184u, 1215u, 1217u, 2000u}) {
        Bytes s = st->share;
        s.resize(n, 0x42);
        EXPECT_EQ(x25519mlkem768::kx_respond(s, rng).error().code(), Errc::malformed) << n;
    }
    for (size_t n : {0u, 32u, 1088u, 1119u, 1121u}) {
        Bytes s = srv->share;
        s.resize(n, 0x42);
        EXPECT_EQ(x25519mlkem768::kx_finish(*st, s).error().code(), Errc::malformed) << n;
    }
    // ek with a coefficient >= q.
    Bytes high = st->share;
    high[0] = 0xff;
    high[1] |= 0x0f;
    EXPECT_EQ(x25519mlkem768::kx_respond(high, rng).error().code(), Errc::invalid_argument);
    // All-zero X25519 shares (small-order point 0) on either side.
    Bytes zero_client = st->share;
    std::fill(zero_client.end() - 32, zero_client.end(), 0);
    EXPECT_EQ(x25519mlkem768::kx_respond(zero_client, rng).error().code(), Errc::invalid_argument);
    Bytes zero_server = srv->share;
    std::fill(zero_server.end() - 32, zero_server.end(), 0);
    EXPECT_EQ(x25519mlkem768::kx_finish(*st, zero_server).error().code(), Errc::invalid_argument);
    // The point u = 1 also gives an all-zero secret.
    Bytes one_server = srv->share;
    std::fill(one_server.end() - 32, one_server.end(), 0);
    one_server[1088] = 1;
    EXPECT_EQ(x25519mlkem768::kx_finish(*st, one_server).error().code(), Errc::invalid_argument);
    // A state of another group is refused.
    crypto::KxClientState other = *st;
    other.group = crypto::NamedGroup::x25519;
    EXPECT_FALSE(x25519mlkem768::kx_finish(other, srv->share).ok());
    // A modified ciphertext still "works" (implicit rejection) but gives another secret.
    Bytes bad = srv->share;
    bad[5] ^= 1;
    auto sec = x25519mlkem768::kx_finish(*st, bad);
    ASSERT_TRUE(sec.ok());
    EXPECT_NE(hex(sec->view()), hex(srv->shared_secret.view()));
}

}  // namespace
}  // namespace keel::pq
