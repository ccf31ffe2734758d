// ChaCha20 backend dispatch and the keyed ChaCha20 object.
#include "crypto/chacha/chacha20.h"

#include "base/cpu.h"
#include "base/endian.h"
#include "base/secret.h"

namespace keel::crypto {

namespace detail {

std::span<const ChaCha20Backend> chacha20_backends() {
    static const auto list = [] {
        struct List {
            ChaCha20Backend items[3];
            size_t n = 0;
        } l;
        l.items[l.n++] = {"portable", chacha20_xor_portable};
        if (cpu::has(cpu::kAvx2)) l.items[l.n++] = {"avx2", chacha20_xor_avx2};
        if (cpu::has(cpu::kAvx512f | cpu::kAvx512vl | cpu::kAvx512bw)) {
            l.items[l.n++] = {"avx512", chacha20_xor_avx512};
        }
        return l;
    }();
    return {list.items, list.n};
}

ChaCha20Xor chacha20_best() {
    static const ChaCha20Xor fn = chacha20_backends().back().xor_fn;
    return fn;
}

}  // namespace detail

Result<ChaCha20> ChaCha20::create(ByteView key) {
    return create(key, detail::chacha20_best());
}

Result<ChaCha20> ChaCha20::create(ByteView key, detail::ChaCha20Xor backend) {
    if (key.size() != kKeySize) {
        return Error(Errc::invalid_argument, "ChaCha20 key must be 32 bytes");
    }
    ChaCha20 c(backend);
    detail::chacha20_load_key(key.data(), c.key_);
    return c;
}

ChaCha20::~ChaCha20() {
    secure_wipe(key_, sizeof key_);
}

Result<void> ChaCha20::xor_stream(ByteView nonce, uint32_t counter, ByteView in,
                                  MutableByteView out) const {
    if (nonce.size() != kNonceSize) {
        return Error(Errc::invalid_argument, "ChaCha20 nonce must be 12 bytes");
    }
    if (in.size() != out.size()) {
        return Error(Errc::invalid_argument, "ChaCha20 input and output sizes differ");
    }
    // RFC 8439 §2.4: the block counter is 32 bits; a message may not wrap it.
    uint64_t blocks = (uint64_t{in.size()} + kBlockSize - 1) / kBlockSize;
    if (blocks > (uint64_t{1} << 32) - counter) {
        return Error(Errc::limit_exceeded, "ChaCha20 message would wrap the block counter");
    }
    uint32_t n[3] = {load_le32(nonce.data()), load_le32(nonce.data() + 4),
                     load_le32(nonce.data() + 8)};
    fn_(key_, n, counter, in.data(), out.data(), in.size());
    return ok();
}

}  // namespace keel::crypto
