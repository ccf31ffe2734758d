// ECDH and ECDSA over P-256, P-384, P-521 and the brainpool curves: one operation per
// iteration (DESIGN.md §9). ECDH derives one shared secret with a fresh peer point
// (decode + validate + variable-base multiplication), as `openssl speed ecdhp256` does.
#include <benchmark/benchmark.h>

#include <string>

#include "crypto/ec/ec.h"
#include "crypto/ec/ecdsa.h"
#include "crypto/rng.h"

namespace {

using keel::Bytes;
using keel::crypto::default_rng;
using keel::crypto::HashAlg;
namespace ec = keel::crypto::ec;

HashAlg hash_for(ec::Curve c) {
    size_t b = ec::curve_bytes(c);
    return b <= 32 ? HashAlg::sha256 : b <= 48 ? HashAlg::sha384 : HashAlg::sha512;
}

void bm_ecdh(benchmark::State& state, ec::Curve curve) {
    auto mine = ec::generate_scalar(curve, default_rng());
    std::vector<Bytes> peers;
    for (int i = 0; i < 16; i++) {
        auto k = ec::generate_scalar(curve, default_rng());
        peers.push_back(*ec::public_point(curve, k->view()));
    }
    size_t i = 0;
    for (auto _ : state) {
        auto s = ec::ecdh(curve, mine->view(), peers[i++ % peers.size()]);
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(state.iterations());
}

void bm_sign(benchmark::State& state, ec::Curve curve) {
    auto key = ec::EcdsaPrivateKey::generate(curve, default_rng());
    Bytes msg(32, 0x5a);
    for (auto _ : state) {
        auto sig = key->sign(msg, default_rng(), hash_for(curve));
        benchmark::DoNotOptimize(sig);
    }
    state.SetItemsProcessed(state.iterations());
}

void bm_verify(benchmark::State& state, ec::Curve curve) {
    auto key = ec::EcdsaPrivateKey::generate(curve, default_rng());
    Bytes msg(32, 0x5a);
    auto sig = key->sign(msg, default_rng(), hash_for(curve));
    auto pub = key->public_key();
    for (auto _ : state) {
        auto r = pub.verify(msg, *sig, hash_for(curve));
        if (!r) state.SkipWithError("verify failed");
    }
    state.SetItemsProcessed(state.iterations());
}

struct Named {
    const char* name;
    ec::Curve curve;
};
constexpr Named kCurves[] = {
    {"p256", ec::Curve::p256},
    {"p384", ec::Curve::p384},
    {"p521", ec::Curve::p521},
    {"brainpoolp256r1", ec::Curve::brainpool_p256r1},
    {"brainpoolp384r1", ec::Curve::brainpool_p384r1},
    {"brainpoolp512r1", ec::Curve::brainpool_p512r1},
};

[[maybe_unused]] const bool kRegistered = [] {
    for (const auto& c : kCurves) {
        std::string n = c.name;
        benchmark::RegisterBenchmark(("ecdh-" + n).c_str(), bm_ecdh, c.curve);
        benchmark::RegisterBenchmark(("ecdsa-" + n + "-sign").c_str(), bm_sign, c.curve);
        benchmark::RegisterBenchmark(("ecdsa-" + n + "-verify").c_str(), bm_verify, c.curve);
    }
    return true;
}();

}  // namespace
