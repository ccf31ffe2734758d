// Two engines wired in memory (DESIGN.md §8, protocol layer): full TLS 1.3 handshakes
// over every group, suite and signature scheme; application data both ways; KeyUpdate;
// close_notify; HelloRetryRequest; client authentication; and the failures, each a clean
// Error on the failing side and the RFC's alert on the wire.
#include "tls/engine/engine.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "pq/kx/any_group.h"
#include "tests/tls/engine/test_support.h"
#include "tests/vectors/json.h"
#include "tls/schedule/key_schedule.h"

namespace keel::tls {
namespace {

using crypto::NamedGroup;
using crypto::SignatureScheme;
using test::drain;
using test::pump;
using test::SeededRng;
using x509::KeyType;

Bytes bytes_of(std::string_view s) {
    return Bytes(s.begin(), s.end());
}

template <class T>
const T* find_event(const std::vector<Event>& evs) {
    for (const Event& e : evs) {
        if (const T* p = std::get_if<T>(&e)) return p;
    }
    return nullptr;
}

// One identity per key type, generated once (RSA key generation is slow).
const test::Identity& identity(KeyType type, crypto::ec::Curve curve = crypto::ec::Curve::p256) {
    static std::map<std::pair<KeyType, crypto::ec::Curve>, test::Identity> cache;
    static SeededRng rng(99);
    auto key = std::make_pair(type, curve);
    auto it = cache.find(key);
    if (it == cache.end()) {
        x509::KeyGenOptions opts;
        opts.curve = curve;
        it = cache.emplace(key, test::self_signed(type, rng, opts)).first;
    }
    return it->second;
}

struct Pair {
    std::shared_ptr<HandshakeConfig> client_cfg = std::make_shared<HandshakeConfig>();
    std::shared_ptr<HandshakeConfig> server_cfg = std::make_shared<HandshakeConfig>();
    SeededRng client_rng{1};
    SeededRng server_rng{2};
    std::optional<Engine> client;
    std::optional<Engine> server;
    test::PumpResult result;
    std::vector<Event> client_events;
    std::vector<Event> server_events;

    explicit Pair(const test::Identity& id = identity(KeyType::ec)) {
        client_cfg->rng = &client_rng;
        server_cfg->rng = &server_rng;
        server_cfg->certs_keys.push_back({{id.cert}, id.key});
    }

