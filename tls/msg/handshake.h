// Handshake message framing (RFC 8446 §4): the 4-byte header (type, uint24 length),
// reassembly of messages from record fragments, and the synthetic message_hash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/bytes.h"
#include "base/result.h"
#include "base/writer.h"

namespace keel::tls {

// RFC 8446 §4 and RFC 5246 §7.4 (TLS 1.2 types kept for the 1.2 engine).
enum class HandshakeType : uint8_t {
    hello_request = 0,  // TLS 1.2
    client_hello = 1,
    server_hello = 2,
    hello_verify_request = 3,  // DTLS 1.2
    new_session_ticket = 4,
    end_of_early_data = 5,
    encrypted_extensions = 8,
    certificate = 11,
    server_key_exchange = 12,  // TLS 1.2
    certificate_request = 13,
    server_hello_done = 14,  // TLS 1.2
    certificate_verify = 15,
    client_key_exchange = 16,  // TLS 1.2
    finished = 20,
    certificate_status = 22,  // TLS 1.2 (RFC 6066 §8)
    key_update = 24,
    message_hash = 254,
};

inline constexpr size_t kHandshakeHeaderSize = 4;
// Erlang ssl's max_handshake_size default (256 KiB).
inline constexpr size_t kDefaultMaxHandshakeSize = 256 * 1024;

// One complete handshake message. `raw` is the exact bytes received, header
// included: the transcript hash (RFC 8446 §4.4.1) is taken over these.
struct HandshakeMessage {
    HandshakeType type{};
    Bytes raw{};

    ByteView body() const { return ByteView(raw).subspan(kHandshakeHeaderSize); }
};

// Reassembles handshake messages from the plaintext of handshake records (RFC 8446
// §5.1): a message may span several records and a record may hold several messages.
class HandshakeReader {
  public:
    explicit HandshakeReader(size_t max_handshake_size = kDefaultMaxHandshakeSize)
        : max_size_(max_handshake_size) {}

    // Appends one record's plaintext. A zero-length handshake fragment is an
    // unexpected_message (RFC 8446 §5.1); a header announcing a body above
    // max_handshake_size is a handshake_failure (what Erlang ssl sends), reported
    // as soon as the header arrives rather than after buffering the body.
    Result<void> feed(ByteView fragment);

    // The next complete message, or nullopt when more bytes are needed.
    std::optional<HandshakeMessage> next();

    // True when bytes of an incomplete message are buffered. Handshake messages may
    // not span a key change (RFC 8446 §5.1): the engine checks this before switching
    // keys and sends unexpected_message if it is set.
    bool has_partial() const { return buf_.size() > pos_; }

  private:
    Result<void> check_header() const;

    size_t max_size_;
    Bytes buf_{};
    size_t pos_ = 0;  // start of the first unread message in buf_
};

// Writes the header and `body` as one handshake message.
void write_handshake(Writer& w, HandshakeType type, ByteView body);

// Writes a message struct (anything with kType and write(Writer&)) with its header.
template <class M>
requires requires {
    M::kType;
}
void write_message(Writer& w, const M& m) {
    w.u8(static_cast<uint8_t>(M::kType));
    Writer::Field f = w.open24();
    m.write(w);
    w.close(f);
}

// The encoded message, header included. internal_error when a field outgrew its
// length prefix (a struct the caller filled beyond what the wire allows).
Result<Bytes> encode_message_bytes(Writer&& w);
template <class M>
requires requires {
    M::kType;
}
Result<Bytes> encode_message(const M& m) {
    Writer w;
    write_message(w, m);
    return encode_message_bytes(std::move(w));
}

// RFC 8446 §4.4.1: after a HelloRetryRequest, ClientHello1 is replaced in the
// transcript by message_hash(254) || 00 00 Hash.length || Hash(ClientHello1).
// `client_hello1_hash` is that hash, computed with the negotiated suite's hash.
Bytes message_hash(ByteView client_hello1_hash);

}  // namespace keel::tls
