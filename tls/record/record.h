// The TLS record layer's vocabulary (RFC 8446 §5, RFC 5246 §6.2, RFC 8449): content
// types, record size limits, the 5-byte header and the rules on a fragment's content
// that hold for plaintext records and decrypted TLSInnerPlaintext alike.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"

namespace keel::tls {

// RFC 8446 §5.1. heartbeat(24) and tls12_cid(25) are not spoken here: they are unknown.
enum class ContentType : uint8_t {
    invalid = 0,
    change_cipher_spec = 20,
    alert = 21,
    handshake = 22,
    application_data = 23,
};

constexpr bool is_known_content_type(uint8_t t) {
    return t >= 20 && t <= 23;
}
std::string_view content_type_name(ContentType t);

// Sizes, RFC 8446 §5.1-§5.4 unless noted.
inline constexpr size_t kRecordHeaderSize = 5;
inline constexpr size_t kMaxPlaintext = size_t{1} << 14;  // TLSPlaintext.length
// content || type || zeros: the content may use all 2^14 bytes, plus the type byte.
inline constexpr size_t kMaxTls13InnerPlaintext = kMaxPlaintext + 1;
// TLSCiphertext.length <= 2^14 + 256: the inner plaintext plus at most 255 bytes of
// AEAD expansion.
inline constexpr size_t kMaxTls13Expansion = 256;
inline constexpr size_t kMaxTls13Ciphertext = kMaxPlaintext + kMaxTls13Expansion;
// RFC 5246 §6.2.3: TLS 1.2 allows 2048 bytes of expansion (CBC padding + MAC).
inline constexpr size_t kMaxTls12Expansion = 2048;
inline constexpr size_t kMaxTls13Record = kRecordHeaderSize + kMaxTls13Ciphertext;

// legacy_record_version (§5.1): 0x0303 on every record, except that the initial
// ClientHello (not one sent after a HelloRetryRequest) may say 0x0301.
inline constexpr uint16_t kRecordVersionTls12 = 0x0303;
inline constexpr uint16_t kRecordVersionTls10 = 0x0301;

// RFC 8449 §4: a record_size_limit below 64 is illegal_parameter; TLS 1.3's largest is
// 2^14 + 1 (it counts the whole TLSInnerPlaintext), TLS 1.2's 2^14.
inline constexpr size_t kMinRecordSizeLimit = 64;

// The 5-byte header: type, legacy_record_version, length.
struct RecordHeader {
    ContentType type;
    uint16_t version;
    uint16_t length;

    void write(std::span<uint8_t, kRecordHeaderSize> out) const {
        out[0] = static_cast<uint8_t>(type);
        out[1] = static_cast<uint8_t>(version >> 8);
        out[2] = static_cast<uint8_t>(version);
        out[3] = static_cast<uint8_t>(length >> 8);
        out[4] = static_cast<uint8_t>(length);
    }
};

// A complete record as RecordReader yields it: views into the reader's buffer, valid
// until the next call into the reader. `fragment` is mutable so that record
// protection can decrypt it in place; `header` is TLS 1.3's additional data (§5.2).
struct Record {
    ContentType type;
    uint16_t version;
    ByteView header;
    MutableByteView fragment;
};

// What a record carries once protection is removed: the real content type and the
// content (padding stripped), a view into the record's buffer.
struct Plaintext {
    ContentType type;
    MutableByteView content;
};

// The rules on one fragment of content of a known type, for an unprotected record or a
// decrypted TLSInnerPlaintext:
// - handshake or alert with no content: unexpected_message (§5.4; §5.1 forbids sending
//   zero-length handshake fragments, "even if those fragments contain padding");
// - alert of any length but 2: decode_error (§5.1: "a record with an Alert type MUST
//   contain exactly one message", and an Alert is two bytes, §6);
// - change_cipher_spec other than the single byte 0x01: unexpected_message (§5);
// - application data may be empty (§5.1).
Result<void> check_content(ContentType type, ByteView content);

}  // namespace keel::tls
