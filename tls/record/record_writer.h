// RecordWriter: turns a handshake, alert or application byte stream into records
// (RFC 8446 §5.1), protected once set_protection() installed write keys. Fragments
// carry at most the current limit: 2^14 bytes, or less when the peer sent a
// record_size_limit (RFC 8449; protected records only, §4 of that RFC).
//
//   RecordWriter w;                                      // plaintext: ClientHello
//   KEEL_TRY(w.write(ContentType::handshake, client_hello, out));
//   w.set_protection(std::move(*handshake_keys));        // sequence number 0
//   KEEL_TRY(w.write(ContentType::handshake, finished, out));
//
// write() into a span writes each record's content once, straight into its place in
// the output, and seals it there: one copy of the payload, no allocation.
// change_cipher_spec is always written as the plaintext record 14 03 03 00 01 01: TLS
// 1.3 sends it unprotected even after write keys exist (RFC 8446 §D.4).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/bytes.h"
#include "base/result.h"
#include "tls/record/protection.h"
#include "tls/record/record.h"

namespace keel::tls {

class RecordWriter {
  public:
    // Key change (handshake -> application -> KeyUpdate): replaces the keys; the new
    // protection starts at sequence number 0.
    void set_protection(RecordProtection p) { protection_.emplace(std::move(p)); }
    RecordProtection* protection() { return protection_ ? &*protection_ : nullptr; }

    // legacy_record_version of plaintext records: 0x0303, or 0x0301 for an initial
    // ClientHello (RFC 8446 §5.1). Protected records always say 0x0303.
    void set_plaintext_version(uint16_t v) { plaintext_version_ = v; }

    // The peer's record_size_limit (RFC 8449 §4). Below 64 is illegal_parameter; above
    // the protocol maximum is clamped to it.
    Result<void> set_record_size_limit(size_t peer_limit);
    // TLS 1.3 padding (§5.4): each protected inner plaintext is padded with zeros to a
    // multiple of `block` bytes, within the record limit. 0 or 1: no padding.
    void set_padding_block(size_t block) { padding_block_ = block; }

    // Bytes write() produces for `data_len` bytes of `type`.
    size_t output_size(ContentType type, size_t data_len) const;

    // Writes the records for `data` at the start of `out` and returns their size;
    // out.size() must be at least output_size(type, data.size()). Empty application
    // data writes nothing. Errors (internal_error: the caller's bug): empty handshake
    // data, an alert that is not two bytes, a change_cipher_spec other than {0x01},
    // application data before write keys, too small a buffer, or what seal refuses.
    Result<size_t> write(ContentType type, ByteView data, MutableByteView out);
    // Appends the records to `out`.
    Result<void> write(ContentType type, ByteView data, Bytes& out);

  private:
    bool protects(ContentType type) const {
        return protection_ && type != ContentType::change_cipher_spec;
    }
    // Content and padding of the next record when `remaining` bytes are left.
    size_t fragment_size(ContentType type, size_t remaining) const;
    size_t padding_for(size_t content_len) const;
    Result<void> check(ContentType type, ByteView data) const;

    std::optional<RecordProtection> protection_;
    uint16_t plaintext_version_ = kRecordVersionTls12;
    size_t peer_limit_ = kMaxTls13InnerPlaintext;
    size_t padding_block_ = 0;
};

}  // namespace keel::tls
