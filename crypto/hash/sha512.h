// SHA-384, SHA-512, SHA-512/224 and SHA-512/256 (FIPS 180-4): one engine with a
// 128-byte block and a 128-bit length field, four IVs, four output lengths.
// Same shape as Sha256.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "crypto/hash/md_engine.h"

namespace keel::crypto {

namespace detail {
// Compresses `n` consecutive 128-byte blocks into `state`.
using Sha512Blocks = void (*)(uint64_t state[8], const uint8_t* in, size_t n);
void sha512_blocks_portable(uint64_t state[8], const uint8_t* in, size_t n);
// AVX2 message schedule + BMI2 scalar rounds (sha512_avx2.cc).
void sha512_blocks_avx2(uint64_t state[8], const uint8_t* in, size_t n);
// The same with the schedule's rotates in AVX-512VL (sha512_avx2.cc built again).
void sha512_blocks_avx512(uint64_t state[8], const uint8_t* in, size_t n);
// Eight blocks at a time, one AVX-512 lane each, with assembly rounds
// (sha512_avx512.cc); fewer than eight go to sha512_blocks_avx512.
void sha512_blocks_avx512x8(uint64_t state[8], const uint8_t* in, size_t n);
// FIPS 180-4 §4.2.3 round constants, shared by the backends.
extern const uint64_t kSha512K[80];

struct Sha512Backend {
    const char* name;
    Sha512Blocks blocks;
};
// Backends this CPU may use under KEEL_CPU: portable first, the dispatch choice last.
std::span<const Sha512Backend> sha512_backends();

using Sha512Engine = MdEngine<uint64_t, 8, 128, 16, true>;

// The public classes differ only in IV (FIPS 180-4 §5.3.4-6) and digest length.
template <size_t kDigest>
class Sha512Family {
  public:
    static constexpr size_t kDigestSize = kDigest;
    static constexpr size_t kBlockSize = 128;
    using Digest = std::array<uint8_t, kDigestSize>;

    void update(ByteView data) { e_.update(data); }
    // Returns the digest and resets the object for a new message.
    Digest final() {
        Digest d;
        e_.finish(d.data(), d.size());
        return d;
    }
    void reset() { e_.reset(); }

  protected:
    Sha512Family(const uint64_t* iv, Sha512Blocks blocks) : e_(iv, blocks) {}

  private:
    Sha512Engine e_;
};

Sha512Blocks best_sha512();
}  // namespace detail

class Sha512 : public detail::Sha512Family<64> {
  public:
    Sha512() : Sha512(detail::best_sha512()) {}
    explicit Sha512(detail::Sha512Blocks backend);
    static Digest hash(ByteView data) {
        Sha512 h;
        h.update(data);
        return h.final();
    }
};

class Sha384 : public detail::Sha512Family<48> {
  public:
    Sha384() : Sha384(detail::best_sha512()) {}
    explicit Sha384(detail::Sha512Blocks backend);
    static Digest hash(ByteView data) {
        Sha384 h;
        h.update(data);
        return h.final();
    }
};

class Sha512_224 : public detail::Sha512Family<28> {
  public:
    Sha512_224() : Sha512_224(detail::best_sha512()) {}
    explicit Sha512_224(detail::Sha512Blocks backend);
    static Digest hash(ByteView data) {
        Sha512_224 h;
        h.update(data);
        return h.final();
    }
};

class Sha512_256 : public detail::Sha512Family<32> {
  public:
    Sha512_256() : Sha512_256(detail::best_sha512()) {}
    explicit Sha512_256(detail::Sha512Blocks backend);
    static Digest hash(ByteView data) {
        Sha512_256 h;
        h.update(data);
        return h.final();
    }
};

}  // namespace keel::crypto
