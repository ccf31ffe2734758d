#include "tls/config/validate.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>
#include <string>

#include "pq/kx/any_group.h"
#include "tls/config/defaults.h"

namespace keel::tls {
namespace {

// ---- Erlang terms, for error details ----------------------------------------------

// Joins pieces with append(): GCC 12 reports a false -Wrestrict on long operator+ chains
// of std::string temporaries.
std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view p : parts) out.append(p);
    return out;
}

// An atom: quoted when it is not a plain lower-case identifier ('tlsv1.3').
std::string atom(std::string_view a) {
    bool plain = !a.empty() && a[0] >= 'a' && a[0] <= 'z';
    for (char c : a) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '@')) plain = false;
    }
    return plain ? std::string(a) : cat({"'", a, "'"});
}

std::string str(std::string_view s) {
    return cat({"\"", s, "\""});
}
std::string bin(std::string_view s) {
    return cat({"<<\"", s, "\">>"});
}

template <class T, class F>
std::string list(const std::vector<T>& v, F f) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); i++) {
        if (i) out += ",";
        out += f(v[i]);
    }
    out.push_back(']');
    return out;
}

std::string versions_term(const std::vector<Version>& v) {
    return list(v, [](Version x) {
        std::string_view n = version_name(x);
        return n == "unknown" ? std::to_string(static_cast<uint16_t>(x)) : atom(n);
    });
}
std::string groups_term(const std::vector<NamedGroup>& v) {
    return list(v, [](NamedGroup g) { return atom(pq::group_name(g)); });
}
std::string sigalgs_term(const std::vector<SignAlg>& v) {
    return list(v, [](SignAlg a) {
        std::string n = sign_alg_name(a);
        return n == "unknown" ? std::to_string(a.code) : n;
    });
}
std::string protos_term(const std::vector<std::string>& v) {
    return list(v, bin);
}

Error bad(std::string_view option, const std::string& value) {
    return Error(Errc::options, cat({"{options, {", option, ", ", value, "}}"}));
}
Error bad(std::string_view option, const std::string& value, std::string_view reason) {
    return Error(Errc::options, cat({"{options, {", option, ", ", value, "}, ", reason, "}"}));
}
Error incompatible(const std::string& a, const std::string& b) {
    return Error(Errc::options, cat({"{options, incompatible, [", a, ", ", b, "]}"}));
}
Error dependency(std::string_view option, std::string_view on, const std::string& allowed) {
    return Error(Errc::options,
                 cat({"{options, dependency, {", option, ", {", on, ", ", allowed, "}}}"}));
}

// ---- Checks shared by client and server --------------------------------------------

template <class T>
bool has_duplicates(const std::vector<T>& v) {
    for (size_t i = 0; i < v.size(); i++) {
        for (size_t j = i + 1; j < v.size(); j++) {
            if (v[i] == v[j]) return true;
        }
    }
    return false;
}

bool has(const std::vector<Version>& v, Version x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}
bool has_pre13(const std::vector<Version>& v) {
    return std::any_of(v.begin(), v.end(), [](Version x) { return x != Version::tls1_3; });
}

// The versions a TLS-1.3-only option needs, and those a pre-1.3 option needs.
const std::string kTls13 = "['tlsv1.3']";
const std::string kPre13 = "['tlsv1.2','tlsv1.1',tlsv1,'dtlsv1.2',dtlsv1]";
const std::string kTls10 = "[tlsv1]";

Result<void> check_versions(const std::optional<std::vector<Version>>& versions,
                            Protocol protocol) {
    if (!versions) return ok();
    const auto& v = *versions;
    if (v.empty()) return bad("versions", "[]");
    for (Version x : v) {
        if (version_name(x) == "unknown") return bad("versions", versions_term(v));
    }
    if (has_duplicates(v)) return bad("versions", versions_term(v), "duplicates");
    for (Version x : v) {
        if (is_dtls(x) != (protocol == Protocol::dtls)) {
            return incompatible(
                cat({"{protocol, ", protocol == Protocol::dtls ? "dtls" : "tls", "}"}),
                cat({"{versions, ", versions_term(v), "}"}));
        }
    }
    return ok();
}

Result<void> check_ciphers(const std::optional<std::vector<CipherSuite>>& ciphers) {
    if (!ciphers) return ok();
    for (CipherSuite c : *ciphers) {
        if (find_suite(c) == nullptr) {
            return bad("ciphers", std::to_string(static_cast<uint16_t>(c)), "unsupported");
        }
    }
    return ok();
}

