// SHA-224 and SHA-256 (FIPS 180-4). The shape every keel hash follows:
//   kDigestSize, kBlockSize, Digest, update(), final(), reset(), static hash().
// Hmac<H> and the KDFs are templates over this shape.
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
using Sha256Blocks = void (*)(uint32_t state[8], const uint8_t* in, size_t n);
void sha256_blocks_portable(uint32_t state[8], const uint8_t* in, size_t n);
// SHA-NI + SSE4.1 (sha256_shani.cc); call only when the CPU has both.
void sha256_blocks_shani(uint32_t state[8], const uint8_t* in, size_t n);
// FIPS 180-4 §4.2.2 round constants, shared by the backends.
extern const uint32_t kSha256K[64];

struct Sha256Backend {
    const char* name;
    Sha256Blocks blocks;
};
// Backends this CPU may use under KEEL_CPU: portable first, the dispatch choice last.
std::span<const Sha256Backend> sha256_backends();
}  // namespace detail

// Shared engine of SHA-224 and SHA-256: they differ only in IV and output length.
using Sha256Engine = detail::MdEngine<uint32_t, 8, 64, 8, true>;

class Sha256 {
  public:
    static constexpr size_t kDigestSize = 32;
    static constexpr size_t kBlockSize = 64;
    using Digest = std::array<uint8_t, kDigestSize>;

    Sha256();
    explicit Sha256(detail::Sha256Blocks backend);

    void update(ByteView data) { e_.update(data); }
    // Returns the digest and resets the object for a new message.
    Digest final() {
        Digest d;
        e_.finish(d.data(), d.size());
        return d;
    }
    void reset() { e_.reset(); }
    static Digest hash(ByteView data) {
        Sha256 h;
        h.update(data);
        return h.final();
    }

  private:
    Sha256Engine e_;
};

class Sha224 {
  public:
    static constexpr size_t kDigestSize = 28;
    static constexpr size_t kBlockSize = 64;
    using Digest = std::array<uint8_t, kDigestSize>;

    Sha224();
    explicit Sha224(detail::Sha256Blocks backend);

    void update(ByteView data) { e_.update(data); }
    Digest final() {
        Digest d;
        e_.finish(d.data(), d.size());
        return d;
    }
    void reset() { e_.reset(); }
    static Digest hash(ByteView data) {
        Sha224 h;
        h.update(data);
        return h.final();
    }

  private:
    Sha256Engine e_;
};

}  // namespace keel::crypto
