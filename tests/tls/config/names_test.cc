#include "tls/config/names.h"

#include <gtest/gtest.h>

#include "pq/kx/any_group.h"
#include "tls/config/defaults.h"

namespace keel::tls {
namespace {

TEST(Names, VersionsRoundTrip) {
    // ssl-reference.txt:2141, 2158-2161, 2029, 2034-2037: the version atoms.
    const std::pair<const char*, uint16_t> expected[] = {{"tlsv1.3", 0x0304},  {"tlsv1.2", 0x0303},
                                                         {"tlsv1.1", 0x0302},  {"tlsv1", 0x0301},
                                                         {"dtlsv1.2", 0xfefd}, {"dtlsv1", 0xfeff}};
    ASSERT_EQ(all_versions().size(), std::size(expected));
    for (const auto& [name, code] : expected) {
        auto v = version_from_name(name);
        ASSERT_TRUE(v.has_value()) << name;
        EXPECT_EQ(static_cast<uint16_t>(*v), code);
        EXPECT_EQ(version_name(*v), name);
        EXPECT_EQ(is_dtls(*v), name[0] == 'd');
    }
    EXPECT_FALSE(version_from_name("tlsv1.4").has_value());
    EXPECT_FALSE(version_from_name("TLSv1.3").has_value());
    EXPECT_EQ(version_name(static_cast<ProtocolVersion>(0x0300)), "unknown");
}

TEST(Names, SignatureSchemesRoundTrip) {
    for (crypto::SignatureScheme s : crypto::kAllSignatureSchemes) {
        SignAlg a = SignAlg::scheme(s);
        std::string name = sign_alg_name(a);
        EXPECT_NE(name, "unknown");
        auto back = sign_alg_from_name(name);
        ASSERT_TRUE(back.has_value()) << name;
        EXPECT_EQ(*back, a);
        EXPECT_TRUE(sign_alg_known(a));
    }
}

// RFC 5246 §7.4.1.4.1 code points for the Erlang {Hash, SignAlgo} pairs.
TEST(Names, Tls12PairsRoundTrip) {
    const struct {
        const char* hash;
        const char* sign;
        uint16_t code;
    } pairs[] = {{"sha512", "ecdsa", 0x0603}, {"sha384", "rsa", 0x0501},
                 {"sha256", "ecdsa", 0x0403}, {"sha224", "rsa", 0x0301},
                 {"sha", "dsa", 0x0202},      {"md5", "rsa", 0x0101}};
    for (const auto& p : pairs) {
        auto a = sign_alg_pair(p.hash, p.sign);
        ASSERT_TRUE(a.has_value());
        EXPECT_EQ(a->code, p.code);
        EXPECT_TRUE(a->pair);
        std::string name = "{";
        name.append(p.hash).append(",").append(p.sign).append("}");
        EXPECT_EQ(sign_alg_name(*a), name);
        EXPECT_EQ(sign_alg_from_name(name), a);
    }
    // A pair and the scheme with the same 16 bits stay distinct.
    EXPECT_NE(*sign_alg_pair("sha256", "rsa"),
              SignAlg::scheme(crypto::SignatureScheme::rsa_pkcs1_sha256));
    EXPECT_FALSE(sign_alg_pair("sha3", "rsa").has_value());
    EXPECT_FALSE(sign_alg_from_name("{sha256,eddsa}").has_value());
    EXPECT_FALSE(sign_alg_from_name("{sha256 rsa}").has_value());
    EXPECT_FALSE(sign_alg_from_name("rsa_pkcs1_md5").has_value());
    EXPECT_EQ(sign_alg_name(SignAlg{0x0704, true}), "unknown");
    EXPECT_FALSE(sign_alg_known(SignAlg{0x0999, false}));
}

TEST(Names, GroupsRoundTrip) {
    for (NamedGroup g : all_groups()) {
        std::string_view name = pq::group_name(g);
        EXPECT_NE(name, "unknown");
        EXPECT_EQ(pq::group_from_name(name), g);
    }
}

TEST(Names, CipherList) {
    auto r = parse_cipher_list("TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256::");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 2u);
    EXPECT_EQ((*r)[0], CipherSuite::tls_aes_128_gcm_sha256);
    EXPECT_EQ((*r)[1], CipherSuite::tls_chacha20_poly1305_sha256);
    auto bad = parse_cipher_list("TLS_AES_128_GCM_SHA256:ECDHE-RSA-RC4");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code(), Errc::options);
    EXPECT_EQ(bad.error().detail(), "{options, {ciphers, \"ECDHE-RSA-RC4\"}}");
    EXPECT_TRUE(parse_cipher_list("")->empty());
    for (const CipherSuiteInfo& s : all_suites()) {
        auto one = parse_cipher_list(s.name);
        ASSERT_TRUE(one.ok());
        EXPECT_EQ(one->at(0), s.id);
    }
}

}  // namespace
}  // namespace keel::tls
