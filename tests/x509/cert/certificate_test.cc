// Certificate parsing against OpenSSL-made certificates (vectors/x509/, expected values
// read from `openssl x509 -noout -text`), re-encoding, and malformed input.
#include <gtest/gtest.h>

#include <unordered_set>

#include "tests/vectors/json.h"
#include "x509/cert/builder.h"
#include "x509/cert/certificate.h"
#include "x509/der/pem.h"
#include "x509/key/key.h"

namespace keel::x509 {
namespace {

using test::unhex;

Certificate load(const std::string& name) {
    auto certs = parse_certificates_pem(test::read_vector_file("x509/" + name));
    EXPECT_TRUE(certs) << name << ": " << certs.error().to_string();
    if (!certs || certs->size() != 1) {
        ADD_FAILURE() << name;
        return Certificate();
    }
    return (*certs)[0];
}

const char* kAllVectors[] = {
    "openssl-full-root.pem", "openssl-full-leaf.pem", "openssl-v1-utf8.pem", "openssl-rsa-pss.pem",
    "openssl-ec-p256.pem",   "openssl-rsa2048.pem",   "openssl-ed25519.pem"};

// The certificate written again from its parsed fields: typed extensions re-encoded,
// names rebuilt from their attributes, the SPKI from its algorithm and key, and the
// original signature attached.
Result<Bytes> reencode(const Certificate& c) {
    CertificateBuilder b = CertificateBuilder::from(c, /*reencode_extensions=*/true);
    b.issuer(Name::from_rdns(c.issuer().rdns())).subject(Name::from_rdns(c.subject().rdns()));
    der::Writer spki;
    auto seq = spki.sequence();
    spki.raw(c.spki().algorithm.der);
    spki.bit_string(c.spki().key);
    spki.close(seq);
    b.public_key(spki.bytes());
    const Bytes sig(c.signature().begin(), c.signature().end());
    return b.sign(c.signature_algorithm().der, [&](ByteView) -> Result<Bytes> { return sig; });
}

std::vector<std::string> gn_strings(const GeneralNames& names) {
    std::vector<std::string> out;
    for (const GeneralName& g : names) out.push_back(g.to_string());
    return out;
}

TEST(Certificate, FullRootEveryField) {
    Certificate c = load("openssl-full-root.pem");
    EXPECT_EQ(c.version(), 3);
    EXPECT_EQ(c.serial_hex(), "7f0102030405060708090a0b0c0d0e0f10111213");
    EXPECT_FALSE(c.tbs().serial_not_positive);
    EXPECT_EQ(c.signature_algorithm().oid, oid::kEcdsaWithSha384);
    EXPECT_FALSE(c.signature_algorithm().parameters);
    const std::string dn =
        "emailAddress=root@keel.example,CN=keel full root,OU=PKI,O=keel "
        "test,L=Berlin,ST=Berlin,C=DE";
    EXPECT_EQ(c.subject().to_string(), dn);
    EXPECT_EQ(c.issuer().to_string(), dn);
    EXPECT_TRUE(c.is_self_issued());
    EXPECT_EQ(c.subject().common_name(), "keel full root");
    EXPECT_EQ(c.subject().email_addresses(), std::vector<std::string>{"root@keel.example"});
    EXPECT_EQ(c.not_before(), 1795451622);  // Nov 23 16:33:42 2026 GMT
    EXPECT_EQ(c.not_after(), 2426171622);   // Nov 18 16:33:42 2046 GMT
    EXPECT_EQ(c.spki().algorithm.oid, oid::kEcPublicKey);
    ASSERT_TRUE(c.spki().algorithm.parameters);
    der::Writer curve;
    curve.oid(oid::kSecp384r1);
    EXPECT_EQ(*c.spki().algorithm.parameters, curve.bytes());
    EXPECT_EQ(c.spki().key.size(), 97u);
    EXPECT_EQ(c.spki().key[0], 0x04);
    EXPECT_EQ(test::hex(ByteView(c.spki().key).first(4)), "04b812f8");

    const Extensions& x = c.extensions();
    EXPECT_EQ(x.all.size(), 12u);
    EXPECT_TRUE(x.unhandled_critical.empty());
    ASSERT_TRUE(x.basic_constraints);
    EXPECT_TRUE(x.basic_constraints->critical);
    EXPECT_TRUE(x.basic_constraints->ca);
    EXPECT_EQ(x.basic_constraints->path_len, 2);
    EXPECT_TRUE(c.is_ca());
    ASSERT_TRUE(x.key_usage);
    EXPECT_TRUE(x.key_usage->critical);
    EXPECT_EQ(x.key_usage->bits, static_cast<uint16_t>(KeyUsageBit::digital_signature) |
                                     static_cast<uint16_t>(KeyUsageBit::key_cert_sign) |
                                     static_cast<uint16_t>(KeyUsageBit::crl_sign));
    const std::string kid = "e4c53b9119a405d6d5f259e663de4314533b77d6";
    ASSERT_TRUE(x.subject_key_id);
    EXPECT_EQ(test::hex(x.subject_key_id->key_id), kid);
    ASSERT_TRUE(x.authority_key_id);
    EXPECT_EQ(test::hex(*x.authority_key_id->key_id), kid);
    EXPECT_FALSE(x.authority_key_id->issuer);
    // The SKI is OpenSSL's "hash" method: RFC 5280 §4.2.1.2 (1).
    auto computed = key_identifier(c.spki().der);
    ASSERT_TRUE(computed);
    EXPECT_EQ(test::hex(*computed), kid);

    ASSERT_TRUE(x.name_constraints);
    EXPECT_TRUE(x.name_constraints->critical);
    std::vector<std::string> permitted, excluded;
    for (auto& s : x.name_constraints->permitted) permitted.push_back(s.base.to_string());
    for (auto& s : x.name_constraints->excluded) excluded.push_back(s.base.to_string());
    EXPECT_EQ(permitted, (std::vector<std::string>{"DNS:.keel.example", "IP:10.0.0.0/255.0.0.0",
                                                   "email:keel.example"}));
    EXPECT_EQ(excluded,
              (std::vector<std::string>{"DNS:bad.keel.example",
                                        "IP:2001:db8::/ffff:ffff::", "DirName:O=Evil Corp,C=DE"}));
    for (auto& s : x.name_constraints->permitted) {
        EXPECT_EQ(s.minimum, 0);
        EXPECT_FALSE(s.maximum);
    }

    ASSERT_TRUE(x.certificate_policies);
    EXPECT_FALSE(x.certificate_policies->critical);
    ASSERT_EQ(x.certificate_policies->policies.size(), 2u);
    EXPECT_EQ(x.certificate_policies->policies[0].policy.to_string(), "2.23.140.1.2.1");
    EXPECT_TRUE(x.certificate_policies->policies[0].qualifiers.empty());
    const PolicyInformation& p = x.certificate_policies->policies[1];
    EXPECT_EQ(p.policy.to_string(), "1.3.6.1.4.1.55555.1.1");
    ASSERT_EQ(p.qualifiers.size(), 2u);
    EXPECT_EQ(p.qualifiers[0].cps_uri(), "http://cps.keel.example/cps");
    EXPECT_EQ(p.qualifiers[1].id, oid::kUserNoticeQualifier);
    EXPECT_FALSE(p.qualifiers[1].cps_uri());

    ASSERT_TRUE(x.policy_constraints);
    EXPECT_EQ(x.policy_constraints->require_explicit_policy, 1);
    EXPECT_EQ(x.policy_constraints->inhibit_policy_mapping, 2);
    ASSERT_TRUE(x.inhibit_any_policy);
    EXPECT_EQ(x.inhibit_any_policy->skip_certs, 3);
    ASSERT_TRUE(x.policy_mappings);
    ASSERT_EQ(x.policy_mappings->mappings.size(), 2u);
    EXPECT_EQ(x.policy_mappings->mappings[1].issuer_domain_policy.to_string(),
              "1.3.6.1.4.1.55555.1.2");
    EXPECT_EQ(x.policy_mappings->mappings[1].subject_domain_policy.to_string(),
              "1.3.6.1.4.1.55555.2.2");
    ASSERT_TRUE(x.crl_distribution_points);
    ASSERT_EQ(x.crl_distribution_points->points.size(), 1u);
    EXPECT_EQ(x.crl_distribution_points->points[0].uris(),
              std::vector<std::string>{"http://crl.keel.example/root.crl"});
    ASSERT_TRUE(x.authority_info_access);
    EXPECT_EQ(x.authority_info_access->ocsp_uris(),
              std::vector<std::string>{"http://ocsp.keel.example"});
    EXPECT_EQ(x.authority_info_access->ca_issuers_uris(),
              std::vector<std::string>{"http://ca.keel.example/root.crt"});
    ASSERT_TRUE(x.issuer_alt_name);
    EXPECT_EQ(gn_strings(x.issuer_alt_name->names),
              std::vector<std::string>{"email:ca@keel.example"});
    EXPECT_FALSE(x.subject_alt_name);
    EXPECT_FALSE(x.tls_feature);
    EXPECT_EQ(c.signature().size(), 0x66u);  // 30 64 ...: the ECDSA-Sig-Value
}

TEST(Certificate, FullLeafEveryField) {
    Certificate c = load("openssl-full-leaf.pem");
    Certificate root = load("openssl-full-root.pem");
    EXPECT_EQ(c.version(), 3);
    // 8a... has its top bit set: a zero sign octet makes 21 contents octets.
    EXPECT_EQ(c.serial_hex(), "008a0102030405060708090a0b0c0d0e0f10111213");
    EXPECT_FALSE(c.tbs().serial_not_positive);
    EXPECT_EQ(c.signature_algorithm().oid, oid::kEcdsaWithSha256);
    EXPECT_EQ(c.subject().to_string(), "CN=www.keel.example,OU=Ops+OU=Web,O=keel test,C=FR");
    EXPECT_EQ(c.issuer(), root.subject());
    EXPECT_TRUE(c.issuer().matches(root.subject()));
    EXPECT_FALSE(c.is_self_issued());
    EXPECT_EQ(c.not_before(), 1795451635);
    EXPECT_EQ(c.not_after(), 1829752435);
    EXPECT_EQ(c.spki().algorithm.oid, oid::kRsaEncryption);
    EXPECT_EQ(c.spki().algorithm.parameters, (Bytes{0x05, 0x00}));
    EXPECT_EQ(test::hex(ByteView(c.spki().key).first(12)), "3082010a0282010100b93bda");

    const Extensions& x = c.extensions();
    EXPECT_EQ(x.all.size(), 11u);
    ASSERT_TRUE(x.basic_constraints);
    EXPECT_FALSE(x.basic_constraints->critical);
    EXPECT_FALSE(x.basic_constraints->ca);
    EXPECT_FALSE(x.basic_constraints->path_len);
    EXPECT_FALSE(c.is_ca());
    ASSERT_TRUE(x.key_usage);
    EXPECT_TRUE(x.key_usage->has(KeyUsageBit::digital_signature));
    EXPECT_TRUE(x.key_usage->has(KeyUsageBit::key_encipherment));
    EXPECT_FALSE(x.key_usage->has(KeyUsageBit::key_cert_sign));
    ASSERT_TRUE(x.ext_key_usage);
    EXPECT_TRUE(x.ext_key_usage->has(oid::kServerAuth));
    EXPECT_TRUE(x.ext_key_usage->has(oid::kClientAuth));
    EXPECT_EQ(x.ext_key_usage->purposes.size(), 3u);
    EXPECT_EQ(x.ext_key_usage->purposes[2].to_string(), "1.3.6.1.4.1.55555.9");
    ASSERT_TRUE(x.subject_alt_name);
    EXPECT_EQ(
        gn_strings(x.subject_alt_name->names),
        (std::vector<std::string>{"DNS:www.keel.example", "DNS:*.api.keel.example", "IP:10.1.2.3",
                                  "IP:2001:db8::1", "email:admin@keel.example",
                                  "URI:https://keel.example/path", "DirName:CN=dir name,C=FR",
                                  "RID:1.3.6.1.4.1.55555.3", "othername:1.3.6.1.4.1.311.20.2.3"}));
    const GeneralName& upn = x.subject_alt_name->names[8];
    EXPECT_EQ(upn.bytes(), (Bytes{0x0c, 0x10, 'u', 'p', 'n', '@', 'k', 'e', 'e', 'l', '.', 'e', 'x',
                                  'a', 'm', 'p', 'l', 'e'}));
    ASSERT_TRUE(x.subject_key_id);
    EXPECT_EQ(test::hex(x.subject_key_id->key_id), "d3baf3d1ae44d468914efbda1105570d6ec57d22");
    ASSERT_TRUE(x.authority_key_id);
    EXPECT_EQ(*x.authority_key_id->key_id, root.extensions().subject_key_id->key_id);
    ASSERT_TRUE(x.authority_key_id->issuer);
    ASSERT_EQ(x.authority_key_id->issuer->size(), 1u);
    EXPECT_EQ((*x.authority_key_id->issuer)[0].directory_name(), root.subject());
    EXPECT_EQ(*x.authority_key_id->serial, root.serial());
    ASSERT_TRUE(x.crl_distribution_points);
    ASSERT_EQ(x.crl_distribution_points->points.size(), 1u);
    const DistributionPoint& dp = x.crl_distribution_points->points[0];
    EXPECT_EQ(dp.uris(), std::vector<std::string>{"http://crl.keel.example/int.crl"});
    // keyCompromise (1), cACompromise (2), superseded (4).
    EXPECT_EQ(dp.reasons, (1 << 1) | (1 << 2) | (1 << 4));
    ASSERT_TRUE(dp.crl_issuer);
    EXPECT_EQ(gn_strings(*dp.crl_issuer), std::vector<std::string>{"DirName:CN=keel crl issuer"});
    ASSERT_TRUE(x.authority_info_access);
    EXPECT_EQ(x.authority_info_access->ocsp_uris(),
              std::vector<std::string>{"http://ocsp.keel.example/leaf"});
    ASSERT_TRUE(x.certificate_policies);
    EXPECT_EQ(x.certificate_policies->policies[0].policy.to_string(), "1.3.6.1.4.1.55555.2.1");
    ASSERT_TRUE(x.tls_feature);
    EXPECT_EQ(x.tls_feature->features, std::vector<uint16_t>{5});  // status_request
    // The unknown critical extension is kept raw and flagged, not rejected.
    ASSERT_EQ(x.unhandled_critical.size(), 1u);
    EXPECT_EQ(x.unhandled_critical[0].to_string(), "1.3.6.1.4.1.55555.77");
    const Extension* unknown = x.find(x.unhandled_critical[0]);
    ASSERT_NE(unknown, nullptr);
    EXPECT_TRUE(unknown->critical);
    EXPECT_EQ(unknown->value, (Bytes{0x04, 0x02, 0xca, 0xfe}));
    EXPECT_FALSE(is_known_extension(unknown->oid));
}

TEST(Certificate, V1WithUtf8SubjectAndZeroSerial) {
    Certificate c = load("openssl-v1-utf8.pem");
    EXPECT_EQ(c.version(), 1);
    EXPECT_FALSE(c.tbs().has_extensions);
    EXPECT_TRUE(c.extensions().all.empty());
    EXPECT_EQ(c.serial_hex(), "00");
    EXPECT_TRUE(c.tbs().serial_not_positive);
    EXPECT_EQ(c.subject().to_string(),
              "serialNumber=12345,CN=\\  Straße  Eins\\ ,O=Müller & Söhne\\, GmbH,C=DE");
    EXPECT_EQ(c.subject().common_name(), "  Straße  Eins ");
    EXPECT_EQ(c.spki().algorithm.oid, oid::kEd25519);
    EXPECT_EQ(c.spki().key.size(), 32u);
    EXPECT_EQ(c.not_after() - c.not_before(), 30 * 86400);
}

TEST(Certificate, RsaPssAlgorithmParameters) {
    Certificate c = load("openssl-rsa-pss.pem");
    EXPECT_EQ(c.signature_algorithm().oid, oid::kRsassaPss);
    ASSERT_TRUE(c.signature_algorithm().parameters);
    EXPECT_EQ((*c.signature_algorithm().parameters)[0], der::kSequence);
    EXPECT_EQ(c.spki().algorithm.oid, oid::kRsassaPss);
    EXPECT_EQ(c.subject().to_string(), "DC=example,DC=keel,CN=keel rsa-pss");
    EXPECT_EQ(c.signature().size(), 256u);
    EXPECT_EQ(c.serial_hex(), "41c69ce695f37aba019c9e4a550225ae582e507d");
}

TEST(Certificate, OlderVectors) {
    Certificate ec = load("openssl-ec-p256.pem");
    EXPECT_EQ(ec.subject().to_string(), "CN=keel.example,O=keel test,C=DE");
    EXPECT_EQ(gn_strings(ec.extensions().subject_alt_name->names),
              (std::vector<std::string>{"DNS:keel.example", "DNS:*.keel.example", "IP:127.0.0.1"}));
    EXPECT_EQ(ec.not_before(), 1795450425);
    Certificate rsa = load("openssl-rsa2048.pem");
    EXPECT_EQ(rsa.subject().to_string(), "O=keel,CN=keel rsa root");
    EXPECT_EQ(rsa.serial_hex(), "712ff3e9df0f5b8706734ce8e0aece1f79d4e213");
    EXPECT_EQ(rsa.signature_algorithm().oid, oid::kSha256WithRsa);
    Certificate ed = load("openssl-ed25519.pem");
    EXPECT_EQ(ed.signature_algorithm().oid, oid::kEd25519);
    EXPECT_EQ(ed.signature().size(), 64u);
}

TEST(Certificate, PemChainAndEquality) {
    auto chain = parse_certificates_pem(test::read_vector_file("x509/openssl-full-chain.pem"));
    ASSERT_TRUE(chain) << chain.error().to_string();
    ASSERT_EQ(chain->size(), 2u);
    EXPECT_EQ((*chain)[0], load("openssl-full-leaf.pem"));
    EXPECT_EQ((*chain)[1], load("openssl-full-root.pem"));
    EXPECT_FALSE((*chain)[0] == (*chain)[1]);
    std::unordered_set<Certificate> set(chain->begin(), chain->end());
    set.insert((*chain)[0]);
    EXPECT_EQ(set.size(), 2u);
    // to_pem() and DER input come back to the same certificate.
    auto again = parse_certificates(as_bytes((*chain)[1].to_pem()));
    ASSERT_TRUE(again);
    EXPECT_EQ((*again)[0], (*chain)[1]);
    auto from_der = parse_certificates((*chain)[0].der());
    ASSERT_TRUE(from_der);
    EXPECT_EQ(from_der->size(), 1u);
    EXPECT_EQ((*from_der)[0], (*chain)[0]);
    // No certificate in the text: an empty list, not an error.
    auto none = parse_certificates_pem("just text\n");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
}

TEST(Certificate, TbsIsTheSignedPart) {
    for (const char* name : kAllVectors) {
        Certificate c = load(name);
        der::Reader r(c.tbs_der());
        auto e = r.element(der::kSequence);
        ASSERT_TRUE(e) << name;
        EXPECT_TRUE(r.finish());
        EXPECT_EQ(c.tbs_der().data(), c.der().data() + 4) << name;  // 30 82 xx xx header
        // The TBS plus outer algorithm and signature reassemble the input.
        EXPECT_EQ(assemble_certificate(c.tbs_der(), c.signature_algorithm().der, c.signature()),
                  c.der())
            << name;
    }
}

TEST(Certificate, OpenSslSignaturesVerifyOverTbs) {
    // tbs_der() is exactly what OpenSSL signed: every vector verifies under its
    // issuer's key (self-signed ones under their own).
    Certificate root = load("openssl-full-root.pem");
    auto root_key = root.public_key();
    ASSERT_TRUE(root_key) << root_key.error().to_string();
    for (const char* name :
         {"openssl-full-leaf.pem", "openssl-v1-utf8.pem", "openssl-full-root.pem"}) {
        EXPECT_TRUE(load(name).verify_signature(*root_key)) << name;
    }
    for (const char* name : {"openssl-rsa-pss.pem", "openssl-ec-p256.pem", "openssl-rsa2048.pem",
                             "openssl-ed25519.pem"}) {
        Certificate c = load(name);
        auto key = c.public_key();
        ASSERT_TRUE(key) << name << ": " << key.error().to_string();
        auto v = c.verify_signature(*key);
        EXPECT_TRUE(v) << name << ": " << (v ? "" : v.error().to_string());
        // Under another certificate's key it does not.
        auto wrong = c.verify_signature(*root_key);
        EXPECT_FALSE(wrong) << name;
    }
    // One flipped bit in the TBS and it no longer verifies.
    Certificate rsa = load("openssl-rsa2048.pem");
    Bytes der = rsa.der();
    der[rsa.tbs_der().size() / 2 + 4] ^= 0x01;  // inside the serial/issuer, still parses
    auto flipped = Certificate::parse(der);
    if (flipped) {
        auto v = flipped->verify_signature(*rsa.public_key());
        ASSERT_FALSE(v);
        EXPECT_EQ(v.error().code(), Errc::auth_failed);
    }
}

TEST(Certificate, PemBundleSkipsOtherBlocks) {
    std::string text = "junk before\n" + pem_encode("PRIVATE KEY", Bytes{1, 2, 3}) +
                       test::read_vector_file("x509/openssl-ed25519.pem") + "between\n" +
                       test::read_vector_file("x509/openssl-ec-p256.pem");
    auto certs = parse_certificates(as_bytes(text));
    ASSERT_TRUE(certs) << certs.error().to_string();
    ASSERT_EQ(certs->size(), 2u);
    EXPECT_EQ((*certs)[0].subject().to_string(), "CN=keel ed25519");
    // A CERTIFICATE block that is not a certificate names its position.
    auto bad = parse_certificates_pem(test::read_vector_file("x509/openssl-ed25519.pem") +
                                      pem_encode("CERTIFICATE", Bytes{0x30, 0x00}));
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().detail().find("PEM certificate 2"), std::string::npos);
}

TEST(Certificate, ReencodeEqualsInput) {
    // Every typed extension re-encoded from its parsed fields, the names and SPKI
    // rewritten, and the original signature attached: the DER must come back unchanged.
    for (const char* name : kAllVectors) {
        Certificate c = load(name);
        auto der = reencode(c);
        ASSERT_TRUE(der) << name << ": " << der.error().to_string();
        EXPECT_EQ(test::hex(*der), test::hex(c.der())) << name;
    }
}

TEST(Certificate, EveryTruncationFails) {
    for (const char* name : kAllVectors) {
        Certificate c = load(name);
        for (size_t n = 0; n < c.der().size(); ++n) {
            auto r = Certificate::parse(ByteView(c.der()).first(n));
            ASSERT_FALSE(r) << name << " truncated to " << n;
            EXPECT_EQ(r.error().code(), Errc::malformed);
        }
    }
}

TEST(Certificate, TrailingBytesFail) {
    Certificate c = load("openssl-ec-p256.pem");
    Bytes der = c.der();
    der.push_back(0);
    EXPECT_FALSE(Certificate::parse(der));
    auto pem = parse_certificates_pem(pem_encode("CERTIFICATE", der));
    EXPECT_FALSE(pem);
}

}  // namespace
}  // namespace keel::x509