Result<void> check_sigalgs(std::string_view option, const std::optional<std::vector<SignAlg>>& algs,
                           bool schemes_only) {
    if (!algs) return ok();
    if (algs->empty()) return bad(option, "[]");
    for (SignAlg a : *algs) {
        if (!sign_alg_known(a) || (schemes_only && a.pair)) {
            return bad(option, sigalgs_term(*algs));
        }
    }
    if (has_duplicates(*algs)) return bad(option, sigalgs_term(*algs), "duplicates");
    return ok();
}

Result<void> check_groups(std::string_view option,
                          const std::optional<std::vector<NamedGroup>>& groups) {
    if (!groups) return ok();
    if (groups->empty()) return bad(option, "[]");
    for (NamedGroup g : *groups) {
        if (!pq::group_supported(g)) return bad(option, groups_term(*groups), "unsupported");
    }
    if (has_duplicates(*groups)) return bad(option, groups_term(*groups), "duplicates");
    return ok();
}

// RFC 7301 §3.1: ProtocolName<1..2^8-1>, ProtocolNameList<2..2^16-1>; the reference: "The
// list of protocols must not contain an empty binary."
Result<void> check_protocol_list(std::string_view option, const std::vector<std::string>& v) {
    size_t wire = 0;
    for (const std::string& p : v) {
        if (p.empty() || p.size() > 255) return bad(option, protos_term(v));
        wire += 1 + p.size();
    }
    if (wire > 0xffff) return bad(option, protos_term(v), "too long");
    return ok();
}

Result<void> check_certs_keys(const std::vector<CertKeyConf>& certs_keys) {
    for (const CertKeyConf& ck : certs_keys) {
        bool cert = !ck.cert.empty() || !ck.certfile.empty();
        bool key = ck.key.has_value() || ck.key_der.has_value() || !ck.keyfile.empty();
        if (!cert) return bad("certs_keys", "[#{}]", "no cert or certfile");
        if (!key) return bad("certs_keys", "[#{}]", "no key or keyfile");
        for (const Bytes& der : ck.cert) {
            if (der.empty() || der[0] != 0x30) return bad("certs_keys", "[#{cert}]", "not DER");
        }
        if (ck.key_der && ck.key_der->der.empty()) {
            return bad("certs_keys", "[#{key}]", "empty DER");
        }
    }
    return ok();
}

// Every certificate the options hold, DER: must at least be a SEQUENCE (the x509 layer
// parses them fully when the engine loads them).
Result<void> check_der_list(std::string_view option, const std::vector<Bytes>& ders) {
    for (const Bytes& d : ders) {
        if (d.empty() || d[0] != 0x30) return bad(option, "[<<...>>]", "not DER");
    }
    return ok();
}

