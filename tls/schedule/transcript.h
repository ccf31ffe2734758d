// The handshake transcript hash (RFC 8446 §4.4.1): a running hash over every handshake
// message, header included, in the order sent and received.
//
//   Transcript t;                       // client: hash not known before ServerHello
//   t.add(client_hello);                //   (messages are buffered until then)
//   KEEL_TRY(t.set_hash(suite->hash));  // the ServerHello picked the suite
//   t.add(server_hello);
//   auto hs_hash = t.hash();            // Transcript-Hash(ClientHello..ServerHello)
//
// Snapshots are cheap: hash() finalizes a copy of the running state, and a Transcript
// is a value (copy it to fork, e.g. to compute a PSK binder under a different hash).
//
// HelloRetryRequest (§4.4.1): after the first ClientHello, call
// replace_with_message_hash() before adding the HelloRetryRequest; the transcript then
// reads message_hash(254) || 00 00 Hash.length || Hash(ClientHello1) || HRR || ...
#pragma once

#include <cstddef>
#include <optional>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/hash/any_hash.h"

namespace keel::tls {

class Transcript {
  public:
    // Buffers messages until set_hash().
    Transcript() = default;
    explicit Transcript(crypto::HashAlg alg) : hash_(alg) {}

    // Fixes the hash and absorbs any buffered messages. Setting the same hash again is
    // a no-op; a different one is invalid_argument (the suite cannot change mid-handshake).
    Result<void> set_hash(crypto::HashAlg alg);
    bool has_hash() const { return hash_.has_value(); }
    std::optional<crypto::HashAlg> alg() const;
    size_t digest_size() const;  // 0 before set_hash()

    // A complete handshake message: the 4-byte header (type, uint24 length) and body.
    void add(ByteView message);
    size_t message_count() const { return count_; }

    // Transcript-Hash of everything added so far. Empty (size 0) before set_hash(): every
    // key-schedule function rejects a hash of the wrong length, so misuse is an error,
    // never a silently wrong key.
    crypto::AnyDigest hash() const;
    // Transcript-Hash of everything added so far followed by `more`, leaving the
    // transcript unchanged: the PSK binder hashes a truncated ClientHello this way
    // (RFC 8446 §4.2.11.2).
    crypto::AnyDigest hash_with(ByteView more) const;

    // RFC 8446 §4.4.1: replaces ClientHello1 by the synthetic message_hash message.
    // Requires the hash to be set and exactly one message (ClientHello1) added, once:
    // a second HelloRetryRequest is a protocol error (§4.1.4).
    Result<void> replace_with_message_hash();

  private:
    std::optional<crypto::AnyHash> hash_;
    Bytes buffer_;  // messages added before set_hash()
    size_t count_ = 0;
    bool replaced_ = false;  // message_hash already stands for ClientHello1
};

}  // namespace keel::tls
