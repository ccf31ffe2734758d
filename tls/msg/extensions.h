// TLS extension codecs (RFC 8446 §4.2 and the RFCs that define each extension).
//
// One plain struct per extension and wire form. `parse(Reader&)` reads the extension
// body (the bytes inside extension_data) and `write(Writer&)` writes it back; the
// extension list code adds the type and length. Several extensions have a different
// body depending on the message carrying them (key_share, supported_versions,
// pre_shared_key, early_data, ...), so each form is its own type and the list parser
// picks the form from the ExtContext.
//
// Known code points keep their strong types (NamedGroup, SignatureScheme) but any
// uint16 value survives: a peer may offer groups or schemes we do not implement, and
// the caller filters. Extensions we have no struct for are kept as RawExtension so the
// state machine can ignore them (RFC 8446 §4.2: unknown extensions are skipped).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "base/bytes.h"
#include "base/reader.h"
#include "base/result.h"
#include "base/writer.h"
#include "crypto/kx/kx.h"
#include "crypto/sig/sig.h"

namespace keel::tls {

using crypto::NamedGroup;
using crypto::SignatureScheme;

// IANA TLS ExtensionType registry (the ones this library names).
enum class ExtensionType : uint16_t {
    server_name = 0,
    max_fragment_length = 1,
    status_request = 5,
    supported_groups = 10,
    ec_point_formats = 11,
    signature_algorithms = 13,
    use_srtp = 14,
    heartbeat = 15,
    application_layer_protocol_negotiation = 16,
    status_request_v2 = 17,
    signed_certificate_timestamp = 18,
    client_certificate_type = 19,
    server_certificate_type = 20,
    padding = 21,
    encrypt_then_mac = 22,
    extended_master_secret = 23,
    compress_certificate = 27,
    record_size_limit = 28,
    session_ticket = 35,
    pre_shared_key = 41,
    early_data = 42,
    supported_versions = 43,
    cookie = 44,
    psk_key_exchange_modes = 45,
    certificate_authorities = 47,
    oid_filters = 48,
    post_handshake_auth = 49,
    signature_algorithms_cert = 50,
    key_share = 51,
    renegotiation_info = 0xff01,
};

// The message an extension block sits in; it selects the wire form (RFC 8446 §4.2).
// `certificate` is a CertificateEntry's extensions.
enum class ExtContext : uint8_t {
    client_hello,
    server_hello,
    hello_retry_request,
    encrypted_extensions,
    certificate,
    certificate_request,
    new_session_ticket,
};

// ProtocolVersion values (RFC 8446 §4.1.2, §4.2.1).
inline constexpr uint16_t kTls10 = 0x0301;
inline constexpr uint16_t kTls11 = 0x0302;
inline constexpr uint16_t kTls12 = 0x0303;
inline constexpr uint16_t kTls13 = 0x0304;

// ---- server_name (RFC 6066 §3) ----

// ClientHello form: exactly one host_name entry (the only NameType ever defined; a
// list with two names of one type is forbidden by RFC 6066).
struct ServerName {
    static constexpr ExtensionType kType = ExtensionType::server_name;
    std::string host_name{};

    static Result<ServerName> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const ServerName&) const = default;
};

// EncryptedExtensions / TLS 1.2 ServerHello form: empty, "I used your name".
struct ServerNameAck {
    static constexpr ExtensionType kType = ExtensionType::server_name;
    static Result<ServerNameAck> parse(Reader& r);
    void write(Writer&) const {}
    bool operator==(const ServerNameAck&) const = default;
};

// ---- max_fragment_length (RFC 6066 §4): 1..4 = 2^9, 2^10, 2^11, 2^12 ----
struct MaxFragmentLength {
    static constexpr ExtensionType kType = ExtensionType::max_fragment_length;
    uint8_t code = 0;
    size_t bytes() const { return size_t{1} << (8 + code); }

    static Result<MaxFragmentLength> parse(Reader& r);
    void write(Writer& w) const { w.u8(code); }
    bool operator==(const MaxFragmentLength&) const = default;
};

// ---- status_request (RFC 6066 §8, RFC 8446 §4.4.2.1) ----

