// Poly1305 message buffering and backend dispatch.
#include "crypto/chacha/poly1305.h"

#include <cstring>

#include "base/cpu.h"
#include "base/secret.h"

namespace keel::crypto {

namespace detail {

std::span<const Poly1305Backend> poly1305_backends() {
    static const auto list = [] {
        struct List {
            Poly1305Backend items[3];
            size_t n = 0;
        } l;
        l.items[l.n++] = {"portable", poly1305_blocks_portable};
        if (cpu::has(cpu::kAvx2)) l.items[l.n++] = {"avx2", poly1305_blocks_avx2};
        if (cpu::has(cpu::kAvx512f | cpu::kAvx512vl | cpu::kAvx512ifma)) {
            l.items[l.n++] = {"ifma", poly1305_blocks_ifma};
        }
        return l;
    }();
    return {list.items, list.n};
}

Poly1305Blocks poly1305_best() {
    static const Poly1305Blocks fn = poly1305_backends().back().blocks;
    return fn;
}

}  // namespace detail

Poly1305::Poly1305(std::span<const uint8_t, kKeySize> key)
    : Poly1305(key, detail::poly1305_best()) {}

Poly1305::Poly1305(std::span<const uint8_t, kKeySize> key, detail::Poly1305Blocks backend)
    : blocks_(backend) {
    detail::poly1305_init(st_, key.data());
}

Result<Poly1305> Poly1305::create(ByteView key) {
    if (key.size() != kKeySize) {
        return Error(Errc::invalid_argument, "Poly1305 key must be 32 bytes");
    }
    return Poly1305(key.first<kKeySize>());
}

Poly1305::~Poly1305() {
    secure_wipe(&st_, sizeof st_);
    secure_wipe(buffer_, sizeof buffer_);
}

void Poly1305::update(ByteView data) {
    const uint8_t* p = data.data();
    size_t n = data.size();
    if (buffered_ > 0) {
        size_t take = std::min(n, kBlockSize - buffered_);
        std::memcpy(buffer_ + buffered_, p, take);
        buffered_ += take;
        p += take;
        n -= take;
        if (buffered_ < kBlockSize) return;
        blocks_(st_, buffer_, 1);
        buffered_ = 0;
    }
    if (n >= kBlockSize) {
        blocks_(st_, p, n / kBlockSize);
        p += n - n % kBlockSize;
        n %= kBlockSize;
    }
    if (n > 0) {
        std::memcpy(buffer_, p, n);
        buffered_ = n;
    }
}

void Poly1305::pad16() {
    if (buffered_ == 0) return;
    std::memset(buffer_ + buffered_, 0, kBlockSize - buffered_);
    blocks_(st_, buffer_, 1);
    buffered_ = 0;
}

Poly1305::Tag Poly1305::final() {
    if (buffered_ > 0) detail::poly1305_last_partial(st_, buffer_, buffered_);
    Tag t;
    detail::poly1305_finish(st_, t.data());
    secure_wipe(buffer_, sizeof buffer_);
    buffered_ = 0;
    return t;
}

Poly1305::Tag Poly1305::mac(std::span<const uint8_t, kKeySize> key, ByteView data) {
    Poly1305 p(key);
    p.update(data);
    return p.final();
}

}  // namespace keel::crypto
