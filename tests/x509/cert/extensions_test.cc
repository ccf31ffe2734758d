// Extensions and GeneralNames: write-then-parse round trips for every typed extension,
// and the malformed encodings each parser must reject.
#include <gtest/gtest.h>

#include "tests/vectors/json.h"
#include "x509/cert/extensions.h"

namespace keel::x509 {
namespace {

using test::unhex;

const Oid kP1{1, 3, 6, 1, 4, 1, 55555, 1};
const Oid kP2{1, 3, 6, 1, 4, 1, 55555, 2};

Name dn(const char* cn) {
    return *Name::build({{oid::kCommonName, cn}});
}

GeneralNames every_general_name() {
    der::Writer upn;
    upn.string(der::kUtf8String, "upn@keel.example");
    return {GeneralName::dns("keel.example"),
            GeneralName::email("a@keel.example"),
            GeneralName::uri("https://keel.example/x"),
            GeneralName::ip({192, 0, 2, 1}),
            GeneralName::ip(Bytes(16, 0x20)),
            GeneralName::directory(dn("dir")),
            GeneralName::registered(kP1),
            GeneralName::other(Oid{1, 3, 6, 1, 4, 1, 311, 20, 2, 3}, upn.bytes())};
}

// Parses `e` with `parse`, checks the flag and that encoding the result again is
// byte-identical, and returns the parsed value.
template <class T, class Parse>
T round_trip(const Extension& e, Parse parse) {
    auto parsed = parse(e.value, e.critical);
    EXPECT_TRUE(parsed) << parsed.error().to_string();
    if (!parsed) return T{};
    EXPECT_EQ(parsed->critical, e.critical);
    if constexpr (std::is_same_v<T, AltName> || std::is_same_v<T, InfoAccess>) {
        EXPECT_EQ(encode(*parsed, e.oid), e);
    } else {
        EXPECT_EQ(encode(*parsed), e);
    }
    return *parsed;
}

TEST(GeneralName, EveryKindRoundTrips) {
    for (const GeneralName& g : every_general_name()) {
        Bytes der = g.der();
        der::Reader r(der);
        auto back = GeneralName::parse(r);
        ASSERT_TRUE(back) << g.to_string() << ": " << back.error().to_string();
        EXPECT_TRUE(r.finish());
        EXPECT_EQ(back->kind(), g.kind());
        EXPECT_EQ(back->der(), der);
        EXPECT_EQ(back->to_string(), g.to_string());
    }
    EXPECT_EQ(GeneralName::ip({192, 0, 2, 1}).to_string(), "IP:192.0.2.1");
    EXPECT_EQ(GeneralName::directory(dn("dir")).to_string(), "DirName:CN=dir");
    EXPECT_EQ(GeneralName::registered(kP1).to_string(), "RID:1.3.6.1.4.1.55555.1");
    EXPECT_EQ(GeneralName::dns("x").der(), (Bytes{0x82, 0x01, 'x'}));
    EXPECT_EQ(GeneralName::email("x").der(), (Bytes{0x81, 0x01, 'x'}));
    EXPECT_EQ(GeneralName::uri("x").der(), (Bytes{0x86, 0x01, 'x'}));
}

TEST(GeneralName, Ipv6Text) {
    auto ip6 = [](const char* h) { return ip_to_string(unhex(h)); };
    EXPECT_EQ(ip6("20010db8000000000000000000000001"), "2001:db8::1");
    EXPECT_EQ(ip6("00000000000000000000000000000000"), "::");
    EXPECT_EQ(ip6("00000000000000000000000000000001"), "::1");
    EXPECT_EQ(ip6("20010db8000000010000000000000000"), "2001:db8:0:1::");
    EXPECT_EQ(ip6("20010db8000100000001000000000001"), "2001:db8:1:0:1::1");     // longest run
    EXPECT_EQ(ip6("20010db8000000010001000100010001"), "2001:db8:0:1:1:1:1:1");  // single 0 kept
}

TEST(GeneralName, RejectsMalformed) {
    using Ctx = GeneralName::Context;
    const std::vector<std::pair<const char*, Ctx>> bad = {
        {"820180", Ctx::name},                // dNSName with a non-ASCII byte
        {"a20178", Ctx::name},                // dNSName with the constructed bit
        {"8401", Ctx::name},                  // truncated
        {"840130", Ctx::name},                // directoryName not constructed
        {"a9020500", Ctx::name},              // tag [9]
        {"0c0161", Ctx::name},                // universal tag
        {"870501020304", Ctx::name},          // 5-octet IP
        {"870801020304ffffff00", Ctx::name},  // a mask outside constraints
        {"870401020304", Ctx::constraint},    // no mask inside constraints
        {"8801ff", Ctx::name},                // truncated OID arc
        {"a0050603550403", Ctx::name},        // otherName without its [0] value
        {"a00b0603550403a0020500"
         "0500",
         Ctx::name},                    // trailing element in otherName
        {"a4053003310100", Ctx::name},  // directoryName with an empty RDN
        {"a404300030"
         "00",
         Ctx::name},  // two Names inside [4]
    };
    for (const auto& [h, ctx] : bad) {
        Bytes b = unhex(h);
        der::Reader r(b);
        EXPECT_FALSE(GeneralName::parse(r, ctx)) << h;
    }
    // The empty directory name is valid.
    Bytes empty_dn = unhex("a4023000");
    der::Reader r2(empty_dn);
    auto g = GeneralName::parse(r2);
    ASSERT_TRUE(g);
    EXPECT_TRUE(g->directory_name().empty());
    // Empty GeneralNames (SIZE (1..MAX)).
    Bytes empty = unhex("3000");
    der::Reader r4(empty);
    EXPECT_FALSE(parse_general_names(r4));
}

TEST(Extensions, BasicConstraints) {
    auto ca = round_trip<BasicConstraints>(encode(BasicConstraints{true, true, 3}),
                                           parse_basic_constraints);
    EXPECT_TRUE(ca.ca);
    EXPECT_EQ(ca.path_len, 3);
    auto leaf = round_trip<BasicConstraints>(encode(BasicConstraints{}), parse_basic_constraints);
    EXPECT_FALSE(leaf.ca);
    EXPECT_FALSE(leaf.path_len);
    EXPECT_EQ(encode(BasicConstraints{}).value, (Bytes{0x30, 0x00}));
    // cA explicitly FALSE (DER omits defaults), negative pathLen, trailing data.
    EXPECT_FALSE(parse_basic_constraints(unhex("3003010100"), false));
    EXPECT_FALSE(parse_basic_constraints(unhex("30060101ff0201ff"), false));
    EXPECT_FALSE(parse_basic_constraints(unhex("30030101ff00"), false));
    EXPECT_FALSE(parse_basic_constraints(unhex("30030101ff3000"), false));
    EXPECT_FALSE(parse_basic_constraints(unhex("300302010105"), false));
}

TEST(Extensions, KeyUsageBits) {
    for (uint16_t bits : {0x001, 0x020, 0x060, 0x0a1, 0x100, 0x1ff, 0x180}) {
        auto ku = round_trip<KeyUsage>(encode(KeyUsage{true, bits}), parse_key_usage);
        EXPECT_EQ(ku.bits, bits);
    }
    // digitalSignature | keyCertSign: 03 02 02 84 (two unused bits).
    EXPECT_EQ(encode(KeyUsage{false, 0x21}).value, unhex("03020284"));
    // decipherOnly alone: 03 03 07 00 80.
    EXPECT_EQ(encode(KeyUsage{false, 0x100}).value, unhex("0303070080"));
    EXPECT_FALSE(parse_key_usage(unhex("030100"), false));      // no bit set
    EXPECT_FALSE(parse_key_usage(unhex("03020000"), false));    // no bit set
    EXPECT_FALSE(parse_key_usage(unhex("0302018000"), false));  // trailing
    auto bit15 = parse_key_usage(unhex("0303000001"), false);   // unnamed bit 15: kept
    ASSERT_TRUE(bit15);
    EXPECT_EQ(bit15->bits, 0x8000);
    EXPECT_FALSE(parse_key_usage(unhex("030400000080"), false));  // bit 16
    EXPECT_FALSE(parse_key_usage(unhex("04020284"), false));      // not a BIT STRING
}

TEST(Extensions, ExtKeyUsage) {
    auto e = round_trip<ExtKeyUsage>(encode(ExtKeyUsage{false, {oid::kServerAuth, kP1}}),
                                     parse_ext_key_usage);
    EXPECT_TRUE(e.has(oid::kServerAuth));
    EXPECT_TRUE(e.has(kP1));
    EXPECT_FALSE(e.has(oid::kClientAuth));
    EXPECT_FALSE(parse_ext_key_usage(unhex("3000"), false));
    EXPECT_FALSE(parse_ext_key_usage(unhex("30030c0161"), false));
}

TEST(Extensions, AltNames) {
    auto san = round_trip<AltName>(encode(AltName{true, every_general_name()}), parse_alt_name);
    EXPECT_EQ(san.names, every_general_name());
    auto ian = round_trip<AltName>(
        encode(AltName{false, {GeneralName::email("ca@x")}}, oid::kIssuerAltName), parse_alt_name);
    EXPECT_EQ(ian.names.size(), 1u);
    EXPECT_FALSE(parse_alt_name(unhex("3000"), false));
    EXPECT_FALSE(parse_alt_name(unhex("3003820178"
                                      "00"),
                                false));
}

TEST(Extensions, NameConstraints) {
    NameConstraints nc{true,
                       {{GeneralName::dns(".keel.example")},
                        {GeneralName::ip({10, 0, 0, 0, 255, 0, 0, 0})},
                        {GeneralName::directory(dn("x")), 2, 5}},
                       {{GeneralName::email("bad.example")}, {GeneralName::ip(Bytes(32, 0xff))}}};
    auto back = round_trip<NameConstraints>(encode(nc), parse_name_constraints);
    ASSERT_EQ(back.permitted.size(), 3u);
    ASSERT_EQ(back.excluded.size(), 2u);
    EXPECT_EQ(back.permitted[2].minimum, 2);
    EXPECT_EQ(back.permitted[2].maximum, 5);
    EXPECT_EQ(back.permitted[1].base.to_string(), "IP:10.0.0.0/255.0.0.0");
    auto only_excluded = round_trip<NameConstraints>(
        encode(NameConstraints{false, {}, {{GeneralName::dns("x")}}}), parse_name_constraints);
    EXPECT_TRUE(only_excluded.permitted.empty());
    EXPECT_FALSE(parse_name_constraints(unhex("3000"), true));      // empty
    EXPECT_FALSE(parse_name_constraints(unhex("3002a000"), true));  // empty subtrees
    EXPECT_FALSE(parse_name_constraints(unhex("3008a0063004820178"
                                              "8000"),
                                        true));                                     // min 0 encoded
    EXPECT_FALSE(parse_name_constraints(unhex("3008a0063004870401020304"), true));  // IP w/o mask
    EXPECT_FALSE(parse_name_constraints(unhex("3007a1053003820178"
                                              "00"),
                                        true));
}

TEST(Extensions, CertificatePolicies) {
    der::Writer cps;
    cps.string(der::kIa5String, "http://cps.example");
    der::Writer notice;
    auto seq = notice.sequence();
    notice.string(der::kUtf8String, "text");
    notice.close(seq);
    CertificatePolicies cp{
        false,
        {{oid::kAnyPolicy, {}},
         {kP1, {{oid::kCpsQualifier, cps.bytes()}, {oid::kUserNoticeQualifier, notice.bytes()}}}}};
    auto back = round_trip<CertificatePolicies>(encode(cp), parse_certificate_policies);
    ASSERT_EQ(back.policies.size(), 2u);
    EXPECT_EQ(back.policies[0].policy, oid::kAnyPolicy);
    EXPECT_EQ(back.policies[1].qualifiers[0].cps_uri(), "http://cps.example");
    EXPECT_EQ(back.policies[1].qualifiers[1].qualifier, notice.bytes());
    // A policy twice (§4.2.1.4), an empty list, an empty qualifier list.
    EXPECT_FALSE(parse_certificate_policies(
        encode(CertificatePolicies{false, {{kP1, {}}, {kP1, {}}}}).value, false));
    EXPECT_FALSE(parse_certificate_policies(unhex("3000"), false));
    Bytes empty_quals = unhex(
        "300b"
        "3009"
        "0603"
        "2a0304"
        "3000"
        "0000");
    EXPECT_FALSE(parse_certificate_policies(empty_quals, false));
}

TEST(Extensions, PolicyMappingsConstraintsInhibit) {
    auto pm = round_trip<PolicyMappings>(encode(PolicyMappings{true, {{kP1, kP2}, {kP2, kP1}}}),
                                         parse_policy_mappings);
    EXPECT_EQ(pm.mappings[0].subject_domain_policy, kP2);
    EXPECT_FALSE(parse_policy_mappings(unhex("3000"), true));
    auto pc = round_trip<PolicyConstraints>(encode(PolicyConstraints{true, 0, 7}),
                                            parse_policy_constraints);
    EXPECT_EQ(pc.require_explicit_policy, 0);
    EXPECT_EQ(pc.inhibit_policy_mapping, 7);
    auto pc1 = round_trip<PolicyConstraints>(encode(PolicyConstraints{true, std::nullopt, 300}),
                                             parse_policy_constraints);
    EXPECT_FALSE(pc1.require_explicit_policy);
    EXPECT_EQ(pc1.inhibit_policy_mapping, 300);
    EXPECT_FALSE(parse_policy_constraints(unhex("3000"), true));
    EXPECT_FALSE(parse_policy_constraints(unhex("30038001ff"), true));  // negative
    EXPECT_FALSE(parse_policy_constraints(unhex("3004800200"
                                                "01"),
                                          true));                             // non-minimal
    EXPECT_FALSE(parse_policy_constraints(unhex("3006810101800101"), true));  // out of order
    auto iap =
        round_trip<InhibitAnyPolicy>(encode(InhibitAnyPolicy{true, 0}), parse_inhibit_any_policy);
    EXPECT_EQ(iap.skip_certs, 0);
    EXPECT_FALSE(parse_inhibit_any_policy(unhex("0201ff"), true));
    EXPECT_FALSE(parse_inhibit_any_policy(unhex("020101"
                                                "00"),
                                          true));
}

TEST(Extensions, KeyIdentifiers) {
    AuthorityKeyIdentifier full{false, Bytes{1, 2, 3},
                                GeneralNames{GeneralName::directory(dn("ca"))}, Bytes{0x00, 0x80}};
    auto aki = round_trip<AuthorityKeyIdentifier>(encode(full), parse_authority_key_identifier);
    EXPECT_EQ(aki.key_id, (Bytes{1, 2, 3}));
    EXPECT_EQ(aki.serial, (Bytes{0x00, 0x80}));
    auto only_kid = round_trip<AuthorityKeyIdentifier>(
        encode(AuthorityKeyIdentifier{false, Bytes{9}, std::nullopt, std::nullopt}),
        parse_authority_key_identifier);
    EXPECT_FALSE(only_kid.issuer);
    auto empty = round_trip<AuthorityKeyIdentifier>(encode(AuthorityKeyIdentifier{}),
                                                    parse_authority_key_identifier);
    EXPECT_FALSE(empty.key_id);
    // Issuer without serial and serial without issuer.
    EXPECT_FALSE(parse_authority_key_identifier(
        encode(AuthorityKeyIdentifier{false, std::nullopt, full.issuer, std::nullopt}).value,
        false));
    EXPECT_FALSE(parse_authority_key_identifier(unhex("3003820101"), false));
    EXPECT_FALSE(parse_authority_key_identifier(unhex("3003040101"), false));  // untagged kid
    auto ski = round_trip<SubjectKeyIdentifier>(encode(SubjectKeyIdentifier{false, {4, 5}}),
                                                parse_subject_key_identifier);
    EXPECT_EQ(ski.key_id, (Bytes{4, 5}));
    EXPECT_FALSE(parse_subject_key_identifier(unhex("030100"), false));
    EXPECT_FALSE(parse_subject_key_identifier(unhex("040100"
                                                    "00"),
                                              false));
}

TEST(Extensions, CrlDistributionPoints) {
    DistributionPoint full;
    full.full_name = GeneralNames{GeneralName::uri("http://crl.example/a.crl"),
                                  GeneralName::directory(dn("crl"))};
    full.reasons = (1 << 1) | (1 << 8);
    full.crl_issuer = GeneralNames{GeneralName::directory(dn("issuer"))};
    DistributionPoint relative;
    relative.name_relative_to_crl_issuer =
        Rdn{Attribute{oid::kCommonName, der::kUtf8String, {'r'}}};
    DistributionPoint issuer_only;
    issuer_only.crl_issuer = GeneralNames{GeneralName::uri("ldap://x")};
    CrlDistributionPoints cdp{false, {full, relative, issuer_only}};
    auto back = round_trip<CrlDistributionPoints>(encode(cdp), parse_crl_distribution_points);
    ASSERT_EQ(back.points.size(), 3u);
    EXPECT_EQ(back.points[0].uris(), std::vector<std::string>{"http://crl.example/a.crl"});
    EXPECT_EQ(back.points[0].reasons, (1 << 1) | (1 << 8));
    EXPECT_EQ(back.points[1].name_relative_to_crl_issuer, relative.name_relative_to_crl_issuer);
    EXPECT_TRUE(back.points[2].uris().empty());
    // Only reasons (§4.2.1.13), an empty point, an empty list.
    DistributionPoint reasons_only;
    reasons_only.reasons = 2;
    EXPECT_FALSE(parse_crl_distribution_points(
        encode(CrlDistributionPoints{false, {reasons_only}}).value, false));
    EXPECT_FALSE(parse_crl_distribution_points(unhex("30023000"), false));
    EXPECT_FALSE(parse_crl_distribution_points(unhex("3000"), false));
}

TEST(Extensions, InfoAccessAndTlsFeature) {
    InfoAccess aia{false,
                   {{oid::kAdOcsp, GeneralName::uri("http://ocsp.example")},
                    {oid::kAdCaIssuers, GeneralName::uri("http://ca.example/ca.crt")},
                    {oid::kAdCaIssuers, GeneralName::dns("not-a-uri")}}};
    auto back = round_trip<InfoAccess>(encode(aia, oid::kAuthorityInfoAccess), parse_info_access);
    EXPECT_EQ(back.ocsp_uris(), std::vector<std::string>{"http://ocsp.example"});
    EXPECT_EQ(back.ca_issuers_uris(), std::vector<std::string>{"http://ca.example/ca.crt"});
    round_trip<InfoAccess>(encode(aia, oid::kSubjectInfoAccess), parse_info_access);
    EXPECT_FALSE(parse_info_access(unhex("3000"), false));
    EXPECT_FALSE(parse_info_access(unhex("30053003060100"), false));  // no location
    auto tf = round_trip<TlsFeature>(encode(TlsFeature{false, {5, 17, 65535}}), parse_tls_feature);
    EXPECT_EQ(tf.features, (std::vector<uint16_t>{5, 17, 65535}));
    EXPECT_FALSE(parse_tls_feature(unhex("3005020301"
                                         "0000"),
                                   false));  // 65536
    EXPECT_FALSE(parse_tls_feature(unhex("30030201ff"), false));
}

// An Extensions list holding the given extensions.
Bytes extensions_der(const std::vector<Extension>& list, bool explicit_false = false) {
    der::Writer w;
    auto seq = w.sequence();
    for (const Extension& e : list) {
        auto s = w.sequence();
        w.oid(e.oid);
        if (e.critical)
            w.boolean(true);
        else if (explicit_false)
            w.boolean(false);
        w.octet_string(e.value);
        w.close(s);
    }
    w.close(seq);
    return w.take();
}

TEST(Extensions, ListTypesKeepsUnknownAndFlagsUnknownCritical) {
    const Oid kUnknown{1, 2, 3, 4, 5};
    Bytes der =
        extensions_der({encode(BasicConstraints{true, true, 0}),
                        Extension{kUnknown, true, {0x05, 0x00}}, Extension{kP1, false, {0x01}}});
    der::Reader r(der);
    auto x = Extensions::parse(r);
    ASSERT_TRUE(x) << x.error().to_string();
    EXPECT_EQ(x->all.size(), 3u);
    ASSERT_TRUE(x->basic_constraints);
    EXPECT_EQ(x->basic_constraints->path_len, 0);
    EXPECT_EQ(x->unhandled_critical, std::vector<Oid>{kUnknown});
    ASSERT_NE(x->find(kP1), nullptr);
    EXPECT_EQ(x->find(kP1)->value, Bytes{0x01});
    EXPECT_EQ(x->find(oid::kKeyUsage), nullptr);
}

TEST(Extensions, ListRejectsDuplicatesEmptyMalformedAndExplicitFalse) {
    auto parse = [](const Bytes& der) {
        der::Reader r(der);
        return Extensions::parse(r);
    };
    EXPECT_FALSE(parse(extensions_der({encode(KeyUsage{false, 1}), encode(KeyUsage{true, 2})})));
    const Oid kUnknown{1, 2, 3};
    EXPECT_FALSE(parse(extensions_der({{kUnknown, false, {}}, {kUnknown, false, {}}})));
    EXPECT_FALSE(parse(extensions_der({})));
    // A known extension that does not parse is an error even when not critical.
    EXPECT_FALSE(parse(extensions_der({{oid::kKeyUsage, false, {0x05, 0x00}}})));
    EXPECT_FALSE(parse(extensions_der({{oid::kSubjectAltName, false, {}}})));
    // critical encoded as FALSE: DER omits the DEFAULT.
    EXPECT_FALSE(parse(extensions_der({{kUnknown, false, {}}}, true)));
    EXPECT_TRUE(parse(extensions_der({{kUnknown, false, {}}}, false)));
}

}  // namespace
}  // namespace keel::x509
