// ML-KEM against NIST ACVP (FIPS 203 internal functions) and Wycheproof vectors, on
// every arithmetic backend this CPU has (vectors/README: layouts).
#include <gtest/gtest.h>

#include <string>

#include "pq/mlkem/internal/kem.h"
#include "pq/mlkem/mlkem.h"
#include "tests/vectors/json.h"

namespace keel::pq::mlkem {
namespace {

using detail::PolyBackend;
using keel::test::hex;
using keel::test::Json;
using keel::test::load_vectors;

ParamSet param_set(const std::string& name) {
    if (name == "ML-KEM-512") return ParamSet::mlkem512;
    if (name == "ML-KEM-768") return ParamSet::mlkem768;
    EXPECT_EQ(name, "ML-KEM-1024");
    return ParamSet::mlkem1024;
}

std::span<const uint8_t, 32> fixed32(const Bytes& b) {
    EXPECT_EQ(b.size(), 32u);
    return std::span<const uint8_t, 32>(b.data(), 32);
}

TEST(MlkemAcvp, KeyGen) {
    const Json& doc = load_vectors("acvp/ML-KEM-keyGen-FIPS203/internalProjection.json");
    for (const PolyBackend* be : detail::backends()) {
        SCOPED_TRACE(be->name);
        size_t n = 0;
        for (const Json& g : doc["testGroups"].as_array()) {
            const ParamSet ps = param_set(g["parameterSet"].as_string());
            for (const Json& t : g["tests"].as_array()) {
                SCOPED_TRACE(t["tcId"].as_int());
                Bytes seed = t["d"].as_hex();
                const Bytes z = t["z"].as_hex();
                seed.insert(seed.end(), z.begin(), z.end());
                auto kp = detail::keygen_from_seed(*be, ps, seed);
                ASSERT_TRUE(kp.ok());
                EXPECT_EQ(hex(kp->ek), hex(t["ek"].as_hex()));
                EXPECT_EQ(hex(kp->dk.view()), hex(t["dk"].as_hex()));
                n++;
            }
        }
        EXPECT_EQ(n, 75u);
    }
}

TEST(MlkemAcvp, EncapDecap) {
    const Json& doc = load_vectors("acvp/ML-KEM-encapDecap-FIPS203/internalProjection.json");
    for (const PolyBackend* be : detail::backends()) {
        SCOPED_TRACE(be->name);
        size_t n = 0;
        for (const Json& g : doc["testGroups"].as_array()) {
            const ParamSet ps = param_set(g["parameterSet"].as_string());
            const std::string fn = g["function"].as_string();
            for (const Json& t : g["tests"].as_array()) {
                SCOPED_TRACE(fn + " " + std::to_string(t["tcId"].as_int()));
                const Bytes ek = t["ek"].as_hex(), dk = t["dk"].as_hex();
                if (fn == "encapsulation") {
                    const Bytes m = t["m"].as_hex();
                    auto enc = detail::encaps_internal(*be, ps, ek, fixed32(m));
                    ASSERT_TRUE(enc.ok());
                    EXPECT_EQ(hex(enc->c), hex(t["c"].as_hex()));
                    EXPECT_EQ(hex(enc->k.view()), hex(t["k"].as_hex()));
                    // The same ciphertext decapsulates to the same key.
                    auto k = detail::decaps(*be, ps, dk, enc->c);
                    ASSERT_TRUE(k.ok());
                    EXPECT_EQ(hex(k->view()), hex(t["k"].as_hex()));
                } else if (fn == "decapsulation") {
                    // Includes "modified ciphertext": k is then J(z || c).
                    auto k = detail::decaps(*be, ps, dk, t["c"].as_hex());
                    ASSERT_TRUE(k.ok());
                    EXPECT_EQ(hex(k->view()), hex(t["k"].as_hex()));
                } else if (fn == "encapsulationKeyCheck") {
                    EXPECT_EQ(detail::check_ek(*be, ps, ek).ok(), t["testPassed"].as_bool());
                } else {
                    ASSERT_EQ(fn, "decapsulationKeyCheck");
                    EXPECT_EQ(check_dk(ps, dk).ok(), t["testPassed"].as_bool());
                }
                n++;
            }
        }
        EXPECT_EQ(n, 165u);
    }
}

const char* const kSets[] = {"512", "768", "1024"};

TEST(MlkemWycheproof, KeyGenSeed) {
    for (const PolyBackend* be : detail::backends()) {
        SCOPED_TRACE(be->name);
        for (const char* set : kSets) {
            const Json& doc =
                load_vectors(std::string("wycheproof/mlkem_") + set + "_keygen_seed_test.json");
            size_t n = 0;
            for (const Json& g : doc["testGroups"].as_array()) {
                const ParamSet ps = param_set(g["parameterSet"].as_string());
                for (const Json& t : g["tests"].as_array()) {
                    SCOPED_TRACE(t["tcId"].as_int());
                    ASSERT_EQ(t["result"].as_string(), "valid");
                    auto kp = detail::keygen_from_seed(*be, ps, t["seed"].as_hex());
                    ASSERT_TRUE(kp.ok());
                    EXPECT_EQ(hex(kp->ek), hex(t["ek"].as_hex()));
                    EXPECT_EQ(hex(kp->dk.view()), hex(t["dk"].as_hex()));
                    n++;
                }
            }
            EXPECT_EQ(n, static_cast<size_t>(doc["numberOfTests"].as_int()));
        }
    }
}

TEST(MlkemWycheproof, Encaps) {
    for (const PolyBackend* be : detail::backends()) {
        SCOPED_TRACE(be->name);
        for (const char* set : kSets) {
            const Json& doc =
                load_vectors(std::string("wycheproof/mlkem_") + set + "_encaps_test.json");
            size_t n = 0;
            for (const Json& g : doc["testGroups"].as_array()) {
                const ParamSet ps = param_set(g["parameterSet"].as_string());
                for (const Json& t : g["tests"].as_array()) {
                    SCOPED_TRACE(t["tcId"].as_int());
                    const Bytes m = t["m"].as_hex();
                    auto enc = detail::encaps_internal(*be, ps, t["ek"].as_hex(), fixed32(m));
                    if (t["result"].as_string() == "valid") {
                        ASSERT_TRUE(enc.ok()) << enc.error().to_string();
                        EXPECT_EQ(hex(enc->c), hex(t["c"].as_hex()));
                        EXPECT_EQ(hex(enc->k.view()), hex(t["K"].as_hex()));
                    } else {
                        EXPECT_FALSE(enc.ok());
                    }
                    n++;
                }
            }
            EXPECT_EQ(n, static_cast<size_t>(doc["numberOfTests"].as_int()));
        }
    }
}

// Derive the keys from seed, check ek, decapsulate c (incl. implicit-rejection cases).
TEST(MlkemWycheproof, Decaps) {
    for (const PolyBackend* be : detail::backends()) {
        SCOPED_TRACE(be->name);
        for (const char* set : kSets) {
            const Json& doc = load_vectors(std::string("wycheproof/mlkem_") + set + "_test.json");
            size_t n = 0;
            for (const Json& g : doc["testGroups"].as_array()) {
                const ParamSet ps = param_set(g["parameterSet"].as_string());
                for (const Json& t : g["tests"].as_array()) {
                    SCOPED_TRACE(t["tcId"].as_int());
                    const Bytes seed = t["seed"].as_hex();
                    const Bytes ek = t.has("ek") ? t["ek"].as_hex() : Bytes();
                    const Bytes c = t["c"].as_hex();
                    auto k = detail::decaps_seed(*be, ps, seed, c);
                    if (t["result"].as_string() == "valid") {
                        auto kp = detail::keygen_from_seed(*be, ps, seed);
                        ASSERT_TRUE(kp.ok());
                        if (!ek.empty()) {
                            EXPECT_EQ(hex(kp->ek), hex(ek));
                        }
                        ASSERT_TRUE(k.ok()) << k.error().to_string();
                        EXPECT_EQ(hex(k->view()), hex(t["K"].as_hex()));
                        // The expanded form gives the same key.
                        auto k2 = detail::decaps(*be, ps, kp->dk.view(), c);
                        ASSERT_TRUE(k2.ok());
                        EXPECT_EQ(hex(k2->view()), hex(t["K"].as_hex()));
                    } else {
                        EXPECT_FALSE(k.ok());
                    }
                    n++;
                }
            }
            EXPECT_EQ(n, static_cast<size_t>(doc["numberOfTests"].as_int()));
        }
    }
}

TEST(MlkemWycheproof, SemiExpandedDecaps) {
    for (const PolyBackend* be : detail::backends()) {
        SCOPED_TRACE(be->name);
        for (const char* set : kSets) {
            const Json& doc = load_vectors(std::string("wycheproof/mlkem_") + set +
                                           "_semi_expanded_decaps_test.json");
            size_t n = 0;
            for (const Json& g : doc["testGroups"].as_array()) {
                const ParamSet ps = param_set(g["parameterSet"].as_string());
                for (const Json& t : g["tests"].as_array()) {
                    SCOPED_TRACE(t["tcId"].as_int());
                    auto k = detail::decaps(*be, ps, t["dk"].as_hex(), t["c"].as_hex());
                    if (t["result"].as_string() == "valid") {
                        ASSERT_TRUE(k.ok()) << k.error().to_string();
                        EXPECT_EQ(hex(k->view()), hex(t["K"].as_hex()));
                    } else {
                        EXPECT_FALSE(k.ok());
                    }
                    n++;
                }
            }
            EXPECT_EQ(n, static_cast<size_t>(doc["numberOfTests"].as_int()));
        }
    }
}

}  // namespace
}  // namespace keel::pq::mlkem
