// Extension lists: picking each extension's wire form from the message it sits in,
// duplicates, ordering, and RFC 8446 §4.2's table of which message may carry what.
#include <bitset>
#include <string>

#include "tls/alert.h"
#include "tls/msg/extensions.h"
#include "tls/msg/internal/codec.h"

namespace keel::tls {

using detail::decode_error;
using detail::illegal_parameter;

namespace {

using Ctx = ExtContext;

template <class T>
Result<Extension> parse_as(ByteView body) {
    Reader r(body);
    auto v = T::parse(r);
    if (!v) return v.error();
    if (!r.empty()) {
        return decode_error("extension " + std::to_string(static_cast<uint16_t>(T::kType)) +
                            ": trailing bytes");
    }
    return Extension(std::move(*v));
}

Extension raw(uint16_t type, ByteView body) {
    return RawExtension{.type = type, .data = Bytes(body.begin(), body.end())};
}

bool is_server_side(Ctx c) {
    return c == Ctx::server_hello || c == Ctx::encrypted_extensions;
}

// Bit per context, for the §4.2 table below.
constexpr uint8_t bit(Ctx c) {
    return static_cast<uint8_t>(1u << static_cast<unsigned>(c));
}
constexpr uint8_t CH = bit(Ctx::client_hello);
constexpr uint8_t SH = bit(Ctx::server_hello);
constexpr uint8_t HRR = bit(Ctx::hello_retry_request);
constexpr uint8_t EE = bit(Ctx::encrypted_extensions);
constexpr uint8_t CT = bit(Ctx::certificate);
constexpr uint8_t CR = bit(Ctx::certificate_request);
constexpr uint8_t NST = bit(Ctx::new_session_ticket);

// RFC 8446 §4.2 (plus RFC 8449 §5 for record_size_limit and RFC 8879 §7.2 for
// compress_certificate). The TLS 1.2-only extensions are recognised and may appear
// only in a ClientHello (which may offer TLS 1.2). Returns 0 for unknown types.
uint8_t allowed_in(uint16_t type) {
    switch (static_cast<ExtensionType>(type)) {
        case ExtensionType::server_name:
            return CH | EE;
        case ExtensionType::max_fragment_length:
            return CH | EE;
        case ExtensionType::status_request:
            return CH | CR | CT;
        case ExtensionType::supported_groups:
            return CH | EE;
        case ExtensionType::signature_algorithms:
            return CH | CR;
        case ExtensionType::use_srtp:
            return CH | EE;
        case ExtensionType::heartbeat:
            return CH | EE;
        case ExtensionType::application_layer_protocol_negotiation:
            return CH | EE;
        case ExtensionType::signed_certificate_timestamp:
            return CH | CR | CT;
        case ExtensionType::client_certificate_type:
            return CH | EE;
        case ExtensionType::server_certificate_type:
            return CH | EE;
        case ExtensionType::padding:
            return CH;
        case ExtensionType::record_size_limit:
            return CH | EE;
        case ExtensionType::compress_certificate:
            return CH | CR;
        case ExtensionType::pre_shared_key:
            return CH | SH;
        case ExtensionType::early_data:
            return CH | EE | NST;
        case ExtensionType::psk_key_exchange_modes:
            return CH;
        case ExtensionType::cookie:
            return CH | HRR;
        case ExtensionType::supported_versions:
            return CH | SH | HRR;
        case ExtensionType::certificate_authorities:
            return CH | CR;
        case ExtensionType::oid_filters:
            return CR;
        case ExtensionType::post_handshake_auth:
            return CH;
        case ExtensionType::signature_algorithms_cert:
            return CH | CR;
        case ExtensionType::key_share:
            return CH | SH | HRR;
        case ExtensionType::ec_point_formats:
        case ExtensionType::status_request_v2:
        case ExtensionType::encrypt_then_mac:
        case ExtensionType::extended_master_secret:
        case ExtensionType::session_ticket:
        case ExtensionType::renegotiation_info:
            return CH;
    }
    return 0;
}

}  // namespace

uint16_t extension_type(const Extension& e) {
    return std::visit(
        [](const auto& x) -> uint16_t {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, RawExtension>) {
                return x.type;
            } else {
                return static_cast<uint16_t>(T::kType);
            }
        },
        e);
}

