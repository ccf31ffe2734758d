// Object identifiers: a small value type holding the DER contents octets, built at
// compile time from arcs so the registry below reads like the RFCs that define it.
//
//   constexpr Oid kSha256{2, 16, 840, 1, 101, 3, 4, 2, 1};
//   if (alg.oid == oid::kEd25519) ...
//   oid_name(o)  -> "ed25519" (or the dotted form for an OID we do not know)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"

namespace keel::x509 {

class Oid {
public:
    // Longest OID we accept, in contents octets; real ones are under 20.
    static constexpr size_t kMaxBytes = 40;

    constexpr Oid() = default;
    // From arcs, e.g. {1, 2, 840, 113549, 1, 1, 1}: compile time only, so a misspelt
    // constant (fewer than two arcs, first arc above 2, second above 39 under 0 or 1,
    // X.690 §8.19.4) fails to compile instead of throwing.
    consteval Oid(std::initializer_list<uint64_t> arcs) {
        if (arcs.size() < 2) throw "an OID needs two arcs";
        auto it = arcs.begin();
        uint64_t first = *it++;
        uint64_t second = *it++;
        if (first > 2 || (first < 2 && second > 39)) throw "bad first arcs";
        append_arc(first * 40 + second);
        for (; it != arcs.end(); ++it) append_arc(*it);
    }

    // Validates contents octets read from DER: minimal base-128 arcs, no truncated arc.
    static Result<Oid> from_der(ByteView contents);
    // "1.2.840.10045.2.1" -> Oid.
    static Result<Oid> from_string(std::string_view dotted);

    ByteView bytes() const { return {bytes_.data(), size_}; }
    std::string to_string() const;  // dotted decimal

    constexpr bool operator==(const Oid& o) const {
        if (size_ != o.size_) return false;
        for (size_t i = 0; i < size_; ++i)
            if (bytes_[i] != o.bytes_[i]) return false;
        return true;
    }
    constexpr bool operator<(const Oid& o) const {
        for (size_t i = 0; i < size_ && i < o.size_; ++i)
            if (bytes_[i] != o.bytes_[i]) return bytes_[i] < o.bytes_[i];
        return size_ < o.size_;
    }

private:
    constexpr void append_arc(uint64_t arc) {
        uint8_t tmp[10] = {};
        size_t n = 0;
        do {
            tmp[n++] = static_cast<uint8_t>(arc & 0x7f);
            arc >>= 7;
        } while (arc != 0);
        if (size_ + n > kMaxBytes) throw "OID too long";
        while (n > 0) {
            --n;
            bytes_[size_++] = static_cast<uint8_t>(tmp[n] | (n > 0 ? 0x80 : 0));
        }
    }

