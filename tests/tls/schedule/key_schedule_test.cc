#include "tls/schedule/key_schedule.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "crypto/kdf/hkdf.h"
#include "tests/vectors/json.h"
#include "tls/alert.h"
#include "tls/schedule/keylog.h"

namespace keel::tls {
namespace {

using crypto::HashAlg;
using test::hex;
using test::unhex;

const test::Json& vectors() {
    return test::load_vectors("tls13/openssl-exporter-keyupdate.json");
}

HashAlg hash_of(const test::Json& j) {
    auto h = crypto::hash_from_name(j["hash"].as_string());
    EXPECT_TRUE(h.has_value());
    return h.value_or(HashAlg::sha256);
}

// OpenSSL sessions printed the exporter output both peers computed (and the
// EXPORTER_SECRET they logged); one more case with a context, from openssl kdf.
TEST(Exporter, MatchesOpenSsl) {
    const auto& cases = vectors()["exporter"].as_array();
    ASSERT_EQ(cases.size(), 3u);
    for (const test::Json& c : cases) {
        SCOPED_TRACE(c["label"].as_string());
        auto out = export_keying_material(hash_of(c), c["exporter_secret"].as_hex(),
                                          c["label"].as_string(), c["context"].as_hex(),
                                          static_cast<size_t>(c["length"].as_int()));
        ASSERT_TRUE(out.ok()) << out.error().to_string();
        EXPECT_EQ(hex(out->view()), hex(c["output"].as_hex()));
    }
}

TEST(Exporter, DependsOnLabelContextAndLength) {
    Bytes secret(32, 0x11);
    auto a = export_keying_material(HashAlg::sha256, secret, "EXPORTER-a", {}, 32);
    auto b = export_keying_material(HashAlg::sha256, secret, "EXPORTER-b", {}, 32);
    Bytes ctx = {0};
    auto c = export_keying_material(HashAlg::sha256, secret, "EXPORTER-a", ctx, 32);
    auto d = export_keying_material(HashAlg::sha256, secret, "EXPORTER-a", {}, 16);
    ASSERT_TRUE(a.ok() && b.ok() && c.ok() && d.ok());
    EXPECT_NE(hex(a->view()), hex(b->view()));
    EXPECT_NE(hex(a->view()), hex(c->view()));
    // The length is part of HkdfLabel: a shorter export is not a prefix of a longer one.
    EXPECT_NE(hex(a->view()).substr(0, 32), hex(d->view()));
}

TEST(Exporter, RejectsBadArguments) {
    Bytes s256(32, 1), s384(48, 1);
    EXPECT_EQ(export_keying_material(HashAlg::sha256, s256, "x", {}, 0).error().code(),
              Errc::invalid_argument);
    EXPECT_TRUE(export_keying_material(HashAlg::sha256, s256, "x", {}, 255 * 32).ok());
    EXPECT_FALSE(export_keying_material(HashAlg::sha256, s256, "x", {}, 255 * 32 + 1).ok());
    EXPECT_TRUE(export_keying_material(HashAlg::sha384, s384, "x", {}, 255 * 48).ok());
    EXPECT_FALSE(export_keying_material(HashAlg::sha384, s384, "x", {}, 255 * 48 + 1).ok());
    EXPECT_TRUE(export_keying_material(HashAlg::sha256, s256, std::string(249, 'a'), {}, 8).ok());
    EXPECT_FALSE(export_keying_material(HashAlg::sha256, s256, std::string(250, 'a'), {}, 8).ok());
    EXPECT_FALSE(export_keying_material(HashAlg::sha256, s384, "x", {}, 8).ok());
    EXPECT_EQ(export_keying_material(HashAlg::sha512, Bytes(64, 1), "x", {}, 8).error().code(),
              Errc::unsupported);
}

// KeyUpdate chains (RFC 8446 §7.2) checked against openssl kdf.
TEST(KeyUpdate, NextSecretMatchesOpenSsl) {
    for (const test::Json& c : vectors()["key_update"].as_array()) {
        const auto& chain = c["secrets"].as_array();
        ASSERT_GE(chain.size(), 2u);
        for (size_t i = 0; i + 1 < chain.size(); i++) {
            auto next = next_application_traffic_secret(hash_of(c), chain[i].as_hex());
            ASSERT_TRUE(next.ok());
            EXPECT_EQ(hex(next->view()), hex(chain[i + 1].as_hex()));
        }
    }
}

TEST(KeyUpdate, RejectsAWrongLengthSecret) {
    EXPECT_FALSE(next_application_traffic_secret(HashAlg::sha256, Bytes(48, 1)).ok());
    EXPECT_FALSE(next_application_traffic_secret(HashAlg::sha384, Bytes(32, 1)).ok());
    EXPECT_FALSE(next_application_traffic_secret(HashAlg::sha256, {}).ok());
}

TEST(KeyLog, LinesMatchOpenSsl) {
    for (const test::Json& c : vectors()["keylog"].as_array()) {
        std::string line = c["line"].as_string();
        size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
        Bytes random = unhex(line.substr(sp1 + 1, sp2 - sp1 - 1));
        Bytes secret = unhex(line.substr(sp2 + 1));
        std::string l = c["label"].as_string();
        KeyLogLabel label = l == "exporter_secret" ? KeyLogLabel::exporter_secret
                            : l == "client_traffic_secret"
                                ? KeyLogLabel::client_traffic_secret
                                : KeyLogLabel::server_handshake_traffic_secret;
        EXPECT_EQ(keylog_line(label, random, secret, 0), line);
    }
}

TEST(KeyLog, LabelNames) {
    // draft-ietf-tls-keylogfile §3.
    EXPECT_EQ(keylog_label(KeyLogLabel::client_early_traffic_secret),
              "CLIENT_EARLY_TRAFFIC_SECRET");
    EXPECT_EQ(keylog_label(KeyLogLabel::early_exporter_secret), "EARLY_EXPORTER_SECRET");
    EXPECT_EQ(keylog_label(KeyLogLabel::client_handshake_traffic_secret),
              "CLIENT_HANDSHAKE_TRAFFIC_SECRET");
    EXPECT_EQ(keylog_label(KeyLogLabel::server_handshake_traffic_secret),
              "SERVER_HANDSHAKE_TRAFFIC_SECRET");
    EXPECT_EQ(keylog_label(KeyLogLabel::client_traffic_secret, 3), "CLIENT_TRAFFIC_SECRET_3");
    EXPECT_EQ(keylog_label(KeyLogLabel::server_traffic_secret, 0), "SERVER_TRAFFIC_SECRET_0");
    EXPECT_EQ(keylog_label(KeyLogLabel::exporter_secret), "EXPORTER_SECRET");
    Bytes all(256);
    for (size_t i = 0; i < all.size(); i++) all[i] = static_cast<uint8_t>(i);
    EXPECT_EQ(keylog_line(KeyLogLabel::exporter_secret, Bytes{0x0f, 0xa0}, all),
              "EXPORTER_SECRET 0fa0 " + hex(all));
}

// The whole schedule under SHA-384 (RFC 8448 has only SHA-256), composed by hand from
// crypto::hkdf_* following RFC 8446 §7.1 and compared with the stage objects.
TEST(KeySchedule, Sha384ScheduleMatchesHandComposition) {
    using H = crypto::Sha384;
    std::mt19937 rng(3);
    Bytes psk(48), ecdhe(97), th1(48), th2(48), th3(48);
    for (Bytes* b : {&psk, &ecdhe, &th1, &th2, &th3}) {
        for (auto& x : *b) x = static_cast<uint8_t>(rng());
    }
    auto lbl = [](ByteView secret, std::string_view label, ByteView ctx, size_t n) {
        Bytes out(n);
        EXPECT_TRUE(crypto::hkdf_expand_label<H>(secret, label, ctx, out).ok());
        return out;
    };
    auto empty = H::hash({});
    auto early = crypto::hkdf_extract<H>({}, psk);
    Bytes hs_salt = lbl(early.view(), "derived", empty, 48);
    auto hs = crypto::hkdf_extract<H>(hs_salt, ecdhe);
    Bytes ms_salt = lbl(hs.view(), "derived", empty, 48);
    auto ms = crypto::hkdf_extract<H>(ms_salt, Bytes(48, 0));

    auto es = EarlySecret::with_psk(HashAlg::sha384, psk);
    ASSERT_TRUE(es.ok());
    EXPECT_EQ(hex(es->secret()), hex(early.view()));
    EXPECT_EQ(hex(es->binder_key(PskKind::external)->view()),
              hex(lbl(early.view(), "ext binder", empty, 48)));
    EXPECT_EQ(hex(es->client_early_traffic_secret(th1)->view()),
              hex(lbl(early.view(), "c e traffic", th1, 48)));
    EXPECT_EQ(hex(es->early_exporter_master_secret(th1)->view()),
              hex(lbl(early.view(), "e exp master", th1, 48)));
    auto h = es->handshake_secret(ecdhe);
    ASSERT_TRUE(h.ok());
    EXPECT_EQ(hex(h->secret()), hex(hs.view()));
    EXPECT_EQ(hex(h->server_handshake_traffic_secret(th2)->view()),
              hex(lbl(hs.view(), "s hs traffic", th2, 48)));
    auto m = h->master_secret();
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(hex(m->secret()), hex(ms.view()));
    EXPECT_EQ(hex(m->client_application_traffic_secret(th3)->view()),
              hex(lbl(ms.view(), "c ap traffic", th3, 48)));
    EXPECT_EQ(hex(m->exporter_master_secret(th3)->view()),
              hex(lbl(ms.view(), "exp master", th3, 48)));
    // AES-256-GCM keys from a SHA-384 secret.
    auto k = traffic_keys(*find_suite(CipherSuite::tls_aes_256_gcm_sha384), ms.view());
    ASSERT_TRUE(k.ok());
    EXPECT_EQ(hex(k->key.view()), hex(lbl(ms.view(), "key", {}, 32)));
    EXPECT_EQ(hex(k->iv.view()), hex(lbl(ms.view(), "iv", {}, 12)));
    auto fk = lbl(ms.view(), "finished", {}, 48);
    auto vd = crypto::Hmac<H>::mac(fk, th3);
    EXPECT_EQ(hex(*finished_verify_data(HashAlg::sha384, ms.view(), th3)), hex(vd));
}

// psk_ke (RFC 8446 §4.2.9): no key exchange, the handshake secret extracts zeros.
TEST(KeySchedule, PskOnlyHandshakeExtractsZeros) {
    Bytes psk(32, 0x5a);
    auto es = EarlySecret::with_psk(HashAlg::sha256, psk);
    ASSERT_TRUE(es.ok());
    auto a = es->handshake_secret_psk_only();
    auto b = es->handshake_secret(Bytes(32, 0));
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(hex(a->secret()), hex(b->secret()));
    auto none = EarlySecret::without_psk(HashAlg::sha256);
    auto zero = EarlySecret::with_psk(HashAlg::sha256, Bytes(32, 0));
    EXPECT_EQ(hex(none->secret()), hex(zero->secret()));
}

TEST(KeySchedule, RejectsBadInput) {
    EXPECT_EQ(EarlySecret::without_psk(HashAlg::sha512).error().code(), Errc::unsupported);
    EXPECT_EQ(EarlySecret::without_psk(HashAlg::sha1).error().code(), Errc::unsupported);
    EXPECT_EQ(EarlySecret::with_psk(HashAlg::sha256, {}).error().code(), Errc::invalid_argument);
    auto es = EarlySecret::without_psk(HashAlg::sha256);
    ASSERT_TRUE(es.ok());
    EXPECT_EQ(es->handshake_secret({}).error().code(), Errc::invalid_argument);
    // A transcript hash that is empty (Transcript without a hash) or of another hash.
    EXPECT_EQ(es->client_early_traffic_secret({}).error().code(), Errc::invalid_argument);
    EXPECT_FALSE(es->client_early_traffic_secret(Bytes(48, 0)).ok());
    EXPECT_FALSE(es->early_exporter_master_secret(Bytes(31, 0)).ok());
    auto hs = es->handshake_secret(Bytes(32, 9));
    ASSERT_TRUE(hs.ok());
    EXPECT_FALSE(hs->client_handshake_traffic_secret(Bytes(33, 0)).ok());
    auto ms = hs->master_secret();
    ASSERT_TRUE(ms.ok());
    EXPECT_FALSE(ms->resumption_master_secret({}).ok());
    // Secrets of the wrong length.
    EXPECT_FALSE(traffic_keys(HashAlg::sha256, Bytes(48, 1), 16, 12).ok());
    EXPECT_FALSE(finished_key(HashAlg::sha384, Bytes(32, 1)).ok());
    EXPECT_FALSE(finished_verify_data(HashAlg::sha256, Bytes(32, 1), Bytes(48, 1)).ok());
    EXPECT_FALSE(resumption_psk(HashAlg::sha256, Bytes(31, 1), {}).ok());
    EXPECT_TRUE(resumption_psk(HashAlg::sha256, Bytes(32, 1), Bytes(255, 1)).ok());
    EXPECT_FALSE(resumption_psk(HashAlg::sha256, Bytes(32, 1), Bytes(256, 1)).ok());
}

TEST(KeySchedule, FinishedChecksLengthAndContent) {
    Bytes base(32, 3), th(32, 4);
    auto vd = finished_verify_data(HashAlg::sha256, base, th);
    ASSERT_TRUE(vd.ok());
    EXPECT_TRUE(check_finished(HashAlg::sha256, base, th, *vd).ok());
    Bytes shortv(vd->begin(), vd->end() - 1);
    auto r = check_finished(HashAlg::sha256, base, th, shortv);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(alert_of(r.error()), Alert::decode_error);
    for (size_t i = 0; i < vd->size(); i++) {
        Bytes bad = *vd;
        bad[i] ^= 0x80;
        auto e = check_finished(HashAlg::sha256, base, th, bad);
        ASSERT_FALSE(e.ok());
        EXPECT_EQ(alert_of(e.error()), Alert::decrypt_error);
    }
    Bytes other_th(32, 5);
    EXPECT_FALSE(check_finished(HashAlg::sha256, base, other_th, *vd).ok());
    EXPECT_FALSE(check_psk_binder(HashAlg::sha256, base, th, {}).ok());
}

TEST(KeySchedule, TrafficKeysForEverySuite) {
    for (const CipherSuiteInfo& s : all_suites()) {
        Bytes secret(crypto::digest_size(s.hash), 0x77);
        auto k = traffic_keys(s, secret);
        ASSERT_TRUE(k.ok()) << s.name;
        EXPECT_EQ(k->key.size(), s.key_len);
        EXPECT_EQ(k->iv.size(), s.iv_len);
    }
}

}  // namespace
}  // namespace keel::tls
