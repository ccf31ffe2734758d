// AES-CCM and AES-CBC throughput per AES backend and for the dispatched choice
// (DESIGN.md §9): <alg>/<backend>/<size> and <alg>/<size>.
//
// CCM runs as `openssl speed -evp aes-128-ccm` does: a fresh nonce setup per message,
// no AAD (12-byte nonce, 16-byte tag here).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "crypto/aead/ccm.h"
#include "crypto/cbc/cbc.h"

namespace {

using namespace keel;
using namespace keel::crypto;

constexpr size_t kSizes[] = {16, 1024, 8192, 16384};

void ccm(benchmark::State& state, size_t size, bool open, const AesBackend* backend) {
    const Bytes key(16, 0x11), nonce(12, 0x22);
    auto c = backend ? AesCcm::create(key, *backend) : AesCcm::create(key);
    if (!c) return state.SkipWithError("no CCM");
    Bytes buf(size, 0x5a), tag(16);
    if (open) (void)c->seal(nonce, {}, buf, tag);
    Bytes ct = buf;
    for (auto _ : state) {
        if (open) {
            auto r = c->open(nonce, {}, buf, tag);
            if (!r) return state.SkipWithError("open failed");
            buf = ct;  // restore the ciphertext; a 16 KiB memcpy is noise next to CCM
        } else {
            (void)c->seal(nonce, {}, buf, tag);
        }
        benchmark::DoNotOptimize(buf.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(size));
}

void cbc(benchmark::State& state, size_t size, bool decrypt, const AesBackend* backend) {
    const Bytes key(16, 0x11), iv(16, 0x33);
    auto c = backend ? AesCbc::create(key, *backend) : AesCbc::create(key);
    if (!c) return state.SkipWithError("no CBC");
    Bytes buf(size, 0x5a);
    for (auto _ : state) {
        if (decrypt) {
            (void)c->decrypt(iv, buf, buf);
        } else {
            (void)c->encrypt(iv, buf, buf);
        }
        benchmark::DoNotOptimize(buf.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(size));
}

template <class Fn>
void register_alg(const std::string& alg, Fn fn, bool flag) {
    for (size_t size : kSizes) {
        for (const AesBackend& b : Aes::backends()) {
            benchmark::RegisterBenchmark(
                (alg + "/" + aes_backend_name(b) + "/" + std::to_string(size)).c_str(),
                [=, pb = &b](benchmark::State& s) { fn(s, size, flag, pb); });
        }
        benchmark::RegisterBenchmark((alg + "/" + std::to_string(size)).c_str(),
                                     [=](benchmark::State& s) { fn(s, size, flag, nullptr); });
    }
}

const bool registered = [] {
    register_alg("aes-128-ccm-seal", ccm, false);
    register_alg("aes-128-ccm-open", ccm, true);
    register_alg("aes-128-cbc-encrypt", cbc, false);
    register_alg("aes-128-cbc-decrypt", cbc, true);
    return true;
}();

}  // namespace
