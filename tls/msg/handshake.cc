#include "tls/msg/handshake.h"

#include <string>

#include "base/reader.h"
#include "tls/alert.h"

namespace keel::tls {

Result<void> HandshakeReader::feed(ByteView fragment) {
    if (fragment.empty()) {
        return alert_error(Alert::unexpected_message, "handshake: zero-length fragment");
    }
    // Drop consumed messages before growing the buffer.
    if (pos_ > 0) {
        buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(pos_));
        pos_ = 0;
    }
    buf_.insert(buf_.end(), fragment.begin(), fragment.end());
    return check_header();
}

Result<void> HandshakeReader::check_header() const {
    // Every message header in the buffer is checked, so an oversized announcement is
    // rejected before its body is waited for.
    size_t at = pos_;
    while (buf_.size() - at >= kHandshakeHeaderSize) {
        Reader r(ByteView(buf_).subspan(at + 1, 3));
        uint32_t len = 0;
        (void)r.u24(&len);
        if (len > max_size_) {
            return alert_error(Alert::handshake_failure, "handshake: message of " +
                                                             std::to_string(len) +
                                                             " bytes exceeds max_handshake_size " +
                                                             std::to_string(max_size_));
        }
        at += kHandshakeHeaderSize + len;
        if (at > buf_.size()) break;
    }
    return ok();
}

std::optional<HandshakeMessage> HandshakeReader::next() {
    Reader r(ByteView(buf_).subspan(pos_));
    uint8_t type;
    Reader body;
    // Sizes were checked in feed(); here only completeness matters.
    if (!r.u8(&type) || !r.prefixed24(&body)) return std::nullopt;
    size_t total = kHandshakeHeaderSize + body.remaining();
    auto begin = buf_.begin() + static_cast<std::ptrdiff_t>(pos_);
    HandshakeMessage msg{.type = static_cast<HandshakeType>(type),
                         .raw = Bytes(begin, begin + static_cast<std::ptrdiff_t>(total))};
    pos_ += total;
    if (pos_ == buf_.size()) {
        buf_.clear();
        pos_ = 0;
    }
    return msg;
}

void write_handshake(Writer& w, HandshakeType type, ByteView body) {
    w.u8(static_cast<uint8_t>(type));
    Writer::Field f = w.open24();
    w.bytes(body);
    w.close(f);
}

Result<Bytes> encode_message_bytes(Writer&& w) {
    if (!w.ok()) {
        return alert_error(Alert::internal_error, "handshake: a field exceeds its length prefix");
    }
    return w.take();
}

Bytes message_hash(ByteView client_hello1_hash) {
    Writer w;
    write_handshake(w, HandshakeType::message_hash, client_hello1_hash);
    return w.take();
}

}  // namespace keel::tls
