// RecordProtection: one direction's record protection, whatever the protocol version.
// A std::variant of per-version states (no heap, no virtual call on the record path);
// every alternative has the same members and this class forwards to them.
//
// Today it holds Tls13RecordProtection only. TLS 1.2 joins as two more alternatives
// with the same members, and nothing above this class changes:
// - Tls12AeadProtection (RFC 5246 §6.2.3.3): AES-GCM with the 8-byte explicit nonce
//   carried at the start of the fragment (RFC 5288 §3; content_offset() = 5 + 8) and
//   ChaCha20-Poly1305 with the TLS 1.3-style XORed nonce (RFC 7905 §2); the additional
//   data is seq || type || version || length instead of the header; no inner type or
//   padding (the padding argument must be 0).
// - Tls12CbcProtection: MAC-then-encrypt through crypto/cbc/cbc_record.h, whose open
//   is constant time in the padding (Lucky 13); content_offset() = 5 + 16 (the IV).
// RecordReader::set_protected then takes TLS 1.2's 2048-byte expansion, and the
// TLS 1.3-only rules (outer type application_data, plaintext CCS) move into the 1.3
// alternative, where they already are. DTLS wraps these with its explicit
// epoch/sequence header in dtls/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <variant>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/aead/aead.h"
#include "tls/record/record.h"
#include "tls/record/tls13_protection.h"

namespace keel::tls {

class RecordProtection {
  public:
    RecordProtection(Tls13RecordProtection p) : v_(std::move(p)) {}

    static Result<RecordProtection> tls13(crypto::AeadAlg alg, ByteView key, ByteView iv) {
        auto p = Tls13RecordProtection::create(alg, key, iv);
        if (!p) return p.error();
        return RecordProtection(std::move(*p));
    }

    // Where a record's content starts in its buffer, and a sealed record's size.
    size_t content_offset() const {
        return std::visit([](const auto& p) { return p.content_offset(); }, v_);
    }
    size_t sealed_size(size_t content_len, size_t padding_len) const {
        return std::visit([&](const auto& p) { return p.sealed_size(content_len, padding_len); },
                          v_);
    }
    // The most content one record may carry when the peer's record_size_limit (RFC
    // 8449) is `peer_limit`, and the most padding around `content_len` bytes of it.
    size_t max_content(size_t peer_limit) const {
        return std::visit([&](const auto& p) { return p.max_content(peer_limit); }, v_);
    }
    size_t max_padding(size_t content_len, size_t peer_limit) const {
        return std::visit([&](const auto& p) { return p.max_padding(content_len, peer_limit); },
                          v_);
    }

    Result<void> seal(ContentType type, size_t content_len, size_t padding_len,
                      MutableByteView record) {
        return std::visit([&](auto& p) { return p.seal(type, content_len, padding_len, record); },
                          v_);
    }
    Result<Plaintext> open(const Record& record, size_t record_size_limit) {
        return std::visit([&](auto& p) { return p.open(record, record_size_limit); }, v_);
    }

    uint64_t sequence() const {
        return std::visit([](const auto& p) { return p.sequence(); }, v_);
    }
    bool key_update_due() const {
        return std::visit([](const auto& p) { return p.key_update_due(); }, v_);
    }
    uint64_t records_until_key_update() const {
        return std::visit([](const auto& p) { return p.records_until_key_update(); }, v_);
    }

    Tls13RecordProtection* tls13() { return std::get_if<Tls13RecordProtection>(&v_); }

  private:
    std::variant<Tls13RecordProtection> v_;
};

}  // namespace keel::tls
