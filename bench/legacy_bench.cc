// Legacy ciphers (crypto/legacy): 3DES-EDE-CBC, DES-CBC and RC4, constant-time
// implementations. No OpenSSL rows: openssl's are table-driven, a different trade.
#include <benchmark/benchmark.h>

#include <string>

#include "crypto/legacy/des.h"
#include "crypto/legacy/rc4.h"

namespace {

using namespace keel;
using namespace keel::crypto;

constexpr size_t kSizes[] = {16, 1024, 16384};

void des_cbc(benchmark::State& state, size_t size, size_t key_len) {
    auto d = Des::create(Bytes(key_len, 0x13));
    const Bytes iv(8, 0x24);
    Bytes buf(size, 0x5a);
    for (auto _ : state) {
        (void)d->cbc_encrypt(iv, buf, buf);
        benchmark::DoNotOptimize(buf.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(size));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));  // messages/s
}

void rc4(benchmark::State& state, size_t size) {
    auto r = Rc4::create(Bytes(16, 0x13));
    Bytes buf(size, 0x5a);
    for (auto _ : state) {
        (void)r->crypt(buf, buf);
        benchmark::DoNotOptimize(buf.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(size));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));  // messages/s
}

const bool registered = [] {
    for (size_t size : kSizes) {
        const std::string s = std::to_string(size);
        benchmark::RegisterBenchmark(("des-ede3-cbc-encrypt/" + s).c_str(),
                                     [=](benchmark::State& st) { des_cbc(st, size, 24); });
        benchmark::RegisterBenchmark(("des-cbc-encrypt/" + s).c_str(),
                                     [=](benchmark::State& st) { des_cbc(st, size, 8); });
        benchmark::RegisterBenchmark(("rc4/" + s).c_str(),
                                     [=](benchmark::State& st) { rc4(st, size); });
    }
    return true;
}();

}  // namespace
