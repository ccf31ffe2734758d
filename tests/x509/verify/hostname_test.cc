// Service identity (RFC 9525) on certificates made by the test PKI and by OpenSSL.
#include <gtest/gtest.h>

#include "tests/vectors/json.h"
#include "tests/x509/cert/pki.h"
#include "x509/verify/hostname.h"

namespace keel::x509 {
namespace {

using test::pki::Alg;

Certificate leaf_with(std::vector<GeneralName> names, std::string cn = "ignored.example") {
    auto root = test::pki::make_root(Alg::p256, test::pki::ca("hostname root"));
    auto opts = test::pki::leaf_for("unused.example");
    opts.subject = {{oid::kCommonName, cn}};
    if (names.empty())
        opts.subject_alt_name.reset();
    else
        opts.subject_alt_name = AltName{false, std::move(names)};
    return test::pki::issue(root, Alg::p256, opts).cert;
}

TEST(DnsId, ExactAndCaseInsensitive) {
    EXPECT_TRUE(dns_id_matches("www.keel.example", "www.keel.example"));
    EXPECT_TRUE(dns_id_matches("WWW.Keel.Example", "www.keel.EXAMPLE"));
    EXPECT_TRUE(dns_id_matches("www.keel.example.", "www.keel.example"));
    EXPECT_TRUE(dns_id_matches("www.keel.example", "www.keel.example."));
    EXPECT_FALSE(dns_id_matches("www.keel.example", "keel.example"));
    EXPECT_FALSE(dns_id_matches("keel.example", "www.keel.example"));
    EXPECT_FALSE(dns_id_matches("www.keel.example", "www.keel.example.com"));
    EXPECT_FALSE(dns_id_matches("", ""));
    EXPECT_FALSE(dns_id_matches("a..b", "a..b"));
    EXPECT_FALSE(dns_id_matches(std::string_view("www.keel.example\0evil", 21), "www.keel.example"));
}

TEST(DnsId, WildcardRules) {
    EXPECT_TRUE(dns_id_matches("*.keel.example", "www.keel.example"));
    EXPECT_TRUE(dns_id_matches("*.keel.example", "API.keel.example"));
    EXPECT_FALSE(dns_id_matches("*.keel.example", "keel.example"));          // one label, not zero
    EXPECT_FALSE(dns_id_matches("*.keel.example", "a.b.keel.example"));      // not two
    EXPECT_FALSE(dns_id_matches("*.example", "keel.example"));               // too broad
    EXPECT_FALSE(dns_id_matches("*", "keel"));
    EXPECT_FALSE(dns_id_matches("w*.keel.example", "www.keel.example"));     // partial
    EXPECT_FALSE(dns_id_matches("*w.keel.example", "www.keel.example"));
    EXPECT_FALSE(dns_id_matches("www.*.example", "www.keel.example"));       // not left-most
    EXPECT_FALSE(dns_id_matches("*.*.example", "a.b.example"));
    EXPECT_FALSE(dns_id_matches("*.keel.example", "xn--bcher-kva.keel.example"));  // IDN label
    EXPECT_TRUE(dns_id_matches("xn--bcher-kva.keel.example", "XN--BCHER-KVA.keel.example"));
    EXPECT_FALSE(dns_id_matches("*.keel.example", "*.keel.example"));        // reference is no pattern
}

TEST(IpLiteral, Parses) {
    EXPECT_EQ(test::hex(*parse_ip_literal("127.0.0.1")), "7f000001");
    EXPECT_EQ(test::hex(*parse_ip_literal("::1")), "00000000000000000000000000000001");
    EXPECT_EQ(test::hex(*parse_ip_literal("2001:DB8::a:1")), "20010db80000000000000000000a0001");
    EXPECT_EQ(test::hex(*parse_ip_literal("::ffff:192.0.2.1")), "00000000000000000000ffffc0000201");
    EXPECT_EQ(test::hex(*parse_ip_literal("1:2:3:4:5:6:7:8")), "00010002000300040005000600070008");
    EXPECT_EQ(test::hex(*parse_ip_literal("::")), std::string(32, '0'));
    for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4 ", "a.b.c.d",
                            ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", ":1::",
                            "1::2:", "1:2:3:4:5:6:7:8::", "fe80::1%eth0", "::1.2.3", "1.2.3.4::"})
        EXPECT_FALSE(parse_ip_literal(bad)) << bad;
}

