// The options the TLS engine is configured with and the ssl API exposes (DESIGN.md §7),
// one field per Erlang option (reference: common_option(), client_option(),
// server_option()). Plain aggregates for designated initializers:
//
//   tls::ClientOptions opts{
//       .verify = tls::Verify::peer,
//       .cacerts = roots,
//       .versions = {{tls::Version::tls1_3, tls::Version::tls1_2}},
//       .alpn_advertised_protocols = {"h2", "http/1.1"},
//   };
//   KEEL_TRY(tls::validate(opts));    // {options, ...} errors, before any byte is sent
//
// Designated initializers must follow declaration order; fields are grouped
// certificates, protocol, TLS 1.3, debugging, pre-TLS 1.3, DTLS, legacy.
//
// An option whose default depends on other options (versions, ciphers, signature_algs,
// signature_algs_cert, supported_groups, eccs) is a std::optional: nullopt means "not
// given", and tls/config/defaults.h computes what the engine uses. Every other field
// holds its Erlang default, cited beside it.
//
// ClientOptions and ServerOptions repeat the common options rather than nest them, so
// that `.versions` reads the same in both; validate.cc checks the shared ones with one
// template.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/bytes.h"
#include "base/secret.h"
#include "crypto/kx/kx.h"
#include "tls/config/names.h"
#include "tls/schedule/cipher_suite.h"
#include "x509/key/key.h"

