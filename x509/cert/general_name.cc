// GeneralName (RFC 5280 §4.2.1.6 and the ASN.1 module in Appendix A.2).
#include "x509/cert/general_name.h"

#include <algorithm>

namespace keel::x509 {

namespace {

Error bad(std::string detail) {
    return Error(Errc::malformed, "GeneralName: " + std::move(detail));
}

Result<std::string> ia5(ByteView v, const char* what) {
    if (!std::all_of(v.begin(), v.end(), [](uint8_t c) { return c < 0x80; }))
        return bad(std::string(what) + " is not an IA5String (non-ASCII byte)");
    return std::string(v.begin(), v.end());
}

}  // namespace

GeneralName GeneralName::dns(std::string name) {
    GeneralName g;
    g.kind_ = Kind::dns_name;
    g.text_ = std::move(name);
    return g;
}

GeneralName GeneralName::email(std::string mailbox) {
    GeneralName g;
    g.kind_ = Kind::rfc822_name;
    g.text_ = std::move(mailbox);
    return g;
}

GeneralName GeneralName::uri(std::string uri) {
    GeneralName g;
    g.kind_ = Kind::uri;
    g.text_ = std::move(uri);
    return g;
}

GeneralName GeneralName::ip(Bytes address) {
    GeneralName g;
    g.kind_ = Kind::ip_address;
    g.bytes_ = std::move(address);
    return g;
}

GeneralName GeneralName::directory(Name name) {
    GeneralName g;
    g.kind_ = Kind::directory_name;
    g.name_ = std::move(name);
    return g;
}

GeneralName GeneralName::registered(Oid id) {
    GeneralName g;
    g.kind_ = Kind::registered_id;
    g.oid_ = id;
    return g;
}

GeneralName GeneralName::other(Oid type_id, ByteView value_der) {
    GeneralName g;
    g.kind_ = Kind::other_name;
    g.oid_ = type_id;
    g.bytes_.assign(value_der.begin(), value_der.end());
    return g;
}

Result<GeneralName> GeneralName::parse(der::Reader& r, Context ctx) {
    KEEL_TRY_ASSIGN(der::Element e, r.any());
    GeneralName g;
    const uint8_t number = e.tag & 0x1f;
    const bool constructed = e.tag & der::kConstructed;
    if ((e.tag & 0xc0) != 0x80 || number > 8) return bad("unknown CHOICE tag");
    g.kind_ = static_cast<Kind>(number);
    // AnotherName, ORAddress, Name and EDIPartyName are constructed; the rest are not.
    const bool want_constructed = number == 0 || number == 3 || number == 4 || number == 5;
    if (constructed != want_constructed) return bad("wrong constructed bit for its tag");
    switch (g.kind_) {
        case Kind::other_name: {
            der::Reader seq(e.contents);
            KEEL_TRY_ASSIGN(g.oid_, seq.oid());
            KEEL_TRY_ASSIGN(der::Reader value, seq.constructed(der::context_constructed(0)));
            KEEL_TRY_ASSIGN(der::Element inner, value.any());
            KEEL_TRY(value.finish());
            KEEL_TRY(seq.finish());
            g.bytes_.assign(inner.encoding.begin(), inner.encoding.end());
            break;
        }
        case Kind::rfc822_name: {
            KEEL_TRY_ASSIGN(g.text_, ia5(e.contents, "rfc822Name"));
            break;
        }
        case Kind::dns_name: {
            KEEL_TRY_ASSIGN(g.text_, ia5(e.contents, "dNSName"));
            break;
        }
        case Kind::uri: {
            KEEL_TRY_ASSIGN(g.text_, ia5(e.contents, "uniformResourceIdentifier"));
            break;
        }
        case Kind::x400_address:
        case Kind::edi_party_name:
            g.bytes_.assign(e.contents.begin(), e.contents.end());
            break;
        case Kind::directory_name: {
            // Name is a CHOICE, so the [4] tag is EXPLICIT around the RDNSequence.
            der::Reader inner(e.contents);
            KEEL_TRY_ASSIGN(g.name_, Name::parse(inner));
            KEEL_TRY(inner.finish());
            break;
        }
        case Kind::ip_address: {
            const size_t n = e.contents.size();
            const bool ok = ctx == Context::name ? (n == 4 || n == 16) : (n == 8 || n == 32);
            if (!ok) return bad("iPAddress of " + std::to_string(n) + " octets");
            g.bytes_.assign(e.contents.begin(), e.contents.end());
            break;
        }
        case Kind::registered_id: {
            KEEL_TRY_ASSIGN(g.oid_, Oid::from_der(e.contents));
            break;
        }
    }
    return g;
}

void GeneralName::write(der::Writer& w) const {
    const auto number = static_cast<uint8_t>(kind_);
    switch (kind_) {
        case Kind::other_name: {
            auto seq = w.open(der::context_constructed(0));
            w.oid(oid_);
            auto value = w.open(der::context_constructed(0));
            w.raw(bytes_);
            w.close(value);
            w.close(seq);
            break;
        }
        case Kind::rfc822_name:
        case Kind::dns_name:
        case Kind::uri:
            w.string(der::context(number), text_);
            break;
        case Kind::x400_address:
        case Kind::edi_party_name:
            w.element(der::context_constructed(number), bytes_);
            break;
        case Kind::directory_name: {
            auto o = w.open(der::context_constructed(4));
            write_name(w, name_);
            w.close(o);
            break;
        }
        case Kind::ip_address:
            w.element(der::context(7), bytes_);
            break;
        case Kind::registered_id:
            w.element(der::context(8), oid_.bytes());
            break;
    }
}

Bytes GeneralName::der() const {
    der::Writer w;
    write(w);
    return w.take();
}

std::string ip_to_string(ByteView a) {
    if (a.size() == 4) {
        return std::to_string(a[0]) + "." + std::to_string(a[1]) + "." + std::to_string(a[2]) +
               "." + std::to_string(a[3]);
    }
    if (a.size() != 16) return "?";
    uint16_t words[8];
    for (int i = 0; i < 8; ++i) words[i] = static_cast<uint16_t>((a[2 * i] << 8) | a[2 * i + 1]);
    // RFC 5952 §4.2: the longest run (of two or more) of zero words becomes "::".
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        if (words[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && words[j] == 0) ++j;
        if (j - i > best_len && j - i >= 2) best = i, best_len = j - i;
        i = j;
    }
    static const char kHex[] = "0123456789abcdef";
    auto word = [](uint16_t v) {
        std::string s;
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            const int d = (v >> shift) & 15;
            if (d != 0 || started || shift == 0) s += kHex[d], started = true;
        }
        return s;
    };
    std::string out;
    for (int i = 0; i < 8; ++i) {
        if (i == best) {
            out += "::";
            i += best_len - 1;
            continue;
        }
        if (!out.empty() && out.back() != ':') out += ':';
        out += word(words[i]);
    }
    return out;
}

