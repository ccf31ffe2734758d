// ChaCha20, Poly1305 and ChaCha20-Poly1305 throughput, per backend and dispatched.
// Names: chacha20-poly1305-seal/avx512/16384, chacha20-poly1305-seal/16384,
// chacha20/avx2/1024, poly1305/ifma/16384.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "crypto/chacha/chacha20.h"
#include "crypto/chacha/chacha20_poly1305.h"
#include "crypto/chacha/poly1305.h"

namespace keel::crypto {
namespace {

constexpr size_t kSizes[] = {16, 1024, 8192, 16384};

struct Tier {
    std::string name;
    detail::ChaCha20Xor chacha;
    detail::Poly1305Blocks poly;
};

// An AEAD backend is a ChaCha20 backend with the best Poly1305 of the same ISA tier.
std::vector<Tier> tiers() {
    std::vector<Tier> out;
    auto poly_named = [](const char* name) {
        for (const auto& p : detail::poly1305_backends()) {
            if (std::string(p.name) == name) return p.blocks;
        }
        return detail::poly1305_blocks_portable;
    };
    for (const auto& c : detail::chacha20_backends()) {
        detail::Poly1305Blocks p = detail::poly1305_blocks_portable;
        if (std::string(c.name) == "avx2") p = poly_named("avx2");
        if (std::string(c.name) == "avx512") p = poly_named("ifma");
        out.push_back({c.name, c.xor_fn, p});
    }
    return out;
}

void aead(benchmark::State& state, detail::ChaCha20Xor c, detail::Poly1305Blocks p, bool seal,
          size_t size) {
    Bytes key(32, 0x11), nonce(12, 0x22), aad(13, 0x33), buf(size, 0x44);
    auto a = (c == nullptr) ? ChaCha20Poly1305::create(key) : ChaCha20Poly1305::create(key, c, p);
    uint8_t tag[16];
    (void)a->seal(nonce, aad, buf, tag);
    Bytes sealed = buf;
    for (auto _ : state) {
        if (seal) {
            (void)a->seal(nonce, aad, buf, tag);
        } else {
            // Opening a sealed message each time: the tag verifies, plaintext out.
            std::memcpy(buf.data(), sealed.data(), size);
            (void)a->open(nonce, aad, buf, ByteView(tag, 16));
        }
        benchmark::DoNotOptimize(buf.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * size);
}

void chacha(benchmark::State& state, detail::ChaCha20Xor fn, size_t size) {
    uint32_t key[8] = {1, 2, 3, 4, 5, 6, 7, 8}, nonce[3] = {9, 10, 11};
    Bytes buf(size, 0x55);
    for (auto _ : state) {
        fn(key, nonce, 1, buf.data(), buf.data(), size);
        benchmark::DoNotOptimize(buf.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * size);
}

void poly(benchmark::State& state, detail::Poly1305Blocks fn, size_t size) {
    uint8_t key[32] = {1, 2, 3};
    Bytes buf(size, 0x66);
    for (auto _ : state) {
        Poly1305 p(key, fn);
        p.update(buf);
        auto t = p.final();
        benchmark::DoNotOptimize(t.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * size);
}

int register_all() {
    for (size_t size : kSizes) {
        const std::string sz = std::to_string(size);
        for (bool seal : {true, false}) {
            const std::string op = seal ? "chacha20-poly1305-seal/" : "chacha20-poly1305-open/";
            for (const auto& t : tiers()) {
                benchmark::RegisterBenchmark((op + t.name + "/" + sz).c_str(), aead, t.chacha,
                                             t.poly, seal, size);
            }
            benchmark::RegisterBenchmark((op + sz).c_str(), aead, nullptr, nullptr, seal, size);
        }
        for (const auto& c : detail::chacha20_backends()) {
            benchmark::RegisterBenchmark(("chacha20/" + std::string(c.name) + "/" + sz).c_str(),
                                         chacha, c.xor_fn, size);
        }
        for (const auto& p : detail::poly1305_backends()) {
            benchmark::RegisterBenchmark(("poly1305/" + std::string(p.name) + "/" + sz).c_str(),
                                         poly, p.blocks, size);
        }
    }
    return 0;
}

const int registered = register_all();

}  // namespace
}  // namespace keel::crypto
