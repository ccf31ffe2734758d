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

}  // namespace
}  // namespace keel::crypto
