// Distinguished names: parse/build, RFC 4514 strings, RFC 5280 §7.1 matching.
#include <gtest/gtest.h>

#include "tests/vectors/json.h"
#include "x509/cert/name.h"

namespace keel::x509 {
namespace {

Name build(const std::vector<NameAttribute>& attrs) {
    auto n = Name::build(attrs);
    EXPECT_TRUE(n) << n.error().to_string();
    return n ? *n : Name();
}

Attribute attr(const Oid& type, uint8_t tag, std::string_view value) {
    return Attribute{type, tag, Bytes(value.begin(), value.end())};
}

TEST(Name, BuildParseRoundTrip) {
    Name n = build({{oid::kCountryName, "DE"},
                    {oid::kOrganizationName, "keel"},
                    {oid::kCommonName, "keel root"},
                    {oid::kEmailAddress, "root@keel.example"}});
    auto back = Name::from_der(n.der());
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, n);
    EXPECT_EQ(back->rdns(), n.rdns());
    ASSERT_EQ(n.rdns().size(), 4u);
    EXPECT_EQ(n.rdns()[0][0].tag, der::kPrintableString);  // countryName
    EXPECT_EQ(n.rdns()[1][0].tag, der::kUtf8String);
    EXPECT_EQ(n.rdns()[3][0].tag, der::kIa5String);  // emailAddress
    EXPECT_EQ(n.to_string(), "emailAddress=root@keel.example,CN=keel root,O=keel,C=DE");
    EXPECT_EQ(n.common_name(), "keel root");
    EXPECT_EQ(n.email_addresses(), std::vector<std::string>{"root@keel.example"});
}

TEST(Name, EmptyName) {
    Name n;
    EXPECT_TRUE(n.empty());
    EXPECT_EQ(n.der(), (Bytes{0x30, 0x00}));
    EXPECT_EQ(n.to_string(), "");
    EXPECT_FALSE(n.common_name());
    auto back = Name::from_der(n.der());
    ASSERT_TRUE(back);
    EXPECT_TRUE(back->empty());
}

TEST(Name, Rfc4514Escaping) {
    Name n = build({{oid::kCommonName, " #lead, \"q\" +;<>\\ trail "},
                    {oid::kOrganizationName, std::string("nul\0x", 5)}});
    EXPECT_EQ(n.to_string(), "O=nul\\00x,CN=\\ #lead\\, \\\"q\\\" \\+\\;\\<\\>\\\\ trail\\ ");
    Name hash = build({{oid::kCommonName, "#x"}});
    EXPECT_EQ(hash.to_string(), "CN=\\#x");
}

TEST(Name, UnknownTypeAndNonStringPrintAsHex) {
    const Oid kOther{1, 2, 3, 4};
    Name n = Name::from_rdns({{attr(kOther, der::kUtf8String, "ab")},
                              {Attribute{oid::kCommonName, der::kInteger, {0x05}}}});
    EXPECT_EQ(n.to_string(), "CN=#020105,1.2.3.4=#0C026162");
    EXPECT_FALSE(n.common_name());  // an INTEGER has no text
}

TEST(Name, MultiValuedRdnIsSortedAndMatchesInAnyOrder) {
    Name a = Name::from_rdns({{attr(oid::kOrganizationalUnitName, der::kUtf8String, "Web"),
                               attr(oid::kOrganizationalUnitName, der::kUtf8String, "Ops")}});
    // DER SET OF order: "Ops" sorts before "Web".
    EXPECT_EQ(a.to_string(), "OU=Ops+OU=Web");
    Name b = Name::from_rdns({{attr(oid::kOrganizationalUnitName, der::kUtf8String, "Ops"),
                               attr(oid::kOrganizationalUnitName, der::kUtf8String, "Web")}});
    EXPECT_EQ(a, b);
    EXPECT_TRUE(a.matches(b));
}

TEST(Name, MatchFoldsAsciiCaseAndInsignificantSpace) {
    Name a = Name::from_rdns({{attr(oid::kCountryName, der::kPrintableString, "DE")},
                              {attr(oid::kCommonName, der::kUtf8String, "Keel  Root CA")}});
    Name b = Name::from_rdns({{attr(oid::kCountryName, der::kPrintableString, "de")},
                              {attr(oid::kCommonName, der::kPrintableString, "  keel root  ca ")}});
    EXPECT_FALSE(a == b);
    EXPECT_TRUE(a.matches(b));
    EXPECT_TRUE(b.matches(a));
    // Different words, different RDN count, different type, different order: no match.
    Name c = Name::from_rdns({{attr(oid::kCountryName, der::kPrintableString, "DE")},
                              {attr(oid::kCommonName, der::kUtf8String, "Keel Root")}});
    EXPECT_FALSE(a.matches(c));
    Name d = Name::from_rdns({{attr(oid::kCountryName, der::kPrintableString, "DE")}});
    EXPECT_FALSE(a.matches(d));
    Name e = Name::from_rdns({{attr(oid::kCountryName, der::kPrintableString, "DE")},
                              {attr(oid::kOrganizationName, der::kUtf8String, "Keel Root CA")}});
    EXPECT_FALSE(a.matches(e));
    Name f = Name::from_rdns({{attr(oid::kCommonName, der::kUtf8String, "Keel Root CA")},
                              {attr(oid::kCountryName, der::kPrintableString, "DE")}});
    EXPECT_FALSE(a.matches(f));
    // Spaces inside a word are significant.
    Name g = Name::from_rdns({{attr(oid::kCountryName, der::kPrintableString, "DE")},
                              {attr(oid::kCommonName, der::kUtf8String, "KeelRoot CA")}});
    EXPECT_FALSE(a.matches(g));
}

TEST(Name, HugeRdnsMatchOnlyByteForByte) {
    Rdn upper, lower;
    for (int i = 0; i < 17; ++i) {
        const std::string v = "Unit " + std::to_string(i);
        std::string l = v;
        l[0] = 'u';
        upper.push_back(attr(oid::kOrganizationalUnitName, der::kUtf8String, v));
        lower.push_back(attr(oid::kOrganizationalUnitName, der::kUtf8String, l));
    }
    Name a = Name::from_rdns({upper});
    EXPECT_TRUE(a.matches(Name::from_rdns({upper})));
    EXPECT_FALSE(a.matches(Name::from_rdns({lower})));
    upper.pop_back();
    lower.pop_back();
    EXPECT_TRUE(Name::from_rdns({upper}).matches(Name::from_rdns({lower})));
}

TEST(Name, MatchIsExactForOtherStringTypesAndNonAscii) {
    // IA5String values (emailAddress) compare as bytes.
    Name a = Name::from_rdns({{attr(oid::kEmailAddress, der::kIa5String, "A@x")}});
    Name b = Name::from_rdns({{attr(oid::kEmailAddress, der::kIa5String, "a@x")}});
    EXPECT_FALSE(a.matches(b));
    // Non-ASCII letters are not case-folded (documented limitation).
    Name c = Name::from_rdns({{attr(oid::kCommonName, der::kUtf8String, "Ä")}});
    Name d = Name::from_rdns({{attr(oid::kCommonName, der::kUtf8String, "ä")}});
    EXPECT_FALSE(c.matches(d));
    // A UTF8String and a BMPString of the same text: only identical encodings match.
    Name e = Name::from_rdns({{attr(oid::kCommonName, der::kUtf8String, "ab")}});
    Name f = Name::from_rdns({{Attribute{oid::kCommonName, der::kBmpString, {0, 'a', 0, 'b'}}}});
    EXPECT_FALSE(e.matches(f));
}

TEST(Name, TextOfEveryStringType) {
    EXPECT_EQ(
        (Attribute{oid::kCommonName, der::kBmpString, {0x00, 'K', 0x00, 0xe9, 0x20, 0xac}}.text()),
        "K\xc3\xa9\xe2\x82\xac");
    EXPECT_EQ((Attribute{oid::kCommonName, der::kUniversalString, {0, 1, 0xf6, 0x00}}.text()),
              "\xf0\x9f\x98\x80");
    EXPECT_EQ((Attribute{oid::kCommonName, der::kT61String, {'a', 0xe9}}.text()), "a\xc3\xa9");
    EXPECT_EQ(attr(oid::kCommonName, der::kPrintableString, "x y").text(), "x y");
    // Invalid strings have no text.
    EXPECT_FALSE((Attribute{oid::kCommonName, der::kBmpString, {0x00}}.text()));
    EXPECT_FALSE((Attribute{oid::kCommonName, der::kBmpString, {0xd8, 0x00}}.text()));  // surrogate
    EXPECT_FALSE((Attribute{oid::kCommonName, der::kUniversalString, {0, 0x11, 0, 0}}.text()));
    EXPECT_FALSE((Attribute{oid::kCommonName, der::kUtf8String, {0xc0, 0x80}}.text()));  // overlong
    EXPECT_FALSE((Attribute{oid::kCommonName, der::kUtf8String, {0xed, 0xa0, 0x80}}.text()));
    EXPECT_FALSE(
        (Attribute{oid::kCommonName, der::kUtf8String, {0xe2, 0x82}}.text()));  // truncated
    EXPECT_FALSE((Attribute{oid::kCommonName, der::kIa5String, {0x80}}.text()));
}

TEST(Name, BuildRejectsValuesTheTypeCannotCarry) {
    EXPECT_FALSE(Name::build({{oid::kCountryName, "DEU"}}));
    EXPECT_FALSE(Name::build({{oid::kCountryName, "D*"}}));
    EXPECT_FALSE(Name::build({{oid::kEmailAddress, "\xc3\xa9@x"}}));
    EXPECT_FALSE(Name::build({{oid::kCommonName, "\xff"}}));
    EXPECT_FALSE(Name::build({{oid::kCommonName, "a@b", der::kPrintableString}}));
    EXPECT_TRUE(Name::build({{oid::kCommonName, "a@b", der::kIa5String}}));
}

TEST(Name, ParseRejectsMalformed) {
    const std::vector<std::string> bad = {
        "3002"
        "3100",  // empty RDN
        "3004"
        "3102"
        "3000",  // ATV without type
        "3009"
        "3107"
        "3005"
        "0603550403",  // ATV without value
        "300e"
        "310c"
        "300a"
        "0603550403"
        "0c0161"
        "0500",  // trailing element in the ATV
        "3005"
        "3003"
        "0c0161",  // RDN that is a SEQUENCE
        "3103"
        "3100",  // Name that is a SET
        "3008"
        "3106"
        "3004"
        "0602550c",  // truncated
    };
    for (const std::string& h : bad) EXPECT_FALSE(Name::from_der(test::unhex(h))) << h;
    // Trailing bytes after the Name.
    EXPECT_FALSE(Name::from_der(test::unhex("300000")));
}

}  // namespace
}  // namespace keel::x509
