// RFC 8448 byte-for-byte replay. Each side's configuration is read off the trace (the
// ClientHello NSS sent, the server's EncryptedExtensions), its randoms and ephemeral keys
// come from a scripted generator, and then:
//   - our client must send exactly the trace's client records (ClientHello, the second
//     ClientHello after a HelloRetryRequest, change_cipher_spec, its encrypted flight,
//     application data, close_notify), fed the trace's server records;
//   - our server must send exactly the trace's ServerHello, change_cipher_spec and
//     encrypted flight, fed the trace's client records, and accept the rest.
// CertificateVerify signatures (RSA-PSS, ECDSA) are randomized, so the signing key is a
// callback that returns the trace's signature -- after checking that it verifies over
// the content our engine asked to sign, which holds only when our transcript matches.
#include <gtest/gtest.h>

#include <deque>

#include "tests/tls/engine/rfc8448_trace.h"
#include "tests/tls/engine/test_support.h"
#include "tls/engine/engine.h"
#include "tls/hs/auth.h"

namespace keel::tls {
namespace {

using crypto::NamedGroup;
using crypto::SignatureScheme;
using test::Trace;
using test::TraceStep;

// Hands out the scripted byte strings in order; a request of another size is an error.
class ScriptedRng final : public crypto::Rng {
  public:
    explicit ScriptedRng(std::vector<Bytes> chunks) : chunks_(chunks.begin(), chunks.end()) {}
    Result<void> generate(MutableByteView out) override {
        if (chunks_.empty() || chunks_.front().size() != out.size()) {
            ADD_FAILURE() << "unscripted random request of " << out.size() << " bytes";
            return Error(Errc::entropy, "script exhausted");
        }
        std::copy(chunks_.front().begin(), chunks_.front().end(), out.begin());
        chunks_.pop_front();
        return ok();
    }
    bool exhausted() const { return chunks_.empty(); }

