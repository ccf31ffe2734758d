// TLS 1.3 client handshake, in protocol order (RFC 8446 §2 figure 1, §4).
#include "tls/hs/client.h"

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

// RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in HostName".
bool is_ip_literal(std::string_view host) {
    if (host.find(':') != std::string_view::npos) return true;
    return !host.empty() && std::all_of(host.begin(), host.end(),
                                        [](char c) { return c == '.' || (c >= '0' && c <= '9'); });
}

// One key share per group in config.key_share_groups (the first group when that is
// empty). A hybrid group offered beside its own classical group shares the ECDH key
// (pq/kx/any_group.h, kx_generate_pair).
Result<std::vector<crypto::KxClientState>> generate_shares(Context& ctx) {
    std::vector<NamedGroup> groups = ctx.config.key_share_groups;
    if (groups.empty() && !ctx.config.groups.empty()) groups.push_back(ctx.config.groups.front());
    std::vector<std::optional<crypto::KxClientState>> states(groups.size());
    for (size_t i = 0; i < groups.size(); i++) {
        if (!contains(ctx.config.groups, groups[i])) {
            return Error(Errc::options, "key_share group not in supported_groups");
        }
        auto classical = pq::classical_component(groups[i]);
        if (!classical) continue;
        auto it = std::find(groups.begin(), groups.end(), *classical);
        if (it == groups.end()) continue;
        KEEL_TRY_ASSIGN(pq::KxSharedPair pair, pq::kx_generate_pair(groups[i], ctx.rng));
        states[i] = std::move(pair.hybrid);
        states[static_cast<size_t>(it - groups.begin())] = std::move(pair.classical);
    }
    std::vector<crypto::KxClientState> out;
    for (size_t i = 0; i < groups.size(); i++) {
        if (!states[i]) {
            KEEL_TRY_ASSIGN(states[i], pq::kx_generate(groups[i], ctx.rng));
        }
        out.push_back(std::move(*states[i]));
    }
    return out;
}

KeyShareClientHello key_share_extension(const std::vector<crypto::KxClientState>& shares) {
    KeyShareClientHello ks;
    for (const auto& s : shares) ks.shares.push_back({s.group, s.share});
    return ks;
}

// RFC 7685 padding: a ClientHello message of 256..511 bytes grows to 512 (the padding
// extension's own 4-byte header counts). It stays the last extension.
Result<Bytes> encode_client_hello(const Context& ctx, ClientHello& ch) {
    ch.extensions.erase(
        std::remove_if(ch.extensions.begin(), ch.extensions.end(),
                       [](const Extension& e) { return std::holds_alternative<Padding>(e); }),
        ch.extensions.end());
    KEEL_TRY_ASSIGN(Bytes msg, encode_message(ch));
    if (!ctx.config.pad_client_hello || msg.size() < 256 || msg.size() >= 512) return msg;
    const size_t pad = 512 - msg.size();
    ch.extensions.emplace_back(Padding{pad > 4 ? pad - 4 : 1});
    return encode_message(ch);
}

Result<Bytes> send_client_hello(Context& ctx, ClientHello& ch, Output& out) {
    if (ctx.config.client_hello_hook) ctx.config.client_hello_hook(ch);
    KEEL_TRY_ASSIGN(Bytes msg, encode_client_hello(ctx, ch));
    out.send(msg);
    return msg;
}

// ---- ServerHello (§4.1.3), after the first or the second ClientHello ----

// Checks common to a ServerHello and a HelloRetryRequest.
Result<const CipherSuiteInfo*> check_server_hello_common(const Context& ctx,
                                                         const ClientOffer& offer,
                                                         const ServerHello& sh) {
    const auto* sv = find_extension<SupportedVersionsServerHello>(sh);
    if (sv == nullptr) {
        // A TLS 1.2 (or older) answer. §4.1.3: a TLS 1.3 client that sees the
        // downgrade sentinel must abort with illegal_parameter; otherwise we simply do
        // not speak that version.
        if (has_downgrade_sentinel(sh.random)) {
            return alert_error(Alert::illegal_parameter, "ServerHello: downgrade sentinel");
        }
        return alert_error(Alert::protocol_version, "ServerHello: server does not speak TLS 1.3");
    }
    if (sv->selected_version != kTls13 || !contains(ctx.config.versions, kTls13)) {
        return alert_error(Alert::illegal_parameter, "ServerHello: version was not offered");
    }
    if (sh.legacy_version != kTls12) {
        return alert_error(Alert::illegal_parameter, "ServerHello: legacy_version is not 0x0303");
    }
    if (sh.legacy_session_id_echo != offer.hello.legacy_session_id) {
        return alert_error(Alert::illegal_parameter, "ServerHello: session id echo differs");
    }
    if (sh.legacy_compression_method != 0) {
        return alert_error(Alert::illegal_parameter, "ServerHello: compression method");
    }
    const CipherSuiteInfo* suite = find_suite(sh.cipher_suite);
    if (suite == nullptr || !suite->is_tls13() ||
        !contains(offer.hello.cipher_suites, sh.cipher_suite)) {
        return alert_error(Alert::illegal_parameter, "ServerHello: cipher suite was not offered");
    }
    const ExtContext ctx_kind =
        sh.is_hello_retry_request() ? ExtContext::hello_retry_request : ExtContext::server_hello;
    KEEL_TRY(check_extensions_offered(ctx_kind, sh.extensions, offer.hello.extensions));
    return suite;
}

