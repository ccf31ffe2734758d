#include "tls/hs/common.h"

#include <algorithm>

namespace keel::tls {

void keylog(const Context& ctx, KeyLogLabel label, ByteView client_random, ByteView secret,
            uint32_t generation) {
    if (ctx.config.keylog) {
        ctx.config.keylog(keylog_line(label, client_random, secret, generation));
    }
}

Result<HandshakeKeys> derive_handshake_keys(const Context& ctx, const CipherSuiteInfo& suite,
                                            ByteView shared_secret, const Transcript& transcript,
                                            ByteView client_random) {
    KEEL_TRY_ASSIGN(EarlySecret early, EarlySecret::without_psk(suite.hash));
    KEEL_TRY_ASSIGN(HandshakeSecret hs, early.handshake_secret(shared_secret));
    const crypto::AnyDigest th = transcript.hash();
    KEEL_TRY_ASSIGN(SecretBytes client, hs.client_handshake_traffic_secret(th.view()));
    KEEL_TRY_ASSIGN(SecretBytes server, hs.server_handshake_traffic_secret(th.view()));
    keylog(ctx, KeyLogLabel::client_handshake_traffic_secret, client_random, client.view());
    keylog(ctx, KeyLogLabel::server_handshake_traffic_secret, client_random, server.view());
    return HandshakeKeys{&suite, std::move(hs), std::move(client), std::move(server)};
}

Result<ApplicationKeys> derive_application_keys(const Context& ctx, const HandshakeKeys& keys,
                                                const Transcript& transcript,
                                                ByteView client_random) {
    KEEL_TRY_ASSIGN(MasterSecret ms, keys.secret.master_secret());
    const crypto::AnyDigest th = transcript.hash();
    ApplicationKeys app;
    KEEL_TRY_ASSIGN(app.client, ms.client_application_traffic_secret(th.view()));
    KEEL_TRY_ASSIGN(app.server, ms.server_application_traffic_secret(th.view()));
    KEEL_TRY_ASSIGN(app.exporter, ms.exporter_master_secret(th.view()));
    keylog(ctx, KeyLogLabel::client_traffic_secret, client_random, app.client.view());
    keylog(ctx, KeyLogLabel::server_traffic_secret, client_random, app.server.view());
    keylog(ctx, KeyLogLabel::exporter_secret, client_random, app.exporter.view());
    return app;
}

Result<Bytes> make_finished(const HandshakeKeys& keys, ByteView base_key,
                            const Transcript& transcript) {
    Finished fin;
    KEEL_TRY_ASSIGN(fin.verify_data,
                    finished_verify_data(keys.suite->hash, base_key, transcript.hash().view()));
    return encode_message(fin);
}

Result<void> check_finished_message(const HandshakeKeys& keys, ByteView base_key,
                                    const Transcript& transcript, const HandshakeMessage& msg) {
    KEEL_TRY_ASSIGN(Finished fin, expect<Finished>(msg, "ExpectFinished"));
    return check_finished(keys.suite->hash, base_key, transcript.hash().view(), fin.verify_data);
}

bool has_downgrade_sentinel(const Random& r) {
    return std::equal(kDowngradeTls12.begin(), kDowngradeTls12.end(), r.end() - 8) ||
           std::equal(kDowngradeTls11.begin(), kDowngradeTls11.end(), r.end() - 8);
}

// ---- Connected (RFC 8446 §4.6) ----

Result<Connected> Connected::handle(Context& ctx, const HandshakeMessage& msg, Output& out) && {
    switch (msg.type) {
        case HandshakeType::key_update: {
            KEEL_TRY_ASSIGN(KeyUpdate ku, KeyUpdate::parse(msg.body()));
            // §4.6.3: the peer moved its write direction; follow on our read side.
            KEEL_TRY_ASSIGN(SecretBytes next,
                            next_application_traffic_secret(suite->hash, peer_secret().view()));
            peer_secret() = std::move(next);
            const bool peer_is_client = role == Role::server;
            uint32_t& gen = peer_is_client ? client_generation : server_generation;
            gen++;
            keylog(ctx,
                   peer_is_client ? KeyLogLabel::client_traffic_secret
                                  : KeyLogLabel::server_traffic_secret,
                   client_random, peer_secret().view(), gen);
            out.set_read(*suite, SecretBytes(peer_secret().view()));
            if (ku.request_update == KeyUpdateRequest::update_requested) {
                KEEL_TRY(send_key_update(ctx, false, out));
            }
            return std::move(*this);
        }
        case HandshakeType::new_session_ticket:
            if (role == Role::client) {
                // Validated and dropped: resumption is not implemented yet.
                KEEL_TRY(NewSessionTicket::parse(msg.body()));
                return std::move(*this);
            }
            break;
        default:
            break;
    }
    return alert_error(Alert::unexpected_message,
                       "Connected: unexpected post-handshake message type " +
                           std::to_string(static_cast<int>(msg.type)));
}

Result<void> Connected::send_key_update(Context& ctx, bool request_peer_update, Output& out) {
    KeyUpdate ku;
    ku.request_update = request_peer_update ? KeyUpdateRequest::update_requested
                                            : KeyUpdateRequest::update_not_requested;
    KEEL_TRY_ASSIGN(Bytes msg, encode_message(ku));
    // §4.6.3: the KeyUpdate itself goes under the old key; everything after under the new.
    out.send(std::move(msg));
    KEEL_TRY_ASSIGN(SecretBytes next,
                    next_application_traffic_secret(suite->hash, own_secret().view()));
    own_secret() = std::move(next);
    const bool self_is_client = role == Role::client;
    uint32_t& gen = self_is_client ? client_generation : server_generation;
    gen++;
    keylog(ctx,
           self_is_client ? KeyLogLabel::client_traffic_secret : KeyLogLabel::server_traffic_secret,
           client_random, own_secret().view(), gen);
    out.set_write(*suite, SecretBytes(own_secret().view()));
    return ok();
}

}  // namespace keel::tls
