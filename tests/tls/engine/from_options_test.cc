// Engines configured from the Erlang-shaped options (tls/config): defaults, validation,
// ALPN and verify_fun through tls/engine/from_options.
#include "tls/engine/from_options.h"

#include <gtest/gtest.h>

#include "tests/tls/engine/test_support.h"
#include "tls/engine/engine.h"

namespace keel::tls {
namespace {

using test::SeededRng;

struct Fixture {
    SeededRng client_rng{11};
    SeededRng server_rng{12};
    test::Identity id = test::self_signed(x509::KeyType::ec, server_rng);
    ClientOptions client{.verify = Verify::none};
    ServerOptions server{.certs_keys = {CertKeyConf{.cert = {id.cert}, .key = id.key}}};

    test::PumpResult run(std::optional<Engine>* c_out = nullptr,
                         std::optional<Engine>* s_out = nullptr) {
        auto ccfg = client_config(client, &client_rng);
        auto scfg = server_config(server, &server_rng);
        EXPECT_TRUE(ccfg.ok()) << ccfg.error().to_string();
        EXPECT_TRUE(scfg.ok()) << scfg.error().to_string();
        auto c = Engine::client(*ccfg, sni_for(client, "example.com"));
        auto s = Engine::server(*scfg);
        EXPECT_TRUE(c.ok() && s.ok());
        auto r = test::pump(*c, *s);
        if (c_out) c_out->emplace(std::move(*c));
        if (s_out) s_out->emplace(std::move(*s));
        return r;
    }
};

TEST(FromOptions, DefaultsHandshake) {
    Fixture f;
    std::optional<Engine> c, s;
    auto r = f.run(&c, &s);
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(c->is_connected() && s->is_connected());
    // Erlang's default groups put a hybrid first: the client shares its ECDH key with
    // the classical group, and the server picks from what it supports.
    EXPECT_EQ(c->session()->version, kTls13);
    EXPECT_EQ(s->session()->server_name, "example.com");
}

TEST(FromOptions, AlpnAndSniDisable) {
    Fixture f;
    f.client.alpn_advertised_protocols = {"h2", "http/1.1"};
    f.client.server_name_indication = kSniDisable;
    f.server.alpn_preferred_protocols = {"http/1.1"};
    std::optional<Engine> c, s;
    ASSERT_TRUE(f.run(&c, &s).ok());
    EXPECT_EQ(c->session()->alpn, "http/1.1");
    EXPECT_EQ(s->session()->server_name, "");
}

TEST(FromOptions, VerifyPeerWithTrustedCert) {
    Fixture f;
    f.client.verify = Verify::peer;
    f.client.cacerts = {f.id.cert};
    ASSERT_TRUE(f.run().ok());
}

TEST(FromOptions, VerifyFunOverridesUnknownCa) {
    Fixture f;
    f.client.verify = Verify::peer;
    SeededRng rng(13);
    f.client.cacerts = {test::self_signed(x509::KeyType::ed25519, rng).cert};
    std::string seen;
    f.client.verify_fun = [&](ByteView der, const VerifyEvent& ev) {
        seen = ev.reason;
        EXPECT_EQ(Bytes(der.begin(), der.end()), f.id.cert);
        return VerifyDecision{.kind = VerifyDecision::Kind::valid};
    };
    ASSERT_TRUE(f.run().ok());
    EXPECT_EQ(seen, "unknown_ca");
}

TEST(FromOptions, VerifyFunRejects) {
    Fixture f;
    f.client.verify = Verify::peer;
    f.client.cacerts = {f.id.cert};
    f.client.verify_fun = [](ByteView, const VerifyEvent& ev) {
        EXPECT_EQ(ev.kind, VerifyEvent::Kind::valid_peer);
        return VerifyDecision{.kind = VerifyDecision::Kind::fail, .reason = "not today"};
    };
    auto r = f.run();
    ASSERT_TRUE(r.client_error.has_value());
    EXPECT_EQ(r.client_error->code(), Errc::bad_cert);
    ASSERT_TRUE(r.server_error.has_value());
    EXPECT_EQ(static_cast<Alert>(r.server_error->alert()), Alert::bad_certificate);
}

TEST(FromOptions, ClientCertificateRequiredByDefaultWithVerifyPeer) {
    Fixture f;
    f.server.verify = Verify::peer;
    f.server.cacerts = {f.id.cert};
    auto r = f.run();
    ASSERT_TRUE(r.server_error.has_value());
    EXPECT_EQ(alert_of(*r.server_error), Alert::certificate_required);
}

TEST(FromOptions, InvalidOptionsFailBeforeAnyByte) {
    ClientOptions o;
    o.versions = std::vector<Version>{};  // an empty version list
    auto cfg = client_config(o);
    ASSERT_FALSE(cfg.ok());
    EXPECT_EQ(cfg.error().code(), Errc::options);
}

TEST(FromOptions, KeyFilesAreNotResolvedYet) {
    ServerOptions o;
    o.certs_keys = {CertKeyConf{.certfile = "server.pem", .keyfile = "server.key"}};
    auto cfg = server_config(o);
    ASSERT_FALSE(cfg.ok());
    EXPECT_EQ(cfg.error().code(), Errc::options);
}

}  // namespace
}  // namespace keel::tls
