// SHA-224/256 IVs and backend dispatch (buffering and padding: md_engine.h).
#include "crypto/hash/sha256.h"

#include "base/cpu.h"

namespace keel::crypto {
namespace {

// FIPS 180-4 §5.3.3 and §5.3.2.
constexpr uint32_t kIv256[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
constexpr uint32_t kIv224[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                                0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};

}  // namespace

namespace detail {

std::span<const Sha256Backend> sha256_backends() {
    static const auto list = [] {
        struct List {
            Sha256Backend items[4];
            size_t n = 0;
        } l;
        l.items[l.n++] = {"portable", sha256_blocks_portable};
        if (cpu::has(cpu::kShaNi | cpu::kSse41)) l.items[l.n++] = {"shani", sha256_blocks_shani};
        return l;
    }();
    return {list.items, list.n};
}

}  // namespace detail

namespace {
detail::Sha256Blocks best_sha256() {
    static const detail::Sha256Blocks fn = detail::sha256_backends().back().blocks;
    return fn;
}
}  // namespace

Sha256::Sha256() : e_(kIv256, best_sha256()) {}
Sha256::Sha256(detail::Sha256Blocks backend) : e_(kIv256, backend) {}
Sha224::Sha224() : e_(kIv224, best_sha256()) {}
Sha224::Sha224(detail::Sha256Blocks backend) : e_(kIv224, backend) {}

}  // namespace keel::crypto
