// SHA-1 (FIPS 180-4). Broken for collision resistance; keel keeps it only where
// protocols still name it: HMAC-SHA1 record MACs in TLS 1.2 CBC suites, the TLS
// 1.0/1.1 PRF, and verification of legacy signatures. Same shape as Sha256.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "crypto/hash/md_engine.h"

namespace keel::crypto {

namespace detail {
// Compresses `n` consecutive 64-byte blocks into `state`.
using Sha1Blocks = void (*)(uint32_t state[5], const uint8_t* in, size_t n);
void sha1_blocks_portable(uint32_t state[5], const uint8_t* in, size_t n);
// SHA-NI + SSE4.1 (sha1_shani.cc); call only when the CPU has both.
void sha1_blocks_shani(uint32_t state[5], const uint8_t* in, size_t n);

struct Sha1Backend {
    const char* name;
    Sha1Blocks blocks;
};
// Backends this CPU may use under KEEL_CPU: portable first, the dispatch choice last.
std::span<const Sha1Backend> sha1_backends();

using Sha1Engine = MdEngine<uint32_t, 5, 64, 8, true>;
}  // namespace detail

class Sha1 {
  public:
    static constexpr size_t kDigestSize = 20;
    static constexpr size_t kBlockSize = 64;
    using Digest = std::array<uint8_t, kDigestSize>;

    Sha1();
    explicit Sha1(detail::Sha1Blocks backend);

    void update(ByteView data) { e_.update(data); }
    // Returns the digest and resets the object for a new message.
    Digest final() {
        Digest d;
        e_.finish(d.data(), d.size());
        return d;
    }
    void reset() { e_.reset(); }
    static Digest hash(ByteView data) {
        Sha1 h;
        h.update(data);
        return h.final();
    }

  private:
    detail::Sha1Engine e_;
};

}  // namespace keel::crypto
