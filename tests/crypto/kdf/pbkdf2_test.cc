#include "crypto/kdf/pbkdf2.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "tests/crypto/kdf/kat_hashes.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;

// Known answers from `openssl kdf PBKDF2` (vectors/kat/gen_prf_pbkdf2.py).
TEST(Pbkdf2, OpensslKnownAnswers) {
    const auto& root = test::load_vectors("kat/prf_pbkdf2.json");
    size_t ran = 0;
    for (const auto& t : root["pbkdf2"].as_array()) {
        bool have =
            test_kat::with_hash(t["digest"].as_string(), [&]<class H>(std::type_identity<H>) {
                SCOPED_TRACE(t["digest"].as_string() +
                             " c=" + std::to_string(t["iterations"].as_int()));
                Bytes want = t["out"].as_hex();
                Bytes out(want.size());
                auto r = pbkdf2<H>(t["password"].as_hex(), t["salt"].as_hex(),
                                   static_cast<uint32_t>(t["iterations"].as_int()), out);
                ASSERT_TRUE(r.ok());
                EXPECT_EQ(hex(out), hex(want));
            });
        ran += have;
    }
    EXPECT_EQ(ran, 32u);  // SHA-1, SHA-256, SHA-384, SHA-512
}

// RFC 7914 §11 (PBKDF2-HMAC-SHA256 test vectors).
TEST(Pbkdf2, Rfc7914Sha256) {
    Bytes out(64);
    ASSERT_TRUE(pbkdf2<Sha256>(as_bytes("passwd"), as_bytes("salt"), 1, out).ok());
    EXPECT_EQ(hex(out),
              "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
              "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
    ASSERT_TRUE(pbkdf2<Sha256>(as_bytes("Password"), as_bytes("NaCl"), 80000, out).ok());
    EXPECT_EQ(hex(out),
              "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
              "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
}

// RFC 6070 §2 (PBKDF2-HMAC-SHA1), all but the 2^24-iteration case.
TEST(Pbkdf2, Rfc6070Sha1) {
    struct Case {
        std::string password, salt;
        uint32_t c;
        std::string dk;
    } cases[] = {
        {"password", "salt", 1, "0c60c80f961f0e71f3a9b524af6012062fe037a6"},
        {"password", "salt", 2, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"},
        {"password", "salt", 4096, "4b007901b765489abead49d926f721d065a429c1"},
        {"passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096,
         "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"},
        {std::string("pass\0word", 9), std::string("sa\0lt", 5), 4096,
         "56fa6aa75548099dcc37d7f03425e0c3"},
    };
    for (const auto& c : cases) {
        Bytes out(c.dk.size() / 2);
        ASSERT_TRUE(pbkdf2<Sha1>(as_bytes(c.password), as_bytes(c.salt), c.c, out).ok());
        EXPECT_EQ(hex(out), c.dk) << c.password << " c=" << c.c;
    }
}

TEST(Pbkdf2, ZeroIterationsIsAnError) {
    Bytes out(32, 0xee);
    auto r = pbkdf2<Sha256>(as_bytes("p"), as_bytes("s"), 0, out);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::invalid_argument);
    EXPECT_EQ(out, Bytes(32, 0xee));
}

TEST(Pbkdf2, OverLongKeyIsAnError) {
    // (2^32-1)*32 + 1 bytes: the view is never dereferenced, the length check comes first.
    uint8_t byte = 0xee;
    MutableByteView huge(&byte, 0xffffffffull * 32 + 1);
    auto r = pbkdf2<Sha256>(as_bytes("p"), as_bytes("s"), 1, huge);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::limit_exceeded);
    EXPECT_EQ(byte, 0xee);
}

TEST(Pbkdf2, PrefixesAgreeAcrossLengths) {
    // T_1 || T_2 || ...: a shorter key is a prefix of a longer one.
    Bytes full(100);
    ASSERT_TRUE(pbkdf2<Sha256>(as_bytes("pw"), as_bytes("salt"), 3, full).ok());
    for (size_t len : {1, 31, 32, 33, 64, 65, 99}) {
        Bytes out(len);
        ASSERT_TRUE(pbkdf2<Sha256>(as_bytes("pw"), as_bytes("salt"), 3, out).ok());
        EXPECT_EQ(out, Bytes(full.begin(), full.begin() + static_cast<ptrdiff_t>(len)));
    }
}

}  // namespace
}  // namespace keel::crypto
