// The TLS 1.3 client handshake as types (RFC 8446 §2, §4; DESIGN.md §2). Each state holds
// what that stage needs; handle() consumes it and returns the next state or an Error
// carrying the alert to send. In protocol order:
//
//   start_client()                       ClientHello              -> ExpectServerHello
//   ExpectServerHello                    HelloRetryRequest        -> ExpectServerHelloAfterRetry
//                                        ServerHello              -> ExpectEncryptedExtensions
//   ExpectServerHelloAfterRetry          ServerHello              -> ExpectEncryptedExtensions
//   ExpectEncryptedExtensions            EncryptedExtensions      ->
//   ExpectCertificateOrCertificateRequest ExpectCertificateOrCertificateRequest CertificateRequest
//   -> ExpectCertificate
//                                        Certificate              -> ExpectCertificateVerify
//   ExpectCertificate                    Certificate              -> ExpectCertificateVerify
//   ExpectCertificateVerify              CertificateVerify        -> ExpectFinished
//   ExpectFinished                       Finished (ours sent)     -> Connected
#pragma once

#include <optional>
#include <variant>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/kx/kx.h"
#include "tls/hs/common.h"
#include "tls/hs/output.h"
#include "tls/msg/handshake.h"
#include "tls/msg/messages.h"
#include "tls/schedule/transcript.h"
#include "x509/key/key.h"

namespace keel::tls {

struct ExpectServerHello;
struct ExpectServerHelloAfterRetry;
struct ExpectEncryptedExtensions;
struct ExpectCertificateOrCertificateRequest;
struct ExpectCertificate;
struct ExpectCertificateVerify;
struct ExpectFinished;

using ClientState =
    std::variant<ExpectServerHello, ExpectServerHelloAfterRetry, ExpectEncryptedExtensions,
                 ExpectCertificateOrCertificateRequest, ExpectCertificate, ExpectCertificateVerify,
                 ExpectFinished, Connected>;

// What the client offered, kept until the ServerHello answers it.
struct ClientOffer {
    ClientHello hello;                          // as sent (ClientHello2 after a retry)
    std::vector<crypto::KxClientState> shares;  // one per key_share entry sent
    bool ccs_sent = false;                      // §D.4: the one dummy CCS went out
};

// The client's view of the handshake once ServerHello has been accepted.
struct ClientHandshake {
    HandshakeKeys keys;
    Transcript transcript;
    SessionInfo info;
    Random client_random;
    bool ccs_sent;
    std::vector<crypto::SignatureScheme> offered_schemes;
    Extensions offered_extensions;  // the ClientHello's, for the response checks
};

// The server asked for our certificate (§4.3.2).
struct ClientAuthRequest {
    Bytes context;
    std::vector<crypto::SignatureScheme> schemes;
};

// Builds and sends the first ClientHello.
Result<ExpectServerHello> start_client(Context& ctx, Output& out);

struct ExpectServerHello {
    ClientOffer offer;
    Transcript transcript;  // ClientHello1, hash not yet known
    Result<ClientState> handle(Context& ctx, const HandshakeMessage& msg, Output& out) &&;
};

struct ExpectServerHelloAfterRetry {
    ClientOffer offer;
    Transcript transcript;  // message_hash, HelloRetryRequest, ClientHello2
    CipherSuite retry_suite;
    crypto::NamedGroup retry_group;
    Result<ClientState> handle(Context& ctx, const HandshakeMessage& msg, Output& out) &&;
};

struct ExpectEncryptedExtensions {
    ClientHandshake hs;
    Result<ClientState> handle(Context& ctx, const HandshakeMessage& msg, Output& out) &&;
};

struct ExpectCertificateOrCertificateRequest {
    ClientHandshake hs;
    Result<ClientState> handle(Context& ctx, const HandshakeMessage& msg, Output& out) &&;
};

struct ExpectCertificate {
    ClientHandshake hs;
    ClientAuthRequest request;
    Result<ClientState> handle(Context& ctx, const HandshakeMessage& msg, Output& out) &&;
};

struct ExpectCertificateVerify {
    ClientHandshake hs;
    std::optional<ClientAuthRequest> request;
    x509::PublicKey server_key;
    Result<ClientState> handle(Context& ctx, const HandshakeMessage& msg, Output& out) &&;
};

struct ExpectFinished {
    ClientHandshake hs;
    std::optional<ClientAuthRequest> request;
    Result<ClientState> handle(Context& ctx, const HandshakeMessage& msg, Output& out) &&;
};

}  // namespace keel::tls