namespace keel::tls {

using Version = ProtocolVersion;
using crypto::NamedGroup;

enum class Protocol : uint8_t { tls, dtls };
enum class Verify : uint8_t { none, peer };                    // verify_none | verify_peer
enum class Handshake : uint8_t { full, hello };                // {handshake, full | hello}
enum class CrlCheck : uint8_t { off, on, peer, best_effort };  // false | true | peer | ...
enum class LogLevel : uint8_t {
    none,
    emergency,
    alert,
    critical,
    error,
    warning,
    notice,
    info,
    debug,
    all
};
enum class BeastMitigation : uint8_t { one_n_minus_one, zero_n, disabled };

// ---- Certificates and keys ---------------------------------------------------------

// Erlang key() as DER: {'RSAPrivateKey' | 'DSAPrivateKey' | 'ECPrivateKey' |
// 'PrivateKeyInfo', Der}.
enum class KeyDerType : uint8_t {
    rsa_private_key,
    dsa_private_key,
    ec_private_key,
    private_key_info
};
struct DerKey {
    KeyDerType type = KeyDerType::private_key_info;
    SecretBytes der{};
};

// Erlang cert_key_conf(): a certificate (entity first, then its chain) and its key.
// The key is given one way: `key` (a parsed x509::PrivateKey, or one built with
// x509::PrivateKey::from_callback for sign_fun / HSM keys), `key_der`, or `keyfile`
// (PEM, decrypted with `password`). The engine resolves der/file forms to a PrivateKey.
struct CertKeyConf {
    std::vector<Bytes> cert{};  // DER
    std::string certfile{};     // PEM
    std::optional<x509::PrivateKey> key{};
    std::optional<DerKey> key_der{};
    std::string keyfile{};
    std::string password{};
    std::function<std::string()> password_fun{};
};

// verify_fun: called during path validation (reference, common_option_cert()).
struct VerifyEvent {
    enum class Kind : uint8_t { bad_cert, extension, valid, valid_peer };
    Kind kind = Kind::valid;
    std::string reason{};      // bad_cert: the reason atom ("unknown_ca", ...)
    ByteView extension_der{};  // extension: the Extension, DER
    bool critical = false;     // extension: its critical flag
};
struct VerifyDecision {
    enum class Kind : uint8_t { valid, fail, unknown };
    Kind kind = Kind::valid;
    std::string reason{};  // fail: the reason reported as {bad_cert, Reason}
};
// User state lives in the closure (Erlang threads it through InitialUserState).
using VerifyFun = std::function<VerifyDecision(ByteView der_cert, const VerifyEvent& event)>;

// partial_chain (anchor_fun()): the DER of the certificate in `chain` to trust as the
// anchor, or nullopt for unknown_ca.
using PartialChainFun = std::function<std::optional<Bytes>(std::span<const Bytes> chain)>;

// customize_hostname_check (public_key:pkix_verify_hostname/3 options).
struct CustomizeHostnameCheck {
    // match_fun(ReferenceId, PresentedId): true/false decides, nullopt = default rule.
    std::function<std::optional<bool>(std::string_view reference, std::string_view presented)>
        match_fun{};
    // fqdn_fun(ReferenceId): the name to check, nullopt = default extraction.
    std::function<std::optional<std::string>(std::string_view reference)> fqdn_fun{};
};

struct CertPolicyOpts {
    std::vector<std::string> policy_set{};  // dotted OIDs; empty = any-policy
    bool explicit_policy = false;
    bool inhibit_policy_mapping = false;
    bool inhibit_any_policy = false;
};

// crl_cache: ssl_crl_cache (internal, optional HTTP fetch) or ssl_crl_hash_dir.
struct CrlCache {
    enum class Kind : uint8_t { internal, hash_dir };
    Kind kind = Kind::internal;
    std::string dir{};                          // hash_dir: required
    std::optional<uint32_t> http_timeout_ms{};  // internal: {http, Timeout}
};

// ---- Protocol ----------------------------------------------------------------------

// keep_secrets: false (off) | true (kept for connection_information) | {keylog_hs, Fun}
// | {keylog, Fun}. The fun gets NSS key log lines (tls/schedule/keylog.h).
struct KeylogInfo {
    std::vector<std::string> items{};
    Bytes client_random{};
};
struct KeepSecrets {
    enum class Mode : uint8_t { off, on, keylog_hs, keylog };
    // A constructor rather than an aggregate: GCC 12 reports a false maybe-uninitialized
    // on a defaulted std::function member nested in designated-initialized options.
    KeepSecrets(Mode m = Mode::off, std::function<void(const KeylogInfo&)> f = nullptr)
        : mode(m), fun(std::move(f)) {}
    Mode mode;
    std::function<void(const KeylogInfo&)> fun;
};

// server_name_indication: the host to send (default: the connect/3 Host argument when
// it is a name) or `disable`.
struct SniDisable {
    bool operator==(const SniDisable&) const = default;
};
inline constexpr SniDisable kSniDisable{};
using ServerNameIndication = std::variant<std::monostate, std::string, SniDisable>;

// stapling: no_staple | staple | #{ocsp_nonce => boolean()}.
struct Stapling {
    bool staple = false;
    bool ocsp_nonce = false;
};

// use_srtp (DTLS only).
struct UseSrtp {
    std::vector<Bytes> protection_profiles{};  // each 2 bytes
    Bytes mki{};
};

// user_lookup_fun for PSK suites (TLS 1.2): the secret for an identity, or nullopt.
using UserLookupFun = std::function<std::optional<SecretBytes>(ByteView identity)>;

// client_preferred_next_protocols (NPN, TLS 1.2).
struct NextProtocols {
    enum class Precedence : uint8_t { server, client };
    Precedence precedence = Precedence::server;
    std::vector<std::string> protocols{};
    std::optional<std::string> default_protocol{};
};

enum class ClientSessionTickets : uint8_t { disabled, manual, automatic };  // auto
enum class ServerSessionTickets : uint8_t {
    disabled,
    stateful,
    stateless,
    stateful_with_cert,
    stateless_with_cert
};
enum class ServerEarlyData : uint8_t { disabled, enabled };

// anti_replay: '10k' | '100k' | {WindowSize, HashFunctions, Bits}.
struct AntiReplay {
    uint32_t window_seconds = 10;
    uint32_t hash_functions = 5;
    uint32_t bits = 72985;
    static constexpr AntiReplay k10k() { return {10, 5, 72985}; }
    static constexpr AntiReplay k100k() { return {10, 5, 729845}; }
};

// ---- Client ------------------------------------------------------------------------

struct ClientOptions {
    // Certificates (client_option_cert(), common_option_cert()).
    Verify verify = Verify::peer;  // "verify_peer, which is the default" (OTP 26)
    std::vector<Bytes> cacerts{};  // DER; overrides cacertfile
    std::string cacertfile{};
    std::vector<CertKeyConf> certs_keys{};
    uint32_t depth = 10;     // "The default value is 10."
    VerifyFun verify_fun{};  // empty: the default fun for `verify`
    PartialChainFun partial_chain{};
    CustomizeHostnameCheck customize_hostname_check{};
    ServerNameIndication server_name_indication{};
    CrlCheck crl_check = CrlCheck::off;  // "Check defaults to false."
    CrlCache crl_cache{};
    CertPolicyOpts cert_policy_opts{};
    bool allow_any_ca_purpose = false;     // "the options default to false"
    bool certificate_authorities = false;  // client: "The default is false."
    Stapling stapling{};                   // no_staple "(the default)"

