// Path building and RFC 5280 §6.1 validation over chains from the test PKI: a
// real-world-shaped chain validates, and each broken piece gives its Erlang reason.
#include "x509/verify/verify.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "tests/x509/cert/pki.h"
#include "x509/verify/signature.h"

namespace keel::x509 {
namespace {

using namespace keel::test::pki;

int64_t now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// leaf <- int2 <- int1 <- root, P-256 throughout, each CA with its own key; the leaf
// carries SAN, EKU, AIA and CRL distribution points like a public web certificate.
struct Pki {
    CertOptions root_o = ca("keel root");
    CertOptions int1_o = ca("keel int 1");
    CertOptions int2_o = ca("keel int 2");
    CertOptions leaf_o = leaf_for("www.keel.example");
    Alg alg = Alg::p256;

    Pki() {
        root_o.key_index = 10;
        int1_o.key_index = 11;
        int2_o.key_index = 12;
        leaf_o.key_index = 13;
        leaf_o.authority_info_access =
            InfoAccess{false,
                       {{oid::kAdOcsp, GeneralName::uri("http://ocsp.keel.example")},
                        {oid::kAdCaIssuers, GeneralName::uri("http://ca.keel.example/int2.crt")}}};
        leaf_o.crl_distribution_points = CrlDistributionPoints{
            false, {DistributionPoint::from_uri("http://crl.keel.example/int2.crl")}};
    }

