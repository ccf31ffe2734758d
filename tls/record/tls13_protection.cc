#include "tls/record/tls13_protection.h"

#include <string>

#include "base/ct.h"
#include "tls/alert.h"

namespace keel::tls {
namespace {

using crypto::AeadAlg;

// The AEADs of the TLS 1.3 cipher suites (RFC 8446 §B.4) and their §5.5 limits.
bool tls13_aead(AeadAlg alg, uint64_t* limit) {
    switch (alg) {
        case AeadAlg::aes128_gcm:
        case AeadAlg::aes256_gcm:
        case AeadAlg::aes128_ccm:
        case AeadAlg::aes128_ccm8:
            *limit = Tls13RecordProtection::kAesRecordLimit;
            return true;
        case AeadAlg::chacha20_poly1305:
            *limit = Tls13RecordProtection::kMaxRecords;
            return true;
        default:
            return false;
    }
}

}  // namespace

Result<Tls13RecordProtection> Tls13RecordProtection::create(AeadAlg alg, ByteView key,
                                                            ByteView iv) {
    uint64_t limit = 0;
    if (!tls13_aead(alg, &limit)) {
        return alert_error(Alert::internal_error,
                           std::string(crypto::aead_name(alg)) + " is not a TLS 1.3 AEAD");
    }
    if (iv.size() != kIvSize) {
        return alert_error(Alert::internal_error,
                           "TLS 1.3 record IV must be 12 bytes, got " + std::to_string(iv.size()));
    }
    auto aead = crypto::Aead::create(alg, key);
    if (!aead) return alert_error(Alert::internal_error, aead.error().to_string());
    return Tls13RecordProtection(std::move(*aead), iv, limit);
}

// §5.3: the 64-bit sequence number, big-endian, left-padded to 12 bytes and XORed
// with the IV. Branch-free in the IV.
void Tls13RecordProtection::nonce(uint8_t out[kIvSize]) const {
    const uint8_t* iv = iv_.data();
    for (size_t i = 0; i < 4; i++) out[i] = iv[i];
    for (size_t i = 0; i < 8; i++) {
        out[4 + i] = static_cast<uint8_t>(iv[4 + i] ^ (seq_ >> (56 - 8 * i)));
    }
}

Result<void> Tls13RecordProtection::seal(ContentType type, size_t content_len, size_t padding_len,
                                         MutableByteView record) {
    if (type == ContentType::invalid || !is_known_content_type(static_cast<uint8_t>(type))) {
        return alert_error(Alert::internal_error, "sealing a record of content type " +
                                                      std::to_string(static_cast<unsigned>(type)));
    }
    if (content_len == 0 && (type == ContentType::handshake || type == ContentType::alert)) {
        return alert_error(Alert::internal_error, "sealing a zero-length " +
                                                      std::string(content_type_name(type)) +
                                                      " record (RFC 8446 §5.1)");
    }
    // Bounded before any sum: content_len and padding_len are caller sizes.
    if (content_len > kMaxPlaintext || padding_len > kMaxTls13InnerPlaintext ||
        content_len + 1 + padding_len > kMaxTls13InnerPlaintext) {
        return alert_error(Alert::internal_error,
                           "TLS 1.3 inner plaintext of " +
                               std::to_string(content_len + 1 + padding_len) +
                               " bytes exceeds 2^14 + 1");
    }
    if (record.size() != sealed_size(content_len, padding_len)) {
        return alert_error(Alert::internal_error,
                           "record buffer of " + std::to_string(record.size()) + " bytes, need " +
                               std::to_string(sealed_size(content_len, padding_len)));
    }
    if (seq_ == kMaxRecords) {
        return alert_error(Alert::internal_error,
                           "write sequence number exhausted: a KeyUpdate was due");
    }
    const size_t inner_len = content_len + 1 + padding_len;
    uint8_t* inner = record.data() + kRecordHeaderSize;
    inner[content_len] = static_cast<uint8_t>(type);
    for (size_t i = 0; i < padding_len; i++) inner[content_len + 1 + i] = 0;

    // §5.2: opaque_type application_data, legacy_record_version 0x0303, and the header
    // is the additional data.
    RecordHeader{ContentType::application_data, kRecordVersionTls12,
                 static_cast<uint16_t>(inner_len + tag_size_)}
        .write(record.first<kRecordHeaderSize>());
    uint8_t n[kIvSize];
    nonce(n);
    KEEL_TRY(aead_.seal(ByteView(n, kIvSize), record.first(kRecordHeaderSize),
                        MutableByteView(inner, inner_len),
                        MutableByteView(inner + inner_len, tag_size_)));
    seq_++;
    return ok();
}

Result<Plaintext> Tls13RecordProtection::open(const Record& record, size_t record_size_limit) {
    if (record.type != ContentType::application_data) {
        return alert_error(Alert::unexpected_message,
                           "unprotected " + std::string(content_type_name(record.type)) +
                               " record after read keys were installed");
    }
    if (seq_ == kMaxRecords) {
        return alert_error(Alert::unexpected_message,
                           "read sequence number exhausted: the peer did not update its keys");
    }
    MutableByteView body = record.fragment;
    if (body.size() < tag_size_) {
        return alert_error(Alert::bad_record_mac, "protected record shorter than its tag");
    }
    const size_t inner_len = body.size() - tag_size_;
    uint8_t n[kIvSize];
    nonce(n);
    if (auto r = aead_.open(ByteView(n, kIvSize), record.header, body.first(inner_len),
                            body.subspan(inner_len));
        !r) {
        return alert_error(Alert::bad_record_mac, "record does not authenticate");
    }
    seq_++;

    if (inner_len > record_size_limit || inner_len > kMaxTls13InnerPlaintext) {
        return alert_error(
            Alert::record_overflow,
            "inner plaintext of " + std::to_string(inner_len) + " bytes exceeds the limit of " +
                std::to_string(std::min(record_size_limit, kMaxTls13InnerPlaintext)));
    }
    // §5.4: the type is the last non-zero byte. The scan branches on padding bytes only,
    // so its time reveals the padding length (which the receiver learns anyway) and
    // never the content; each byte is declassified before it is tested for that reason.
    size_t end = inner_len;
    while (end > 0 && ct::declassify(body[end - 1]) == 0) end--;
    if (end == 0) {
        return alert_error(Alert::unexpected_message,
                           "protected record has no content type (all zeros)");
    }
    const uint8_t raw_type = ct::declassify(body[end - 1]);
    if (!is_known_content_type(raw_type)) {
        return alert_error(Alert::unexpected_message,
                           "protected record of unknown content type " + std::to_string(raw_type));
    }
    const auto type = static_cast<ContentType>(raw_type);
    if (type == ContentType::change_cipher_spec) {
        return alert_error(Alert::unexpected_message, "protected change_cipher_spec record");
    }
    MutableByteView content = body.first(end - 1);
    KEEL_TRY(check_content(type, content));
    return Plaintext{type, content};
}

}  // namespace keel::tls
