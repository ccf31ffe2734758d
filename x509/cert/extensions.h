// Certificate extensions (RFC 5280 §4.2, RFC 7633): one plain struct per extension,
// each with a parser over the extnValue contents and an encoder back to an Extension.
//
// Extensions::parse reads the [3] list of a TBSCertificate: duplicates are an error
// (RFC 5280 §4.2), so is a known extension that does not parse; an unknown extension is
// kept raw, and an unknown *critical* one is listed in `unhandled_critical` for the
// path validator to reject (parsing is not validation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "x509/cert/general_name.h"
#include "x509/cert/name.h"
#include "x509/der/der.h"
#include "x509/der/oid.h"

namespace keel::x509 {

// Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
struct Extension {
    Oid oid;
    bool critical = false;
    Bytes value;  // the extnValue contents: the DER of the extension's own type
    bool operator==(const Extension&) const = default;
};

// §4.2.1.9
struct BasicConstraints {
    bool critical = false;
    bool ca = false;
    std::optional<int64_t> path_len;  // pathLenConstraint, 0..MAX
};

// §4.2.1.3: bit i of `bits` is KeyUsage bit i.
enum class KeyUsageBit : uint16_t {
    digital_signature = 1 << 0,
    non_repudiation = 1 << 1,  // contentCommitment
    key_encipherment = 1 << 2,
    data_encipherment = 1 << 3,
    key_agreement = 1 << 4,
    key_cert_sign = 1 << 5,
    crl_sign = 1 << 6,
    encipher_only = 1 << 7,
    decipher_only = 1 << 8,
};
struct KeyUsage {
    bool critical = false;
    uint16_t bits = 0;
    bool has(KeyUsageBit b) const { return (bits & static_cast<uint16_t>(b)) != 0; }
};

// §4.2.1.12
struct ExtKeyUsage {
    bool critical = false;
    std::vector<Oid> purposes;
    bool has(const Oid& purpose) const;
};

// §4.2.1.6 / §4.2.1.7
struct AltName {
    bool critical = false;
    GeneralNames names;
};

// §4.2.1.10. RFC 5280 profiles minimum = 0 and maximum absent; other values are
// parsed and kept for the validator to judge.
struct GeneralSubtree {
    GeneralSubtree() = default;
    GeneralSubtree(GeneralName base, int64_t minimum = 0, std::optional<int64_t> maximum = {})
        : base(std::move(base)), minimum(minimum), maximum(maximum) {}

    GeneralName base;
    int64_t minimum = 0;
    std::optional<int64_t> maximum;
};
struct NameConstraints {
    bool critical = false;
    std::vector<GeneralSubtree> permitted;
    std::vector<GeneralSubtree> excluded;
};

// §4.2.1.4. Qualifiers are kept as (id, DER of the qualifier); a CPS pointer's URI is
// also decoded.
struct PolicyQualifier {
    Oid id;
    Bytes qualifier;  // DER of the `qualifier ANY` element
    std::optional<std::string> cps_uri() const;
};
struct PolicyInformation {
    Oid policy;
    std::vector<PolicyQualifier> qualifiers;
};
struct CertificatePolicies {
    bool critical = false;
    std::vector<PolicyInformation> policies;
};

// §4.2.1.5
struct PolicyMapping {
    Oid issuer_domain_policy;
    Oid subject_domain_policy;
};
struct PolicyMappings {
    bool critical = false;
    std::vector<PolicyMapping> mappings;
};

// §4.2.1.11 (at least one field present)
struct PolicyConstraints {
    bool critical = false;
    std::optional<int64_t> require_explicit_policy;
    std::optional<int64_t> inhibit_policy_mapping;
};

// §4.2.1.14
struct InhibitAnyPolicy {
    bool critical = false;
    int64_t skip_certs = 0;
};

// §4.2.1.1
struct AuthorityKeyIdentifier {
    bool critical = false;
    std::optional<Bytes> key_id;
    std::optional<GeneralNames> issuer;  // authorityCertIssuer
    std::optional<Bytes> serial;         // authorityCertSerialNumber, INTEGER contents
};

// §4.2.1.2
struct SubjectKeyIdentifier {
    bool critical = false;
    Bytes key_id;
};

// §4.2.1.13: ReasonFlags, bit i of `reasons` is ReasonFlags bit i (1 keyCompromise,
// 2 cACompromise, ... 8 aACompromise; bit 0 is unused).
struct DistributionPoint {
    // A point whose fullName is one URI: the common case.
    static DistributionPoint from_uri(std::string uri);

