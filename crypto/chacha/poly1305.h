// Poly1305 one-time authenticator (RFC 8439 §2.5).
//
// Every backend keeps the accumulator in radix 2^44 (limbs of 44, 44 and 42 bits), so
// the portable code and the AVX-512 IFMA code share one state and can hand a message
// to each other at any block boundary. A backend implements Poly1305Blocks: absorb
// `n` full 16-byte blocks (each with the 2^128 bit set). The final partial block of a
// message is always absorbed by the portable code.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "base/result.h"

namespace keel::crypto {

namespace detail {

// Limb masks of the radix-2^44 representation (limbs of 44, 44 and 42 bits).
inline constexpr uint64_t kM44 = (uint64_t{1} << 44) - 1;
inline constexpr uint64_t kM42 = (uint64_t{1} << 42) - 1;

struct Poly1305State {
    uint64_t h[3];    // accumulator; limbs may exceed their width by a few bits
    uint64_t r[3];    // clamped r
    uint64_t pad[2];  // s, added at the end (little-endian 64-bit words)
    // Vector backends' powers of r, filled on first use by the one backend that uses
    // this state: IFMA keeps r^(8-j) in lane j of each limb; AVX2 keeps r^(4-j)
    // as 26-bit limbs (poly1305_avx2.cc).
    alignas(64) uint64_t rpow[3][8];
    bool powers_ready;
};

using Poly1305Blocks = void (*)(Poly1305State& st, const uint8_t* in, size_t n);
void poly1305_blocks_portable(Poly1305State& st, const uint8_t* in, size_t n);
// 8 blocks per step with AVX-512 IFMA (vpmadd52luq/huq), radix 2^44.
void poly1305_blocks_ifma(Poly1305State& st, const uint8_t* in, size_t n);
// 4 blocks per step with AVX2 (vpmuludq), radix 2^26 inside the call.
void poly1305_blocks_avx2(Poly1305State& st, const uint8_t* in, size_t n);

// Shared helpers (portable code, callable from any backend).
void poly1305_init(Poly1305State& st, const uint8_t key[32]);
// Absorbs a final partial block: the bytes, then 0x01, zeros to 16 (§2.5.1).
void poly1305_last_partial(Poly1305State& st, const uint8_t* in, size_t len);
void poly1305_finish(Poly1305State& st, uint8_t tag[16]);

struct Poly1305Backend {
    const char* name;
    Poly1305Blocks blocks;
};
// Backends this CPU may use under KEEL_CPU: portable first, the dispatch choice last.
std::span<const Poly1305Backend> poly1305_backends();
Poly1305Blocks poly1305_best();

}  // namespace detail

class Poly1305 {
  public:
    static constexpr size_t kKeySize = 32;
    static constexpr size_t kTagSize = 16;
    static constexpr size_t kBlockSize = 16;
    using Tag = std::array<uint8_t, kTagSize>;

    explicit Poly1305(std::span<const uint8_t, kKeySize> key);
    Poly1305(std::span<const uint8_t, kKeySize> key, detail::Poly1305Blocks backend);
    // Rejects a key that is not 32 bytes.
    static Result<Poly1305> create(ByteView key);
    Poly1305(const Poly1305&) = default;
    Poly1305& operator=(const Poly1305&) = default;
    ~Poly1305();

    void update(ByteView data);
    // Absorbs zero bytes up to the next 16-byte boundary (RFC 8439 §2.8 padding).
    void pad16();
    // The tag. The key is one-time: the object is wiped and must not be reused.
    Tag final();

    static Tag mac(std::span<const uint8_t, kKeySize> key, ByteView data);

  private:
    detail::Poly1305State st_;
    detail::Poly1305Blocks blocks_;
    uint8_t buffer_[kBlockSize];
    size_t buffered_ = 0;
};

}  // namespace keel::crypto
