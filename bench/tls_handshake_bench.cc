// Full TLS 1.3 handshakes per second, client and server in memory (DESIGN.md §9):
// tls13-hs/<group>/<certificate key>. Each iteration creates both engines, runs the whole
// 1-RTT handshake (key exchange, CertificateVerify sign and verify, both Finished) and
// one application record each way. "cycles" is the median of per-iteration rdtsc deltas.
#include <benchmark/benchmark.h>
#include <x86intrin.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "tests/tls/engine/fixtures.h"
#include "tls/engine/engine.h"

namespace {

using namespace keel;
using namespace keel::tls;
using crypto::NamedGroup;
using crypto::SignatureScheme;

struct Cert {
    x509::KeyType type;
    crypto::ec::Curve curve;
    SignatureScheme scheme;  // CertificateVerify
    SignatureScheme cert_scheme;
};

void handshake(benchmark::State& state, NamedGroup group, Cert c) {
    fuzzing::CounterRng rng(7);
    x509::KeyGenOptions opts;
    opts.curve = c.curve;
    auto key = x509::PrivateKey::generate(c.type, rng, opts);
    if (!key) {
        state.SkipWithError("key generation failed");
        return;
    }
    auto server_cfg = std::make_shared<HandshakeConfig>();
    server_cfg->rng = &rng;
    server_cfg->groups = {group};
    server_cfg->signature_algs = {c.scheme};
    server_cfg->certs_keys.push_back({{fuzzing::self_signed_cert(*key, c.cert_scheme, rng)}, *key});
    auto client_cfg = std::make_shared<HandshakeConfig>(*server_cfg);
    client_cfg->certs_keys.clear();

    const uint8_t ping[] = {'p', 'i', 'n', 'g'};
    std::vector<uint64_t> cycles;
    for (auto _ : state) {
        const uint64_t t0 = __rdtsc();
        auto client = Engine::client(client_cfg, "bench.example");
        auto server = Engine::server(server_cfg);
        bool ok = client.ok() && server.ok();
        for (int i = 0; ok && i < 4 && !(client->is_connected() && server->is_connected()); i++) {
            ok = server->feed(client->take_output()).ok() &&
                 client->feed(server->take_output()).ok();
        }
        ok = ok && client->write(ping).ok() && server->write(ping).ok() &&
             server->feed(client->take_output()).ok() && client->feed(server->take_output()).ok();
        cycles.push_back(__rdtsc() - t0);
        if (!ok || !client->is_connected()) {
            state.SkipWithError("handshake failed");
            return;
        }
        benchmark::DoNotOptimize(client->next_event());
    }
    std::nth_element(cycles.begin(), cycles.begin() + cycles.size() / 2, cycles.end());
    state.counters["cycles"] = static_cast<double>(cycles[cycles.size() / 2]);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

using crypto::ec::Curve;
using x509::KeyType;
const Cert kEcdsaP256{KeyType::ec, Curve::p256, SignatureScheme::ecdsa_secp256r1_sha256,
                      SignatureScheme::ecdsa_secp256r1_sha256};
const Cert kEd25519{KeyType::ed25519, Curve::p256, SignatureScheme::eddsa_ed25519,
                    SignatureScheme::eddsa_ed25519};
const Cert kRsa2048{KeyType::rsa, Curve::p256, SignatureScheme::rsa_pss_rsae_sha256,
                    SignatureScheme::rsa_pkcs1_sha256};
const Cert kMlDsa65{KeyType::mldsa65, Curve::p256, SignatureScheme::mldsa65,
                    SignatureScheme::mldsa65};

BENCHMARK_CAPTURE(handshake, x25519_ecdsa_p256, NamedGroup::x25519, kEcdsaP256)
    ->Name("tls13-hs/x25519/ecdsa-p256");
BENCHMARK_CAPTURE(handshake, secp256r1_ecdsa_p256, NamedGroup::secp256r1, kEcdsaP256)
    ->Name("tls13-hs/secp256r1/ecdsa-p256");
BENCHMARK_CAPTURE(handshake, x25519_ed25519, NamedGroup::x25519, kEd25519)
    ->Name("tls13-hs/x25519/ed25519");
BENCHMARK_CAPTURE(handshake, x25519_rsa2048, NamedGroup::x25519, kRsa2048)
    ->Name("tls13-hs/x25519/rsa2048");
BENCHMARK_CAPTURE(handshake, x25519mlkem768_ecdsa_p256, NamedGroup::x25519mlkem768, kEcdsaP256)
    ->Name("tls13-hs/x25519mlkem768/ecdsa-p256");
BENCHMARK_CAPTURE(handshake, x25519mlkem768_mldsa65, NamedGroup::x25519mlkem768, kMlDsa65)
    ->Name("tls13-hs/x25519mlkem768/mldsa65");
BENCHMARK_CAPTURE(handshake, mlkem768_mldsa65, NamedGroup::mlkem768, kMlDsa65)
    ->Name("tls13-hs/mlkem768/mldsa65");

}  // namespace
