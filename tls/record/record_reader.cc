#include "tls/record/record_reader.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "tls/alert.h"

namespace keel::tls {
namespace {

size_t length_at(const uint8_t* p) {
    return (size_t{p[3]} << 8) | p[4];
}

std::string hex16(uint16_t v) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s = "0x";
    for (int shift = 12; shift >= 0; shift -= 4) s += kDigits[(v >> shift) & 0xf];
    return s;
}

}  // namespace

RecordReader::RecordReader(size_t capacity) : buf_(std::max(capacity, kDefaultCapacity)) {}

void RecordReader::set_protected(bool on, size_t max_expansion) {
    protected_ = on;
    max_expansion_ = max_expansion;
    // TLS 1.2's 2048-byte expansion needs a larger buffer than the TLS 1.3 default;
    // growing keeps the buffered bytes where they are.
    const size_t largest = kRecordHeaderSize + kMaxPlaintext + max_expansion;
    if (buf_.size() < largest) buf_.resize(largest);
}

// Moves the unread bytes to the front only when the record they start cannot be
// completed in place, so a stream of whole records is never moved. What is moved is
// at most one partial record.
void RecordReader::make_room() {
    if (start_ == end_) {
        start_ = end_ = 0;
        return;
    }
    if (start_ == 0) return;
    const size_t have = end_ - start_;
    bool move = end_ == buf_.size();
    if (have >= kRecordHeaderSize) {
        const size_t need = kRecordHeaderSize + length_at(&buf_[start_]);
        if (need > have && start_ + need > buf_.size()) move = true;
    } else if (start_ + kRecordHeaderSize > buf_.size()) {
        move = true;
    }
    if (move) {
        std::memmove(buf_.data(), buf_.data() + start_, have);
        start_ = 0;
        end_ = have;
    }
}

size_t RecordReader::feed(ByteView data) {
    MutableByteView room = space();
    const size_t n = std::min(room.size(), data.size());
    if (n > 0) std::memcpy(room.data(), data.data(), n);
    end_ += n;
    return n;
}

MutableByteView RecordReader::space() {
    make_room();
    return MutableByteView(buf_).subspan(end_);
}

void RecordReader::commit(size_t n) {
    end_ += std::min(n, buf_.size() - end_);
}

Result<void> RecordReader::check_header(ContentType type, uint16_t version, size_t length) const {
    // Records named by version: the rule for the initial ClientHello admits 0x0301.
    const bool version_ok =
        version == kRecordVersionTls12 ||
        (rule_ == RecordVersionRule::first_client_hello && version == kRecordVersionTls10);
    if (!version_ok) {
        return alert_error(Alert::protocol_version,
                           "record legacy_record_version " + hex16(version));
    }
    const bool ciphertext = protected_ ? type != ContentType::change_cipher_spec
                                       : type == ContentType::application_data;
    const size_t limit = kMaxPlaintext + (ciphertext ? max_expansion_ : 0);
    if (length > limit) {
        return alert_error(Alert::record_overflow,
                           std::string(ciphertext ? "protected" : "plaintext") + " " +
                               std::string(content_type_name(type)) + " record of " +
                               std::to_string(length) + " bytes exceeds " + std::to_string(limit));
    }
    return ok();
}

Result<std::optional<Record>> RecordReader::next() {
    if (failed_) return *failed_;
    const size_t have = end_ - start_;
    if (have < kRecordHeaderSize) return std::optional<Record>();
    const uint8_t* h = &buf_[start_];
    if (!is_known_content_type(h[0])) {
        failed_ = alert_error(Alert::unexpected_message,
                              "unknown record content type " + std::to_string(h[0]));
        return *failed_;
    }
    const auto type = static_cast<ContentType>(h[0]);
    const auto version = static_cast<uint16_t>((h[1] << 8) | h[2]);
    const size_t length = length_at(h);
    if (auto r = check_header(type, version, length); !r) {
        failed_ = r.error();
        return *failed_;
    }
    if (have < kRecordHeaderSize + length) return std::optional<Record>();

    Record rec{type, version, ByteView(&buf_[start_], kRecordHeaderSize),
               MutableByteView(buf_).subspan(start_ + kRecordHeaderSize, length)};
    const bool plaintext = protected_ ? type == ContentType::change_cipher_spec
                                      : type != ContentType::application_data;
    if (plaintext) {
        if (auto r = check_content(type, rec.fragment); !r) {
            failed_ = r.error();
            return *failed_;
        }
    }
    start_ += kRecordHeaderSize + length;
    return std::optional<Record>(rec);
}

}  // namespace keel::tls