    // Protocol (common_option(), client_option()).
    Protocol protocol = Protocol::tls;  // "Defaults to tls."
    std::optional<std::vector<Version>> versions{};
    std::optional<std::vector<CipherSuite>> ciphers{};
    std::optional<std::vector<SignAlg>> signature_algs{};
    std::optional<std::vector<SignAlg>> signature_algs_cert{};
    std::optional<std::vector<NamedGroup>> supported_groups{};  // default: groups(default)
    std::optional<std::vector<NamedGroup>> psk_groups{};        // default: first supported group
    std::vector<std::string> alpn_advertised_protocols{};
    std::optional<uint16_t> max_fragment_length{};  // undefined | 512 | 1024 | 2048 | 4096
    Handshake handshake = Handshake::full;          // "Defaults to full."
    uint32_t max_handshake_size = 262144;           // "Defaults to 262144 since OTP 29.0"
    std::optional<uint64_t> key_update_at{};        // default: the AEAD's limit (§5.5)

    // TLS 1.3 (client_option_tls13()).
    ClientSessionTickets session_tickets = ClientSessionTickets::disabled;
    std::vector<Bytes> use_ticket{};  // opaque tickets from session_tickets manual
    std::optional<Bytes> early_data{};
    bool middlebox_comp_mode = true;  // "enabled (true) by default"

    // Debugging.
    KeepSecrets keep_secrets{};             // "disabled (false) by default"
    LogLevel log_level = LogLevel::notice;  // "notice level, which is the default"
    std::optional<uint32_t> hibernate_after{};

    // Before TLS 1.3 (client_option_pre_tls13(), common_option_pre_tls13()).
    std::optional<Bytes> reuse_session{};  // a session id (or id + data), opaque here
    bool reuse_sessions = true;
    std::optional<std::string> psk_identity{};
    std::optional<std::pair<std::string, std::string>> srp_identity{};
    bool fallback = false;                           // "Defaults to false."
    std::optional<std::vector<std::string>> eccs{};  // named_curve() atoms
    bool secure_renegotiate = true;                  // false "will fail" since OTP 29.0
    UserLookupFun user_lookup_fun{};
    std::optional<NextProtocols> client_preferred_next_protocols{};

    // DTLS.
    std::optional<UseSrtp> use_srtp{};