// ClientHello form with status_type ocsp(1). Other status types stay RawExtension.
struct StatusRequest {
    static constexpr ExtensionType kType = ExtensionType::status_request;
    std::vector<Bytes> responder_ids{};  // ResponderID: DER, each 1..2^16-1 bytes
    Bytes request_extensions{};          // DER Extensions, may be empty

    static Result<StatusRequest> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const StatusRequest&) const = default;
};

// CertificateRequest / TLS 1.2 ServerHello form: empty.
struct StatusRequestEmpty {
    static constexpr ExtensionType kType = ExtensionType::status_request;
    static Result<StatusRequestEmpty> parse(Reader& r);
    void write(Writer&) const {}
    bool operator==(const StatusRequestEmpty&) const = default;
};

// CertificateEntry form: the stapled OCSP response (RFC 8446 §4.4.2.1).
struct CertificateStatus {
    static constexpr ExtensionType kType = ExtensionType::status_request;
    Bytes ocsp_response{};  // 1..2^24-1 bytes

    static Result<CertificateStatus> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const CertificateStatus&) const = default;
};

// ---- supported_groups (RFC 8446 §4.2.7) ----
struct SupportedGroups {
    static constexpr ExtensionType kType = ExtensionType::supported_groups;
    std::vector<NamedGroup> groups{};  // >= 1

    static Result<SupportedGroups> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const SupportedGroups&) const = default;
};

// ---- signature_algorithms / signature_algorithms_cert (RFC 8446 §4.2.3) ----
struct SignatureAlgorithms {
    static constexpr ExtensionType kType = ExtensionType::signature_algorithms;
    std::vector<SignatureScheme> schemes{};  // >= 1

    static Result<SignatureAlgorithms> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const SignatureAlgorithms&) const = default;
};

struct SignatureAlgorithmsCert {
    static constexpr ExtensionType kType = ExtensionType::signature_algorithms_cert;
    std::vector<SignatureScheme> schemes{};  // >= 1

    static Result<SignatureAlgorithmsCert> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const SignatureAlgorithmsCert&) const = default;
};

// ---- application_layer_protocol_negotiation (RFC 7301 §3.1) ----
// ClientHello: >= 1 protocol; server side: exactly one. Empty names are errors.
struct Alpn {
    static constexpr ExtensionType kType = ExtensionType::application_layer_protocol_negotiation;
    std::vector<std::string> protocols{};

    static Result<Alpn> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const Alpn&) const = default;
};

// ---- signed_certificate_timestamp (RFC 6962 §3.3): empty in requests, the
// SignedCertificateTimestampList in a CertificateEntry. Kept opaque. ----
struct SignedCertificateTimestamp {
    static constexpr ExtensionType kType = ExtensionType::signed_certificate_timestamp;
    Bytes data{};

    static Result<SignedCertificateTimestamp> parse(Reader& r);
    void write(Writer& w) const { w.bytes(data); }
    bool operator==(const SignedCertificateTimestamp&) const = default;
};

// ---- padding (RFC 7685): `length` zero bytes ----
struct Padding {
    static constexpr ExtensionType kType = ExtensionType::padding;
    size_t length = 0;

    static Result<Padding> parse(Reader& r);
    void write(Writer& w) const { w.zeros(length); }
    bool operator==(const Padding&) const = default;
};

// ---- record_size_limit (RFC 8449 §4): values below 64 are illegal_parameter ----
struct RecordSizeLimit {
    static constexpr ExtensionType kType = ExtensionType::record_size_limit;
    uint16_t limit = 0;

    static Result<RecordSizeLimit> parse(Reader& r);
    void write(Writer& w) const { w.u16(limit); }
    bool operator==(const RecordSizeLimit&) const = default;
};

// ---- pre_shared_key (RFC 8446 §4.2.11) ----
struct PskIdentity {
    Bytes identity{};  // 1..2^16-1 bytes
    uint32_t obfuscated_ticket_age = 0;
    bool operator==(const PskIdentity&) const = default;
};

// ClientHello form. Must be the last extension of the ClientHello, and the binders
// come last inside it, so the binder-stripped prefix (§4.2.11.2) is the encoded
// ClientHello message minus binders_wire_length() trailing bytes.
struct PreSharedKeyClientHello {
    static constexpr ExtensionType kType = ExtensionType::pre_shared_key;
    std::vector<PskIdentity> identities{};  // >= 1
    std::vector<Bytes> binders{};           // one per identity, each 32..255 bytes

