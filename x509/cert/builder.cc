// Certificate writing: the TBSCertificate of RFC 5280 §4.1.2 field by field.
#include "x509/cert/builder.h"

#include <algorithm>

#include "crypto/hash/sha1.h"

namespace keel::x509 {

namespace {

// The typed form of `e` encoded again, or `e` itself when it is not typed.
Extension reencoded(const Extensions& x, const Extension& e) {
    const Oid& o = e.oid;
    if (o == oid::kBasicConstraints && x.basic_constraints) return encode(*x.basic_constraints);
    if (o == oid::kKeyUsage && x.key_usage) return encode(*x.key_usage);
    if (o == oid::kExtKeyUsage && x.ext_key_usage) return encode(*x.ext_key_usage);
    if (o == oid::kSubjectAltName && x.subject_alt_name) return encode(*x.subject_alt_name, o);
    if (o == oid::kIssuerAltName && x.issuer_alt_name) return encode(*x.issuer_alt_name, o);
    if (o == oid::kNameConstraints && x.name_constraints) return encode(*x.name_constraints);
    if (o == oid::kCertificatePolicies && x.certificate_policies)
        return encode(*x.certificate_policies);
    if (o == oid::kPolicyMappings && x.policy_mappings) return encode(*x.policy_mappings);
    if (o == oid::kPolicyConstraints && x.policy_constraints) return encode(*x.policy_constraints);
    if (o == oid::kInhibitAnyPolicy && x.inhibit_any_policy) return encode(*x.inhibit_any_policy);
    if (o == oid::kAuthorityKeyIdentifier && x.authority_key_id) return encode(*x.authority_key_id);
    if (o == oid::kSubjectKeyIdentifier && x.subject_key_id) return encode(*x.subject_key_id);
    if (o == oid::kCrlDistributionPoints && x.crl_distribution_points)
        return encode(*x.crl_distribution_points);
    if (o == oid::kFreshestCrl && x.freshest_crl) {
        Extension f = encode(*x.freshest_crl);
        f.oid = o;
        return f;
    }
    if (o == oid::kAuthorityInfoAccess && x.authority_info_access)
        return encode(*x.authority_info_access, o);
    if (o == oid::kSubjectInfoAccess && x.subject_info_access)
        return encode(*x.subject_info_access, o);
    if (o == oid::kTlsFeature && x.tls_feature) return encode(*x.tls_feature);
    return e;
}

}  // namespace

CertificateBuilder CertificateBuilder::from(const Certificate& cert, bool reencode_extensions) {
    const TbsCertificate& t = cert.tbs();
    CertificateBuilder b;
    b.version_ = t.version;
    b.serial_ = t.serial;
    b.issuer_ = t.issuer;
    b.subject_ = t.subject;
    b.not_before_ = t.not_before;
    b.not_after_ = t.not_after;
    b.spki_ = t.spki.der;
    b.issuer_uid_ = t.issuer_unique_id;
    b.subject_uid_ = t.subject_unique_id;
    b.extensions_ = t.extensions.all;
    if (reencode_extensions)
        for (Extension& e : b.extensions_) e = reencoded(t.extensions, e);
    return b;
}

CertificateBuilder& CertificateBuilder::serial(ByteView magnitude) {
    der::Writer w;
    w.unsigned_integer(magnitude);
    serial_.assign(w.bytes().begin() + 2, w.bytes().end());  // short-form length: <= 21 octets
    if (w.bytes()[1] & 0x80) error_ = Error(Errc::invalid_argument, "serial number too long");
    return *this;
}

CertificateBuilder& CertificateBuilder::serial_u64(uint64_t serial) {
    uint8_t be[8];
    for (int i = 7; i >= 0; --i, serial >>= 8) be[i] = static_cast<uint8_t>(serial);
    return this->serial(be);
}

CertificateBuilder& CertificateBuilder::serial_raw(ByteView contents) {
    serial_.assign(contents.begin(), contents.end());
    return *this;
}

CertificateBuilder& CertificateBuilder::issuer(Name name) {
    issuer_ = std::move(name);
    return *this;
}

CertificateBuilder& CertificateBuilder::subject(Name name) {
    subject_ = std::move(name);
    return *this;
}

CertificateBuilder& CertificateBuilder::issuer(const std::vector<NameAttribute>& attributes) {
    auto n = Name::build(attributes);
    if (n)
        issuer_ = std::move(*n);
    else
        error_ = n.error();
    return *this;
}

CertificateBuilder& CertificateBuilder::subject(const std::vector<NameAttribute>& attributes) {
    auto n = Name::build(attributes);
    if (n)
        subject_ = std::move(*n);
    else
        error_ = n.error();
    return *this;
}

CertificateBuilder& CertificateBuilder::validity(int64_t not_before, int64_t not_after) {
    not_before_ = not_before;
    not_after_ = not_after;
    return *this;
}

CertificateBuilder& CertificateBuilder::public_key(ByteView spki_der) {
    spki_.assign(spki_der.begin(), spki_der.end());
    return *this;
}

CertificateBuilder& CertificateBuilder::version(int v) {
    version_ = v;
    return *this;
}

CertificateBuilder& CertificateBuilder::issuer_unique_id(ByteView bits) {
    issuer_uid_ = Bytes(bits.begin(), bits.end());
    return *this;
}

CertificateBuilder& CertificateBuilder::subject_unique_id(ByteView bits) {
    subject_uid_ = Bytes(bits.begin(), bits.end());
    return *this;
}

CertificateBuilder& CertificateBuilder::tbs_signature_algorithm(ByteView alg_der) {
    tbs_alg_override_ = Bytes(alg_der.begin(), alg_der.end());
    return *this;
}

CertificateBuilder& CertificateBuilder::freshest_crl(const CrlDistributionPoints& e) {
    Extension x = encode(e);
    x.oid = oid::kFreshestCrl;
    return set(std::move(x));
}

CertificateBuilder& CertificateBuilder::set(Extension e) {
    for (Extension& x : extensions_) {
        if (x.oid == e.oid) {
            x = std::move(e);
            return *this;
        }
    }
    extensions_.push_back(std::move(e));
    return *this;
}

CertificateBuilder& CertificateBuilder::add_extension(Extension e) {
    extensions_.push_back(std::move(e));
    return *this;
}

CertificateBuilder& CertificateBuilder::remove_extension(const Oid& oid) {
    std::erase_if(extensions_, [&](const Extension& x) { return x.oid == oid; });
    return *this;
}

Result<Bytes> CertificateBuilder::tbs(ByteView signature_algorithm_der) const {
    if (error_) return *error_;
    if (version_ < 1 || version_ > 3)
        return Error(Errc::invalid_argument, "version must be 1, 2 or 3");
    if (spki_.empty()) return Error(Errc::invalid_argument, "no subject public key set");
    KEEL_TRY(SubjectPublicKeyInfo::from_der(spki_));
    KEEL_TRY(AlgorithmIdentifier::from_der(signature_algorithm_der));
    if (serial_.empty()) return Error(Errc::invalid_argument, "empty serial number");

    der::Writer w;
    auto tbs = w.sequence();
    if (version_ != 1) {
        // [0] EXPLICIT Version, omitted for the DEFAULT v1 (DER).
        auto v = w.open(der::context_constructed(0));
        w.small_unsigned(static_cast<uint64_t>(version_ - 1));
        w.close(v);
    }
    w.element(der::kInteger, serial_);
    w.raw(tbs_alg_override_ ? ByteView(*tbs_alg_override_) : signature_algorithm_der);
    write_name(w, issuer_);
    auto validity = w.sequence();
    w.time(not_before_);
    w.time(not_after_);
    w.close(validity);
    write_name(w, subject_);
    w.raw(spki_);
    if (issuer_uid_) w.element(der::context(1), *issuer_uid_);
    if (subject_uid_) w.element(der::context(2), *subject_uid_);
    if (!extensions_.empty()) {
        auto outer = w.open(der::context_constructed(3));
        auto list = w.sequence();
        for (const Extension& e : extensions_) {
            auto ext = w.sequence();
            w.oid(e.oid);
            if (e.critical) w.boolean(true);  // DEFAULT FALSE is omitted (DER)
            w.octet_string(e.value);
            w.close(ext);
        }
        w.close(list);
        w.close(outer);
    }
    w.close(tbs);
    return w.take();
}

Result<Bytes> CertificateBuilder::sign(ByteView signature_algorithm_der, const SignFn& sign) const {
    KEEL_TRY_ASSIGN(Bytes tbs_der, tbs(signature_algorithm_der));
    KEEL_TRY_ASSIGN(Bytes signature, sign(tbs_der));
    return assemble_certificate(tbs_der, signature_algorithm_der, signature);
}

Result<Bytes> CertificateBuilder::sign(const PrivateKey& key, const SignatureAlgorithm& alg,
                                       crypto::Rng& rng) const {
    return sign(alg.to_der(), [&](ByteView tbs) { return key.sign_x509(alg, tbs, rng); });
}

Result<Certificate> CertificateBuilder::build(const PrivateKey& key, const SignatureAlgorithm& alg,
                                              crypto::Rng& rng) const {
    KEEL_TRY_ASSIGN(Bytes der, sign(key, alg, rng));
    return Certificate::parse(der);
}

Result<Certificate> CertificateBuilder::build(ByteView signature_algorithm_der,
                                              const SignFn& sign) const {
    KEEL_TRY_ASSIGN(Bytes der, this->sign(signature_algorithm_der, sign));
    return Certificate::parse(der);
}

Bytes assemble_certificate(ByteView tbs_der, ByteView signature_algorithm_der, ByteView signature) {
    der::Writer w;
    auto cert = w.sequence();
    w.raw(tbs_der);
    w.raw(signature_algorithm_der);
    w.bit_string(signature);
    w.close(cert);
    return w.take();
}

Result<Bytes> key_identifier(ByteView spki_der) {
    KEEL_TRY_ASSIGN(der::Reader spki, der::parse(spki_der, der::kSequence));
    KEEL_TRY(spki.element(der::kSequence));  // the algorithm
    KEEL_TRY_ASSIGN(ByteView key, spki.bit_string_octets());
    KEEL_TRY(spki.finish());
    const auto digest = crypto::Sha1::hash(key);
    return Bytes(digest.begin(), digest.end());
}

}  // namespace keel::x509
