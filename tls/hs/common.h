// Pieces both TLS 1.3 roles use: the handshake context, the key-schedule steps that
// follow ServerHello and the server Finished (RFC 8446 §7.1), Finished messages
// (§4.4.4) and the connected state with its KeyUpdate handling (§4.6.3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/rng.h"
#include "tls/alert.h"
#include "tls/hs/config.h"
#include "tls/hs/output.h"
#include "tls/msg/handshake.h"
#include "tls/msg/messages.h"
#include "tls/schedule/cipher_suite.h"
#include "tls/schedule/key_schedule.h"
#include "tls/schedule/keylog.h"
#include "tls/schedule/transcript.h"

namespace keel::tls {

// What every handshake step may consult: the configuration, the generator, and (client)
// the name being connected to.
struct Context {
    const HandshakeConfig& config;
    crypto::Rng& rng;
    std::string_view server_name;
};

// Handshake traffic secrets (§7.1), valid from ServerHello to the Finished messages.
struct HandshakeKeys {
    const CipherSuiteInfo* suite;
    HandshakeSecret secret;
    SecretBytes client;  // client_handshake_traffic_secret
    SecretBytes server;  // server_handshake_traffic_secret
};

// Application traffic secrets (§7.1), derived over ClientHello..server Finished.
struct ApplicationKeys {
    SecretBytes client;
    SecretBytes server;
    SecretBytes exporter;
};

// Early Secret without PSK -> Handshake Secret from the key exchange output -> both
// handshake traffic secrets over `transcript` (ClientHello..ServerHello).
Result<HandshakeKeys> derive_handshake_keys(const Context& ctx, const CipherSuiteInfo& suite,
                                            ByteView shared_secret, const Transcript& transcript,
                                            ByteView client_random);

// Master Secret -> client/server application traffic secrets and the exporter master
// secret over `transcript` (ClientHello..server Finished).
Result<ApplicationKeys> derive_application_keys(const Context& ctx, const HandshakeKeys& keys,
                                                const Transcript& transcript,
                                                ByteView client_random);

// The Finished message `base_key`'s owner sends over `transcript` (§4.4.4).
Result<Bytes> make_finished(const HandshakeKeys& keys, ByteView base_key,
                            const Transcript& transcript);
// Checks a received Finished (constant-time compare; decrypt_error on mismatch,
// decode_error on a wrong length).
Result<void> check_finished_message(const HandshakeKeys& keys, ByteView base_key,
                                    const Transcript& transcript, const HandshakeMessage& msg);

// Parses `msg` as M, or unexpected_message when it is another type (§4: a message out of
// the order the state expects).
template <class M>
Result<M> expect(const HandshakeMessage& msg, std::string_view state_name) {
    if (msg.type != M::kType) {
        return alert_error(Alert::unexpected_message,
                           std::string(state_name) + ": unexpected handshake message type " +
                               std::to_string(static_cast<int>(msg.type)));
    }
    return M::parse(msg.body());
}

void keylog(const Context& ctx, KeyLogLabel label, ByteView client_random, ByteView secret,
            uint32_t generation = 0);

// After both Finished messages: application data flows, and KeyUpdate (§4.6.3) and
// NewSessionTicket (§4.6.1, ignored until resumption exists) may arrive.
struct Connected {
    Role role;
    const CipherSuiteInfo* suite;
    ApplicationKeys keys;  // current generation of both directions
    uint32_t client_generation = 0;
    uint32_t server_generation = 0;
    Random client_random{};
    SecretBytes resumption_master_secret;

    // A post-handshake message from the peer.
    Result<Connected> handle(Context& ctx, const HandshakeMessage& msg, Output& out) &&;
    // Our own KeyUpdate: sends it and moves our write direction to the next secret.
    Result<void> send_key_update(Context& ctx, bool request_peer_update, Output& out);

  private:
    SecretBytes& own_secret() { return role == Role::client ? keys.client : keys.server; }
    SecretBytes& peer_secret() { return role == Role::client ? keys.server : keys.client; }
};

// RFC 8446 §4.1.3: the downgrade sentinel at the end of a server random.
bool has_downgrade_sentinel(const Random& server_random);

}  // namespace keel::tls
