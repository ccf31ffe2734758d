#include "x509/verify/hostname.h"

#include <vector>

namespace keel::x509 {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequal(s.substr(0, prefix.size()), prefix);
}

std::string_view strip_trailing_dot(std::string_view s) {
    if (!s.empty() && s.back() == '.') s.remove_suffix(1);
    return s;
}

// LDH labels separated by single dots; what a reference identifier or a presented
// dNSName may be once the wildcard label is set aside. Rejects empty labels, so
// "a..b" and ".a" never match anything.
bool valid_dns_name(std::string_view name) {
    if (name.empty() || name.size() > 253) return false;
    size_t label_len = 0;
    for (size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (c == '.') {
            if (label_len == 0) return false;
            label_len = 0;
            continue;
        }
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_';
        if (!ok || ++label_len > 63) return false;
    }
    return label_len != 0;
}

std::optional<Bytes> parse_ipv4(std::string_view s) {
    Bytes out;
    size_t pos = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (pos >= s.size() || s[pos] != '.') return std::nullopt;
            ++pos;
        }
        const size_t start = pos;
        unsigned v = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 3) v = v * 10 + (s[pos++] - '0');
        // No empty parts, no leading zeros (octal in some parsers), nothing above 255.
        if (pos == start || v > 255 || (s[start] == '0' && pos - start > 1)) return std::nullopt;
        out.push_back(static_cast<uint8_t>(v));
    }
    if (pos != s.size()) return std::nullopt;
    return out;
}

std::optional<Bytes> parse_ipv6(std::string_view s) {
    // Groups before and after a single "::"; the last part may be dotted IPv4.
    std::vector<uint16_t> head, tail;
    std::vector<uint16_t>* cur = &head;
    bool seen_gap = false;
    Bytes v4;
    size_t pos = 0;
    if (s.starts_with("::")) {
        seen_gap = true;
        cur = &tail;
        pos = 2;
    } else if (s.starts_with(":")) {
        return std::nullopt;
    }
    while (pos < s.size()) {
        // A dotted IPv4 tail?
        const size_t next_colon = s.find(':', pos);
        std::string_view part = s.substr(pos, next_colon == std::string_view::npos ? s.npos : next_colon - pos);
        if (part.find('.') != std::string_view::npos) {
            if (next_colon != std::string_view::npos) return std::nullopt;
            auto a = parse_ipv4(part);
            if (!a) return std::nullopt;
            v4 = *a;
            pos = s.size();
            break;
        }
        if (part.empty() || part.size() > 4) return std::nullopt;
        uint16_t g = 0;
        for (char c : part) {
            const char l = lower(c);
            unsigned d;
            if (l >= '0' && l <= '9') d = static_cast<unsigned>(l - '0');
            else if (l >= 'a' && l <= 'f') d = static_cast<unsigned>(l - 'a' + 10);
            else return std::nullopt;
            g = static_cast<uint16_t>(g << 4 | d);
        }
        cur->push_back(g);
        pos += part.size();
        if (pos == s.size()) break;
        // pos is at ':'.
        if (pos + 1 < s.size() && s[pos + 1] == ':') {
            if (seen_gap) return std::nullopt;
            seen_gap = true;
            cur = &tail;
            pos += 2;
        } else {
            ++pos;
            if (pos == s.size()) return std::nullopt;  // trailing single ':'
        }
    }
    const size_t groups = head.size() + tail.size() + (v4.empty() ? 0 : 2);
    if (groups > 8 || (!seen_gap && groups != 8) || (seen_gap && groups == 8)) return std::nullopt;
    Bytes out;
    for (uint16_t g : head) {
        out.push_back(static_cast<uint8_t>(g >> 8));
        out.push_back(static_cast<uint8_t>(g));
    }
    out.resize(out.size() + 2 * (8 - groups), 0);
    for (uint16_t g : tail) {
        out.push_back(static_cast<uint8_t>(g >> 8));
        out.push_back(static_cast<uint8_t>(g));
    }
    out.insert(out.end(), v4.begin(), v4.end());
    return out;
}

bool decide(const HostnameCheckOptions& o, std::string_view reference, const PresentedId& id, bool fallback) {
    if (o.match_fun) {
        if (auto d = o.match_fun(reference, id)) return *d;
    }
    return fallback;
}

}  // namespace

std::optional<Bytes> parse_ip_literal(std::string_view text) {
    if (text.find(':') != std::string_view::npos) return parse_ipv6(text);
    return parse_ipv4(text);
}

bool dns_id_matches(std::string_view presented, std::string_view reference) {
    presented = strip_trailing_dot(presented);
    reference = strip_trailing_dot(reference);
    if (!valid_dns_name(reference)) return false;
    if (!presented.starts_with("*.")) {
        // Any other '*' is a partial or misplaced wildcard: matches nothing.
        return valid_dns_name(presented) && iequal(presented, reference);
    }
    std::string_view base = presented.substr(2);
    // At least two labels under the wildcard: "*.com" would cover a whole TLD.
    if (!valid_dns_name(base) || base.find('.') == std::string_view::npos) return false;
    const size_t dot = reference.find('.');
    if (dot == std::string_view::npos) return false;
    std::string_view first = reference.substr(0, dot);
    // The wildcard stands for exactly one non-IDN label (RFC 9525 §6.3, RFC 6125 §6.4.3).
    if (istarts_with(first, "xn--")) return false;
    return iequal(reference.substr(dot + 1), base);
}

bool verify_hostname(const Certificate& cert, std::string_view reference, const HostnameCheckOptions& options) {
    const std::optional<Bytes> ip = parse_ip_literal(reference);
    bool has_san_id = false;
    if (const auto& san = cert.extensions().subject_alt_name) {
        for (const GeneralName& n : san->names) {
            if (n.kind() == GeneralName::Kind::dns_name) {
                has_san_id = true;
                PresentedId id{PresentedId::Kind::dns, n.text(), {}};
                // An IP literal reference never matches a dNSName (RFC 9525 §6.2).
                if (decide(options, reference, id, !ip && dns_id_matches(n.text(), reference))) return true;
            } else if (n.kind() == GeneralName::Kind::ip_address) {
                has_san_id = true;
                PresentedId id{PresentedId::Kind::ip, {}, n.bytes()};
                if (decide(options, reference, id, ip && *ip == n.bytes())) return true;
            }
        }
    }
    if (has_san_id || !options.allow_cn_fallback) return false;
    // Legacy: the most specific commonName, compared as a DNS-ID (or an IP literal
    // written as text).
    const auto cn = cert.subject().common_name();
    if (!cn) return false;
    PresentedId id{PresentedId::Kind::common_name, *cn, {}};
    bool fallback;
    if (ip) {
        const auto cn_ip = parse_ip_literal(*cn);
        fallback = cn_ip && *cn_ip == *ip;
    } else {
        fallback = dns_id_matches(*cn, reference);
    }
    return decide(options, reference, id, fallback);
}

}  // namespace keel::x509
