// The test PKI: every key type signs chains that verify, and every option shows up in
// the certificate it makes.
#include "tests/x509/cert/pki.h"

#include <gtest/gtest.h>

#include "tests/vectors/json.h"

namespace keel::test::pki {
namespace {

using namespace keel::x509;

// The signature on `c` verifies under `issuer`'s key.
Result<void> verify(const Certificate& c, const Key& issuer) {
    return c.verify_signature(issuer.key.public_key());
}

TEST(TestPki, EveryAlgorithmSignsAChainThatVerifies) {
    for (Alg alg : all_algs()) {
        SCOPED_TRACE(std::string(alg_name(alg)));
        std::vector<Issued> chain = make_chain(alg, 1);
        ASSERT_EQ(chain.size(), 3u);
        const Issued& leaf = chain[0];
        const Issued& inter = chain[1];
        const Issued& root = chain[2];
        EXPECT_TRUE(verify(leaf.cert, *inter.key));
        EXPECT_TRUE(verify(inter.cert, *root.key));
        EXPECT_TRUE(verify(root.cert, *root.key));
        EXPECT_FALSE(verify(leaf.cert, *root.key));
        EXPECT_EQ(leaf.cert.issuer(), inter.cert.subject());
        EXPECT_EQ(inter.cert.issuer(), root.cert.subject());
        EXPECT_TRUE(root.cert.is_self_issued());
        EXPECT_TRUE(root.cert.is_ca());
        EXPECT_FALSE(leaf.cert.is_ca());
        EXPECT_EQ(leaf.cert.signature_algorithm().der, signature_algorithm_der(alg));
        EXPECT_EQ(leaf.cert.spki().der, leaf.key->spki);
        auto pk = leaf.cert.public_key();
        ASSERT_TRUE(pk);
        EXPECT_TRUE(*pk == leaf.key->key.public_key());
        // AKI names the issuer's SKI.
        EXPECT_EQ(*leaf.cert.extensions().authority_key_id->key_id,
                  inter.cert.extensions().subject_key_id->key_id);
        EXPECT_EQ(*root.cert.extensions().authority_key_id->key_id,
                  root.cert.extensions().subject_key_id->key_id);
        EXPECT_EQ(leaf.cert.extensions().subject_alt_name->names[0].text(), "www.keel.example");
    }
}

TEST(TestPki, SpkiEncodingsMatchOpenSsl) {
    // The fixed prefix of each SPKI type, from the OpenSSL-made vectors.
    auto spki_of = [](const char* name) {
        auto certs = parse_certificates_pem(read_vector_file(std::string("x509/") + name));
        EXPECT_TRUE(certs);
        return (*certs)[0].spki().der;
    };
    auto prefix = [](const Bytes& b, size_t n) { return hex(ByteView(b).first(n)); };
    const Bytes ed = spki_of("openssl-ed25519.pem");
    EXPECT_EQ(prefix(key(Alg::ed25519).spki, 12), prefix(ed, 12));
    EXPECT_EQ(key(Alg::ed25519).spki.size(), ed.size());
    const Bytes ec = spki_of("openssl-ec-p256.pem");
    EXPECT_EQ(prefix(key(Alg::p256).spki, 27), prefix(ec, 27));
    EXPECT_EQ(key(Alg::p256).spki.size(), ec.size());
    const Bytes ec384 = spki_of("openssl-full-root.pem");
    EXPECT_EQ(prefix(key(Alg::p384).spki, 24), prefix(ec384, 24));
    const Bytes rsa = spki_of("openssl-rsa2048.pem");
    EXPECT_EQ(prefix(key(Alg::rsa2048).spki, 33), prefix(rsa, 33));
    EXPECT_EQ(key(Alg::rsa2048).spki.size(), rsa.size());
    // The PSS AlgorithmIdentifier equals OpenSSL's for SHA-256 / salt 32.
    auto pss = parse_certificates_pem(read_vector_file("x509/openssl-rsa-pss.pem"));
    ASSERT_TRUE(pss);
    EXPECT_EQ(hex(signature_algorithm_der(Alg::rsa2048_pss)),
              hex((*pss)[0].signature_algorithm().der));
}

TEST(TestPki, KeysAreCachedAndIndexed) {
    EXPECT_EQ(&key(Alg::p256), &key(Alg::p256));
    EXPECT_NE(key(Alg::p256, 0).spki, key(Alg::p256, 1).spki);
    // rsa2048_pss shares rsa2048's key.
    EXPECT_EQ(key(Alg::rsa2048_pss).spki, key(Alg::rsa2048).spki);
}

TEST(TestPki, OptionsShowUpInTheCertificate) {
    Issued root = make_root(Alg::ed25519, ca("opts root"));
    CertOptions o = ca("opts int");
    o.basic_constraints->path_len = 0;
    o.name_constraints = NameConstraints{true, {{GeneralName::dns(".keel.example")}}, {}};
    o.certificate_policies = CertificatePolicies{false, {{Oid{1, 3, 6, 1, 4, 1, 55555, 1}, {}}}};
    o.policy_mappings =
        PolicyMappings{false, {{Oid{1, 3, 6, 1, 4, 1, 55555, 1}, Oid{1, 3, 6, 1, 4, 1, 55555, 2}}}};
    o.policy_constraints = PolicyConstraints{true, 0, std::nullopt};
    o.inhibit_any_policy = InhibitAnyPolicy{true, 1};
    o.crl_distribution_points =
        CrlDistributionPoints{false, {DistributionPoint::from_uri("http://crl.keel.example")}};
    o.authority_info_access =
        InfoAccess{false, {{oid::kAdOcsp, GeneralName::uri("http://ocsp.keel.example")}}};
    o.tls_feature = TlsFeature{false, {5}};
    o.serial = Bytes{0x42};
    o.not_before = 1700000000;
    o.not_after = 1700000000 + 86400;
    o.subject_key_id = false;
    o.authority_key_id = false;
    o.extra_extensions.push_back(Extension{Oid{1, 2, 3, 4}, true, {0x05, 0x00}});
    Issued inter = issue(root, Alg::p256, o);
    const Certificate& c = inter.cert;
    const Extensions& x = c.extensions();
    EXPECT_EQ(x.basic_constraints->path_len, 0);
    EXPECT_TRUE(x.name_constraints);
    EXPECT_TRUE(x.certificate_policies);
    EXPECT_TRUE(x.policy_mappings);
    EXPECT_EQ(x.policy_constraints->require_explicit_policy, 0);
    EXPECT_EQ(x.inhibit_any_policy->skip_certs, 1);
    EXPECT_EQ(x.crl_distribution_points->points[0].uris()[0], "http://crl.keel.example");
    EXPECT_EQ(x.authority_info_access->ocsp_uris()[0], "http://ocsp.keel.example");
    EXPECT_EQ(x.tls_feature->features[0], 5);
    EXPECT_FALSE(x.subject_key_id);
    EXPECT_FALSE(x.authority_key_id);
    EXPECT_EQ(x.unhandled_critical.size(), 1u);
    EXPECT_EQ(c.serial(), Bytes{0x42});
    EXPECT_EQ(c.not_before(), 1700000000);
    EXPECT_EQ(c.not_after(), 1700000000 + 86400);
    EXPECT_TRUE(verify(c, *root.key));

    // Corrupted signature, wrong signer, issuer name override, customize hook.
    CertOptions bad = leaf_for("bad.keel.example");
    bad.corrupt_signature = true;
    Issued corrupt = issue(inter, Alg::ed448, bad);
    EXPECT_FALSE(verify(corrupt.cert, *inter.key));
    CertOptions other = leaf_for("other.keel.example");
    other.sign_with = std::make_pair(Alg::p256, 7);
    Issued wrong = issue(inter, Alg::ed448, other);
    EXPECT_FALSE(verify(wrong.cert, *inter.key));
    EXPECT_TRUE(verify(wrong.cert, key(Alg::p256, 7)));
    CertOptions renamed = leaf_for("renamed.keel.example");
    renamed.issuer_name = *Name::build({{oid::kCommonName, "somebody else"}});
    Issued r = issue(inter, Alg::ed25519, renamed);
    EXPECT_EQ(r.cert.issuer().to_string(), "CN=somebody else");
    EXPECT_TRUE(verify(r.cert, *inter.key));
    CertOptions v1 = leaf_for("v1.keel.example");
    v1.version = 1;
    v1.customize = [](CertificateBuilder& b) {
        for (const Extension& e : std::vector<Extension>(b.extensions())) b.remove_extension(e.oid);
    };
    Issued v1cert = issue(inter, Alg::ed25519, v1);
    EXPECT_EQ(v1cert.cert.version(), 1);
    // A certificate the parser rejects is still available as DER.
    CertOptions v1ext = leaf_for("v1ext.keel.example");
    v1ext.version = 1;
    Bytes der = issue_der(&inter, Alg::ed25519, v1ext);
    EXPECT_FALSE(Certificate::parse(der));
}

}  // namespace
}  // namespace keel::test::pki
