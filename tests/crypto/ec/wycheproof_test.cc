// Wycheproof ECDH (SPKI and raw-point files) and ECDSA (DER and P1363 files), every
// case. Policy for "acceptable" cases: compressed points are accepted by ec::ecdh
// (and must then give the expected secret); DER encodings our strict SPKI reader
// rejects, and explicit-parameter keys, are rejected.
#include <gtest/gtest.h>

#include <string>

#include "crypto/ec/ec.h"
#include "crypto/ec/ecdsa.h"
#include "tests/crypto/ec/spki.h"
#include "tests/vectors/json.h"

namespace keel::crypto::ec {
namespace {

using test::load_vectors;
using test::unhex;

Curve curve_from_name(const std::string& name) {
    if (name == "secp256r1") return Curve::p256;
    if (name == "secp384r1") return Curve::p384;
    if (name == "secp521r1") return Curve::p521;
    if (name == "brainpoolP256r1") return Curve::brainpool_p256r1;
    if (name == "brainpoolP384r1") return Curve::brainpool_p384r1;
    if (name == "brainpoolP512r1") return Curve::brainpool_p512r1;
    ADD_FAILURE() << "unknown curve " << name;
    return Curve::p256;
}

HashAlg hash_from_wycheproof(const std::string& name) {
    if (name == "SHA-256") return HashAlg::sha256;
    if (name == "SHA-384") return HashAlg::sha384;
    if (name == "SHA-512") return HashAlg::sha512;
    if (name == "SHA-224") return HashAlg::sha224;
    ADD_FAILURE() << "unknown hash " << name;
    return HashAlg::sha256;
}

// Wycheproof private keys are ASN.1 INTEGER contents: strip a sign byte, left-pad.
Bytes fixed_width(Bytes v, size_t width) {
    while (v.size() > width && v[0] == 0) v.erase(v.begin());
    Bytes out(width - std::min(width, v.size()), 0);
    out.insert(out.end(), v.begin(), v.end());
    return out;
}

struct Counts {
    int valid = 0, invalid = 0, acceptable = 0;
};

void run_ecdh_file(const std::string& file, bool spki) {
    const auto& doc = load_vectors("wycheproof/" + file);
    Counts counts;
    for (const auto& group : doc["testGroups"].as_array()) {
        Curve curve = curve_from_name(group["curve"].as_string());
        for (const auto& t : group["tests"].as_array()) {
            const std::string result = t["result"].as_string();
            std::string id = file + " tcId " + std::to_string(t["tcId"].as_int());
            Bytes pub = unhex(t["public"].as_string());
            Bytes priv = fixed_width(unhex(t["private"].as_string()), curve_bytes(curve));
            Bytes expected = unhex(t["shared"].as_string());
            std::optional<Result<SecretBytes>> got;
            if (spki) {
                auto parsed = test::parse_ec_spki(pub);
                if (parsed && parsed->curve == curve) got = ecdh(curve, priv, parsed->point);
            } else {
                got = ecdh(curve, priv, pub);
            }
            bool success = got && got->ok();
            if (result == "valid") {
                counts.valid++;
                EXPECT_TRUE(success)
                    << id << ": " << (got ? got->error().to_string() : "SPKI rejected");
                if (success) {
                    EXPECT_EQ(test::hex((*got)->view()), test::hex(expected)) << id;
                }
            } else if (result == "invalid") {
                counts.invalid++;
                EXPECT_FALSE(success) << id;
            } else {
                counts.acceptable++;
                if (success) {
                    EXPECT_EQ(test::hex((*got)->view()), test::hex(expected)) << id;
                }
            }
        }
    }
    EXPECT_GT(counts.valid, 0) << file;
    EXPECT_GT(counts.invalid, 0) << file;
}

TEST(EcdhWycheproof, Secp256r1) {
    run_ecdh_file("ecdh_secp256r1_test.json", true);
}
TEST(EcdhWycheproof, Secp384r1) {
    run_ecdh_file("ecdh_secp384r1_test.json", true);
}
TEST(EcdhWycheproof, Secp521r1) {
    run_ecdh_file("ecdh_secp521r1_test.json", true);
}
TEST(EcdhWycheproof, BrainpoolP256r1) {
    run_ecdh_file("ecdh_brainpoolP256r1_test.json", true);
}
TEST(EcdhWycheproof, BrainpoolP384r1) {
    run_ecdh_file("ecdh_brainpoolP384r1_test.json", true);
}
TEST(EcdhWycheproof, BrainpoolP512r1) {
    run_ecdh_file("ecdh_brainpoolP512r1_test.json", true);
}
TEST(EcdhWycheproof, Secp256r1Ecpoint) {
    run_ecdh_file("ecdh_secp256r1_ecpoint_test.json", false);
}
TEST(EcdhWycheproof, Secp384r1Ecpoint) {
    run_ecdh_file("ecdh_secp384r1_ecpoint_test.json", false);
}
TEST(EcdhWycheproof, Secp521r1Ecpoint) {
    run_ecdh_file("ecdh_secp521r1_ecpoint_test.json", false);
}

void run_ecdsa_file(const std::string& file, EcdsaFormat format) {
    const auto& doc = load_vectors("wycheproof/" + file);
    Counts counts;
    for (const auto& group : doc["testGroups"].as_array()) {
        const auto& key = group["publicKey"];
        Curve curve = curve_from_name(key["curve"].as_string());
        HashAlg hash = hash_from_wycheproof(group["sha"].as_string());
        auto pub = EcdsaPublicKey::from_bytes(curve, unhex(key["uncompressed"].as_string()));
        ASSERT_TRUE(pub.ok()) << file << ": " << pub.error().to_string();
        for (const auto& t : group["tests"].as_array()) {
            const std::string result = t["result"].as_string();
            std::string id = file + " tcId " + std::to_string(t["tcId"].as_int());
            auto r =
                pub->verify(unhex(t["msg"].as_string()), unhex(t["sig"].as_string()), hash, format);
            if (result == "valid") {
                counts.valid++;
                EXPECT_TRUE(r.ok()) << id << ": " << r.error().to_string();
            } else if (result == "invalid") {
                counts.invalid++;
                EXPECT_FALSE(r.ok()) << id;
                if (!r.ok()) {
                    EXPECT_TRUE(r.error().code() == Errc::auth_failed ||
                                r.error().code() == Errc::malformed)
                        << id;
                }
            } else {
                counts.acceptable++;
            }
        }
    }
    EXPECT_GT(counts.valid, 0) << file;
    EXPECT_GT(counts.invalid, 0) << file;
}

struct EcdsaFile {
    const char* name;
    EcdsaFormat format;
};

class EcdsaWycheproof : public ::testing::TestWithParam<EcdsaFile> {};

TEST_P(EcdsaWycheproof, EveryCase) {
    run_ecdsa_file(GetParam().name, GetParam().format);
}

INSTANTIATE_TEST_SUITE_P(
    AllFiles, EcdsaWycheproof,
    ::testing::Values(EcdsaFile{"ecdsa_secp256r1_sha256_test.json", EcdsaFormat::der},
                      EcdsaFile{"ecdsa_secp256r1_sha512_test.json", EcdsaFormat::der},
                      EcdsaFile{"ecdsa_secp384r1_sha256_test.json", EcdsaFormat::der},
                      EcdsaFile{"ecdsa_secp384r1_sha384_test.json", EcdsaFormat::der},
                      EcdsaFile{"ecdsa_secp384r1_sha512_test.json", EcdsaFormat::der},
                      EcdsaFile{"ecdsa_secp521r1_sha512_test.json", EcdsaFormat::der},
                      EcdsaFile{"ecdsa_brainpoolP256r1_sha256_test.json", EcdsaFormat::der},
                      EcdsaFile{"ecdsa_brainpoolP384r1_sha384_test.json", EcdsaFormat::der},
                      EcdsaFile{"ecdsa_brainpoolP512r1_sha512_test.json", EcdsaFormat::der},
                      EcdsaFile{"ecdsa_secp256r1_sha256_p1363_test.json", EcdsaFormat::p1363},
                      EcdsaFile{"ecdsa_secp256r1_sha512_p1363_test.json", EcdsaFormat::p1363},
                      EcdsaFile{"ecdsa_secp384r1_sha384_p1363_test.json", EcdsaFormat::p1363},
                      EcdsaFile{"ecdsa_secp384r1_sha512_p1363_test.json", EcdsaFormat::p1363},
                      EcdsaFile{"ecdsa_secp521r1_sha512_p1363_test.json", EcdsaFormat::p1363},
                      EcdsaFile{"ecdsa_brainpoolP256r1_sha256_p1363_test.json", EcdsaFormat::p1363},
                      EcdsaFile{"ecdsa_brainpoolP384r1_sha384_p1363_test.json", EcdsaFormat::p1363},
                      EcdsaFile{"ecdsa_brainpoolP512r1_sha512_p1363_test.json",
                                EcdsaFormat::p1363}),
    [](const auto& info) {
        std::string n = info.param.name;
        n = n.substr(6, n.size() - 6 - 10);  // drop "ecdsa_" and "_test.json"
        return n;
    });

}  // namespace
}  // namespace keel::crypto::ec
