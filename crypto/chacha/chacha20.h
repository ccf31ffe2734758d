// ChaCha20 (RFC 8439 §2.3-2.4) and HChaCha20 (draft-irtf-cfrg-xchacha §2.2).
//
// Backends share one narrow interface, ChaCha20Xor: XOR `len` bytes of keystream,
// starting at block `counter`, into out. The caller guarantees the 32-bit block
// counter does not wrap (counter + ceil(len / 64) <= 2^32); ChaCha20::xor_stream and
// the AEADs check it, so no backend ever has to carry into the nonce.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "base/result.h"

namespace keel::crypto {

namespace detail {
// key: 8 little-endian words; nonce: 3 little-endian words. in and out may be equal.
using ChaCha20Xor = void (*)(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter,
                             const uint8_t* in, uint8_t* out, size_t len);
void chacha20_xor_portable(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter,
                           const uint8_t* in, uint8_t* out, size_t len);
// 8 blocks per pass (AVX2), 16 blocks per pass (AVX-512 F/VL/BW).
void chacha20_xor_avx2(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter,
                       const uint8_t* in, uint8_t* out, size_t len);
void chacha20_xor_avx512(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter,
                         const uint8_t* in, uint8_t* out, size_t len);

struct ChaCha20Backend {
    const char* name;
    ChaCha20Xor xor_fn;
};
// Backends this CPU may use under KEEL_CPU: portable first, the dispatch choice last.
std::span<const ChaCha20Backend> chacha20_backends();
ChaCha20Xor chacha20_best();

// HChaCha20: 32-byte key and 16-byte input to a 32-byte subkey. Portable only: it
// runs once per XChaCha20 message.
void hchacha20(const uint8_t key[32], const uint8_t in[16], uint8_t out[32]);

// Little-endian words of a 32-byte key.
void chacha20_load_key(const uint8_t key[32], uint32_t out[8]);
}  // namespace detail

class ChaCha20 {
  public:
    static constexpr size_t kKeySize = 32;
    static constexpr size_t kNonceSize = 12;
    static constexpr size_t kBlockSize = 64;

    // Rejects a key that is not 32 bytes. The backend is chosen here, once.
    static Result<ChaCha20> create(ByteView key);
    static Result<ChaCha20> create(ByteView key, detail::ChaCha20Xor backend);

    ChaCha20(const ChaCha20&) = default;
    ChaCha20& operator=(const ChaCha20&) = default;
    ~ChaCha20();

    // out = in XOR keystream(nonce) from block `counter` (RFC 8439 §2.4). in and out
    // have equal sizes and may be the same buffer. limit_exceeded when the message
    // would wrap the 32-bit block counter; invalid_argument for a nonce that is not 12
    // bytes or mismatched sizes. Nothing is written on error.
    Result<void> xor_stream(ByteView nonce, uint32_t counter, ByteView in,
                            MutableByteView out) const;

  private:
    explicit ChaCha20(detail::ChaCha20Xor backend) : fn_(backend) {}
    uint32_t key_[8] = {};
    detail::ChaCha20Xor fn_;
};

}  // namespace keel::crypto
