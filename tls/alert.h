// TLS alerts (RFC 8446 §6, RFC 5246 §7.2). Every layer of the engine reports a protocol
// failure as an Error with code Errc::tls_alert and the AlertDescription to send, so the
// engine can turn any failure into the alert the RFC names and a clean close.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace keel::tls {

enum class AlertLevel : uint8_t { warning = 1, fatal = 2 };

// Names as the Erlang reference prints them ({tls_alert, {Name, Description}}).
enum class Alert : uint8_t {
    close_notify = 0,
    unexpected_message = 10,
    bad_record_mac = 20,
    decryption_failed = 21,  // TLS 1.0 only; never sent
    record_overflow = 22,
    handshake_failure = 40,
    bad_certificate = 42,
    unsupported_certificate = 43,
    certificate_revoked = 44,
    certificate_expired = 45,
    certificate_unknown = 46,
    illegal_parameter = 47,
    unknown_ca = 48,
    access_denied = 49,
    decode_error = 50,
    decrypt_error = 51,
    protocol_version = 70,
    insufficient_security = 71,
    internal_error = 80,
    inappropriate_fallback = 86,
    user_canceled = 90,
    no_renegotiation = 100,
    missing_extension = 109,
    unsupported_extension = 110,
    unrecognized_name = 112,
    bad_certificate_status_response = 113,
    unknown_psk_identity = 115,
    certificate_required = 116,
    no_application_protocol = 120,
};

// The lower-case name ("decode_error"), or "unknown" for a code not listed above.
constexpr std::string_view alert_name(Alert a) {
    switch (a) {
        case Alert::close_notify: return "close_notify";
        case Alert::unexpected_message: return "unexpected_message";
        case Alert::bad_record_mac: return "bad_record_mac";
        case Alert::decryption_failed: return "decryption_failed";
        case Alert::record_overflow: return "record_overflow";
        case Alert::handshake_failure: return "handshake_failure";
        case Alert::bad_certificate: return "bad_certificate";
        case Alert::unsupported_certificate: return "unsupported_certificate";
        case Alert::certificate_revoked: return "certificate_revoked";
        case Alert::certificate_expired: return "certificate_expired";
        case Alert::certificate_unknown: return "certificate_unknown";
        case Alert::illegal_parameter: return "illegal_parameter";
        case Alert::unknown_ca: return "unknown_ca";
        case Alert::access_denied: return "access_denied";
        case Alert::decode_error: return "decode_error";
        case Alert::decrypt_error: return "decrypt_error";
        case Alert::protocol_version: return "protocol_version";
        case Alert::insufficient_security: return "insufficient_security";
        case Alert::internal_error: return "internal_error";
        case Alert::inappropriate_fallback: return "inappropriate_fallback";
        case Alert::user_canceled: return "user_canceled";
        case Alert::no_renegotiation: return "no_renegotiation";
        case Alert::missing_extension: return "missing_extension";
        case Alert::unsupported_extension: return "unsupported_extension";
        case Alert::unrecognized_name: return "unrecognized_name";
        case Alert::bad_certificate_status_response: return "bad_certificate_status_response";
        case Alert::unknown_psk_identity: return "unknown_psk_identity";
        case Alert::certificate_required: return "certificate_required";
        case Alert::no_application_protocol: return "no_application_protocol";
    }
    return "unknown";
}

// The error a parser or state returns when the peer must be sent `a`:
//   return alert_error(Alert::decode_error, "ClientHello: trailing bytes");
inline Error alert_error(Alert a, std::string detail) {
    return Error(Errc::tls_alert, std::move(detail), static_cast<uint8_t>(a));
}

// The alert carried by an error from any layer: its own for tls_alert errors, and the
// RFC's catch-all for the rest (a codec's malformed input is a decode_error, a failed
// signature a decrypt_error, anything else an internal_error).
inline Alert alert_of(const Error& e) {
    switch (e.code()) {
        case Errc::tls_alert: return static_cast<Alert>(e.alert());
        case Errc::malformed: return Alert::decode_error;
        case Errc::auth_failed: return Alert::decrypt_error;
        case Errc::bad_cert: return Alert::bad_certificate;
        default: return Alert::internal_error;
    }
}

}  // namespace keel::tls
