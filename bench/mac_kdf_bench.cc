// HMAC, HKDF, the TLS 1.2 PRF and HMAC_DRBG (DESIGN.md §9). HMAC has no backend of its
// own (its hash's backends are in hash_bench.cc), so rows are <alg>/<size> with the
// dispatched hash. HMAC reuses one keyed object per run, as `openssl speed -hmac` does.
#include <benchmark/benchmark.h>
#include <x86intrin.h>

#include <string>
#include <vector>

#include "crypto/drbg/hmac_drbg.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "crypto/kdf/hkdf.h"
#include "crypto/kdf/tls_prf.h"
#include "crypto/mac/hmac.h"

namespace {

using namespace keel;
using namespace keel::crypto;

// "cycles" for the rows without an OpenSSL counterpart: rdtsc wall time per operation
// (a busy machine inflates it; compare within one run).
void set_cycles(benchmark::State& state, uint64_t t0) {
    state.counters["cycles"] = static_cast<double>(__rdtsc() - t0) /
                               static_cast<double>(state.iterations() ? state.iterations() : 1);
}

template <class H>
void hmac(benchmark::State& state, size_t size) {
    std::vector<uint8_t> key(32, 0x0b), msg(size, 0x5a);
    Hmac<H> m(key);
    for (auto _ : state) {
        m.update(msg);
        auto tag = m.final();
        benchmark::DoNotOptimize(tag);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(size));
}

void hkdf_expand_bench(benchmark::State& state, size_t size) {
    std::vector<uint8_t> prk(32, 0x42), info(20, 0x17), out(size);
    const uint64_t t0 = __rdtsc();
    for (auto _ : state) {
        auto r = hkdf_expand<Sha256>(prk, info, out);
        benchmark::DoNotOptimize(r);
        benchmark::DoNotOptimize(out.data());
    }
    set_cycles(state, t0);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(size));
}

void hkdf_extract_bench(benchmark::State& state) {
    std::vector<uint8_t> salt(32, 1), ikm(32, 2);
    const uint64_t t0 = __rdtsc();
    for (auto _ : state) {
        auto prk = hkdf_extract<Sha256>(salt, ikm);
        benchmark::DoNotOptimize(prk.data());
    }
    set_cycles(state, t0);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// The TLS 1.2 master secret: 48 bytes from a 48-byte premaster and 64 bytes of randoms.
template <class H>
void tls12_prf_bench(benchmark::State& state) {
    std::vector<uint8_t> secret(48, 3), seed(64, 4), out(48);
    const uint64_t t0 = __rdtsc();
    for (auto _ : state) {
        tls12_prf<H>(secret, "master secret", seed, out);
        benchmark::DoNotOptimize(out.data());
    }
    set_cycles(state, t0);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * 48);
}

void drbg_generate(benchmark::State& state, size_t size) {
    auto d = HmacDrbg::instantiate(as_bytes("bench"));
    if (!d.ok()) {
        state.SkipWithError("no OS entropy");
        return;
    }
    std::vector<uint8_t> out(size);
    const uint64_t t0 = __rdtsc();
    for (auto _ : state) {
        auto r = d->generate(out);
        benchmark::DoNotOptimize(r);
        benchmark::DoNotOptimize(out.data());
    }
    set_cycles(state, t0);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(size));
}

void random_bytes_bench(benchmark::State& state, size_t size) {
    std::vector<uint8_t> out(size);
    const uint64_t t0 = __rdtsc();
    for (auto _ : state) {
        auto r = random_bytes(out);
        benchmark::DoNotOptimize(r);
    }
    set_cycles(state, t0);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(size));
}

const bool registered = [] {
    for (size_t size : {size_t{64}, size_t{1024}, size_t{16384}}) {
        auto n = std::to_string(size);
        benchmark::RegisterBenchmark(("hmac-sha256/" + n).c_str(),
                                     [size](benchmark::State& s) { hmac<Sha256>(s, size); });
        benchmark::RegisterBenchmark(("hmac-sha384/" + n).c_str(),
                                     [size](benchmark::State& s) { hmac<Sha384>(s, size); });
        benchmark::RegisterBenchmark(("hmac-sha512/" + n).c_str(),
                                     [size](benchmark::State& s) { hmac<Sha512>(s, size); });
    }
    for (size_t size : {size_t{32}, size_t{64}}) {
        benchmark::RegisterBenchmark(("hkdf-sha256-expand/" + std::to_string(size)).c_str(),
                                     [size](benchmark::State& s) { hkdf_expand_bench(s, size); });
    }
    benchmark::RegisterBenchmark("hkdf-sha256-extract", hkdf_extract_bench);
    benchmark::RegisterBenchmark("tls12-prf-sha256/48", tls12_prf_bench<Sha256>);
    benchmark::RegisterBenchmark("tls12-prf-sha384/48", tls12_prf_bench<Sha384>);
    for (size_t size : {size_t{32}, size_t{1024}}) {
        auto n = std::to_string(size);
        benchmark::RegisterBenchmark(("hmac-drbg-sha256/" + n).c_str(),
                                     [size](benchmark::State& s) { drbg_generate(s, size); });
        benchmark::RegisterBenchmark(("random-bytes/" + n).c_str(),
                                     [size](benchmark::State& s) { random_bytes_bench(s, size); });
    }
    return true;
}();

}  // namespace
