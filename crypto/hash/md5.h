// MD5 (RFC 1321). LEGACY: MD5 is broken (practical collisions) and keel uses it for
// one thing only, the TLS 1.0/1.1 PRF and its MD5||SHA-1 handshake hash (RFC 2246
// §5, RFC 4346 §5). Never use it for anything new. Portable only: it is not worth a
// SIMD backend. Same shape as Sha256.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "crypto/hash/md_engine.h"

namespace keel::crypto {

namespace detail {
void md5_blocks_portable(uint32_t state[4], const uint8_t* in, size_t n);
using Md5Engine = MdEngine<uint32_t, 4, 64, 8, false>;
}  // namespace detail

class Md5 {
  public:
    static constexpr size_t kDigestSize = 16;
    static constexpr size_t kBlockSize = 64;
    using Digest = std::array<uint8_t, kDigestSize>;

    Md5();

    void update(ByteView data) { e_.update(data); }
    // Returns the digest and resets the object for a new message.
    Digest final() {
        Digest d;
        e_.finish(d.data(), d.size());
        return d;
    }
    void reset() { e_.reset(); }
    static Digest hash(ByteView data) {
        Md5 h;
        h.update(data);
        return h.final();
    }

  private:
    detail::Md5Engine e_;
};

}  // namespace keel::crypto