  private:
    std::deque<Bytes> chunks_;
};

Bytes slice(const Bytes& b, size_t off, size_t len) {
    return Bytes(b.begin() + static_cast<ptrdiff_t>(off),
                 b.begin() + static_cast<ptrdiff_t>(off + len));
}

// The DER certificates of a Certificate message (header included).
std::vector<Bytes> certificates_of(const Bytes& msg) {
    auto cert = Certificate::parse(ByteView(msg).subspan(4));
    EXPECT_TRUE(cert.ok());
    std::vector<Bytes> out;
    if (cert) {
        for (const auto& e : cert->certificate_list) out.push_back(e.cert_data);
    }
    return out;
}

// A key whose "signature" is the trace's, checked against what our engine signs.
x509::PrivateKey trace_signing_key(const Bytes& cert_der, const Bytes& cv_msg, int* calls) {
    auto cv = CertificateVerify::parse(ByteView(cv_msg).subspan(4));
    EXPECT_TRUE(cv.ok());
    const Bytes signature = cv ? cv->signature : Bytes{};
    auto pub = certificate_public_key(cert_der);
    EXPECT_TRUE(pub.ok());
    x509::PublicKey pk = *pub;
    return x509::PrivateKey::from_callback(
        pk, [pk, signature, calls](SignatureScheme s, ByteView msg) -> Result<Bytes> {
            ++*calls;
            if (!pk.verify(s, msg, signature)) {
                ADD_FAILURE() << "CertificateVerify content differs from the trace";
                return Error(Errc::auth_failed, "content differs from the trace");
            }
            return signature;
        });
}

// The client configuration NSS's ClientHello implies.
std::shared_ptr<HandshakeConfig> client_config_from(const Bytes& ch_msg, crypto::Rng* rng) {
    auto ch = ClientHello::parse(ByteView(ch_msg).subspan(4));
    EXPECT_TRUE(ch.ok());
    auto cfg = std::make_shared<HandshakeConfig>();
    cfg->rng = rng;
    cfg->cipher_suites.clear();
    for (uint16_t s : ch->cipher_suites) cfg->cipher_suites.push_back(static_cast<CipherSuite>(s));
    cfg->groups = find_extension<SupportedGroups>(*ch)->groups;
    cfg->key_share_groups.clear();
    for (const auto& e : find_extension<KeyShareClientHello>(*ch)->shares) {
        cfg->key_share_groups.push_back(e.group);
    }
    cfg->signature_algs = find_extension<SignatureAlgorithms>(*ch)->schemes;
    cfg->middlebox_comp_mode = !ch->legacy_session_id.empty();
    cfg->send_psk_modes = find_extension<PskKeyExchangeModes>(*ch) != nullptr;
    if (const auto* rsl = find_extension<RecordSizeLimit>(*ch)) cfg->record_size_limit = rsl->limit;
    // NSS also sends two TLS 1.2-era extensions: renegotiation_info (empty, RFC 5746)
    // after server_name and, in one trace, session_ticket (RFC 5077) after
    // supported_groups. keel does not; the hook adds them where NSS put them.
    const bool ticket = find_extension_type(ch->extensions, 0x0023) != nullptr;
    cfg->client_hello_hook = [ticket](ClientHello& hello) {
        Extensions out;
        for (Extension& e : hello.extensions) {
            const bool sni = std::holds_alternative<ServerName>(e);
            const bool groups = std::holds_alternative<SupportedGroups>(e);
            out.push_back(std::move(e));
            if (sni) out.emplace_back(RawExtension{0xff01, {0x00}});
            if (groups && ticket) out.emplace_back(RawExtension{0x0023, {}});
        }
        hello.extensions = std::move(out);
    };
    return cfg;
}

bool is_send(const TraceStep& s) {
    return s.title.rfind("send ", 0) == 0;
}

const TraceStep* find_step(const Trace& t, std::string_view actor, std::string_view title) {
    for (const auto& s : t.steps()) {
        if (s.actor == actor && s.title.rfind(title, 0) == 0) return &s;
    }
    return nullptr;
}

// Replays `section` against our client.
void replay_client(const char* section) {
    const Trace t = Trace::load(section);
    const Bytes& ch = t.step("client", "construct a ClientHello").get("ClientHello");
    std::vector<Bytes> script = {slice(ch, 6, 32)};
    if (ch[38] != 0) script.push_back(slice(ch, 39, ch[38]));
    for (const auto& s : t.steps()) {
        if (s.actor == "client" && s.title.rfind("create an ephemeral", 0) == 0) {
            script.push_back(s.get("private key"));
        }
    }
    ScriptedRng rng(script);
    auto cfg = client_config_from(ch, &rng);
    int sign_calls = 0;
    bool client_auth = false;
    for (const auto& s : t.steps()) {
        if (s.actor == "client" && s.title.rfind("construct a CertificateVerify", 0) == 0) {
            const Bytes& cert_msg = t.step("client", "construct a Certificate ").get("Certificate");
            auto chain = certificates_of(cert_msg);
            cfg->certs_keys.push_back(
                {chain, trace_signing_key(chain.at(0), s.get("CertificateVerify"), &sign_calls)});
            client_auth = true;
        }
    }
    auto client = Engine::client(cfg, "server");
    ASSERT_TRUE(client.ok()) << client.error().to_string();

    Bytes sent;  // our client's output not yet matched against the trace
    size_t matched = 0;
    for (const auto& s : t.steps()) {
        if (!is_send(s)) continue;
        SCOPED_TRACE("{" + s.actor + "} " + s.title);
        const Bytes& record = s.get("complete record");
        if (s.actor == "server") {
            auto r = client->feed(record);
            ASSERT_TRUE(r.ok()) << r.error().to_string();
            continue;
        }
        if (s.title.rfind("send application_data", 0) == 0) {
            ASSERT_TRUE(client->write(s.get("payload")).ok());
        } else if (s.title.rfind("send alert", 0) == 0) {
            client->close();
        }
        Bytes out = client->take_output();
        sent.insert(sent.end(), out.begin(), out.end());
        ASSERT_GE(sent.size(), record.size());
        EXPECT_EQ(slice(sent, 0, record.size()), record);
        sent.erase(sent.begin(), sent.begin() + static_cast<ptrdiff_t>(record.size()));
        matched++;
    }
    EXPECT_TRUE(sent.empty());
    EXPECT_TRUE(client->is_connected());
    EXPECT_TRUE(rng.exhausted());
    EXPECT_EQ(sign_calls, client_auth ? 1 : 0);
    EXPECT_GE(matched, 3u);  // ClientHello, the encrypted flight, close_notify at least
    // The server's application data (when the trace has some) arrived intact.
    const TraceStep* sdata = find_step(t, "server", "send application_data");
    bool data = false;
    while (auto ev = client->next_event()) {
        if (auto* d = std::get_if<event::AppData>(&*ev)) {
            data = sdata != nullptr && d->data == sdata->get("payload");
        }
    }
    EXPECT_EQ(data, sdata != nullptr);
}

// Replays `section` against our server, up to and including its encrypted flight; then
// feeds it the rest of the client's records. keel's server sends no NewSessionTicket
// (no resumption yet), so its later records differ from the trace and are not compared.
void replay_server(const char* section) {
    const Trace t = Trace::load(section);
    const Bytes& sh = t.step("server", "construct a ServerHello").get("ServerHello");
    ScriptedRng rng({t.step("server", "create an ephemeral").get("private key"), slice(sh, 6, 32)});
    const Bytes& ch = t.step("client", "construct a ClientHello").get("ClientHello");
    auto cfg = client_config_from(ch, &rng);
    cfg->client_hello_hook = nullptr;
    auto ee = EncryptedExtensions::parse(
        ByteView(t.step("server", "construct a EncryptedExtensions").get("EncryptedExtensions"))
            .subspan(4));
    ASSERT_TRUE(ee.ok());
    cfg->groups = find_extension<SupportedGroups>(*ee)->groups;
    int sign_calls = 0;
    auto chain = certificates_of(t.step("server", "construct a Certificate ").get("Certificate"));
    cfg->certs_keys.push_back(
        {chain, trace_signing_key(
                    chain.at(0),
                    t.step("server", "construct a CertificateVerify").get("CertificateVerify"),
                    &sign_calls)});
    bool client_auth = false;
    for (const auto& s : t.steps()) {
        if (s.actor == "server" && s.title.rfind("construct a CertificateRequest", 0) == 0) {
            client_auth = true;
            cfg->verify = VerifyMode::verify_peer;
            cfg->cacerts =
                certificates_of(t.step("client", "construct a Certificate ").get("Certificate"));
        }
    }
    auto server = Engine::server(cfg);
    ASSERT_TRUE(server.ok()) << server.error().to_string();

    Bytes sent;
    for (const auto& s : t.steps()) {
        if (!is_send(s)) continue;
        SCOPED_TRACE("{" + s.actor + "} " + s.title);
        const Bytes& record = s.get("complete record");
        if (s.actor == "client") {
            auto r = server->feed(record);
            ASSERT_TRUE(r.ok()) << r.error().to_string();
            continue;
        }
        if (server->is_connected()) continue;  // NewSessionTicket onwards: not ours
        Bytes out = server->take_output();
        sent.insert(sent.end(), out.begin(), out.end());
        ASSERT_GE(sent.size(), record.size());
        EXPECT_EQ(slice(sent, 0, record.size()), record);
        sent.erase(sent.begin(), sent.begin() + static_cast<ptrdiff_t>(record.size()));
    }
    EXPECT_TRUE(sent.empty());
    EXPECT_EQ(sign_calls, 1);
    EXPECT_TRUE(rng.exhausted());
    ASSERT_TRUE(server->is_connected());
    const TraceStep* cdata = find_step(t, "client", "send application_data");
    bool done = false, data = false, closed = false;
    while (auto ev = server->next_event()) {
        if (auto* d = std::get_if<event::HandshakeDone>(&*ev)) {
            done = true;
            EXPECT_EQ(d->info.peer_certificates.empty(), !client_auth);
        }
        if (auto* d = std::get_if<event::AppData>(&*ev)) {
            data = cdata != nullptr && d->data == cdata->get("payload");
        }
        closed |= std::holds_alternative<event::PeerClosed>(*ev);
    }
    EXPECT_TRUE(done);
    EXPECT_TRUE(closed);
    EXPECT_EQ(data, cdata != nullptr);
}

constexpr const char* kSimple = "3.  Simple 1-RTT Handshake";
constexpr const char* kHrr = "5.  HelloRetryRequest";
constexpr const char* kClientAuth = "6.  Client Authentication";
constexpr const char* kCompat = "7.  Compatibility Mode";

TEST(Rfc8448, Simple1RttClient) {
    replay_client(kSimple);
}
TEST(Rfc8448, Simple1RttServer) {
    replay_server(kSimple);
}
TEST(Rfc8448, HelloRetryRequestClient) {
    replay_client(kHrr);
}
TEST(Rfc8448, ClientAuthenticationClient) {
    replay_client(kClientAuth);
}
TEST(Rfc8448, ClientAuthenticationServer) {
    replay_server(kClientAuth);
}
TEST(Rfc8448, CompatibilityModeClient) {
    replay_client(kCompat);
}
TEST(Rfc8448, CompatibilityModeServer) {
    replay_server(kCompat);
}

}  // namespace
}  // namespace keel::tls