    // Bytes of the encoded binders list: its 2-byte length plus every 1-byte-prefixed
    // binder. Depends only on the binder lengths, so placeholders of the right size
    // give the same prefix as the final binders.
    size_t binders_wire_length() const;

    static Result<PreSharedKeyClientHello> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const PreSharedKeyClientHello&) const = default;
};

// ServerHello form: the index of the identity the server chose.
struct PreSharedKeyServerHello {
    static constexpr ExtensionType kType = ExtensionType::pre_shared_key;
    uint16_t selected_identity = 0;

    static Result<PreSharedKeyServerHello> parse(Reader& r);
    void write(Writer& w) const { w.u16(selected_identity); }
    bool operator==(const PreSharedKeyServerHello&) const = default;
};

// ---- early_data (RFC 8446 §4.2.10) ----

// ClientHello / EncryptedExtensions form: empty.
struct EarlyData {
    static constexpr ExtensionType kType = ExtensionType::early_data;
    static Result<EarlyData> parse(Reader& r);
    void write(Writer&) const {}
    bool operator==(const EarlyData&) const = default;
};

// NewSessionTicket form.
struct EarlyDataMaxSize {
    static constexpr ExtensionType kType = ExtensionType::early_data;
    uint32_t max_early_data_size = 0;

    static Result<EarlyDataMaxSize> parse(Reader& r);
    void write(Writer& w) const { w.u32(max_early_data_size); }
    bool operator==(const EarlyDataMaxSize&) const = default;
};

// ---- supported_versions (RFC 8446 §4.2.1) ----
struct SupportedVersionsClientHello {
    static constexpr ExtensionType kType = ExtensionType::supported_versions;
    std::vector<uint16_t> versions{};  // 1..127 entries

    static Result<SupportedVersionsClientHello> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const SupportedVersionsClientHello&) const = default;
};

// ServerHello and HelloRetryRequest form.
struct SupportedVersionsServerHello {
    static constexpr ExtensionType kType = ExtensionType::supported_versions;
    uint16_t selected_version = kTls13;

    static Result<SupportedVersionsServerHello> parse(Reader& r);
    void write(Writer& w) const { w.u16(selected_version); }
    bool operator==(const SupportedVersionsServerHello&) const = default;
};

// ---- cookie (RFC 8446 §4.2.2) ----
struct Cookie {
    static constexpr ExtensionType kType = ExtensionType::cookie;
    Bytes cookie{};  // 1..2^16-1 bytes

    static Result<Cookie> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const Cookie&) const = default;
};

// ---- psk_key_exchange_modes (RFC 8446 §4.2.9) ----
enum class PskKeyExchangeMode : uint8_t { psk_ke = 0, psk_dhe_ke = 1 };

struct PskKeyExchangeModes {
    static constexpr ExtensionType kType = ExtensionType::psk_key_exchange_modes;
    std::vector<PskKeyExchangeMode> modes{};  // >= 1; unknown values kept

    static Result<PskKeyExchangeModes> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const PskKeyExchangeModes&) const = default;
};

// ---- certificate_authorities (RFC 8446 §4.2.4) ----
struct CertificateAuthorities {
    static constexpr ExtensionType kType = ExtensionType::certificate_authorities;
    std::vector<Bytes> authorities{};  // DER DistinguishedNames, >= 1, each 1..2^16-1 bytes

    static Result<CertificateAuthorities> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const CertificateAuthorities&) const = default;
};

// ---- post_handshake_auth (RFC 8446 §4.2.6): empty ----
struct PostHandshakeAuth {
    static constexpr ExtensionType kType = ExtensionType::post_handshake_auth;
    static Result<PostHandshakeAuth> parse(Reader& r);
    void write(Writer&) const {}
    bool operator==(const PostHandshakeAuth&) const = default;
};

// ---- key_share (RFC 8446 §4.2.8) ----
struct KeyShareEntry {
    NamedGroup group{};
    Bytes key_exchange{};  // 1..2^16-1 bytes

    static Result<KeyShareEntry> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const KeyShareEntry&) const = default;
};

