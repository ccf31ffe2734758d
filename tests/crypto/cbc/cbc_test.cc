#include "crypto/cbc/cbc.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>

#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;
using test::unhex;

Bytes random_bytes(std::mt19937_64& rng, size_t n) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    return b;
}

// SP 800-38A Appendix F.2.1 / F.2.2 (CBC-AES128).
TEST(AesCbc, Sp80038aF21) {
    const Bytes key = unhex("2b7e151628aed2a6abf7158809cf4f3c");
    const Bytes iv = unhex("000102030405060708090a0b0c0d0e0f");
    const Bytes pt = unhex(
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
        "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
    const std::string ct =
        "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
        "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7";
    for (AesBackend b : Aes::backends()) {
        auto cbc = AesCbc::create(key, b);
        ASSERT_TRUE(cbc.ok());
        Bytes out(pt.size());
        ASSERT_TRUE(cbc->encrypt(iv, pt, out).ok());
        EXPECT_EQ(hex(out), ct) << aes_backend_name(b);
        ASSERT_TRUE(cbc->decrypt(iv, out, out).ok());  // in place
        EXPECT_EQ(out, pt) << aes_backend_name(b);
    }
}

// PKCS#5/#7 padding lives in the test (the cipher has none): a last byte k in 1..16
// and k bytes equal to k.
Bytes pkcs7_pad(ByteView m) {
    Bytes out(m.begin(), m.end());
    const size_t k = 16 - m.size() % 16;
    out.insert(out.end(), k, static_cast<uint8_t>(k));
    return out;
}
std::optional<Bytes> pkcs7_unpad(ByteView m) {
    if (m.empty() || m.size() % 16 != 0) return std::nullopt;
    const size_t k = m.back();
    if (k == 0 || k > 16) return std::nullopt;
    for (size_t i = m.size() - k; i < m.size(); i++) {
        if (m[i] != k) return std::nullopt;
    }
    return Bytes(m.begin(), m.end() - static_cast<std::ptrdiff_t>(k));
}

TEST(AesCbc, WycheproofPkcs5) {
    const auto& doc = test::load_vectors("wycheproof/aes_cbc_pkcs5_test.json");
    size_t cases = 0;
    for (AesBackend b : Aes::backends()) {
        for (const auto& group : doc["testGroups"].as_array()) {
            for (const auto& t : group["tests"].as_array()) {
                const std::string id = std::to_string(t["tcId"].as_int());
                auto cbc = AesCbc::create(t["key"].as_hex(), b);
                ASSERT_TRUE(cbc.ok()) << id;
                const Bytes iv = t["iv"].as_hex(), msg = t["msg"].as_hex(), ct = t["ct"].as_hex();
                const bool valid = t["result"].as_string() != "invalid";
                Bytes dec(ct.size());
                auto r = cbc->decrypt(iv, ct, dec);
                std::optional<Bytes> plain;
                if (r.ok()) plain = pkcs7_unpad(dec);
                if (valid) {
                    ASSERT_TRUE(plain.has_value()) << id;
                    EXPECT_EQ(*plain, msg) << id;
                    Bytes padded = pkcs7_pad(msg), out(padded.size());
                    ASSERT_TRUE(cbc->encrypt(iv, padded, out).ok()) << id;
                    EXPECT_EQ(out, ct) << id;
                } else {
                    EXPECT_FALSE(plain.has_value()) << id;
                    if (!r.ok()) {
                        EXPECT_EQ(r.error().code(), Errc::invalid_argument) << id;
                    }
                }
                cases++;
            }
        }
    }
    EXPECT_GE(cases, 216u);
}

// Every backend against portable: 10k random cases, lengths around the block and
// the 8-block stride of the AES-NI decryptor; in place and out of place.
TEST(AesCbc, BackendsMatchPortable) {
    std::mt19937_64 rng(382);
    const auto backends = Aes::backends();
    const size_t kCases = backends.size() > 1 ? 10000 : 1000;
    for (size_t c = 0; c < kCases; c++) {
        const Bytes key = random_bytes(rng, 16 + 8 * (rng() % 3));
        const Bytes iv = random_bytes(rng, 16);
        const size_t around = c % 2 ? 1 : 8;
        size_t blocks = around * (rng() % 4) + rng() % 3;
        blocks = blocks == 0 ? 0 : blocks - 1 + rng() % 2;
        const Bytes pt = random_bytes(rng, 16 * blocks);
        auto ref = AesCbc::create(key, AesBackend::portable);
        ASSERT_TRUE(ref.ok());
        Bytes want(pt.size());
        ASSERT_TRUE(ref->encrypt(iv, pt, want).ok());
        Bytes back(pt.size());
        ASSERT_TRUE(ref->decrypt(iv, want, back).ok());
        ASSERT_EQ(back, pt);
        for (AesBackend b : backends) {
            auto cbc = AesCbc::create(key, b);
            ASSERT_TRUE(cbc.ok());
            Bytes got = pt;
            ASSERT_TRUE(cbc->encrypt(iv, got, got).ok());
            ASSERT_EQ(got, want) << aes_backend_name(b) << " case " << c;
            Bytes dec(got.size());
            ASSERT_TRUE(cbc->decrypt(iv, got, dec).ok());
            ASSERT_EQ(dec, pt) << aes_backend_name(b) << " case " << c;
            ASSERT_TRUE(cbc->decrypt(iv, got, got).ok());
            ASSERT_EQ(got, pt) << aes_backend_name(b) << " in place, case " << c;
        }
    }
}

TEST(AesCbc, RejectsPartialBlocksAndBadSizes) {
    auto cbc = AesCbc::create(Bytes(16, 9));
    ASSERT_TRUE(cbc.ok());
    const Bytes iv(16, 1);
    for (size_t n : {1, 15, 17, 31, 33, 100}) {
        Bytes in(n, 0x77), out(n, 0x88);
        for (bool dec : {false, true}) {
            auto r = dec ? cbc->decrypt(iv, in, out) : cbc->encrypt(iv, in, out);
            ASSERT_FALSE(r.ok()) << n;
            EXPECT_EQ(r.error().code(), Errc::invalid_argument);
            EXPECT_EQ(out, Bytes(n, 0x88)) << "nothing written";
        }
    }
    Bytes in(32, 0), out(32);
    EXPECT_FALSE(cbc->encrypt(Bytes(15, 1), in, out).ok());
    EXPECT_FALSE(cbc->decrypt(Bytes(17, 1), in, out).ok());
    Bytes short_out(16);
    EXPECT_FALSE(cbc->encrypt(iv, in, short_out).ok());
    EXPECT_FALSE(cbc->decrypt(iv, in, short_out).ok());
    EXPECT_TRUE(cbc->encrypt(iv, ByteView(), MutableByteView()).ok());
    EXPECT_FALSE(AesCbc::create(Bytes(20, 1)).ok());
}

}  // namespace
}  // namespace keel::crypto
