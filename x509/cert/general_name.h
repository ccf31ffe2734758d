// GeneralName (RFC 5280 §4.2.1.6): the names in subjectAltName, issuerAltName, name
// constraints, CRL distribution points and AIA.
//
//   GeneralName::dns("keel.example"), GeneralName::ip({127, 0, 0, 1}),
//   GeneralName::email("a@keel.example"), GeneralName::uri("http://crl.example/r.crl")
#pragma once

#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "x509/cert/name.h"
#include "x509/der/der.h"
#include "x509/der/oid.h"

namespace keel::x509 {

class GeneralName {
  public:
    // The CHOICE alternative; the value is the context tag number.
    enum class Kind : uint8_t {
        other_name = 0,    // AnotherName, kept raw (type_id parsed)
        rfc822_name = 1,   // IA5String
        dns_name = 2,      // IA5String
        x400_address = 3,  // kept raw
        directory_name = 4,
        edi_party_name = 5,  // kept raw
        uri = 6,             // uniformResourceIdentifier, IA5String
        ip_address = 7,      // OCTET STRING
        registered_id = 8,   // OID
    };

    // Where the name sits decides what an iPAddress may hold: 4 or 16 octets in an
    // alternative name, address + mask (8 or 32 octets) in a name constraint
    // (RFC 5280 §4.2.1.10).
    enum class Context : uint8_t { name, constraint };

    GeneralName() = default;
    static GeneralName dns(std::string name);
    static GeneralName email(std::string mailbox);
    static GeneralName uri(std::string uri);
    // 4 or 16 octets (an address), or 8 or 32 (address and mask, in constraints).
    static GeneralName ip(Bytes address);
    static GeneralName directory(Name name);
    static GeneralName registered(Oid id);
    // AnotherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }: `value_der` is
    // the DER of the value inside the [0].
    static GeneralName other(Oid type_id, ByteView value_der);

    static Result<GeneralName> parse(der::Reader& r, Context ctx = Context::name);
    void write(der::Writer& w) const;

    Kind kind() const { return kind_; }
    // rfc822_name, dns_name, uri: the IA5String text.
    const std::string& text() const { return text_; }
    // ip_address: the octets. other_name: the value inside [0]. x400_address and
    // edi_party_name: the contents of the tagged element.
    const Bytes& bytes() const { return bytes_; }
    // directory_name.
    const Name& directory_name() const { return name_; }
    // registered_id, and other_name's type-id.
    const Oid& oid() const { return oid_; }
    // The complete DER encoding (tag included), as read or as write() produces it.
    Bytes der() const;

    // "DNS:keel.example", "IP:127.0.0.1", "IP:10.0.0.0/255.0.0.0", "email:...",
    // "URI:...", "DirName:CN=...", "RID:1.2.3", "othername:1.2.3" (OpenSSL's spelling).
    std::string to_string() const;

    bool operator==(const GeneralName& o) const { return der() == o.der(); }

  private:
    Kind kind_ = Kind::dns_name;
    std::string text_;
    Bytes bytes_;
    Name name_;
    Oid oid_;
};

using GeneralNames = std::vector<GeneralName>;

// GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName; `tag` is kSequence or the
// context tag of an IMPLICIT use (fullName [0], authorityCertIssuer [1], ...).
Result<GeneralNames> parse_general_names(der::Reader& r, uint8_t tag = der::kSequence);
void write_general_names(der::Writer& w, const GeneralNames& names, uint8_t tag = der::kSequence);

// Dotted IPv4 or RFC 5952 IPv6 text for 4 or 16 octets.
std::string ip_to_string(ByteView address);

}  // namespace keel::x509
