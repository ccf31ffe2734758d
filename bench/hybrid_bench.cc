// Hybrid TLS groups: the full exchange (client generate + server respond + client
// finish), dispatched backends. "cycles" is the median of per-iteration rdtsc deltas.
#include <benchmark/benchmark.h>
#include <x86intrin.h>

#include <algorithm>
#include <vector>

#include "crypto/rng.h"
#include "pq/hybrid/x25519mlkem768.h"

namespace {

using namespace keel;

// A cheap deterministic Rng: the benchmark measures the exchange, not the DRBG.
class CounterRng final : public crypto::Rng {
  public:
    Result<void> generate(MutableByteView out) override {
        for (auto& b : out) b = static_cast<uint8_t>((s_ = s_ * 6364136223846793005ULL + 1) >> 56);
        return ok();
    }

  private:
    uint64_t s_ = 1;
};

void x25519mlkem768_kex(benchmark::State& state) {
    CounterRng rng;
    std::vector<uint64_t> d;
    for (auto _ : state) {
        const uint64_t t0 = __rdtsc();
        auto st = pq::x25519mlkem768::kx_generate(rng);
        auto srv = pq::x25519mlkem768::kx_respond(st->share, rng);
        auto sec = pq::x25519mlkem768::kx_finish(*st, srv->share);
        d.push_back(__rdtsc() - t0);
        benchmark::DoNotOptimize(sec);
    }
    std::nth_element(d.begin(), d.begin() + d.size() / 2, d.end());
    state.counters["cycles"] = static_cast<double>(d[d.size() / 2]);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(x25519mlkem768_kex)->Name("x25519mlkem768/kex");

}  // namespace
