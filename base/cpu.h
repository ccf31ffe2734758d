// CPU feature detection and the KEEL_CPU cap (DESIGN.md §4).
//
// features() is what dispatch may use: what cpuid reports, minus what the OS does not
// save (xgetbv), minus what KEEL_CPU forbids. It is computed once and cached.
//
// KEEL_CPU accepts a level or a comma list of feature names:
//   portable    no ISA extensions: every primitive runs its portable backend
//   x86-64-v2   SSE4.2 + the 128-bit crypto extensions: aesni, pclmul, sha_ni
//   x86-64-v3   v2 + avx, avx2, bmi1, bmi2, adx
//   x86-64-v4   v3 + avx512f/bw/vl/dq, avx512ifma, vaes, vpclmulqdq, gfni
// The psABI levels do not include AES-NI, PCLMULQDQ or SHA-NI; keel's levels do,
// so that each level selects one whole tier of backends (docs/backends.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace keel::cpu {

enum Feature : uint32_t {
    kSse41 = 1u << 0,
    kSse42 = 1u << 1,
    kAesni = 1u << 2,
    kPclmul = 1u << 3,
    kShaNi = 1u << 4,
    kAvx = 1u << 5,
    kAvx2 = 1u << 6,
    kBmi2 = 1u << 7,
    kAdx = 1u << 8,
    kAvx512f = 1u << 9,
    kAvx512bw = 1u << 10,
    kAvx512vl = 1u << 11,
    kAvx512dq = 1u << 12,
    kAvx512ifma = 1u << 13,
    kVaes = 1u << 14,
    kVpclmulqdq = 1u << 15,
    kGfni = 1u << 16,
    kSsse3 = 1u << 17,
    kBmi1 = 1u << 18,
};

inline constexpr uint32_t kLevelV2 = kSsse3 | kSse41 | kSse42 | kAesni | kPclmul | kShaNi;
inline constexpr uint32_t kLevelV3 = kLevelV2 | kAvx | kAvx2 | kBmi1 | kBmi2 | kAdx;
inline constexpr uint32_t kLevelV4 = kLevelV3 | kAvx512f | kAvx512bw | kAvx512vl | kAvx512dq |
                                     kAvx512ifma | kVaes | kVpclmulqdq | kGfni;

// What the hardware and OS support, ignoring KEEL_CPU.
uint32_t detect();

// detect() capped by KEEL_CPU; cached after the first call.
uint32_t features();

// True when every feature in `mask` is available to dispatch.
inline bool has(uint32_t mask) { return (features() & mask) == mask; }

// Parses a KEEL_CPU value into a feature mask; nullopt if a name is unknown.
std::optional<uint32_t> parse_cap(std::string_view spec);

// "sse4.1,aesni,..." for a mask, in a fixed order.
std::string names(uint32_t mask);

}  // namespace keel::cpu