template <class O>
Result<void> check_common(const O& o) {
    KEEL_TRY(check_versions(o.versions, o.protocol));
    const std::vector<Version> versions = effective_versions(o);
    KEEL_TRY(check_ciphers(o.ciphers));
    KEEL_TRY(check_sigalgs("signature_algs", o.signature_algs, false));
    KEEL_TRY(check_sigalgs("signature_algs_cert", o.signature_algs_cert, true));
    KEEL_TRY(check_groups("supported_groups", o.supported_groups));
    if (o.max_handshake_size == 0 || o.max_handshake_size > 0xffffff) {
        return bad("max_handshake_size", std::to_string(o.max_handshake_size));
    }
    if (o.key_update_at && *o.key_update_at == 0) return bad("key_update_at", "0");
    bool fun_mode = o.keep_secrets.mode == KeepSecrets::Mode::keylog ||
                    o.keep_secrets.mode == KeepSecrets::Mode::keylog_hs;
    if (fun_mode && !o.keep_secrets.fun) {
        return bad("keep_secrets", o.keep_secrets.mode == KeepSecrets::Mode::keylog
                                       ? "{keylog, undefined}"
                                       : "{keylog_hs, undefined}");
    }
    // "Since OTP 29.0 setting this option to false will fail".
    if (!o.secure_renegotiate) return bad("secure_renegotiate", "false");
    if (o.use_srtp) {
        if (o.protocol != Protocol::dtls) {
            return incompatible("{use_srtp, #{}}", "{protocol, tls}");
        }
        if (o.use_srtp->protection_profiles.empty()) {
            return bad("use_srtp", "#{protection_profiles => []}");
        }
        for (const Bytes& p : o.use_srtp->protection_profiles) {
            if (p.size() != 2)
                return bad("use_srtp", "#{protection_profiles => [...]}", "profile is not 2 bytes");
        }
        if (o.use_srtp->mki.size() > 255) return bad("use_srtp", "#{mki => <<...>>}");
    }
    KEEL_TRY(check_certs_keys(o.certs_keys));
    KEEL_TRY(check_der_list("cacerts", o.cacerts));
    KEEL_TRY(check_der_list("cert", o.cert));
    if (o.verify == Verify::peer && o.cacerts.empty() && o.cacertfile.empty()) {
        return incompatible("{verify, verify_peer}", "{cacerts, undefined}");
    }
    if (o.crl_cache.kind == CrlCache::Kind::hash_dir && o.crl_cache.dir.empty()) {
        return bad("crl_cache", "{ssl_crl_hash_dir, {internal, []}}", "no dir");
    }
    // TLS 1.3-only options need TLS 1.3 among the versions.
    if (!has(versions, Version::tls1_3)) {
        if (o.supported_groups) return dependency("supported_groups", "versions", kTls13);
        if (o.key_update_at) return dependency("key_update_at", "versions", kTls13);
        if (o.signature_algs_cert &&
            !(has(versions, Version::tls1_2) || has(versions, Version::dtls1_2))) {
            return dependency("signature_algs_cert", "versions", "['tlsv1.3','tlsv1.2']");
        }
    }
    // Pre-1.3 options need a version before TLS 1.3.
    if (!has_pre13(versions)) {
        if (o.eccs) return dependency("eccs", "versions", kPre13);
        if (o.user_lookup_fun) return dependency("user_lookup_fun", "versions", kPre13);
        if (o.psk_identity) return dependency("psk_identity", "versions", kPre13);
    }
    // TLS 1.0-only trade-offs.
    if (!has(versions, Version::tls1_0)) {
        if (!o.padding_check) return dependency("padding_check", "versions", kTls10);
        if (o.beast_mitigation != BeastMitigation::one_n_minus_one) {
            return dependency("beast_mitigation", "versions", kTls10);
        }
    }
    if (o.eccs) {
        if (o.eccs->empty()) return bad("eccs", "[]");
        static const std::set<std::string_view> kCurves = {
            "x25519",          "x448",      "secp521r1",       "brainpoolP512r1",
            "brainpoolP384r1", "secp384r1", "brainpoolP256r1", "secp256r1"};
        for (const std::string& c : *o.eccs) {
            if (!kCurves.count(c)) return bad("eccs", cat({"[", atom(c), "]"}), "unsupported");
        }
    }
    return ok();
}

// RFC 6066 §3: HostName is a DNS name, "Literal IPv4 and IPv6 addresses are not
// permitted"; RFC 1035 limits: labels of 1..63, at most 253 characters.
bool valid_sni_host(std::string_view h) {
    if (h.empty() || h.size() > 253 || h.back() == '.') return false;
    bool all_digits_dots = true;
    size_t label = 0;
    for (char c : h) {
        if (c == '.') {
            if (label == 0) return false;
            label = 0;
            continue;
        }
        if (++label > 63) return false;
        bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
        if (!ok) return false;  // also rejects ':' of IPv6 literals
        if (!std::isdigit(static_cast<unsigned char>(c))) all_digits_dots = false;
    }
    return label > 0 && !all_digits_dots;
}

}  // namespace

std::string_view verify_name(Verify v) {
    return v == Verify::peer ? "verify_peer" : "verify_none";
}
std::string_view protocol_name(Protocol p) {
    return p == Protocol::dtls ? "dtls" : "tls";
}

Result<void> validate(const ClientOptions& o) {
    KEEL_TRY(check_common(o));
    const std::vector<Version> versions = effective_versions(o);
    if (const auto* host = std::get_if<std::string>(&o.server_name_indication)) {
        if (!valid_sni_host(*host)) return bad("server_name_indication", str(*host));
    }
    KEEL_TRY(check_protocol_list("alpn_advertised_protocols", o.alpn_advertised_protocols));
    if (o.max_fragment_length) {
        uint16_t m = *o.max_fragment_length;
        if (m != 512 && m != 1024 && m != 2048 && m != 4096) {
            return bad("max_fragment_length", std::to_string(m));
        }
    }
    KEEL_TRY(check_groups("psk_groups", o.psk_groups));
    if (o.psk_groups) {
        // "Must be a subset of supported_groups".
        std::vector<NamedGroup> supported = effective_supported_groups(o);
        for (NamedGroup g : *o.psk_groups) {
            if (std::find(supported.begin(), supported.end(), g) == supported.end()) {
                return incompatible(cat({"{psk_groups, ", groups_term(*o.psk_groups), "}"}),
                                    cat({"{supported_groups, ", groups_term(supported), "}"}));
            }
        }
    }
    bool tls13 = has(versions, Version::tls1_3);
    if (!tls13) {
        if (o.session_tickets != ClientSessionTickets::disabled) {
            return dependency("session_tickets", "versions", kTls13);
        }
        if (o.early_data) return dependency("early_data", "versions", kTls13);
        if (o.psk_groups) return dependency("psk_groups", "versions", kTls13);
    }
    if (!o.use_ticket.empty() && o.session_tickets != ClientSessionTickets::manual) {
        return dependency("use_ticket", "session_tickets", "[manual]");
    }
    if (o.early_data && o.session_tickets == ClientSessionTickets::disabled) {
        return dependency("early_data", "session_tickets", "[manual, auto]");
    }
    if (!has_pre13(versions)) {
        if (o.reuse_session) return dependency("reuse_session", "versions", kPre13);
        if (o.srp_identity) return dependency("srp_identity", "versions", kPre13);
        if (o.fallback) return dependency("fallback", "versions", kPre13);
        if (o.client_preferred_next_protocols) {
            return dependency("client_preferred_next_protocols", "versions", kPre13);
        }
    }
    if (o.client_preferred_next_protocols) {
        KEEL_TRY(check_protocol_list("client_preferred_next_protocols",
                                     o.client_preferred_next_protocols->protocols));
    }
    return ok();
}