    struct Built {
        Issued root, int1, int2, leaf;
        std::vector<Certificate> intermediates() const { return {int2.cert, int1.cert}; }
    };
    Built build() const {
        Built b;
        b.root = make_root(alg, root_o);
        b.int1 = issue(b.root, alg, int1_o);
        b.int2 = issue(b.int1, alg, int2_o);
        b.leaf = issue(b.int2, alg, leaf_o);
        return b;
    }
};

VerifyOptions options_for(const Pki::Built& b) {
    VerifyOptions o;
    o.trust_anchors = {b.root.cert};
    o.time = now();
    return o;
}

Result<VerifiedChain> run(const Pki::Built& b, const VerifyOptions& o) {
    auto inter = b.intermediates();
    return verify_chain(b.leaf.cert, inter, o);
}

Result<VerifiedChain> run(const Pki& p) {
    auto b = p.build();
    return run(b, options_for(b));
}

std::string reason(const Result<VerifiedChain>& r) {
    if (r.ok()) return "ok";
    EXPECT_EQ(r.error().code(), Errc::bad_cert) << r.error().to_string();
    return std::string(bad_cert_reason(r.error()));
}

std::string detail(const Result<VerifiedChain>& r) {
    return r.ok() ? "ok" : r.error().detail();
}

TEST(VerifyChain, RealWorldChainValidates) {
    Pki p;
    auto b = p.build();
    auto r = run(b, options_for(b));
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    ASSERT_EQ(r->path.size(), 4u);
    EXPECT_EQ(r->path[0], b.leaf.cert);
    EXPECT_EQ(r->path[1], b.int2.cert);
    EXPECT_EQ(r->path[2], b.int1.cert);
    EXPECT_EQ(r->path[3], b.root.cert);
    EXPECT_TRUE(r->anchored);
    // Client purpose passes too: the leaf lists clientAuth.
    VerifyOptions o = options_for(b);
    o.purpose = Purpose::client;
    EXPECT_TRUE(run(b, o).ok());
}

TEST(VerifyChain, EveryAlgorithmSigns) {
    for (Alg alg : all_algs()) {
        SCOPED_TRACE(std::string(alg_name(alg)));
        Pki p;
        p.alg = alg;
        EXPECT_EQ(reason(run(p)), "ok");
    }
}

TEST(VerifyChain, ExpiredLeaf) {
    Pki p;
    p.leaf_o.not_before = now() - 10 * 86400;
    p.leaf_o.not_after = now() - 86400;
    EXPECT_EQ(detail(run(p)), "cert_expired at depth 0");
}

TEST(VerifyChain, ExpiredIntermediate) {
    Pki p;
    p.int1_o.not_before = now() - 10 * 86400;
    p.int1_o.not_after = now() - 86400;
    EXPECT_EQ(detail(run(p)), "cert_expired at depth 2");
}

TEST(VerifyChain, NotYetValid) {
    Pki p;
    p.leaf_o.not_before = now() + 86400;
    EXPECT_EQ(detail(run(p)), "cert_expired at depth 0");
    // And valid at a later validation time.
    auto b = p.build();
    VerifyOptions o = options_for(b);
    o.time = now() + 2 * 86400;
    EXPECT_TRUE(run(b, o).ok());
}

TEST(VerifyChain, WrongIssuerName) {
    Pki p;
    p.leaf_o.issuer_name = Name::build({{oid::kCommonName, "someone else"}}).value();
    // The AKI still names int2's key: found by key id, rejected by name chaining.
    EXPECT_EQ(detail(run(p)), "invalid_issuer at depth 0");
    // Without key identifiers nothing leads to int2: no anchor.
    p.leaf_o.authority_key_id = false;
    EXPECT_EQ(reason(run(p)), "unknown_ca");
}

TEST(VerifyChain, BadSignature) {
    Pki p;
    p.int2_o.corrupt_signature = true;
    EXPECT_EQ(detail(run(p)), "invalid_signature at depth 1");
    Pki q;
    q.leaf_o.sign_with = std::make_pair(Alg::p256, 99);
    EXPECT_EQ(detail(run(q)), "invalid_signature at depth 0");
}

TEST(VerifyChain, MissingBasicConstraints) {
    Pki p;
    p.int2_o.basic_constraints.reset();
    EXPECT_EQ(detail(run(p)), "missing_basic_constraint at depth 1");
}

TEST(VerifyChain, CaFalse) {
    Pki p;
    p.int1_o.basic_constraints = BasicConstraints{true, false, std::nullopt};
    EXPECT_EQ(detail(run(p)), "missing_basic_constraint at depth 2");
}

TEST(VerifyChain, PathLenExceeded) {
    Pki p;
    p.int1_o.basic_constraints->path_len = 0;  // int2 below it is one CA too many
    EXPECT_EQ(detail(run(p)), "max_path_length_reached at depth 1");
    Pki q;
    q.int1_o.basic_constraints->path_len = 1;
    EXPECT_EQ(reason(run(q)), "ok");
    Pki r;
    r.root_o.basic_constraints->path_len = 0;  // anchors are not checked (§6.1.1 (d))
    EXPECT_EQ(reason(run(r)), "ok");
}

TEST(VerifyChain, MissingKeyCertSign) {
    Pki p;
    p.int2_o.key_usage = KeyUsage{true, static_cast<uint16_t>(KeyUsageBit::digital_signature)};
    EXPECT_EQ(detail(run(p)), "invalid_key_usage at depth 1");
}

TEST(VerifyChain, PeerKeyUsage) {
    Pki p;
    p.leaf_o.key_usage = KeyUsage{true, static_cast<uint16_t>(KeyUsageBit::key_encipherment)};
    auto b = p.build();
    VerifyOptions o = options_for(b);
    EXPECT_EQ(detail(run(b, o)), "invalid_key_usage at depth 0");
    o.peer_key_usage = static_cast<uint16_t>(KeyUsageBit::key_encipherment);  // RSA kx
    EXPECT_TRUE(run(b, o).ok());
}

TEST(VerifyChain, WrongPeerEku) {
    Pki p;
    p.leaf_o.ext_key_usage = ExtKeyUsage{false, {oid::kClientAuth}};
    auto b = p.build();
    VerifyOptions o = options_for(b);
    EXPECT_EQ(detail(run(b, o)), "{invalid_ext_keyusage, [1.3.6.1.5.5.7.3.2]} at depth 0");
    o.purpose = Purpose::client;
    EXPECT_TRUE(run(b, o).ok());
    o.purpose = Purpose::any;
    EXPECT_TRUE(run(b, o).ok());
}

TEST(VerifyChain, CaEkuAndAllowAnyCaPurpose) {
    Pki p;
    p.int2_o.ext_key_usage = ExtKeyUsage{false, {oid::kEmailProtection}};
    EXPECT_EQ(detail(run(p)), "{ca_invalid_ext_keyusage, [1.3.6.1.5.5.7.3.4]} at depth 1");

    Pki q;
    q.int1_o.ext_key_usage = ExtKeyUsage{false, {oid::kAnyExtendedKeyUsage}};
    auto b = q.build();
    VerifyOptions o = options_for(b);
    EXPECT_EQ(detail(run(b, o)), "{ca_invalid_ext_keyusage, [2.5.29.37.0]} at depth 2");
    o.allow_any_ca_purpose = true;
    EXPECT_TRUE(run(b, o).ok());

    Pki s;  // a CA EKU that lists serverAuth is fine
    s.int1_o.ext_key_usage = ExtKeyUsage{false, {oid::kServerAuth}};
    EXPECT_EQ(reason(run(s)), "ok");
}

TEST(VerifyChain, NameConstraintViolation) {
    Pki p;
    p.int1_o.name_constraints =
        NameConstraints{true, {GeneralSubtree(GeneralName::dns("other.example"))}, {}};
    EXPECT_EQ(detail(run(p)), "name_not_permitted at depth 0");
    Pki q;
    q.int1_o.name_constraints =
        NameConstraints{true, {GeneralSubtree(GeneralName::dns("keel.example"))}, {}};
    EXPECT_EQ(reason(run(q)), "ok");
    Pki r;
    r.int2_o.name_constraints =
        NameConstraints{true, {}, {GeneralSubtree(GeneralName::dns("www.keel.example"))}};
    EXPECT_EQ(detail(run(r)), "name_not_permitted at depth 0");
    // The subject DN of int2 is outside a directoryName subtree of int1.
    Pki s;
    s.int1_o.name_constraints = NameConstraints{
        true,
        {GeneralSubtree(GeneralName::directory(Name::build({{oid::kCountryName, "FR"}}).value()))},
        {}};
    EXPECT_EQ(detail(run(s)), "name_not_permitted at depth 1");
}

TEST(VerifyChain, UnknownCriticalExtension) {
    Pki p;
    const Bytes null_value = {0x05, 0x00};
    p.leaf_o.extra_extensions.push_back(
        Extension{Oid{1, 3, 6, 1, 4, 1, 99999, 1}, true, null_value});
    auto b = p.build();
    VerifyOptions o = options_for(b);
    EXPECT_EQ(detail(run(b, o)), "unknown_critical_extension at depth 0");
    // A verify_fun that understands it.
    int seen = 0;
    o.verify_fun = [&](const Certificate& c, const VerifyEvent& ev) {
        if (ev.kind == VerifyEvent::Kind::extension) {
            ++seen;
            EXPECT_EQ(c, b.leaf.cert);
            EXPECT_TRUE(ev.extension->critical);
            return VerifyDecision::valid();
        }
        return verify_peer_fun()(c, ev);
    };
    EXPECT_TRUE(run(b, o).ok());
    EXPECT_EQ(seen, 1);
    // A non-critical unknown extension passes with the default fun.
    Pki q;
    q.leaf_o.extra_extensions.push_back(
        Extension{Oid{1, 3, 6, 1, 4, 1, 99999, 1}, false, null_value});
    EXPECT_EQ(reason(run(q)), "ok");
}

TEST(VerifyChain, SelfSignedPeerNotTrusted) {
    CertOptions o = leaf_for("self.keel.example");
    o.key_index = 20;
    Issued self = make_root(Alg::p256, o);
    Pki p;
    auto b = p.build();
    VerifyOptions vo = options_for(b);
    EXPECT_EQ(detail(verify_chain(self.cert, {}, vo)), "selfsigned_peer at depth 0");
    vo.trust_anchors.push_back(self.cert);
    EXPECT_TRUE(verify_chain(self.cert, {}, vo).ok());
}

TEST(VerifyChain, UnknownRoot) {
    Pki p;
    auto b = p.build();
    VerifyOptions o = options_for(b);
    Pki other;
    other.root_o = ca("other root");
    other.root_o.key_index = 21;
    o.trust_anchors = {other.build().root.cert};
    EXPECT_EQ(detail(run(b, o)), "unknown_ca at depth 2");
    // verify_none accepts it, and validates the rest with int1 standing in.
    o.verify_fun = verify_none_fun();
    auto r = run(b, o);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->anchored);
    EXPECT_EQ(r->path.size(), 3u);
}

TEST(VerifyChain, DepthExceeded) {
    Pki p;
    auto b = p.build();
    VerifyOptions o = options_for(b);
    o.max_depth = 1;
    EXPECT_EQ(reason(run(b, o)), "max_path_length_reached");
    o.max_depth = 2;
    EXPECT_TRUE(run(b, o).ok());
    o.max_depth = 0;
    EXPECT_EQ(reason(run(b, o)), "max_path_length_reached");
}

TEST(VerifyChain, VerifyFunOverridesError) {
    Pki p;
    p.leaf_o.not_before = now() - 10 * 86400;
    p.leaf_o.not_after = now() - 86400;
    auto b = p.build();
    VerifyOptions o = options_for(b);
    std::vector<std::string> events;
    o.verify_fun = [&](const Certificate&, const VerifyEvent& ev) {
        switch (ev.kind) {
            case VerifyEvent::Kind::bad_cert:
                events.push_back(ev.reason + "@" + std::to_string(ev.depth));
                return ev.reason == "cert_expired" ? VerifyDecision::valid()
                                                   : VerifyDecision::fail();
            case VerifyEvent::Kind::valid:
                events.push_back("valid@" + std::to_string(ev.depth));
                return VerifyDecision::valid();
            case VerifyEvent::Kind::valid_peer:
                events.push_back("valid_peer@" + std::to_string(ev.depth));
                return VerifyDecision::valid();
            default:
                return VerifyDecision::unknown();
        }
    };
    ASSERT_TRUE(run(b, o).ok());
    EXPECT_EQ(events,
              (std::vector<std::string>{"valid@2", "valid@1", "cert_expired@0", "valid_peer@0"}));
}

TEST(VerifyChain, VerifyFunFailsValidChain) {
    Pki p;
    auto b = p.build();
    VerifyOptions o = options_for(b);
    o.verify_fun = [](const Certificate&, const VerifyEvent& ev) {
        if (ev.kind == VerifyEvent::Kind::valid_peer)
            return VerifyDecision::fail("pinned_key_mismatch");
        return VerifyDecision::valid();
    };
    EXPECT_EQ(detail(run(b, o)), "pinned_key_mismatch at depth 0");
}

TEST(VerifyChain, PartialChainPicksIntermediate) {
    Pki p;
    auto b = p.build();
    VerifyOptions o = options_for(b);
    o.trust_anchors.clear();
    EXPECT_EQ(reason(run(b, o)), "unknown_ca");
    size_t offered = 0;
    o.partial_chain = [&](std::span<const Certificate> chain) -> std::optional<Certificate> {
        offered = chain.size();
        for (const Certificate& c : chain)
            if (c == b.int1.cert) return c;
        return std::nullopt;
    };
    auto r = run(b, o);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(offered, 3u);
    ASSERT_EQ(r->path.size(), 3u);
    EXPECT_EQ(r->path.back(), b.int1.cert);
    // An anchor outside the chain is not trusted.
    o.partial_chain = [&](std::span<const Certificate>) -> std::optional<Certificate> {
        return b.root.cert;
    };
    EXPECT_EQ(reason(run(b, o)), "unknown_ca");
}

TEST(VerifyChain, UnorderedChainWithExtras) {
    Pki p;
    auto b = p.build();
    Pki other;
    other.root_o = ca("unrelated root");
    other.root_o.key_index = 22;
    other.int1_o.key_index = 23;
    auto ob = other.build();
    std::vector<Certificate> inter = {ob.int2.cert, b.int1.cert, ob.root.cert, b.leaf.cert,
                                      b.int2.cert,  b.int1.cert, b.root.cert};
    auto r = verify_chain(b.leaf.cert, inter, options_for(b));
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->path.size(), 4u);
}

