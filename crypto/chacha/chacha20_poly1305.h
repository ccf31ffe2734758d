// ChaCha20-Poly1305 (RFC 8439 §2.8) and XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha
// §2.3), with the AEAD contract of crypto/aead/aead.h.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/chacha/chacha20.h"
#include "crypto/chacha/poly1305.h"

namespace keel::crypto {

namespace detail {
// Fused bulk path (AVX-512 + IFMA), the start of a message: derives the one-time
// key from block 0 into st, absorbs the padded aad, then en/decrypts the first len
// bytes of io in place (len a positive multiple of 1024, blocks 1..) and absorbs
// their ciphertext.
using ChaChaPolyBulk = void (*)(const uint32_t key[8], const uint32_t nonce[3], Poly1305State& st,
                                ByteView aad, uint8_t* io, size_t len, bool seal);
void chacha20_poly1305_bulk_avx512(const uint32_t key[8], const uint32_t nonce[3],
                                   Poly1305State& st, ByteView aad, uint8_t* io, size_t len,
                                   bool seal);
// The fused path for this backend pair, or nullptr.
ChaChaPolyBulk chacha20_poly1305_bulk_for(ChaCha20Xor chacha, Poly1305Blocks poly);
}  // namespace detail

class ChaCha20Poly1305 {
  public:
    static constexpr size_t kKeySize = 32;
    static constexpr size_t kNonceSize = 12;
    static constexpr size_t kTagSize = 16;
    // The keystream starts at block 1 and the 32-bit counter may not wrap:
    // (2^32 - 1) blocks of 64 bytes, about 256 GiB (RFC 8439 §2.8).
    static constexpr uint64_t kMaxMessage = ((uint64_t{1} << 32) - 1) * 64;

    // Rejects a key that is not 32 bytes. Backends are chosen here, once.
    static Result<ChaCha20Poly1305> create(ByteView key);
    // Explicit backends, for tests and benchmarks.
    static Result<ChaCha20Poly1305> create(ByteView key, detail::ChaCha20Xor chacha,
                                           detail::Poly1305Blocks poly);
    ChaCha20Poly1305(const ChaCha20Poly1305&) = default;
    ChaCha20Poly1305& operator=(const ChaCha20Poly1305&) = default;
    ~ChaCha20Poly1305();

    Result<void> seal(ByteView nonce, ByteView aad, MutableByteView in_out,
                      MutableByteView tag) const;
    Result<void> open(ByteView nonce, ByteView aad, MutableByteView in_out, ByteView tag) const;

  private:
    ChaCha20Poly1305(detail::ChaCha20Xor chacha, detail::Poly1305Blocks poly)
        : chacha_(chacha), poly_(poly), bulk_(detail::chacha20_poly1305_bulk_for(chacha, poly)) {}
    uint32_t key_[8] = {};
    detail::ChaCha20Xor chacha_;
    detail::Poly1305Blocks poly_;
    detail::ChaChaPolyBulk bulk_;
};

// 24-byte nonces, safe to choose at random: HChaCha20(key, nonce[0..16]) is the
// message key and 0^4 || nonce[16..24] the ChaCha20-Poly1305 nonce.
class XChaCha20Poly1305 {
  public:
    static constexpr size_t kKeySize = 32;
    static constexpr size_t kNonceSize = 24;
    static constexpr size_t kTagSize = 16;
    static constexpr uint64_t kMaxMessage = ChaCha20Poly1305::kMaxMessage;

    static Result<XChaCha20Poly1305> create(ByteView key);
    static Result<XChaCha20Poly1305> create(ByteView key, detail::ChaCha20Xor chacha,
                                            detail::Poly1305Blocks poly);
    XChaCha20Poly1305(const XChaCha20Poly1305&) = default;
    XChaCha20Poly1305& operator=(const XChaCha20Poly1305&) = default;
    ~XChaCha20Poly1305();

    Result<void> seal(ByteView nonce, ByteView aad, MutableByteView in_out,
                      MutableByteView tag) const;
    Result<void> open(ByteView nonce, ByteView aad, MutableByteView in_out, ByteView tag) const;

  private:
    XChaCha20Poly1305(detail::ChaCha20Xor chacha, detail::Poly1305Blocks poly)
        : chacha_(chacha), poly_(poly), bulk_(detail::chacha20_poly1305_bulk_for(chacha, poly)) {}
    uint8_t key_[32] = {};
    detail::ChaCha20Xor chacha_;
    detail::Poly1305Blocks poly_;
    detail::ChaChaPolyBulk bulk_;
};

}  // namespace keel::crypto