    // Legacy (common_option_legacy(); certs_keys overrides these).
    std::vector<Bytes> cert{};
    std::string certfile{};
    std::optional<x509::PrivateKey> key{};
    std::string keyfile{};
    std::string password{};
    bool padding_check = true;
    BeastMitigation beast_mitigation = BeastMitigation::one_n_minus_one;
};

// ---- Server ------------------------------------------------------------------------

// What sni_hosts / sni_fun may override for one host name; unset fields keep the
// listening socket's value (reference: "override previously specified options").
struct SniHostOptions {
    std::optional<std::vector<CertKeyConf>> certs_keys{};
    std::optional<std::vector<Bytes>> cacerts{};
    std::optional<std::string> cacertfile{};
    std::optional<Verify> verify{};
    std::optional<bool> fail_if_no_peer_cert{};
    std::optional<std::vector<Version>> versions{};
    std::optional<std::vector<CipherSuite>> ciphers{};
    std::optional<std::vector<SignAlg>> signature_algs{};
    std::optional<std::vector<NamedGroup>> supported_groups{};
    std::optional<std::vector<std::string>> alpn_preferred_protocols{};
};

struct SniHost {
    std::string hostname{};
    SniHostOptions options{};
};

// sni_fun result: options for the host, unrecognized (unrecognized_name alert) or
// undefined (use the default options).
struct SniDecision {
    enum class Kind : uint8_t { use, unrecognized, undefined };
    Kind kind = Kind::undefined;
    SniHostOptions options{};
};
using SniFun = std::function<SniDecision(std::string_view host)>;

struct ServerOptions {
    // Certificates (server_option_cert(), common_option_cert()).
    Verify verify = Verify::none;  // "By default the server is in verify_none mode"
    std::vector<Bytes> cacerts{};
    std::string cacertfile{};
    std::vector<CertKeyConf> certs_keys{};
    uint32_t depth = 10;
    VerifyFun verify_fun{};
    PartialChainFun partial_chain{};
    // "Defaults to true" (OTP 26) and applies with verify_peer; setting it explicitly
    // with verify_none is a contradiction, so "not given" is kept apart.
    std::optional<bool> fail_if_no_peer_cert{};
    CrlCheck crl_check = CrlCheck::off;
    CrlCache crl_cache{};
    CertPolicyOpts cert_policy_opts{};
    bool allow_any_ca_purpose = false;
    bool certificate_authorities = true;  // server: "Defaults to true."

    // Protocol (common_option(), server_option()).
    Protocol protocol = Protocol::tls;
    std::optional<std::vector<Version>> versions{};
    std::optional<std::vector<CipherSuite>> ciphers{};
    std::optional<std::vector<SignAlg>> signature_algs{};
    std::optional<std::vector<SignAlg>> signature_algs_cert{};
    std::optional<std::vector<NamedGroup>> supported_groups{};
    bool honor_cipher_order = false;  // "If false (the default), use the client's preference."
    std::vector<std::string> alpn_preferred_protocols{};
    std::vector<SniHost> sni_hosts{};
    SniFun sni_fun{};  // mutually exclusive with sni_hosts
    Handshake handshake = Handshake::full;
    uint32_t max_handshake_size = 262144;
    std::optional<uint64_t> key_update_at{};

    // TLS 1.3 (server_option_tls13()).
    ServerSessionTickets session_tickets = ServerSessionTickets::disabled;
    Bytes stateless_tickets_seed{};  // empty: random per server
    std::optional<AntiReplay> anti_replay{};
    bool cookie = true;                                      // "true, which is the default"
    ServerEarlyData early_data = ServerEarlyData::disabled;  // "The default value is disabled."

    // Debugging.
    KeepSecrets keep_secrets{};
    LogLevel log_level = LogLevel::notice;
    std::optional<uint32_t> hibernate_after{};

    // Before TLS 1.3 (server_option_pre_tls13(), common_option_pre_tls13()).
    bool client_renegotiation = true;  // "The default value is true."
    bool reuse_sessions = true;
    std::function<bool(ByteView session_id, ByteView peer_cert, CipherSuite suite)> reuse_session{};
    bool honor_ecc_order = false;  // "If false (the default), use the client's preference."
    Bytes dh{};                    // DER DHParameter; overrides dhfile
    std::string dhfile{};
    std::optional<std::string> psk_identity{};  // the server's identity hint
    std::optional<std::vector<std::string>> eccs{};
    bool secure_renegotiate = true;
    UserLookupFun user_lookup_fun{};
    std::vector<std::string> next_protocols_advertised{};

    // DTLS.
    std::optional<UseSrtp> use_srtp{};

    // Legacy.
    std::vector<Bytes> cert{};
    std::string certfile{};
    std::optional<x509::PrivateKey> key{};
    std::string keyfile{};
    std::string password{};
    bool padding_check = true;
    BeastMitigation beast_mitigation = BeastMitigation::one_n_minus_one;
};

// The Erlang atoms, for error details and printing.
std::string_view verify_name(Verify v);      // "verify_peer"
std::string_view protocol_name(Protocol p);  // "tls"

}  // namespace keel::tls
