// Constant-time harness (DESIGN.md §5): tests here run under valgrind memcheck.
// Secrets are poisoned (marked undefined); memcheck then reports any branch or
// memory index that depends on them. Outputs are declassified before the test
// compares them, because comparing is the test's business, not the primitive's.
#pragma once

#include <gtest/gtest.h>
#include <valgrind/valgrind.h>

#include "base/bytes.h"
#include "base/ct.h"

namespace keel::ct_test {

inline void poison(ByteView v) { ct::poison(v.data(), v.size()); }
inline void declassify(ByteView v) { ct::declassify(v.data(), v.size()); }

// A ct test that is not under valgrind proves nothing; say so instead of passing.
#define KEEL_REQUIRE_VALGRIND() \
    ASSERT_TRUE(RUNNING_ON_VALGRIND) << "constant-time tests must run under valgrind"

}  // namespace keel::ct_test
