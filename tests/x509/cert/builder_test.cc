// CertificateBuilder: every field written then parsed back, and the malformed
// certificates a strict parser must reject (written with the builder's escape hatches
// or patched by hand).
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/vectors/json.h"
#include "x509/cert/builder.h"
#include "x509/der/time.h"

namespace keel::x509 {
namespace {

using test::unhex;

// Ed25519 AlgorithmIdentifier (RFC 8410): no parameters.
const Bytes kEd25519Alg = unhex("300506032b6570");
const Bytes kEcdsaSha256Alg = unhex("300a06082a8648ce3d040302");
// An Ed25519 SPKI with a fixed point (parsing never checks the point).
const Bytes kSpki = unhex("302a300506032b6570032100" + std::string(64, '1'));

Result<Bytes> fake_sign(ByteView) {
    return Bytes(64, 0x5a);
}

CertificateBuilder base() {
    CertificateBuilder b;
    b.serial_u64(0x1234)
        .issuer({{oid::kCountryName, "DE"}, {oid::kCommonName, "keel issuer"}})
        .subject({{oid::kCommonName, "keel subject"}})
        .validity(1700000000, 1800000000)
        .public_key(kSpki);
    return b;
}

Result<Certificate> build(const CertificateBuilder& b, ByteView alg = kEd25519Alg) {
    return b.build(alg, fake_sign);
}

TEST(CertificateBuilder, EveryFieldAndExtensionRoundTrips) {
    CertificateBuilder b = base();
    const Oid kPolicy{1, 3, 6, 1, 4, 1, 55555, 1};
    b.basic_constraints({true, true, 1})
        .key_usage({true, 0x61})
        .ext_key_usage({false, {oid::kServerAuth}})
        .subject_alt_name({false, {GeneralName::dns("a.example"), GeneralName::ip({127, 0, 0, 1})}})
        .issuer_alt_name({false, {GeneralName::email("ca@example")}})
        .name_constraints({true, {{GeneralName::dns(".example")}}, {}})
        .certificate_policies({false, {{kPolicy, {}}}})
        .policy_mappings({true, {{kPolicy, oid::kAnyPolicy}}})
        .policy_constraints({true, 1, std::nullopt})
        .inhibit_any_policy({true, 0})
        .authority_key_id({false, Bytes{1, 2}, std::nullopt, std::nullopt})
        .subject_key_id({false, Bytes{3, 4}})
        .crl_distribution_points({false, {DistributionPoint::from_uri("http://crl")}})
        .freshest_crl({false, {DistributionPoint::from_uri("http://delta")}})
        .authority_info_access({false, {{oid::kAdOcsp, GeneralName::uri("http://ocsp")}}})
        .subject_info_access({false, {{oid::kAdCaIssuers, GeneralName::uri("http://sia")}}})
        .tls_feature({false, {5}})
        .issuer_unique_id(Bytes{0x00, 0xaa})
        .subject_unique_id(Bytes{0x04, 0xf0});
    auto c = build(b);
    ASSERT_TRUE(c) << c.error().to_string();
    EXPECT_EQ(c->version(), 3);
    EXPECT_EQ(c->serial(), (Bytes{0x12, 0x34}));
    EXPECT_EQ(c->issuer().to_string(), "CN=keel issuer,C=DE");
    EXPECT_EQ(c->subject().to_string(), "CN=keel subject");
    EXPECT_EQ(c->not_before(), 1700000000);
    EXPECT_EQ(c->not_after(), 1800000000);
    EXPECT_EQ(c->spki().der, kSpki);
    EXPECT_EQ(Bytes(c->signature().begin(), c->signature().end()), Bytes(64, 0x5a));
    EXPECT_EQ(c->tbs().issuer_unique_id, (Bytes{0x00, 0xaa}));
    EXPECT_EQ(c->tbs().subject_unique_id, (Bytes{0x04, 0xf0}));
    const Extensions& x = c->extensions();
    EXPECT_EQ(x.all.size(), 17u);
    EXPECT_EQ(x.basic_constraints->path_len, 1);
    EXPECT_EQ(x.key_usage->bits, 0x61);
    EXPECT_TRUE(x.ext_key_usage->has(oid::kServerAuth));
    EXPECT_EQ(x.subject_alt_name->names.size(), 2u);
    EXPECT_EQ(x.issuer_alt_name->names[0].text(), "ca@example");
    EXPECT_EQ(x.name_constraints->permitted.size(), 1u);
    EXPECT_EQ(x.certificate_policies->policies[0].policy, kPolicy);
    EXPECT_EQ(x.policy_mappings->mappings[0].subject_domain_policy, oid::kAnyPolicy);
    EXPECT_EQ(x.policy_constraints->require_explicit_policy, 1);
    EXPECT_EQ(x.inhibit_any_policy->skip_certs, 0);
    EXPECT_EQ(x.authority_key_id->key_id, (Bytes{1, 2}));
    EXPECT_EQ(x.subject_key_id->key_id, (Bytes{3, 4}));
    EXPECT_EQ(x.crl_distribution_points->points[0].uris()[0], "http://crl");
    EXPECT_EQ(x.freshest_crl->points[0].uris()[0], "http://delta");
    EXPECT_EQ(x.authority_info_access->ocsp_uris()[0], "http://ocsp");
    EXPECT_EQ(x.subject_info_access->ca_issuers_uris()[0], "http://sia");
    EXPECT_EQ(x.tls_feature->features, std::vector<uint16_t>{5});
    EXPECT_TRUE(x.unhandled_critical.empty());
    // Re-signing what was parsed gives the same bytes, typed or raw.
    auto again = CertificateBuilder::from(*c, true).sign(kEd25519Alg, fake_sign);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, c->der());
    EXPECT_EQ(*CertificateBuilder::from(*c).sign(kEd25519Alg, fake_sign), c->der());
}

TEST(CertificateBuilder, SettersReplaceInPlaceAddAppendsRemoveDrops) {
    CertificateBuilder b = base();
    b.key_usage({false, 1}).basic_constraints({true, false, std::nullopt}).key_usage({true, 2});
    ASSERT_EQ(b.extensions().size(), 2u);
    EXPECT_EQ(b.extensions()[0].oid, oid::kKeyUsage);
    EXPECT_TRUE(b.extensions()[0].critical);
    b.remove_extension(oid::kKeyUsage);
    ASSERT_EQ(b.extensions().size(), 1u);
    EXPECT_EQ(b.extensions()[0].oid, oid::kBasicConstraints);
    b.add_extension(encode(BasicConstraints{}));
    EXPECT_EQ(b.extensions().size(), 2u);
}

TEST(CertificateBuilder, TimesAcrossUtcAndGeneralized) {
    // UTCTime through 2049, GeneralizedTime from 2050 and before 1950 (§4.1.2.5).
    for (auto [nb, na] : {std::pair<int64_t, int64_t>{-631152001, 2524607999},
                          {-631152000, 2524608000},
                          {0, 253402300799}}) {
        auto c = build(base().validity(nb, na));
        ASSERT_TRUE(c) << nb;
        EXPECT_EQ(c->not_before(), nb);
        EXPECT_EQ(c->not_after(), na);
    }
}

TEST(CertificateBuilder, SerialForms) {
    auto c = build(base().serial(unhex("00000080")));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->serial(), (Bytes{0x00, 0x80}));
    EXPECT_FALSE(c->tbs().serial_not_positive);
    // 20 octets with the top bit set: 21 contents octets, accepted.
    auto c20 = build(base().serial(Bytes(20, 0xff)));
    ASSERT_TRUE(c20) << c20.error().to_string();
    EXPECT_EQ(c20->serial().size(), 21u);
    // 21 octets of magnitude: rejected by the parser (§4.1.2.2).
    auto c21 = build(base().serial_raw(Bytes(21, 0x7f)));
    EXPECT_FALSE(c21);
    EXPECT_FALSE(build(base().serial(Bytes(21, 0x7f))));
    // Zero and negative serials parse with the flag set.
    auto zero = build(base().serial_raw(Bytes{0}));
    ASSERT_TRUE(zero);
    EXPECT_TRUE(zero->tbs().serial_not_positive);
    auto neg = build(base().serial_raw(Bytes{0xff, 0x01}));
    ASSERT_TRUE(neg);
    EXPECT_TRUE(neg->tbs().serial_not_positive);
    EXPECT_EQ(neg->serial_hex(), "ff01");
    // Non-minimal INTEGER.
    EXPECT_FALSE(build(base().serial_raw(Bytes{0x00, 0x01})));
}