    // Creates both engines and runs the handshake; false when either side failed.
    bool handshake(std::string_view host = "example.com") {
        auto c = Engine::client(client_cfg, host);
        EXPECT_TRUE(c.ok()) << c.error().to_string();
        auto s = Engine::server(server_cfg);
        EXPECT_TRUE(s.ok()) << s.error().to_string();
        if (!c || !s) return false;
        client.emplace(std::move(*c));
        server.emplace(std::move(*s));
        return run();
    }
    bool run() {
        result = pump(*client, *server);
        auto ce = drain(*client);
        auto se = drain(*server);
        client_events.insert(client_events.end(), ce.begin(), ce.end());
        server_events.insert(server_events.end(), se.begin(), se.end());
        return result.ok();
    }
    std::string errors() const {
        std::string s;
        if (result.client_error) s += "client: " + result.client_error->to_string() + " ";
        if (result.server_error) s += "server: " + result.server_error->to_string();
        return s;
    }
    const SessionInfo& client_info() const {
        return find_event<event::HandshakeDone>(client_events)->info;
    }
    const SessionInfo& server_info() const {
        return find_event<event::HandshakeDone>(server_events)->info;
    }
};

// `failing` detected the problem and sent `alert`; the other side received it. Both
// engines end with an Error carrying that alert.
void expect_failure(const Pair& p, Role failing, Alert alert) {
    const auto& own = failing == Role::client ? p.result.client_error : p.result.server_error;
    const auto& other = failing == Role::client ? p.result.server_error : p.result.client_error;
    ASSERT_TRUE(own.has_value()) << "no error on the failing side; " << p.errors();
    EXPECT_EQ(alert_of(*own), alert) << own->to_string();
    ASSERT_TRUE(other.has_value()) << "the peer saw no alert; " << p.errors();
    EXPECT_EQ(other->code(), Errc::tls_alert);
    EXPECT_EQ(static_cast<Alert>(other->alert()), alert) << other->to_string();
    const auto& peer_events = failing == Role::client ? p.server_events : p.client_events;
    const auto* received = find_event<event::AlertReceived>(peer_events);
    ASSERT_NE(received, nullptr);
    EXPECT_EQ(received->alert, alert);
    EXPECT_EQ(received->level, AlertLevel::fatal);
}

void exchange_data(Pair& p) {
    ASSERT_TRUE(p.client->write(bytes_of("ping")).ok());
    ASSERT_TRUE(p.server->write(bytes_of("pong")).ok());
    p.client_events.clear();
    p.server_events.clear();
    ASSERT_TRUE(p.run()) << p.errors();
    const auto* s = find_event<event::AppData>(p.server_events);
    const auto* c = find_event<event::AppData>(p.client_events);
    ASSERT_NE(s, nullptr);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(s->data, bytes_of("ping"));
    EXPECT_EQ(c->data, bytes_of("pong"));
}

TEST(Engine, FullHandshakeAndApplicationData) {
    Pair p;
    ASSERT_TRUE(p.handshake()) << p.errors();
    const SessionInfo& c = p.client_info();
    const SessionInfo& s = p.server_info();
    EXPECT_EQ(c.cipher_suite, s.cipher_suite);
    EXPECT_EQ(c.group, NamedGroup::x25519mlkem768);
    EXPECT_EQ(s.server_name, "example.com");
    ASSERT_EQ(c.peer_certificates.size(), 1u);
    EXPECT_EQ(c.peer_certificates[0], identity(KeyType::ec).cert);
    EXPECT_EQ(c.peer_signature_scheme, SignatureScheme::ecdsa_secp256r1_sha256);
    EXPECT_EQ(s.own_signature_scheme, SignatureScheme::ecdsa_secp256r1_sha256);
    EXPECT_FALSE(c.hello_retry);
    exchange_data(p);

    auto ce = p.client->export_keying_material("EXPORTER-test", bytes_of("ctx"), 32);
    auto se = p.server->export_keying_material("EXPORTER-test", bytes_of("ctx"), 32);
    ASSERT_TRUE(ce.ok() && se.ok());
    EXPECT_EQ(Bytes(ce->view().begin(), ce->view().end()),
              Bytes(se->view().begin(), se->view().end()));
}

TEST(Engine, LargeApplicationDataSpansRecords) {
    Pair p;
    ASSERT_TRUE(p.handshake()) << p.errors();
    Bytes big(100000);
    for (size_t i = 0; i < big.size(); i++) big[i] = static_cast<uint8_t>(i * 7);
    ASSERT_TRUE(p.client->write(big).ok());
    // Deliver one byte at a time for the first records: framing must not care.
    Bytes wire = p.client->take_output();
    for (size_t i = 0; i < 100; i++) ASSERT_TRUE(p.server->feed(ByteView(&wire[i], 1)).ok());
    ASSERT_TRUE(p.server->feed(ByteView(wire).subspan(100)).ok());
    Bytes got;
    for (const Event& e : drain(*p.server)) {
        if (auto* d = std::get_if<event::AppData>(&e))
            got.insert(got.end(), d->data.begin(), d->data.end());
    }
    EXPECT_EQ(got, big);
}

TEST(Engine, EveryGroupWithEverySuite) {
    for (NamedGroup g : pq::supported_groups()) {
        for (CipherSuite s :
             {CipherSuite::tls_aes_128_gcm_sha256, CipherSuite::tls_aes_256_gcm_sha384,
              CipherSuite::tls_chacha20_poly1305_sha256, CipherSuite::tls_aes_128_ccm_sha256,
              CipherSuite::tls_aes_128_ccm_8_sha256}) {
            SCOPED_TRACE(std::string(pq::group_name(g)) + " " + find_suite(s)->name.data());
            Pair p;
            p.client_cfg->groups = {g};
            p.server_cfg->groups = {g};
            p.client_cfg->cipher_suites = {s};
            p.server_cfg->cipher_suites = {s};
            ASSERT_TRUE(p.handshake()) << p.errors();
            EXPECT_EQ(p.client_info().group, g);
            EXPECT_EQ(p.client_info().cipher_suite, s);
            exchange_data(p);
        }
    }
}

struct SchemeCase {
    KeyType type;
    crypto::ec::Curve curve;
    SignatureScheme scheme;
};

TEST(Engine, EverySignatureScheme) {
    using crypto::ec::Curve;
    const SchemeCase cases[] = {
        {KeyType::ec, Curve::p256, SignatureScheme::ecdsa_secp256r1_sha256},
        {KeyType::ec, Curve::p384, SignatureScheme::ecdsa_secp384r1_sha384},
        {KeyType::ec, Curve::p521, SignatureScheme::ecdsa_secp521r1_sha512},
        {KeyType::rsa, Curve::p256, SignatureScheme::rsa_pss_rsae_sha256},
        {KeyType::rsa, Curve::p256, SignatureScheme::rsa_pss_rsae_sha384},
        {KeyType::rsa, Curve::p256, SignatureScheme::rsa_pss_rsae_sha512},
        {KeyType::rsa_pss, Curve::p256, SignatureScheme::rsa_pss_pss_sha256},
        {KeyType::ed25519, Curve::p256, SignatureScheme::eddsa_ed25519},
        {KeyType::ed448, Curve::p256, SignatureScheme::eddsa_ed448},
        {KeyType::mldsa44, Curve::p256, SignatureScheme::mldsa44},
        {KeyType::mldsa65, Curve::p256, SignatureScheme::mldsa65},
        {KeyType::mldsa87, Curve::p256, SignatureScheme::mldsa87},
        {KeyType::slhdsa_shake_128f, Curve::p256, SignatureScheme::slh_dsa_shake_128f},
    };
    for (const SchemeCase& c : cases) {
        SCOPED_TRACE(static_cast<int>(c.scheme));
        Pair p(identity(c.type, c.curve));
        p.client_cfg->signature_algs = {c.scheme};
        p.server_cfg->signature_algs = {c.scheme};
        ASSERT_TRUE(p.handshake()) << p.errors();
        EXPECT_EQ(p.client_info().peer_signature_scheme, c.scheme);
        exchange_data(p);
    }
}

TEST(Engine, KeyUpdateBothWays) {
    Pair p;
    ASSERT_TRUE(p.handshake()) << p.errors();
    ASSERT_TRUE(p.client->key_update(/*request_peer=*/true).ok());
    p.server_events.clear();
    ASSERT_TRUE(p.run()) << p.errors();
    EXPECT_NE(find_event<event::KeyUpdated>(p.server_events), nullptr);
    EXPECT_NE(find_event<event::KeyUpdated>(p.client_events), nullptr);  // the answer
    exchange_data(p);
    ASSERT_TRUE(p.server->key_update(false).ok());
    exchange_data(p);
}

TEST(Engine, CloseNotifyHalfClose) {
    Pair p;
    ASSERT_TRUE(p.handshake()) << p.errors();
    p.client->close();
    EXPECT_EQ(p.client->write(bytes_of("late")).error().code(), Errc::closed);
    ASSERT_TRUE(p.run()) << p.errors();
    EXPECT_NE(find_event<event::PeerClosed>(p.server_events), nullptr);
    EXPECT_TRUE(p.server->peer_closed());
    // The server may still send; the client still reads.
    ASSERT_TRUE(p.server->write(bytes_of("bye")).ok());
    p.client_events.clear();
    ASSERT_TRUE(p.run()) << p.errors();
    const auto* d = find_event<event::AppData>(p.client_events);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->data, bytes_of("bye"));
    p.server->close();
    ASSERT_TRUE(p.run()) << p.errors();
    EXPECT_TRUE(p.client->peer_closed());
}

TEST(Engine, HelloRetryRequestForAnotherGroup) {
    Pair p;
    p.client_cfg->groups = {NamedGroup::x25519, NamedGroup::secp384r1};
    p.client_cfg->key_share_groups = {NamedGroup::x25519};
    p.server_cfg->groups = {NamedGroup::secp384r1};
    ASSERT_TRUE(p.handshake()) << p.errors();
    EXPECT_TRUE(p.client_info().hello_retry);
    EXPECT_TRUE(p.server_info().hello_retry);
    EXPECT_EQ(p.client_info().group, NamedGroup::secp384r1);
    exchange_data(p);
}

TEST(Engine, HelloRetryRequestWithCookie) {
    for (bool compat : {false, true}) {
        Pair p;
        p.client_cfg->middlebox_comp_mode = compat;
        p.server_cfg->force_hello_retry = true;
        ASSERT_TRUE(p.handshake()) << p.errors();
        EXPECT_TRUE(p.client_info().hello_retry);
        exchange_data(p);
    }
}

TEST(Engine, WithoutCompatibilityMode) {
    Pair p;
    p.client_cfg->middlebox_comp_mode = false;
    ASSERT_TRUE(p.handshake()) << p.errors();
    exchange_data(p);
}

TEST(Engine, HybridAndClassicalSharesShareTheEcdhKey) {
    Pair p;
    p.client_cfg->groups = {NamedGroup::x25519mlkem768, NamedGroup::x25519};
    p.client_cfg->key_share_groups = {NamedGroup::x25519mlkem768, NamedGroup::x25519};
    p.server_cfg->groups = {NamedGroup::x25519};
    ASSERT_TRUE(p.handshake()) << p.errors();
    EXPECT_EQ(p.client_info().group, NamedGroup::x25519);
    EXPECT_FALSE(p.client_info().hello_retry);
}

TEST(Engine, Alpn) {
    Pair p;
    p.client_cfg->alpn = {"h2", "http/1.1"};
    p.server_cfg->alpn = {"http/1.1", "h2"};
    ASSERT_TRUE(p.handshake()) << p.errors();
    EXPECT_EQ(p.client_info().alpn, "http/1.1");
    EXPECT_EQ(p.server_info().alpn, "http/1.1");
}

TEST(Engine, AlpnWithoutOverlapIsNoApplicationProtocol) {
    Pair p;
    p.client_cfg->alpn = {"h2"};
    p.server_cfg->alpn = {"spdy/3"};
    EXPECT_FALSE(p.handshake());
    expect_failure(p, Role::server, Alert::no_application_protocol);
}

TEST(Engine, UnknownServerNameIsUnrecognizedName) {
    Pair p;
    p.server_cfg->server_names = {"other.example"};
    EXPECT_FALSE(p.handshake("example.com"));
    expect_failure(p, Role::server, Alert::unrecognized_name);
}

TEST(Engine, IpLiteralIsNotSentAsServerName) {
    Pair p;
    ASSERT_TRUE(p.handshake("192.0.2.1")) << p.errors();
    EXPECT_EQ(p.server_info().server_name, "");
}

TEST(Engine, NoCommonVersionIsProtocolVersion) {
    Pair p;
    p.server_cfg->versions = {kTls12};
    EXPECT_FALSE(p.handshake());
    expect_failure(p, Role::server, Alert::protocol_version);
}

TEST(Engine, NoCommonSuiteIsHandshakeFailure) {
    Pair p;
    p.client_cfg->cipher_suites = {CipherSuite::tls_aes_128_gcm_sha256};
    p.server_cfg->cipher_suites = {CipherSuite::tls_chacha20_poly1305_sha256};
    EXPECT_FALSE(p.handshake());
    expect_failure(p, Role::server, Alert::handshake_failure);
}

TEST(Engine, NoCommonGroupIsHandshakeFailure) {
    Pair p;
    p.client_cfg->groups = {NamedGroup::x25519};
    p.server_cfg->groups = {NamedGroup::secp256r1};
    EXPECT_FALSE(p.handshake());
    expect_failure(p, Role::server, Alert::handshake_failure);
}

TEST(Engine, NoCommonSignatureSchemeIsHandshakeFailure) {
    Pair p;  // ECDSA P-256 server key
    p.client_cfg->signature_algs = {SignatureScheme::eddsa_ed25519};
    EXPECT_FALSE(p.handshake());
    expect_failure(p, Role::server, Alert::handshake_failure);
}

TEST(Engine, UntrustedCertificateIsUnknownCa) {
    Pair p;
    p.client_cfg->verify = VerifyMode::verify_peer;
    p.client_cfg->cacerts = {identity(KeyType::ed25519).cert};
    EXPECT_FALSE(p.handshake());
    expect_failure(p, Role::client, Alert::unknown_ca);
}

TEST(Engine, TrustedCertificateVerifies) {
    // A CA and a leaf it issued: the leaf is not itself trusted.
    SeededRng rng(5);
    auto ca_key = *x509::PrivateKey::generate(KeyType::ec, rng);
    Bytes ca = test::make_certificate(ca_key.public_key(), "ca", ca_key, "ca",
                                      SignatureScheme::ecdsa_secp256r1_sha256, rng);
    auto leaf_key = *x509::PrivateKey::generate(KeyType::ed25519, rng);
    Bytes leaf = test::make_certificate(leaf_key.public_key(), "leaf", ca_key, "ca",
                                        SignatureScheme::ecdsa_secp256r1_sha256, rng);
    Pair p(test::Identity{leaf_key, leaf});
    p.client_cfg->verify = VerifyMode::verify_peer;
    p.client_cfg->cacerts = {ca};
    ASSERT_TRUE(p.handshake()) << p.errors();

    // The same chain with a CA whose key did not sign it fails.
    Pair q(test::Identity{leaf_key, leaf});
    q.client_cfg->verify = VerifyMode::verify_peer;
    q.client_cfg->cacerts = {identity(KeyType::ec).cert};
    EXPECT_FALSE(q.handshake());
    expect_failure(q, Role::client, Alert::unknown_ca);
}

TEST(Engine, VerifyFunDecides) {
    Pair p;
    int calls = 0;
    p.client_cfg->verify = VerifyMode::verify_peer;
    p.client_cfg->verify_fun = [&](const PeerChain& chain) -> Result<void> {
        calls++;
        EXPECT_EQ(chain.server_name, "example.com");
        EXPECT_EQ(chain.chain.size(), 1u);
        return alert_error(Alert::certificate_expired, "test says expired");
    };
    EXPECT_FALSE(p.handshake());
    EXPECT_EQ(calls, 1);
    expect_failure(p, Role::client, Alert::certificate_expired);
}

TEST(Engine, GarbageCertificateIsBadCertificate) {
    test::Identity id = identity(KeyType::ec);
    id.cert = bytes_of("definitely not DER");
    Pair p(id);
    EXPECT_FALSE(p.handshake());
    expect_failure(p, Role::client, Alert::bad_certificate);
}

TEST(Engine, CertificateVerifyWithTheWrongKeyIsDecryptError) {
    // The certificate of one P-256 key, the private key of another.
    test::Identity id = identity(KeyType::ec);
    SeededRng rng(6);
    id.key = *x509::PrivateKey::generate(KeyType::ec, rng);
    Pair p(id);
    EXPECT_FALSE(p.handshake());
    expect_failure(p, Role::client, Alert::decrypt_error);
}

TEST(Engine, ClientAuthentication) {
    Pair p;
    const test::Identity& client_id = identity(KeyType::ed25519);
    p.client_cfg->certs_keys.push_back({{client_id.cert}, client_id.key});
    p.server_cfg->verify = VerifyMode::verify_peer;
    p.server_cfg->cacerts = {client_id.cert};
    ASSERT_TRUE(p.handshake()) << p.errors();
    ASSERT_EQ(p.server_info().peer_certificates.size(), 1u);
    EXPECT_EQ(p.server_info().peer_certificates[0], client_id.cert);
    EXPECT_EQ(p.server_info().peer_signature_scheme, SignatureScheme::eddsa_ed25519);
    EXPECT_EQ(p.client_info().own_signature_scheme, SignatureScheme::eddsa_ed25519);
    exchange_data(p);
}

TEST(Engine, ClientWithoutCertificate) {
    // Asked but without a certificate: allowed unless fail_if_no_peer_cert.
    Pair p;
    p.server_cfg->verify = VerifyMode::verify_peer;
    ASSERT_TRUE(p.handshake()) << p.errors();
    EXPECT_TRUE(p.server_info().peer_certificates.empty());

    Pair q;
    q.server_cfg->verify = VerifyMode::verify_peer;
    q.server_cfg->fail_if_no_peer_cert = true;
    EXPECT_FALSE(q.handshake());
    expect_failure(q, Role::server, Alert::certificate_required);
}

TEST(Engine, UntrustedClientCertificateIsUnknownCa) {
    Pair p;
    const test::Identity& client_id = identity(KeyType::ed25519);
    p.client_cfg->certs_keys.push_back({{client_id.cert}, client_id.key});
    p.server_cfg->verify = VerifyMode::verify_peer;
    p.server_cfg->cacerts = {identity(KeyType::ec).cert};
    EXPECT_FALSE(p.handshake());
    expect_failure(p, Role::server, Alert::unknown_ca);
}

// ---- wire tampering ----

struct WireRecord {
    uint8_t type;
    Bytes bytes;  // header included
};

std::vector<WireRecord> split_records(const Bytes& wire) {
    std::vector<WireRecord> out;
    size_t pos = 0;
    while (pos + 5 <= wire.size()) {
        const size_t len = (size_t{wire[pos + 3]} << 8) | wire[pos + 4];
        out.push_back({wire[pos], Bytes(wire.begin() + pos, wire.begin() + pos + 5 + len)});
        pos += 5 + len;
    }
    return out;
}

Bytes join(const std::vector<WireRecord>& recs) {
    Bytes out;
    for (const auto& r : recs) out.insert(out.end(), r.bytes.begin(), r.bytes.end());
    return out;
}

// The secret named `label` from NSS key log lines.
Bytes secret_from_keylog(const std::vector<std::string>& lines, const std::string& label) {
    for (const auto& l : lines) {
        if (l.rfind(label + " ", 0) == 0) return keel::test::unhex(l.substr(l.rfind(' ') + 1));
    }
    ADD_FAILURE() << "no " << label << " in the key log";
    return {};
}

// Starts a handshake and returns the server's first flight, unsent.
struct Intercepted {
    Pair p;
    std::vector<std::string> keylog;
    std::vector<WireRecord> server_flight;
    Intercepted() {
        p.client_cfg->middlebox_comp_mode = false;
        p.server_cfg->keylog = [this](std::string_view line) { keylog.emplace_back(line); };
        p.client.emplace(std::move(Engine::client(p.client_cfg, "example.com").value()));
        p.server.emplace(std::move(Engine::server(p.server_cfg).value()));
        EXPECT_TRUE(p.server->feed(p.client->take_output()).ok());
        server_flight = split_records(p.server->take_output());
    }
    // Delivers the (modified) flight to the client and runs the rest.
    void deliver() {
        auto r = p.client->feed(join(server_flight));
        if (!r) p.result.client_error = r.error();
        p.client_events = drain(*p.client);
        if (p.client->has_output()) {
            auto s = p.server->feed(p.client->take_output());
            if (!s) p.result.server_error = s.error();
            p.server_events = drain(*p.server);
        }
    }
};

TEST(Engine, TamperedRecordIsBadRecordMac) {
    Intercepted x;
    ASSERT_EQ(x.server_flight.size(), 2u);  // ServerHello, encrypted flight
    x.server_flight[1].bytes[20] ^= 1;
    x.deliver();
    expect_failure(x.p, Role::client, Alert::bad_record_mac);
}

// Decrypts the server's encrypted flight with its handshake key (from the key log), lets
// `edit` change the plaintext, and seals it again at the same sequence number: a
// man in the middle who knows the keys, to reach the checks behind the record layer.
void rewrite_server_flight(Intercepted& x, const std::function<void(Bytes&)>& edit) {
    ASSERT_EQ(x.server_flight.size(), 2u);
    const CipherSuiteInfo* suite = find_suite(CipherSuite::tls_aes_256_gcm_sha384);
    auto keys =
        traffic_keys(*suite, secret_from_keylog(x.keylog, "SERVER_HANDSHAKE_TRAFFIC_SECRET"));
    ASSERT_TRUE(keys.ok());
    auto opener = Tls13RecordProtection::create(suite->aead, keys->key.view(), keys->iv.view());
    auto sealer = Tls13RecordProtection::create(suite->aead, keys->key.view(), keys->iv.view());
    ASSERT_TRUE(opener.ok() && sealer.ok());
    Bytes& rec = x.server_flight[1].bytes;
    Record r{ContentType::application_data, 0x0303, ByteView(rec).first(5),
             MutableByteView(rec).subspan(5)};
    auto pt = opener->open(r);
    ASSERT_TRUE(pt.ok()) << pt.error().to_string();
    Bytes content(pt->content.begin(), pt->content.end());
    edit(content);
    Bytes out(sealer->sealed_size(content.size(), 0));
    for (size_t i = 0; i < content.size(); i++) out[5 + i] = content[i];
    ASSERT_TRUE(sealer->seal(ContentType::handshake, content.size(), 0, out).ok());
    rec = out;
}

TEST(Engine, BadFinishedIsDecryptError) {
    Intercepted x;
    // The Finished is the flight's last message: flip a bit of its verify_data.
    rewrite_server_flight(x, [](Bytes& flight) { flight.back() ^= 0x80; });
    x.deliver();
    expect_failure(x.p, Role::client, Alert::decrypt_error);
}

TEST(Engine, MessageOutOfOrderIsUnexpectedMessage) {
    Intercepted x;
    // Drop EncryptedExtensions: the client then sees a Certificate first.
    rewrite_server_flight(x, [](Bytes& flight) {
        ASSERT_EQ(flight[0], static_cast<uint8_t>(HandshakeType::encrypted_extensions));
        const size_t len = (size_t{flight[1]} << 16) | (size_t{flight[2]} << 8) | flight[3];
        flight.erase(flight.begin(), flight.begin() + static_cast<ptrdiff_t>(4 + len));
    });
    x.deliver();
    expect_failure(x.p, Role::client, Alert::unexpected_message);
}

TEST(Engine, TruncatedMessageIsDecodeError) {
    Intercepted x;
    // Shorten the EncryptedExtensions body by one byte (and its length to match).
    rewrite_server_flight(x, [](Bytes& flight) {
        ASSERT_EQ(flight[3] > 0, true);
        flight[3] -= 1;
        flight.erase(flight.begin() + 4 + flight[3]);
    });
    x.deliver();
    expect_failure(x.p, Role::client, Alert::decode_error);
}

TEST(Engine, PlaintextHandshakeAfterKeyChangeIsUnexpectedMessage) {
    Intercepted x;
    // The ServerHello again, in the clear, after the handshake keys are in place.
    x.server_flight.insert(x.server_flight.begin() + 1, x.server_flight[0]);
    x.deliver();
    expect_failure(x.p, Role::client, Alert::unexpected_message);
}

TEST(Engine, ApplicationDataBeforeHandshakeIsUnexpectedMessage) {
    SeededRng rng(3);
    auto cfg = std::make_shared<HandshakeConfig>();
    cfg->rng = &rng;
    const auto& id = identity(KeyType::ec);
    cfg->certs_keys.push_back({{id.cert}, id.key});
    auto server = Engine::server(cfg);
    ASSERT_TRUE(server.ok());
    const Bytes rec = {0x17, 0x03, 0x03, 0x00, 0x05, 1, 2, 3, 4, 5};
    auto r = server->feed(rec);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(alert_of(r.error()), Alert::unexpected_message);
    // The alert went out in the clear: 15 03 03 00 02 02 0a.
    EXPECT_EQ(server->take_output(), (Bytes{0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x0a}));
    // The engine stays failed.
    EXPECT_FALSE(server->feed(rec).ok());
}

TEST(Engine, OversizedRecordIsRecordOverflow) {
    Pair p;
    ASSERT_TRUE(p.handshake()) << p.errors();
    // A protected record one byte over 2^14 + 256.
    Bytes rec = {0x17, 0x03, 0x03, 0x41, 0x01};
    auto r = p.server->feed(rec);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(alert_of(r.error()), Alert::record_overflow);
    p.result = {};
    auto c = p.client->feed(p.server->take_output());
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(static_cast<Alert>(c.error().alert()), Alert::record_overflow);
}

TEST(Engine, DowngradeSentinelIsIllegalParameter) {
    for (bool tls12 : {true, false}) {
        SeededRng rng(4);
        auto cfg = std::make_shared<HandshakeConfig>();
        cfg->rng = &rng;
        cfg->middlebox_comp_mode = false;
        auto client = Engine::client(cfg, "example.com");
        ASSERT_TRUE(client.ok());
        (void)client->take_output();
        // A TLS 1.2 ServerHello whose random ends in the sentinel (RFC 8446 §4.1.3).
        ServerHello sh;
        for (size_t i = 0; i < 24; i++) sh.random[i] = static_cast<uint8_t>(i);
        const auto& sentinel = tls12 ? kDowngradeTls12 : kDowngradeTls11;
        std::copy(sentinel.begin(), sentinel.end(), sh.random.begin() + 24);
        sh.cipher_suite = 0xc02f;
        Bytes msg = *encode_message(sh);
        Bytes rec = {0x16, 0x03, 0x03, 0x00, static_cast<uint8_t>(msg.size())};
        rec.insert(rec.end(), msg.begin(), msg.end());
        auto r = client->feed(rec);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(alert_of(r.error()), Alert::illegal_parameter);
    }
}

TEST(Engine, Tls12ServerHelloIsProtocolVersion) {
    SeededRng rng(4);
    auto cfg = std::make_shared<HandshakeConfig>();
    cfg->rng = &rng;
    cfg->middlebox_comp_mode = false;
    auto client = Engine::client(cfg, "example.com");
    ASSERT_TRUE(client.ok());
    (void)client->take_output();
    ServerHello sh;
    sh.random[0] = 1;
    sh.cipher_suite = 0xc02f;
    Bytes msg = *encode_message(sh);
    Bytes rec = {0x16, 0x03, 0x03, 0x00, static_cast<uint8_t>(msg.size())};
    rec.insert(rec.end(), msg.begin(), msg.end());
    auto r = client->feed(rec);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(alert_of(r.error()), Alert::protocol_version);
}

TEST(Engine, ServerNeedsACertificate) {
    auto cfg = std::make_shared<HandshakeConfig>();
    auto s = Engine::server(cfg);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code(), Errc::options);
}

TEST(Engine, WriteBeforeHandshakeIsRefused) {
    Pair p;
    auto c = Engine::client(p.client_cfg, "example.com");
    ASSERT_TRUE(c.ok());
    EXPECT_FALSE(c->write(bytes_of("early")).ok());
    EXPECT_FALSE(c->key_update(false).ok());
}

}  // namespace
}  // namespace keel::tls
