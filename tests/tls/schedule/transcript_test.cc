#include "tls/schedule/transcript.h"

#include <gtest/gtest.h>

#include <random>

#include "tests/vectors/json.h"

namespace keel::tls {
namespace {

using crypto::AnyHash;
using crypto::HashAlg;
using test::hex;

Bytes random_message(std::mt19937& rng, size_t body) {
    Bytes m = {static_cast<uint8_t>(rng() & 0xff), static_cast<uint8_t>(body >> 16),
               static_cast<uint8_t>(body >> 8), static_cast<uint8_t>(body)};
    for (size_t i = 0; i < body; i++) m.push_back(static_cast<uint8_t>(rng()));
    return m;
}

// Snapshots at every message equal the one-shot hash of the concatenation, whether the
// hash was known from the start or set after some messages were buffered.
TEST(Transcript, SnapshotsEqualOneShotHash) {
    std::mt19937 rng(7);
    for (HashAlg alg : {HashAlg::sha256, HashAlg::sha384}) {
        for (size_t set_after = 0; set_after < 4; set_after++) {
            Transcript t;
            Bytes all;
            for (size_t i = 0; i < 12; i++) {
                if (i == set_after) {
                    ASSERT_TRUE(t.set_hash(alg).ok());
                }
                Bytes m = random_message(rng, (i * 37) % 300);
                t.add(m);
                all.insert(all.end(), m.begin(), m.end());
                if (i >= set_after) {
                    EXPECT_EQ(hex(t.hash().view()), hex(AnyHash::hash(alg, all).view()));
                    EXPECT_EQ(t.hash().size, crypto::digest_size(alg));
                }
            }
            EXPECT_EQ(t.message_count(), 12u);
        }
    }
}

TEST(Transcript, HashWithLeavesTheTranscriptUnchanged) {
    Transcript t(HashAlg::sha256);
    Bytes m = {1, 0, 0, 2, 0xaa, 0xbb};
    t.add(m);
    auto before = t.hash();
    Bytes more = {9, 9, 9};
    Bytes joined = m;
    joined.insert(joined.end(), more.begin(), more.end());
    EXPECT_EQ(hex(t.hash_with(more).view()), hex(AnyHash::hash(HashAlg::sha256, joined).view()));
    EXPECT_EQ(hex(t.hash().view()), hex(before.view()));
    EXPECT_EQ(t.message_count(), 1u);
}

TEST(Transcript, CopiesAreIndependent) {
    Transcript a(HashAlg::sha384);
    a.add(Bytes{1, 2, 3});
    Transcript b = a;
    b.add(Bytes{4});
    EXPECT_NE(hex(a.hash().view()), hex(b.hash().view()));
    EXPECT_EQ(hex(a.hash().view()), hex(AnyHash::hash(HashAlg::sha384, Bytes{1, 2, 3}).view()));
}

TEST(Transcript, NoHashBeforeSetHash) {
    Transcript t;
    t.add(Bytes{1, 0, 0, 0});
    EXPECT_FALSE(t.has_hash());
    EXPECT_EQ(t.digest_size(), 0u);
    EXPECT_EQ(t.hash().size, 0u);
    EXPECT_EQ(t.hash_with(Bytes{1}).size, 0u);
    EXPECT_FALSE(t.alg().has_value());
}

TEST(Transcript, HashCannotChange) {
    Transcript t(HashAlg::sha256);
    EXPECT_TRUE(t.set_hash(HashAlg::sha256).ok());
    auto r = t.set_hash(HashAlg::sha384);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::invalid_argument);
    EXPECT_EQ(t.alg(), HashAlg::sha256);
}

TEST(Transcript, MessageHashLayout) {
    for (HashAlg alg : {HashAlg::sha256, HashAlg::sha384}) {
        Bytes ch1 = {1, 0, 0, 3, 7, 8, 9};
        Bytes hrr = {2, 0, 0, 1, 5};
        Transcript t(alg);
        t.add(ch1);
        ASSERT_TRUE(t.replace_with_message_hash().ok());
        t.add(hrr);
        auto h1 = AnyHash::hash(alg, ch1);
        Bytes expected = {254, 0, 0, static_cast<uint8_t>(h1.size)};
        expected.insert(expected.end(), h1.view().begin(), h1.view().end());
        expected.insert(expected.end(), hrr.begin(), hrr.end());
        EXPECT_EQ(hex(t.hash().view()), hex(AnyHash::hash(alg, expected).view()));
    }
}

TEST(Transcript, MessageHashNeedsExactlyOneClientHello) {
    Transcript none(HashAlg::sha256);
    EXPECT_EQ(none.replace_with_message_hash().error().code(), Errc::invalid_argument);
    Transcript two(HashAlg::sha256);
    two.add(Bytes{1, 0, 0, 0});
    two.add(Bytes{2, 0, 0, 0});
    EXPECT_FALSE(two.replace_with_message_hash().ok());
    Transcript unset;
    unset.add(Bytes{1, 0, 0, 0});
    EXPECT_FALSE(unset.replace_with_message_hash().ok());
    Transcript again(HashAlg::sha256);
    again.add(Bytes{1, 0, 0, 0});
    ASSERT_TRUE(again.replace_with_message_hash().ok());
    EXPECT_FALSE(again.replace_with_message_hash().ok());
    // Twice is refused too: after the first, the transcript holds message_hash + HRR.
    Transcript t(HashAlg::sha256);
    t.add(Bytes{1, 0, 0, 0});
    ASSERT_TRUE(t.replace_with_message_hash().ok());
    t.add(Bytes{2, 0, 0, 0});
    EXPECT_FALSE(t.replace_with_message_hash().ok());
}

}  // namespace
}  // namespace keel::tls