TEST(VerifyChain, MultipleCandidateIssuers) {
    Pki p;
    auto b = p.build();
    // Same subject as int2, another key, no SKI: only its signature tells it apart.
    CertOptions decoy_o = p.int2_o;
    decoy_o.key_index = 24;
    decoy_o.subject_key_id = false;
    Issued decoy = issue(b.int1, Alg::p256, decoy_o);
    std::vector<Certificate> inter = {decoy.cert, b.int2.cert, b.int1.cert};
    p.leaf_o.authority_key_id = false;
    Issued leaf = issue(b.int2, Alg::p256, p.leaf_o);
    auto r = verify_chain(leaf.cert, inter, options_for(b));
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->path[1], b.int2.cert);
}

TEST(VerifyChain, CrossSignedRoot) {
    Pki p;
    auto b = p.build();
    CertOptions old_o = ca("keel old root");
    old_o.key_index = 25;
    Issued old_root = make_root(Alg::p256, old_o);
    // The new root's name and key, certified by the old root.
    Issued cross = issue(old_root, Alg::p256, p.root_o);
    std::vector<Certificate> inter = {b.int2.cert, b.int1.cert, cross.cert};
    VerifyOptions o = options_for(b);
    o.trust_anchors = {old_root.cert};
    auto r = verify_chain(b.leaf.cert, inter, o);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    ASSERT_EQ(r->path.size(), 5u);
    EXPECT_EQ(r->path.back(), old_root.cert);
    // With the new root trusted, the shorter path is taken.
    o.trust_anchors = {b.root.cert, old_root.cert};
    r = verify_chain(b.leaf.cert, inter, o);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->path.size(), 4u);
}

