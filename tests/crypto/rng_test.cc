#include "crypto/rng.h"

#include <gtest/gtest.h>

namespace keel::crypto {
namespace {

TEST(Rng, DefaultRngFillsAndDoesNotRepeat) {
    Bytes a(64), b(64);
    ASSERT_TRUE(default_rng().generate(a).ok());
    ASSERT_TRUE(default_rng().generate(b).ok());
    EXPECT_NE(a, b);
    EXPECT_NE(a, Bytes(64, 0));
    EXPECT_TRUE(default_rng().generate({}).ok());
}

TEST(Rng, OsRngFills) {
    OsRng os;
    Bytes a(1000);
    ASSERT_TRUE(os.generate(a).ok());
    EXPECT_NE(a, Bytes(1000, 0));
}

TEST(Rng, DefaultRngServesRequestsAboveTheDrbgLimit) {
    // One DRBG generate call is limited to 64 KiB; the default generator splits.
    Bytes big(200000);
    ASSERT_TRUE(default_rng().generate(big).ok());
    EXPECT_NE(Bytes(big.end() - 64, big.end()), Bytes(64, 0));
}

}  // namespace
}  // namespace keel::crypto
