// The Merkle-Damgard buffering and padding that SHA-1, SHA-2 and MD5 share: a block
// function compresses whole blocks, this engine feeds it, pads the last block and
// serializes the state. Only public values (lengths) steer its branches, so it is
// constant-time whenever the block function is.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "base/bytes.h"
#include "base/endian.h"
#include "base/secret.h"

namespace keel::crypto::detail {

// Word: the state word (uint32_t or uint64_t); kWords: state words; kBlock: block
// bytes; kLenBytes: width of the trailing bit-length field (8, or 16 for SHA-384/512,
// FIPS 180-4 §5.1.2); kBigEndian: byte order of the length field and of the digest
// words (big for SHA, little for MD5, RFC 1321 §3.4).
template <class Word, size_t kWords, size_t kBlock, size_t kLenBytes, bool kBigEndian>
class MdEngine {
  public:
    static constexpr size_t kBlockSize = kBlock;
    using Blocks = void (*)(Word state[kWords], const uint8_t* in, size_t n);

    MdEngine(const Word* iv, Blocks blocks) : iv_(iv), blocks_(blocks) { reset(); }
    MdEngine(const MdEngine&) = default;
    MdEngine& operator=(const MdEngine&) = default;
    ~MdEngine() {
        secure_wipe(state_, sizeof state_);
        secure_wipe(buffer_, sizeof buffer_);
    }

    void reset() {
        std::memcpy(state_, iv_, sizeof state_);
        buffered_ = 0;
        total_lo_ = 0;
        total_hi_ = 0;
    }

    void update(ByteView data) {
        // An empty view may carry a null pointer, which memcpy must never see.
        if (data.empty()) return;
        const uint8_t* p = data.data();
        size_t n = data.size();
        // Byte count as a 128-bit number: SHA-512 allows messages up to 2^128 bits.
        uint64_t lo = total_lo_ + n;
        total_hi_ += lo < total_lo_;
        total_lo_ = lo;
        if (buffered_ > 0) {
            size_t take = std::min(n, kBlock - buffered_);
            std::memcpy(buffer_ + buffered_, p, take);
            buffered_ += take;
            p += take;
            n -= take;
            if (buffered_ < kBlock) return;
            blocks_(state_, buffer_, 1);
            buffered_ = 0;
        }
        if (n >= kBlock) {
            blocks_(state_, p, n / kBlock);
            p += n - n % kBlock;
            n %= kBlock;
        }
        if (n > 0) {
            std::memcpy(buffer_, p, n);
            buffered_ = n;
        }
    }

    // FIPS 180-4 §5.1 (RFC 1321 §3.1-3.2 for MD5): 0x80, zeros, then the message
    // length in bits. Writes the first out_len bytes of the serialized state and
    // resets the engine for the next message.
    void finish(uint8_t* out, size_t out_len) {
        const uint64_t bits_lo = total_lo_ << 3;
        const uint64_t bits_hi = (total_hi_ << 3) | (total_lo_ >> 61);
        buffer_[buffered_++] = 0x80;
        if (buffered_ > kBlock - kLenBytes) {
            std::memset(buffer_ + buffered_, 0, kBlock - buffered_);
            blocks_(state_, buffer_, 1);
            buffered_ = 0;
        }
        std::memset(buffer_ + buffered_, 0, kBlock - buffered_);
        uint8_t* len = buffer_ + kBlock - 8;
        if constexpr (kBigEndian) {
            store_be64(len, bits_lo);
            if constexpr (kLenBytes == 16) store_be64(len - 8, bits_hi);
        } else {
            store_le64(len, bits_lo);
        }
        blocks_(state_, buffer_, 1);

        uint8_t full[kWords * sizeof(Word)];
        for (size_t i = 0; i < kWords; i++) {
            uint8_t* w = full + i * sizeof(Word);
            if constexpr (sizeof(Word) == 8) {
                store_be64(w, state_[i]);
            } else if constexpr (kBigEndian) {
                store_be32(w, state_[i]);
            } else {
                store_le32(w, state_[i]);
            }
        }
        std::memcpy(out, full, out_len);
        secure_wipe(full, sizeof full);
        reset();
    }

  private:
    static_assert(kLenBytes == 8 || (kLenBytes == 16 && kBigEndian));
    static_assert(sizeof(Word) == 4 || kBigEndian);

    const Word* iv_;
    Blocks blocks_;
    Word state_[kWords];
    uint8_t buffer_[kBlock];
    size_t buffered_ = 0;
    uint64_t total_lo_ = 0;  // bytes hashed, low and high 64 bits
    uint64_t total_hi_ = 0;
};

}  // namespace keel::crypto::detail