Result<void> validate(const ServerOptions& o) {
    KEEL_TRY(check_common(o));
    const std::vector<Version> versions = effective_versions(o);
    // "The options sni_fun and sni_hosts are mutually exclusive."
    if (o.sni_fun && !o.sni_hosts.empty()) return incompatible("sni_fun", "sni_hosts");
    if (o.fail_if_no_peer_cert == true && o.verify == Verify::none) {
        return incompatible("{verify, verify_none}", "{fail_if_no_peer_cert, true}");
    }
    KEEL_TRY(check_protocol_list("alpn_preferred_protocols", o.alpn_preferred_protocols));
    bool have_cert = !o.certs_keys.empty() || !o.cert.empty() || !o.certfile.empty();
    if (!have_cert && !o.sni_fun && o.sni_hosts.empty() && !o.user_lookup_fun) {
        return bad("certs_keys", "[]", "no certificate");
    }
    bool tls13 = has(versions, Version::tls1_3);
    bool stateless = o.session_tickets == ServerSessionTickets::stateless ||
                     o.session_tickets == ServerSessionTickets::stateless_with_cert;
    if (!tls13) {
        if (o.session_tickets != ServerSessionTickets::disabled) {
            return dependency("session_tickets", "versions", kTls13);
        }
        if (o.early_data == ServerEarlyData::enabled) {
            return dependency("early_data", "versions", kTls13);
        }
    }
    if (!o.stateless_tickets_seed.empty() && !stateless) {
        return dependency("stateless_tickets_seed", "session_tickets",
                          "[stateless, stateless_with_cert]");
    }
    if (o.anti_replay) {
        if (!stateless) {
            return dependency("anti_replay", "session_tickets", "[stateless, stateless_with_cert]");
        }
        const AntiReplay& a = *o.anti_replay;
        if (a.window_seconds == 0 || a.hash_functions == 0 || a.bits == 0) {
            return bad("anti_replay",
                       cat({"{", std::to_string(a.window_seconds), ",",
                            std::to_string(a.hash_functions), ",", std::to_string(a.bits), "}"}));
        }
    }
    if (o.early_data == ServerEarlyData::enabled &&
        o.session_tickets == ServerSessionTickets::disabled) {
        return dependency("early_data", "session_tickets",
                          "[stateful, stateless, stateful_with_cert, stateless_with_cert]");
    }
    if (!has_pre13(versions)) {
        if (!o.dh.empty()) return dependency("dh", "versions", kPre13);
        if (!o.dhfile.empty()) return dependency("dhfile", "versions", kPre13);
        if (!o.next_protocols_advertised.empty()) {
            return dependency("next_protocols_advertised", "versions", kPre13);
        }
    }
    KEEL_TRY(check_protocol_list("next_protocols_advertised", o.next_protocols_advertised));
    // Each SNI host must be well formed, listed once, and yield valid options.
    std::vector<std::string> seen;
    for (const SniHost& h : o.sni_hosts) {
        std::string lower;
        for (char c : h.hostname)
            lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        if (!valid_sni_host(h.hostname) ||
            std::find(seen.begin(), seen.end(), lower) != seen.end()) {
            return bad("sni_hosts", cat({"[{", str(h.hostname), ", [...]}]"}));
        }
        seen.push_back(lower);
        ServerOptions merged = apply_sni_overrides(o, h.options);
        merged.sni_hosts.clear();
        auto r = validate(merged);
        if (!r.ok()) {
            return Error(Errc::options, cat({"{options, {sni_hosts, [{", str(h.hostname), ", ",
                                             r.error().detail(), "}]}}"}));
        }
    }
    return ok();
}

}  // namespace keel::tls
