// Every backend against the portable one (DESIGN.md §8): every length 0..200, then
// 10,000 random lengths up to 4 KiB fed through random, mostly odd-sized update()
// splits. Also the streaming API contract every hash shares.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "base/cpu.h"
#include "crypto/hash/md5.h"
#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"

namespace keel::crypto {
namespace {

// Feeds `m` in random chunks: mostly small odd sizes, sometimes block-sized or large,
// so that buffered, direct and mixed paths of update() all run.
template <class H>
void update_split(H& h, ByteView m, std::mt19937_64& rng) {
    static constexpr size_t kPicks[] = {0, 1, 3, 7, 55, 63, 64, 65, 111, 127, 128, 129, 255};
    while (!m.empty()) {
        size_t r = rng() % 4;
        size_t n = r == 0   ? kPicks[rng() % std::size(kPicks)]
                   : r == 1 ? rng() % 700
                            : 2 * (rng() % 40) + 1;
        n = std::min(n, m.size());
        h.update(m.first(n));
        m = m.subspan(n);
    }
}

template <class H, class Backends>
void differential(Backends backends) {
    ASSERT_GE(backends.size(), 1u);
    ASSERT_STREQ(backends[0].name, "portable");
    const auto portable = backends[0].blocks;
    std::mt19937_64 rng(0x6b65656c);  // fixed seed: a failure reproduces
    std::vector<uint8_t> data(4096 + 64);
    for (auto& b : data) b = static_cast<uint8_t>(rng());

    // Reference digests, one update() each, through the portable backend.
    auto reference = [&](ByteView m) {
        H h(portable);
        h.update(m);
        return h.final();
    };
    for (const auto& b : backends) {
        for (size_t len = 0; len <= 200; len++) {
            ByteView m = ByteView(data).subspan(len % 7, len);
            H h(b.blocks);
            h.update(m);
            ASSERT_EQ(h.final(), reference(m)) << b.name << " len " << len;
        }
        for (int i = 0; i < 10000; i++) {
            size_t len = rng() % 4097;
            ByteView m = ByteView(data).subspan(rng() % 64, len);
            H h(b.blocks);
            update_split(h, m, rng);
            ASSERT_EQ(h.final(), reference(m)) << b.name << " len " << len << " iter " << i;
        }
    }
    // The dispatched choice, one-shot, agrees too.
    for (size_t len = 0; len <= 1100; len += 37) {
        ByteView m = ByteView(data).first(len);
        ASSERT_EQ(H::hash(m), reference(m)) << "dispatched len " << len;
    }
}

TEST(HashBackends, Sha1MatchesPortable) {
    differential<Sha1>(detail::sha1_backends());
}
TEST(HashBackends, Sha256MatchesPortable) {
    differential<Sha256>(detail::sha256_backends());
}
TEST(HashBackends, Sha224MatchesPortable) {
    differential<Sha224>(detail::sha256_backends());
}
TEST(HashBackends, Sha512MatchesPortable) {
    differential<Sha512>(detail::sha512_backends());
}
TEST(HashBackends, Sha384MatchesPortable) {
    differential<Sha384>(detail::sha512_backends());
}

// Dispatch honours KEEL_CPU: the last listed backend is what a default object uses,
// and no backend beyond the cap is listed.
TEST(HashBackends, ListsRespectCpuCap) {
    for (const auto& b : detail::sha256_backends()) {
        if (std::string_view(b.name) == "shani") {
            EXPECT_TRUE(cpu::has(cpu::kShaNi | cpu::kSse41));
        }
    }
    for (const auto& b : detail::sha1_backends()) {
        if (std::string_view(b.name) == "shani") {
            EXPECT_TRUE(cpu::has(cpu::kShaNi | cpu::kSse41));
        }
    }
    for (const auto& b : detail::sha512_backends()) {
        if (std::string_view(b.name) == "avx2") {
            EXPECT_TRUE(cpu::has(cpu::kAvx2 | cpu::kBmi2));
        }
    }
}

// The streaming contract, for every hash.
template <class H>
class HashApi : public ::testing::Test {};
using AllHashes =
    ::testing::Types<Md5, Sha1, Sha224, Sha256, Sha384, Sha512, Sha512_224, Sha512_256>;
TYPED_TEST_SUITE(HashApi, AllHashes);

Bytes pattern(size_t n) {
    Bytes b(n);
    for (size_t i = 0; i < n; i++) b[i] = static_cast<uint8_t>(i * 131 + 7);
    return b;
}

TYPED_TEST(HashApi, FinalResetsTheObject) {
    Bytes m = pattern(300);
    TypeParam h;
    h.update(m);
    auto first = h.final();
    EXPECT_EQ(first, TypeParam::hash(m));
    // After final() the object hashes a new message from scratch.
    EXPECT_EQ(h.final(), TypeParam::hash({}));
    h.update(m);
    EXPECT_EQ(h.final(), first);
}

TYPED_TEST(HashApi, ResetDiscardsPartialInput) {
    Bytes m = pattern(1000);
    for (size_t cut : {size_t{1}, size_t{63}, size_t{64}, size_t{127}, size_t{128}, size_t{999}}) {
        TypeParam h;
        h.update(ByteView(m).first(cut));
        h.reset();
        h.update(m);
        EXPECT_EQ(h.final(), TypeParam::hash(m)) << "cut " << cut;
    }
}

TYPED_TEST(HashApi, EmptyUpdatesChangeNothing) {
    Bytes m = pattern(200);
    TypeParam h;
    h.update({});
    h.update(ByteView(m).first(100));
    h.update({});
    h.update(ByteView(m).subspan(100));
    h.update({});
    EXPECT_EQ(h.final(), TypeParam::hash(m));
}

// HMAC precomputes keyed states and copies them; a copy must continue independently.
TYPED_TEST(HashApi, CopyForksTheState) {
    Bytes m = pattern(500);
    TypeParam a;
    a.update(ByteView(m).first(77));
    TypeParam b = a;
    a.update(ByteView(m).subspan(77));
    b.update(ByteView(m).subspan(77, 100));
    EXPECT_EQ(a.final(), TypeParam::hash(m));
    EXPECT_EQ(b.final(), TypeParam::hash(ByteView(m).first(177)));
}

TYPED_TEST(HashApi, DigestAndBlockSizes) {
    EXPECT_EQ(TypeParam::hash({}).size(), TypeParam::kDigestSize);
    EXPECT_TRUE(TypeParam::kBlockSize == 64 || TypeParam::kBlockSize == 128);
}

}  // namespace
}  // namespace keel::crypto
