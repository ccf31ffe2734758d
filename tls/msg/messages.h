// TLS 1.3 handshake message codecs (RFC 8446 §4). One plain struct per message:
// `parse(ByteView body)` takes the body after the 4-byte header (HandshakeMessage::
// body()) and rejects trailing bytes; `write(Writer&)` writes the body back, and
// write_message / encode_message (handshake.h) add the header.
//
// ClientHello and ServerHello also carry TLS 1.2 (their legacy fields are kept as
// read and their extension block may be absent); the TLS 1.2-only messages come
// with the 1.2 engine.
#pragma once

#include <array>
#include <cstdint>
#include <variant>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "base/writer.h"
#include "tls/msg/extensions.h"
#include "tls/msg/handshake.h"

namespace keel::tls {

using Random = std::array<uint8_t, 32>;

// RFC 8446 §4.1.3: SHA-256("HelloRetryRequest"), the random that marks a
// ServerHello as a HelloRetryRequest.
inline constexpr Random kHelloRetryRequestRandom = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};

// RFC 8446 §4.1.3: the last 8 bytes of a TLS 1.3 server's random when it negotiates
// TLS 1.2 ("DOWNGRD\1") or TLS 1.1 and below ("DOWNGRD\0").
inline constexpr std::array<uint8_t, 8> kDowngradeTls12 = {0x44, 0x4f, 0x57, 0x4e,
                                                           0x47, 0x52, 0x44, 0x01};
inline constexpr std::array<uint8_t, 8> kDowngradeTls11 = {0x44, 0x4f, 0x57, 0x4e,
                                                           0x47, 0x52, 0x44, 0x00};

// RFC 8446 §4.1.2.
struct ClientHello {
    static constexpr HandshakeType kType = HandshakeType::client_hello;
    uint16_t legacy_version = kTls12;
    Random random{};
    Bytes legacy_session_id{};               // 0..32 bytes
    std::vector<uint16_t> cipher_suites{};   // >= 1
    Bytes legacy_compression_methods = {0};  // >= 1; TLS 1.3 requires exactly {0}
    Extensions extensions{};                 // written only when non-empty

    // Extensions are parsed in ClientHello form, with duplicates, a pre_shared_key
    // that is not last, and RFC 8446 §4.2's table (e.g. oid_filters) rejected.
    static Result<ClientHello> parse(ByteView body);
    void write(Writer& w) const;

    // Trailing bytes of the encoded message taken by the PSK binders list (0 without
    // pre_shared_key). The binder transcript (RFC 8446 §4.2.11.2) is the encoded
    // message minus these bytes.
    size_t psk_binders_wire_length() const;
    bool operator==(const ClientHello&) const = default;
};

// The binder-stripped prefix of an encoded ClientHello message (header included).
// `message` must be the encoding of `ch` (HandshakeMessage::raw, or encode_message).
ByteView client_hello_binder_prefix(ByteView message, const ClientHello& ch);

// RFC 8446 §4.1.3 (ServerHello and HelloRetryRequest share type 2).
struct ServerHello {
    static constexpr HandshakeType kType = HandshakeType::server_hello;
    uint16_t legacy_version = kTls12;
    Random random{};
    Bytes legacy_session_id_echo{};  // 0..32 bytes
    uint16_t cipher_suite = 0;
    uint8_t legacy_compression_method = 0;
    Extensions extensions{};  // written only when non-empty

    bool is_hello_retry_request() const { return random == kHelloRetryRequestRandom; }

    // A HelloRetryRequest's extensions are parsed in HRR form (key_share holds only
    // the selected group) and checked against RFC 8446 §4.2's HRR column. A
    // ServerHello carrying supported_versions negotiates TLS 1.3 and is checked
    // against the ServerHello column; without it (TLS 1.2) only duplicates are errors.
    static Result<ServerHello> parse(ByteView body);
    void write(Writer& w) const;
    bool operator==(const ServerHello&) const = default;
};

// RFC 8446 §4.3.1.
struct EncryptedExtensions {
    static constexpr HandshakeType kType = HandshakeType::encrypted_extensions;
    Extensions extensions{};

    static Result<EncryptedExtensions> parse(ByteView body);
    void write(Writer& w) const { write_extensions(w, extensions); }
    bool operator==(const EncryptedExtensions&) const = default;
};

