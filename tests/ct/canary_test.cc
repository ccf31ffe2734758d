// Proves the harness bites: each test here branches on, or indexes with, a poisoned
// secret. The suite is registered should_fail, so it passes only when valgrind
// reports the leak (exit code 42). If valgrind stopped seeing leaks, this fails.
#include "tests/ct/harness.h"

namespace keel {
namespace {

__attribute__((noinline)) int on_one() { return 1; }
__attribute__((noinline)) int on_zero() { return 2; }

TEST(CtCanary, BranchOnSecretIsReported) {
    KEEL_REQUIRE_VALGRIND();
    uint8_t secret = 0x5b;
    ct::poison(&secret, 1);
    // The barrier keeps the compiler from turning this into a cmov.
    int r = (ct::value_barrier(secret) & 1) ? on_one() : on_zero();
    ct::declassify(&r, sizeof r);
    EXPECT_NE(r, 0);
}

TEST(CtCanary, SecretIndexIsReported) {
    KEEL_REQUIRE_VALGRIND();
    static const uint8_t table[256] = {1, 2, 3};
    uint8_t secret = 2;
    ct::poison(&secret, 1);
    uint8_t v = table[ct::value_barrier(secret)];
    ct::declassify(&v, 1);
    EXPECT_LT(v, 4);
}

}  // namespace
}  // namespace keel
