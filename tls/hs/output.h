// What a handshake state asks of the engine, in order: handshake messages to send at the
// current write protection, a change_cipher_spec record, key changes for either
// direction, and the end of the handshake. The states never see records; the engine
// applies these actions one after the other, so "send ServerHello, switch write keys,
// send EncryptedExtensions" reads exactly as the state wrote it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "base/bytes.h"
#include "base/secret.h"
#include "crypto/kx/kx.h"
#include "crypto/sig/sig.h"
#include "tls/schedule/cipher_suite.h"

namespace keel::tls {

// What the handshake settled, reported with Event::HandshakeDone and kept by the engine
// (Erlang connection_information).
struct SessionInfo {
    uint16_t version = 0;
    CipherSuite cipher_suite{};
    crypto::NamedGroup group{};
    // The scheme of the peer's CertificateVerify; nullopt when the peer sent none.
    std::optional<crypto::SignatureScheme> peer_signature_scheme;
    // The scheme we signed with; nullopt when we sent no CertificateVerify.
    std::optional<crypto::SignatureScheme> own_signature_scheme;
    std::string alpn;                      // empty when none was negotiated
    std::string server_name;               // the SNI the client sent (both roles)
    std::vector<Bytes> peer_certificates;  // leaf first; empty when the peer sent none
    bool hello_retry = false;              // a HelloRetryRequest was part of it
};

struct SendHandshake {
    Bytes message;  // one complete handshake message, header included
};
struct SendChangeCipherSpec {};
// The traffic secret of one direction; the engine derives key and IV (RFC 8446 §7.3).
struct SetReadSecret {
    const CipherSuiteInfo* suite;
    SecretBytes secret;
};
struct SetWriteSecret {
    const CipherSuiteInfo* suite;
    SecretBytes secret;
};
struct HandshakeComplete {
    SessionInfo info;
};

using Action = std::variant<SendHandshake, SendChangeCipherSpec, SetReadSecret, SetWriteSecret,
                            HandshakeComplete>;

struct Output {
    std::vector<Action> actions;

    void send(Bytes message) { actions.emplace_back(SendHandshake{std::move(message)}); }
    void send_ccs() { actions.emplace_back(SendChangeCipherSpec{}); }
    void set_read(const CipherSuiteInfo& suite, SecretBytes secret) {
        actions.emplace_back(SetReadSecret{&suite, std::move(secret)});
    }
    void set_write(const CipherSuiteInfo& suite, SecretBytes secret) {
        actions.emplace_back(SetWriteSecret{&suite, std::move(secret)});
    }
    void complete(SessionInfo info) { actions.emplace_back(HandshakeComplete{std::move(info)}); }
};

}  // namespace keel::tls