TEST(VerifyChain, ThousandCertificatesAndLoopsAreBounded) {
    CertOptions root_o = ca("long root");
    root_o.key_index = 30;
    Issued root = make_root(Alg::ed25519, root_o);
    std::vector<Issued> chain = {root};
    for (int i = 0; i < 999; ++i) {
        CertOptions o = ca("long int " + std::to_string(i));
        o.key_index = 31 + (i % 2);  // alternate two keys: signing is the cost here
        chain.push_back(issue(chain.back(), Alg::ed25519, o));
    }
    CertOptions leaf_o = leaf_for("www.keel.example");
    leaf_o.key_index = 33;
    Issued leaf = issue(chain.back(), Alg::ed25519, leaf_o);
    std::vector<Certificate> inter;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) inter.push_back(it->cert);
    std::reverse(inter.begin(), inter.begin() + 500);  // partly unordered

    VerifyOptions o;
    o.trust_anchors = {root.cert};
    o.time = now();
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(reason(verify_chain(leaf.cert, inter, o)), "max_path_length_reached");
    o.max_depth = 2000;  // the search budget ends it instead
    auto r = verify_chain(leaf.cert, inter, o);
    EXPECT_FALSE(r.ok());

    // A loop: A issued by B, B issued by A, the leaf under A, no anchor.
    CertOptions a_o = ca("loop a"), b_o = ca("loop b");
    a_o.key_index = 34;
    b_o.key_index = 35;
    Issued a_self = make_root(Alg::ed25519, a_o);
    Issued b_by_a = issue(a_self, Alg::ed25519, b_o);
    Issued a_by_b = issue(b_by_a, Alg::ed25519, a_o);
    Issued loop_leaf = issue(a_by_b, Alg::ed25519, leaf_o);
    std::vector<Certificate> loop = {a_by_b.cert, b_by_a.cert};
    EXPECT_EQ(reason(verify_chain(loop_leaf.cert, loop, o)), "unknown_ca");
    const auto elapsed = std::chrono::steady_clock::now() - t0;
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 5000);
}

