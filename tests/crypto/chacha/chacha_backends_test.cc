// Every ChaCha20 and Poly1305 backend against the portable one: random keys, nonces
// and lengths (every length around the 64, 512 and 1024-byte strides), odd streaming
// splits for Poly1305, and 10k random AEAD cases per backend pair.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

#include "crypto/chacha/chacha20.h"
#include "crypto/chacha/chacha20_poly1305.h"
#include "crypto/chacha/poly1305.h"

namespace keel::crypto {
namespace {

Bytes random_bytes(std::mt19937_64& rng, size_t n) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    return b;
}

// Lengths around every stride boundary the backends use, up to 2 KiB + a bit.
std::vector<size_t> boundary_lengths() {
    std::vector<size_t> out;
    for (size_t base : {0, 64, 128, 192, 256, 320, 512, 768, 1024, 1536, 2048, 4096}) {
        for (int d = -3; d <= 3; d++) {
            if (static_cast<int>(base) + d >= 0) out.push_back(base + d);
        }
    }
    for (size_t n = 0; n <= 300; n++) out.push_back(n);
    return out;
}

TEST(ChaChaBackends, ChaCha20MatchesPortable) {
    std::mt19937_64 rng(1);
    auto backends = detail::chacha20_backends();
    for (size_t len : boundary_lengths()) {
        Bytes key = random_bytes(rng, 32), nonce = random_bytes(rng, 12);
        Bytes msg = random_bytes(rng, len);
        uint32_t counter = static_cast<uint32_t>(rng() % 1000);
        if (len % 5 == 0) counter = 0xffffffffu - 70;  // lanes near the top of the counter
        auto ref = ChaCha20::create(key, detail::chacha20_xor_portable);
        Bytes want(len);
        auto r = ref->xor_stream(nonce, counter, msg, want);
        if (!r.ok()) continue;  // would wrap: covered in chacha20_test.cc
        for (const auto& b : backends) {
            auto c = ChaCha20::create(key, b.xor_fn);
            Bytes got(len);
            ASSERT_TRUE(c->xor_stream(nonce, counter, msg, got).ok());
            ASSERT_EQ(got, want) << b.name << " len " << len << " counter " << counter;
        }
    }
}

TEST(ChaChaBackends, Poly1305MatchesPortableWithOddSplits) {
    std::mt19937_64 rng(2);
    for (size_t len : boundary_lengths()) {
        Bytes key = random_bytes(rng, 32), msg = random_bytes(rng, len);
        std::span<const uint8_t, 32> k(key.data(), 32);
        Poly1305::Tag want = [&] {
            Poly1305 p(k, detail::poly1305_blocks_portable);
            p.update(msg);
            return p.final();
        }();
        for (const auto& b : detail::poly1305_backends()) {
            // Random split points, including zero-length and sub-block pieces.
            Poly1305 p(k, b.blocks);
            size_t off = 0;
            while (off < len) {
                size_t n = std::min<size_t>(len - off, rng() % 3 == 0 ? rng() % 17 : rng() % 600);
                p.update(ByteView(msg).subspan(off, n));
                off += n;
            }
            ASSERT_EQ(p.final(), want) << b.name << " len " << len;
        }
    }
}

// Poly1305 accumulator edge values: all-ones blocks and keys with every r bit set
// push every limb to its bound on each backend.
TEST(ChaChaBackends, Poly1305ExtremeInputs) {
    for (uint8_t fill : {0x00, 0xff}) {
        Bytes key(32, 0xff), msg(4096 + 15, fill);
        std::span<const uint8_t, 32> k(key.data(), 32);
        Poly1305 ref(k, detail::poly1305_blocks_portable);
        ref.update(msg);
        Poly1305::Tag want = ref.final();
        for (const auto& b : detail::poly1305_backends()) {
            Poly1305 p(k, b.blocks);
            p.update(msg);
            EXPECT_EQ(p.final(), want) << b.name << " fill " << int(fill);
        }
    }
}

TEST(ChaChaBackends, AeadRandomCasesMatchPortable) {
    std::mt19937_64 rng(3);
    std::vector<std::pair<std::string, std::pair<detail::ChaCha20Xor, detail::Poly1305Blocks>>>
        pairs;
    for (const auto& c : detail::chacha20_backends()) {
        for (const auto& p : detail::poly1305_backends()) {
            pairs.push_back({std::string(c.name) + "+" + p.name, {c.xor_fn, p.blocks}});
        }
    }
    for (int i = 0; i < 10000; i++) {
        Bytes key = random_bytes(rng, 32), nonce = random_bytes(rng, 12);
        Bytes aad = random_bytes(rng, rng() % 301);
        Bytes msg = random_bytes(rng, i < 200 ? 4800 + i : rng() % 5001);
        auto ref = ChaCha20Poly1305::create(key, detail::chacha20_xor_portable,
                                            detail::poly1305_blocks_portable);
        Bytes want = msg;
        uint8_t want_tag[16];
        ASSERT_TRUE(ref->seal(nonce, aad, want, want_tag).ok());
        for (size_t j = 1; j < pairs.size(); j++) {
            auto a = ChaCha20Poly1305::create(key, pairs[j].second.first, pairs[j].second.second);
            Bytes io = msg;
            uint8_t tag[16];
            ASSERT_TRUE(a->seal(nonce, aad, io, tag).ok());
            ASSERT_EQ(io, want) << pairs[j].first << " case " << i;
            ASSERT_EQ(0, std::memcmp(tag, want_tag, 16)) << pairs[j].first << " case " << i;
            ASSERT_TRUE(a->open(nonce, aad, io, ByteView(tag, 16)).ok());
            ASSERT_EQ(io, msg) << pairs[j].first << " case " << i;
        }
        // XChaCha20-Poly1305 shares the core; a tenth of the cases check it too.
        if (i % 10 == 0) {
            Bytes xnonce = random_bytes(rng, 24);
            auto xref = XChaCha20Poly1305::create(key, detail::chacha20_xor_portable,
                                                  detail::poly1305_blocks_portable);
            Bytes xwant = msg;
            uint8_t xtag[16];
            ASSERT_TRUE(xref->seal(xnonce, aad, xwant, xtag).ok());
            for (size_t j = 1; j < pairs.size(); j++) {
                auto a =
                    XChaCha20Poly1305::create(key, pairs[j].second.first, pairs[j].second.second);
                Bytes io = msg;
                uint8_t tag[16];
                ASSERT_TRUE(a->seal(xnonce, aad, io, tag).ok());
                ASSERT_EQ(io, xwant) << pairs[j].first << " xchacha case " << i;
                ASSERT_EQ(0, std::memcmp(tag, xtag, 16)) << pairs[j].first << " case " << i;
                ASSERT_TRUE(a->open(xnonce, aad, io, ByteView(tag, 16)).ok());
                ASSERT_EQ(io, msg);
            }
        }
    }
}

}  // namespace
}  // namespace keel::crypto
