#include "crypto/hash/sha1.h"

#include <gtest/gtest.h>

#include "tests/crypto/hash/hash_test_util.h"

namespace keel::crypto {
namespace {

using test::digest_hex;

// FIPS 180-4 examples (NIST "SHA1.pdf" example values).
TEST(Sha1, FipsExamples) {
    EXPECT_EQ(digest_hex<Sha1>("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(digest_hex<Sha1>(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_EQ(digest_hex<Sha1>(test::k448), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    EXPECT_EQ(digest_hex<Sha1>(test::k896), "a49b2446a02c645bf419f995b67091253a04a259");
}

TEST(Sha1, MillionAs) {
    EXPECT_EQ(digest_hex<Sha1>(std::string(1000, 'a'), 1000),
              "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

// RFC 6234 §8.5 TEST4 (also RFC 3174 §7.3 TEST4).
TEST(Sha1, Rfc6234Test4) {
    EXPECT_EQ(digest_hex<Sha1>(test::kRfc6234Test4Unit, 10),
              "dea356a2cddd90c7a7ecedc5ebb563934f460452");
}

}  // namespace
}  // namespace keel::crypto