std::string GeneralName::to_string() const {
    switch (kind_) {
        case Kind::other_name:
            return "othername:" + oid_.to_string();
        case Kind::rfc822_name:
            return "email:" + text_;
        case Kind::dns_name:
            return "DNS:" + text_;
        case Kind::uri:
            return "URI:" + text_;
        case Kind::x400_address:
            return "X400Name:<unsupported>";
        case Kind::edi_party_name:
            return "EdiPartyName:<unsupported>";
        case Kind::directory_name:
            return "DirName:" + name_.to_string();
        case Kind::ip_address:
            if (bytes_.size() == 8 || bytes_.size() == 32) {
                const size_t half = bytes_.size() / 2;
                return "IP:" + ip_to_string(ByteView(bytes_).first(half)) + "/" +
                       ip_to_string(ByteView(bytes_).subspan(half));
            }
            return "IP:" + ip_to_string(bytes_);
        case Kind::registered_id:
            return "RID:" + oid_.to_string();
    }
    return {};
}

Result<GeneralNames> parse_general_names(der::Reader& r, uint8_t tag) {
    KEEL_TRY_ASSIGN(der::Reader seq, r.constructed(tag));
    if (seq.empty()) return bad("empty GeneralNames (SIZE (1..MAX))");
    GeneralNames out;
    while (!seq.empty()) {
        KEEL_TRY_ASSIGN(GeneralName g, GeneralName::parse(seq));
        out.push_back(std::move(g));
    }
    return out;
}

void write_general_names(der::Writer& w, const GeneralNames& names, uint8_t tag) {
    auto seq = w.open(tag);
    for (const GeneralName& g : names) g.write(w);
    w.close(seq);
}

}  // namespace keel::x509
