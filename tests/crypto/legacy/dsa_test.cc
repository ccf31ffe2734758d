// DSA verification against signatures made by OpenSSL (vectors/kat/dsa.json), plus
// tampered signatures, messages and keys, and bad parameters.
#include "crypto/legacy/dsa.h"

#include <gtest/gtest.h>

#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using keel::test::unhex;

Bytes unhex_odd(std::string s) {
    if (s.size() % 2) s = "0" + s;
    return unhex(s);
}

TEST(Dsa, OpenSslSignaturesVerifyAndTamperingFails) {
    const auto& root = keel::test::load_vectors("kat/dsa.json");
    size_t n = 0;
    for (const auto& t : root["tests"].as_array()) {
        auto key = DsaPublicKey::from_components(
            unhex_odd(t["p"].as_string()), unhex_odd(t["q"].as_string()),
            unhex_odd(t["g"].as_string()), unhex_odd(t["y"].as_string()));
        ASSERT_TRUE(key.ok()) << key.error().to_string();
        auto hash = hash_from_name(t["hash"].as_string());
        ASSERT_TRUE(hash.has_value());
        Bytes msg = unhex(t["msg"].as_string());
        Bytes r = unhex_odd(t["r"].as_string()), s = unhex_odd(t["s"].as_string());
        EXPECT_TRUE(key->verify(*hash, msg, r, s).ok()) << t["L"].as_int() << " " << n;
        Bytes msg2 = msg;
        msg2.push_back(0);
        EXPECT_EQ(key->verify(*hash, msg2, r, s).error().code(), Errc::auth_failed);
        Bytes r2 = r;
        r2.back() ^= 1;
        EXPECT_FALSE(key->verify(*hash, msg, r2, s).ok());
        EXPECT_FALSE(key->verify(*hash, msg, s, r).ok());
        EXPECT_FALSE(key->verify(*hash, msg, Bytes{0}, s).ok());
        EXPECT_FALSE(key->verify(*hash, msg, r, Bytes{}).ok());
        // r + q and q itself are out of range.
        Bytes q = unhex_odd(t["q"].as_string());
        EXPECT_FALSE(key->verify(*hash, msg, q, s).ok());
        EXPECT_FALSE(key->verify(*hash, msg, r, q).ok());
        n++;
    }
    EXPECT_EQ(n, 21u);
}

TEST(Dsa, RejectsBadParameters) {
    const auto& t = keel::test::load_vectors("kat/dsa.json")["tests"][0];
    Bytes p = unhex_odd(t["p"].as_string()), q = unhex_odd(t["q"].as_string());
    Bytes g = unhex_odd(t["g"].as_string()), y = unhex_odd(t["y"].as_string());
    EXPECT_TRUE(DsaPublicKey::from_components(p, q, g, y).ok());
    EXPECT_FALSE(DsaPublicKey::from_components(p, q, Bytes{1}, y).ok());
    EXPECT_FALSE(DsaPublicKey::from_components(p, q, g, Bytes{0}).ok());
    EXPECT_FALSE(DsaPublicKey::from_components(p, q, p, y).ok());  // g = p
    EXPECT_FALSE(DsaPublicKey::from_components(q, q, g, y).ok());  // p too small
    EXPECT_FALSE(DsaPublicKey::from_components(p, p, g, y).ok());  // q too large
    EXPECT_FALSE(DsaPublicKey::from_components(Bytes(400, 0xff), q, g, y).ok());
}

}  // namespace
}  // namespace keel::crypto
