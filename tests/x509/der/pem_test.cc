// PEM (RFC 7468) and the constant-time base64 under it.
#include <gtest/gtest.h>

#include <random>

#include "tests/vectors/json.h"
#include "x509/der/pem.h"

namespace keel::x509 {
namespace {

std::string str(const SecretBytes& b) { return std::string(b.view().begin(), b.view().end()); }

TEST(Base64, Rfc4648Vectors) {
    // RFC 4648 §10.
    const std::pair<const char*, const char*> kCases[] = {
        {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
    for (auto [plain, encoded] : kCases) {
        EXPECT_EQ(base64_encode(as_bytes(plain)), encoded);
        auto d = base64_decode(encoded);
        ASSERT_TRUE(d) << encoded;
        EXPECT_EQ(str(*d), plain);
    }
}

// A plain table decoder to check the masked one against.
Bytes reference_decode(const std::string& s) {
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    Bytes out;
    uint32_t acc = 0;
    int bits = 0;
    for (char c : s) {
        if (c == '=') break;
        acc = (acc << 6) | static_cast<uint32_t>(alphabet.find(c));
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<uint8_t>(acc >> bits));
        }
    }
    return out;
}

TEST(Base64, RandomRoundTripsAndWhitespace) {
    std::mt19937 rng(1);
    for (size_t len = 0; len < 300; ++len) {
        Bytes data(len);
        for (auto& b : data) b = static_cast<uint8_t>(rng());
        std::string enc = base64_encode(data);
        EXPECT_EQ(reference_decode(enc), data);
        std::string spaced;
        for (size_t i = 0; i < enc.size(); ++i) {
            spaced += enc[i];
            if (rng() % 7 == 0) spaced += " \r\n\t"[rng() % 4];
        }
        auto d = base64_decode(spaced);
        ASSERT_TRUE(d) << len;
        EXPECT_EQ(Bytes(d->view().begin(), d->view().end()), data);
    }
}

TEST(Base64, RejectsBadInput) {
    for (const char* bad : {"Z", "Zg=", "Zg===", "Zm9v=", "Z===", "Zh==", "Zm9=", "Zg==Zg==", "Zm9v!",
                            "Zm\x80v", "=Zg="})
        EXPECT_FALSE(base64_decode(bad)) << bad;
}

TEST(Pem, RealFileAndRoundTrip) {
    std::string text = test::read_vector_file("x509/openssl-rsa2048.pem");
    auto blocks = pem_decode_all(text);
    ASSERT_TRUE(blocks) << blocks.error().to_string();
    ASSERT_EQ(blocks->size(), 1u);
    EXPECT_EQ((*blocks)[0].label, "CERTIFICATE");
    EXPECT_EQ(pem_encode("CERTIFICATE", (*blocks)[0].der.view()), text);
    EXPECT_TRUE(looks_like_pem(as_bytes(text)));
    EXPECT_FALSE(looks_like_pem((*blocks)[0].der.view()));
}

TEST(Pem, SeveralBlocksWithExplanatoryText) {
    std::string text = "Subject: something\n" + pem_encode("CERTIFICATE", as_bytes("one")) +
                       "between\n" + pem_encode("PRIVATE KEY", as_bytes("two")) +
                       pem_encode("CERTIFICATE", as_bytes("three")) + "trailer";
    auto all = pem_decode_all(text);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 3u);
    EXPECT_EQ(str((*all)[1].der), "two");
    auto certs = pem_decode_all(text, "CERTIFICATE");
    ASSERT_TRUE(certs);
    ASSERT_EQ(certs->size(), 2u);
    EXPECT_EQ(str((*certs)[1].der), "three");
    auto none = pem_decode_all("no blocks here");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
}

TEST(Pem, RejectsMalformedBlocks) {
    EXPECT_FALSE(pem_decode_all("-----BEGIN CERTIFICATE-----\nZm9v\n"));
    EXPECT_FALSE(pem_decode_all("-----BEGIN CERTIFICATE-----\nZm9v\n-----END X509-----\n"));
    EXPECT_FALSE(pem_decode_all("-----BEGIN CERTIFICATE-----\nZm9v!\n-----END CERTIFICATE-----\n"));
    EXPECT_FALSE(pem_decode_all("-----BEGIN CERT\nZm9v\n-----END CERT-----\n"));
    auto legacy = pem_decode_all(
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nZm9v\n"
        "-----END RSA PRIVATE KEY-----\n");
    ASSERT_FALSE(legacy);
    EXPECT_EQ(legacy.error().code(), Errc::unsupported);
}

}  // namespace
}  // namespace keel::x509
