// Service identity checks (RFC 9525, which obsoletes RFC 6125): does this certificate
// name the host the client meant to reach?
//
//   - A DNS reference matches the subjectAltName dNSName entries only, compared
//     case-insensitively on ASCII (IDNs are compared as A-labels, "xn--..."); a trailing
//     dot on either side is ignored.
//   - A wildcard is the whole left-most label ("*.example.com"), stands for exactly one
//     label, never matches an IDN A-label, and needs at least two labels after it
//     ("*.com" matches nothing). Partial wildcards ("w*.example.com") match nothing
//     (RFC 9525 §6.3).
//   - An IP literal reference ("192.0.2.1", "2001:db8::1") matches iPAddress entries
//     octet for octet and never a dNSName.
//   - No fallback to the subject's commonName (RFC 9525 §6.3) unless the caller opts in
//     for old certificates (the Erlang customize_hostname_check route), and even then
//     only when the certificate has no DNS or IP subjectAltName at all.
//
// The Erlang `customize_hostname_check` option's `match_fun` can decide any single
// comparison first: it returns true or false, or nothing to fall back to these rules.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "x509/cert/certificate.h"

namespace keel::x509 {

// One identifier the certificate presents, as given to a match_fun.
struct PresentedId {
    enum class Kind : uint8_t { dns, ip, common_name };
    Kind kind;
    std::string_view text;  // dns, common_name
    ByteView ip;            // ip: 4 or 16 octets
};

struct HostnameCheckOptions {
    // Compare the subject commonName when no DNS/IP subjectAltName exists (legacy).
    bool allow_cn_fallback = false;
    // customize_hostname_check's match_fun: (reference, presented) -> decision, or
    // nullopt for the default rules.
    std::function<std::optional<bool>(std::string_view reference, const PresentedId&)> match_fun = {};
};

// True when `cert` names `reference` (a DNS name or an IP literal).
bool verify_hostname(const Certificate& cert, std::string_view reference,
                     const HostnameCheckOptions& options = {});

// The rules on single identifiers, for callers and match_funs that want them.
bool dns_id_matches(std::string_view presented, std::string_view reference);
// 4 octets for dotted-quad IPv4, 16 for RFC 4291 IPv6 text (incl. "::" and an
// embedded IPv4 tail); nullopt for anything else (no zone ids, no shorthand IPv4).
std::optional<Bytes> parse_ip_literal(std::string_view text);

}  // namespace keel::x509
