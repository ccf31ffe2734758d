#include "tls/record/record.h"

#include <string>

#include "tls/alert.h"

namespace keel::tls {

std::string_view content_type_name(ContentType t) {
    switch (t) {
        case ContentType::invalid:
            return "invalid";
        case ContentType::change_cipher_spec:
            return "change_cipher_spec";
        case ContentType::alert:
            return "alert";
        case ContentType::handshake:
            return "handshake";
        case ContentType::application_data:
            return "application_data";
    }
    return "unknown";
}

Result<void> check_content(ContentType type, ByteView content) {
    switch (type) {
        case ContentType::handshake:
            if (content.empty()) {
                return alert_error(Alert::unexpected_message, "zero-length handshake fragment");
            }
            return ok();
        case ContentType::alert:
            if (content.empty()) {
                return alert_error(Alert::unexpected_message, "zero-length alert record");
            }
            if (content.size() != 2) {
                return alert_error(Alert::decode_error,
                                   "alert record of " + std::to_string(content.size()) +
                                       " bytes: it must hold exactly one two-byte alert");
            }
            return ok();
        case ContentType::change_cipher_spec:
            if (content.size() != 1 || content[0] != 0x01) {
                return alert_error(Alert::unexpected_message,
                                   "change_cipher_spec record is not the single byte 0x01");
            }
            return ok();
        case ContentType::application_data:
            return ok();
        case ContentType::invalid:
            break;
    }
    return alert_error(Alert::unexpected_message,
                       "record content type " + std::to_string(static_cast<unsigned>(type)));
}

}  // namespace keel::tls
