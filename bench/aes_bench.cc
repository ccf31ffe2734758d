// AES-GCM seal/open throughput per backend (`aes-128-gcm-seal/vaes512/16384`) and
// auto-dispatched (`aes-128-gcm-seal/16384`). 13 bytes of AAD, as a TLS 1.2 record.
#include <benchmark/benchmark.h>

#include <string>

#include "crypto/aead/gcm.h"

namespace keel::crypto {
namespace {

void run(benchmark::State& state, size_t key_len, bool seal, int backend) {
    const size_t len = static_cast<size_t>(state.range(0));
    Bytes key(key_len, 0x42), iv(12, 0x24), aad(13, 0x11), buf(len, 0x5a), tag(16);
    auto g = backend < 0 ? AesGcm::create(key) : AesGcm::create(key, GcmBackend(backend));
    if (!g.ok()) {
        state.SkipWithError("backend unavailable");
        return;
    }
    // Open needs a valid record every iteration without a copy in the timed loop.
    // CTR is an XOR, so with c = seal(p) under tag t0 and seal(c) = p under tag t1,
    // opening c with t0 yields p and opening p with t1 yields c again.
    Bytes tag1(16);
    if (!seal) {
        (void)g->seal(iv, aad, buf, tag);
        Bytes again = buf;
        (void)g->seal(iv, aad, again, tag1);
    }
    bool odd = false;
    for (auto _ : state) {
        if (seal) {
            (void)g->seal(iv, aad, buf, tag);
        } else {
            auto r = g->open(iv, aad, buf, odd ? tag1 : tag);
            if (!r.ok()) {
                state.SkipWithError("open failed");
                break;
            }
            odd = !odd;
        }
        benchmark::DoNotOptimize(buf.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(len));
}

void register_all() {
    for (size_t key_len : {16u, 32u}) {
        for (bool seal : {true, false}) {
            const std::string alg = std::string("aes-") + (key_len == 16 ? "128" : "256") +
                                    "-gcm-" + (seal ? "seal" : "open");
            for (int b : {0, 1, 2}) {
                const std::string name = alg + "/" + gcm_backend_name(static_cast<GcmBackend>(b));
                benchmark::RegisterBenchmark(name.c_str(),
                                             [=](benchmark::State& s) { run(s, key_len, seal, b); })
                    ->Arg(16)
                    ->Arg(1024)
                    ->Arg(8192)
                    ->Arg(16384);
            }
            benchmark::RegisterBenchmark(alg.c_str(),
                                         [=](benchmark::State& s) { run(s, key_len, seal, -1); })
                ->Arg(16)
                ->Arg(1024)
                ->Arg(8192)
                ->Arg(16384);
        }
    }
}

const int kRegistered = (register_all(), 0);

}  // namespace
}  // namespace keel::crypto
