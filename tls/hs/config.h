// What the TLS 1.3 state machines need to know about the local side, resolved from the
// user's options (tls/config) into typed values: code points instead of names, parsed
// keys instead of PEM. One struct serves both roles; each field says who reads it.
//
// An Engine holds its config through a shared_ptr<const HandshakeConfig>, so one config
// serves every connection of a server and cannot change under a running handshake.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/kx/kx.h"
#include "crypto/rng.h"
#include "crypto/sig/sig.h"
#include "tls/msg/messages.h"
#include "tls/schedule/cipher_suite.h"
#include "tls/schedule/keylog.h"
#include "x509/key/key.h"

namespace keel::tls {

enum class Role : uint8_t { client, server };

// Erlang `verify`: verify_none accepts any certificate chain (the CertificateVerify
// signature is still checked with the leaf key: it proves possession, and without it
// the handshake would not be bound to the key at all); verify_peer validates the chain.
enum class VerifyMode : uint8_t { verify_none, verify_peer };

// One certificate chain (leaf first, DER) and the private key of its leaf (Erlang
// certs_keys entry). A key may be a callback key (x509::PrivateKey::from_callback).
struct CertKey {
    std::vector<Bytes> chain;
    x509::PrivateKey key;
};

// What a certificate-path validator is asked: the chain the peer sent, leaf first, and
// the name the client connects to (empty on the server, or when no name is checked).
struct PeerChain {
    Role peer_role;  // whose chain this is
    std::span<const Bytes> chain;
    std::string_view server_name;
    std::span<const Bytes> cacerts;
};

// Pluggable chain validation (Erlang verify_fun, and where x509/verify plugs in). Returns
// ok to accept; an error to reject, whose alert_of() is sent: bad_cert errors become
// bad_certificate, tls_alert errors carry their own alert (unknown_ca,
// certificate_expired, ...).
using ChainVerifier = std::function<Result<void>(const PeerChain&)>;

// A hook that sees the ClientHello just before it is encoded (tests: the RFC 8448
// replay adds the legacy extensions NSS sent). Production configs leave it empty.
using ClientHelloHook = std::function<void(ClientHello&)>;

struct HandshakeConfig {
    // Randomness for hello randoms, key shares, session ids and signatures. nullptr
    // means crypto::default_rng(). Tests pass a seeded generator.
    crypto::Rng* rng = nullptr;

    // Only TLS 1.3 is spoken by this engine; 0x0303 in this list is ignored here and
    // handled by the TLS 1.2 engine when it exists.
    std::vector<uint16_t> versions = {kTls13};
    // In preference order. The server picks by its own order (Erlang honor_cipher_order
    // true) when server_preference is set, else by the client's.
    std::vector<CipherSuite> cipher_suites = {CipherSuite::tls_aes_256_gcm_sha384,
                                              CipherSuite::tls_aes_128_gcm_sha256,
                                              CipherSuite::tls_chacha20_poly1305_sha256};
    bool server_preference = false;
    // supported_groups, in preference order.
    std::vector<crypto::NamedGroup> groups = {
        crypto::NamedGroup::x25519mlkem768, crypto::NamedGroup::x25519,
        crypto::NamedGroup::secp256r1, crypto::NamedGroup::secp384r1};
    // Client: the groups it sends key shares for in its first ClientHello (each must be
    // in `groups`). Empty means the first group only.
    std::vector<crypto::NamedGroup> key_share_groups = {};
    // signature_algorithms (what we accept in CertificateVerify, and what the server
    // signs with), in preference order; signature_algorithms_cert when non-empty.
    std::vector<crypto::SignatureScheme> signature_algs = {
        crypto::SignatureScheme::ecdsa_secp256r1_sha256,
        crypto::SignatureScheme::ecdsa_secp384r1_sha384,
        crypto::SignatureScheme::eddsa_ed25519,
        crypto::SignatureScheme::rsa_pss_rsae_sha256,
        crypto::SignatureScheme::rsa_pss_rsae_sha384,
        crypto::SignatureScheme::rsa_pss_rsae_sha512,
        crypto::SignatureScheme::rsa_pss_pss_sha256,
        crypto::SignatureScheme::mldsa65,
        crypto::SignatureScheme::mldsa44,
        crypto::SignatureScheme::mldsa87,
        crypto::SignatureScheme::eddsa_ed448,
        crypto::SignatureScheme::ecdsa_secp521r1_sha512,
    };
    std::vector<crypto::SignatureScheme> signature_algs_cert = {};

    // Our certificates. A server needs at least one; a client sends one when asked.
    std::vector<CertKey> certs_keys = {};

    VerifyMode verify = VerifyMode::verify_none;
    std::vector<Bytes> cacerts = {};  // DER trust anchors for verify_peer
    // Chain validation for verify_peer. Empty: the built-in stand-in (see
    // tls/hs/auth.h, default_chain_verifier).
    ChainVerifier verify_fun = {};

    // Client: ALPN protocols to offer (alpn_advertised_protocols). Server: the protocols
    // it accepts, in its preference order (alpn_preferred_protocols). A server with a
    // list that shares nothing with the client's answers no_application_protocol.
    std::vector<std::string> alpn = {};

    // Client: the server_name_indication to send (Engine::client's host by default).
    // Server: names it answers for; empty accepts any.
    std::vector<std::string> server_names = {};

    // RFC 8446 §D.4: the client sends a 32-byte legacy_session_id and both sides send a
    // change_cipher_spec record before their first encrypted flight.
    bool middlebox_comp_mode = true;

    // Server: ask the client for a certificate (verify_peer on a server), and fail the
    // handshake when none comes (fail_if_no_peer_cert).
    bool fail_if_no_peer_cert = false;

    // Server: always answer the first ClientHello with a HelloRetryRequest carrying a
    // cookie (a stateless-retry server's first step; tests use it to force HRR).
    bool force_hello_retry = false;

    // Client: advertise psk_key_exchange_modes (psk_dhe_ke) as NSS and the RFC 8448
    // traces do; no tickets are used yet.
    bool send_psk_modes = false;
    // Client: pad a ClientHello of 256..511 bytes to 512 with the RFC 7685 padding
    // extension (some middleboxes hang on hellos in that range; NSS and BoringSSL pad).
    bool pad_client_hello = true;
    // RFC 8449 record_size_limit to advertise (0: none).
    uint16_t record_size_limit = 0;

    // Largest handshake message accepted (Erlang max_handshake_size).
    size_t max_handshake_size = 256 * 1024;

    // NSS key log lines (Erlang keep_secrets); empty means no secret ever leaves.
    KeyLogFn keylog = {};

    ClientHelloHook client_hello_hook = {};

    crypto::Rng& random() const { return rng ? *rng : crypto::default_rng(); }
};

}  // namespace keel::tls
