// Every Keccak backend this CPU has against the portable one: single-state permutation
// and sponge (SHA-3, SHAKE), batched permutations lane by lane, batched SHAKE against
// single SHAKE. Registered per KEEL_CPU cap, so each tier's list is exercised.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "crypto/sha3/keccak.h"
#include "crypto/sha3/sha3.h"
#include "crypto/sha3/shake_batch.h"

namespace keel::crypto {
namespace {

using detail::KeccakBackend;

const KeccakBackend& portable() {
    return detail::keccak_backends().front();
}

Bytes random_bytes(std::mt19937_64& rng, size_t n) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    return b;
}

TEST(KeccakBackends, PortableIsFirst) {
    EXPECT_STREQ(detail::keccak_backends().front().name, "portable");
    EXPECT_STREQ(detail::keccak_x4_backends().front().name, "portable");
    EXPECT_STREQ(detail::keccak_x8_backends().front().name, "portable");
}

TEST(KeccakBackends, PermutationMatchesPortable) {
    std::mt19937_64 rng(1600);
    for (const KeccakBackend& be : detail::keccak_backends()) {
        SCOPED_TRACE(be.name);
        for (int iter = 0; iter < 10000; iter++) {
            uint64_t a[25], b[25];
            for (int i = 0; i < 25; i++) a[i] = b[i] = rng();
            detail::keccak_f1600_portable(a);
            be.permute(b);
            ASSERT_EQ(0, std::memcmp(a, b, sizeof a)) << "iteration " << iter;
        }
    }
}

TEST(KeccakBackends, AbsorbMatchesPortable) {
    std::mt19937_64 rng(1601);
    for (const KeccakBackend& be : detail::keccak_backends()) {
        SCOPED_TRACE(be.name);
        for (size_t rate : {72, 104, 136, 144, 168}) {
            for (size_t blocks = 0; blocks < 5; blocks++) {
                uint64_t a[25], b[25];
                for (int i = 0; i < 25; i++) a[i] = b[i] = rng();
                const Bytes in = random_bytes(rng, rate * blocks);
                detail::keccak_absorb_portable(a, in.data(), blocks, rate);
                be.absorb(b, in.data(), blocks, rate);
                ASSERT_EQ(0, std::memcmp(a, b, sizeof a)) << rate << " x " << blocks;
            }
        }
    }
}

template <class H>
void check_hash(const KeccakBackend& be, const Bytes& m, std::mt19937_64& rng) {
    H want(portable());
    want.update(m);
    H h(be);
    size_t off = 0;
    while (off < m.size()) {
        const size_t n = std::min<size_t>(m.size() - off, rng() % 211);
        h.update(ByteView(m).subspan(off, n));
        off += n;
    }
    ASSERT_EQ(h.final(), want.final()) << "len " << m.size();
}

template <class X>
void check_xof(const KeccakBackend& be, const Bytes& m, std::mt19937_64& rng) {
    const size_t out_len = rng() % 600;
    Bytes want(out_len), got(out_len);
    X ref(portable());
    ASSERT_TRUE(ref.update(m).ok());
    ref.squeeze(want);
    X x(be);
    size_t off = 0;
    while (off < m.size()) {
        const size_t n = std::min<size_t>(m.size() - off, rng() % 211);
        ASSERT_TRUE(x.update(ByteView(m).subspan(off, n)).ok());
        off += n;
    }
    off = 0;
    while (off < out_len) {
        const size_t n = std::min<size_t>(out_len - off, 1 + rng() % 250);
        x.squeeze(MutableByteView(got).subspan(off, n));
        off += n;
    }
    ASSERT_EQ(got, want) << "len " << m.size() << " out " << out_len;
}

// Every length 0..400 (all rate boundaries and their doubles) plus random long ones,
// with odd update and squeeze splits.
TEST(KeccakBackends, SpongeMatchesPortable) {
    std::mt19937_64 rng(1602);
    for (const KeccakBackend& be : detail::keccak_backends()) {
        SCOPED_TRACE(be.name);
        for (size_t len = 0; len <= 400; len++) {
            const Bytes m = random_bytes(rng, len);
            check_hash<Sha3_224>(be, m, rng);
            check_hash<Sha3_256>(be, m, rng);
            check_hash<Sha3_384>(be, m, rng);
            check_hash<Sha3_512>(be, m, rng);
            check_xof<Shake128>(be, m, rng);
            check_xof<Shake256>(be, m, rng);
        }
        for (int iter = 0; iter < 100; iter++) {
            const Bytes m = random_bytes(rng, 400 + rng() % 5000);
            check_hash<Sha3_256>(be, m, rng);
            check_xof<Shake128>(be, m, rng);
        }
    }
}

template <size_t kN, class Backend>
void check_batch_permutation(const Backend& be, std::mt19937_64& rng) {
    SCOPED_TRACE(be.name);
    for (int iter = 0; iter < 2000; iter++) {
        uint64_t s[25 * kN];
        for (auto& x : s) x = rng();
        uint64_t want[kN][25];
        for (size_t j = 0; j < kN; j++) {
            for (size_t i = 0; i < 25; i++) want[j][i] = s[kN * i + j];
            detail::keccak_f1600_portable(want[j]);
        }
        be.permute(s);
        for (size_t j = 0; j < kN; j++) {
            for (size_t i = 0; i < 25; i++) {
                ASSERT_EQ(s[kN * i + j], want[j][i]) << "state " << j << " lane " << i;
            }
        }
    }
}

TEST(KeccakBackends, BatchPermutationsMatchPortableLaneByLane) {
    std::mt19937_64 rng(1603);
    for (const auto& be : detail::keccak_x4_backends()) check_batch_permutation<4>(be, rng);
    for (const auto& be : detail::keccak_x8_backends()) check_batch_permutation<8>(be, rng);
}

template <class Batch, class Single>
void check_shake_batch(typename Batch::Permute permute, std::mt19937_64& rng) {
    constexpr size_t kN = Batch::kLanes;
    for (size_t len = 0; len <= 400; len++) {
        std::array<Bytes, kN> msgs;
        std::array<ByteView, kN> in;
        for (size_t j = 0; j < kN; j++) {
            msgs[j] = random_bytes(rng, len);
            in[j] = msgs[j];
        }
        Batch x(permute);
        ASSERT_TRUE(x.absorb(in).ok());
        const size_t total = rng() % 700;
        std::array<Bytes, kN> got;
        for (auto& g : got) g.resize(total);
        size_t off = 0;
        while (off < total) {
            const size_t n =
                std::min<size_t>(total - off, (rng() % 2) ? Batch::kBlockSize : 1 + rng() % 200);
            std::array<MutableByteView, kN> out;
            for (size_t j = 0; j < kN; j++) out[j] = MutableByteView(got[j]).subspan(off, n);
            ASSERT_TRUE(x.squeeze(out).ok());
            off += n;
        }
        for (size_t j = 0; j < kN; j++) {
            Bytes want(total);
            Single ref(portable());
            ASSERT_TRUE(ref.update(msgs[j]).ok());
            ref.squeeze(want);
            ASSERT_EQ(got[j], want) << "len " << len << " lane " << j << " out " << total;
        }
    }
}

TEST(ShakeBatch, MatchesSingleShakeOnEveryBackend) {
    std::mt19937_64 rng(1604);
    for (const auto& be : detail::keccak_x4_backends()) {
        SCOPED_TRACE(be.name);
        check_shake_batch<Shake128x4, Shake128>(be.permute, rng);
        check_shake_batch<Shake256x4, Shake256>(be.permute, rng);
    }
    for (const auto& be : detail::keccak_x8_backends()) {
        SCOPED_TRACE(be.name);
        check_shake_batch<Shake128x8, Shake128>(be.permute, rng);
        check_shake_batch<Shake256x8, Shake256>(be.permute, rng);
    }
}

TEST(ShakeBatch, DispatchedMatchesSingleShake) {
    // ML-KEM's shape: 34-byte seeds, three 168-byte blocks.
    std::array<Bytes, 4> seeds;
    std::array<ByteView, 4> in;
    for (size_t j = 0; j < 4; j++) {
        seeds[j] = Bytes(34, static_cast<uint8_t>(j));
        seeds[j][32] = static_cast<uint8_t>(j);
        in[j] = seeds[j];
    }
    Shake128x4 x;
    ASSERT_TRUE(x.absorb(in).ok());
    std::array<Bytes, 4> got;
    std::array<MutableByteView, 4> out;
    for (size_t j = 0; j < 4; j++) {
        got[j].resize(3 * 168);
        out[j] = got[j];
    }
    ASSERT_TRUE(x.squeeze(out).ok());
    for (size_t j = 0; j < 4; j++) {
        Bytes want(3 * 168);
        Shake128::hash(seeds[j], want);
        EXPECT_EQ(got[j], want);
    }
}

TEST(ShakeBatch, RejectsUnequalLengths) {
    const Bytes a(34, 1), b(33, 2);
    Shake256x4 x;
    auto r = x.absorb({ByteView(a), ByteView(a), ByteView(b), ByteView(a)});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::invalid_argument);
    uint8_t o1[10], o2[11];
    auto s = x.squeeze(
        {MutableByteView(o1), MutableByteView(o1), MutableByteView(o2), MutableByteView(o1)});
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code(), Errc::invalid_argument);
}

TEST(ShakeBatch, SqueezeBeforeAbsorbIsShakeOfEmpty) {
    Shake128x8 x;
    std::array<Bytes, 8> got;
    std::array<MutableByteView, 8> out;
    for (size_t j = 0; j < 8; j++) {
        got[j].resize(32);
        out[j] = got[j];
    }
    ASSERT_TRUE(x.squeeze(out).ok());
    Bytes want(32);
    Shake128::hash(ByteView(), want);
    for (const auto& g : got) EXPECT_EQ(g, want);
}

}  // namespace
}  // namespace keel::crypto
