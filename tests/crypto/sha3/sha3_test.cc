#include "crypto/sha3/sha3.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using detail::KeccakBackend;
using test::hex;
using test::unhex;

template <class H>
std::string digest_hex(ByteView m, const KeccakBackend& be) {
    H h(be);
    h.update(m);
    return hex(h.final());
}

template <class X>
std::string xof_hex(ByteView m, size_t n, const KeccakBackend& be) {
    X x(be);
    EXPECT_TRUE(x.update(m).ok());
    Bytes out(n);
    x.squeeze(out);
    return hex(out);
}

// FIPS 202 example values (NIST CSRC "SHA3-*_Msg0", "_Msg1600" examples, and "abc").
TEST(Sha3, NistExamples) {
    const Bytes a3(200, 0xa3);
    for (const KeccakBackend& be : detail::keccak_backends()) {
        SCOPED_TRACE(be.name);
        EXPECT_EQ(digest_hex<Sha3_224>(as_bytes(""), be),
                  "6b4e03423667dbb73b6e15454f0eb1abd4597f9a1b078e3f5b5a6bc7");
        EXPECT_EQ(digest_hex<Sha3_256>(as_bytes(""), be),
                  "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
        EXPECT_EQ(digest_hex<Sha3_384>(as_bytes(""), be),
                  "0c63a75b845e4f7d01107d852e4c2485c51a50aaaa94fc61995e71bbee983a2a"
                  "c3713831264adb47fb6bd1e058d5f004");
        EXPECT_EQ(digest_hex<Sha3_512>(as_bytes(""), be),
                  "a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a6"
                  "15b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26");
        EXPECT_EQ(digest_hex<Sha3_224>(as_bytes("abc"), be),
                  "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf");
        EXPECT_EQ(digest_hex<Sha3_256>(as_bytes("abc"), be),
                  "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
        EXPECT_EQ(digest_hex<Sha3_384>(as_bytes("abc"), be),
                  "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b2"
                  "98d88cea927ac7f539f1edf228376d25");
        EXPECT_EQ(digest_hex<Sha3_512>(as_bytes("abc"), be),
                  "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
                  "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0");
        EXPECT_EQ(digest_hex<Sha3_224>(a3, be),
                  "9376816aba503f72f96ce7eb65ac095deee3be4bf9bbc2a1cb7e11e0");
        EXPECT_EQ(digest_hex<Sha3_256>(a3, be),
                  "79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787");
        EXPECT_EQ(digest_hex<Sha3_384>(a3, be),
                  "1881de2ca7e41ef95dc4732b8f5f002b189cc1e42b74168ed1732649ce1dbcdd"
                  "76197a31fd55ee989f2d7050dd473e8f");
        EXPECT_EQ(digest_hex<Sha3_512>(a3, be),
                  "e76dfad22084a8b1467fcf2ffa58361bec7628edf5f3fdc0e4805dc48caeeca8"
                  "1b7c13c30adf52a3659584739a2df46be589c51ca1a4a8416df6545a1ce8ba00");

        EXPECT_EQ(xof_hex<Shake128>(as_bytes(""), 32, be),
                  "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26");
        EXPECT_EQ(xof_hex<Shake256>(as_bytes(""), 64, be),
                  "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f"
                  "d75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be");
        EXPECT_EQ(xof_hex<Shake128>(as_bytes("abc"), 32, be),
                  "5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8");
        EXPECT_EQ(xof_hex<Shake256>(as_bytes("abc"), 64, be),
                  "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739"
                  "d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4");
        EXPECT_EQ(xof_hex<Shake128>(a3, 32, be),
                  "131ab8d2b594946b9c81333f9bb6e0ce75c3b93104fa3469d3917457385da037");
        EXPECT_EQ(xof_hex<Shake256>(a3, 32, be),
                  "cd8a920ed141aa0407a22d59288652e9d9f1a7ee0c1e7c1ca699424da84a904d");
    }
}

// Known answers from `openssl dgst` (vectors/kat/gen_sha3.sh), for every backend.
TEST(Sha3, OpensslKnownAnswers) {
    const auto& doc = test::load_vectors("kat/sha3.json");
    size_t checked = 0;
    for (const KeccakBackend& be : detail::keccak_backends()) {
        SCOPED_TRACE(be.name);
        for (const auto& c : doc["cases"].as_array()) {
            const Bytes m = c["msg"].as_hex();
            ASSERT_EQ(m.size(), static_cast<size_t>(c["len"].as_int()));
            const size_t xof = static_cast<size_t>(c["xoflen"].as_int());
            SCOPED_TRACE(m.size());
            EXPECT_EQ(digest_hex<Sha3_224>(m, be), c["sha3_224"].as_string());
            EXPECT_EQ(digest_hex<Sha3_256>(m, be), c["sha3_256"].as_string());
            EXPECT_EQ(digest_hex<Sha3_384>(m, be), c["sha3_384"].as_string());
            EXPECT_EQ(digest_hex<Sha3_512>(m, be), c["sha3_512"].as_string());
            EXPECT_EQ(xof_hex<Shake128>(m, xof, be), c["shake128"].as_string());
            EXPECT_EQ(xof_hex<Shake256>(m, xof, be), c["shake256"].as_string());
            checked++;
        }
    }
    EXPECT_GE(checked, 317u);
}

TEST(Sha3, DispatchedOneShotMatchesVectors) {
    const auto& doc = test::load_vectors("kat/sha3.json");
    for (const auto& c : doc["cases"].as_array()) {
        const Bytes m = c["msg"].as_hex();
        EXPECT_EQ(hex(Sha3_256::hash(m)), c["sha3_256"].as_string());
        EXPECT_EQ(hex(Sha3_512::hash(m)), c["sha3_512"].as_string());
        Bytes out(static_cast<size_t>(c["xoflen"].as_int()));
        Shake128::hash(m, out);
        EXPECT_EQ(hex(out), c["shake128"].as_string());
        Shake256::hash(m, out);
        EXPECT_EQ(hex(out), c["shake256"].as_string());
    }
}

// Splits `total` into random pieces, biased toward small and block-straddling ones.
std::vector<size_t> random_split(size_t total, std::mt19937_64& rng) {
    std::vector<size_t> parts;
    while (total > 0) {
        size_t cap = (rng() % 4 == 0) ? 300 : 9;
        size_t n = std::min<size_t>(total, rng() % (cap + 1));
        parts.push_back(n);
        total -= n;
    }
    if (rng() % 3 == 0) parts.insert(parts.begin() + rng() % (parts.size() + 1), 0);
    return parts;
}

template <class H>
void check_hash_splits(std::mt19937_64& rng) {
    for (int iter = 0; iter < 300; iter++) {
        Bytes m(rng() % 700);
        for (auto& b : m) b = static_cast<uint8_t>(rng());
        const auto want = H::hash(m);
        H h;
        size_t off = 0;
        for (size_t n : random_split(m.size(), rng)) {
            h.update(ByteView(m).subspan(off, n));
            off += n;
        }
        ASSERT_EQ(h.final(), want) << "len " << m.size();
    }
}

TEST(Sha3, UpdateSplitsMatchOneShot) {
    std::mt19937_64 rng(202);
    check_hash_splits<Sha3_224>(rng);
    check_hash_splits<Sha3_256>(rng);
    check_hash_splits<Sha3_384>(rng);
    check_hash_splits<Sha3_512>(rng);
}

template <class X>
void check_xof_splits(std::mt19937_64& rng) {
    for (int iter = 0; iter < 300; iter++) {
        Bytes m(rng() % 500);
        for (auto& b : m) b = static_cast<uint8_t>(rng());
        Bytes want(rng() % 900);
        X::hash(m, want);
        X x;
        size_t off = 0;
        for (size_t n : random_split(m.size(), rng)) {
            ASSERT_TRUE(x.update(ByteView(m).subspan(off, n)).ok());
            off += n;
        }
        Bytes got(want.size());
        off = 0;
        for (size_t n : random_split(got.size(), rng)) {
            x.squeeze(MutableByteView(got).subspan(off, n));
            off += n;
        }
        ASSERT_EQ(got, want) << "msg " << m.size() << " out " << want.size();
    }
}

TEST(Shake, UpdateAndSqueezeSplitsMatchOneShot) {
    std::mt19937_64 rng(203);
    check_xof_splits<Shake128>(rng);
    check_xof_splits<Shake256>(rng);
}

TEST(Shake, UpdateAfterSqueezeIsRejectedAndStreamContinues) {
    Bytes want(100);
    Shake128::hash(as_bytes("abc"), want);
    Shake128 x;
    ASSERT_TRUE(x.update(as_bytes("abc")).ok());
    Bytes got(100);
    x.squeeze(MutableByteView(got).first(40));
    auto r = x.update(as_bytes("more"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::invalid_argument);
    x.squeeze(MutableByteView(got).subspan(40));
    EXPECT_EQ(got, want);
}

TEST(Shake, ZeroLengthSqueezeEndsAbsorbing) {
    Shake256 x;
    x.squeeze(MutableByteView());
    EXPECT_TRUE(x.squeezing());
    EXPECT_FALSE(x.update(as_bytes("a")).ok());
    Bytes got(32), want(32);
    x.squeeze(got);
    Shake256::hash(ByteView(), want);
    EXPECT_EQ(got, want);
}

TEST(Shake, ResetStartsANewMessage) {
    Shake128 x;
    ASSERT_TRUE(x.update(as_bytes("garbage")).ok());
    Bytes junk(10);
    x.squeeze(junk);
    x.reset();
    EXPECT_FALSE(x.squeezing());
    ASSERT_TRUE(x.update(as_bytes("abc")).ok());
    Bytes got(32);
    x.squeeze(got);
    EXPECT_EQ(hex(got), "5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8");
}

TEST(Sha3, FinalResetsForReuse) {
    Sha3_256 h;
    h.update(as_bytes("abc"));
    const auto first = h.final();
    h.update(as_bytes("abc"));
    EXPECT_EQ(h.final(), first);
    h.update(as_bytes("junk"));
    h.reset();
    h.update(as_bytes("abc"));
    EXPECT_EQ(h.final(), first);
}

TEST(Sha3, BlockSizesAreTheRates) {
    EXPECT_EQ(Sha3_224::kBlockSize, 144u);
    EXPECT_EQ(Sha3_256::kBlockSize, 136u);
    EXPECT_EQ(Sha3_384::kBlockSize, 104u);
    EXPECT_EQ(Sha3_512::kBlockSize, 72u);
    EXPECT_EQ(Shake128::kBlockSize, 168u);
    EXPECT_EQ(Shake256::kBlockSize, 136u);
}

}  // namespace
}  // namespace keel::crypto
