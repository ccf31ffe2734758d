// SHA-224/256 message buffering, padding and backend dispatch.
#include "crypto/hash/sha256.h"

#include <cstring>

#include "base/cpu.h"
#include "base/endian.h"
#include "base/secret.h"

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

Sha256Engine::Sha256Engine(const uint32_t (&iv)[8], detail::Sha256Blocks blocks)
    : iv_(iv), blocks_(blocks) {
    reset();
}

Sha256Engine::~Sha256Engine() {
    secure_wipe(state_, sizeof state_);
    secure_wipe(buffer_, sizeof buffer_);
}

void Sha256Engine::reset() {
    std::memcpy(state_, iv_, sizeof state_);
    buffered_ = 0;
    total_ = 0;
}

void Sha256Engine::update(ByteView data) {
    const uint8_t* p = data.data();
    size_t n = data.size();
    total_ += n;
    if (buffered_ > 0) {
        size_t take = std::min(n, kBlockSize - buffered_);
        std::memcpy(buffer_ + buffered_, p, take);
        buffered_ += take;
        p += take;
        n -= take;
        if (buffered_ < kBlockSize) return;
        blocks_(state_, buffer_, 1);
        buffered_ = 0;
    }
    if (n >= kBlockSize) {
        blocks_(state_, p, n / kBlockSize);
        p += n - n % kBlockSize;
        n %= kBlockSize;
    }
    if (n > 0) {
        std::memcpy(buffer_, p, n);
        buffered_ = n;
    }
}

void Sha256Engine::finish(uint8_t* out, size_t out_len) {
    // FIPS 180-4 §5.1.1: 0x80, zeros, then the message length in bits (64-bit BE).
    const uint64_t bits = total_ * 8;
    buffer_[buffered_++] = 0x80;
    if (buffered_ > kBlockSize - 8) {
        std::memset(buffer_ + buffered_, 0, kBlockSize - buffered_);
        blocks_(state_, buffer_, 1);
        buffered_ = 0;
    }
    std::memset(buffer_ + buffered_, 0, kBlockSize - 8 - buffered_);
    store_be64(buffer_ + kBlockSize - 8, bits);
    blocks_(state_, buffer_, 1);

    uint8_t full[32];
    for (int i = 0; i < 8; i++) store_be32(full + 4 * i, state_[i]);
    std::memcpy(out, full, out_len);
    secure_wipe(full, sizeof full);
    reset();
}

Sha256::Sha256() : e_(kIv256, best_sha256()) {}
Sha256::Sha256(detail::Sha256Blocks backend) : e_(kIv256, backend) {}
Sha224::Sha224() : e_(kIv224, best_sha256()) {}
Sha224::Sha224(detail::Sha256Blocks backend) : e_(kIv224, backend) {}

}  // namespace keel::crypto