TEST(CertificateBuilder, VersionRules) {
    auto v1 = build(base().version(1));
    ASSERT_TRUE(v1);
    EXPECT_EQ(v1->version(), 1);
    auto v2 = build(base().version(2).subject_unique_id(Bytes{0x00, 0x01}));
    ASSERT_TRUE(v2);
    EXPECT_EQ(v2->version(), 2);
    // Extensions only in v3; unique IDs not in v1.
    EXPECT_FALSE(build(base().version(1).basic_constraints({})));
    EXPECT_FALSE(build(base().version(2).basic_constraints({})));
    EXPECT_FALSE(build(base().version(1).issuer_unique_id(Bytes{0x00, 0x01})));
    EXPECT_FALSE(build(base().version(1).subject_unique_id(Bytes{0x00, 0x01})));
    // Unique IDs must be DER BIT STRINGs.
    EXPECT_FALSE(build(base().issuer_unique_id(Bytes{0x08})));
    EXPECT_FALSE(build(base().subject_unique_id(Bytes{0x01, 0x01})));
    EXPECT_FALSE(base().version(4).tbs(kEd25519Alg));
}

TEST(CertificateBuilder, MismatchedSignatureAlgorithmsFail) {
    auto c = build(base().tbs_signature_algorithm(kEcdsaSha256Alg));
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().detail().find("signatureAlgorithm"), std::string::npos);
    // RSA with NULL parameters versus absent parameters is also a mismatch.
    const Bytes with_null = unhex("300d06092a864886f70d01010b0500");
    const Bytes without = unhex("300b06092a864886f70d01010b");
    EXPECT_TRUE(build(base(), with_null));
    EXPECT_FALSE(build(base().tbs_signature_algorithm(without), with_null));
}