    std::optional<GeneralNames> full_name;
    std::optional<Rdn> name_relative_to_crl_issuer;
    std::optional<uint16_t> reasons;
    std::optional<GeneralNames> crl_issuer;
    // The URIs of full_name.
    std::vector<std::string> uris() const;
};
struct CrlDistributionPoints {
    bool critical = false;
    std::vector<DistributionPoint> points;
};

// §4.2.2.1 (authorityInfoAccess) and §4.2.2.2 (subjectInfoAccess).
struct AccessDescription {
    Oid method;
    GeneralName location;
};
struct InfoAccess {
    bool critical = false;
    std::vector<AccessDescription> descriptions;
    // URIs of the descriptions with this access method (id-ad-ocsp, id-ad-caIssuers).
    std::vector<std::string> uris(const Oid& method) const;
    std::vector<std::string> ocsp_uris() const { return uris(oid::kAdOcsp); }
    std::vector<std::string> ca_issuers_uris() const { return uris(oid::kAdCaIssuers); }
};

// RFC 7633 §4: Features ::= SEQUENCE OF INTEGER (TLS extension code points, e.g. 5 =
// status_request for OCSP must-staple).
struct TlsFeature {
    bool critical = false;
    std::vector<uint16_t> features;
};

// Each parser takes the extnValue contents and the critical flag.
Result<BasicConstraints> parse_basic_constraints(ByteView value, bool critical);
Result<KeyUsage> parse_key_usage(ByteView value, bool critical);
Result<ExtKeyUsage> parse_ext_key_usage(ByteView value, bool critical);
Result<AltName> parse_alt_name(ByteView value, bool critical);
Result<NameConstraints> parse_name_constraints(ByteView value, bool critical);
Result<CertificatePolicies> parse_certificate_policies(ByteView value, bool critical);
Result<PolicyMappings> parse_policy_mappings(ByteView value, bool critical);
Result<PolicyConstraints> parse_policy_constraints(ByteView value, bool critical);
Result<InhibitAnyPolicy> parse_inhibit_any_policy(ByteView value, bool critical);
Result<AuthorityKeyIdentifier> parse_authority_key_identifier(ByteView value, bool critical);
Result<SubjectKeyIdentifier> parse_subject_key_identifier(ByteView value, bool critical);
Result<CrlDistributionPoints> parse_crl_distribution_points(ByteView value, bool critical);
Result<InfoAccess> parse_info_access(ByteView value, bool critical);
Result<TlsFeature> parse_tls_feature(ByteView value, bool critical);

// Encoders: the Extension (OID, critical flag, DER value) for each typed extension.
// AltName and InfoAccess serve two OIDs each, so they take it.
Extension encode(const BasicConstraints& e);
Extension encode(const KeyUsage& e);
Extension encode(const ExtKeyUsage& e);
Extension encode(const AltName& e, const Oid& which = oid::kSubjectAltName);
Extension encode(const NameConstraints& e);
Extension encode(const CertificatePolicies& e);
Extension encode(const PolicyMappings& e);
Extension encode(const PolicyConstraints& e);
Extension encode(const InhibitAnyPolicy& e);
Extension encode(const AuthorityKeyIdentifier& e);
Extension encode(const SubjectKeyIdentifier& e);
Extension encode(const CrlDistributionPoints& e);
Extension encode(const InfoAccess& e, const Oid& which = oid::kAuthorityInfoAccess);
Extension encode(const TlsFeature& e);

// A named BIT STRING (X.690 §11.2.2: trailing zero bits dropped) from bit i = 1 << i.
void write_named_bits(der::Writer& w, uint16_t bits, uint8_t tag = der::kBitString);

struct Extensions {
    // Every extension in certificate order, raw.
    std::vector<Extension> all;

    std::optional<BasicConstraints> basic_constraints;
    std::optional<KeyUsage> key_usage;
    std::optional<ExtKeyUsage> ext_key_usage;
    std::optional<AltName> subject_alt_name;
    std::optional<AltName> issuer_alt_name;
    std::optional<NameConstraints> name_constraints;
    std::optional<CertificatePolicies> certificate_policies;
    std::optional<PolicyMappings> policy_mappings;
    std::optional<PolicyConstraints> policy_constraints;
    std::optional<InhibitAnyPolicy> inhibit_any_policy;
    std::optional<AuthorityKeyIdentifier> authority_key_id;
    std::optional<SubjectKeyIdentifier> subject_key_id;
    std::optional<CrlDistributionPoints> crl_distribution_points;
    std::optional<CrlDistributionPoints> freshest_crl;  // §4.2.1.15, same syntax
    std::optional<InfoAccess> authority_info_access;
    std::optional<InfoAccess> subject_info_access;
    std::optional<TlsFeature> tls_feature;

    // Critical extensions not typed above: a validator must reject the certificate
    // (RFC 5280 §4.2) unless the application's verify_fun handles them.
    std::vector<Oid> unhandled_critical;

    const Extension* find(const Oid& oid) const;

    // Reads `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension` from `r`.
    static Result<Extensions> parse(der::Reader& r);
};

// Whether parse() types this extension (so its criticality is understood).
bool is_known_extension(const Oid& oid);

}  // namespace keel::x509
