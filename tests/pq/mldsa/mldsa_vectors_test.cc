// ML-DSA against NIST ACVP (internal interface, 2024 generation: message = M') and
// Wycheproof (external interface with context, seed and expanded keys), on every
// polynomial backend this CPU may use.
#include <gtest/gtest.h>

#include <string>

#include "pq/mldsa/internal/poly.h"
#include "pq/mldsa/mldsa.h"
#include "tests/vectors/json.h"

namespace keel::pq {
namespace {

using test::Json;
using test::load_vectors;

MlDsaParams params_from_name(const std::string& name) {
    if (name == "ML-DSA-44") return MlDsaParams::mldsa44;
    if (name == "ML-DSA-65") return MlDsaParams::mldsa65;
    EXPECT_EQ(name, "ML-DSA-87");
    return MlDsaParams::mldsa87;
}

TEST(MlDsaAcvp, KeyGen) {
    const Json& doc = load_vectors("acvp/ML-DSA-keyGen-FIPS204/internalProjection.json");
    size_t n = 0;
    for (const detail::PolyBackend* be : detail::poly_backends()) {
        for (const Json& g : doc["testGroups"].as_array()) {
            MlDsaParams ps = params_from_name(g["parameterSet"].as_string());
            for (const Json& t : g["tests"].as_array()) {
                SCOPED_TRACE(std::string(be->name) + " tcId " + std::to_string(t["tcId"].as_int()));
                auto sk = MlDsaPrivateKey::from_seed(ps, t["seed"].as_hex(), *be);
                ASSERT_TRUE(sk.ok());
                EXPECT_EQ(sk->public_key().bytes(), t["pk"].as_hex());
                Bytes skb(sk->bytes().view().begin(), sk->bytes().view().end());
                EXPECT_EQ(skb, t["sk"].as_hex());
                n++;
            }
        }
    }
    EXPECT_EQ(n, 75 * detail::poly_backends().size());
}

TEST(MlDsaAcvp, SigGenInternal) {
    const Json& doc = load_vectors("acvp/ML-DSA-sigGen-FIPS204/internalProjection.json");
    size_t n = 0;
    for (const detail::PolyBackend* be : detail::poly_backends()) {
        for (const Json& g : doc["testGroups"].as_array()) {
            MlDsaParams ps = params_from_name(g["parameterSet"].as_string());
            const bool det = g["deterministic"].as_bool();
            for (const Json& t : g["tests"].as_array()) {
                SCOPED_TRACE(std::string(be->name) + " tcId " + std::to_string(t["tcId"].as_int()));
                auto sk = MlDsaPrivateKey::from_bytes(ps, t["sk"].as_hex(), *be);
                ASSERT_TRUE(sk.ok()) << sk.error().to_string();
                Bytes rnd = det ? Bytes(32, 0) : t["rnd"].as_hex();
                auto sig = sk->sign_internal(t["message"].as_hex(), rnd);
                ASSERT_TRUE(sig.ok());
                EXPECT_EQ(*sig, t["signature"].as_hex());
                // The signature verifies under the recomputed public key.
                EXPECT_TRUE(sk->public_key().verify_internal(t["message"].as_hex(), *sig).ok());
                n++;
            }
        }
    }
    EXPECT_EQ(n, 60 * detail::poly_backends().size());
}

TEST(MlDsaAcvp, SigVerInternal) {
    const Json& doc = load_vectors("acvp/ML-DSA-sigVer-FIPS204/internalProjection.json");
    size_t n = 0;
    for (const detail::PolyBackend* be : detail::poly_backends()) {
        for (const Json& g : doc["testGroups"].as_array()) {
            MlDsaParams ps = params_from_name(g["parameterSet"].as_string());
            auto pk = MlDsaPublicKey::from_bytes(ps, g["pk"].as_hex(), *be);
            ASSERT_TRUE(pk.ok());
            for (const Json& t : g["tests"].as_array()) {
                SCOPED_TRACE(std::string(be->name) + " tcId " + std::to_string(t["tcId"].as_int()) +
                             " " + t["reason"].as_string());
                auto r = pk->verify_internal(t["message"].as_hex(), t["signature"].as_hex());
                EXPECT_EQ(r.ok(), t["testPassed"].as_bool());
                n++;
            }
        }
    }
    EXPECT_EQ(n, 45 * detail::poly_backends().size());
}

Bytes field_or_empty(const Json& t, const char* name) {
    const Json* f = t.find(name);
    return f && !f->is_null() ? f->as_hex() : Bytes();
}

// Signs one Wycheproof MlDsaSign case with a key already made (or not: invalid keys).
void check_sign_case(const Result<MlDsaPrivateKey>& sk, const Json& g, const Json& t,
                     size_t* count) {
    const std::string result = t["result"].as_string();
    const Bytes ctx = field_or_empty(t, "ctx");
    const Bytes expected = t["sig"].as_hex();
    if (!sk.ok()) {
        EXPECT_EQ(result, "invalid");
        ++*count;
        return;
    }
    if (const Json* pk = g.find("publicKey"); pk && !pk->is_null()) {
        EXPECT_EQ(sk->public_key().bytes(), pk->as_hex());
    }
    const bool has_rnd = t.find("rnd") != nullptr;
    const Bytes rnd = has_rnd ? t["rnd"].as_hex() : Bytes(32, 0);
    Result<Bytes> sig = Error(Errc::malformed);
    if (t.find("msg") == nullptr) {
        sig = sk->sign_mu(t["mu"].as_hex(), rnd);  // flag Internal: external mu only
    } else if (has_rnd) {
        // The external API takes hedging randomness from an Rng: feed it rnd.
        struct FixedRng final : crypto::Rng {
            Bytes v;
            Result<void> generate(MutableByteView out) override {
                for (size_t i = 0; i < out.size(); i++) out[i] = v[i % v.size()];
                return ok();
            }
        } rng;
        rng.v = rnd;
        sig = sk->sign(t["msg"].as_hex(), rng, {.context = ctx});
    } else {
        sig = sk->sign(t["msg"].as_hex(), crypto::default_rng(),
                       {.context = ctx, .deterministic = true});
    }
    if (result == "invalid") {
        EXPECT_FALSE(sig.ok());
    } else {
        ASSERT_TRUE(sig.ok()) << sig.error().to_string();
        EXPECT_EQ(*sig, expected);
        if (const Json* mu = t.find("mu"); mu != nullptr) {
            EXPECT_TRUE(sk->public_key().verify_mu(mu->as_hex(), *sig).ok());
        }
    }
    ++*count;
}

class MlDsaWycheproof : public ::testing::TestWithParam<int> {};

TEST_P(MlDsaWycheproof, SignSeed) {
    const std::string file =
        "wycheproof/mldsa_" + std::to_string(GetParam()) + "_sign_seed_test.json";
    const Json& doc = load_vectors(file);
    size_t n = 0;
    for (const detail::PolyBackend* be : detail::poly_backends()) {
        for (const Json& g : doc["testGroups"].as_array()) {
            MlDsaParams ps = params_from_name(doc["algorithm"].as_string());
            auto sk = MlDsaPrivateKey::from_seed(ps, g["privateSeed"].as_hex(), *be);
            for (const Json& t : g["tests"].as_array()) {
                SCOPED_TRACE(std::string(be->name) + " tcId " + std::to_string(t["tcId"].as_int()) +
                             " " + t["comment"].as_string());
                check_sign_case(sk, g, t, &n);
            }
        }
    }
    EXPECT_EQ(n, doc["numberOfTests"].as_int() * detail::poly_backends().size());
}

TEST_P(MlDsaWycheproof, SignNoSeed) {
    const std::string file =
        "wycheproof/mldsa_" + std::to_string(GetParam()) + "_sign_noseed_test.json";
    const Json& doc = load_vectors(file);
    size_t n = 0;
    for (const detail::PolyBackend* be : detail::poly_backends()) {
        for (const Json& g : doc["testGroups"].as_array()) {
            MlDsaParams ps = params_from_name(doc["algorithm"].as_string());
            auto sk = MlDsaPrivateKey::from_bytes(ps, g["privateKey"].as_hex(), *be);
            for (const Json& t : g["tests"].as_array()) {
                SCOPED_TRACE(std::string(be->name) + " tcId " + std::to_string(t["tcId"].as_int()) +
                             " " + t["comment"].as_string());
                check_sign_case(sk, g, t, &n);
            }
        }
    }
    EXPECT_EQ(n, doc["numberOfTests"].as_int() * detail::poly_backends().size());
}

TEST_P(MlDsaWycheproof, Verify) {
    const std::string file = "wycheproof/mldsa_" + std::to_string(GetParam()) + "_verify_test.json";
    const Json& doc = load_vectors(file);
    size_t n = 0;
    for (const detail::PolyBackend* be : detail::poly_backends()) {
        for (const Json& g : doc["testGroups"].as_array()) {
            MlDsaParams ps = params_from_name(doc["algorithm"].as_string());
            auto pk = MlDsaPublicKey::from_bytes(ps, g["publicKey"].as_hex(), *be);
            for (const Json& t : g["tests"].as_array()) {
                SCOPED_TRACE(std::string(be->name) + " tcId " + std::to_string(t["tcId"].as_int()) +
                             " " + t["comment"].as_string());
                n++;
                const bool valid = t["result"].as_string() == "valid";
                if (!pk.ok()) {
                    EXPECT_FALSE(valid);
                    continue;
                }
                const Bytes ctx = field_or_empty(t, "ctx");
                auto r = pk->verify(t["msg"].as_hex(), t["sig"].as_hex(), {.context = ctx});
                EXPECT_EQ(r.ok(), valid) << (r.ok() ? "" : r.error().to_string());
            }
        }
    }
    EXPECT_EQ(n, doc["numberOfTests"].as_int() * detail::poly_backends().size());
}

INSTANTIATE_TEST_SUITE_P(ParameterSets, MlDsaWycheproof, ::testing::Values(44, 65, 87));

}  // namespace
}  // namespace keel::pq