Result<ClientState> accept_hello_retry(Context& ctx, ClientOffer offer, Transcript transcript,
                                       const ServerHello& hrr, const HandshakeMessage& msg,
                                       Output& out) {
    KEEL_TRY_ASSIGN(const CipherSuiteInfo* suite, check_server_hello_common(ctx, offer, hrr));
    const auto* ks = find_extension<KeyShareHelloRetryRequest>(hrr);
    const auto* cookie = find_extension<Cookie>(hrr);
    const auto* groups = find_extension<SupportedGroups>(offer.hello);
    NamedGroup group{};
    // §4.1.4: the selected group must be one we support and not one we already sent a
    // share for; an HRR that would change nothing is illegal_parameter.
    if (ks != nullptr) {
        group = ks->selected_group;
        const bool offered = groups != nullptr && contains(groups->groups, group);
        const bool already = std::any_of(offer.shares.begin(), offer.shares.end(),
                                         [&](const auto& s) { return s.group == group; });
        if (!offered || already) {
            return alert_error(Alert::illegal_parameter,
                               "HelloRetryRequest: selected group not acceptable");
        }
    } else if (cookie == nullptr) {
        return alert_error(Alert::illegal_parameter,
                           "HelloRetryRequest: would not change the ClientHello");
    }

    KEEL_TRY(transcript.set_hash(suite->hash));
    KEEL_TRY(transcript.replace_with_message_hash());
    transcript.add(msg.raw);

    // ClientHello2 (§4.1.2): the same hello with the requested share and the cookie.
    ClientHello& ch = offer.hello;
    if (ks != nullptr) {
        offer.shares.clear();
        KEEL_TRY_ASSIGN(crypto::KxClientState st, pq::kx_generate(group, ctx.rng));
        offer.shares.push_back(std::move(st));
    }
    // The cookie goes after the extensions that describe us, before the trailing ones
    // (psk_key_exchange_modes, record_size_limit, padding, pre_shared_key last), where
    // NSS puts it (RFC 8448 §5).
    Extensions exts;
    bool cookie_placed = cookie == nullptr;
    for (Extension& e : ch.extensions) {
        if (std::holds_alternative<Cookie>(e) || std::holds_alternative<EarlyData>(e)) continue;
        const bool trailing = std::holds_alternative<PskKeyExchangeModes>(e) ||
                              std::holds_alternative<RecordSizeLimit>(e) ||
                              std::holds_alternative<Padding>(e) ||
                              std::holds_alternative<PreSharedKeyClientHello>(e);
        if (trailing && !cookie_placed) {
            exts.emplace_back(*cookie);
            cookie_placed = true;
        }
        if (std::holds_alternative<KeyShareClientHello>(e)) {
            exts.emplace_back(key_share_extension(offer.shares));
        } else {
            exts.push_back(std::move(e));
        }
    }
    if (!cookie_placed) exts.emplace_back(*cookie);
    ch.extensions = std::move(exts);

    // §D.4: in compatibility mode the dummy change_cipher_spec goes right before the
    // second ClientHello.
    if (ctx.config.middlebox_comp_mode && !offer.ccs_sent) {
        out.send_ccs();
        offer.ccs_sent = true;
    }
    KEEL_TRY_ASSIGN(Bytes ch2, encode_client_hello(ctx, ch));
    out.send(ch2);
    transcript.add(ch2);
    const NamedGroup retry_group = ks != nullptr ? group : offer.shares.front().group;
    return ClientState(ExpectServerHelloAfterRetry{std::move(offer), std::move(transcript),
                                                   suite->id, retry_group});
}

