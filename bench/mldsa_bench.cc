// ML-DSA (FIPS 204) key generation, signing and verification for ML-DSA-44/65/87, per
// polynomial backend (mldsa65/<backend>/sign) and auto-dispatched (mldsa65/sign).
// Counters: "cycles" is the median rdtsc delta per operation (signing time varies with
// the number of rejected attempts); items/s is operations per second.
// Signing uses a key object whose secret vectors and A-hat are already expanded (the
// server case: one key, many signatures); verification uses a parsed public key (tr and
// NTT(t1) cached) and expands A on every call.
#include <benchmark/benchmark.h>
#include <x86intrin.h>

#include <algorithm>
#include <string>
#include <vector>

#include "pq/mldsa/internal/poly.h"
#include "pq/mldsa/mldsa.h"

namespace {

using keel::Bytes;
using keel::pq::MlDsaParams;
using keel::pq::MlDsaPrivateKey;
using keel::pq::detail::PolyBackend;

void set_cycles(benchmark::State& state, std::vector<uint64_t>& deltas) {
    if (deltas.empty()) return;
    std::nth_element(deltas.begin(), deltas.begin() + deltas.size() / 2, deltas.end());
    state.counters["cycles"] = static_cast<double>(deltas[deltas.size() / 2]);
    state.SetItemsProcessed(state.iterations());
}

void bm_keygen(benchmark::State& state, MlDsaParams ps, const PolyBackend* be) {
    Bytes xi(32, 1);
    std::vector<uint64_t> d;
    for (auto _ : state) {
        xi[0]++;
        uint64_t t0 = __rdtsc();
        auto sk = be ? MlDsaPrivateKey::from_seed(ps, xi, *be) : MlDsaPrivateKey::from_seed(ps, xi);
        d.push_back(__rdtsc() - t0);
        benchmark::DoNotOptimize(sk);
    }
    set_cycles(state, d);
}

void bm_sign(benchmark::State& state, MlDsaParams ps, const PolyBackend* be) {
    Bytes xi(32, 2), msg(64, 3);
    auto sk = be ? MlDsaPrivateKey::from_seed(ps, xi, *be) : MlDsaPrivateKey::from_seed(ps, xi);
    std::vector<uint64_t> d;
    for (auto _ : state) {
        msg[0]++;  // a different message each time: a fair sample of rejection counts
        uint64_t t0 = __rdtsc();
        auto sig = sk->sign(msg, keel::crypto::default_rng(), {.deterministic = true});
        d.push_back(__rdtsc() - t0);
        benchmark::DoNotOptimize(sig);
    }
    set_cycles(state, d);
}

void bm_verify(benchmark::State& state, MlDsaParams ps, const PolyBackend* be) {
    Bytes xi(32, 4), msg(64, 5);
    auto sk = be ? MlDsaPrivateKey::from_seed(ps, xi, *be) : MlDsaPrivateKey::from_seed(ps, xi);
    auto pk = be ? keel::pq::MlDsaPublicKey::from_bytes(ps, sk->public_key().bytes(), *be)
                 : keel::pq::MlDsaPublicKey::from_bytes(ps, sk->public_key().bytes());
    auto sig = sk->sign(msg, keel::crypto::default_rng());
    std::vector<uint64_t> d;
    for (auto _ : state) {
        uint64_t t0 = __rdtsc();
        auto r = pk->verify(msg, *sig);
        d.push_back(__rdtsc() - t0);
        if (!r) state.SkipWithError("verify failed");
    }
    set_cycles(state, d);
}

const int kRegistered = [] {
    const std::pair<const char*, MlDsaParams> sets[] = {{"mldsa44", MlDsaParams::mldsa44},
                                                        {"mldsa65", MlDsaParams::mldsa65},
                                                        {"mldsa87", MlDsaParams::mldsa87}};
    std::vector<const PolyBackend*> backends(keel::pq::detail::poly_backends().begin(),
                                             keel::pq::detail::poly_backends().end());
    backends.push_back(nullptr);  // dispatched
    for (const auto& [name, ps] : sets) {
        for (const PolyBackend* be : backends) {
            const std::string base =
                std::string(name) + "/" + (be ? std::string(be->name) + "/" : "");
            benchmark::RegisterBenchmark((base + "keygen").c_str(), bm_keygen, ps, be);
            benchmark::RegisterBenchmark((base + "sign").c_str(), bm_sign, ps, be);
            benchmark::RegisterBenchmark((base + "verify").c_str(), bm_verify, ps, be);
        }
    }
    return 0;
}();

}  // namespace
