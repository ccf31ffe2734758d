// Hash throughput per backend and for the dispatched choice (DESIGN.md §9):
// <alg>/<backend>/<size> and <alg>/<size>.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "crypto/hash/md5.h"
#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"

namespace {

using namespace keel::crypto;

constexpr size_t kSizes[] = {64, 1024, 16384};

template <class H, class... Args>
void run(benchmark::State& state, size_t size, Args... args) {
    std::vector<uint8_t> msg(size, 0x5a);
    H h(args...);
    for (auto _ : state) {
        h.update(msg);
        auto d = h.final();
        benchmark::DoNotOptimize(d);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(size));
}

// Registers alg/<backend>/<size> for every backend the CPU has, and alg/<size>.
template <class H, class List>
void register_hash(const std::string& alg, List backends) {
    for (size_t size : kSizes) {
        for (const auto& b : backends) {
            benchmark::RegisterBenchmark(
                (alg + "/" + b.name + "/" + std::to_string(size)).c_str(),
                [size, blocks = b.blocks](benchmark::State& s) { run<H>(s, size, blocks); });
        }
        benchmark::RegisterBenchmark((alg + "/" + std::to_string(size)).c_str(),
                                     [size](benchmark::State& s) { run<H>(s, size); });
    }
}

const bool registered = [] {
    register_hash<Sha1>("sha1", detail::sha1_backends());
    register_hash<Sha256>("sha256", detail::sha256_backends());
    register_hash<Sha384>("sha384", detail::sha512_backends());
    register_hash<Sha512>("sha512", detail::sha512_backends());
    for (size_t size : kSizes) {
        benchmark::RegisterBenchmark(("md5/" + std::to_string(size)).c_str(),
                                     [size](benchmark::State& s) { run<Md5>(s, size); });
    }
    return true;
}();

}  // namespace
