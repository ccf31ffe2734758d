// SLH-DSA (FIPS 205) sign and verify for all twelve parameter sets. Names
// slhdsa/<set>/sign and slhdsa/<set>/verify ("sha2-128f" etc.); "cycles" is the median
// rdtsc count of one operation. s-set signing takes seconds: one iteration each.
#include <benchmark/benchmark.h>
#include <x86intrin.h>

#include <algorithm>
#include <string>
#include <vector>

#include "crypto/rng.h"
#include "pq/slhdsa/slhdsa.h"

namespace {

using namespace keel;
using namespace keel::pq;

void set_median_cycles(benchmark::State& state, std::vector<uint64_t>& t) {
    if (t.empty()) return;
    std::sort(t.begin(), t.end());
    state.counters["cycles"] = static_cast<double>(t[t.size() / 2]);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

const SlhDsaPrivateKey& key(SlhDsaParams p) {
    static std::vector<SlhDsaPrivateKey> keys;
    static bool made = false;
    if (!made) {
        for (size_t i = 0; i < 12; i++) {
            const Bytes seed(3 * 32, static_cast<uint8_t>(i + 1));
            const size_t n = slhdsa_sizes(static_cast<SlhDsaParams>(i)).n;
            ByteView s(seed);
            keys.push_back(*SlhDsaPrivateKey::from_seeds(static_cast<SlhDsaParams>(i),
                                                         s.subspan(0, n), s.subspan(n, n),
                                                         s.subspan(2 * n, n)));
        }
        made = true;
    }
    return keys[static_cast<size_t>(p)];
}

const Bytes kMsg(59, 0x42);

void sign_bench(benchmark::State& state, SlhDsaParams p) {
    const SlhDsaPrivateKey& sk = key(p);
    std::vector<uint64_t> t;
    for (auto _ : state) {
        const uint64_t t0 = __rdtsc();
        auto sig = sk.sign_deterministic(kMsg);
        t.push_back(__rdtsc() - t0);
        benchmark::DoNotOptimize(sig);
    }
    set_median_cycles(state, t);
}

void verify_bench(benchmark::State& state, SlhDsaParams p) {
    const SlhDsaPrivateKey& sk = key(p);
    const SlhDsaPublicKey pk = sk.public_key();
    static Bytes sigs[12];
    Bytes& sig = sigs[static_cast<size_t>(p)];
    if (sig.empty()) sig = *sk.sign_deterministic(kMsg);
    std::vector<uint64_t> t;
    for (auto _ : state) {
        const uint64_t t0 = __rdtsc();
        auto r = pk.verify(kMsg, sig);
        t.push_back(__rdtsc() - t0);
        benchmark::DoNotOptimize(r);
    }
    set_median_cycles(state, t);
}

// "SLH-DSA-SHA2-128f" -> "sha2-128f".
std::string short_name(SlhDsaParams p) {
    std::string s(slhdsa_name(p).substr(8));
    std::transform(s.begin(), s.end(), s.begin(),
                   [](char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

const bool registered = [] {
    for (size_t i = 0; i < 12; i++) {
        const auto p = static_cast<SlhDsaParams>(i);
        const std::string base = "slhdsa/" + short_name(p);
        const bool slow = base.back() == 's';
        auto* s = benchmark::RegisterBenchmark((base + "/sign").c_str(), sign_bench, p);
        s->Unit(benchmark::kMillisecond);
        if (slow)
            s->Iterations(1);
        else
            s->Iterations(5);
        benchmark::RegisterBenchmark((base + "/verify").c_str(), verify_bench, p)
            ->Unit(benchmark::kMicrosecond);
    }
    return true;
}();

}  // namespace
