#include "tls/engine/engine.h"

#include <utility>

#include "tls/schedule/key_schedule.h"

namespace keel::tls {

Engine::Engine(std::shared_ptr<const HandshakeConfig> config, Role role, std::string server_name,
               State state)
    : config_(std::move(config)),
      role_(role),
      server_name_(std::move(server_name)),
      state_(std::move(state)),
      handshake_reader_(config_->max_handshake_size) {}

Context Engine::context() {
    return Context{*config_, config_->random(), server_name_};
}

Result<Engine> Engine::client(std::shared_ptr<const HandshakeConfig> config,
                              std::string_view server_name) {
    if (!config) return Error(Errc::options, "no config");
    Context ctx{*config, config->random(), server_name};
    Output out;
    KEEL_TRY_ASSIGN(ExpectServerHello first, start_client(ctx, out));
    Engine e(std::move(config), Role::client, std::string(server_name),
             State(ClientState(std::move(first))));
    // RFC 8446 §5.1: the initial ClientHello's record may say 0x0301 for the sake of
    // old middleboxes; every later record says 0x0303.
    e.writer_.set_plaintext_version(kRecordVersionTls10);
    KEEL_TRY(e.apply(out));
    e.writer_.set_plaintext_version(kRecordVersionTls12);
    return e;
}

Result<Engine> Engine::server(std::shared_ptr<const HandshakeConfig> config) {
    if (!config) return Error(Errc::options, "no config");
    if (config->certs_keys.empty()) return Error(Errc::options, "certs_keys: a server needs one");
    Engine e(std::move(config), Role::server, {}, State(ServerState(ExpectClientHello{})));
    e.reader_.set_version_rule(RecordVersionRule::first_client_hello);
    return e;
}

// ---- input ----

Result<void> Engine::feed(ByteView data) {
    if (failed_) return *failed_;
    while (!data.empty()) {
        data = data.subspan(reader_.feed(data));
        for (;;) {
            auto rec = reader_.next();
            if (!rec) return fail(rec.error());
            if (!*rec) break;
            // §6.1: data after close_notify is ignored.
            if (peer_closed_) continue;
            auto r = handle_record(**rec);
            if (!r) return failed_ ? *failed_ : fail(r.error());
            // §5.1: only the initial ClientHello's records may say 0x0301; once it is
            // complete (it may span records) every record must say 0x0303.
            if (!client_hello_seen_ && role_ == Role::server &&
                !std::holds_alternative<ExpectClientHello>(std::get<ServerState>(state_))) {
                client_hello_seen_ = true;
                reader_.set_version_rule(RecordVersionRule::exact_0303);
            }
        }
    }
    return ok();
}

Result<void> Engine::handle_record(const Record& rec) {
    if (rec.type == ContentType::change_cipher_spec) {
        // §5: during the handshake a single-byte 0x01 CCS (the reader checked the
        // value) is dropped; the server sees none before a ClientHello, and after the
        // handshake it is unexpected.
        const bool before_client_hello =
            role_ == Role::server &&
            std::holds_alternative<ExpectClientHello>(std::get<ServerState>(state_)) &&
            !handshake_reader_.has_partial();
        if (handshake_done_ || before_client_hello) {
            return alert_error(Alert::unexpected_message,
                               "change_cipher_spec outside the handshake");
        }
        return ok();
    }
    Plaintext pt{rec.type, rec.fragment};
    if (read_protection_ && !(rec.type == ContentType::alert && !handshake_done_)) {
        // A peer that fails before it has our keys sends its alert in the clear: during
        // the handshake a plaintext alert record is read as such, never trusted further
        // than ending the connection.
        KEEL_TRY_ASSIGN(pt, read_protection_->open(rec, kMaxTls13InnerPlaintext));
    } else if (rec.type == ContentType::application_data) {
        return alert_error(Alert::unexpected_message, "application data before keys");
    }
    switch (pt.type) {
        case ContentType::handshake:
            return handle_handshake_data(pt.content);
        case ContentType::alert:
            return handle_alert(pt.content);
        case ContentType::application_data:
            if (!handshake_done_) {
                return alert_error(Alert::unexpected_message,
                                   "application data before the handshake finished");
            }
            // §5.4: zero-length application data records are valid and carry nothing.
            if (!pt.content.empty()) {
                events_.emplace_back(event::AppData{Bytes(pt.content.begin(), pt.content.end())});
            }
            return ok();
        default:
            return alert_error(Alert::unexpected_message, "unexpected record type");
    }
}

Result<void> Engine::handle_alert(ByteView content) {
    // The record layer checked the length (exactly 2 bytes).
    const auto level = static_cast<AlertLevel>(content[0]);
    const auto desc = static_cast<Alert>(content[1]);
    if (desc == Alert::close_notify) {
        peer_closed_ = true;
        events_.emplace_back(event::PeerClosed{});
        return ok();
    }
    events_.emplace_back(event::AlertReceived{level, desc});
    // §6.2: user_canceled may be followed by close_notify; everything else is fatal
    // in TLS 1.3, whatever level the peer wrote.
    if (desc == Alert::user_canceled) return ok();
    return fail(Error(Errc::tls_alert, "peer sent alert " + std::string(alert_name(desc)),
                      static_cast<uint8_t>(desc)),
                /*peer_alert=*/true);
}

Result<void> Engine::handle_handshake_data(ByteView content) {
    KEEL_TRY(handshake_reader_.feed(content));
    while (auto msg = handshake_reader_.next()) {
        KEEL_TRY(handle_message(*msg));
        if (failed_) return *failed_;
    }
    return ok();
}

Result<void> Engine::handle_message(const HandshakeMessage& msg) {
    Context ctx = context();
    Output out;
    if (auto* cs = std::get_if<ClientState>(&state_)) {
        auto next = std::visit(
            [&](auto& s) -> Result<ClientState> {
                auto r = std::move(s).handle(ctx, msg, out);
                if (!r) return r.error();
                return ClientState(std::move(*r));
            },
            *cs);
        if (!next) return next.error();
        *cs = std::move(*next);
    } else {
        auto& ss = std::get<ServerState>(state_);
        auto next = std::visit(
            [&](auto& s) -> Result<ServerState> {
                auto r = std::move(s).handle(ctx, msg, out);
                if (!r) return r.error();
                return ServerState(std::move(*r));
            },
            ss);
        if (!next) return next.error();
        ss = std::move(*next);
    }
    const bool was_connected = handshake_done_;
    KEEL_TRY(apply(out));
    if (was_connected && msg.type == HandshakeType::key_update) {
        events_.emplace_back(event::KeyUpdated{});
    }
    return ok();
}

// ---- output ----

Result<void> Engine::send_record(ContentType type, ByteView data) {
    auto r = writer_.write(type, data, out_);
    if (!r) return alert_error(Alert::internal_error, "record: " + r.error().to_string());
    return ok();
}

Result<void> Engine::apply(Output& out) {
    // Consecutive handshake messages under the same keys share records (a flight is
    // one record when it fits), as RFC 8448's traces show for the server's flight.
    Bytes pending;
    auto flush = [&]() -> Result<void> {
        if (pending.empty()) return ok();
        auto r = send_record(ContentType::handshake, pending);
        pending.clear();
        return r;
    };
    for (Action& a : out.actions) {
        // §6.1: nothing follows our close_notify; a KeyUpdate the peer asks for after
        // it goes unanswered.
        if (write_closed_ && (std::holds_alternative<SendHandshake>(a) ||
                              std::holds_alternative<SetWriteSecret>(a))) {
            continue;
        }
        if (auto* hs = std::get_if<SendHandshake>(&a)) {
            pending.insert(pending.end(), hs->message.begin(), hs->message.end());
            continue;
        }
        KEEL_TRY(flush());
        if (std::holds_alternative<SendChangeCipherSpec>(a)) {
            static constexpr uint8_t kCcs[1] = {1};
            KEEL_TRY(send_record(ContentType::change_cipher_spec, kCcs));
        } else if (auto* w = std::get_if<SetWriteSecret>(&a)) {
            KEEL_TRY_ASSIGN(TrafficKeys k, traffic_keys(*w->suite, w->secret.view()));
            KEEL_TRY_ASSIGN(RecordProtection p,
                            RecordProtection::tls13(w->suite->aead, k.key.view(), k.iv.view()));
            writer_.set_protection(std::move(p));
        } else if (auto* r = std::get_if<SetReadSecret>(&a)) {
            // §5.1: handshake messages may not span a key change, and nothing may follow
            // the message that triggers it in the same record.
            if (handshake_reader_.has_partial()) {
                return alert_error(Alert::unexpected_message,
                                   "handshake data under the old keys after a key change");
            }
            KEEL_TRY_ASSIGN(TrafficKeys k, traffic_keys(*r->suite, r->secret.view()));
            KEEL_TRY_ASSIGN(RecordProtection p,
                            RecordProtection::tls13(r->suite->aead, k.key.view(), k.iv.view()));
            read_protection_.emplace(std::move(p));
            reader_.set_protected(true);
        } else if (auto* done = std::get_if<HandshakeComplete>(&a)) {
            handshake_done_ = true;
            info_ = done->info;
            events_.emplace_back(event::HandshakeDone{std::move(done->info)});
        }
    }
    return flush();
}

Error Engine::fail(Error error, bool peer_alert) {
    if (failed_) return *failed_;
    failed_ = error;
    if (!peer_alert && !write_closed_) {
        const uint8_t alert[2] = {static_cast<uint8_t>(AlertLevel::fatal),
                                  static_cast<uint8_t>(alert_of(error))};
        (void)writer_.write(ContentType::alert, alert, out_);
        write_closed_ = true;
    }
    return error;
}

std::optional<Event> Engine::next_event() {
    if (events_.empty()) return std::nullopt;
    Event e = std::move(events_.front());
    events_.pop_front();
    return e;
}

Bytes Engine::take_output() {
    Bytes out = std::move(out_);
    out_.clear();
    return out;
}

Connected* Engine::connected() {
    if (auto* cs = std::get_if<ClientState>(&state_)) return std::get_if<Connected>(cs);
    return std::get_if<Connected>(&std::get<ServerState>(state_));
}

const Connected* Engine::connected() const {
    if (const auto* cs = std::get_if<ClientState>(&state_)) return std::get_if<Connected>(cs);
    return std::get_if<Connected>(&std::get<ServerState>(state_));
}

Result<void> Engine::write(ByteView data) {
    if (failed_) return *failed_;
    if (write_closed_) return Error(Errc::closed, "write after close");
    if (!handshake_done_)
        return Error(Errc::invalid_argument, "write before the handshake finished");
    // §5.5: move to a fresh key before the AEAD's limit; the peer follows our KeyUpdate.
    if (RecordProtection* p = writer_.protection(); p != nullptr && p->key_update_due()) {
        KEEL_TRY(key_update(false));
    }
    auto r = send_record(ContentType::application_data, data);
    if (!r) return fail(r.error());
    return ok();
}

void Engine::close() {
    if (write_closed_ || failed_) return;
    const uint8_t alert[2] = {static_cast<uint8_t>(AlertLevel::warning),
                              static_cast<uint8_t>(Alert::close_notify)};
    (void)writer_.write(ContentType::alert, alert, out_);
    write_closed_ = true;
}

Result<void> Engine::key_update(bool request_peer) {
    if (failed_) return *failed_;
    if (write_closed_) return Error(Errc::closed, "key update after close");
    Connected* c = connected();
    if (c == nullptr)
        return Error(Errc::invalid_argument, "key update before the handshake finished");
    Context ctx = context();
    Output out;
    auto r = c->send_key_update(ctx, request_peer, out);
    if (!r) return fail(r.error());
    auto a = apply(out);
    if (!a) return fail(a.error());
    return ok();
}

Result<SecretBytes> Engine::export_keying_material(std::string_view label, ByteView context,
                                                   size_t length) const {
    const Connected* c = connected();
    if (c == nullptr)
        return Error(Errc::invalid_argument, "exporter before the handshake finished");
    return tls::export_keying_material(c->suite->hash, c->keys.exporter.view(), label, context,
                                       length);
}

}  // namespace keel::tls
