// Certificate parsing (RFC 5280 §4.1, ASN.1 in Appendix A.1).
#include "x509/cert/certificate.h"

#include <functional>

#include "x509/der/pem.h"
#include "x509/key/sig_alg.h"

namespace keel::x509 {

namespace {

Error bad(std::string detail) {
    return Error(Errc::malformed, "Certificate: " + std::move(detail));
}

Bytes copy(ByteView v) {
    return Bytes(v.begin(), v.end());
}

// [1]/[2] IMPLICIT UniqueIdentifier: BIT STRING contents under a context tag.
Result<Bytes> unique_id(ByteView contents) {
    der::Writer w;
    w.element(der::kBitString, contents);
    der::Reader r(w.bytes());
    KEEL_TRY(r.bit_string());
    return copy(contents);
}

Result<void> parse_version(der::Reader& r, TbsCertificate& t) {
    // version [0] EXPLICIT Version DEFAULT v1: DER omits v1, so an explicit 0 is an
    // encoding error, not a v1 certificate.
    KEEL_TRY_ASSIGN(auto v, r.optional_constructed(der::context_constructed(0)));
    if (!v) {
        t.version = 1;
        return ok();
    }
    KEEL_TRY_ASSIGN(int64_t n, v->small_unsigned());
    KEEL_TRY(v->finish());
    if (n == 0) return bad("version v1 encoded explicitly (DER omits the DEFAULT)");
    if (n > 2) return bad("unknown version " + std::to_string(n + 1));
    t.version = static_cast<int>(n + 1);
    return ok();
}

Result<void> parse_serial(der::Reader& r, TbsCertificate& t) {
    KEEL_TRY_ASSIGN(ByteView s, r.integer());
    ByteView magnitude = s;
    const bool negative = s[0] & 0x80;
    if (!negative && s.size() > 1 && s[0] == 0) magnitude = s.subspan(1);
    if (magnitude.size() > kMaxSerialOctets)
        return bad("serial number of " + std::to_string(magnitude.size()) + " octets (at most 20)");
    t.serial = copy(s);
    t.serial_not_positive = negative || (s.size() == 1 && s[0] == 0);
    return ok();
}

Result<TbsCertificate> parse_tbs(ByteView contents) {
    der::Reader r(contents);
    TbsCertificate t;
    KEEL_TRY(parse_version(r, t));
    KEEL_TRY(parse_serial(r, t));
    KEEL_TRY_ASSIGN(t.signature, AlgorithmIdentifier::parse(r));
    KEEL_TRY_ASSIGN(t.issuer, Name::parse(r));
    {
        KEEL_TRY_ASSIGN(der::Reader validity, r.sequence());
        KEEL_TRY_ASSIGN(t.not_before, validity.time());
        KEEL_TRY_ASSIGN(t.not_after, validity.time());
        KEEL_TRY(validity.finish());
    }
    KEEL_TRY_ASSIGN(t.subject, Name::parse(r));
    KEEL_TRY_ASSIGN(t.spki, SubjectPublicKeyInfo::parse(r));
    // §4.1.2.8: unique identifiers only in v2 and v3.
    KEEL_TRY_ASSIGN(auto iuid, r.optional(der::context(1)));
    if (iuid) {
        if (t.version < 2) return bad("issuerUniqueID in a v1 certificate");
        KEEL_TRY_ASSIGN(t.issuer_unique_id, unique_id(*iuid));
    }
    KEEL_TRY_ASSIGN(auto suid, r.optional(der::context(2)));
    if (suid) {
        if (t.version < 2) return bad("subjectUniqueID in a v1 certificate");
        KEEL_TRY_ASSIGN(t.subject_unique_id, unique_id(*suid));
    }
    // §4.1.2.9: extensions only in v3.
    KEEL_TRY_ASSIGN(auto ext, r.optional_constructed(der::context_constructed(3)));
    if (ext) {
        if (t.version != 3)
            return bad("extensions in a v" + std::to_string(t.version) + " certificate");
        KEEL_TRY_ASSIGN(t.extensions, Extensions::parse(*ext));
        KEEL_TRY(ext->finish());
        t.has_extensions = true;
    }
    if (!r.empty()) return bad("unexpected element or trailing bytes in TBSCertificate");
    return t;
}

}  // namespace

Result<AlgorithmIdentifier> AlgorithmIdentifier::parse(der::Reader& r) {
    KEEL_TRY_ASSIGN(der::Element e, r.element(der::kSequence));
    der::Reader seq(e.contents);
    AlgorithmIdentifier a;
    KEEL_TRY_ASSIGN(a.oid, seq.oid());
    if (!seq.empty()) {
        KEEL_TRY_ASSIGN(der::Element p, seq.any());
        a.parameters = copy(p.encoding);
    }
    KEEL_TRY(seq.finish());
    a.der = copy(e.encoding);
    return a;
}

Result<AlgorithmIdentifier> AlgorithmIdentifier::from_der(ByteView der) {
    der::Reader r(der);
    KEEL_TRY_ASSIGN(AlgorithmIdentifier a, parse(r));
    KEEL_TRY(r.finish());
    return a;
}

Result<SubjectPublicKeyInfo> SubjectPublicKeyInfo::parse(der::Reader& r) {
    KEEL_TRY_ASSIGN(der::Element e, r.element(der::kSequence));
    der::Reader seq(e.contents);
    SubjectPublicKeyInfo s;
    KEEL_TRY_ASSIGN(s.algorithm, AlgorithmIdentifier::parse(seq));
    KEEL_TRY_ASSIGN(ByteView key, seq.bit_string_octets());
    KEEL_TRY(seq.finish());
    s.key = copy(key);
    s.der = copy(e.encoding);
    return s;
}

Result<SubjectPublicKeyInfo> SubjectPublicKeyInfo::from_der(ByteView der) {
    der::Reader r(der);
    KEEL_TRY_ASSIGN(SubjectPublicKeyInfo s, parse(r));
    KEEL_TRY(r.finish());
    return s;
}

Result<Certificate> Certificate::parse(ByteView input) {
    Certificate c;
    c.der_ = copy(input);
    const ByteView der = c.der_;
    // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
    KEEL_TRY_ASSIGN(der::Reader cert, der::parse(der, der::kSequence));
    KEEL_TRY_ASSIGN(der::Element tbs, cert.element(der::kSequence));
    KEEL_TRY_ASSIGN(c.tbs_, parse_tbs(tbs.contents));
    KEEL_TRY_ASSIGN(c.signature_algorithm_, AlgorithmIdentifier::parse(cert));
    KEEL_TRY_ASSIGN(ByteView sig, cert.bit_string_octets());
    KEEL_TRY(cert.finish());
    // §4.1.1.2: signatureAlgorithm "MUST contain the same algorithm identifier as the
    // signature field in the sequence tbsCertificate". Compare the encodings, so that
    // NULL versus absent parameters also counts as a mismatch.
    if (!(c.signature_algorithm_ == c.tbs_.signature))
        return bad("signatureAlgorithm differs from the TBSCertificate signature field");
    c.signature_ = copy(sig);
    c.tbs_offset_ = static_cast<size_t>(tbs.encoding.data() - der.data());
    c.tbs_size_ = tbs.encoding.size();
    return c;
}

std::string Certificate::serial_hex() const {
    static const char kHex[] = "0123456789abcdef";
    std::string s;
    for (uint8_t b : tbs_.serial) {
        s += kHex[b >> 4];
        s += kHex[b & 15];
    }
    return s;
}

bool Certificate::is_ca() const {
    const auto& bc = tbs_.extensions.basic_constraints;
    return bc && bc->ca;
}

Result<PublicKey> Certificate::public_key() const {
    return PublicKey::from_spki(tbs_.spki.der);
}

Result<void> Certificate::verify_signature(const PublicKey& issuer_key) const {
    KEEL_TRY_ASSIGN(SignatureAlgorithm alg, SignatureAlgorithm::parse(signature_algorithm_.der));
    return issuer_key.verify_x509(alg, tbs_der(), signature_);
}

std::string Certificate::to_pem() const {
    return pem_encode("CERTIFICATE", der_);
}

size_t Certificate::hash() const {
    return std::hash<std::string_view>()(
        std::string_view(reinterpret_cast<const char*>(der_.data()), der_.size()));
}

Result<std::vector<Certificate>> parse_certificates_pem(std::string_view text) {
    KEEL_TRY_ASSIGN(auto blocks, pem_decode_all(text, "CERTIFICATE"));
    std::vector<Certificate> out;
    for (size_t i = 0; i < blocks.size(); ++i) {
        auto c = Certificate::parse(blocks[i].der.view());
        if (!c) {
            return Error(c.error().code(),
                         "PEM certificate " + std::to_string(i + 1) + ": " + c.error().detail());
        }
        out.push_back(std::move(*c));
    }
    return out;
}

Result<std::vector<Certificate>> parse_certificates(ByteView data) {
    if (looks_like_pem(data))
        return parse_certificates_pem(
            std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
    KEEL_TRY_ASSIGN(Certificate c, Certificate::parse(data));
    std::vector<Certificate> out;
    out.push_back(std::move(c));
    return out;
}

}  // namespace keel::x509
