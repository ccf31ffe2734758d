// SLH-DSA against the NIST ACVP vectors (FIPS 205): every keyGen case of all twelve
// parameter sets (Algorithm 18) and every sigVer case (Algorithm 20, internal
// interface: the message is M').
#include <gtest/gtest.h>

#include "pq/slhdsa/slhdsa.h"
#include "tests/vectors/json.h"

namespace keel::pq {
namespace {

using test::Json;
using test::load_vectors;

// s-set key generation builds a 2^8 or 2^9-leaf tree: the *Slow* tests run only in
// the native registration (tests/pq/slhdsa/meson.build), the f-sets under every cap.
void keygen_cases(bool slow_sets, size_t expect_count) {
    const Json& root = load_vectors("acvp/SLH-DSA-keyGen-FIPS205/internalProjection.json");
    size_t count = 0;
    bool seen[12] = {};
    for (const Json& g : root["testGroups"].as_array()) {
        auto params = slhdsa_params_from_name(g["parameterSet"].as_string());
        ASSERT_TRUE(params.ok()) << g["parameterSet"].as_string();
        if ((g["parameterSet"].as_string().back() == 's') != slow_sets) continue;
        seen[static_cast<size_t>(*params)] = true;
        for (const Json& t : g["tests"].as_array()) {
            SCOPED_TRACE(g["parameterSet"].as_string() + " tcId " +
                         std::to_string(t["tcId"].as_int()));
            auto sk = SlhDsaPrivateKey::from_seeds(*params, t["skSeed"].as_hex(),
                                                   t["skPrf"].as_hex(), t["pkSeed"].as_hex());
            ASSERT_TRUE(sk.ok());
            EXPECT_EQ(test::hex(sk->bytes()), test::hex(t["sk"].as_hex()));
            EXPECT_EQ(test::hex(sk->public_key().bytes()), test::hex(t["pk"].as_hex()));
            // The encoded key parses back and its PK.root is accepted (once per group:
            // it repeats the key generation).
            if (t["tcId"].as_int() == g["tests"][0]["tcId"].as_int()) {
                EXPECT_TRUE(SlhDsaPrivateKey::from_bytes(*params, t["sk"].as_hex()).ok());
            }
            count++;
        }
    }
    EXPECT_EQ(count, expect_count);
    for (size_t i = 0; i < 12; i++) {
        const bool slow = slhdsa_name(static_cast<SlhDsaParams>(i)).back() == 's';
        if (slow == slow_sets) {
            EXPECT_TRUE(seen[i]) << i;
        }
    }
}

TEST(SlhDsaAcvp, KeyGenFastSets) {
    keygen_cases(false, 60);
}
TEST(SlhDsaAcvp, KeyGenSlowSets) {
    keygen_cases(true, 60);
}

TEST(SlhDsaAcvp, SigVerInternal) {
    const Json& root = load_vectors("acvp/SLH-DSA-sigVer-FIPS205/internalProjection.json");
    size_t count = 0, passed = 0;
    for (const Json& g : root["testGroups"].as_array()) {
        auto params = slhdsa_params_from_name(g["parameterSet"].as_string());
        ASSERT_TRUE(params.ok()) << g["parameterSet"].as_string();
        for (const Json& t : g["tests"].as_array()) {
            SCOPED_TRACE(g["parameterSet"].as_string() + " tcId " +
                         std::to_string(t["tcId"].as_int()) + " " +
                         (t.has("reason") ? t["reason"].as_string() : ""));
            auto pk = SlhDsaPublicKey::from_bytes(*params, t["pk"].as_hex());
            ASSERT_TRUE(pk.ok());
            auto r = pk->verify_internal(t["message"].as_hex(), t["signature"].as_hex());
            EXPECT_EQ(r.ok(), t["testPassed"].as_bool());
            if (!r.ok()) {
                // Wrong lengths are malformed, everything else a failed check.
                size_t want = slhdsa_sizes(*params).signature;
                EXPECT_EQ(r.error().code(), t["signature"].as_hex().size() == want
                                                ? Errc::auth_failed
                                                : Errc::malformed);
            }
            passed += r.ok();
            count++;
        }
    }
    EXPECT_EQ(count, 45u);
    EXPECT_GT(passed, 0u);
}

}  // namespace
}  // namespace keel::pq
