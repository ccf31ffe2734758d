#include "base/cpu.h"

#include <gtest/gtest.h>

namespace keel {
namespace {

TEST(Cpu, LevelsNest) {
    EXPECT_EQ(cpu::kLevelV2 & cpu::kLevelV3, cpu::kLevelV2);
    EXPECT_EQ(cpu::kLevelV3 & cpu::kLevelV4, cpu::kLevelV3);
}

TEST(Cpu, ParseCapAcceptsLevelsAndLists) {
    EXPECT_EQ(cpu::parse_cap("portable"), 0u);
    EXPECT_EQ(cpu::parse_cap("x86-64-v3"), cpu::kLevelV3);
    EXPECT_EQ(cpu::parse_cap("avx2,sha_ni"), cpu::kAvx2 | cpu::kShaNi);
    EXPECT_FALSE(cpu::parse_cap("avx2,warp_drive").has_value());
    EXPECT_FALSE(cpu::parse_cap("x86-64-v9").has_value());
}

TEST(Cpu, NamesRoundTrip) {
    EXPECT_EQ(cpu::parse_cap(cpu::names(cpu::kLevelV4)), cpu::kLevelV4);
}

TEST(Cpu, FeaturesNeverExceedHardware) {
    EXPECT_EQ(cpu::features() & ~cpu::detect(), 0u);
}

TEST(Cpu, AvxFeaturesImplyTheirBase) {
    uint32_t f = cpu::detect();
    if (f & cpu::kAvx2) {
        EXPECT_TRUE(f & cpu::kAvx);
    }
    if (f & cpu::kAvx512bw) {
        EXPECT_TRUE(f & cpu::kAvx512f);
    }
}

}  // namespace
}  // namespace keel
