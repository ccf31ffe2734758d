// X25519 and Ed25519 operations per second: one shared-secret computation, one
// signature, one verification; per X25519 backend and auto-dispatched.
#include <benchmark/benchmark.h>

#include <array>

#include "crypto/curve25519/ed25519.h"
#include "crypto/curve25519/x25519.h"

namespace {

using namespace keel;
using namespace keel::crypto;

std::array<uint8_t, 32> fill(uint8_t seed) {
    std::array<uint8_t, 32> a;
    for (int i = 0; i < 32; i++) a[i] = static_cast<uint8_t>(seed + 31 * i);
    return a;
}

void x25519_backend(benchmark::State& state, detail::X25519Fn fn) {
    auto k = fill(1), u = fill(2), out = fill(0);
    u[31] &= 0x7f;
    for (auto _ : state) {
        fn(out.data(), k.data(), u.data());
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
}

void x25519_derive(benchmark::State& state) {
    auto k = fill(3), u = fill(4), out = fill(0);
    for (auto _ : state) {
        x25519::scalarmult(out, k, u);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(x25519_derive)->Name("x25519/derive");

void ed25519_sign(benchmark::State& state) {
    auto key = Ed25519PrivateKey::from_bytes(fill(5)).value();
    const auto msg = fill(6);
    for (auto _ : state) {
        auto sig = key.sign(msg);
        benchmark::DoNotOptimize(sig);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ed25519_sign)->Name("ed25519/sign");

void ed25519_verify(benchmark::State& state) {
    auto key = Ed25519PrivateKey::from_bytes(fill(7)).value();
    const auto msg = fill(8);
    const Bytes sig = key.sign(msg).value();
    const Ed25519PublicKey pub = key.public_key();
    for (auto _ : state) {
        auto r = pub.verify(msg, sig);
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ed25519_verify)->Name("ed25519/verify");

// Parsing the public key (point decompression) is part of a verification in TLS.
void ed25519_verify_with_parse(benchmark::State& state) {
    auto key = Ed25519PrivateKey::from_bytes(fill(7)).value();
    const auto msg = fill(8);
    const Bytes sig = key.sign(msg).value();
    const auto pub_bytes = key.public_key().bytes();
    for (auto _ : state) {
        auto r = Ed25519PublicKey::from_bytes(pub_bytes).value().verify(msg, sig);
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ed25519_verify_with_parse)->Name("ed25519/verify+parse");

[[maybe_unused]] const bool registered = [] {
    for (const auto& be : detail::x25519_backends()) {
        benchmark::RegisterBenchmark((std::string("x25519/") + be.name + "/derive").c_str(),
                                     x25519_backend, be.fn);
    }
    return true;
}();

}  // namespace
