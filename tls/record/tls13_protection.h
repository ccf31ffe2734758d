// TLS 1.3 record protection for one direction (RFC 8446 §5.2-§5.5): an AEAD, the
// 12-byte static IV and the 64-bit record sequence number.
//
//   nonce = iv XOR (0^32 || seq as 64-bit big-endian)              (§5.3)
//   TLSInnerPlaintext = content || ContentType || zeros[padding]   (§5.2, §5.4)
//   TLSCiphertext = 17 03 03 len || AEAD(nonce, aad = header, inner) || tag
//
// seal and open work in place in a buffer the caller owns: no allocation and no copy
// of the payload. A key change (handshake -> application traffic, KeyUpdate) is a new
// object: new key and IV, sequence number 0 (§5.3).
//
// Sequence numbers never wrap (§5.3): a direction refuses its record number 2^64 - 1,
// so the engine must KeyUpdate before. Well before that the AEAD's own usage limit
// applies (§5.5): AES-GCM keys must be updated before 2^24.5 full-size records; the
// same bound is used for AES-CCM, and ChaCha20-Poly1305 has none short of the sequence
// number. key_update_due() says when; the engine decides.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/aead/any_aead.h"
#include "tls/record/record.h"

namespace keel::tls {

class Tls13RecordProtection {
  public:
    static constexpr size_t kIvSize = 12;
    // The last sequence number is never used, so the counter never wraps.
    static constexpr uint64_t kMaxRecords = ~uint64_t{0};
    // §5.5: 2^24.5 full-size records per AES-GCM key (also used for AES-CCM).
    static constexpr uint64_t kAesRecordLimit = 23726566;

    // key is HKDF-Expand-Label(secret, "key", "", key_length), iv the same with "iv"
    // (§7.3). Wrong lengths, or an AEAD TLS 1.3 has no cipher suite for, are
    // internal_error: the caller derived them.
    static Result<Tls13RecordProtection> create(crypto::AeadAlg alg, ByteView key, ByteView iv);

    crypto::AeadAlg alg() const { return aead_.alg(); }
    size_t tag_size() const { return tag_size_; }

    // The number of the next record (0 after a key change).
    uint64_t sequence() const { return seq_; }
    // Records this key may still protect before the AEAD limit of §5.5; 0 means a
    // KeyUpdate is due now.
    uint64_t records_until_key_update() const { return limit_ > seq_ ? limit_ - seq_ : 0; }
    bool key_update_due() const { return seq_ >= limit_; }
    // Records left before the sequence number would wrap: seal/open refuse at 0.
    uint64_t records_left() const { return kMaxRecords - seq_; }

    // Where the content goes in a record buffer, and the record's total size.
    static constexpr size_t content_offset() { return kRecordHeaderSize; }
    size_t sealed_size(size_t content_len, size_t padding_len) const {
        return kRecordHeaderSize + content_len + 1 + padding_len + tag_size_;
    }

    // RFC 8449 §4: in TLS 1.3 the peer's record_size_limit counts the whole inner
    // plaintext (content + type + padding), and 2^14 + 1 is the most it may say.
    static size_t max_content(size_t peer_limit) {
        return std::min(kMaxPlaintext, std::min(peer_limit, kMaxTls13InnerPlaintext) - 1);
    }
    static size_t max_padding(size_t content_len, size_t peer_limit) {
        const size_t inner = std::min(peer_limit, kMaxTls13InnerPlaintext);
        return inner > content_len ? inner - content_len - 1 : 0;
    }

    // Protects one record in place. On entry record[5, 5 + content_len) holds the
    // content and record.size() == sealed_size(content_len, padding_len); on success
    // record holds the whole TLSCiphertext. The inner plaintext (content, type,
    // padding) may be at most 2^14 + 1 bytes. Sending an empty handshake or alert
    // record, an unknown type, a wrong buffer size or sealing past the sequence limit
    // is internal_error (the caller's bug, nothing the peer did).
    Result<void> seal(ContentType type, size_t content_len, size_t padding_len,
                      MutableByteView record);

    // Removes protection in place. `record` comes from RecordReader (outer type
    // application_data, version checked). Returns the real content type and the
    // content, padding stripped, inside record.fragment. Alerts: outer type other than
    // application_data, protected change_cipher_spec, no non-zero byte in the inner
    // plaintext, or bad content (check_content): unexpected_message; a record that does
    // not authenticate: bad_record_mac (the sequence number does not advance, so a
    // server may skip rejected 0-RTT records, §4.2.10); an inner plaintext over
    // `record_size_limit` (our advertised RFC 8449 limit, at most 2^14 + 1):
    // record_overflow.
    Result<Plaintext> open(const Record& record,
                           size_t record_size_limit = kMaxTls13InnerPlaintext);

    // Tests only: moves the sequence number to exercise the limits.
    void set_sequence_for_testing(uint64_t seq) { seq_ = seq; }

  private:
    Tls13RecordProtection(crypto::Aead aead, ByteView iv, uint64_t limit)
        : aead_(std::move(aead)), iv_(iv), tag_size_(aead_.tag_size()), limit_(limit) {}
    void nonce(uint8_t out[kIvSize]) const;

    crypto::Aead aead_;
    Secret<kIvSize> iv_;
    size_t tag_size_;
    uint64_t limit_;
    uint64_t seq_ = 0;
};

}  // namespace keel::tls