Result<ClientState> accept_server_hello(Context& ctx, ClientOffer offer, Transcript transcript,
                                        const ServerHello& sh, const HandshakeMessage& msg,
                                        bool retried, Output& out) {
    KEEL_TRY_ASSIGN(const CipherSuiteInfo* suite, check_server_hello_common(ctx, offer, sh));
    const auto* ks = find_extension<KeyShareServerHello>(sh);
    if (ks == nullptr) {
        // Only (EC)DHE key exchange is offered: no PSK, so the share is mandatory.
        return alert_error(Alert::missing_extension, "ServerHello: no key_share");
    }
    auto share = std::find_if(offer.shares.begin(), offer.shares.end(),
                              [&](const auto& s) { return s.group == ks->share.group; });
    if (share == offer.shares.end()) {
        return alert_error(Alert::illegal_parameter, "ServerHello: key_share group not offered");
    }
    auto shared = pq::kx_finish(*share, ks->share.key_exchange);
    if (!shared) {
        return alert_error(Alert::illegal_parameter,
                           "ServerHello: bad key share: " + shared.error().detail());
    }

    KEEL_TRY(transcript.set_hash(suite->hash));
    transcript.add(msg.raw);
    KEEL_TRY_ASSIGN(HandshakeKeys keys, derive_handshake_keys(ctx, *suite, shared->view(),
                                                              transcript, offer.hello.random));
    out.set_read(*suite, SecretBytes(keys.server.view()));

    SessionInfo info;
    info.version = kTls13;
    info.cipher_suite = suite->id;
    info.group = share->group;
    info.hello_retry = retried;
    if (const auto* sn = find_extension<ServerName>(offer.hello)) info.server_name = sn->host_name;
    std::vector<SignatureScheme> schemes;
    if (const auto* sa = find_extension<SignatureAlgorithms>(offer.hello)) schemes = sa->schemes;
    return ClientState(ExpectEncryptedExtensions{
        ClientHandshake{std::move(keys), std::move(transcript), std::move(info), offer.hello.random,
                        offer.ccs_sent, std::move(schemes), std::move(offer.hello.extensions)}});
}

}  // namespace

// ---- ClientHello (§4.1.2) ----

Result<ExpectServerHello> start_client(Context& ctx, Output& out) {
    const HandshakeConfig& cfg = ctx.config;
    if (!contains(cfg.versions, kTls13)) {
        return Error(Errc::options, "versions: this engine speaks TLS 1.3 only");
    }
    ClientOffer offer;
    ClientHello& ch = offer.hello;
    KEEL_TRY(ctx.rng.generate(ch.random));
    if (cfg.middlebox_comp_mode) {
        // §D.4: a non-empty session id makes middleboxes see a TLS 1.2 resumption.
        ch.legacy_session_id.resize(32);
        KEEL_TRY(ctx.rng.generate(ch.legacy_session_id));
    }
    for (CipherSuite s : cfg.cipher_suites) {
        const CipherSuiteInfo* info = find_suite(s);
        if (info != nullptr && info->is_tls13()) ch.cipher_suites.push_back(info->code());
    }
    if (ch.cipher_suites.empty()) return Error(Errc::options, "ciphers: no TLS 1.3 suite");
    if (cfg.groups.empty()) return Error(Errc::options, "supported_groups: empty");
    if (cfg.signature_algs.empty()) return Error(Errc::options, "signature_algs: empty");
    KEEL_TRY_ASSIGN(offer.shares, generate_shares(ctx));

    std::string host(ctx.server_name);
    if (!cfg.server_names.empty()) host = cfg.server_names.front();
    if (!host.empty() && !is_ip_literal(host)) ch.extensions.emplace_back(ServerName{host});
    ch.extensions.emplace_back(SupportedGroups{cfg.groups});
    ch.extensions.emplace_back(key_share_extension(offer.shares));
    ch.extensions.emplace_back(SupportedVersionsClientHello{{kTls13}});
    ch.extensions.emplace_back(SignatureAlgorithms{cfg.signature_algs});
    if (!cfg.signature_algs_cert.empty()) {
        ch.extensions.emplace_back(SignatureAlgorithmsCert{cfg.signature_algs_cert});
    }
    if (!cfg.alpn.empty()) ch.extensions.emplace_back(Alpn{cfg.alpn});
    if (cfg.send_psk_modes) {
        ch.extensions.emplace_back(PskKeyExchangeModes{{PskKeyExchangeMode::psk_dhe_ke}});
    }
    if (cfg.record_size_limit != 0) {
        ch.extensions.emplace_back(RecordSizeLimit{cfg.record_size_limit});
    }

    KEEL_TRY_ASSIGN(Bytes msg, send_client_hello(ctx, ch, out));
    Transcript transcript;
    transcript.add(msg);
    return ExpectServerHello{std::move(offer), std::move(transcript)};
}

