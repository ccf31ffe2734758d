// Certificate extensions: the ASN.1 of RFC 5280 §4.2 (module in Appendix A.2) and
// RFC 7633 §4, one parser and one encoder each.
#include "x509/cert/extensions.h"

#include <algorithm>
#include <set>

namespace keel::x509 {

namespace {

Error bad(std::string_view ext, std::string detail) {
    return Error(Errc::malformed, std::string(ext) + ": " + std::move(detail));
}

// Prefixes any error from a nested parse with the extension's name.
template <class T>
Result<T> named(std::string_view ext, Result<T> r) {
    if (!r.ok()) return Error(r.error().code(), std::string(ext) + ": " + r.error().detail());
    return r;
}

// The der::Reader reads universal INTEGER and BIT STRING tags; IMPLICIT context tags
// carry the same contents, so re-wrap them under the universal tag to reuse its checks.
Result<int64_t> implicit_small_unsigned(ByteView contents) {
    der::Writer w;
    w.element(der::kInteger, contents);
    der::Reader r(w.bytes());
    return r.small_unsigned();
}

Result<uint16_t> named_bits(const der::BitString& b, std::string_view what) {
    uint16_t bits = 0;
    for (size_t i = 0; i < b.bytes.size() * 8; ++i) {
        if (!(b.bytes[i / 8] & (0x80 >> (i % 8)))) continue;
        if (i >= 16) return bad(what, "bit " + std::to_string(i) + " is beyond the named bits");
        bits = static_cast<uint16_t>(bits | (1u << i));
    }
    return bits;
}

Result<uint16_t> implicit_named_bits(ByteView contents, std::string_view what) {
    der::Writer w;
    w.element(der::kBitString, contents);
    der::Reader r(w.bytes());
    KEEL_TRY_ASSIGN(der::BitString b, r.bit_string());
    return named_bits(b, what);
}

Bytes copy(ByteView v) {
    return Bytes(v.begin(), v.end());
}

Result<std::vector<GeneralSubtree>> parse_subtrees(der::Reader& r, uint8_t tag) {
    KEEL_TRY_ASSIGN(der::Reader seq, r.constructed(tag));
    if (seq.empty()) return bad("nameConstraints", "empty GeneralSubtrees");
    std::vector<GeneralSubtree> out;
    while (!seq.empty()) {
        KEEL_TRY_ASSIGN(der::Reader st, seq.sequence());
        GeneralSubtree s;
        KEEL_TRY_ASSIGN(s.base, GeneralName::parse(st, GeneralName::Context::constraint));
        KEEL_TRY_ASSIGN(auto min, st.optional(der::context(0)));
        if (min) {
            KEEL_TRY_ASSIGN(s.minimum, implicit_small_unsigned(*min));
            // DER never encodes a DEFAULT value (X.690 §11.5).
            if (s.minimum == 0) return bad("nameConstraints", "minimum encoded as its default 0");
        }
        KEEL_TRY_ASSIGN(auto max, st.optional(der::context(1)));
        if (max) {
            KEEL_TRY_ASSIGN(int64_t m, implicit_small_unsigned(*max));
            s.maximum = m;
        }
        KEEL_TRY(st.finish());
        out.push_back(std::move(s));
    }
    return out;
}

void write_subtrees(der::Writer& w, const std::vector<GeneralSubtree>& subtrees, uint8_t tag) {
    auto seq = w.open(tag);
    for (const GeneralSubtree& s : subtrees) {
        auto st = w.sequence();
        s.base.write(w);
        if (s.minimum != 0) {
            der::Writer tmp;
            tmp.small_unsigned(static_cast<uint64_t>(s.minimum));
            w.element(der::context(0), ByteView(tmp.bytes()).subspan(2));
        }
        if (s.maximum) {
            der::Writer tmp;
            tmp.small_unsigned(static_cast<uint64_t>(*s.maximum));
            w.element(der::context(1), ByteView(tmp.bytes()).subspan(2));
        }
        w.close(st);
    }
    w.close(seq);
}

// INTEGER contents of a small non-negative value (for IMPLICIT-tagged integers).
Bytes integer_contents(uint64_t v) {
    der::Writer tmp;
    tmp.small_unsigned(v);
    return copy(ByteView(tmp.bytes()).subspan(2));
}

template <class Fn>
Extension make(const Oid& oid, bool critical, Fn&& body) {
    der::Writer w;
    body(w);
    return Extension{oid, critical, w.take()};
}

}  // namespace

bool ExtKeyUsage::has(const Oid& purpose) const {
    return std::find(purposes.begin(), purposes.end(), purpose) != purposes.end();
}

std::optional<std::string> PolicyQualifier::cps_uri() const {
    if (!(id == oid::kCpsQualifier)) return std::nullopt;
    der::Reader r(qualifier);
    auto v = r.read(der::kIa5String);
    if (!v || !r.finish()) return std::nullopt;
    return std::string(v->begin(), v->end());
}

DistributionPoint DistributionPoint::from_uri(std::string uri) {
    DistributionPoint p;
    p.full_name = GeneralNames{GeneralName::uri(std::move(uri))};
    return p;
}

std::vector<std::string> DistributionPoint::uris() const {
    std::vector<std::string> out;
    if (full_name)
        for (const GeneralName& g : *full_name)
            if (g.kind() == GeneralName::Kind::uri) out.push_back(g.text());
    return out;
}

std::vector<std::string> InfoAccess::uris(const Oid& method) const {
    std::vector<std::string> out;
    for (const AccessDescription& d : descriptions)
        if (d.method == method && d.location.kind() == GeneralName::Kind::uri)
            out.push_back(d.location.text());
    return out;
}

// --- parsers ------------------------------------------------------------------------

Result<BasicConstraints> parse_basic_constraints(ByteView value, bool critical) {
    auto body = [&]() -> Result<BasicConstraints> {
        KEEL_TRY_ASSIGN(der::Reader r, der::parse(value, der::kSequence));
        BasicConstraints bc;
        bc.critical = critical;
        KEEL_TRY_ASSIGN(bc.ca, r.boolean_default_false());
        if (!r.empty()) {
            // INTEGER (0..MAX): small_unsigned rejects a negative pathLenConstraint.
            KEEL_TRY_ASSIGN(int64_t n, r.small_unsigned());
            bc.path_len = n;
        }
        KEEL_TRY(r.finish());
        return bc;
    };
    return named("basicConstraints", body());
}

Result<KeyUsage> parse_key_usage(ByteView value, bool critical) {
    auto body = [&]() -> Result<KeyUsage> {
        der::Reader r(value);
        KEEL_TRY_ASSIGN(der::BitString b, r.bit_string());
        KEEL_TRY(r.finish());
        KEEL_TRY_ASSIGN(uint16_t bits, named_bits(b, "keyUsage"));
        // §4.2.1.3: "at least one of the bits MUST be set to 1".
        if (bits == 0) return bad("keyUsage", "no bit set");
        return KeyUsage{critical, bits};
    };
    return named("keyUsage", body());
}

Result<ExtKeyUsage> parse_ext_key_usage(ByteView value, bool critical) {
    auto body = [&]() -> Result<ExtKeyUsage> {
        KEEL_TRY_ASSIGN(der::Reader r, der::parse(value, der::kSequence));
        if (r.empty()) return bad("extKeyUsage", "empty purpose list");
        ExtKeyUsage e;
        e.critical = critical;
        while (!r.empty()) {
            KEEL_TRY_ASSIGN(Oid o, r.oid());
            e.purposes.push_back(o);
        }
        return e;
    };
    return named("extKeyUsage", body());
}

Result<AltName> parse_alt_name(ByteView value, bool critical) {
    auto body = [&]() -> Result<AltName> {
        der::Reader r(value);
        AltName a;
        a.critical = critical;
        KEEL_TRY_ASSIGN(a.names, parse_general_names(r));
        KEEL_TRY(r.finish());
        return a;
    };
    return named("altName", body());
}

Result<NameConstraints> parse_name_constraints(ByteView value, bool critical) {
    auto body = [&]() -> Result<NameConstraints> {
        KEEL_TRY_ASSIGN(der::Reader r, der::parse(value, der::kSequence));
        NameConstraints nc;
        nc.critical = critical;
        if (r.next_is(der::context_constructed(0))) {
            KEEL_TRY_ASSIGN(nc.permitted, parse_subtrees(r, der::context_constructed(0)));
        }
        if (r.next_is(der::context_constructed(1))) {
            KEEL_TRY_ASSIGN(nc.excluded, parse_subtrees(r, der::context_constructed(1)));
        }
        KEEL_TRY(r.finish());
        // §4.2.1.10: "CAs MUST NOT issue certificates where name constraints is an
        // empty sequence".
        if (nc.permitted.empty() && nc.excluded.empty()) return bad("nameConstraints", "empty");
        return nc;
    };
    return named("nameConstraints", body());
}

Result<CertificatePolicies> parse_certificate_policies(ByteView value, bool critical) {
    auto body = [&]() -> Result<CertificatePolicies> {
        KEEL_TRY_ASSIGN(der::Reader r, der::parse(value, der::kSequence));
        if (r.empty()) return bad("certificatePolicies", "empty");
        CertificatePolicies cp;
        cp.critical = critical;
        std::set<Oid> seen;  // a set: hostile lists may be long
        while (!r.empty()) {
            KEEL_TRY_ASSIGN(der::Reader pi, r.sequence());
            PolicyInformation info;
            KEEL_TRY_ASSIGN(info.policy, pi.oid());
            // §4.2.1.4: "A certificate policy OID MUST NOT appear more than once".
            if (!seen.insert(info.policy).second)
                return bad("certificatePolicies", "policy " + info.policy.to_string() + " twice");
            KEEL_TRY_ASSIGN(auto quals, pi.optional_constructed(der::kSequence));
            if (quals) {
                if (quals->empty()) return bad("certificatePolicies", "empty qualifier list");
                while (!quals->empty()) {
                    KEEL_TRY_ASSIGN(der::Reader q, quals->sequence());
                    PolicyQualifier pq;
                    KEEL_TRY_ASSIGN(pq.id, q.oid());
                    KEEL_TRY_ASSIGN(der::Element e, q.any());
                    KEEL_TRY(q.finish());
                    pq.qualifier = copy(e.encoding);
                    info.qualifiers.push_back(std::move(pq));
                }
            }
            KEEL_TRY(pi.finish());
            cp.policies.push_back(std::move(info));
        }
        return cp;
    };
    return named("certificatePolicies", body());
}

Result<PolicyMappings> parse_policy_mappings(ByteView value, bool critical) {
    auto body = [&]() -> Result<PolicyMappings> {
        KEEL_TRY_ASSIGN(der::Reader r, der::parse(value, der::kSequence));
        if (r.empty()) return bad("policyMappings", "empty");
        PolicyMappings pm;
        pm.critical = critical;
        while (!r.empty()) {
            KEEL_TRY_ASSIGN(der::Reader m, r.sequence());
            PolicyMapping mapping;
            KEEL_TRY_ASSIGN(mapping.issuer_domain_policy, m.oid());
            KEEL_TRY_ASSIGN(mapping.subject_domain_policy, m.oid());
            KEEL_TRY(m.finish());
            pm.mappings.push_back(mapping);
        }
        return pm;
    };
    return named("policyMappings", body());
}

Result<PolicyConstraints> parse_policy_constraints(ByteView value, bool critical) {
    auto body = [&]() -> Result<PolicyConstraints> {
        KEEL_TRY_ASSIGN(der::Reader r, der::parse(value, der::kSequence));
        PolicyConstraints pc;
        pc.critical = critical;
        KEEL_TRY_ASSIGN(auto req, r.optional(der::context(0)));
        if (req) {
            KEEL_TRY_ASSIGN(int64_t n, implicit_small_unsigned(*req));
            pc.require_explicit_policy = n;
        }
        KEEL_TRY_ASSIGN(auto inh, r.optional(der::context(1)));
        if (inh) {
            KEEL_TRY_ASSIGN(int64_t n, implicit_small_unsigned(*inh));
            pc.inhibit_policy_mapping = n;
        }
        KEEL_TRY(r.finish());
        // §4.2.1.11: "Conforming CAs MUST NOT issue certificates where policy
        // constraints is an empty sequence".
        if (!req && !inh) return bad("policyConstraints", "empty");
        return pc;
    };
    return named("policyConstraints", body());
}

Result<InhibitAnyPolicy> parse_inhibit_any_policy(ByteView value, bool critical) {
    auto body = [&]() -> Result<InhibitAnyPolicy> {
        der::Reader r(value);
        InhibitAnyPolicy iap;
        iap.critical = critical;
        KEEL_TRY_ASSIGN(iap.skip_certs, r.small_unsigned());
        KEEL_TRY(r.finish());
        return iap;
    };
    return named("inhibitAnyPolicy", body());
}

Result<AuthorityKeyIdentifier> parse_authority_key_identifier(ByteView value, bool critical) {
    auto body = [&]() -> Result<AuthorityKeyIdentifier> {
        KEEL_TRY_ASSIGN(der::Reader r, der::parse(value, der::kSequence));
        AuthorityKeyIdentifier aki;
        aki.critical = critical;
        KEEL_TRY_ASSIGN(auto kid, r.optional(der::context(0)));
        if (kid) aki.key_id = copy(*kid);
        if (r.next_is(der::context_constructed(1))) {
            KEEL_TRY_ASSIGN(GeneralNames names,
                            parse_general_names(r, der::context_constructed(1)));
            aki.issuer = std::move(names);
        }
        KEEL_TRY_ASSIGN(auto serial, r.optional(der::context(2)));
        if (serial) {
            if (serial->empty()) return bad("authorityKeyIdentifier", "empty serial number");
            aki.serial = copy(*serial);
        }
        KEEL_TRY(r.finish());
        // §4.2.1.1: the issuer and serial come together or not at all.
        if (aki.issuer.has_value() != aki.serial.has_value())
            return bad("authorityKeyIdentifier",
                       "authorityCertIssuer without its serial or vice versa");
        return aki;
    };
    return named("authorityKeyIdentifier", body());
}

Result<SubjectKeyIdentifier> parse_subject_key_identifier(ByteView value, bool critical) {
    auto body = [&]() -> Result<SubjectKeyIdentifier> {
        der::Reader r(value);
        KEEL_TRY_ASSIGN(ByteView kid, r.octet_string());
        KEEL_TRY(r.finish());
        return SubjectKeyIdentifier{critical, copy(kid)};
    };
    return named("subjectKeyIdentifier", body());
}

Result<CrlDistributionPoints> parse_crl_distribution_points(ByteView value, bool critical) {
    auto body = [&]() -> Result<CrlDistributionPoints> {
        KEEL_TRY_ASSIGN(der::Reader r, der::parse(value, der::kSequence));
        if (r.empty()) return bad("cRLDistributionPoints", "empty");
        CrlDistributionPoints out;
        out.critical = critical;
        while (!r.empty()) {
            KEEL_TRY_ASSIGN(der::Reader dp, r.sequence());
            DistributionPoint p;
            KEEL_TRY_ASSIGN(auto name, dp.optional_constructed(der::context_constructed(0)));
            if (name) {
                // DistributionPointName ::= CHOICE { fullName [0] GeneralNames,
                //   nameRelativeToCRLIssuer [1] RelativeDistinguishedName }
                if (name->next_is(der::context_constructed(0))) {
                    KEEL_TRY_ASSIGN(GeneralNames full,
                                    parse_general_names(*name, der::context_constructed(0)));
                    p.full_name = std::move(full);
                } else {
                    // Parse the implicit SET as the RDN of a one-RDN Name.
                    KEEL_TRY_ASSIGN(der::Element e, name->element(der::context_constructed(1)));
                    der::Writer w;
                    auto seq = w.sequence();
                    w.element(der::kSet, e.contents);
                    w.close(seq);
                    KEEL_TRY_ASSIGN(Name n, Name::from_der(w.bytes()));
                    p.name_relative_to_crl_issuer = n.rdns()[0];
                }
                KEEL_TRY(name->finish());
            }
            KEEL_TRY_ASSIGN(auto reasons, dp.optional(der::context(1)));
            if (reasons) {
                KEEL_TRY_ASSIGN(uint16_t bits, implicit_named_bits(*reasons, "reasons"));
                p.reasons = bits;
            }
            if (dp.next_is(der::context_constructed(2))) {
                KEEL_TRY_ASSIGN(GeneralNames issuer,
                                parse_general_names(dp, der::context_constructed(2)));
                p.crl_issuer = std::move(issuer);
            }
            KEEL_TRY(dp.finish());
            // §4.2.1.13: "a DistributionPoint MUST NOT consist of only the reasons field".
            if (!name && !p.crl_issuer)
                return bad("cRLDistributionPoints", "a point with neither name nor cRLIssuer");
            out.points.push_back(std::move(p));
        }
        return out;
    };
    return named("cRLDistributionPoints", body());
}

Result<InfoAccess> parse_info_access(ByteView value, bool critical) {
    auto body = [&]() -> Result<InfoAccess> {
        KEEL_TRY_ASSIGN(der::Reader r, der::parse(value, der::kSequence));
        if (r.empty()) return bad("infoAccess", "empty");
        InfoAccess ia;
        ia.critical = critical;
        while (!r.empty()) {
            KEEL_TRY_ASSIGN(der::Reader ad, r.sequence());
            AccessDescription d;
            KEEL_TRY_ASSIGN(d.method, ad.oid());
            KEEL_TRY_ASSIGN(d.location, GeneralName::parse(ad));
            KEEL_TRY(ad.finish());
            ia.descriptions.push_back(std::move(d));
        }
        return ia;
    };
    return named("infoAccess", body());
}

Result<TlsFeature> parse_tls_feature(ByteView value, bool critical) {
    auto body = [&]() -> Result<TlsFeature> {
        KEEL_TRY_ASSIGN(der::Reader r, der::parse(value, der::kSequence));
        TlsFeature f;
        f.critical = critical;
        while (!r.empty()) {
            KEEL_TRY_ASSIGN(int64_t v, r.small_unsigned());
            if (v > 0xffff)
                return bad("tlsFeature", "feature " + std::to_string(v) + " above 65535");
            f.features.push_back(static_cast<uint16_t>(v));
        }
        return f;
    };
    return named("tlsFeature", body());
}

// --- encoders -----------------------------------------------------------------------

void write_named_bits(der::Writer& w, uint16_t bits, uint8_t tag) {
    Bytes bytes;
    uint8_t unused = 0;
    if (bits != 0) {
        int high = 15;
        while (!(bits & (1u << high))) --high;
        bytes.assign(static_cast<size_t>(high / 8 + 1), 0);
        for (int i = 0; i <= high; ++i)
            if (bits & (1u << i))
                bytes[static_cast<size_t>(i / 8)] |= static_cast<uint8_t>(0x80 >> (i % 8));
        unused = static_cast<uint8_t>(7 - high % 8);
    }
    der::Writer tmp;
    tmp.bit_string(bytes, unused);
    // Same contents under the requested tag (IMPLICIT [1] ReasonFlags).
    Bytes enc = tmp.take();
    enc[0] = tag;
    w.raw(enc);
}

Extension encode(const BasicConstraints& e) {
    return make(oid::kBasicConstraints, e.critical, [&](der::Writer& w) {
        auto seq = w.sequence();
        if (e.ca) w.boolean(true);
        if (e.path_len) w.small_unsigned(static_cast<uint64_t>(*e.path_len));
        w.close(seq);
    });
}

Extension encode(const KeyUsage& e) {
    return make(oid::kKeyUsage, e.critical, [&](der::Writer& w) { write_named_bits(w, e.bits); });
}

Extension encode(const ExtKeyUsage& e) {
    return make(oid::kExtKeyUsage, e.critical, [&](der::Writer& w) {
        auto seq = w.sequence();
        for (const Oid& o : e.purposes) w.oid(o);
        w.close(seq);
    });
}

Extension encode(const AltName& e, const Oid& which) {
    return make(which, e.critical, [&](der::Writer& w) { write_general_names(w, e.names); });
}

Extension encode(const NameConstraints& e) {
    return make(oid::kNameConstraints, e.critical, [&](der::Writer& w) {
        auto seq = w.sequence();
        if (!e.permitted.empty()) write_subtrees(w, e.permitted, der::context_constructed(0));
        if (!e.excluded.empty()) write_subtrees(w, e.excluded, der::context_constructed(1));
        w.close(seq);
    });
}

Extension encode(const CertificatePolicies& e) {
    return make(oid::kCertificatePolicies, e.critical, [&](der::Writer& w) {
        auto seq = w.sequence();
        for (const PolicyInformation& p : e.policies) {
            auto pi = w.sequence();
            w.oid(p.policy);
            if (!p.qualifiers.empty()) {
                auto qs = w.sequence();
                for (const PolicyQualifier& q : p.qualifiers) {
                    auto qi = w.sequence();
                    w.oid(q.id);
                    w.raw(q.qualifier);
                    w.close(qi);
                }
                w.close(qs);
            }
            w.close(pi);
        }
        w.close(seq);
    });
}

Extension encode(const PolicyMappings& e) {
    return make(oid::kPolicyMappings, e.critical, [&](der::Writer& w) {
        auto seq = w.sequence();
        for (const PolicyMapping& m : e.mappings) {
            auto s = w.sequence();
            w.oid(m.issuer_domain_policy);
            w.oid(m.subject_domain_policy);
            w.close(s);
        }
        w.close(seq);
    });
}

Extension encode(const PolicyConstraints& e) {
    return make(oid::kPolicyConstraints, e.critical, [&](der::Writer& w) {
        auto seq = w.sequence();
        if (e.require_explicit_policy)
            w.element(der::context(0),
                      integer_contents(static_cast<uint64_t>(*e.require_explicit_policy)));
        if (e.inhibit_policy_mapping)
            w.element(der::context(1),
                      integer_contents(static_cast<uint64_t>(*e.inhibit_policy_mapping)));
        w.close(seq);
    });
}

Extension encode(const InhibitAnyPolicy& e) {
    return make(oid::kInhibitAnyPolicy, e.critical,
                [&](der::Writer& w) { w.small_unsigned(static_cast<uint64_t>(e.skip_certs)); });
}

Extension encode(const AuthorityKeyIdentifier& e) {
    return make(oid::kAuthorityKeyIdentifier, e.critical, [&](der::Writer& w) {
        auto seq = w.sequence();
        if (e.key_id) w.element(der::context(0), *e.key_id);
        if (e.issuer) write_general_names(w, *e.issuer, der::context_constructed(1));
        if (e.serial) w.element(der::context(2), *e.serial);
        w.close(seq);
    });
}

Extension encode(const SubjectKeyIdentifier& e) {
    return make(oid::kSubjectKeyIdentifier, e.critical,
                [&](der::Writer& w) { w.octet_string(e.key_id); });
}

Extension encode(const CrlDistributionPoints& e) {
    return make(oid::kCrlDistributionPoints, e.critical, [&](der::Writer& w) {
        auto seq = w.sequence();
        for (const DistributionPoint& p : e.points) {
            auto dp = w.sequence();
            if (p.full_name || p.name_relative_to_crl_issuer) {
                auto name = w.open(der::context_constructed(0));
                if (p.full_name) {
                    write_general_names(w, *p.full_name, der::context_constructed(0));
                } else {
                    // Encode the RDN as a SET and retag it [1].
                    Name n = Name::from_rdns({*p.name_relative_to_crl_issuer});
                    der::Reader r(n.der());
                    auto outer = r.sequence();
                    auto set = outer ? outer->element(der::kSet)
                                     : Result<der::Element>(Error(Errc::malformed));
                    if (set) w.element(der::context_constructed(1), set->contents);
                }
                w.close(name);
            }
            if (p.reasons) write_named_bits(w, *p.reasons, der::context(1));
            if (p.crl_issuer) write_general_names(w, *p.crl_issuer, der::context_constructed(2));
            w.close(dp);
        }
        w.close(seq);
    });
}

Extension encode(const InfoAccess& e, const Oid& which) {
    return make(which, e.critical, [&](der::Writer& w) {
        auto seq = w.sequence();
        for (const AccessDescription& d : e.descriptions) {
            auto ad = w.sequence();
            w.oid(d.method);
            d.location.write(w);
            w.close(ad);
        }
        w.close(seq);
    });
}

Extension encode(const TlsFeature& e) {
    return make(oid::kTlsFeature, e.critical, [&](der::Writer& w) {
        auto seq = w.sequence();
        for (uint16_t f : e.features) w.small_unsigned(f);
        w.close(seq);
    });
}

// --- the Extensions list ------------------------------------------------------------

const Extension* Extensions::find(const Oid& oid) const {
    for (const Extension& e : all)
        if (e.oid == oid) return &e;
    return nullptr;
}

bool is_known_extension(const Oid& o) {
    static constexpr Oid kKnown[] = {
        oid::kBasicConstraints,
        oid::kKeyUsage,
        oid::kExtKeyUsage,
        oid::kSubjectAltName,
        oid::kIssuerAltName,
        oid::kNameConstraints,
        oid::kCertificatePolicies,
        oid::kPolicyMappings,
        oid::kPolicyConstraints,
        oid::kInhibitAnyPolicy,
        oid::kAuthorityKeyIdentifier,
        oid::kSubjectKeyIdentifier,
        oid::kCrlDistributionPoints,
        oid::kFreshestCrl,
        oid::kAuthorityInfoAccess,
        oid::kSubjectInfoAccess,
        oid::kTlsFeature,
    };
    return std::find(std::begin(kKnown), std::end(kKnown), o) != std::end(kKnown);
}

namespace {

template <class T>
Result<void> set_typed(std::optional<T>& slot, Result<T> parsed) {
    if (!parsed.ok()) return parsed.error();
    slot = std::move(parsed).value();
    return ok();
}

Result<void> type_extension(Extensions& x, const Extension& e) {
    const ByteView v = e.value;
    const bool c = e.critical;
    const Oid& o = e.oid;
    if (o == oid::kBasicConstraints)
        return set_typed(x.basic_constraints, parse_basic_constraints(v, c));
    if (o == oid::kKeyUsage) return set_typed(x.key_usage, parse_key_usage(v, c));
    if (o == oid::kExtKeyUsage) return set_typed(x.ext_key_usage, parse_ext_key_usage(v, c));
    if (o == oid::kSubjectAltName) return set_typed(x.subject_alt_name, parse_alt_name(v, c));
    if (o == oid::kIssuerAltName) return set_typed(x.issuer_alt_name, parse_alt_name(v, c));
    if (o == oid::kNameConstraints)
        return set_typed(x.name_constraints, parse_name_constraints(v, c));
    if (o == oid::kCertificatePolicies)
        return set_typed(x.certificate_policies, parse_certificate_policies(v, c));
    if (o == oid::kPolicyMappings) return set_typed(x.policy_mappings, parse_policy_mappings(v, c));
    if (o == oid::kPolicyConstraints)
        return set_typed(x.policy_constraints, parse_policy_constraints(v, c));
    if (o == oid::kInhibitAnyPolicy)
        return set_typed(x.inhibit_any_policy, parse_inhibit_any_policy(v, c));
    if (o == oid::kAuthorityKeyIdentifier)
        return set_typed(x.authority_key_id, parse_authority_key_identifier(v, c));
    if (o == oid::kSubjectKeyIdentifier)
        return set_typed(x.subject_key_id, parse_subject_key_identifier(v, c));
    if (o == oid::kCrlDistributionPoints)
        return set_typed(x.crl_distribution_points, parse_crl_distribution_points(v, c));
    if (o == oid::kFreshestCrl)
        return set_typed(x.freshest_crl, parse_crl_distribution_points(v, c));
    if (o == oid::kAuthorityInfoAccess)
        return set_typed(x.authority_info_access, parse_info_access(v, c));
    if (o == oid::kSubjectInfoAccess)
        return set_typed(x.subject_info_access, parse_info_access(v, c));
    if (o == oid::kTlsFeature) return set_typed(x.tls_feature, parse_tls_feature(v, c));
    if (c) x.unhandled_critical.push_back(o);
    return ok();
}

}  // namespace

Result<Extensions> Extensions::parse(der::Reader& r) {
    KEEL_TRY_ASSIGN(der::Reader list, r.sequence());
    if (list.empty()) return Error(Errc::malformed, "Extensions: empty list (SIZE (1..MAX))");
    Extensions x;
    std::set<Oid> seen;  // a set: hostile lists may be long
    while (!list.empty()) {
        KEEL_TRY_ASSIGN(der::Reader er, list.sequence());
        Extension e;
        KEEL_TRY_ASSIGN(e.oid, er.oid());
        KEEL_TRY_ASSIGN(e.critical, er.boolean_default_false());
        KEEL_TRY_ASSIGN(ByteView value, er.octet_string());
        KEEL_TRY(er.finish());
        e.value = copy(value);
        // §4.2: "A certificate MUST NOT include more than one instance of a particular
        // extension."
        if (!seen.insert(e.oid).second)
            return Error(Errc::malformed, "Extensions: " + oid_name(e.oid) + " appears twice");
        x.all.push_back(std::move(e));
        KEEL_TRY(type_extension(x, x.all.back()));
    }
    return x;
}

}  // namespace keel::x509
