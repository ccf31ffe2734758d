// Writing certificates (RFC 5280 §4.1): fill in the TBSCertificate, then sign it.
//
//   CertificateBuilder b;
//   b.serial_u64(1).issuer(ca_name).subject(leaf_name).validity(t0, t1)
//    .public_key(leaf_spki_der)
//    .basic_constraints({.critical = true, .ca = false})
//    .subject_alt_name({.names = {GeneralName::dns("keel.example")}});
//   auto alg = *SignatureAlgorithm::for_scheme(SignatureScheme::ecdsa_secp256r1_sha256);
//   KEEL_TRY_ASSIGN(Bytes der, b.sign(ca_key, alg, rng));
//
// Any other signer (an HSM, a test stub) fits the callback form: the TBS bytes in, the
// signature out, plus the AlgorithmIdentifier DER it produces.
//
// Typed setters replace an extension of the same OID where it stands; add_extension()
// appends raw bytes unconditionally (tests use it to write duplicates and garbage).
// Extensions are written in the order they were first set. A few setters exist only to
// make certificates a strict parser must reject (marked "for negative tests").
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "x509/cert/certificate.h"
#include "x509/cert/extensions.h"
#include "x509/cert/name.h"
#include "x509/key/key.h"
#include "x509/key/sig_alg.h"

namespace keel::x509 {

class CertificateBuilder {
  public:
    using SignFn = std::function<Result<Bytes>(ByteView tbs)>;

    CertificateBuilder() = default;
    // Every field of `cert`, ready to be changed and re-signed. Extensions keep their
    // order; with `reencode_extensions` every typed one is written again from its parsed
    // fields (a DER certificate comes back byte for byte), else they are copied raw.
    static CertificateBuilder from(const Certificate& cert, bool reencode_extensions = false);

    // A positive serial from its big-endian magnitude (1..20 octets after leading zeros
    // are dropped; checked in tbs()).
    CertificateBuilder& serial(ByteView magnitude);
    CertificateBuilder& serial_u64(uint64_t serial);
    // The INTEGER contents as is: negative or overlong serials (for negative tests).
    CertificateBuilder& serial_raw(ByteView integer_contents);

    CertificateBuilder& issuer(Name name);
    CertificateBuilder& subject(Name name);
    // Name::build of the attributes; a bad attribute makes tbs() fail.
    CertificateBuilder& issuer(const std::vector<NameAttribute>& attributes);
    CertificateBuilder& subject(const std::vector<NameAttribute>& attributes);

    CertificateBuilder& validity(int64_t not_before, int64_t not_after);
    // The SubjectPublicKeyInfo DER (x509::PublicKey::to_spki()); parsed in tbs().
    CertificateBuilder& public_key(ByteView spki_der);

    // 1, 2 or 3 (default 3). Nothing stops extensions on a v1 certificate here: the
    // parser must reject what this writes then (for negative tests).
    CertificateBuilder& version(int v);
    CertificateBuilder& issuer_unique_id(ByteView bit_string_contents);
    CertificateBuilder& subject_unique_id(ByteView bit_string_contents);
    // Writes this AlgorithmIdentifier inside the TBS instead of the signing one (for
    // negative tests: RFC 5280 §4.1.1.2 requires the two to be equal).
    CertificateBuilder& tbs_signature_algorithm(ByteView alg_der);

    CertificateBuilder& basic_constraints(const BasicConstraints& e) { return set(encode(e)); }
    CertificateBuilder& key_usage(const KeyUsage& e) { return set(encode(e)); }
    CertificateBuilder& ext_key_usage(const ExtKeyUsage& e) { return set(encode(e)); }
    CertificateBuilder& subject_alt_name(const AltName& e) {
        return set(encode(e, oid::kSubjectAltName));
    }
    CertificateBuilder& issuer_alt_name(const AltName& e) {
        return set(encode(e, oid::kIssuerAltName));
    }
    CertificateBuilder& name_constraints(const NameConstraints& e) { return set(encode(e)); }
    CertificateBuilder& certificate_policies(const CertificatePolicies& e) {
        return set(encode(e));
    }
    CertificateBuilder& policy_mappings(const PolicyMappings& e) { return set(encode(e)); }
    CertificateBuilder& policy_constraints(const PolicyConstraints& e) { return set(encode(e)); }
    CertificateBuilder& inhibit_any_policy(const InhibitAnyPolicy& e) { return set(encode(e)); }
    CertificateBuilder& authority_key_id(const AuthorityKeyIdentifier& e) { return set(encode(e)); }
    CertificateBuilder& subject_key_id(const SubjectKeyIdentifier& e) { return set(encode(e)); }
    CertificateBuilder& crl_distribution_points(const CrlDistributionPoints& e) {
        return set(encode(e));
    }
    CertificateBuilder& freshest_crl(const CrlDistributionPoints& e);
    CertificateBuilder& authority_info_access(const InfoAccess& e) {
        return set(encode(e, oid::kAuthorityInfoAccess));
    }
    CertificateBuilder& subject_info_access(const InfoAccess& e) {
        return set(encode(e, oid::kSubjectInfoAccess));
    }
    CertificateBuilder& tls_feature(const TlsFeature& e) { return set(encode(e)); }

    // Replaces the extension with this OID where it stands, or appends it.
    CertificateBuilder& set(Extension e);
    // Appends, even when the OID is already there.
    CertificateBuilder& add_extension(Extension e);
    CertificateBuilder& remove_extension(const Oid& oid);
    const std::vector<Extension>& extensions() const { return extensions_; }

    // The TBSCertificate DER for a signature with `signature_algorithm_der`.
    Result<Bytes> tbs(ByteView signature_algorithm_der) const;
    // The complete certificate DER.
    Result<Bytes> sign(ByteView signature_algorithm_der, const SignFn& sign) const;
    // Signed by `key` under `alg` (SignatureAlgorithm::for_scheme() picks one from a
    // TLS scheme); invalid_argument when `alg` does not fit the key.
    Result<Bytes> sign(const PrivateKey& key, const SignatureAlgorithm& alg,
                       crypto::Rng& rng) const;
    Result<Certificate> build(const PrivateKey& key, const SignatureAlgorithm& alg,
                              crypto::Rng& rng) const;
    // sign(), then parsed back.
    Result<Certificate> build(ByteView signature_algorithm_der, const SignFn& sign) const;

  private:
    std::optional<Error> error_;
    int version_ = 3;
    Bytes serial_ = {1};  // INTEGER contents
    Name issuer_;
    Name subject_;
    int64_t not_before_ = 0;
    int64_t not_after_ = 0;
    Bytes spki_;
    std::optional<Bytes> issuer_uid_;
    std::optional<Bytes> subject_uid_;
    std::optional<Bytes> tbs_alg_override_;
    std::vector<Extension> extensions_;
};

// Certificate ::= SEQUENCE { tbs, signatureAlgorithm, signatureValue BIT STRING }
Bytes assemble_certificate(ByteView tbs_der, ByteView signature_algorithm_der, ByteView signature);

// RFC 5280 §4.2.1.2 method (1): the SHA-1 of the subjectPublicKey BIT STRING value,
// for subjectKeyIdentifier and authorityKeyIdentifier keyIdentifier.
Result<Bytes> key_identifier(ByteView spki_der);

}  // namespace keel::x509
