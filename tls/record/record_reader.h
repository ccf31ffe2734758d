// RecordReader: TLS record framing over a byte stream (RFC 8446 §5.1, §5.2). Fed
// arbitrary chunks of the stream (one byte at a time works), it yields complete
// records as views into its own buffer: the bytes are copied once, from the network
// into the buffer, and record protection then decrypts them in place there.
//
//   RecordReader reader;
//   while (!input.empty()) {
//       input = input.subspan(reader.feed(input));
//       for (;;) {
//           auto rec = reader.next();
//           if (!rec) return rec.error();    // tls_alert: send it and close
//           if (!*rec) break;                // needs more bytes
//           handle(**rec);                   // valid until the next call into reader
//       }
//   }
//
// The buffer holds at most `capacity` bytes (at least one largest record), so a peer
// cannot make it grow: feed() takes what fits and the caller takes records out before
// feeding the rest. A socket layer can skip the copy from its own buffer by reading
// straight into space() and calling commit().
//
// Checks, made as soon as a record's header is buffered (before its body arrives):
// - unknown content type: unexpected_message (§5);
// - legacy_record_version against the current RecordVersionRule: protocol_version;
// - length over the limit: record_overflow. Plaintext records may carry 2^14 bytes
//   (§5.1), protected ones 2^14 + 256 (§5.2). application_data records are never
//   plaintext in TLS 1.3, so they get the protected limit even before read keys exist
//   (a server skipping rejected 0-RTT data reads protected records then, §4.2.10).
// Once the whole record is in, a plaintext record's content must pass check_content()
// (record.h): zero-length handshake or alert, malformed alert or CCS records fail.
// An application_data record read before read keys is returned as it is: the engine
// rejects it (unexpected_message) unless it is skipping rejected 0-RTT data.
// After an error the reader is dead: every later next() returns the same error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/bytes.h"
#include "base/result.h"
#include "tls/record/record.h"

namespace keel::tls {

enum class RecordVersionRule : uint8_t {
    // A server reading the initial ClientHello: 0x0301 or 0x0303 (§5.1, "MAY also be
    // 0x0301 for compatibility purposes"). The engine switches to exact_0303 once that
    // ClientHello has been read.
    first_client_hello,
    // Every other record: exactly 0x0303.
    exact_0303,
};

class RecordReader {
  public:
    // The default holds one largest TLS 1.3 record; a smaller capacity is raised to that.
    static constexpr size_t kDefaultCapacity = kMaxTls13Record;

    explicit RecordReader(size_t capacity = kDefaultCapacity);

    // Copies as much of `data` as fits and returns how many bytes it took. Less than
    // data.size() means the buffer is full of unread records: take them with next(),
    // then feed the rest.
    size_t feed(ByteView data);

    // Zero-copy feeding: write up to space().size() bytes into space(), then commit
    // how many were written. space() may move buffered bytes: it invalidates records.
    MutableByteView space();
    void commit(size_t n);

    // The next complete record; std::nullopt when more bytes are needed; or the alert
    // to send. The record's views stay valid until the next call to feed(), space(),
    // commit() or next().
    Result<std::optional<Record>> next();

    // legacy_record_version policy for records not yet returned (default exact_0303).
    void set_version_rule(RecordVersionRule rule) { rule_ = rule; }
    // Read keys are installed: records other than change_cipher_spec are protected and
    // may be 2^14 + max_expansion long (TLS 1.3: 256). TLS 1.3 change_cipher_spec
    // records stay plaintext (§5, middlebox compatibility). A larger expansion than the
    // buffer holds (TLS 1.2: 2048) grows the buffer once, here.
    void set_protected(bool on, size_t max_expansion = kMaxTls13Expansion);

    bool is_protected() const { return protected_; }
    // Bytes fed and not yet returned as records. At a key change a non-zero value
    // means records written under the new keys already arrived; that is fine, since
    // records are only decrypted once the caller takes them.
    size_t buffered() const { return end_ - start_; }
    size_t capacity() const { return buf_.size(); }

  private:
    void make_room();
    Result<void> check_header(ContentType type, uint16_t version, size_t length) const;

    Bytes buf_;
    size_t start_ = 0;  // first byte of the next record
    size_t end_ = 0;    // one past the last byte fed
    RecordVersionRule rule_ = RecordVersionRule::exact_0303;
    bool protected_ = false;
    size_t max_expansion_ = kMaxTls13Expansion;
    std::optional<Error> failed_;
};

}  // namespace keel::tls
