// Distinguished names (RFC 5280 §4.1.2.4): the issuer and subject of a certificate.
//
// A Name keeps its DER encoding exactly as it arrived (chaining compares issuer to
// subject, and a re-encoding could differ from what the CA signed) next to the parsed
// attributes:
//
//   KEEL_TRY_ASSIGN(Name n, Name::parse(reader));
//   n.to_string();        // "CN=keel.example,O=keel test,C=DE"  (RFC 4514 order)
//   n.common_name();      // "keel.example"
//   n.matches(other);     // RFC 5280 §7.1 comparison (see matches())
//
//   Name::build({{oid::kCountryName, "DE"}, {oid::kCommonName, "keel root"}});
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "x509/der/der.h"
#include "x509/der/oid.h"

namespace keel::x509 {

// One AttributeTypeAndValue. `value` is the contents of the value element and `tag` its
// tag: for the DirectoryString attributes one of the string tags (UTF8String,
// PrintableString, ...), but any ASN.1 type may appear.
struct Attribute {
    Oid type;
    uint8_t tag = der::kUtf8String;
    Bytes value;

    // The value as UTF-8 when `tag` is a string type (BMPString and UniversalString are
    // converted, TeletexString is read as Latin-1); nullopt for non-string values and for
    // strings that are not valid in their declared type.
    std::optional<std::string> text() const;
    bool operator==(const Attribute&) const = default;
};

// A RelativeDistinguishedName: a SET of one or more attributes (usually exactly one).
using Rdn = std::vector<Attribute>;

// For building names: a type, a value and an optional string tag. Without a tag,
// countryName, dnQualifier and serialNumber are PrintableString (RFC 5280 Appendix A
// requires it), emailAddress and domainComponent IA5String, everything else UTF8String.
struct NameAttribute {
    NameAttribute(Oid type, std::string value, std::optional<uint8_t> tag = std::nullopt)
        : type(type), value(std::move(value)), tag(tag) {}

    Oid type;
    std::string value;
    std::optional<uint8_t> tag;
};

class Name {
  public:
    // The empty name (an empty RDNSequence).
    Name();

    // Reads one Name (an RDNSequence) from `r`. Every RDN must hold at least one
    // attribute (SIZE (1..MAX)). The SET order inside a multi-valued RDN is not checked:
    // the raw encoding is what chaining compares.
    static Result<Name> parse(der::Reader& r);
    // A complete DER Name with nothing after it.
    static Result<Name> from_der(ByteView der);
    // One RDN per attribute, in the given order (most significant first: C, O, ..., CN).
    // Fails on a value the chosen string type cannot carry (PrintableString charset,
    // IA5String non-ASCII, countryName not two letters).
    static Result<Name> build(const std::vector<NameAttribute>& attributes);
    // From RDNs already split into attributes (multi-valued RDNs allowed).
    static Name from_rdns(const std::vector<Rdn>& rdns);

    // The DER encoding of the whole Name (the SEQUENCE, header included).
    const Bytes& der() const { return der_; }
    const std::vector<Rdn>& rdns() const { return rdns_; }
    bool empty() const { return rdns_.empty(); }

    // RFC 4514 string: RDNs last to first, separated by ',', multi-valued RDNs joined
    // with '+', types by their short name (CN, O, OU, C, L, ST, STREET, DC, UID plus
    // the RFC 4519 / PKCS#9 names OpenSSL prints) or dotted OID, values escaped; a value
    // that is not a string prints as '#' + hex of its DER.
    std::string to_string() const;

    // Every value of this attribute type as text, in encoding order.
    std::vector<std::string> all(const Oid& type) const;
    // The most specific (last) commonName, if any.
    std::optional<std::string> common_name() const;
    // PKCS#9 emailAddress attributes (legacy; RFC 5280 §4.1.2.6 prefers SAN rfc822Name).
    std::vector<std::string> email_addresses() const;

    // RFC 5280 §7.1 name comparison, as implemented here:
    //  - identical DER matches;
    //  - otherwise both names need the same number of RDNs, and RDN i of one the same
    //    attributes as RDN i of the other in any order, types equal;
    //  - values that are both PrintableString or UTF8String (in any mix) match after
    //    insignificant-space handling (leading/trailing spaces dropped, inner runs of
    //    spaces folded to one, RFC 4518 §2.6.1) and ASCII case folding (caseIgnoreMatch
    //    restricted to ASCII: full Unicode case folding and normalization from the LDAP
    //    StringPrep profile are not implemented, so non-ASCII letters compare exactly);
    //  - any other values match only if tag and contents are identical;
    //  - an RDN of more than 16 attributes matches only when the whole Name is
    //    byte-identical (bounds the work on hostile names).
    bool matches(const Name& other) const;

    // Byte equality of the encodings.
    bool operator==(const Name& o) const { return der_ == o.der_; }

  private:
    Bytes der_;
    std::vector<Rdn> rdns_;
};

// Appends a Name to a DER writer (its stored encoding).
inline void write_name(der::Writer& w, const Name& n) {
    w.raw(n.der());
}

// The short name to_string() uses for an attribute type ("CN"), or empty.
std::string_view attribute_short_name(const Oid& type);

}  // namespace keel::x509
