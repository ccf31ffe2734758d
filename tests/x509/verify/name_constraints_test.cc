// Name constraint matching (RFC 5280 §4.2.1.10) per name type.
#include "x509/verify/name_constraints.h"

#include <gtest/gtest.h>

#include "tests/x509/cert/pki.h"

namespace keel::x509::detail {
namespace {

using namespace keel::test::pki;

Certificate leaf_with(GeneralNames names, std::vector<NameAttribute> subject = {}) {
    static const Issued root = [] {
        CertOptions o = ca("nc root");
        o.key_index = 40;
        return make_root(Alg::ed25519, o);
    }();
    CertOptions o = leaf_for("x.keel.example");
    o.key_index = 41;
    o.subject_alt_name = AltName{false, std::move(names)};
    if (!subject.empty()) o.subject = std::move(subject);
    return issue(root, Alg::ed25519, o).cert;
}

bool permits(const NameConstraints& nc, const Certificate& c) {
    NameConstraintState s;
    s.add(nc);
    return s.permits(c);
}

NameConstraints permit(GeneralName g) {
    return NameConstraints{true, {GeneralSubtree(std::move(g))}, {}};
}
NameConstraints exclude(GeneralName g) {
    return NameConstraints{true, {}, {GeneralSubtree(std::move(g))}};
}

TEST(NameConstraints, Dns) {
    auto c = leaf_with({GeneralName::dns("www.Keel.Example")});
    EXPECT_TRUE(permits(permit(GeneralName::dns("keel.example")), c));
    EXPECT_TRUE(permits(permit(GeneralName::dns(".keel.example")), c));
    EXPECT_TRUE(permits(permit(GeneralName::dns("www.keel.example")), c));
    EXPECT_FALSE(permits(permit(GeneralName::dns("eel.example")), c));  // label boundary
    EXPECT_FALSE(permits(permit(GeneralName::dns("other.example")), c));
    EXPECT_FALSE(permits(exclude(GeneralName::dns("keel.example")), c));
    EXPECT_TRUE(permits(exclude(GeneralName::dns("other.example")), c));
    auto apex = leaf_with({GeneralName::dns("keel.example")});
    EXPECT_FALSE(permits(permit(GeneralName::dns(".keel.example")), apex));
    // Constraints of another type leave DNS names alone.
    EXPECT_TRUE(permits(permit(GeneralName::email("keel.example")), c));
}

TEST(NameConstraints, Ip) {
    auto c = leaf_with({GeneralName::ip({10, 1, 2, 3})});
    EXPECT_TRUE(permits(permit(GeneralName::ip({10, 0, 0, 0, 255, 0, 0, 0})), c));
    EXPECT_FALSE(permits(permit(GeneralName::ip({192, 168, 0, 0, 255, 255, 0, 0})), c));
    EXPECT_FALSE(permits(exclude(GeneralName::ip({10, 1, 0, 0, 255, 255, 0, 0})), c));
    Bytes v6(32, 0);  // ::/0 admits every IPv6 address but no IPv4 one
    EXPECT_FALSE(permits(permit(GeneralName::ip(v6)), c));
}

TEST(NameConstraints, Email) {
    auto c = leaf_with({GeneralName::email("Alice@mail.keel.example")});
    EXPECT_TRUE(permits(permit(GeneralName::email("mail.keel.example")), c));
    EXPECT_TRUE(permits(permit(GeneralName::email(".keel.example")), c));
    EXPECT_TRUE(permits(permit(GeneralName::email("Alice@MAIL.keel.example")), c));
    EXPECT_FALSE(permits(permit(GeneralName::email("alice@mail.keel.example")), c));
    EXPECT_FALSE(permits(permit(GeneralName::email("keel.example")), c));
    EXPECT_FALSE(permits(exclude(GeneralName::email(".keel.example")), c));
    // The legacy emailAddress attribute of the subject counts as well.
    auto legacy = leaf_with({GeneralName::dns("x.keel.example")},
                            {{oid::kCommonName, "x"}, {oid::kEmailAddress, "bob@evil.example"}});
    EXPECT_FALSE(permits(permit(GeneralName::email("keel.example")), legacy));
}

TEST(NameConstraints, DirectoryName) {
    auto c = leaf_with({GeneralName::dns("x.keel.example")}, {{oid::kCountryName, "DE"},
                                                              {oid::kOrganizationName, "keel test"},
                                                              {oid::kCommonName, "x"}});
    EXPECT_TRUE(permits(
        permit(GeneralName::directory(Name::build({{oid::kCountryName, "DE"}}).value())), c));
    EXPECT_TRUE(
        permits(permit(GeneralName::directory(
                    Name::build({{oid::kCountryName, "DE"}, {oid::kOrganizationName, "KEEL  Test"}})
                        .value())),
                c));
    EXPECT_FALSE(permits(
        permit(GeneralName::directory(Name::build({{oid::kCountryName, "FR"}}).value())), c));
    EXPECT_FALSE(permits(
        exclude(GeneralName::directory(Name::build({{oid::kCountryName, "DE"}}).value())), c));
}

TEST(NameConstraints, EverySetMustHold) {
    auto c = leaf_with({GeneralName::dns("www.keel.example")});
    NameConstraintState s;
    NameConstraints wide = permit(GeneralName::dns("keel.example"));
    NameConstraints narrow = permit(GeneralName::dns("api.keel.example"));
    s.add(wide);
    EXPECT_TRUE(s.permits(c));
    s.add(narrow);
    EXPECT_FALSE(s.permits(c));
}

}  // namespace
}  // namespace keel::x509::detail