TEST(CertificateBuilder, DuplicateAndBrokenExtensionsFail) {
    EXPECT_FALSE(build(base().key_usage({false, 1}).add_extension(encode(KeyUsage{false, 1}))));
    const Oid kUnknown{1, 2, 3, 4};
    EXPECT_FALSE(
        build(base().add_extension({kUnknown, false, {}}).add_extension({kUnknown, true, {}})));
    // Negative pathLenConstraint.
    EXPECT_FALSE(
        build(base().add_extension({oid::kBasicConstraints, true, unhex("30060101ff0201ff")})));
    // A known extension with trailing garbage in its value.
    EXPECT_FALSE(
        build(base().add_extension({oid::kSubjectKeyIdentifier, false, unhex("04010100")})));
    // An unknown critical extension is kept and flagged, not an error.
    auto c = build(base().add_extension({kUnknown, true, {0x05, 0x00}}));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->extensions().unhandled_critical, std::vector<Oid>{kUnknown});
}

TEST(CertificateBuilder, BuilderRejectsBadInput) {
    EXPECT_FALSE(CertificateBuilder().tbs(kEd25519Alg));  // no key
    EXPECT_FALSE(base().public_key(unhex("3000")).tbs(kEd25519Alg));
    EXPECT_FALSE(base().tbs(unhex("3000")));
    EXPECT_FALSE(base().subject({{oid::kCountryName, "Germany"}}).tbs(kEd25519Alg));
    auto failing = [](ByteView) -> Result<Bytes> { return Error(Errc::auth_failed, "hsm down"); };
    auto r = base().sign(kEd25519Alg, failing);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().detail(), "hsm down");
}

