// base/ct.h itself must be constant-time: the helpers every primitive builds on.
#include "tests/ct/harness.h"

namespace keel {
namespace {

TEST(CtBase, MaskHelpersDoNotBranch) {
    KEEL_REQUIRE_VALGRIND();
    uint64_t a = 12345, b = 67890;
    ct::poison(&a, sizeof a);
    ct::poison(&b, sizeof b);
    uint64_t r = ct::select(ct::lt(a, b), a, b) ^ ct::eq(a, b) ^ ct::is_zero(a);
    ct::declassify(&r, sizeof r);
    EXPECT_EQ(r, 12345u);
}

TEST(CtBase, BufferHelpersDoNotBranch) {
    KEEL_REQUIRE_VALGRIND();
    uint8_t x[64], y[64];
    for (int i = 0; i < 64; i++) x[i] = y[i] = static_cast<uint8_t>(i * 7);
    y[63] ^= 1;
    ct_test::poison(x);
    ct_test::poison(y);
    uint8_t m = ct::eq_mask(x, y) | ct::is_zero_mask(x);
    ct::cmov(x, y, m);
    ct::declassify(&m, 1);
    EXPECT_EQ(m, 0);
    // equal() declassifies only its boolean result.
    EXPECT_FALSE(ct::equal(x, y));
}

}  // namespace
}  // namespace keel
