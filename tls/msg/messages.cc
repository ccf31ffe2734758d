#include "tls/msg/messages.h"

#include <string>

#include "base/reader.h"
#include "tls/alert.h"
#include "tls/msg/internal/codec.h"

namespace keel::tls {

using detail::decode_error;
using detail::illegal_parameter;
using detail::read_opaque;
using detail::read_vector;

namespace {

Result<void> no_trailing(const Reader& r, const char* msg) {
    if (!r.empty()) return decode_error(std::string(msg) + ": trailing bytes");
    return ok();
}

// Parses a 2-byte-prefixed extension block with length in [min, 2^16-1] and applies
// RFC 8446 §4.2's table for `ctx`.
Result<Extensions> parse_block(Reader& r, size_t min, ExtContext ctx, const char* msg,
                               bool check_table = true) {
    Reader block;
    if (!read_vector(r, 2, min, 0xffff, &block)) {
        return decode_error(std::string(msg) + ": bad extensions length");
    }
    auto exts = parse_extensions(block, ctx);
    if (!exts) return exts.error();
    if (check_table) KEEL_TRY(check_extensions_allowed(ctx, *exts));
    return exts;
}

void write_opaque8(Writer& w, ByteView v) {
    Writer::Field f = w.open8();
    w.bytes(v);
    w.close(f);
}

}  // namespace

// ---- ClientHello ----

Result<ClientHello> ClientHello::parse(ByteView body) {
    // RFC 8446 §4.1.2: legacy_version, random[32], legacy_session_id<0..32>,
    // cipher_suites<2..2^16-2>, legacy_compression_methods<1..2^8-1>,
    // extensions<8..2^16-1>. RFC 5246 §7.4.1.2 lets a TLS 1.2 hello end after the
    // compression methods, so the extension block is optional here.
    Reader r(body);
    ClientHello ch;
    Reader suites;
    if (!r.u16(&ch.legacy_version) || !r.copy(ch.random)) {
        return decode_error("ClientHello: truncated");
    }
    if (!read_opaque(r, 1, 0, 32, &ch.legacy_session_id)) {
        return decode_error("ClientHello: bad legacy_session_id");
    }
    if (!read_vector(r, 2, 2, 0xfffe, &suites) || suites.remaining() % 2 != 0) {
        return decode_error("ClientHello: bad cipher_suites");
    }
    uint16_t suite;
    while (suites.u16(&suite)) ch.cipher_suites.push_back(suite);
    if (!read_opaque(r, 1, 1, 0xff, &ch.legacy_compression_methods)) {
        return decode_error("ClientHello: bad legacy_compression_methods");
    }
    if (!r.empty()) {
        auto exts = parse_block(r, 0, ExtContext::client_hello, "ClientHello");
        if (!exts) return exts.error();
        ch.extensions = std::move(*exts);
    }
    KEEL_TRY(no_trailing(r, "ClientHello"));
    return ch;
}

void ClientHello::write(Writer& w) const {
    w.u16(legacy_version);
    w.bytes(random);
    write_opaque8(w, legacy_session_id);
    Writer::Field f = w.open16();
    for (uint16_t s : cipher_suites) w.u16(s);
    w.close(f);
    write_opaque8(w, legacy_compression_methods);
    if (!extensions.empty()) write_extensions(w, extensions);
}

size_t ClientHello::psk_binders_wire_length() const {
    if (extensions.empty()) return 0;
    const auto* psk = std::get_if<PreSharedKeyClientHello>(&extensions.back());
    return psk ? psk->binders_wire_length() : 0;
}

ByteView client_hello_binder_prefix(ByteView message, const ClientHello& ch) {
    size_t strip = ch.psk_binders_wire_length();
    if (strip > message.size()) return {};
    return message.first(message.size() - strip);
}

// ---- ServerHello / HelloRetryRequest ----

Result<ServerHello> ServerHello::parse(ByteView body) {
    // RFC 8446 §4.1.3: legacy_version, random[32], legacy_session_id_echo<0..32>,
    // cipher_suite, legacy_compression_method, extensions<6..2^16-1>.
    Reader r(body);
    ServerHello sh;
    if (!r.u16(&sh.legacy_version) || !r.copy(sh.random)) {
        return decode_error("ServerHello: truncated");
    }
    if (!read_opaque(r, 1, 0, 32, &sh.legacy_session_id_echo)) {
        return decode_error("ServerHello: bad legacy_session_id_echo");
    }
    if (!r.u16(&sh.cipher_suite) || !r.u8(&sh.legacy_compression_method)) {
        return decode_error("ServerHello: truncated");
    }
    if (sh.is_hello_retry_request()) {
        // A HelloRetryRequest exists only in TLS 1.3: its extensions are mandatory.
        auto exts = parse_block(r, 6, ExtContext::hello_retry_request, "HelloRetryRequest");
        if (!exts) return exts.error();
        sh.extensions = std::move(*exts);
    } else if (!r.empty()) {
        auto exts = parse_block(r, 0, ExtContext::server_hello, "ServerHello", false);
        if (!exts) return exts.error();
        sh.extensions = std::move(*exts);
        if (find_extension<SupportedVersionsServerHello>(sh)) {
            KEEL_TRY(check_extensions_allowed(ExtContext::server_hello, sh.extensions));
        }
    }
    KEEL_TRY(no_trailing(r, "ServerHello"));
    return sh;
}

void ServerHello::write(Writer& w) const {
    w.u16(legacy_version);
    w.bytes(random);
    write_opaque8(w, legacy_session_id_echo);
    w.u16(cipher_suite);
    w.u8(legacy_compression_method);
    if (!extensions.empty() || is_hello_retry_request()) write_extensions(w, extensions);
}

// ---- EncryptedExtensions ----

Result<EncryptedExtensions> EncryptedExtensions::parse(ByteView body) {
    Reader r(body);
    auto exts = parse_block(r, 0, ExtContext::encrypted_extensions, "EncryptedExtensions");
    if (!exts) return exts.error();
    KEEL_TRY(no_trailing(r, "EncryptedExtensions"));
    return EncryptedExtensions{.extensions = std::move(*exts)};
}

// ---- Certificate ----

Result<Certificate> Certificate::parse(ByteView body) {
    // RFC 8446 §4.4.2: certificate_request_context<0..2^8-1>,
    // CertificateEntry certificate_list<0..2^24-1>; entry = cert_data<1..2^24-1>,
    // extensions<0..2^16-1>.
    Reader r(body);
    Certificate out;
    Reader list;
    if (!read_opaque(r, 1, 0, 0xff, &out.certificate_request_context) ||
        !read_vector(r, 3, 0, 0xffffff, &list)) {
        return decode_error("Certificate: bad lengths");
    }
    while (!list.empty()) {
        CertificateEntry entry;
        if (!read_opaque(list, 3, 1, 0xffffff, &entry.cert_data)) {
            return decode_error("Certificate: bad cert_data");
        }
        auto exts = parse_block(list, 0, ExtContext::certificate, "Certificate");
        if (!exts) return exts.error();
        entry.extensions = std::move(*exts);
        out.certificate_list.push_back(std::move(entry));
    }
    KEEL_TRY(no_trailing(r, "Certificate"));
    return out;
}

void Certificate::write(Writer& w) const {
    write_opaque8(w, certificate_request_context);
    Writer::Field list = w.open24();
    for (const CertificateEntry& e : certificate_list) {
        Writer::Field f = w.open24();
        w.bytes(e.cert_data);
        w.close(f);
        write_extensions(w, e.extensions);
    }
    w.close(list);
}

// ---- CertificateRequest ----

Result<CertificateRequest> CertificateRequest::parse(ByteView body) {
    // RFC 8446 §4.3.2: certificate_request_context<0..2^8-1>, extensions<2..2^16-1>.
    Reader r(body);
    CertificateRequest out;
    if (!read_opaque(r, 1, 0, 0xff, &out.certificate_request_context)) {
        return decode_error("CertificateRequest: bad context");
    }
    auto exts = parse_block(r, 2, ExtContext::certificate_request, "CertificateRequest");
    if (!exts) return exts.error();
    out.extensions = std::move(*exts);
    KEEL_TRY(no_trailing(r, "CertificateRequest"));
    if (!find_extension<SignatureAlgorithms>(out)) {
        return alert_error(Alert::missing_extension, "CertificateRequest: no signature_algorithms");
    }
    return out;
}

void CertificateRequest::write(Writer& w) const {
    write_opaque8(w, certificate_request_context);
    write_extensions(w, extensions);
}

// ---- CertificateVerify ----

Result<CertificateVerify> CertificateVerify::parse(ByteView body) {
    Reader r(body);
    CertificateVerify out;
    uint16_t alg;
    if (!r.u16(&alg) || !read_opaque(r, 2, 0, 0xffff, &out.signature)) {
        return decode_error("CertificateVerify: malformed");
    }
    out.algorithm = static_cast<SignatureScheme>(alg);
    KEEL_TRY(no_trailing(r, "CertificateVerify"));
    return out;
}

void CertificateVerify::write(Writer& w) const {
    w.u16(static_cast<uint16_t>(algorithm));
    Writer::Field f = w.open16();
    w.bytes(signature);
    w.close(f);
}

// ---- Finished ----

Result<Finished> Finished::parse(ByteView body) {
    if (body.empty()) return decode_error("Finished: empty verify_data");
    return Finished{.verify_data = Bytes(body.begin(), body.end())};
}

// ---- NewSessionTicket ----

Result<NewSessionTicket> NewSessionTicket::parse(ByteView body) {
    // RFC 8446 §4.6.1: ticket_lifetime, ticket_age_add, ticket_nonce<0..255>,
    // ticket<1..2^16-1>, extensions<0..2^16-2>.
    Reader r(body);
    NewSessionTicket out;
    if (!r.u32(&out.ticket_lifetime) || !r.u32(&out.ticket_age_add) ||
        !read_opaque(r, 1, 0, 0xff, &out.ticket_nonce) ||
        !read_opaque(r, 2, 1, 0xffff, &out.ticket)) {
        return decode_error("NewSessionTicket: malformed");
    }
    auto exts = parse_block(r, 0, ExtContext::new_session_ticket, "NewSessionTicket");
    if (!exts) return exts.error();
    out.extensions = std::move(*exts);
    KEEL_TRY(no_trailing(r, "NewSessionTicket"));
    return out;
}

void NewSessionTicket::write(Writer& w) const {
    w.u32(ticket_lifetime);
    w.u32(ticket_age_add);
    write_opaque8(w, ticket_nonce);
    Writer::Field f = w.open16();
    w.bytes(ticket);
    w.close(f);
    write_extensions(w, extensions);
}

// ---- EndOfEarlyData, KeyUpdate ----

Result<EndOfEarlyData> EndOfEarlyData::parse(ByteView body) {
    if (!body.empty()) return decode_error("EndOfEarlyData: non-empty body");
    return EndOfEarlyData{};
}

Result<KeyUpdate> KeyUpdate::parse(ByteView body) {
    Reader r(body);
    uint8_t v;
    if (!r.u8(&v)) return decode_error("KeyUpdate: truncated");
    KEEL_TRY(no_trailing(r, "KeyUpdate"));
    // RFC 8446 §4.6.3: any other value is an illegal_parameter.
    if (v > 1) return illegal_parameter("KeyUpdate: bad request_update");
    return KeyUpdate{.request_update = static_cast<KeyUpdateRequest>(v)};
}

// ---- any message ----

namespace {

template <class T>
Result<Message> parse_as(ByteView body) {
    auto m = T::parse(body);
    if (!m) return m.error();
    return Message(std::move(*m));
}

}  // namespace

Result<Message> parse_message(HandshakeType type, ByteView body) {
    switch (type) {
        case HandshakeType::client_hello:
            return parse_as<ClientHello>(body);
        case HandshakeType::server_hello:
            return parse_as<ServerHello>(body);
        case HandshakeType::encrypted_extensions:
            return parse_as<EncryptedExtensions>(body);
        case HandshakeType::certificate:
            return parse_as<Certificate>(body);
        case HandshakeType::certificate_request:
            return parse_as<CertificateRequest>(body);
        case HandshakeType::certificate_verify:
            return parse_as<CertificateVerify>(body);
        case HandshakeType::finished:
            return parse_as<Finished>(body);
        case HandshakeType::new_session_ticket:
            return parse_as<NewSessionTicket>(body);
        case HandshakeType::end_of_early_data:
            return parse_as<EndOfEarlyData>(body);
        case HandshakeType::key_update:
            return parse_as<KeyUpdate>(body);
        default:
            break;
    }
    return alert_error(
        Alert::unexpected_message,
        "handshake type " + std::to_string(static_cast<int>(type)) + " is not a TLS 1.3 message");
}

HandshakeType message_type(const Message& m) {
    return std::visit([](const auto& x) { return std::decay_t<decltype(x)>::kType; }, m);
}

void write_message(Writer& w, const Message& m) {
    std::visit([&w](const auto& x) { write_message(w, x); }, m);
}

Result<Bytes> encode_message(const Message& m) {
    Writer w;
    write_message(w, m);
    return encode_message_bytes(std::move(w));
}

}  // namespace keel::tls