Result<ClientState> ExpectServerHello::handle(Context& ctx, const HandshakeMessage& msg,
                                              Output& out) && {
    KEEL_TRY_ASSIGN(ServerHello sh, expect<ServerHello>(msg, "ExpectServerHello"));
    if (sh.is_hello_retry_request()) {
        return accept_hello_retry(ctx, std::move(offer), std::move(transcript), sh, msg, out);
    }
    return accept_server_hello(ctx, std::move(offer), std::move(transcript), sh, msg, false, out);
}

Result<ClientState> ExpectServerHelloAfterRetry::handle(Context& ctx, const HandshakeMessage& msg,
                                                        Output& out) && {
    KEEL_TRY_ASSIGN(ServerHello sh, expect<ServerHello>(msg, "ExpectServerHelloAfterRetry"));
    // §4.1.4: a second HelloRetryRequest is unexpected_message; the ServerHello must
    // keep the suite the retry named, and its share must be for the requested group.
    if (sh.is_hello_retry_request()) {
        return alert_error(Alert::unexpected_message, "second HelloRetryRequest");
    }
    if (sh.cipher_suite != static_cast<uint16_t>(retry_suite)) {
        return alert_error(Alert::illegal_parameter,
                           "ServerHello: cipher suite differs from the HelloRetryRequest");
    }
    const auto* ks = find_extension<KeyShareServerHello>(sh);
    if (ks != nullptr && ks->share.group != retry_group) {
        return alert_error(Alert::illegal_parameter,
                           "ServerHello: key share group differs from the HelloRetryRequest");
    }
    return accept_server_hello(ctx, std::move(offer), std::move(transcript), sh, msg, true, out);
}

// ---- EncryptedExtensions (§4.3.1) ----

Result<ClientState> ExpectEncryptedExtensions::handle(Context& ctx, const HandshakeMessage& msg,
                                                      Output&) && {
    KEEL_TRY_ASSIGN(EncryptedExtensions ee,
                    expect<EncryptedExtensions>(msg, "ExpectEncryptedExtensions"));
    KEEL_TRY(check_extensions_allowed(ExtContext::encrypted_extensions, ee.extensions));
    KEEL_TRY(check_extensions_offered(ExtContext::encrypted_extensions, ee.extensions,
                                      hs.offered_extensions));
    if (const auto* alpn = find_extension<Alpn>(ee)) {
        // RFC 7301 §3.1: exactly one protocol, one the client offered.
        if (alpn->protocols.size() != 1 || !contains(ctx.config.alpn, alpn->protocols[0])) {
            return alert_error(Alert::illegal_parameter,
                               "ALPN: server chose a protocol not offered");
        }
        hs.info.alpn = alpn->protocols[0];
    }
    hs.transcript.add(msg.raw);
    return ClientState(ExpectCertificateOrCertificateRequest{std::move(hs)});
}

// ---- CertificateRequest (§4.3.2) and the server's Certificate (§4.4.2) ----

namespace {

Result<ClientState> accept_server_certificate(Context& ctx, ClientHandshake hs,
                                              std::optional<ClientAuthRequest> request,
                                              const HandshakeMessage& msg) {
    KEEL_TRY_ASSIGN(Certificate cert, expect<Certificate>(msg, "ExpectCertificate"));
    if (!cert.certificate_request_context.empty()) {
        return alert_error(Alert::illegal_parameter,
                           "Certificate: server certificate_request_context is not empty");
    }
    // §4.4.2.4: an empty server Certificate is a decode_error.
    if (cert.certificate_list.empty()) {
        return alert_error(Alert::decode_error, "Certificate: server sent no certificate");
    }
    std::vector<Bytes> chain;
    for (const CertificateEntry& e : cert.certificate_list) {
        KEEL_TRY(
            check_extensions_offered(ExtContext::certificate, e.extensions, hs.offered_extensions));
        chain.push_back(e.cert_data);
    }
    KEEL_TRY_ASSIGN(x509::PublicKey key, certificate_public_key(chain.front()));
    KEEL_TRY(validate_peer_chain(
        ctx.config, PeerChain{Role::server, chain, hs.info.server_name, ctx.config.cacerts}));
    hs.info.peer_certificates = std::move(chain);
    hs.transcript.add(msg.raw);
    return ClientState(ExpectCertificateVerify{std::move(hs), std::move(request), std::move(key)});
}

}  // namespace

