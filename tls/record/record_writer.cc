#include "tls/record/record_writer.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "tls/alert.h"

namespace keel::tls {

Result<void> RecordWriter::set_record_size_limit(size_t peer_limit) {
    if (peer_limit < kMinRecordSizeLimit) {
        return alert_error(Alert::illegal_parameter,
                           "record_size_limit " + std::to_string(peer_limit) + " is below 64");
    }
    peer_limit_ = std::min(peer_limit, kMaxTls13InnerPlaintext);
    return ok();
}

size_t RecordWriter::fragment_size(ContentType type, size_t remaining) const {
    // Unprotected records are not subject to record_size_limit (RFC 8449 §4).
    const size_t max = protects(type) ? protection_->max_content(peer_limit_) : kMaxPlaintext;
    return std::min(remaining, max);
}

size_t RecordWriter::padding_for(size_t content_len) const {
    if (padding_block_ <= 1) return 0;
    const size_t inner = content_len + 1;
    const size_t want = (inner + padding_block_ - 1) / padding_block_ * padding_block_ - inner;
    return std::min(want, protection_->max_padding(content_len, peer_limit_));
}

size_t RecordWriter::output_size(ContentType type, size_t data_len) const {
    size_t total = 0;
    while (data_len > 0) {
        const size_t n = fragment_size(type, data_len);
        total +=
            protects(type) ? protection_->sealed_size(n, padding_for(n)) : kRecordHeaderSize + n;
        data_len -= n;
    }
    return total;
}

Result<void> RecordWriter::check(ContentType type, ByteView data) const {
    switch (type) {
        case ContentType::handshake:
            if (data.empty()) return alert_error(Alert::internal_error, "empty handshake write");
            return ok();
        case ContentType::alert:
            if (data.size() != 2) {
                return alert_error(Alert::internal_error, "an alert is two bytes");
            }
            return ok();
        case ContentType::change_cipher_spec:
            if (data.size() != 1 || data[0] != 1) {
                return alert_error(Alert::internal_error, "change_cipher_spec must be {0x01}");
            }
            return ok();
        case ContentType::application_data:
            if (!protection_) {
                return alert_error(Alert::internal_error,
                                   "application data before write keys (RFC 8446 §5.1)");
            }
            return ok();
        case ContentType::invalid:
            break;
    }
    return alert_error(Alert::internal_error,
                       "writing content type " + std::to_string(static_cast<unsigned>(type)));
}

Result<size_t> RecordWriter::write(ContentType type, ByteView data, MutableByteView out) {
    KEEL_TRY(check(type, data));
    const size_t need = output_size(type, data.size());
    if (out.size() < need) {
        return alert_error(Alert::internal_error, "record output buffer of " +
                                                      std::to_string(out.size()) + " bytes, need " +
                                                      std::to_string(need));
    }
    size_t pos = 0;
    while (!data.empty()) {
        const size_t n = fragment_size(type, data.size());
        if (protects(type)) {
            const size_t pad = padding_for(n);
            MutableByteView rec = out.subspan(pos, protection_->sealed_size(n, pad));
            std::memcpy(rec.data() + protection_->content_offset(), data.data(), n);
            KEEL_TRY(protection_->seal(type, n, pad, rec));
            pos += rec.size();
        } else {
            RecordHeader{type, plaintext_version_, static_cast<uint16_t>(n)}.write(
                out.subspan(pos).first<kRecordHeaderSize>());
            std::memcpy(out.data() + pos + kRecordHeaderSize, data.data(), n);
            pos += kRecordHeaderSize + n;
        }
        data = data.subspan(n);
    }
    return pos;
}

Result<void> RecordWriter::write(ContentType type, ByteView data, Bytes& out) {
    KEEL_TRY(check(type, data));
    const size_t old = out.size();
    out.resize(old + output_size(type, data.size()));
    auto n = write(type, data, MutableByteView(out).subspan(old));
    if (!n) {
        out.resize(old);
        return n.error();
    }
    return ok();
}

}  // namespace keel::tls