    std::array<uint8_t, kMaxBytes> bytes_{};
    size_t size_ = 0;
};

// The name we print for an OID (lower-case, as OpenSSL's short names or the RFC's
// identifiers), or its dotted form when it is not in the registry.
std::string oid_name(const Oid& o);
// The registered OID with this name, for tools and tests.
std::optional<Oid> oid_from_name(std::string_view name);

namespace oid {

// Hashes (RFC 3279, RFC 5758, NIST CSOR).
inline constexpr Oid kSha1{1, 3, 14, 3, 2, 26};
inline constexpr Oid kSha224{2, 16, 840, 1, 101, 3, 4, 2, 4};
inline constexpr Oid kSha256{2, 16, 840, 1, 101, 3, 4, 2, 1};
inline constexpr Oid kSha384{2, 16, 840, 1, 101, 3, 4, 2, 2};
inline constexpr Oid kSha512{2, 16, 840, 1, 101, 3, 4, 2, 3};
inline constexpr Oid kSha3_256{2, 16, 840, 1, 101, 3, 4, 2, 8};
inline constexpr Oid kSha3_384{2, 16, 840, 1, 101, 3, 4, 2, 9};
inline constexpr Oid kSha3_512{2, 16, 840, 1, 101, 3, 4, 2, 10};
inline constexpr Oid kShake128{2, 16, 840, 1, 101, 3, 4, 2, 11};
inline constexpr Oid kShake256{2, 16, 840, 1, 101, 3, 4, 2, 12};

// RSA (RFC 8017, RFC 4055).
inline constexpr Oid kRsaEncryption{1, 2, 840, 113549, 1, 1, 1};
inline constexpr Oid kMgf1{1, 2, 840, 113549, 1, 1, 8};
inline constexpr Oid kRsassaPss{1, 2, 840, 113549, 1, 1, 10};
inline constexpr Oid kRsaesOaep{1, 2, 840, 113549, 1, 1, 7};
inline constexpr Oid kSha1WithRsa{1, 2, 840, 113549, 1, 1, 5};
inline constexpr Oid kSha224WithRsa{1, 2, 840, 113549, 1, 1, 14};
inline constexpr Oid kSha256WithRsa{1, 2, 840, 113549, 1, 1, 11};
inline constexpr Oid kSha384WithRsa{1, 2, 840, 113549, 1, 1, 12};
inline constexpr Oid kSha512WithRsa{1, 2, 840, 113549, 1, 1, 13};
inline constexpr Oid kMd5WithRsa{1, 2, 840, 113549, 1, 1, 4};

// Elliptic curves (RFC 5480, RFC 5639, RFC 5758) and EdDSA/ECDH (RFC 8410).
inline constexpr Oid kEcPublicKey{1, 2, 840, 10045, 2, 1};
inline constexpr Oid kSecp256r1{1, 2, 840, 10045, 3, 1, 7};
inline constexpr Oid kSecp384r1{1, 3, 132, 0, 34};
inline constexpr Oid kSecp521r1{1, 3, 132, 0, 35};
inline constexpr Oid kBrainpoolP256r1{1, 3, 36, 3, 3, 2, 8, 1, 1, 7};
inline constexpr Oid kBrainpoolP384r1{1, 3, 36, 3, 3, 2, 8, 1, 1, 11};
inline constexpr Oid kBrainpoolP512r1{1, 3, 36, 3, 3, 2, 8, 1, 1, 13};
inline constexpr Oid kEcdsaWithSha1{1, 2, 840, 10045, 4, 1};
inline constexpr Oid kEcdsaWithSha224{1, 2, 840, 10045, 4, 3, 1};
inline constexpr Oid kEcdsaWithSha256{1, 2, 840, 10045, 4, 3, 2};
inline constexpr Oid kEcdsaWithSha384{1, 2, 840, 10045, 4, 3, 3};
inline constexpr Oid kEcdsaWithSha512{1, 2, 840, 10045, 4, 3, 4};
inline constexpr Oid kX25519{1, 3, 101, 110};
inline constexpr Oid kX448{1, 3, 101, 111};
inline constexpr Oid kEd25519{1, 3, 101, 112};
inline constexpr Oid kEd448{1, 3, 101, 113};

// DSA (RFC 3279), for legacy certificates.
inline constexpr Oid kDsa{1, 2, 840, 10040, 4, 1};
inline constexpr Oid kDsaWithSha1{1, 2, 840, 10040, 4, 3};
inline constexpr Oid kDsaWithSha256{2, 16, 840, 1, 101, 3, 4, 3, 2};

// FIPS 204 / 205 / 203 (NIST CSOR sigAlgs 17..31, kems 1..3).
inline constexpr Oid kMlDsa44{2, 16, 840, 1, 101, 3, 4, 3, 17};
inline constexpr Oid kMlDsa65{2, 16, 840, 1, 101, 3, 4, 3, 18};
inline constexpr Oid kMlDsa87{2, 16, 840, 1, 101, 3, 4, 3, 19};
inline constexpr Oid kSlhDsaSha2_128s{2, 16, 840, 1, 101, 3, 4, 3, 20};
inline constexpr Oid kSlhDsaSha2_128f{2, 16, 840, 1, 101, 3, 4, 3, 21};
inline constexpr Oid kSlhDsaSha2_192s{2, 16, 840, 1, 101, 3, 4, 3, 22};
inline constexpr Oid kSlhDsaSha2_192f{2, 16, 840, 1, 101, 3, 4, 3, 23};
inline constexpr Oid kSlhDsaSha2_256s{2, 16, 840, 1, 101, 3, 4, 3, 24};
inline constexpr Oid kSlhDsaSha2_256f{2, 16, 840, 1, 101, 3, 4, 3, 25};
inline constexpr Oid kSlhDsaShake128s{2, 16, 840, 1, 101, 3, 4, 3, 26};
inline constexpr Oid kSlhDsaShake128f{2, 16, 840, 1, 101, 3, 4, 3, 27};
inline constexpr Oid kSlhDsaShake192s{2, 16, 840, 1, 101, 3, 4, 3, 28};
inline constexpr Oid kSlhDsaShake192f{2, 16, 840, 1, 101, 3, 4, 3, 29};
inline constexpr Oid kSlhDsaShake256s{2, 16, 840, 1, 101, 3, 4, 3, 30};
inline constexpr Oid kSlhDsaShake256f{2, 16, 840, 1, 101, 3, 4, 3, 31};
inline constexpr Oid kMlKem512{2, 16, 840, 1, 101, 3, 4, 4, 1};
inline constexpr Oid kMlKem768{2, 16, 840, 1, 101, 3, 4, 4, 2};
inline constexpr Oid kMlKem1024{2, 16, 840, 1, 101, 3, 4, 4, 3};

// Password-based encryption (RFC 8018) and ciphers for encrypted PKCS#8.
inline constexpr Oid kPbes2{1, 2, 840, 113549, 1, 5, 13};
inline constexpr Oid kPbkdf2{1, 2, 840, 113549, 1, 5, 12};
inline constexpr Oid kHmacWithSha1{1, 2, 840, 113549, 2, 7};
inline constexpr Oid kHmacWithSha256{1, 2, 840, 113549, 2, 9};
inline constexpr Oid kHmacWithSha384{1, 2, 840, 113549, 2, 10};
inline constexpr Oid kHmacWithSha512{1, 2, 840, 113549, 2, 11};
inline constexpr Oid kAes128Cbc{2, 16, 840, 1, 101, 3, 4, 1, 2};
inline constexpr Oid kAes192Cbc{2, 16, 840, 1, 101, 3, 4, 1, 22};
inline constexpr Oid kAes256Cbc{2, 16, 840, 1, 101, 3, 4, 1, 42};

// Name attributes (RFC 5280 Appendix A, RFC 4519, PKCS#9).
inline constexpr Oid kCommonName{2, 5, 4, 3};
inline constexpr Oid kSurname{2, 5, 4, 4};
inline constexpr Oid kSerialNumber{2, 5, 4, 5};
inline constexpr Oid kCountryName{2, 5, 4, 6};
inline constexpr Oid kLocalityName{2, 5, 4, 7};
inline constexpr Oid kStateOrProvinceName{2, 5, 4, 8};
inline constexpr Oid kStreetAddress{2, 5, 4, 9};
inline constexpr Oid kOrganizationName{2, 5, 4, 10};
inline constexpr Oid kOrganizationalUnitName{2, 5, 4, 11};
inline constexpr Oid kTitle{2, 5, 4, 12};
inline constexpr Oid kPostalCode{2, 5, 4, 17};
inline constexpr Oid kGivenName{2, 5, 4, 42};
inline constexpr Oid kInitials{2, 5, 4, 43};
inline constexpr Oid kGenerationQualifier{2, 5, 4, 44};
inline constexpr Oid kDnQualifier{2, 5, 4, 46};
inline constexpr Oid kPseudonym{2, 5, 4, 65};
inline constexpr Oid kOrganizationIdentifier{2, 5, 4, 97};
inline constexpr Oid kDomainComponent{0, 9, 2342, 19200300, 100, 1, 25};
inline constexpr Oid kUserId{0, 9, 2342, 19200300, 100, 1, 1};
inline constexpr Oid kEmailAddress{1, 2, 840, 113549, 1, 9, 1};

// Certificate and CRL extensions (RFC 5280 §4.2, §5.2, §5.3; RFC 7633).
inline constexpr Oid kSubjectDirectoryAttributes{2, 5, 29, 9};
inline constexpr Oid kSubjectKeyIdentifier{2, 5, 29, 14};
inline constexpr Oid kKeyUsage{2, 5, 29, 15};
inline constexpr Oid kSubjectAltName{2, 5, 29, 17};
inline constexpr Oid kIssuerAltName{2, 5, 29, 18};
inline constexpr Oid kBasicConstraints{2, 5, 29, 19};
inline constexpr Oid kCrlNumber{2, 5, 29, 20};
inline constexpr Oid kCrlReason{2, 5, 29, 21};
inline constexpr Oid kInvalidityDate{2, 5, 29, 24};
inline constexpr Oid kDeltaCrlIndicator{2, 5, 29, 27};
inline constexpr Oid kIssuingDistributionPoint{2, 5, 29, 28};
inline constexpr Oid kCertificateIssuer{2, 5, 29, 29};
inline constexpr Oid kNameConstraints{2, 5, 29, 30};
inline constexpr Oid kCrlDistributionPoints{2, 5, 29, 31};
inline constexpr Oid kCertificatePolicies{2, 5, 29, 32};
inline constexpr Oid kAnyPolicy{2, 5, 29, 32, 0};
inline constexpr Oid kPolicyMappings{2, 5, 29, 33};
inline constexpr Oid kAuthorityKeyIdentifier{2, 5, 29, 35};
inline constexpr Oid kPolicyConstraints{2, 5, 29, 36};
inline constexpr Oid kExtKeyUsage{2, 5, 29, 37};
inline constexpr Oid kFreshestCrl{2, 5, 29, 46};
inline constexpr Oid kInhibitAnyPolicy{2, 5, 29, 54};
inline constexpr Oid kAuthorityInfoAccess{1, 3, 6, 1, 5, 5, 7, 1, 1};
inline constexpr Oid kSubjectInfoAccess{1, 3, 6, 1, 5, 5, 7, 1, 11};
inline constexpr Oid kTlsFeature{1, 3, 6, 1, 5, 5, 7, 1, 24};
inline constexpr Oid kCtPrecertScts{1, 3, 6, 1, 4, 1, 11129, 2, 4, 2};

// Policy qualifiers (RFC 5280 §4.2.1.4).
inline constexpr Oid kCpsQualifier{1, 3, 6, 1, 5, 5, 7, 2, 1};
inline constexpr Oid kUserNoticeQualifier{1, 3, 6, 1, 5, 5, 7, 2, 2};

// Extended key usage purposes (RFC 5280 §4.2.1.12).
inline constexpr Oid kAnyExtendedKeyUsage{2, 5, 29, 37, 0};
inline constexpr Oid kServerAuth{1, 3, 6, 1, 5, 5, 7, 3, 1};
inline constexpr Oid kClientAuth{1, 3, 6, 1, 5, 5, 7, 3, 2};
inline constexpr Oid kCodeSigning{1, 3, 6, 1, 5, 5, 7, 3, 3};
inline constexpr Oid kEmailProtection{1, 3, 6, 1, 5, 5, 7, 3, 4};
inline constexpr Oid kTimeStamping{1, 3, 6, 1, 5, 5, 7, 3, 8};
inline constexpr Oid kOcspSigning{1, 3, 6, 1, 5, 5, 7, 3, 9};

// Access methods (AIA) and OCSP (RFC 6960).
inline constexpr Oid kAdOcsp{1, 3, 6, 1, 5, 5, 7, 48, 1};
inline constexpr Oid kAdCaIssuers{1, 3, 6, 1, 5, 5, 7, 48, 2};
inline constexpr Oid kOcspBasic{1, 3, 6, 1, 5, 5, 7, 48, 1, 1};
inline constexpr Oid kOcspNonce{1, 3, 6, 1, 5, 5, 7, 48, 1, 2};
inline constexpr Oid kOcspNoCheck{1, 3, 6, 1, 5, 5, 7, 48, 1, 5};

}  // namespace oid

}  // namespace keel::x509