Result<ClientState> ExpectCertificateOrCertificateRequest::handle(Context& ctx,
                                                                  const HandshakeMessage& msg,
                                                                  Output&) && {
    if (msg.type == HandshakeType::certificate_request) {
        KEEL_TRY_ASSIGN(CertificateRequest cr, CertificateRequest::parse(msg.body()));
        // §4.3.2: the context is empty during the handshake.
        if (!cr.certificate_request_context.empty()) {
            return alert_error(Alert::illegal_parameter,
                               "CertificateRequest: context must be empty in the handshake");
        }
        const auto* sa = find_extension<SignatureAlgorithms>(cr);
        if (sa == nullptr) {
            return alert_error(Alert::missing_extension,
                               "CertificateRequest: no signature_algorithms");
        }
        hs.transcript.add(msg.raw);
        return ClientState(ExpectCertificate{std::move(hs), ClientAuthRequest{{}, sa->schemes}});
    }
    return accept_server_certificate(ctx, std::move(hs), std::nullopt, msg);
}

Result<ClientState> ExpectCertificate::handle(Context& ctx, const HandshakeMessage& msg,
                                              Output&) && {
    return accept_server_certificate(ctx, std::move(hs), std::move(request), msg);
}

// ---- CertificateVerify (§4.4.3) ----

Result<ClientState> ExpectCertificateVerify::handle(Context&, const HandshakeMessage& msg,
                                                    Output&) && {
    KEEL_TRY_ASSIGN(CertificateVerify cv,
                    expect<CertificateVerify>(msg, "ExpectCertificateVerify"));
    KEEL_TRY(verify_certificate_verify(server_key, cv.algorithm, hs.offered_schemes, Role::server,
                                       hs.transcript.hash().view(), cv.signature));
    hs.info.peer_signature_scheme = cv.algorithm;
    hs.transcript.add(msg.raw);
    return ClientState(ExpectFinished{std::move(hs), std::move(request)});
}

// ---- server Finished (§4.4.4), then the client's second flight ----

Result<ClientState> ExpectFinished::handle(Context& ctx, const HandshakeMessage& msg,
                                           Output& out) && {
    KEEL_TRY(check_finished_message(hs.keys, hs.keys.server.view(), hs.transcript, msg));
    hs.transcript.add(msg.raw);
    KEEL_TRY_ASSIGN(ApplicationKeys app,
                    derive_application_keys(ctx, hs.keys, hs.transcript, hs.client_random));
    const CipherSuiteInfo& suite = *hs.keys.suite;
    out.set_read(suite, SecretBytes(app.server.view()));

    if (ctx.config.middlebox_comp_mode && !hs.ccs_sent) out.send_ccs();
    out.set_write(suite, SecretBytes(hs.keys.client.view()));
    if (request) {
        // §4.4.2: answer with our certificate, or an empty one when none fits the
        // server's signature_algorithms.
        auto choice =
            choose_certificate(ctx.config.certs_keys, request->schemes, ctx.config.signature_algs);
        Certificate cert;
        cert.certificate_request_context = request->context;
        if (choice) {
            for (const Bytes& c : choice->cert->chain) cert.certificate_list.push_back({c, {}});
        }
        KEEL_TRY_ASSIGN(Bytes cert_msg, encode_message(cert));
        out.send(cert_msg);
        hs.transcript.add(cert_msg);
        if (choice) {
            CertificateVerify cv;
            cv.algorithm = choice->scheme;
            KEEL_TRY_ASSIGN(cv.signature,
                            sign_certificate_verify(choice->cert->key, choice->scheme, Role::client,
                                                    hs.transcript.hash().view(), ctx.rng));
            KEEL_TRY_ASSIGN(Bytes cv_msg, encode_message(cv));
            out.send(cv_msg);
            hs.transcript.add(cv_msg);
            hs.info.own_signature_scheme = choice->scheme;
        }
    }
    KEEL_TRY_ASSIGN(Bytes fin, make_finished(hs.keys, hs.keys.client.view(), hs.transcript));
    out.send(fin);
    hs.transcript.add(fin);
    out.set_write(suite, SecretBytes(app.client.view()));

    KEEL_TRY_ASSIGN(MasterSecret ms, hs.keys.secret.master_secret());
    KEEL_TRY_ASSIGN(SecretBytes res, ms.resumption_master_secret(hs.transcript.hash().view()));
    out.complete(std::move(hs.info));
    return ClientState(
        Connected{Role::client, &suite, std::move(app), 0, 0, hs.client_random, std::move(res)});
}

}  // namespace keel::tls
