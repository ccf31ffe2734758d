// X.509 v1/v2/v3 certificates (RFC 5280 §4.1): parsed, never validated here.
//
//   KEEL_TRY_ASSIGN(auto cert, Certificate::parse(der));
//   cert.subject().to_string();            // "CN=keel.example,O=keel test,C=DE"
//   cert.tbs_der();                        // the bytes the issuer's signature covers
//   if (auto& san = cert.extensions().subject_alt_name) ...
//   KEEL_TRY_ASSIGN(auto chain, parse_certificates_pem(file_text));
//
// Everything is copied out of the input, so a Certificate owns its data. Two
// certificates are equal when their DER is (RFC 5280 has no other identity).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "x509/cert/extensions.h"
#include "x509/cert/name.h"
#include "x509/der/der.h"
#include "x509/der/oid.h"
#include "x509/key/key.h"

namespace keel::x509 {

// AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }
struct AlgorithmIdentifier {
    Oid oid;
    std::optional<Bytes> parameters;  // DER of the parameters element, when present
    Bytes der;                        // the whole AlgorithmIdentifier

    static Result<AlgorithmIdentifier> parse(der::Reader& r);
    static Result<AlgorithmIdentifier> from_der(ByteView der);
    bool operator==(const AlgorithmIdentifier& o) const { return der == o.der; }
};

// SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
//                                     subjectPublicKey BIT STRING }
struct SubjectPublicKeyInfo {
    AlgorithmIdentifier algorithm;
    Bytes key;  // the subjectPublicKey bits (a whole number of octets)
    Bytes der;  // the whole SubjectPublicKeyInfo, for x509::PublicKey::from_spki

    static Result<SubjectPublicKeyInfo> parse(der::Reader& r);
    static Result<SubjectPublicKeyInfo> from_der(ByteView der);
};

// Serial numbers longer than this (magnitude, without a sign octet) are rejected:
// RFC 5280 §4.1.2.2 "Conforming CAs MUST NOT use serialNumber values longer than 20
// octets"; a 20-octet magnitude with its top bit set needs a 21st, zero, sign octet.
inline constexpr size_t kMaxSerialOctets = 20;

// The TBSCertificate fields (RFC 5280 §4.1.2).
struct TbsCertificate {
    int version = 3;  // 1, 2 or 3 (the encoded value plus one)
    // The INTEGER contents exactly as encoded (two's complement, minimal).
    Bytes serial;
    // RFC 5280 §4.1.2.2 wants a positive serial, but real CAs issued 0 and negative
    // ones: those parse, with this flag set for callers that care.
    bool serial_not_positive = false;
    AlgorithmIdentifier signature;  // equal to the outer signatureAlgorithm (checked)
    Name issuer;
    int64_t not_before = 0;  // Unix seconds
    int64_t not_after = 0;
    Name subject;
    SubjectPublicKeyInfo spki;
    // [1] / [2] IMPLICIT UniqueIdentifier (v2 and v3 only): the BIT STRING contents,
    // unused-bits octet first (validated as a DER BIT STRING).
    std::optional<Bytes> issuer_unique_id;
    std::optional<Bytes> subject_unique_id;
    // [3] Extensions (v3 only); empty `all` when absent.
    Extensions extensions;
    bool has_extensions = false;
};

class Certificate {
  public:
    // One DER certificate, nothing after it.
    static Result<Certificate> parse(ByteView der);

    const Bytes& der() const { return der_; }
    ByteView tbs_der() const { return ByteView(der_).subspan(tbs_offset_, tbs_size_); }
    const TbsCertificate& tbs() const { return tbs_; }

    // Shortcuts into tbs().
    int version() const { return tbs_.version; }
    const Bytes& serial() const { return tbs_.serial; }
    // The serial as lower-case hex of its INTEGER contents ("00e5..." keeps the sign
    // octet), for messages and CRL lookups.
    std::string serial_hex() const;
    const Name& issuer() const { return tbs_.issuer; }
    const Name& subject() const { return tbs_.subject; }
    int64_t not_before() const { return tbs_.not_before; }
    int64_t not_after() const { return tbs_.not_after; }
    const SubjectPublicKeyInfo& spki() const { return tbs_.spki; }
    const Extensions& extensions() const { return tbs_.extensions; }

    // The outer signatureAlgorithm and signatureValue.
    const AlgorithmIdentifier& signature_algorithm() const { return signature_algorithm_; }
    ByteView signature() const { return signature_; }

    // Issuer and subject names match (RFC 5280 §7.1) — a self-issued certificate
    // (§3.2); whether it is self-signed takes a signature check.
    bool is_self_issued() const { return tbs_.issuer.matches(tbs_.subject); }
    // basicConstraints cA is asserted.
    bool is_ca() const;

    // The subject's key, decoded from the SPKI (x509/key: unsupported or malformed
    // keys are an error here, not at parse time).
    Result<PublicKey> public_key() const;
    // Checks this certificate's signature under `issuer_key` (RFC 5280 §4.1.1.3):
    // auth_failed when it does not verify, invalid_argument when the signature
    // algorithm does not fit the key, unsupported for an algorithm x509/key lacks.
    Result<void> verify_signature(const PublicKey& issuer_key) const;

    std::string to_pem() const;

    bool operator==(const Certificate& o) const { return der_ == o.der_; }
    size_t hash() const;

  private:
    Bytes der_;
    size_t tbs_offset_ = 0;
    size_t tbs_size_ = 0;
    TbsCertificate tbs_;
    AlgorithmIdentifier signature_algorithm_;
    Bytes signature_;
};

// Every CERTIFICATE block of a PEM text, in order (other blocks are skipped). Text with
// no certificate gives an empty list; a malformed block or certificate is an error.
Result<std::vector<Certificate>> parse_certificates_pem(std::string_view text);
// DER (one certificate) or PEM (any number), whichever `data` is.
Result<std::vector<Certificate>> parse_certificates(ByteView data);

}  // namespace keel::x509

template <>
struct std::hash<keel::x509::Certificate> {
    size_t operator()(const keel::x509::Certificate& c) const { return c.hash(); }
};