Result<Extension> parse_extension(uint16_t type, ByteView body, ExtContext ctx) {
    switch (static_cast<ExtensionType>(type)) {
        case ExtensionType::server_name:
            if (ctx == Ctx::client_hello) return parse_as<ServerName>(body);
            if (is_server_side(ctx)) return parse_as<ServerNameAck>(body);
            break;
        case ExtensionType::max_fragment_length:
            if (ctx == Ctx::client_hello || is_server_side(ctx)) {
                return parse_as<MaxFragmentLength>(body);
            }
            break;
        case ExtensionType::status_request:
            // Only the ocsp status type has a defined request body (RFC 6066 §8).
            if (ctx == Ctx::client_hello && !body.empty() && body[0] == 1) {
                return parse_as<StatusRequest>(body);
            }
            if (ctx == Ctx::certificate_request || ctx == Ctx::server_hello) {
                return parse_as<StatusRequestEmpty>(body);
            }
            if (ctx == Ctx::certificate) return parse_as<CertificateStatus>(body);
            break;
        case ExtensionType::supported_groups:
            if (ctx == Ctx::client_hello || ctx == Ctx::encrypted_extensions) {
                return parse_as<SupportedGroups>(body);
            }
            break;
        case ExtensionType::signature_algorithms:
            if (ctx == Ctx::client_hello || ctx == Ctx::certificate_request) {
                return parse_as<SignatureAlgorithms>(body);
            }
            break;
        case ExtensionType::signature_algorithms_cert:
            if (ctx == Ctx::client_hello || ctx == Ctx::certificate_request) {
                return parse_as<SignatureAlgorithmsCert>(body);
            }
            break;
        case ExtensionType::application_layer_protocol_negotiation:
            if (ctx == Ctx::client_hello) return parse_as<Alpn>(body);
            if (is_server_side(ctx)) {
                auto alpn = parse_as<Alpn>(body);
                // RFC 7301 §3.1: the server's list holds exactly one protocol.
                if (alpn && std::get<Alpn>(*alpn).protocols.size() != 1) {
                    return decode_error("alpn: server must select exactly one protocol");
                }
                return alpn;
            }
            break;
        case ExtensionType::signed_certificate_timestamp:
            if (ctx == Ctx::client_hello || ctx == Ctx::certificate_request ||
                ctx == Ctx::certificate || ctx == Ctx::server_hello) {
                return parse_as<SignedCertificateTimestamp>(body);
            }
            break;
        case ExtensionType::padding:
            if (ctx == Ctx::client_hello) return parse_as<Padding>(body);
            break;
        case ExtensionType::record_size_limit:
            if (ctx == Ctx::client_hello || is_server_side(ctx)) {
                return parse_as<RecordSizeLimit>(body);
            }
            break;
        case ExtensionType::pre_shared_key:
            if (ctx == Ctx::client_hello) return parse_as<PreSharedKeyClientHello>(body);
            if (ctx == Ctx::server_hello) return parse_as<PreSharedKeyServerHello>(body);
            break;
        case ExtensionType::early_data:
            if (ctx == Ctx::client_hello || ctx == Ctx::encrypted_extensions) {
                return parse_as<EarlyData>(body);
            }
            if (ctx == Ctx::new_session_ticket) return parse_as<EarlyDataMaxSize>(body);
            break;
        case ExtensionType::supported_versions:
            if (ctx == Ctx::client_hello) return parse_as<SupportedVersionsClientHello>(body);
            if (ctx == Ctx::server_hello || ctx == Ctx::hello_retry_request) {
                return parse_as<SupportedVersionsServerHello>(body);
            }
            break;
        case ExtensionType::cookie:
            if (ctx == Ctx::client_hello || ctx == Ctx::hello_retry_request) {
                return parse_as<Cookie>(body);
            }
            break;
        case ExtensionType::psk_key_exchange_modes:
            if (ctx == Ctx::client_hello) return parse_as<PskKeyExchangeModes>(body);
            break;
        case ExtensionType::certificate_authorities:
            if (ctx == Ctx::client_hello || ctx == Ctx::certificate_request) {
                return parse_as<CertificateAuthorities>(body);
            }
            break;
        case ExtensionType::post_handshake_auth:
            if (ctx == Ctx::client_hello) return parse_as<PostHandshakeAuth>(body);
            break;
        case ExtensionType::key_share:
            if (ctx == Ctx::client_hello) return parse_as<KeyShareClientHello>(body);
            if (ctx == Ctx::server_hello) return parse_as<KeyShareServerHello>(body);
            if (ctx == Ctx::hello_retry_request) return parse_as<KeyShareHelloRetryRequest>(body);
            break;
        default:
            break;
    }
    return raw(type, body);
}