TEST(VerifyHostname, SanDnsAndIp) {
    Certificate c = leaf_with({GeneralName::dns("www.keel.example"), GeneralName::dns("*.api.keel.example"),
                               GeneralName::ip({192, 0, 2, 7}),
                               GeneralName::ip(*parse_ip_literal("2001:db8::7"))});
    EXPECT_TRUE(verify_hostname(c, "www.keel.example"));
    EXPECT_TRUE(verify_hostname(c, "v1.api.keel.example"));
    EXPECT_TRUE(verify_hostname(c, "192.0.2.7"));
    EXPECT_TRUE(verify_hostname(c, "2001:DB8:0::7"));
    EXPECT_FALSE(verify_hostname(c, "keel.example"));
    EXPECT_FALSE(verify_hostname(c, "192.0.2.8"));
    EXPECT_FALSE(verify_hostname(c, "ignored.example"));  // the CN is not consulted
}

TEST(VerifyHostname, IpReferenceNeverMatchesDnsName) {
    Certificate c = leaf_with({GeneralName::dns("192.0.2.7")});
    EXPECT_FALSE(verify_hostname(c, "192.0.2.7"));
}

TEST(VerifyHostname, CommonNameOnlyWhenAskedAndNoSan) {
    Certificate no_san = leaf_with({}, "legacy.keel.example");
    EXPECT_FALSE(verify_hostname(no_san, "legacy.keel.example"));
    HostnameCheckOptions legacy{.allow_cn_fallback = true};
    EXPECT_TRUE(verify_hostname(no_san, "legacy.keel.example", legacy));
    EXPECT_FALSE(verify_hostname(no_san, "other.keel.example", legacy));
    // With any DNS SAN present the CN is ignored even when allowed.
    Certificate with_san = leaf_with({GeneralName::dns("www.keel.example")}, "legacy.keel.example");
    EXPECT_FALSE(verify_hostname(with_san, "legacy.keel.example", legacy));
    // A SAN with only an email address does not count as a DNS/IP identity.
    Certificate email_only = leaf_with({GeneralName::email("a@keel.example")}, "mail.keel.example");
    EXPECT_TRUE(verify_hostname(email_only, "mail.keel.example", legacy));
}

TEST(VerifyHostname, MatchFunDecidesFirst) {
    Certificate c = leaf_with({GeneralName::dns("www.keel.example"), GeneralName::dns("*.keel.example")});
    std::vector<std::string> seen;
    HostnameCheckOptions o;
    o.match_fun = [&](std::string_view ref, const PresentedId& id) -> std::optional<bool> {
        seen.emplace_back(id.text);
        if (id.text == "*.keel.example") return ref == "wild.keel.example" ? std::optional<bool>(false) : std::nullopt;
        if (ref == "anything.else") return true;
        return std::nullopt;
    };
    EXPECT_TRUE(verify_hostname(c, "anything.else", o));
    EXPECT_FALSE(verify_hostname(c, "wild.keel.example", o));  // the fun refuses the wildcard
    EXPECT_TRUE(verify_hostname(c, "www.keel.example", o));    // default rules
    EXPECT_FALSE(seen.empty());
}

TEST(VerifyHostname, OpenSslCertificate) {
    auto certs = parse_certificates_pem(test::read_vector_file("x509/openssl-ec-p256.pem"));
    ASSERT_TRUE(certs) << certs.error().to_string();
    const Certificate& c = (*certs)[0];
    EXPECT_TRUE(verify_hostname(c, "keel.example"));
    EXPECT_TRUE(verify_hostname(c, "a.keel.example"));
    EXPECT_TRUE(verify_hostname(c, "127.0.0.1"));
    EXPECT_FALSE(verify_hostname(c, "127.0.0.2"));
    EXPECT_FALSE(verify_hostname(c, "b.a.keel.example"));
}

}  // namespace
}  // namespace keel::x509
