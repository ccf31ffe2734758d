#include "tls/schedule/cipher_suite.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "crypto/aead/any_aead.h"

namespace keel::tls {
namespace {

// RFC 8446 §B.4, spelled out independently of the table.
struct Expected {
    uint16_t code;
    const char* name;
    const char* cipher;
    const char* prf;
    crypto::HashAlg hash;
    crypto::AeadAlg aead;
    size_t key, iv, tag;
};
const Expected kRfc8446[] = {
    {0x1301, "TLS_AES_128_GCM_SHA256", "aes_128_gcm", "sha256", crypto::HashAlg::sha256,
     crypto::AeadAlg::aes128_gcm, 16, 12, 16},
    {0x1302, "TLS_AES_256_GCM_SHA384", "aes_256_gcm", "sha384", crypto::HashAlg::sha384,
     crypto::AeadAlg::aes256_gcm, 32, 12, 16},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256", "chacha20_poly1305", "sha256", crypto::HashAlg::sha256,
     crypto::AeadAlg::chacha20_poly1305, 32, 12, 16},
    {0x1304, "TLS_AES_128_CCM_SHA256", "aes_128_ccm", "sha256", crypto::HashAlg::sha256,
     crypto::AeadAlg::aes128_ccm, 16, 12, 16},
    {0x1305, "TLS_AES_128_CCM_8_SHA256", "aes_128_ccm_8", "sha256", crypto::HashAlg::sha256,
     crypto::AeadAlg::aes128_ccm8, 16, 12, 8},
};

TEST(CipherSuite, Tls13SuitesMatchRfc8446) {
    for (const Expected& e : kRfc8446) {
        SCOPED_TRACE(e.name);
        const CipherSuiteInfo* s = find_suite(e.code);
        ASSERT_NE(s, nullptr);
        EXPECT_EQ(s->code(), e.code);
        EXPECT_EQ(s->name, e.name);
        EXPECT_EQ(s->cipher, e.cipher);
        EXPECT_EQ(s->mac, "aead");
        EXPECT_EQ(s->prf, e.prf);
        EXPECT_EQ(s->key_exchange, KeyExchange::any);
        EXPECT_EQ(s->hash, e.hash);
        EXPECT_EQ(s->aead, e.aead);
        EXPECT_EQ(s->key_len, e.key);
        EXPECT_EQ(s->iv_len, e.iv);
        EXPECT_EQ(s->tag_len, e.tag);
        EXPECT_TRUE(s->is_tls13());
        EXPECT_EQ(s->min_version, ProtocolVersion::tls1_3);
        EXPECT_EQ(s->max_version, ProtocolVersion::tls1_3);
    }
    EXPECT_EQ(all_suites().size(), std::size(kRfc8446));
}

// The registry and the AEAD layer must agree, or the record layer's Aead::create fails.
TEST(CipherSuite, LengthsAgreeWithTheAeadLayer) {
    for (const CipherSuiteInfo& s : all_suites()) {
        SCOPED_TRACE(s.name);
        EXPECT_EQ(s.key_len, crypto::aead_key_size(s.aead));
        EXPECT_EQ(s.iv_len, crypto::aead_nonce_size(s.aead));
        EXPECT_EQ(s.tag_len, crypto::aead_tag_size(s.aead));
        EXPECT_EQ(std::string(crypto::hash_name(s.hash)), s.prf);
        Bytes key(s.key_len, 0x42);
        EXPECT_TRUE(crypto::Aead::create(s.aead, key).ok());
    }
}

TEST(CipherSuite, LookupsRoundTrip) {
    std::set<uint16_t> codes;
    for (const CipherSuiteInfo& s : all_suites()) {
        EXPECT_TRUE(codes.insert(s.code()).second) << "duplicate code point";
        EXPECT_EQ(find_suite(s.id), &s);
        EXPECT_EQ(find_suite(s.code()), &s);
        EXPECT_EQ(find_suite(s.name), &s);
        EXPECT_EQ(find_suite(s.openssl_name), &s);
        EXPECT_EQ(find_suite(key_exchange_name(s.key_exchange), s.cipher, s.mac, s.prf), &s);
    }
}

TEST(CipherSuite, UnknownLookupsAreNull) {
    EXPECT_EQ(find_suite(uint16_t{0x0000}), nullptr);
    EXPECT_EQ(find_suite(uint16_t{0x1306}), nullptr);
    EXPECT_EQ(find_suite(uint16_t{0x13ff}), nullptr);
    EXPECT_EQ(find_suite(std::string_view("tls_aes_128_gcm_sha256")), nullptr);  // exact match
    EXPECT_EQ(find_suite(std::string_view("TLS_AES_128_GCM_SHA256 ")), nullptr);
    EXPECT_EQ(find_suite(std::string_view("")), nullptr);
    // A TLS 1.3 suite spelled with a TLS 1.2 key exchange does not exist.
    EXPECT_EQ(find_suite("ecdhe_rsa", "aes_128_gcm", "aead", "sha256"), nullptr);
    EXPECT_EQ(find_suite("any", "aes_128_gcm", "aead", "sha384"), nullptr);
}

TEST(CipherSuite, KeyExchangeNames) {
    EXPECT_EQ(key_exchange_name(KeyExchange::any), "any");
    EXPECT_EQ(key_exchange_name(KeyExchange::ecdhe_ecdsa), "ecdhe_ecdsa");
    EXPECT_EQ(key_exchange_name(static_cast<KeyExchange>(200)), "unknown");
}

}  // namespace
}  // namespace keel::tls
