// SHA-3 / SHAKE throughput and batched Keccak permutations, per backend and dispatched.
// Names: sha3-256/<backend>/<size>, sha3-256/<size>, shake128/..., shake256/...,
// keccak-f1600/<backend>, keccak-f1600-x4/<backend>, keccak-f1600-x8/<backend> and the
// dispatched keccak-f1600-x4 / keccak-f1600-x8 (items = one batch permutation; the
// "cycles" counter is rdtsc wall time per batch, so a busy machine inflates it).
#include <benchmark/benchmark.h>
#include <x86intrin.h>

#include <string>
#include <vector>

#include "crypto/sha3/keccak.h"
#include "crypto/sha3/sha3.h"

namespace keel::crypto {
namespace {

using detail::KeccakBackend;
using detail::KeccakPermute;

constexpr size_t kSizes[] = {64, 1024, 16384};

void bench_sha3_256(benchmark::State& state, const KeccakBackend* be, size_t size) {
    std::vector<uint8_t> in(size, 0x5a);
    for (auto _ : state) {
        Sha3_256 h = be ? Sha3_256(*be) : Sha3_256();
        h.update(in);
        auto d = h.final();
        benchmark::DoNotOptimize(d);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * size));
}

template <class X>
void bench_shake(benchmark::State& state, const KeccakBackend* be, size_t size) {
    // Squeezes `size` bytes from a 32-byte seed: the XOF's hot path in ML-KEM/ML-DSA.
    std::vector<uint8_t> seed(32, 0x11), out(size);
    for (auto _ : state) {
        X x = be ? X(*be) : X();
        (void)x.update(seed);
        x.squeeze(out);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * size));
}

template <class Fn>
void bench_permute(benchmark::State& state, Fn fn, size_t lanes) {
    std::vector<uint64_t> s(25 * lanes, 0x0123456789abcdefull);
    const uint64_t t0 = __rdtsc();
    for (auto _ : state) {
        fn(s.data());
        benchmark::DoNotOptimize(s.data());
    }
    const uint64_t t1 = __rdtsc();
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.counters["cycles"] =
        static_cast<double>(t1 - t0) / static_cast<double>(state.iterations());
}

int register_all() {
    for (const KeccakBackend& be : detail::keccak_backends()) {
        const std::string b = be.name;
        for (size_t n : kSizes) {
            const std::string sz = std::to_string(n);
            benchmark::RegisterBenchmark(("sha3-256/" + b + "/" + sz).c_str(), bench_sha3_256, &be,
                                         n);
            benchmark::RegisterBenchmark(("shake128/" + b + "/" + sz).c_str(),
                                         bench_shake<Shake128>, &be, n);
            benchmark::RegisterBenchmark(("shake256/" + b + "/" + sz).c_str(),
                                         bench_shake<Shake256>, &be, n);
        }
        benchmark::RegisterBenchmark(("keccak-f1600/" + b).c_str(), bench_permute<KeccakPermute>,
                                     be.permute, 1);
    }
    for (size_t n : kSizes) {
        const std::string sz = std::to_string(n);
        benchmark::RegisterBenchmark(("sha3-256/" + sz).c_str(), bench_sha3_256, nullptr, n);
        benchmark::RegisterBenchmark(("shake128/" + sz).c_str(), bench_shake<Shake128>, nullptr, n);
        benchmark::RegisterBenchmark(("shake256/" + sz).c_str(), bench_shake<Shake256>, nullptr, n);
    }
    for (const auto& be : detail::keccak_x4_backends()) {
        benchmark::RegisterBenchmark((std::string("keccak-f1600-x4/") + be.name).c_str(),
                                     bench_permute<detail::KeccakX4Permute>, be.permute, 4);
    }
    for (const auto& be : detail::keccak_x8_backends()) {
        benchmark::RegisterBenchmark((std::string("keccak-f1600-x8/") + be.name).c_str(),
                                     bench_permute<detail::KeccakX8Permute>, be.permute, 8);
    }
    benchmark::RegisterBenchmark("keccak-f1600-x4", bench_permute<detail::KeccakX4Permute>,
                                 detail::keccak_x4, 4);
    benchmark::RegisterBenchmark("keccak-f1600-x8", bench_permute<detail::KeccakX8Permute>,
                                 detail::keccak_x8, 8);
    return 0;
}

const int registered = register_all();

}  // namespace
}  // namespace keel::crypto