Result<Extensions> parse_extensions(Reader& block, ExtContext ctx) {
    Extensions out;
    std::bitset<65536> seen;  // a list may hold ~16k extensions: no quadratic scan
    while (!block.empty()) {
        uint16_t type;
        Reader body;
        if (!block.u16(&type) || !block.prefixed16(&body)) {
            return decode_error("extensions: truncated extension");
        }
        // RFC 8446 §4.2: no more than one extension of the same type.
        if (seen.test(type)) {
            return illegal_parameter("extensions: duplicate type " + std::to_string(type));
        }
        seen.set(type);
        // RFC 8446 §4.2.11: pre_shared_key MUST be the last ClientHello extension.
        if (ctx == Ctx::client_hello &&
            type == static_cast<uint16_t>(ExtensionType::pre_shared_key) && !block.empty()) {
            return illegal_parameter("pre_shared_key is not the last extension");
        }
        auto ext = parse_extension(type, body.rest(), ctx);
        if (!ext) return ext.error();
        out.push_back(std::move(*ext));
    }
    return out;
}

void write_extensions(Writer& w, const Extensions& exts) {
    Writer::Field list = w.open16();
    for (const Extension& e : exts) {
        w.u16(extension_type(e));
        Writer::Field body = w.open16();
        std::visit([&w](const auto& x) { x.write(w); }, e);
        w.close(body);
    }
    w.close(list);
}

Result<void> check_extensions_allowed(ExtContext ctx, const Extensions& exts) {
    for (const Extension& e : exts) {
        uint16_t type = extension_type(e);
        uint8_t allowed = allowed_in(type);
        // §4.2: "If an implementation receives an extension which it recognizes and
        // which is not specified for the message in which it appears, it MUST abort
        // the handshake with an illegal_parameter alert."
        if (allowed != 0 && (allowed & bit(ctx)) == 0) {
            return illegal_parameter("extension " + std::to_string(type) +
                                     " is not allowed in this message");
        }
    }
    return ok();
}

Result<void> check_extensions_offered(ExtContext ctx, const Extensions& response,
                                      const Extensions& offered) {
    for (const Extension& e : response) {
        uint16_t type = extension_type(e);
        if (ctx == Ctx::hello_retry_request &&
            type == static_cast<uint16_t>(ExtensionType::cookie)) {
            continue;
        }
        if (!find_extension_type(offered, type)) {
            return alert_error(Alert::unsupported_extension,
                               "extension " + std::to_string(type) + " was not offered");
        }
    }
    return ok();
}

const Extension* find_extension_type(const Extensions& exts, uint16_t type) {
    for (const Extension& e : exts) {
        if (extension_type(e) == type) return &e;
    }
    return nullptr;
}

}  // namespace keel::tls