// Replaces the first occurrence of `from` in `der` by `to` (same length).
Bytes patch(Bytes der, const Bytes& from, const Bytes& to) {
    auto it = std::search(der.begin(), der.end(), from.begin(), from.end());
    EXPECT_NE(it, der.end());
    if (it != der.end()) std::copy(to.begin(), to.end(), it);
    return der;
}

TEST(CertificateBuilder, HandPatchedEncodingsFail) {
    auto good = base().sign(kEd25519Alg, fake_sign);
    ASSERT_TRUE(good);
    ASSERT_TRUE(Certificate::parse(*good));
    // Bad times: a letter in the UTCTime, a month 13, a missing Z.
    const std::string nb = format_der_time(1700000000, true);  // "231114221320Z"
    Bytes from = Bytes{der::kUtcTime, 13};
    from.insert(from.end(), nb.begin(), nb.end());
    auto with = [&](std::string t) {
        Bytes to{der::kUtcTime, 13};
        to.insert(to.end(), t.begin(), t.end());
        return patch(*good, from, to);
    };
    EXPECT_TRUE(Certificate::parse(with(nb)));
    EXPECT_FALSE(Certificate::parse(with("2311142213x0Z")));
    EXPECT_FALSE(Certificate::parse(with("231314221320Z")));
    EXPECT_FALSE(Certificate::parse(with("2311142213200")));
    EXPECT_FALSE(Certificate::parse(with("231131221320Z")));  // November 31st
    // GeneralizedTime tag over a UTCTime body.
    EXPECT_FALSE(Certificate::parse(patch(*good, from, Bytes{der::kGeneralizedTime})));

    // An explicit v1 version: [0] { INTEGER 0 } is forbidden by DER.
    auto v1 = base().version(1).tbs(kEd25519Alg);
    ASSERT_TRUE(v1);
    auto v2 = base().version(2).tbs(kEd25519Alg);
    ASSERT_TRUE(v2);
    Bytes tbs_v1_explicit = patch(*v2, unhex("a003020101"), unhex("a003020100"));
    EXPECT_FALSE(Certificate::parse(assemble_certificate(tbs_v1_explicit, kEd25519Alg, Bytes(64))));
    Bytes tbs_v4 = patch(*v2, unhex("a003020101"), unhex("a003020103"));
    EXPECT_FALSE(Certificate::parse(assemble_certificate(tbs_v4, kEd25519Alg, Bytes(64))));

    // Trailing bytes inside the TBS, and an element out of place.
    Bytes tbs = *base().tbs(kEd25519Alg);
    auto wrap = [](ByteView contents) {
        der::Writer w;
        w.element(der::kSequence, contents);
        return w.take();
    };
    der::Reader r(tbs);
    ByteView contents = *r.read(der::kSequence);
    Bytes extra(contents.begin(), contents.end());
    extra.push_back(0x05);
    extra.push_back(0x00);
    EXPECT_FALSE(Certificate::parse(assemble_certificate(wrap(extra), kEd25519Alg, Bytes(64))));
    // A signature BIT STRING with unused bits.
    Bytes cert = assemble_certificate(tbs, kEd25519Alg, Bytes(64, 0));
    cert[cert.size() - 65] = 1;  // the unused-bits octet
    EXPECT_FALSE(Certificate::parse(cert));
    // The outer SEQUENCE with a fourth element.
    der::Writer w;
    auto seq = w.sequence();
    w.raw(tbs);
    w.raw(kEd25519Alg);
    w.bit_string(Bytes(64));
    w.null();
    w.close(seq);
    EXPECT_FALSE(Certificate::parse(w.bytes()));
}

TEST(CertificateBuilder, KeyIdentifierIsSha1OfKeyBits) {
    auto kid = key_identifier(kSpki);
    ASSERT_TRUE(kid);
    EXPECT_EQ(kid->size(), 20u);
    EXPECT_FALSE(key_identifier(unhex("3000")));
}

}  // namespace
}  // namespace keel::x509