// RFC 8446 §4.4.2. cert_data is the DER certificate, or a SubjectPublicKeyInfo when
// raw public keys were negotiated (RFC 7250): the codec does not look inside.
struct CertificateEntry {
    Bytes cert_data{};  // 1..2^24-1 bytes
    Extensions extensions{};
    bool operator==(const CertificateEntry&) const = default;
};

struct Certificate {
    static constexpr HandshakeType kType = HandshakeType::certificate;
    Bytes certificate_request_context{};  // 0..255 bytes
    std::vector<CertificateEntry> certificate_list{};

    static Result<Certificate> parse(ByteView body);
    void write(Writer& w) const;
    bool operator==(const Certificate&) const = default;
};

// RFC 8446 §4.3.2. signature_algorithms must be present (missing_extension).
struct CertificateRequest {
    static constexpr HandshakeType kType = HandshakeType::certificate_request;
    Bytes certificate_request_context{};  // 0..255 bytes
    Extensions extensions{};

    static Result<CertificateRequest> parse(ByteView body);
    void write(Writer& w) const;
    bool operator==(const CertificateRequest&) const = default;
};

// RFC 8446 §4.4.3.
struct CertificateVerify {
    static constexpr HandshakeType kType = HandshakeType::certificate_verify;
    SignatureScheme algorithm{};
    Bytes signature{};  // 0..2^16-1 bytes

    static Result<CertificateVerify> parse(ByteView body);
    void write(Writer& w) const;
    bool operator==(const CertificateVerify&) const = default;
};

// RFC 8446 §4.4.4. verify_data is Hash.length bytes; the caller knows the hash and
// checks the length (decode_error).
struct Finished {
    static constexpr HandshakeType kType = HandshakeType::finished;
    Bytes verify_data{};

    static Result<Finished> parse(ByteView body);
    void write(Writer& w) const { w.bytes(verify_data); }
    bool operator==(const Finished&) const = default;
};

// RFC 8446 §4.6.1.
struct NewSessionTicket {
    static constexpr HandshakeType kType = HandshakeType::new_session_ticket;
    uint32_t ticket_lifetime = 0;  // seconds; RFC 8446 caps what a client keeps at 7 days
    uint32_t ticket_age_add = 0;
    Bytes ticket_nonce{};  // 0..255 bytes
    Bytes ticket{};        // 1..2^16-1 bytes
    Extensions extensions{};

    static Result<NewSessionTicket> parse(ByteView body);
    void write(Writer& w) const;
    bool operator==(const NewSessionTicket&) const = default;
};

// RFC 8446 §4.5: empty body.
struct EndOfEarlyData {
    static constexpr HandshakeType kType = HandshakeType::end_of_early_data;

    static Result<EndOfEarlyData> parse(ByteView body);
    void write(Writer&) const {}
    bool operator==(const EndOfEarlyData&) const = default;
};

// RFC 8446 §4.6.3.
enum class KeyUpdateRequest : uint8_t { update_not_requested = 0, update_requested = 1 };

struct KeyUpdate {
    static constexpr HandshakeType kType = HandshakeType::key_update;
    KeyUpdateRequest request_update = KeyUpdateRequest::update_not_requested;

    // Any other request_update value is an illegal_parameter.
    static Result<KeyUpdate> parse(ByteView body);
    void write(Writer& w) const { w.u8(static_cast<uint8_t>(request_update)); }
    bool operator==(const KeyUpdate&) const = default;
};

// Any TLS 1.3 handshake message, for code that dispatches on what arrived.
using Message =
    std::variant<ClientHello, ServerHello, EncryptedExtensions, Certificate, CertificateRequest,
                 CertificateVerify, Finished, NewSessionTicket, EndOfEarlyData, KeyUpdate>;

// Parses a body by its handshake type. A type TLS 1.3 has no message for (the TLS 1.2
// ones, message_hash, unknown values) is an unexpected_message.
Result<Message> parse_message(HandshakeType type, ByteView body);
inline Result<Message> parse_message(const HandshakeMessage& m) {
    return parse_message(m.type, m.body());
}

HandshakeType message_type(const Message& m);
void write_message(Writer& w, const Message& m);
Result<Bytes> encode_message(const Message& m);

}  // namespace keel::tls
