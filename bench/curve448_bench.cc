// X448 and Ed448 operations per second.
#include <benchmark/benchmark.h>

#include <array>

#include "crypto/curve448/ed448.h"
#include "crypto/curve448/x448.h"

namespace {

using namespace keel;
using namespace keel::crypto;

std::array<uint8_t, 56> fill56(uint8_t seed) {
    std::array<uint8_t, 56> a;
    for (int i = 0; i < 56; i++) a[i] = static_cast<uint8_t>(seed + 31 * i);
    return a;
}

void x448_derive(benchmark::State& state) {
    auto k = fill56(3), u = fill56(4), out = fill56(0);
    for (auto _ : state) {
        x448::scalarmult(out, k, u);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(x448_derive)->Name("x448/derive");
BENCHMARK(x448_derive)->Name("x448/portable/derive");

void ed448_sign(benchmark::State& state) {
    auto key = Ed448PrivateKey::from_bytes(Bytes(57, 5)).value();
    const auto msg = fill56(6);
    for (auto _ : state) {
        auto sig = key.sign(msg);
        benchmark::DoNotOptimize(sig);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ed448_sign)->Name("ed448/sign");

void ed448_verify(benchmark::State& state) {
    auto key = Ed448PrivateKey::from_bytes(Bytes(57, 7)).value();
    const auto msg = fill56(8);
    const Bytes sig = key.sign(msg).value();
    const Ed448PublicKey pub = key.public_key();
    for (auto _ : state) {
        auto r = pub.verify(msg, sig);
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ed448_verify)->Name("ed448/verify");

}  // namespace
