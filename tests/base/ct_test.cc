#include "base/ct.h"

#include <gtest/gtest.h>

#include <random>

namespace keel {
namespace {

TEST(Ct, MasksMatchPlainComparisons) {
    std::mt19937_64 rng(1);
    const uint64_t edge[] = {0, 1, 2, 0x7fffffffffffffffull, 0x8000000000000000ull, ~0ull, ~1ull};
    std::vector<uint64_t> vals(std::begin(edge), std::end(edge));
    for (int i = 0; i < 50; i++) vals.push_back(rng());
    for (uint64_t a : vals) {
        EXPECT_EQ(ct::is_zero(a), a == 0 ? ~0ull : 0ull);
        for (uint64_t b : vals) {
            EXPECT_EQ(ct::eq(a, b), a == b ? ~0ull : 0ull);
            EXPECT_EQ(ct::lt(a, b), a < b ? ~0ull : 0ull) << a << " < " << b;
            EXPECT_EQ(ct::select(ct::lt(a, b), a, b), std::min(a, b));
        }
    }
}

TEST(Ct, NarrowTypes) {
    for (unsigned a = 0; a < 256; a++) {
        for (unsigned b = 0; b < 256; b += 17) {
            uint8_t x = static_cast<uint8_t>(a), y = static_cast<uint8_t>(b);
            EXPECT_EQ(ct::lt(x, y), a < b ? 0xff : 0);
            EXPECT_EQ(ct::eq(x, y), a == b ? 0xff : 0);
        }
    }
}

TEST(Ct, BufferCompare) {
    uint8_t a[33] = {}, b[33] = {};
    EXPECT_TRUE(ct::equal(a, b));
    EXPECT_EQ(ct::is_zero_mask(a), 0xff);
    b[32] = 1;
    EXPECT_FALSE(ct::equal(a, b));
    EXPECT_EQ(ct::eq_mask(a, b), 0);
    EXPECT_EQ(ct::is_zero_mask(b), 0);
    EXPECT_FALSE(ct::equal(ByteView(a, 32), ByteView(b, 33)));  // lengths differ
}

TEST(Ct, CmovCopiesOnlyUnderFullMask) {
    uint8_t dst[4] = {1, 2, 3, 4};
    const uint8_t src[4] = {9, 9, 9, 9};
    ct::cmov(dst, src, 0);
    EXPECT_EQ(dst[0], 1);
    ct::cmov(dst, src, 0xff);
    EXPECT_EQ(dst[3], 9);
}

}  // namespace
}  // namespace keel
