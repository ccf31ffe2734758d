#include "tls/msg/extensions.h"

#include <algorithm>
#include <bitset>
#include <string>

#include "tls/alert.h"
#include "tls/msg/internal/codec.h"

namespace keel::tls {

using detail::decode_error;
using detail::illegal_parameter;
using detail::read_opaque;
using detail::read_vector;

namespace {

Result<void> expect_empty(Reader& r, const char* name) {
    if (!r.empty()) return decode_error(std::string(name) + ": body must be empty");
    return ok();
}

// A list of u16 code points, `opaque list<2..2^16-2>` (RFC 8446 §4.2.3, §4.2.7).
template <class T>
Result<std::vector<T>> parse_u16_list(Reader& r, const char* name) {
    Reader list;
    if (!read_vector(r, 2, 2, 0xfffe, &list) || list.remaining() % 2 != 0) {
        return decode_error(std::string(name) + ": bad list length");
    }
    std::vector<T> out;
    out.reserve(list.remaining() / 2);
    uint16_t v;
    while (list.u16(&v)) out.push_back(static_cast<T>(v));
    return out;
}

template <class T>
void write_u16_list(Writer& w, const std::vector<T>& items) {
    Writer::Field f = w.open16();
    for (T v : items) w.u16(static_cast<uint16_t>(v));
    w.close(f);
}

}  // namespace

// ---- server_name ----

Result<ServerName> ServerName::parse(Reader& r) {
    // RFC 6066 §3: ServerNameList server_name_list<1..2^16-1>, entries NameType +
    // HostName<1..2^16-1>. host_name(0) is the only type; one name per type.
    Reader list;
    if (!read_vector(r, 2, 1, 0xffff, &list)) return decode_error("server_name: bad list length");
    uint8_t name_type;
    Reader name;
    if (!list.u8(&name_type) || !read_vector(list, 2, 1, 0xffff, &name)) {
        return decode_error("server_name: bad entry");
    }
    if (name_type != 0) return illegal_parameter("server_name: unknown name type");
    if (!list.empty()) return illegal_parameter("server_name: more than one name");
    ByteView v = name.rest();
    return ServerName{.host_name = std::string(v.begin(), v.end())};
}

void ServerName::write(Writer& w) const {
    Writer::Field list = w.open16();
    w.u8(0);
    Writer::Field name = w.open16();
    w.bytes(as_bytes(host_name));
    w.close(name);
    w.close(list);
}

Result<ServerNameAck> ServerNameAck::parse(Reader& r) {
    KEEL_TRY(expect_empty(r, "server_name"));
    return ServerNameAck{};
}

// ---- max_fragment_length ----

Result<MaxFragmentLength> MaxFragmentLength::parse(Reader& r) {
    uint8_t code;
    if (!r.u8(&code)) return decode_error("max_fragment_length: truncated");
    // RFC 6066 §4: a value outside 1..4 is an illegal_parameter.
    if (code < 1 || code > 4) return illegal_parameter("max_fragment_length: bad value");
    return MaxFragmentLength{.code = code};
}

// ---- status_request ----

Result<StatusRequest> StatusRequest::parse(Reader& r) {
    // RFC 6066 §8: status_type ocsp(1), ResponderID responder_id_list<0..2^16-1>,
    // Extensions request_extensions<0..2^16-1>. parse_extension only routes ocsp here.
    uint8_t status_type;
    Reader ids;
    StatusRequest out;
    if (!r.u8(&status_type) || status_type != 1 || !read_vector(r, 2, 0, 0xffff, &ids) ||
        !read_opaque(r, 2, 0, 0xffff, &out.request_extensions)) {
        return decode_error("status_request: malformed");
    }
    while (!ids.empty()) {
        Bytes id;
        if (!read_opaque(ids, 2, 1, 0xffff, &id)) return decode_error("status_request: bad id");
        out.responder_ids.push_back(std::move(id));
    }
    return out;
}

void StatusRequest::write(Writer& w) const {
    w.u8(1);
    Writer::Field ids = w.open16();
    for (const Bytes& id : responder_ids) {
        Writer::Field f = w.open16();
        w.bytes(id);
        w.close(f);
    }
    w.close(ids);
    Writer::Field ext = w.open16();
    w.bytes(request_extensions);
    w.close(ext);
}

Result<StatusRequestEmpty> StatusRequestEmpty::parse(Reader& r) {
    KEEL_TRY(expect_empty(r, "status_request"));
    return StatusRequestEmpty{};
}

Result<CertificateStatus> CertificateStatus::parse(Reader& r) {
    // RFC 6066 §8 CertificateStatus: status_type ocsp(1), OCSPResponse<1..2^24-1>.
    uint8_t status_type;
    CertificateStatus out;
    if (!r.u8(&status_type) || !read_opaque(r, 3, 1, 0xffffff, &out.ocsp_response)) {
        return decode_error("status_request: malformed CertificateStatus");
    }
    if (status_type != 1) return illegal_parameter("status_request: status type is not ocsp");
    return out;
}

void CertificateStatus::write(Writer& w) const {
    w.u8(1);
    Writer::Field f = w.open24();
    w.bytes(ocsp_response);
    w.close(f);
}

// ---- supported_groups, signature_algorithms(_cert) ----

Result<SupportedGroups> SupportedGroups::parse(Reader& r) {
    auto groups = parse_u16_list<NamedGroup>(r, "supported_groups");
    if (!groups) return groups.error();
    return SupportedGroups{.groups = std::move(*groups)};
}

void SupportedGroups::write(Writer& w) const {
    write_u16_list(w, groups);
}

Result<SignatureAlgorithms> SignatureAlgorithms::parse(Reader& r) {
    auto schemes = parse_u16_list<SignatureScheme>(r, "signature_algorithms");
    if (!schemes) return schemes.error();
    return SignatureAlgorithms{.schemes = std::move(*schemes)};
}

void SignatureAlgorithms::write(Writer& w) const {
    write_u16_list(w, schemes);
}

Result<SignatureAlgorithmsCert> SignatureAlgorithmsCert::parse(Reader& r) {
    auto schemes = parse_u16_list<SignatureScheme>(r, "signature_algorithms_cert");
    if (!schemes) return schemes.error();
    return SignatureAlgorithmsCert{.schemes = std::move(*schemes)};
}

void SignatureAlgorithmsCert::write(Writer& w) const {
    write_u16_list(w, schemes);
}

// ---- ALPN ----

Result<Alpn> Alpn::parse(Reader& r) {
    // RFC 7301 §3.1: ProtocolName protocol_name_list<2..2^16-1>, ProtocolName<1..2^8-1>.
    Reader list;
    if (!read_vector(r, 2, 2, 0xffff, &list)) return decode_error("alpn: bad list length");
    Alpn out;
    while (!list.empty()) {
        Reader name;
        if (!read_vector(list, 1, 1, 0xff, &name)) return decode_error("alpn: empty or bad name");
        ByteView v = name.rest();
        out.protocols.emplace_back(v.begin(), v.end());
    }
    return out;
}

void Alpn::write(Writer& w) const {
    Writer::Field list = w.open16();
    for (const std::string& p : protocols) {
        Writer::Field f = w.open8();
        w.bytes(as_bytes(p));
        w.close(f);
    }
    w.close(list);
}

// ---- signed_certificate_timestamp, padding, record_size_limit ----

Result<SignedCertificateTimestamp> SignedCertificateTimestamp::parse(Reader& r) {
    ByteView v = r.rest();
    return SignedCertificateTimestamp{.data = Bytes(v.begin(), v.end())};
}

Result<Padding> Padding::parse(Reader& r) {
    // RFC 7685 §3: the client MUST fill the padding with zero bytes.
    ByteView v = r.rest();
    if (std::any_of(v.begin(), v.end(), [](uint8_t b) { return b != 0; })) {
        return illegal_parameter("padding: non-zero byte");
    }
    return Padding{.length = v.size()};
}

Result<RecordSizeLimit> RecordSizeLimit::parse(Reader& r) {
    uint16_t limit;
    if (!r.u16(&limit)) return decode_error("record_size_limit: truncated");
    // RFC 8449 §4: a value less than 64 MUST be treated as a fatal illegal_parameter.
    if (limit < 64) return illegal_parameter("record_size_limit: below 64");
    return RecordSizeLimit{.limit = limit};
}

// ---- pre_shared_key ----

size_t PreSharedKeyClientHello::binders_wire_length() const {
    size_t n = 2;
    for (const Bytes& b : binders) n += 1 + b.size();
    return n;
}

Result<PreSharedKeyClientHello> PreSharedKeyClientHello::parse(Reader& r) {
    // RFC 8446 §4.2.11: PskIdentity identities<7..2^16-1>; PskBinderEntry
    // binders<33..2^16-1>; PskIdentity = opaque identity<1..2^16-1> + uint32 age;
    // PskBinderEntry = opaque<32..255>.
    Reader ids, binders;
    if (!read_vector(r, 2, 7, 0xffff, &ids)) return decode_error("pre_shared_key: bad identities");
    if (!read_vector(r, 2, 33, 0xffff, &binders)) {
        return decode_error("pre_shared_key: bad binders");
    }
    PreSharedKeyClientHello out;
    while (!ids.empty()) {
        PskIdentity id;
        if (!read_opaque(ids, 2, 1, 0xffff, &id.identity) || !ids.u32(&id.obfuscated_ticket_age)) {
            return decode_error("pre_shared_key: bad identity");
        }
        out.identities.push_back(std::move(id));
    }
    while (!binders.empty()) {
        Bytes b;
        if (!read_opaque(binders, 1, 32, 255, &b))
            return decode_error("pre_shared_key: bad binder");
        out.binders.push_back(std::move(b));
    }
    // §4.2.11: one binder per identity; a mismatch is a well-formed but wrong value.
    if (out.binders.size() != out.identities.size()) {
        return illegal_parameter("pre_shared_key: binder count differs from identity count");
    }
    return out;
}

void PreSharedKeyClientHello::write(Writer& w) const {
    Writer::Field ids = w.open16();
    for (const PskIdentity& id : identities) {
        Writer::Field f = w.open16();
        w.bytes(id.identity);
        w.close(f);
        w.u32(id.obfuscated_ticket_age);
    }
    w.close(ids);
    Writer::Field list = w.open16();
    for (const Bytes& b : binders) {
        Writer::Field f = w.open8();
        w.bytes(b);
        w.close(f);
    }
    w.close(list);
}

Result<PreSharedKeyServerHello> PreSharedKeyServerHello::parse(Reader& r) {
    uint16_t selected;
    if (!r.u16(&selected)) return decode_error("pre_shared_key: truncated");
    return PreSharedKeyServerHello{.selected_identity = selected};
}

// ---- early_data ----

Result<EarlyData> EarlyData::parse(Reader& r) {
    KEEL_TRY(expect_empty(r, "early_data"));
    return EarlyData{};
}

Result<EarlyDataMaxSize> EarlyDataMaxSize::parse(Reader& r) {
    uint32_t size;
    if (!r.u32(&size)) return decode_error("early_data: truncated max_early_data_size");
    return EarlyDataMaxSize{.max_early_data_size = size};
}

// ---- supported_versions ----

Result<SupportedVersionsClientHello> SupportedVersionsClientHello::parse(Reader& r) {
    // RFC 8446 §4.2.1: ProtocolVersion versions<2..254>.
    Reader list;
    if (!read_vector(r, 1, 2, 254, &list) || list.remaining() % 2 != 0) {
        return decode_error("supported_versions: bad list length");
    }
    SupportedVersionsClientHello out;
    uint16_t v;
    while (list.u16(&v)) out.versions.push_back(v);
    return out;
}

void SupportedVersionsClientHello::write(Writer& w) const {
    Writer::Field f = w.open8();
    for (uint16_t v : versions) w.u16(v);
    w.close(f);
}

Result<SupportedVersionsServerHello> SupportedVersionsServerHello::parse(Reader& r) {
    uint16_t v;
    if (!r.u16(&v)) return decode_error("supported_versions: truncated");
    return SupportedVersionsServerHello{.selected_version = v};
}

// ---- cookie, psk_key_exchange_modes, certificate_authorities, post_handshake_auth ----

Result<Cookie> Cookie::parse(Reader& r) {
    Cookie out;
    if (!read_opaque(r, 2, 1, 0xffff, &out.cookie)) return decode_error("cookie: bad length");
    return out;
}

void Cookie::write(Writer& w) const {
    Writer::Field f = w.open16();
    w.bytes(cookie);
    w.close(f);
}

Result<PskKeyExchangeModes> PskKeyExchangeModes::parse(Reader& r) {
    // RFC 8446 §4.2.9: PskKeyExchangeMode ke_modes<1..255>.
    Reader list;
    if (!read_vector(r, 1, 1, 255, &list)) return decode_error("psk_key_exchange_modes: bad list");
    PskKeyExchangeModes out;
    uint8_t m;
    while (list.u8(&m)) out.modes.push_back(static_cast<PskKeyExchangeMode>(m));
    return out;
}

void PskKeyExchangeModes::write(Writer& w) const {
    Writer::Field f = w.open8();
    for (PskKeyExchangeMode m : modes) w.u8(static_cast<uint8_t>(m));
    w.close(f);
}

Result<CertificateAuthorities> CertificateAuthorities::parse(Reader& r) {
    // RFC 8446 §4.2.4: DistinguishedName authorities<3..2^16-1>, each <1..2^16-1>.
    Reader list;
    if (!read_vector(r, 2, 3, 0xffff, &list)) {
        return decode_error("certificate_authorities: bad list");
    }
    CertificateAuthorities out;
    while (!list.empty()) {
        Bytes dn;
        if (!read_opaque(list, 2, 1, 0xffff, &dn)) {
            return decode_error("certificate_authorities: bad name");
        }
        out.authorities.push_back(std::move(dn));
    }
    return out;
}

void CertificateAuthorities::write(Writer& w) const {
    Writer::Field list = w.open16();
    for (const Bytes& dn : authorities) {
        Writer::Field f = w.open16();
        w.bytes(dn);
        w.close(f);
    }
    w.close(list);
}

Result<PostHandshakeAuth> PostHandshakeAuth::parse(Reader& r) {
    KEEL_TRY(expect_empty(r, "post_handshake_auth"));
    return PostHandshakeAuth{};
}

// ---- key_share ----

Result<KeyShareEntry> KeyShareEntry::parse(Reader& r) {
    uint16_t group;
    KeyShareEntry out;
    if (!r.u16(&group) || !read_opaque(r, 2, 1, 0xffff, &out.key_exchange)) {
        return decode_error("key_share: bad entry");
    }
    out.group = static_cast<NamedGroup>(group);
    return out;
}

void KeyShareEntry::write(Writer& w) const {
    w.u16(static_cast<uint16_t>(group));
    Writer::Field f = w.open16();
    w.bytes(key_exchange);
    w.close(f);
}

const KeyShareEntry* KeyShareClientHello::find(NamedGroup g) const {
    for (const KeyShareEntry& e : shares) {
        if (e.group == g) return &e;
    }
    return nullptr;
}

Result<KeyShareClientHello> KeyShareClientHello::parse(Reader& r) {
    // RFC 8446 §4.2.8: KeyShareEntry client_shares<0..2^16-1>.
    Reader list;
    if (!read_vector(r, 2, 0, 0xffff, &list)) return decode_error("key_share: bad list length");
    KeyShareClientHello out;
    std::bitset<65536> seen;  // up to ~13k entries fit: no quadratic scan
    while (!list.empty()) {
        auto e = KeyShareEntry::parse(list);
        if (!e) return e.error();
        // "Clients MUST NOT offer multiple KeyShareEntry values for the same group";
        // servers may check and answer illegal_parameter.
        uint16_t group = static_cast<uint16_t>(e->group);
        if (seen.test(group)) return illegal_parameter("key_share: group offered twice");
        seen.set(group);
        out.shares.push_back(std::move(*e));
    }
    return out;
}

void KeyShareClientHello::write(Writer& w) const {
    Writer::Field f = w.open16();
    for (const KeyShareEntry& e : shares) e.write(w);
    w.close(f);
}

Result<KeyShareServerHello> KeyShareServerHello::parse(Reader& r) {
    auto e = KeyShareEntry::parse(r);
    if (!e) return e.error();
    return KeyShareServerHello{.share = std::move(*e)};
}

Result<KeyShareHelloRetryRequest> KeyShareHelloRetryRequest::parse(Reader& r) {
    uint16_t group;
    if (!r.u16(&group)) return decode_error("key_share: truncated selected_group");
    return KeyShareHelloRetryRequest{.selected_group = static_cast<NamedGroup>(group)};
}

}  // namespace keel::tls
