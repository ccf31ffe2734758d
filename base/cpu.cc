#include "base/cpu.h"

#include <cstdlib>
#include <cstdio>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define KEEL_X86 1
#endif

namespace keel::cpu {
namespace {

struct Named {
    const char* name;
    uint32_t mask;
};

constexpr Named kNames[] = {
    {"ssse3", kSsse3},         {"sse4.1", kSse41},
    {"sse4.2", kSse42},        {"aesni", kAesni},
    {"pclmul", kPclmul},       {"sha_ni", kShaNi},
    {"avx", kAvx},             {"avx2", kAvx2},
    {"bmi1", kBmi1},           {"bmi2", kBmi2},
    {"adx", kAdx},
    {"avx512f", kAvx512f},     {"avx512bw", kAvx512bw},
    {"avx512vl", kAvx512vl},   {"avx512dq", kAvx512dq},
    {"avx512ifma", kAvx512ifma}, {"vaes", kVaes},
    {"vpclmulqdq", kVpclmulqdq}, {"gfni", kGfni},
};

#if KEEL_X86
uint64_t xgetbv0() {
    uint32_t lo, hi;
    asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (static_cast<uint64_t>(hi) << 32) | lo;
}
#endif

uint32_t compute() {
    uint32_t f = detect();
    const char* env = std::getenv("KEEL_CPU");
    if (env == nullptr || *env == '\0') return f;
    std::optional<uint32_t> cap = parse_cap(env);
    if (!cap) {
        // An unknown cap must not silently run the fastest code: fall back to portable.
        std::fprintf(stderr, "keel: unknown KEEL_CPU value '%s'; using portable\n", env);
        return 0;
    }
    return f & *cap;
}

}  // namespace

uint32_t detect() {
    uint32_t f = 0;
#if KEEL_X86
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    if (c & bit_SSSE3) f |= kSsse3;
    if (c & bit_SSE4_1) f |= kSse41;
    if (c & bit_SSE4_2) f |= kSse42;
    if (c & bit_AES) f |= kAesni;
    if (c & bit_PCLMUL) f |= kPclmul;
    const bool osxsave = (c & bit_OSXSAVE) != 0;
    const bool cpu_avx = (c & bit_AVX) != 0;

    unsigned b7 = 0, c7 = 0, d7 = 0;
    if (__get_cpuid_max(0, nullptr) >= 7) __cpuid_count(7, 0, a, b7, c7, d7);
    if (b7 & bit_SHA) f |= kShaNi;
    if (b7 & bit_BMI) f |= kBmi1;
    if (b7 & bit_BMI2) f |= kBmi2;
    if (b7 & bit_ADX) f |= kAdx;

    // The OS must save the wide registers: XMM+YMM (bits 1,2) for AVX, plus
    // opmask/ZMM (bits 5,6,7) for AVX-512.
    const uint64_t xcr0 = osxsave ? xgetbv0() : 0;
    const bool os_avx = (xcr0 & 0x6) == 0x6;
    const bool os_avx512 = (xcr0 & 0xe6) == 0xe6;
    if (cpu_avx && os_avx) {
        f |= kAvx;
        if (b7 & bit_AVX2) f |= kAvx2;
        if (c7 & bit_VAES) f |= kVaes;
        if (c7 & bit_VPCLMULQDQ) f |= kVpclmulqdq;
    }
    if (c7 & bit_GFNI) f |= kGfni;
    if (cpu_avx && os_avx512) {
        if (b7 & bit_AVX512F) f |= kAvx512f;
        if (b7 & bit_AVX512BW) f |= kAvx512bw;
        if (b7 & bit_AVX512VL) f |= kAvx512vl;
        if (b7 & bit_AVX512DQ) f |= kAvx512dq;
        if (b7 & bit_AVX512IFMA) f |= kAvx512ifma;
    }
#endif
    return f;
}

uint32_t features() {
    static const uint32_t cached = compute();
    return cached;
}

std::optional<uint32_t> parse_cap(std::string_view spec) {
    if (spec == "portable") return 0u;
    if (spec == "x86-64-v2") return kLevelV2;
    if (spec == "x86-64-v3") return kLevelV3;
    if (spec == "x86-64-v4") return kLevelV4;
    uint32_t mask = 0;
    while (!spec.empty()) {
        size_t comma = spec.find(',');
        std::string_view item = spec.substr(0, comma);
        bool found = false;
        for (const Named& n : kNames) {
            if (item == n.name) {
                mask |= n.mask;
                found = true;
            }
        }
        if (!found) return std::nullopt;
        if (comma == std::string_view::npos) break;
        spec.remove_prefix(comma + 1);
    }
    return mask;
}

std::string names(uint32_t mask) {
    std::string s;
    for (const Named& n : kNames) {
        if (mask & n.mask) {
            if (!s.empty()) s += ',';
            s += n.name;
        }
    }
    return s;
}

}  // namespace keel::cpu
