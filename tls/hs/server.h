// The TLS 1.3 server handshake as types (RFC 8446 §2, §4; DESIGN.md §2). In protocol order:
//
//   ExpectClientHello            ClientHello -> HelloRetryRequest  -> ExpectClientHelloAfterRetry
//                                ClientHello -> ServerHello .. Finished
//                                               -> ExpectClientCertificate (we asked)
//                                               -> ExpectClientFinished
//   ExpectClientHelloAfterRetry  ClientHello -> ServerHello .. Finished -> (as above)
//   ExpectClientCertificate      Certificate -> ExpectClientCertificateVerify (non-empty)
//                                            -> ExpectClientFinished (empty, allowed)
//   ExpectClientCertificateVerify CertificateVerify -> ExpectClientFinished
//   ExpectClientFinished         Finished    -> Connected
#pragma once

#include <optional>
#include <variant>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "tls/hs/common.h"
#include "tls/hs/output.h"
#include "tls/msg/handshake.h"
#include "tls/msg/messages.h"
#include "tls/schedule/transcript.h"
#include "x509/key/key.h"

namespace keel::tls {

struct ExpectClientHello;
struct ExpectClientHelloAfterRetry;
struct ExpectClientCertificate;
struct ExpectClientCertificateVerify;
struct ExpectClientFinished;

using ServerState =
    std::variant<ExpectClientHello, ExpectClientHelloAfterRetry, ExpectClientCertificate,
                 ExpectClientCertificateVerify, ExpectClientFinished, Connected>;

// The server's view of the handshake once its flight is out.
struct ServerHandshake {
    HandshakeKeys keys;
    ApplicationKeys app;  // derived right after our Finished (§7.1)
    Transcript transcript;
    SessionInfo info;
    Random client_random;
    std::vector<crypto::SignatureScheme> accepted_schemes;  // for the client's CertificateVerify
};

struct ExpectClientHello {
    Result<ServerState> handle(Context& ctx, const HandshakeMessage& msg, Output& out) &&;
};

struct ExpectClientHelloAfterRetry {
    Transcript transcript;  // message_hash, HelloRetryRequest
    const CipherSuiteInfo* suite;
    crypto::NamedGroup group;
    Bytes cookie;  // what the HelloRetryRequest carried; the retry must echo it
    Random client_random;
    Bytes session_id;
    Result<ServerState> handle(Context& ctx, const HandshakeMessage& msg, Output& out) &&;
};

struct ExpectClientCertificate {
    ServerHandshake hs;
    Result<ServerState> handle(Context& ctx, const HandshakeMessage& msg, Output& out) &&;
};

struct ExpectClientCertificateVerify {
    ServerHandshake hs;
    x509::PublicKey client_key;
    Result<ServerState> handle(Context& ctx, const HandshakeMessage& msg, Output& out) &&;
};

struct ExpectClientFinished {
    ServerHandshake hs;
    Result<ServerState> handle(Context& ctx, const HandshakeMessage& msg, Output& out) &&;
};

}  // namespace keel::tls
