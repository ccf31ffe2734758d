// SHA-1 IV and backend dispatch (buffering and padding: md_engine.h).
#include "crypto/hash/sha1.h"

#include "base/cpu.h"

namespace keel::crypto {
namespace {

// FIPS 180-4 §5.3.1.
constexpr uint32_t kIv[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};

}  // namespace

namespace detail {

std::span<const Sha1Backend> sha1_backends() {
    static const auto list = [] {
        struct List {
            Sha1Backend items[2];
            size_t n = 0;
        } l;
        l.items[l.n++] = {"portable", sha1_blocks_portable};
        if (cpu::has(cpu::kShaNi | cpu::kSse41)) l.items[l.n++] = {"shani", sha1_blocks_shani};
        return l;
    }();
    return {list.items, list.n};
}

}  // namespace detail

namespace {
detail::Sha1Blocks best_sha1() {
    static const detail::Sha1Blocks fn = detail::sha1_backends().back().blocks;
    return fn;
}
}  // namespace

Sha1::Sha1() : e_(kIv, best_sha1()) {}
Sha1::Sha1(detail::Sha1Blocks backend) : e_(kIv, backend) {}

}  // namespace keel::crypto
