// The TLS 1.3 key schedule must not branch on or index with a secret: the PSK, the
// (EC)DHE shared secret, every derived secret, traffic keys, Finished (computed and
// checked), binders, resumption PSK, exporter output and the keylog hex encoding.
// Transcript hashes are public. Each output is declassified and compared with an
// unpoisoned run, so the test also fails if poisoning changed an answer.
#include <string>

#include "tests/ct/harness.h"
#include "tls/schedule/key_schedule.h"
#include "tls/schedule/keylog.h"

namespace keel::tls {
namespace {

using crypto::HashAlg;
using ct_test::declassify;
using ct_test::poison;

Bytes pattern(size_t n, uint8_t seed) {
    Bytes b(n);
    for (size_t i = 0; i < n; i++) b[i] = static_cast<uint8_t>(seed + 29 * i);
    return b;
}

// Runs the whole schedule and returns every output, concatenated and declassified.
Bytes run(HashAlg h, bool secret) {
    size_t n = crypto::digest_size(h);
    Bytes psk = pattern(n, 1), ecdhe = pattern(56, 2), th = pattern(n, 3);
    if (secret) {
        poison(psk);
        poison(ecdhe);
    }
    Bytes out;
    auto take = [&](ByteView v) {
        Bytes copy(v.begin(), v.end());
        declassify(copy);
        out.insert(out.end(), copy.begin(), copy.end());
    };
    auto es = EarlySecret::with_psk(h, psk);
    EXPECT_TRUE(es.ok());
    auto bk = es->binder_key(PskKind::resumption);
    auto binder = psk_binder(h, bk->view(), th);
    take(*binder);
    EXPECT_TRUE(check_psk_binder(h, bk->view(), th, *binder).ok());
    take(es->client_early_traffic_secret(th)->view());
    auto hs = es->handshake_secret(ecdhe);
    auto c_hs = hs->client_handshake_traffic_secret(th);
    auto keys = traffic_keys(h, c_hs->view(), 16, 12);
    take(keys->key.view());
    take(keys->iv.view());
    auto vd = finished_verify_data(h, c_hs->view(), th);
    take(*vd);
    EXPECT_TRUE(check_finished(h, c_hs->view(), th, *vd).ok());
    Bytes wrong = *vd;
    wrong[0] ^= 1;
    EXPECT_FALSE(check_finished(h, c_hs->view(), th, wrong).ok());
    auto ms = hs->master_secret();
    auto c_ap = ms->client_application_traffic_secret(th);
    take(next_application_traffic_secret(h, c_ap->view())->view());
    auto rms = ms->resumption_master_secret(th);
    take(resumption_psk(h, rms->view(), Bytes{0, 1})->view());
    auto exp = ms->exporter_master_secret(th);
    take(export_keying_material(h, exp->view(), "EXPORTER-ct", Bytes{1, 2, 3}, 40)->view());
    std::string line = keylog_line(KeyLogLabel::exporter_secret, th, exp->view());
    take(as_bytes(line));
    return out;
}

TEST(CtKeySchedule, Sha256) {
    KEEL_REQUIRE_VALGRIND();
    EXPECT_EQ(run(HashAlg::sha256, true), run(HashAlg::sha256, false));
}

TEST(CtKeySchedule, Sha384) {
    KEEL_REQUIRE_VALGRIND();
    EXPECT_EQ(run(HashAlg::sha384, true), run(HashAlg::sha384, false));
}

}  // namespace
}  // namespace keel::tls
