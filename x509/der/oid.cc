#include "x509/der/oid.h"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

namespace keel::x509 {

namespace {

Error bad_oid(std::string detail) { return Error(Errc::malformed, "OID: " + std::move(detail)); }

struct Named {
    Oid oid;
    std::string_view name;
};

// Names follow OpenSSL's short names where one exists (what `openssl x509 -text` users
// know), the RFC's identifier otherwise.
const Named kRegistry[] = {
    {oid::kSha1, "sha1"},
    {oid::kSha224, "sha224"},
    {oid::kSha256, "sha256"},
    {oid::kSha384, "sha384"},
    {oid::kSha512, "sha512"},
    {oid::kSha3_256, "sha3-256"},
    {oid::kSha3_384, "sha3-384"},
    {oid::kSha3_512, "sha3-512"},
    {oid::kShake128, "shake128"},
    {oid::kShake256, "shake256"},
    {oid::kRsaEncryption, "rsaEncryption"},
    {oid::kMgf1, "mgf1"},
    {oid::kRsassaPss, "rsassaPss"},
    {oid::kRsaesOaep, "rsaesOaep"},
    {oid::kSha1WithRsa, "sha1WithRSAEncryption"},
    {oid::kSha224WithRsa, "sha224WithRSAEncryption"},
    {oid::kSha256WithRsa, "sha256WithRSAEncryption"},
    {oid::kSha384WithRsa, "sha384WithRSAEncryption"},
    {oid::kSha512WithRsa, "sha512WithRSAEncryption"},
    {oid::kMd5WithRsa, "md5WithRSAEncryption"},
    {oid::kEcPublicKey, "id-ecPublicKey"},
    {oid::kSecp256r1, "prime256v1"},
    {oid::kSecp384r1, "secp384r1"},
    {oid::kSecp521r1, "secp521r1"},
    {oid::kBrainpoolP256r1, "brainpoolP256r1"},
    {oid::kBrainpoolP384r1, "brainpoolP384r1"},
    {oid::kBrainpoolP512r1, "brainpoolP512r1"},
    {oid::kEcdsaWithSha1, "ecdsa-with-SHA1"},
    {oid::kEcdsaWithSha224, "ecdsa-with-SHA224"},
    {oid::kEcdsaWithSha256, "ecdsa-with-SHA256"},
    {oid::kEcdsaWithSha384, "ecdsa-with-SHA384"},
    {oid::kEcdsaWithSha512, "ecdsa-with-SHA512"},
    {oid::kX25519, "X25519"},
    {oid::kX448, "X448"},
    {oid::kEd25519, "ED25519"},
    {oid::kEd448, "ED448"},
    {oid::kDsa, "dsaEncryption"},
    {oid::kDsaWithSha1, "dsaWithSHA1"},
    {oid::kDsaWithSha256, "dsa_with_SHA256"},
    {oid::kMlDsa44, "ML-DSA-44"},
    {oid::kMlDsa65, "ML-DSA-65"},
    {oid::kMlDsa87, "ML-DSA-87"},
    {oid::kSlhDsaSha2_128s, "SLH-DSA-SHA2-128s"},
    {oid::kSlhDsaSha2_128f, "SLH-DSA-SHA2-128f"},
    {oid::kSlhDsaSha2_192s, "SLH-DSA-SHA2-192s"},
    {oid::kSlhDsaSha2_192f, "SLH-DSA-SHA2-192f"},
    {oid::kSlhDsaSha2_256s, "SLH-DSA-SHA2-256s"},
    {oid::kSlhDsaSha2_256f, "SLH-DSA-SHA2-256f"},
    {oid::kSlhDsaShake128s, "SLH-DSA-SHAKE-128s"},
    {oid::kSlhDsaShake128f, "SLH-DSA-SHAKE-128f"},
    {oid::kSlhDsaShake192s, "SLH-DSA-SHAKE-192s"},
    {oid::kSlhDsaShake192f, "SLH-DSA-SHAKE-192f"},
    {oid::kSlhDsaShake256s, "SLH-DSA-SHAKE-256s"},
    {oid::kSlhDsaShake256f, "SLH-DSA-SHAKE-256f"},
    {oid::kMlKem512, "ML-KEM-512"},
    {oid::kMlKem768, "ML-KEM-768"},
    {oid::kMlKem1024, "ML-KEM-1024"},
    {oid::kPbes2, "PBES2"},
    {oid::kPbkdf2, "PBKDF2"},
    {oid::kHmacWithSha1, "hmacWithSHA1"},
    {oid::kHmacWithSha256, "hmacWithSHA256"},
    {oid::kHmacWithSha384, "hmacWithSHA384"},
    {oid::kHmacWithSha512, "hmacWithSHA512"},
    {oid::kAes128Cbc, "aes-128-cbc"},
    {oid::kAes192Cbc, "aes-192-cbc"},
    {oid::kAes256Cbc, "aes-256-cbc"},
    {oid::kCommonName, "CN"},
    {oid::kSurname, "SN"},
    {oid::kSerialNumber, "serialNumber"},
    {oid::kCountryName, "C"},
    {oid::kLocalityName, "L"},
    {oid::kStateOrProvinceName, "ST"},
    {oid::kStreetAddress, "street"},
    {oid::kOrganizationName, "O"},
    {oid::kOrganizationalUnitName, "OU"},
    {oid::kTitle, "title"},
    {oid::kPostalCode, "postalCode"},
    {oid::kGivenName, "GN"},
    {oid::kInitials, "initials"},
    {oid::kGenerationQualifier, "generationQualifier"},
    {oid::kDnQualifier, "dnQualifier"},
    {oid::kPseudonym, "pseudonym"},
    {oid::kOrganizationIdentifier, "organizationIdentifier"},
    {oid::kDomainComponent, "DC"},
    {oid::kUserId, "UID"},
    {oid::kEmailAddress, "emailAddress"},
    {oid::kSubjectDirectoryAttributes, "subjectDirectoryAttributes"},
    {oid::kSubjectKeyIdentifier, "subjectKeyIdentifier"},
    {oid::kKeyUsage, "keyUsage"},
    {oid::kSubjectAltName, "subjectAltName"},
    {oid::kIssuerAltName, "issuerAltName"},
    {oid::kBasicConstraints, "basicConstraints"},
    {oid::kCrlNumber, "crlNumber"},
    {oid::kCrlReason, "CRLReason"},
    {oid::kInvalidityDate, "invalidityDate"},
    {oid::kDeltaCrlIndicator, "deltaCRLIndicator"},
    {oid::kIssuingDistributionPoint, "issuingDistributionPoint"},
    {oid::kCertificateIssuer, "certificateIssuer"},
    {oid::kNameConstraints, "nameConstraints"},
    {oid::kCrlDistributionPoints, "crlDistributionPoints"},
    {oid::kCertificatePolicies, "certificatePolicies"},
    {oid::kAnyPolicy, "anyPolicy"},
    {oid::kPolicyMappings, "policyMappings"},
    {oid::kAuthorityKeyIdentifier, "authorityKeyIdentifier"},
    {oid::kPolicyConstraints, "policyConstraints"},
    {oid::kExtKeyUsage, "extendedKeyUsage"},
    {oid::kFreshestCrl, "freshestCRL"},
    {oid::kInhibitAnyPolicy, "inhibitAnyPolicy"},
    {oid::kAuthorityInfoAccess, "authorityInfoAccess"},
    {oid::kSubjectInfoAccess, "subjectInfoAccess"},
    {oid::kTlsFeature, "tlsfeature"},
    {oid::kCtPrecertScts, "ct_precert_scts"},
    {oid::kCpsQualifier, "id-qt-cps"},
    {oid::kUserNoticeQualifier, "id-qt-unotice"},
    {oid::kAnyExtendedKeyUsage, "anyExtendedKeyUsage"},
    {oid::kServerAuth, "serverAuth"},
    {oid::kClientAuth, "clientAuth"},
    {oid::kCodeSigning, "codeSigning"},
    {oid::kEmailProtection, "emailProtection"},
    {oid::kTimeStamping, "timeStamping"},
    {oid::kOcspSigning, "OCSPSigning"},
    {oid::kAdOcsp, "OCSP"},
    {oid::kAdCaIssuers, "caIssuers"},
    {oid::kOcspBasic, "basicOCSPResponse"},
    {oid::kOcspNonce, "Nonce"},
    {oid::kOcspNoCheck, "noCheck"},
};

// Splits the contents octets into arcs of the encoded form (the first one still holds
// 40 * arc0 + arc1). Returns false on a non-minimal or truncated arc, or an arc that does
// not fit in 64 bits.
bool decode_arcs(ByteView contents, std::vector<uint64_t>* arcs) {
    uint64_t v = 0;
    bool in_arc = false;
    for (uint8_t b : contents) {
        if (!in_arc && b == 0x80) return false;  // leading 0x80: not minimal (X.690 §8.19.2)
        if (v >> 57) return false;               // another 7 bits would overflow
        v = (v << 7) | (b & 0x7f);
        in_arc = (b & 0x80) != 0;
        if (!in_arc) {
            arcs->push_back(v);
            v = 0;
        }
    }
    return !in_arc;
}

}  // namespace

Result<Oid> Oid::from_der(ByteView contents) {
    if (contents.empty()) return bad_oid("empty");
    if (contents.size() > kMaxBytes) return bad_oid("longer than 40 octets");
    std::vector<uint64_t> arcs;
    if (!decode_arcs(contents, &arcs)) return bad_oid("non-minimal or truncated arc");
    Oid o;
    std::copy(contents.begin(), contents.end(), o.bytes_.begin());
    o.size_ = contents.size();
    return o;
}

Result<Oid> Oid::from_string(std::string_view dotted) {
    std::vector<uint64_t> arcs;
    const char* p = dotted.data();
    const char* end = p + dotted.size();
    while (p < end) {
        uint64_t v = 0;
        auto [next, ec] = std::from_chars(p, end, v);
        if (ec != std::errc() || next == p) return bad_oid("bad arc in \"" + std::string(dotted) + "\"");
        // Decimal arcs are minimal too: "01" is not an arc.
        if (*p == '0' && next - p > 1) return bad_oid("leading zero in \"" + std::string(dotted) + "\"");
        arcs.push_back(v);
        p = next;
        if (p < end) {
            if (*p != '.' || p + 1 == end) return bad_oid("bad separator in \"" + std::string(dotted) + "\"");
            ++p;
        }
    }
    if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39))
        return bad_oid("bad first arcs in \"" + std::string(dotted) + "\"");
    if (arcs[0] == 2 && arcs[1] > UINT64_MAX - 80) return bad_oid("arc too large");
    Oid o;
    auto append = [&o](uint64_t arc) -> bool {
        uint8_t tmp[10] = {};
        size_t n = 0;
        do {
            tmp[n++] = static_cast<uint8_t>(arc & 0x7f);
            arc >>= 7;
        } while (arc != 0);
        if (o.size_ + n > kMaxBytes) return false;
        while (n > 0) {
            --n;
            o.bytes_[o.size_++] = static_cast<uint8_t>(tmp[n] | (n > 0 ? 0x80 : 0));
        }
        return true;
    };
    bool fits = append(arcs[0] * 40 + arcs[1]);
    for (size_t i = 2; fits && i < arcs.size(); ++i) fits = append(arcs[i]);
    if (!fits) return bad_oid("longer than 40 octets");
    return o;
}

std::string Oid::to_string() const {
    std::vector<uint64_t> arcs;
    if (size_ == 0 || !decode_arcs(bytes(), &arcs)) return "<invalid OID>";
    uint64_t first = arcs[0] < 40 ? 0 : arcs[0] < 80 ? 1 : 2;
    // Appends instead of operator+ chains: g++ 12 raises a false -Wrestrict on those.
    std::string s = std::to_string(first);
    s += '.';
    s += std::to_string(arcs[0] - first * 40);
    for (size_t i = 1; i < arcs.size(); ++i) {
        s += '.';
        s += std::to_string(arcs[i]);
    }
    return s;
}

std::string oid_name(const Oid& o) {
    for (const Named& n : kRegistry)
        if (n.oid == o) return std::string(n.name);
    return o.to_string();
}

std::optional<Oid> oid_from_name(std::string_view name) {
    for (const Named& n : kRegistry)
        if (n.name == name) return n.oid;
    return std::nullopt;
}

}  // namespace keel::x509
