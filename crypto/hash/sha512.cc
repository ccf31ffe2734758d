// SHA-512 family IVs and backend dispatch (buffering and padding: md_engine.h).
#include "crypto/hash/sha512.h"

#include "base/cpu.h"

namespace keel::crypto {
namespace {

// FIPS 180-4 §5.3.5.
constexpr uint64_t kIv512[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                                0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
                                0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
// §5.3.4.
constexpr uint64_t kIv384[8] = {0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17,
                                0x152fecd8f70e5939, 0x67332667ffc00b31, 0x8eb44a8768581511,
                                0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4};
// §5.3.6.1.
constexpr uint64_t kIv512_224[8] = {0x8c3d37c819544da2, 0x73e1996689dcd4d6, 0x1dfab7ae32ff9c82,
                                    0x679dd514582f9fcf, 0x0f6d2b697bd44da8, 0x77e36f7304c48942,
                                    0x3f9d85a86a1d36c8, 0x1112e6ad91d692a1};
// §5.3.6.2.
constexpr uint64_t kIv512_256[8] = {0x22312194fc2bf72c, 0x9f555fa3c84c64c2, 0x2393b86b6f53b151,
                                    0x963877195940eabd, 0x96283ee2a88effe3, 0xbe5e1e2553863992,
                                    0x2b0199fc2c85b8aa, 0x0eb72ddc81c52ca2};

}  // namespace

namespace detail {

std::span<const Sha512Backend> sha512_backends() {
    static const auto list = [] {
        struct List {
            Sha512Backend items[4];
            size_t n = 0;
        } l;
        l.items[l.n++] = {"portable", sha512_blocks_portable};
        if (cpu::has(cpu::kAvx2 | cpu::kBmi2)) l.items[l.n++] = {"avx2", sha512_blocks_avx2};
        if (cpu::has(cpu::kAvx2 | cpu::kBmi2 | cpu::kAvx512f | cpu::kAvx512vl)) {
            l.items[l.n++] = {"avx512", sha512_blocks_avx512};
            l.items[l.n++] = {"avx512x8", sha512_blocks_avx512x8};
        }
        return l;
    }();
    return {list.items, list.n};
}

Sha512Blocks best_sha512() {
    static const Sha512Blocks fn = sha512_backends().back().blocks;
    return fn;
}

}  // namespace detail

Sha512::Sha512(detail::Sha512Blocks backend) : Sha512Family(kIv512, backend) {}
Sha384::Sha384(detail::Sha512Blocks backend) : Sha512Family(kIv384, backend) {}
Sha512_224::Sha512_224(detail::Sha512Blocks backend) : Sha512Family(kIv512_224, backend) {}
Sha512_256::Sha512_256(detail::Sha512Blocks backend) : Sha512Family(kIv512_256, backend) {}

}  // namespace keel::crypto
