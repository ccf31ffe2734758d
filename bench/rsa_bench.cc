// RSA private (CRT, blinded, fault-checked) and public operations, and the Montgomery
// multiplication under them, per backend.
#include <benchmark/benchmark.h>

#include <map>
#include <string>

#include "crypto/bn/bn.h"
#include "crypto/rsa/rsa.h"

namespace {

using namespace keel;
using namespace keel::crypto;

// Keys are generated once per size (deterministic seed) and reused.
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
    uint64_t state_ = 42;
};

const RsaPrivateKey& key(size_t bits) {
    static std::map<size_t, RsaPrivateKey> keys;
    auto it = keys.find(bits);
    if (it == keys.end()) {
        BenchRng rng;
        auto k = RsaPrivateKey::generate(rng, bits);
        it = keys.emplace(bits, std::move(k.value())).first;
    }
    return it->second;
}

void rsa_sign(benchmark::State& state, int64_t bits) {
    const auto& k = key(static_cast<size_t>(bits));
    BenchRng rng;
    Bytes msg(32, 0x5a);
    for (auto _ : state) {
        auto sig = k.sign_pkcs1(HashAlg::sha256, msg, rng);
        benchmark::DoNotOptimize(sig);
    }
    state.SetItemsProcessed(state.iterations());
}

void rsa_verify(benchmark::State& state, int64_t bits) {
    const auto& k = key(static_cast<size_t>(bits));
    BenchRng rng;
    Bytes msg(32, 0x5a);
    auto pub = k.public_key();
    auto sig = k.sign_pkcs1(HashAlg::sha256, msg, rng);
    for (auto _ : state) {
        auto r = pub.verify_pkcs1(HashAlg::sha256, msg, *sig);
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations());
}

void mont_mul(benchmark::State& state, bn::detail::Backend backend, size_t limbs) {
    std::vector<bn::Limb> m(limbs, 0x9e3779b97f4a7c15ull), a(limbs, 0x1234), r(limbs);
    m[0] |= 1;
    m[limbs - 1] |= 1ull << 63;
    bn::Limb inv = m[0];
    for (int i = 0; i < 5; i++) inv *= 2 - m[0] * inv;
    auto fn = bn::detail::mont_mul_fn(backend);
    for (auto _ : state) {
        fn(a.data(), a.data(), a.data(), m.data(), 0 - inv, limbs);
        benchmark::DoNotOptimize(a);
    }
    state.SetItemsProcessed(state.iterations());
}

// Names: rsa<bits>/sign and rsa<bits>/verify (auto-dispatched backend), and the
// Montgomery multiplication per backend.
const bool registered = [] {
    for (int64_t bits : {2048, 3072, 4096}) {
        std::string b = std::to_string(bits);
        benchmark::RegisterBenchmark(("rsa" + b + "/sign").c_str(),
                                     [bits](benchmark::State& st) { rsa_sign(st, bits); });
        benchmark::RegisterBenchmark(("rsa" + b + "/verify").c_str(),
                                     [bits](benchmark::State& st) { rsa_verify(st, bits); });
    }
    for (auto backend : bn::detail::available_backends()) {
        if (backend == bn::detail::Backend::ifma) continue;  // accelerates exp, not mul
        for (int64_t limbs : {16, 32, 64}) {
            std::string name = std::string("montmul/") + bn::detail::backend_name(backend) + "/" +
                               std::to_string(limbs * 64);
            benchmark::RegisterBenchmark(name.c_str(), [backend, limbs](benchmark::State& st) {
                mont_mul(st, backend, static_cast<size_t>(limbs));
            });
        }
    }
    return true;
}();

}  // namespace
