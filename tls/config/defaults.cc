#include "tls/config/defaults.h"

#include <algorithm>
#include <cctype>

#include "pq/kx/any_group.h"

namespace keel::tls {
namespace {

using S = crypto::SignatureScheme;
using G = NamedGroup;

SignAlg sch(S s) {
    return SignAlg::scheme(s);
}
SignAlg pair(std::string_view h, std::string_view s) {
    return *sign_alg_pair(h, s);
}

bool has(const std::vector<Version>& v, Version x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

bool has_tls13(const std::vector<Version>& v) {
    return has(v, Version::tls1_3);
}
bool has_tls12_or_dtls12(const std::vector<Version>& v) {
    return has(v, Version::tls1_2) || has(v, Version::dtls1_2);
}

// Default_TLS_13_Schemes, in the order ssl:signature_algs(default, 'tlsv1.3') prints.
std::vector<SignAlg> tls13_schemes() {
    return {sch(S::mldsa87),
            sch(S::mldsa65),
            sch(S::mldsa44),
            sch(S::slh_dsa_shake_256f),
            sch(S::slh_dsa_shake_256s),
            sch(S::slh_dsa_sha2_256f),
            sch(S::slh_dsa_sha2_256s),
            sch(S::slh_dsa_shake_192f),
            sch(S::slh_dsa_shake_192s),
            sch(S::slh_dsa_sha2_192f),
            sch(S::slh_dsa_sha2_192s),
            sch(S::slh_dsa_shake_128f),
            sch(S::slh_dsa_shake_128s),
            sch(S::slh_dsa_sha2_128f),
            sch(S::slh_dsa_sha2_128s),
            sch(S::eddsa_ed25519),
            sch(S::eddsa_ed448),
            sch(S::ecdsa_secp521r1_sha512),
            sch(S::ecdsa_secp384r1_sha384),
            sch(S::ecdsa_secp256r1_sha256),
            sch(S::ecdsa_brainpoolP512r1tls13_sha512),
            sch(S::ecdsa_brainpoolP384r1tls13_sha384),
            sch(S::ecdsa_brainpoolP256r1tls13_sha256),
            sch(S::rsa_pss_pss_sha512),
            sch(S::rsa_pss_pss_sha384),
            sch(S::rsa_pss_pss_sha256),
            sch(S::rsa_pss_rsae_sha512),
            sch(S::rsa_pss_rsae_sha384),
            sch(S::rsa_pss_rsae_sha256)};
}

// TLS_13_Legacy_Schemes: certificate signatures only in TLS 1.3.
std::vector<SignAlg> tls13_legacy_schemes() {
    return {sch(S::rsa_pkcs1_sha512), sch(S::rsa_pkcs1_sha384), sch(S::rsa_pkcs1_sha256)};
}

// Default_TLS_12_Alg_Pairs interleaved with rsa_pss_schemes: per hash, ecdsa, then
// pss_pss, pss_rsae, then rsa.
std::vector<SignAlg> tls12_default() {
    std::vector<SignAlg> out;
    const struct {
        const char* hash;
        S pss, rsae;
    } rows[] = {{"sha512", S::rsa_pss_pss_sha512, S::rsa_pss_rsae_sha512},
                {"sha384", S::rsa_pss_pss_sha384, S::rsa_pss_rsae_sha384},
                {"sha256", S::rsa_pss_pss_sha256, S::rsa_pss_rsae_sha256}};
    for (const auto& r : rows) {
        out.push_back(pair(r.hash, "ecdsa"));
        out.push_back(sch(r.pss));
        out.push_back(sch(r.rsae));
        out.push_back(pair(r.hash, "rsa"));
    }
    return out;
}

template <class T>
void append(std::vector<T>& a, const std::vector<T>& b) {
    a.insert(a.end(), b.begin(), b.end());
}

// A suite is usable when one of the configured versions is in its range.
bool usable(const CipherSuiteInfo& s, const std::vector<Version>& versions) {
    for (Version v : versions) {
        if (is_dtls(v)) continue;  // DTLS suites arrive with the DTLS record layer
        auto code = static_cast<uint16_t>(v);
        if (code >= static_cast<uint16_t>(s.min_version) &&
            code <= static_cast<uint16_t>(s.max_version)) {
            return true;
        }
    }
    return false;
}

template <class O>
std::vector<Version> versions_of(const O& o) {
    return o.versions ? *o.versions : default_versions(o.protocol);
}

template <class O>
std::vector<CipherSuite> ciphers_of(const O& o) {
    std::vector<Version> versions = versions_of(o);
    std::vector<CipherSuite> out;
    if (o.ciphers) {
        for (CipherSuite c : *o.ciphers) {
            const CipherSuiteInfo* s = find_suite(c);
            if (s != nullptr && usable(*s, versions)) out.push_back(c);
        }
    }
    if (!out.empty()) return out;
    for (Version v : versions) {
        for (CipherSuite c : cipher_suites(ListKind::default_, v)) {
            if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
        }
    }
    return out;
}

template <class O>
std::vector<SignAlg> sigalgs_of(const O& o) {
    return o.signature_algs ? *o.signature_algs : default_signature_algs(versions_of(o));
}

template <class O>
std::optional<std::vector<SignAlg>> sigalgs_cert_of(const O& o) {
    if (o.signature_algs_cert) return *o.signature_algs_cert;
    if (o.signature_algs) return std::nullopt;
    std::vector<SignAlg> out = default_signature_algs(versions_of(o));
    if (out.empty()) return std::nullopt;
    out.push_back(sch(S::rsa_pkcs1_sha1));
    return out;
}

template <class O>
std::vector<NamedGroup> groups_of(const O& o) {
    return o.supported_groups ? *o.supported_groups : default_groups();
}

bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); i++) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::vector<Version> default_versions(Protocol protocol) {
    if (protocol == Protocol::dtls) return {Version::dtls1_2};
    return {Version::tls1_3, Version::tls1_2};
}

std::vector<CipherSuite> cipher_suites(ListKind kind, Version version) {
    (void)kind;  // TLS 1.3 has no non-default suites; TLS 1.2 ones will differ by kind
    if (version != Version::tls1_3) return {};
    return {CipherSuite::tls_aes_256_gcm_sha384, CipherSuite::tls_aes_128_gcm_sha256,
            CipherSuite::tls_chacha20_poly1305_sha256, CipherSuite::tls_aes_128_ccm_sha256,
            CipherSuite::tls_aes_128_ccm_8_sha256};
}

std::vector<NamedGroup> all_groups() {
    std::vector<NamedGroup> out = default_groups();
    for (G g : {G::ffdhe2048, G::ffdhe3072, G::ffdhe4096, G::ffdhe6144, G::ffdhe8192}) {
        if (pq::group_supported(g)) out.push_back(g);
    }
    return out;
}

std::vector<NamedGroup> default_groups() {
    // "filtered based on the installed crypto library": here, what pq/kx implements.
    std::vector<NamedGroup> listed = {G::x25519mlkem768,
                                      G::secp384r1mlkem1024,
                                      G::secp256r1mlkem768,
                                      G::mlkem1024,
                                      G::mlkem768,
                                      G::mlkem512,
                                      G::x25519,
                                      G::x448,
                                      G::secp256r1,
                                      G::secp384r1,
                                      G::secp521r1,
                                      G::brainpoolP512r1tls13,
                                      G::brainpoolP384r1tls13,
                                      G::brainpoolP256r1tls13};
    std::vector<NamedGroup> out;
    for (G g : listed) {
        if (pq::group_supported(g)) out.push_back(g);
    }
    return out;
}

std::vector<SignAlg> signature_algs(ListKind kind, Version version) {
    std::vector<SignAlg> out;
    if (version == Version::tls1_3) {
        out = tls13_schemes();
        append(out, tls13_legacy_schemes());
        if (kind != ListKind::exclusive) {
            for (const char* h : {"sha512", "sha384", "sha256"}) out.push_back(pair(h, "ecdsa"));
        }
        return out;
    }
    if (version == Version::tls1_2 || version == Version::dtls1_2) return tls12_default();
    return out;  // before TLS 1.2 the algorithms follow from the suite
}

std::vector<SignAlg> default_signature_algs(const std::vector<Version>& versions) {
    if (has_tls13(versions)) {
        return signature_algs(
            has_tls12_or_dtls12(versions) ? ListKind::default_ : ListKind::exclusive,
            Version::tls1_3);
    }
    if (has_tls12_or_dtls12(versions)) return tls12_default();
    return {};
}

std::vector<Version> effective_versions(const ClientOptions& o) {
    return versions_of(o);
}
std::vector<Version> effective_versions(const ServerOptions& o) {
    return versions_of(o);
}
std::vector<CipherSuite> effective_ciphers(const ClientOptions& o) {
    return ciphers_of(o);
}
std::vector<CipherSuite> effective_ciphers(const ServerOptions& o) {
    return ciphers_of(o);
}
std::vector<SignAlg> effective_signature_algs(const ClientOptions& o) {
    return sigalgs_of(o);
}
std::vector<SignAlg> effective_signature_algs(const ServerOptions& o) {
    return sigalgs_of(o);
}
std::optional<std::vector<SignAlg>> effective_signature_algs_cert(const ClientOptions& o) {
    return sigalgs_cert_of(o);
}
std::optional<std::vector<SignAlg>> effective_signature_algs_cert(const ServerOptions& o) {
    return sigalgs_cert_of(o);
}
std::vector<NamedGroup> effective_supported_groups(const ClientOptions& o) {
    return groups_of(o);
}
std::vector<NamedGroup> effective_supported_groups(const ServerOptions& o) {
    return groups_of(o);
}

std::vector<NamedGroup> effective_psk_groups(const ClientOptions& o) {
    if (o.psk_groups) return *o.psk_groups;
    std::vector<NamedGroup> groups = groups_of(o);
    if (groups.empty()) return {};
    return {groups.front()};
}

bool effective_fail_if_no_peer_cert(const ServerOptions& o) {
    return o.fail_if_no_peer_cert.value_or(true);
}

ServerOptions apply_sni_overrides(const ServerOptions& base, const SniHostOptions& o) {
    ServerOptions out = base;
    if (o.certs_keys) out.certs_keys = *o.certs_keys;
    if (o.cacerts) out.cacerts = *o.cacerts;
    if (o.cacertfile) out.cacertfile = *o.cacertfile;
    if (o.verify) out.verify = *o.verify;
    if (o.fail_if_no_peer_cert) out.fail_if_no_peer_cert = o.fail_if_no_peer_cert;
    if (o.versions) out.versions = o.versions;
    if (o.ciphers) out.ciphers = o.ciphers;
    if (o.signature_algs) out.signature_algs = o.signature_algs;
    if (o.supported_groups) out.supported_groups = o.supported_groups;
    if (o.alpn_preferred_protocols) out.alpn_preferred_protocols = *o.alpn_preferred_protocols;
    return out;
}

ServerOptions options_for_host(const ServerOptions& base, std::string_view host) {
    for (const SniHost& h : base.sni_hosts) {
        if (iequal(h.hostname, host)) return apply_sni_overrides(base, h.options);
    }
    return base;
}

}  // namespace keel::tls
