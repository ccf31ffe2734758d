// Distinguished names: parsing, RFC 4514 printing, RFC 5280 §7.1 comparison.
#include "x509/cert/name.h"

#include <algorithm>

namespace keel::x509 {

namespace {

Error bad(std::string detail) {
    return Error(Errc::malformed, "Name: " + std::move(detail));
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

bool valid_code_point(uint32_t cp) {
    return cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
}

// RFC 3629 §4: shortest forms only, no surrogates, nothing above U+10FFFF.
bool valid_utf8(ByteView s) {
    size_t i = 0;
    while (i < s.size()) {
        const uint8_t b = s[i];
        size_t n;
        uint32_t cp;
        if (b < 0x80) {
            ++i;
            continue;
        } else if ((b & 0xe0) == 0xc0) {
            n = 1;
            cp = b & 0x1f;
        } else if ((b & 0xf0) == 0xe0) {
            n = 2;
            cp = b & 0x0f;
        } else if ((b & 0xf8) == 0xf0) {
            n = 3;
            cp = b & 0x07;
        } else {
            return false;
        }
        if (s.size() - i - 1 < n) return false;
        for (size_t k = 1; k <= n; ++k) {
            if ((s[i + k] & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMin[n] || !valid_code_point(cp)) return false;
        i += n + 1;
    }
    return true;
}

bool is_ascii(ByteView s) {
    return std::all_of(s.begin(), s.end(), [](uint8_t c) { return c < 0x80; });
}

// X.680 §41.4: the PrintableString character set.
bool is_printable_char(uint8_t c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
    return std::string_view(" '()+,-./:=?").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_string_tag(uint8_t tag) {
    switch (tag) {
        case der::kUtf8String:
        case der::kPrintableString:
        case der::kT61String:
        case der::kIa5String:
        case der::kVisibleString:
        case der::kUniversalString:
        case der::kBmpString:
        case 0x12:  // NumericString
            return true;
        default:
            return false;
    }
}

// RFC 4518 §2.6.1 insignificant space handling and ASCII case folding, for matches().
std::string fold(std::string_view s) {
    std::string out;
    bool pending_space = false;
    for (char c : s) {
        if (c == ' ') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

bool values_match(const Attribute& a, const Attribute& b) {
    if (!(a.type == b.type)) return false;
    if (a.tag == b.tag && a.value == b.value) return true;
    auto foldable = [](uint8_t t) { return t == der::kPrintableString || t == der::kUtf8String; };
    if (!foldable(a.tag) || !foldable(b.tag)) return false;
    auto ta = a.text();
    auto tb = b.text();
    return ta && tb && fold(*ta) == fold(*tb);
}

// Multi-valued RDNs beyond this many attributes match only byte for byte (checked by
// the caller), which bounds the quadratic pairing below on hostile names.
constexpr size_t kMaxFoldedRdnSize = 16;

bool rdns_match(const Rdn& a, const Rdn& b) {
    if (a.size() != b.size() || a.size() > kMaxFoldedRdnSize) return false;
    // Each attribute of `a` pairs with a distinct one of `b` (RDNs are tiny: quadratic).
    std::vector<bool> used(b.size(), false);
    for (const Attribute& x : a) {
        bool found = false;
        for (size_t j = 0; j < b.size() && !found; ++j) {
            if (!used[j] && values_match(x, b[j])) used[j] = found = true;
        }
        if (!found) return false;
    }
    return true;
}

struct ShortName {
    Oid oid;
    std::string_view name;
};

// RFC 4514 §3, then RFC 4519 and PKCS#9 names as OpenSSL prints them.
constexpr ShortName kShortNames[] = {
    {oid::kCommonName, "CN"},
    {oid::kLocalityName, "L"},
    {oid::kStateOrProvinceName, "ST"},
    {oid::kOrganizationName, "O"},
    {oid::kOrganizationalUnitName, "OU"},
    {oid::kCountryName, "C"},
    {oid::kStreetAddress, "STREET"},
    {oid::kDomainComponent, "DC"},
    {oid::kUserId, "UID"},
    {oid::kSurname, "SN"},
    {oid::kSerialNumber, "serialNumber"},
    {oid::kTitle, "title"},
    {oid::kGivenName, "GN"},
    {oid::kInitials, "initials"},
    {oid::kGenerationQualifier, "generationQualifier"},
    {oid::kDnQualifier, "dnQualifier"},
    {oid::kPseudonym, "pseudonym"},
    {oid::kPostalCode, "postalCode"},
    {oid::kOrganizationIdentifier, "organizationIdentifier"},
    {oid::kEmailAddress, "emailAddress"},
};

std::string hex(ByteView b) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string s;
    for (uint8_t c : b) {
        s += kHex[c >> 4];
        s += kHex[c & 15];
    }
    return s;
}

// RFC 4514 §2.4 escaping, plus hex escapes for control characters so the result is
// safe to print.
std::string escape(std::string_view v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) {
        const auto c = static_cast<unsigned char>(v[i]);
        const bool special =
            std::string_view("\"+,;<>\\").find(static_cast<char>(c)) != std::string_view::npos;
        const bool edge = (i == 0 && (c == ' ' || c == '#')) || (i + 1 == v.size() && c == ' ');
        if (c < 0x20 || c == 0x7f) {
            out += '\\';
            out += hex(ByteView(&c, 1));
        } else if (special || edge) {
            out += '\\';
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

uint8_t default_tag(const Oid& type) {
    if (type == oid::kCountryName || type == oid::kDnQualifier || type == oid::kSerialNumber)
        return der::kPrintableString;
    if (type == oid::kEmailAddress || type == oid::kDomainComponent) return der::kIa5String;
    return der::kUtf8String;
}

void write_rdns(der::Writer& w, const std::vector<Rdn>& rdns) {
    auto seq = w.sequence();
    for (const Rdn& rdn : rdns) {
        auto set = w.set_of();
        for (const Attribute& a : rdn) {
            auto atv = w.sequence();
            w.oid(a.type);
            w.element(a.tag, a.value);
            w.close(atv);
        }
        w.close(set);
    }
    w.close(seq);
}

}  // namespace

std::optional<std::string> Attribute::text() const {
    const ByteView v = value;
    switch (tag) {
        case der::kUtf8String:
            if (!valid_utf8(v)) return std::nullopt;
            return std::string(v.begin(), v.end());
        case der::kPrintableString:
        case der::kIa5String:
        case der::kVisibleString:
        case 0x12:  // NumericString
            if (!is_ascii(v)) return std::nullopt;
            return std::string(v.begin(), v.end());
        case der::kT61String: {
            // Real TeletexStrings are Latin-1 in practice (RFC 5280 §4.1.2.4 notes the
            // T.61 mess); map each byte to the code point of the same value.
            std::string out;
            for (uint8_t c : v) append_utf8(out, c);
            return out;
        }
        case der::kBmpString: {
            if (v.size() % 2 != 0) return std::nullopt;
            std::string out;
            for (size_t i = 0; i < v.size(); i += 2) {
                const uint32_t cp = (uint32_t{v[i]} << 8) | v[i + 1];
                if (!valid_code_point(cp)) return std::nullopt;  // UCS-2: no surrogates
                append_utf8(out, cp);
            }
            return out;
        }
        case der::kUniversalString: {
            if (v.size() % 4 != 0) return std::nullopt;
            std::string out;
            for (size_t i = 0; i < v.size(); i += 4) {
                const uint32_t cp = (uint32_t{v[i]} << 24) | (uint32_t{v[i + 1]} << 16) |
                                    (uint32_t{v[i + 2]} << 8) | v[i + 3];
                if (!valid_code_point(cp)) return std::nullopt;
                append_utf8(out, cp);
            }
            return out;
        }
        default:
            return std::nullopt;
    }
}

Name::Name() {
    der::Writer w;
    write_rdns(w, {});
    der_ = w.take();
}

Result<Name> Name::parse(der::Reader& r) {
    KEEL_TRY_ASSIGN(der::Element seq, r.element(der::kSequence));
    Name n;
    n.der_.assign(seq.encoding.begin(), seq.encoding.end());
    der::Reader rdns(seq.contents);
    while (!rdns.empty()) {
        KEEL_TRY_ASSIGN(der::Reader set, rdns.set());
        if (set.empty()) return bad("empty RelativeDistinguishedName");
        Rdn rdn;
        while (!set.empty()) {
            KEEL_TRY_ASSIGN(der::Reader atv, set.sequence());
            Attribute a;
            KEEL_TRY_ASSIGN(a.type, atv.oid());
            KEEL_TRY_ASSIGN(der::Element value, atv.any());
            KEEL_TRY(atv.finish());
            a.tag = value.tag;
            a.value.assign(value.contents.begin(), value.contents.end());
            rdn.push_back(std::move(a));
        }
        n.rdns_.push_back(std::move(rdn));
    }
    return n;
}

Result<Name> Name::from_der(ByteView der) {
    der::Reader r(der);
    KEEL_TRY_ASSIGN(Name n, parse(r));
    KEEL_TRY(r.finish());
    return n;
}

Result<Name> Name::build(const std::vector<NameAttribute>& attributes) {
    std::vector<Rdn> rdns;
    for (const NameAttribute& na : attributes) {
        const uint8_t tag = na.tag.value_or(default_tag(na.type));
        const ByteView v = as_bytes(na.value);
        if (tag == der::kPrintableString && !std::all_of(v.begin(), v.end(), is_printable_char))
            return Error(Errc::invalid_argument,
                         "Name: '" + na.value + "' is not a PrintableString");
        if (tag == der::kIa5String && !is_ascii(v))
            return Error(Errc::invalid_argument, "Name: '" + na.value + "' is not an IA5String");
        if (tag == der::kUtf8String && !valid_utf8(v))
            return Error(Errc::invalid_argument, "Name: value is not valid UTF-8");
        if (na.type == oid::kCountryName && na.value.size() != 2)
            return Error(Errc::invalid_argument, "Name: countryName must be two letters");
        rdns.push_back({Attribute{na.type, tag, Bytes(v.begin(), v.end())}});
    }
    return from_rdns(rdns);
}

Name Name::from_rdns(const std::vector<Rdn>& rdns) {
    der::Writer w;
    write_rdns(w, rdns);
    Name n;
    n.der_ = w.take();
    // Re-read so that rdns_ holds the SET members in their DER (sorted) order.
    auto parsed = from_der(n.der_);
    return parsed ? std::move(*parsed) : n;
}

std::string Name::to_string() const {
    std::string out;
    for (size_t i = rdns_.size(); i-- > 0;) {
        if (!out.empty()) out += ',';
        bool first = true;
        for (const Attribute& a : rdns_[i]) {
            if (!first) out += '+';
            first = false;
            const std::string_view short_name = attribute_short_name(a.type);
            out += short_name.empty() ? a.type.to_string() : std::string(short_name);
            out += '=';
            auto t = is_string_tag(a.tag) ? a.text() : std::nullopt;
            if (t && !short_name.empty()) {
                out += escape(*t);
            } else {
                // RFC 4514 §2.4: '#' and the hex of the BER encoding when the type has
                // no string form we can print.
                der::Writer w;
                w.element(a.tag, a.value);
                out += '#' + hex(w.bytes());
            }
        }
    }
    return out;
}

std::vector<std::string> Name::all(const Oid& type) const {
    std::vector<std::string> out;
    for (const Rdn& rdn : rdns_)
        for (const Attribute& a : rdn)
            if (a.type == type)
                if (auto t = a.text()) out.push_back(*t);
    return out;
}

std::optional<std::string> Name::common_name() const {
    auto cns = all(oid::kCommonName);
    if (cns.empty()) return std::nullopt;
    return cns.back();
}

std::vector<std::string> Name::email_addresses() const {
    return all(oid::kEmailAddress);
}

bool Name::matches(const Name& other) const {
    if (der_ == other.der_) return true;
    if (rdns_.size() != other.rdns_.size()) return false;
    for (size_t i = 0; i < rdns_.size(); ++i)
        if (!rdns_match(rdns_[i], other.rdns_[i])) return false;
    return true;
}

std::string_view attribute_short_name(const Oid& type) {
    for (const ShortName& s : kShortNames)
        if (s.oid == type) return s.name;
    return {};
}

}  // namespace keel::x509
