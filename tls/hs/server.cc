// TLS 1.3 server handshake, in protocol order (RFC 8446 §2 figure 1, §4).
#include "tls/hs/server.h"

#include <algorithm>
#include <string>

#include "pq/kx/any_group.h"
#include "tls/alert.h"
#include "tls/hs/auth.h"

namespace keel::tls {

using crypto::NamedGroup;
using crypto::SignatureScheme;

namespace {

template <class T>
bool contains(const std::vector<T>& v, const T& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

// Everything the server decides from a ClientHello (§4.1.1).
struct Negotiation {
    const CipherSuiteInfo* suite = nullptr;
    NamedGroup group{};
    const KeyShareEntry* share = nullptr;  // nullptr: the client must retry with `group`
    CertChoice cert{};
    std::string alpn;
    std::string server_name;
};

// The ClientHello checks and choices both ClientHellos go through.
Result<Negotiation> negotiate(const Context& ctx, const ClientHello& ch) {
    const HandshakeConfig& cfg = ctx.config;
    Negotiation n;

    // §4.2.1: without supported_versions the client speaks TLS 1.2 at most.
    const auto* sv = find_extension<SupportedVersionsClientHello>(ch);
    if (sv == nullptr || !contains(sv->versions, kTls13) || !contains(cfg.versions, kTls13)) {
        return alert_error(Alert::protocol_version, "ClientHello: TLS 1.3 not offered");
    }
    // §4.1.2: TLS 1.3 requires exactly the null compression method.
    if (ch.legacy_compression_methods != Bytes{0}) {
        return alert_error(Alert::illegal_parameter, "ClientHello: compression methods");
    }

    auto usable = [](uint16_t code) {
        const CipherSuiteInfo* s = find_suite(code);
        return s != nullptr && s->is_tls13() ? s : nullptr;
    };
    if (cfg.server_preference) {
        for (CipherSuite s : cfg.cipher_suites) {
            if (contains(ch.cipher_suites, static_cast<uint16_t>(s)) &&
                usable(static_cast<uint16_t>(s))) {
                n.suite = usable(static_cast<uint16_t>(s));
                break;
            }
        }
    } else {
        for (uint16_t code : ch.cipher_suites) {
            if (contains(cfg.cipher_suites, static_cast<CipherSuite>(code)) && usable(code)) {
                n.suite = usable(code);
                break;
            }
        }
    }
    if (n.suite == nullptr) {
        return alert_error(Alert::handshake_failure, "ClientHello: no cipher suite in common");
    }

    // §9.2: certificate authentication needs signature_algorithms; (EC)DHE needs both
    // supported_groups and key_share.
    const auto* sa = find_extension<SignatureAlgorithms>(ch);
    if (sa == nullptr) {
        return alert_error(Alert::missing_extension, "ClientHello: no signature_algorithms");
    }
    const auto* groups = find_extension<SupportedGroups>(ch);
    const auto* shares = find_extension<KeyShareClientHello>(ch);
    if (groups == nullptr || shares == nullptr) {
        return alert_error(Alert::missing_extension,
                           "ClientHello: supported_groups and key_share are required");
    }
    // §4.2.8: every share must be for a group the client lists.
    for (const KeyShareEntry& e : shares->shares) {
        if (!contains(groups->groups, e.group)) {
            return alert_error(Alert::illegal_parameter,
                               "ClientHello: key share for a group not in supported_groups");
        }
    }
    // Our preference among the groups the client sent shares for; else our preference
    // among the groups it supports, via HelloRetryRequest.
    for (NamedGroup g : cfg.groups) {
        if (!pq::group_supported(g)) continue;
        if (const KeyShareEntry* e = shares->find(g)) {
            n.group = g;
            n.share = e;
            break;
        }
    }
    if (n.share == nullptr) {
        auto it = std::find_if(cfg.groups.begin(), cfg.groups.end(), [&](NamedGroup g) {
            return pq::group_supported(g) && contains(groups->groups, g);
        });
        if (it == cfg.groups.end()) {
            return alert_error(Alert::handshake_failure, "ClientHello: no group in common");
        }
        n.group = *it;
    }

    auto cert = choose_certificate(cfg.certs_keys, sa->schemes, cfg.signature_algs);
    if (!cert) {
        return alert_error(Alert::handshake_failure,
                           "ClientHello: no certificate for the client's signature_algorithms");
    }
    n.cert = *cert;

    if (const auto* sn = find_extension<ServerName>(ch)) {
        if (!cfg.server_names.empty() && !contains(cfg.server_names, sn->host_name)) {
            return alert_error(Alert::unrecognized_name, "server_name: unknown host");
        }
        n.server_name = sn->host_name;
    }
    if (const auto* alpn = find_extension<Alpn>(ch); alpn != nullptr && !cfg.alpn.empty()) {
        // RFC 7301 §3.2: our preference first; nothing in common is fatal.
        for (const std::string& p : cfg.alpn) {
            if (contains(alpn->protocols, p)) {
                n.alpn = p;
                break;
            }
        }
        if (n.alpn.empty()) {
            return alert_error(Alert::no_application_protocol, "ALPN: no protocol in common");
        }
    }
    return n;
}

// §4.1.4: a HelloRetryRequest naming the group we want (and a cookie when asked to).
Result<ServerState> send_hello_retry(Context& ctx, const ClientHello& ch,
                                     const HandshakeMessage& msg, const Negotiation& n,
                                     Output& out) {
    ServerHello hrr;
    hrr.random = kHelloRetryRequestRandom;
    hrr.legacy_session_id_echo = ch.legacy_session_id;
    hrr.cipher_suite = n.suite->code();
    // Extension order as RFC 8448 §5 shows it: key_share, cookie, supported_versions.
    if (n.share == nullptr) hrr.extensions.emplace_back(KeyShareHelloRetryRequest{n.group});
    Bytes cookie;
    if (ctx.config.force_hello_retry) {
        cookie.resize(32);
        KEEL_TRY(ctx.rng.generate(cookie));
        hrr.extensions.emplace_back(Cookie{cookie});
    }
    hrr.extensions.emplace_back(SupportedVersionsServerHello{kTls13});
    KEEL_TRY_ASSIGN(Bytes hrr_msg, encode_message(hrr));

    Transcript transcript;
    KEEL_TRY(transcript.set_hash(n.suite->hash));
    transcript.add(msg.raw);
    KEEL_TRY(transcript.replace_with_message_hash());
    transcript.add(hrr_msg);

    out.send(std::move(hrr_msg));
    // §D.4: in compatibility mode the dummy CCS follows our first handshake message.
    if (!ch.legacy_session_id.empty()) out.send_ccs();
    return ServerState(ExpectClientHelloAfterRetry{std::move(transcript), n.suite, n.group,
                                                   std::move(cookie), ch.random,
                                                   ch.legacy_session_id});
}

// ServerHello, EncryptedExtensions, [CertificateRequest], Certificate, CertificateVerify,
// Finished (§4.1.3 - §4.4.4).
Result<ServerState> send_server_flight(Context& ctx, const ClientHello& ch,
                                       const HandshakeMessage& msg, const Negotiation& n,
                                       Transcript transcript, bool retried, Output& out) {
    const HandshakeConfig& cfg = ctx.config;
    auto kx = pq::kx_respond(n.group, n.share->key_exchange, ctx.rng);
    if (!kx) {
        return alert_error(Alert::illegal_parameter,
                           "ClientHello: bad key share: " + kx.error().detail());
    }

    ServerHello sh;
    KEEL_TRY(ctx.rng.generate(sh.random));
    sh.legacy_session_id_echo = ch.legacy_session_id;
    sh.cipher_suite = n.suite->code();
    sh.extensions.emplace_back(KeyShareServerHello{{n.group, kx->share}});
    sh.extensions.emplace_back(SupportedVersionsServerHello{kTls13});
    KEEL_TRY_ASSIGN(Bytes sh_msg, encode_message(sh));

    KEEL_TRY(transcript.set_hash(n.suite->hash));
    transcript.add(msg.raw);
    transcript.add(sh_msg);
    KEEL_TRY_ASSIGN(
        HandshakeKeys keys,
        derive_handshake_keys(ctx, *n.suite, kx->shared_secret.view(), transcript, ch.random));
    out.send(std::move(sh_msg));
    if (!ch.legacy_session_id.empty() && !retried) out.send_ccs();
    out.set_write(*n.suite, SecretBytes(keys.server.view()));

    auto send = [&](Bytes m) {
        transcript.add(m);
        out.send(std::move(m));
    };

    EncryptedExtensions ee;
    ee.extensions.emplace_back(SupportedGroups{cfg.groups});
    if (cfg.record_size_limit != 0 && find_extension<RecordSizeLimit>(ch) != nullptr) {
        ee.extensions.emplace_back(RecordSizeLimit{cfg.record_size_limit});
    }
    if (!n.server_name.empty()) ee.extensions.emplace_back(ServerNameAck{});
    if (!n.alpn.empty()) ee.extensions.emplace_back(Alpn{{n.alpn}});
    KEEL_TRY_ASSIGN(Bytes ee_msg, encode_message(ee));
    send(std::move(ee_msg));

    const bool ask_client = cfg.verify == VerifyMode::verify_peer || cfg.fail_if_no_peer_cert;
    if (ask_client) {
        CertificateRequest cr;
        cr.extensions.emplace_back(SignatureAlgorithms{cfg.signature_algs});
        KEEL_TRY_ASSIGN(Bytes cr_msg, encode_message(cr));
        send(std::move(cr_msg));
    }

    Certificate cert;
    for (const Bytes& c : n.cert.cert->chain) cert.certificate_list.push_back({c, {}});
    KEEL_TRY_ASSIGN(Bytes cert_msg, encode_message(cert));
    send(std::move(cert_msg));

    CertificateVerify cv;
    cv.algorithm = n.cert.scheme;
    KEEL_TRY_ASSIGN(cv.signature,
                    sign_certificate_verify(n.cert.cert->key, n.cert.scheme, Role::server,
                                            transcript.hash().view(), ctx.rng));
    KEEL_TRY_ASSIGN(Bytes cv_msg, encode_message(cv));
    send(std::move(cv_msg));

    KEEL_TRY_ASSIGN(Bytes fin, make_finished(keys, keys.server.view(), transcript));
    send(std::move(fin));

    KEEL_TRY_ASSIGN(ApplicationKeys app, derive_application_keys(ctx, keys, transcript, ch.random));
    out.set_write(*n.suite, SecretBytes(app.server.view()));
    out.set_read(*n.suite, SecretBytes(keys.client.view()));

    SessionInfo info;
    info.version = kTls13;
    info.cipher_suite = n.suite->id;
    info.group = n.group;
    info.own_signature_scheme = n.cert.scheme;
    info.alpn = n.alpn;
    info.server_name = n.server_name;
    info.hello_retry = retried;
    ServerHandshake hs{std::move(keys), std::move(app), std::move(transcript),
                       std::move(info), ch.random,      cfg.signature_algs};
    if (ask_client) return ServerState(ExpectClientCertificate{std::move(hs)});
    return ServerState(ExpectClientFinished{std::move(hs)});
}

}  // namespace

// ---- ClientHello (§4.1.2) ----

Result<ServerState> ExpectClientHello::handle(Context& ctx, const HandshakeMessage& msg,
                                              Output& out) && {
    KEEL_TRY_ASSIGN(ClientHello ch, expect<ClientHello>(msg, "ExpectClientHello"));
    KEEL_TRY_ASSIGN(Negotiation n, negotiate(ctx, ch));
    if (n.share == nullptr || ctx.config.force_hello_retry) {
        return send_hello_retry(ctx, ch, msg, n, out);
    }
    return send_server_flight(ctx, ch, msg, n, Transcript(), false, out);
}

Result<ServerState> ExpectClientHelloAfterRetry::handle(Context& ctx, const HandshakeMessage& msg,
                                                        Output& out) && {
    KEEL_TRY_ASSIGN(ClientHello ch, expect<ClientHello>(msg, "ExpectClientHelloAfterRetry"));
    // §4.1.2: the second ClientHello repeats the first except for the fields the retry
    // changes; we check the ones our choices rest on.
    if (ch.random != client_random || ch.legacy_session_id != session_id) {
        return alert_error(Alert::illegal_parameter, "ClientHello2: differs from ClientHello1");
    }
    const auto* c = find_extension<Cookie>(ch);
    if (!cookie.empty() && (c == nullptr || c->cookie != cookie)) {
        return alert_error(Alert::illegal_parameter, "ClientHello2: cookie not echoed");
    }
    if (cookie.empty() && c != nullptr) {
        return alert_error(Alert::unsupported_extension, "ClientHello2: cookie not sent");
    }
    KEEL_TRY_ASSIGN(Negotiation n, negotiate(ctx, ch));
    const auto* shares = find_extension<KeyShareClientHello>(ch);
    const KeyShareEntry* share = shares->find(group);
    if (n.suite != suite || share == nullptr || shares->shares.size() != 1) {
        return alert_error(Alert::illegal_parameter,
                           "ClientHello2: does not follow the HelloRetryRequest");
    }
    n.group = group;
    n.share = share;
    return send_server_flight(ctx, ch, msg, n, std::move(transcript), true, out);
}

// ---- the client's Certificate (§4.4.2), if we asked ----

Result<ServerState> ExpectClientCertificate::handle(Context& ctx, const HandshakeMessage& msg,
                                                    Output&) && {
    KEEL_TRY_ASSIGN(Certificate cert, expect<Certificate>(msg, "ExpectClientCertificate"));
    if (!cert.certificate_request_context.empty()) {
        return alert_error(Alert::illegal_parameter, "Certificate: wrong request context");
    }
    hs.transcript.add(msg.raw);
    if (cert.certificate_list.empty()) {
        // §4.4.2.4: the server may go on without client authentication, or abort.
        if (ctx.config.fail_if_no_peer_cert) {
            return alert_error(Alert::certificate_required, "client sent no certificate");
        }
        return ServerState(ExpectClientFinished{std::move(hs)});
    }
    std::vector<Bytes> chain;
    for (const CertificateEntry& e : cert.certificate_list) {
        if (!e.extensions.empty()) {
            // We offered no certificate extensions in the CertificateRequest.
            return alert_error(Alert::unsupported_extension, "Certificate: unrequested extension");
        }
        chain.push_back(e.cert_data);
    }
    KEEL_TRY_ASSIGN(x509::PublicKey key, certificate_public_key(chain.front()));
    KEEL_TRY(
        validate_peer_chain(ctx.config, PeerChain{Role::client, chain, {}, ctx.config.cacerts}));
    hs.info.peer_certificates = std::move(chain);
    return ServerState(ExpectClientCertificateVerify{std::move(hs), std::move(key)});
}

Result<ServerState> ExpectClientCertificateVerify::handle(Context&, const HandshakeMessage& msg,
                                                          Output&) && {
    KEEL_TRY_ASSIGN(CertificateVerify cv,
                    expect<CertificateVerify>(msg, "ExpectClientCertificateVerify"));
    KEEL_TRY(verify_certificate_verify(client_key, cv.algorithm, hs.accepted_schemes, Role::client,
                                       hs.transcript.hash().view(), cv.signature));
    hs.info.peer_signature_scheme = cv.algorithm;
    hs.transcript.add(msg.raw);
    return ServerState(ExpectClientFinished{std::move(hs)});
}

// ---- the client's Finished (§4.4.4) ----

Result<ServerState> ExpectClientFinished::handle(Context&, const HandshakeMessage& msg,
                                                 Output& out) && {
    KEEL_TRY(check_finished_message(hs.keys, hs.keys.client.view(), hs.transcript, msg));
    hs.transcript.add(msg.raw);
    const CipherSuiteInfo& suite = *hs.keys.suite;
    out.set_read(suite, SecretBytes(hs.app.client.view()));
    KEEL_TRY_ASSIGN(MasterSecret ms, hs.keys.secret.master_secret());
    KEEL_TRY_ASSIGN(SecretBytes res, ms.resumption_master_secret(hs.transcript.hash().view()));
    out.complete(std::move(hs.info));
    return ServerState(
        Connected{Role::server, &suite, std::move(hs.app), 0, 0, hs.client_random, std::move(res)});
}

}  // namespace keel::tls
