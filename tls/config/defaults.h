// Defaults as the Erlang reference lists them, and the effective values the engine
// uses once the options are validated:
//
//   auto groups = effective_supported_groups(opts);   // opts.supported_groups or
//                                                     // groups(default)
//
// Sources (ssl-reference.txt): cipher_suites/2,3; signature_algs/2 and the
// signature_algs() type; groups/0,1 and the group() type; versions/0 and the
// tls_legacy_version() note ("no longer supported by default"). Where the reference only
// describes a list, the list is OTP's (lib/ssl/src/tls_v1.erl); defaults_test.cc spells
// every list out again with its source.
#pragma once

#include <optional>
#include <vector>

#include "tls/config/options.h"

namespace keel::tls {

// Erlang cipher_suites/2 and signature_algs/2 Description.
enum class ListKind : uint8_t { default_, all, exclusive };

// versions: ['tlsv1.3', 'tlsv1.2'] for TLS, ['dtlsv1.2'] for DTLS.
std::vector<Version> default_versions(Protocol protocol);

// ssl:cipher_suites(Kind, Version) as code points. TLS 1.3 defaults to all five suites,
// AES-256-GCM first. default/all are inclusive of older versions, so (Kind, tlsv1.3)
// will also hold the TLS 1.2 suites once the registry has them; exclusive is 1.3 only.
std::vector<CipherSuite> cipher_suites(ListKind kind, Version version);

// ssl:groups() (every group keel implements) and ssl:groups(default).
std::vector<NamedGroup> all_groups();
std::vector<NamedGroup> default_groups();

// ssl:signature_algs(Kind, Version) for Kind default or exclusive; `all` is treated as
// default (the reference's own `all` listing repeats entries).
std::vector<SignAlg> signature_algs(ListKind kind, Version version);

// The default signature_algs for a set of versions (RFC 8446 §4.2.3; reference, the
// signature_algs() type): TLS 1.3 schemes ++ legacy rsa_pkcs1 schemes, plus the TLS 1.2
// ECDSA pairs when TLS 1.2 is also enabled, or the TLS 1.2 list for TLS 1.2 alone.
std::vector<SignAlg> default_signature_algs(const std::vector<Version>& versions);

// What the engine uses, options validated first.
std::vector<Version> effective_versions(const ClientOptions& o);
std::vector<Version> effective_versions(const ServerOptions& o);
// The configured suites usable with the configured versions; an empty result falls
// back to the defaults ("If the supplied list does not comply with the configured
// versions ... the option will fall back to its appropriate default value").
std::vector<CipherSuite> effective_ciphers(const ClientOptions& o);
std::vector<CipherSuite> effective_ciphers(const ServerOptions& o);
std::vector<SignAlg> effective_signature_algs(const ClientOptions& o);
std::vector<SignAlg> effective_signature_algs(const ServerOptions& o);
// nullopt: no signature_algorithms_cert extension. When neither signature_algs nor
// signature_algs_cert is given, the default signature_algs plus rsa_pkcs1_sha1 (so
// certificates may still be SHA-1 signed while the handshake may not).
std::optional<std::vector<SignAlg>> effective_signature_algs_cert(const ClientOptions& o);
std::optional<std::vector<SignAlg>> effective_signature_algs_cert(const ServerOptions& o);
std::vector<NamedGroup> effective_supported_groups(const ClientOptions& o);
std::vector<NamedGroup> effective_supported_groups(const ServerOptions& o);
// psk_groups default: "the first group in supported_groups".
std::vector<NamedGroup> effective_psk_groups(const ClientOptions& o);
// fail_if_no_peer_cert: true unless given (it only matters with verify_peer).
bool effective_fail_if_no_peer_cert(const ServerOptions& o);

// The options a server uses for a ClientHello naming `host` via sni_hosts (exact,
// case-insensitive match); the base options when no entry matches.
ServerOptions options_for_host(const ServerOptions& base, std::string_view host);
// Base options with one host's overrides applied (sni_hosts entry or sni_fun result).
ServerOptions apply_sni_overrides(const ServerOptions& base, const SniHostOptions& o);

}  // namespace keel::tls