TEST(VerifyChain, ExpiredDuplicateIntermediateIsSkipped) {
    // Two certificates for int2's name and key, the first one sent expired: the
    // builder tries both paths and the valid one wins.
    Pki p;
    auto b = p.build();
    CertOptions old_o = p.int2_o;
    old_o.not_before = now() - 800 * 86400;
    old_o.not_after = now() - 400 * 86400;
    Issued old_int2 = issue(b.int1, Alg::p256, old_o);
    std::vector<Certificate> inter = {old_int2.cert, b.int2.cert, b.int1.cert};
    auto r = verify_chain(b.leaf.cert, inter, options_for(b));
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->path[1], b.int2.cert);
    // With only the expired one, its error is reported.
    std::vector<Certificate> only_old = {old_int2.cert, b.int1.cert};
    EXPECT_EQ(detail(verify_chain(b.leaf.cert, only_old, options_for(b))),
              "cert_expired at depth 1");
}

TEST(VerifyChain, SignatureAlgorithmMustFitIssuerKey) {
    // X.509 lets any hash go with any curve (a P-384 issuer may sign with SHA-256), but
    // an algorithm of another key type never verifies.
    Pki p;
    p.alg = Alg::p384;
    auto b = p.build();
    auto key = public_key_from_spki(b.int2.cert.spki());
    ASSERT_TRUE(key.ok());
    EXPECT_TRUE(verify_signed_by(b.leaf.cert, *key).ok());
    EXPECT_FALSE(verify_signed_by(b.int2.cert, *key).ok());  // int2 is signed by int1
    auto ed = test::pki::make_root(Alg::ed25519, test::pki::ca("ed root"));
    EXPECT_FALSE(verify_signed_by(ed.cert, *key).ok());      // Ed25519 algorithm, EC key
    // An SPKI of an algorithm x509/key does not have.
    der::Writer w;
    auto spki = w.sequence();
    auto alg = w.sequence();
    w.oid(oid::kDsa);
    w.close(alg);
    w.bit_string(Bytes{0x02, 0x01, 0x01});
    w.close(spki);
    auto dsa = SubjectPublicKeyInfo::from_der(w.bytes());
    ASSERT_TRUE(dsa.ok());
    EXPECT_EQ(public_key_from_spki(*dsa).error().code(), Errc::unsupported);
}

}  // namespace
}  // namespace keel::x509