// ClientHello form: may be empty (the client asks the server to pick via HRR); no
// group twice (illegal_parameter).
struct KeyShareClientHello {
    static constexpr ExtensionType kType = ExtensionType::key_share;
    std::vector<KeyShareEntry> shares{};

    const KeyShareEntry* find(NamedGroup g) const;
    static Result<KeyShareClientHello> parse(Reader& r);
    void write(Writer& w) const;
    bool operator==(const KeyShareClientHello&) const = default;
};

struct KeyShareServerHello {
    static constexpr ExtensionType kType = ExtensionType::key_share;
    KeyShareEntry share{};

    static Result<KeyShareServerHello> parse(Reader& r);
    void write(Writer& w) const { share.write(w); }
    bool operator==(const KeyShareServerHello&) const = default;
};

struct KeyShareHelloRetryRequest {
    static constexpr ExtensionType kType = ExtensionType::key_share;
    NamedGroup selected_group{};

    static Result<KeyShareHelloRetryRequest> parse(Reader& r);
    void write(Writer& w) const { w.u16(static_cast<uint16_t>(selected_group)); }
    bool operator==(const KeyShareHelloRetryRequest&) const = default;
};

// ---- anything else: type and body, untouched ----
struct RawExtension {
    uint16_t type = 0;
    Bytes data{};

    void write(Writer& w) const { w.bytes(data); }
    bool operator==(const RawExtension&) const = default;
};

using Extension =
    std::variant<ServerName, ServerNameAck, MaxFragmentLength, StatusRequest, StatusRequestEmpty,
                 CertificateStatus, SupportedGroups, SignatureAlgorithms, SignatureAlgorithmsCert,
                 Alpn, SignedCertificateTimestamp, Padding, RecordSizeLimit,
                 PreSharedKeyClientHello, PreSharedKeyServerHello, EarlyData, EarlyDataMaxSize,
                 SupportedVersionsClientHello, SupportedVersionsServerHello, Cookie,
                 PskKeyExchangeModes, CertificateAuthorities, PostHandshakeAuth,
                 KeyShareClientHello, KeyShareServerHello, KeyShareHelloRetryRequest, RawExtension>;

using Extensions = std::vector<Extension>;

// The wire code point of an extension.
uint16_t extension_type(const Extension& e);

// Parses one extension body in the form `ctx` calls for; types or forms without a
// struct come back as RawExtension. Trailing bytes in the body are a decode_error.
Result<Extension> parse_extension(uint16_t type, ByteView body, ExtContext ctx);

// Parses an extension list (the 2-byte-prefixed block). Rejects trailing bytes
// (decode_error), a type seen twice (illegal_parameter, RFC 8446 §4.2) and, in a
// ClientHello, a pre_shared_key that is not last (illegal_parameter, §4.2.11).
// Does not apply the per-message table: see check_extensions_allowed.
Result<Extensions> parse_extensions(Reader& block, ExtContext ctx);

// Writes the 2-byte length and every extension as type, length, body.
void write_extensions(Writer& w, const Extensions& exts);

// RFC 8446 §4.2's table: a TLS 1.3 extension this library recognises that is not
// allowed in `ctx` is an illegal_parameter. Unknown types pass (the state machine
// checks responses against what it offered: see check_extensions_offered).
Result<void> check_extensions_allowed(ExtContext ctx, const Extensions& exts);

// A response may only carry extensions the peer offered, except cookie in a
// HelloRetryRequest (RFC 8446 §4.2): else unsupported_extension.
Result<void> check_extensions_offered(ExtContext ctx, const Extensions& response,
                                      const Extensions& offered);

template <class T>
const T* find_extension(const Extensions& exts) {
    for (const Extension& e : exts) {
        if (const T* p = std::get_if<T>(&e)) return p;
    }
    return nullptr;
}

// find_extension<KeyShareClientHello>(client_hello)
template <class T, class Message>
requires requires(const Message& m) {
    m.extensions;
}
const T* find_extension(const Message& m) {
    return find_extension<T>(m.extensions);
}

// Any extension of that code point, whatever its form (RawExtension included).
const Extension* find_extension_type(const Extensions& exts, uint16_t type);
inline const Extension* find_extension_type(const Extensions& exts, ExtensionType type) {
    return find_extension_type(exts, static_cast<uint16_t>(type));
}

}  // namespace keel::tls
