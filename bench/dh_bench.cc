// FFDHE (RFC 7919): the client's derive step (kx_finish: peer check + one exponentiation
// with the group's short exponent), and key generation.
#include <benchmark/benchmark.h>

#include "crypto/dh/dh.h"

namespace {

using namespace keel;
using namespace keel::crypto;

class BenchRng final : public Rng {
  public:
    Result<void> generate(MutableByteView out) override {
        for (auto& b : out) {
            state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
            b = static_cast<uint8_t>(state_ >> 56);
        }
        return ok();
    }

  private:
    uint64_t state_ = 99;
};

void ffdhe2048_derive(benchmark::State& state) {
    BenchRng rng;
    auto client = ffdhe2048::kx_generate(rng);
    auto server = ffdhe2048::kx_generate(rng);
    for (auto _ : state) {
        auto z = ffdhe2048::kx_finish(*client, server->share);
        benchmark::DoNotOptimize(z);
    }
    state.SetItemsProcessed(state.iterations());
}

void ffdhe2048_generate(benchmark::State& state) {
    BenchRng rng;
    for (auto _ : state) {
        auto c = ffdhe2048::kx_generate(rng);
        benchmark::DoNotOptimize(c);
    }
    state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(ffdhe2048_derive)->Name("ffdhe2048/derive");
BENCHMARK(ffdhe2048_generate)->Name("ffdhe2048/generate");
