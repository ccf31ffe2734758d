// tls::Engine: one TLS 1.3 connection, sans IO (DESIGN.md §2). It never touches a socket,
// a clock or a thread: it is fed the bytes that arrived, hands out the bytes to send, and
// reports what happened as events.
//
//   auto e = Engine::client(config, "example.com");       // ClientHello is queued
//   send_to_network(e->take_output());
//   KEEL_TRY(e->feed(bytes_from_network));                // an Error: the connection
//                                                         // failed, the alert is queued
//   while (auto ev = e->next_event()) {
//       if (auto* d = std::get_if<event::AppData>(&*ev)) use(d->data);
//   }
//   KEEL_TRY(e->write(app_bytes));                        // once HandshakeDone arrived
//   send_to_network(e->take_output());
//
// Failure: any error from feed(), write() or key_update() is final. The alert the RFC
// names for it (tls/alert.h, alert_of) is queued in the output, protected with whatever
// write keys are current, and every later call returns the same error. A fatal alert from
// the peer ends the connection the same way, without an alert back.
//
// Closing: close() sends close_notify and ends our write side; the read side stays open
// until the peer's close_notify (event::PeerClosed), so half-closed connections work in
// both directions (RFC 8446 §6.1).
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "tls/alert.h"
#include "tls/hs/client.h"
#include "tls/hs/config.h"
#include "tls/hs/output.h"
#include "tls/hs/server.h"
#include "tls/msg/handshake.h"
#include "tls/record/protection.h"
#include "tls/record/record_reader.h"
#include "tls/record/record_writer.h"

namespace keel::tls {

namespace event {
// Both Finished messages are through; application data may flow both ways.
struct HandshakeDone {
    SessionInfo info;
};
// Decrypted application data, in order.
struct AppData {
    Bytes data;
};
// An alert other than close_notify arrived. Every alert but user_canceled ends the
// connection in TLS 1.3 (§6.2), whatever its level says.
struct AlertReceived {
    AlertLevel level;
    Alert alert;
};
// The peer's close_notify: it sends nothing more. We may still write until close().
struct PeerClosed {};
// The peer moved its write keys forward (KeyUpdate, §4.6.3).
struct KeyUpdated {};
}  // namespace event

using Event = std::variant<event::HandshakeDone, event::AppData, event::AlertReceived,
                           event::PeerClosed, event::KeyUpdated>;

class Engine {
  public:
    // A client connecting to `server_name` (sent as SNI unless it is an IP literal or
    // empty). The ClientHello is in take_output() on return. Errc::options when the
    // config cannot make a ClientHello (no TLS 1.3 suite, no group, ...).
    static Result<Engine> client(std::shared_ptr<const HandshakeConfig> config,
                                 std::string_view server_name);
    // A server waiting for a ClientHello. Errc::options when it has no certificate.
    static Result<Engine> server(std::shared_ptr<const HandshakeConfig> config);

    Engine(Engine&&) noexcept = default;
    Engine& operator=(Engine&&) noexcept = default;

    Role role() const { return role_; }

    // Takes all of `data` (records may be split anywhere). Processes every complete
    // record, queueing events and any answer (our handshake flight, KeyUpdate, alerts).
    Result<void> feed(ByteView data);

    std::optional<Event> next_event();

    // Encrypts application data into the output. Only after HandshakeDone and before
    // close(); Errc::closed after close() or failure.
    Result<void> write(ByteView data);

    // Everything queued for the peer, and clears the queue.
    Bytes take_output();
    bool has_output() const { return !out_.empty(); }

    // Sends close_notify (once) and ends our write side.
    void close();

    // RFC 8446 §4.6.3: moves our write key forward; with request_peer the peer is asked
    // to do the same with its own. Only once connected.
    Result<void> key_update(bool request_peer);

    // RFC 8446 §7.5 exporter, once connected.
    Result<SecretBytes> export_keying_material(std::string_view label, ByteView context,
                                               size_t length) const;

    bool is_handshaking() const { return !handshake_done_ && !failed_; }
    bool is_connected() const { return handshake_done_ && !failed_; }
    bool peer_closed() const { return peer_closed_; }
    bool write_closed() const { return write_closed_; }
    // The error that ended the connection, if one did.
    const std::optional<Error>& error() const { return failed_; }
    // What the handshake settled (nullptr before HandshakeDone).
    const SessionInfo* session() const { return info_ ? &*info_ : nullptr; }

  private:
    using State = std::variant<ClientState, ServerState>;

    Engine(std::shared_ptr<const HandshakeConfig> config, Role role, std::string server_name,
           State state);

    Context context();
    Result<void> handle_record(const Record& rec);
    Result<void> handle_alert(ByteView content);
    Result<void> handle_handshake_data(ByteView content);
    Result<void> handle_message(const HandshakeMessage& msg);
    Result<void> apply(Output& out);
    Result<void> send_record(ContentType type, ByteView data);
    // Records the failure, queues its alert unless `peer_alert`, and returns it.
    Error fail(Error error, bool peer_alert = false);
    Connected* connected();
    const Connected* connected() const;

    std::shared_ptr<const HandshakeConfig> config_;
    Role role_;
    std::string server_name_;
    State state_;

    RecordReader reader_;
    RecordWriter writer_;
    std::optional<RecordProtection> read_protection_;
    HandshakeReader handshake_reader_;

    Bytes out_;
    std::deque<Event> events_;
    std::optional<SessionInfo> info_;
    std::optional<Error> failed_;
    bool handshake_done_ = false;
    bool client_hello_seen_ = false;  // server: the first ClientHello is complete
    bool peer_closed_ = false;
    bool write_closed_ = false;
};

}  // namespace keel::tls
