// Batched SHAKE (FIPS 202 §6.2) over interleaved states: lane i of instance j is
// s_[kN * i + j]. Lengths and positions are public; the data is only xored and copied.
#include "crypto/sha3/shake_batch.h"

#include <algorithm>
#include <cstring>

#include "base/endian.h"
#include "base/secret.h"

namespace keel::crypto {
namespace {

constexpr uint8_t kShakeDomain = 0x1F;  // SHAKE suffix 1111 + pad10*1's first bit

template <size_t kN>
typename ShakeBatch<kN, 168>::Permute best_permute() {
    if constexpr (kN == 4) {
        return detail::keccak_x4_backends().back().permute;
    } else {
        return detail::keccak_x8_backends().back().permute;
    }
}

}  // namespace

template <size_t kN, size_t kRate>
ShakeBatch<kN, kRate>::ShakeBatch() : ShakeBatch(best_permute<kN>()) {}

template <size_t kN, size_t kRate>
ShakeBatch<kN, kRate>::ShakeBatch(Permute permute) : permute_(permute) {
    // No absorb here: every real user absorbs right away, and a permutation per
    // constructed object doubled SLH-DSA's hashing cost. squeeze() absorbs the empty
    // messages itself if it comes first.
    std::fill(std::begin(s_), std::end(s_), 0);
}

template <size_t kN, size_t kRate>
ShakeBatch<kN, kRate>::~ShakeBatch() {
    secure_wipe(s_, sizeof s_);
}

template <size_t kN, size_t kRate>
Result<void> ShakeBatch<kN, kRate>::absorb(const std::array<ByteView, kN>& in) {
    for (size_t j = 1; j < kN; j++) {
        if (in[j].size() != in[0].size()) {
            return Error(Errc::invalid_argument, "batched SHAKE: inputs of unequal length");
        }
    }
    absorb_unchecked(in);
    return ok();
}

template <size_t kN, size_t kRate>
void ShakeBatch<kN, kRate>::absorb_unchecked(const std::array<ByteView, kN>& in) {
    constexpr size_t kRateLanes = kRate / 8;
    std::fill(std::begin(s_), std::end(s_), 0);
    const size_t len = in[0].size();
    size_t off = 0;
    for (; len - off >= kRate; off += kRate) {
        for (size_t i = 0; i < kRateLanes; i++) {
            for (size_t j = 0; j < kN; j++) s_[kN * i + j] ^= load_le64(in[j].data() + off + 8 * i);
        }
        permute_(s_);
    }
    // Last (possibly empty) partial block with SHAKE's suffix and pad10*1 (§5.1).
    uint8_t block[kRate];
    for (size_t j = 0; j < kN; j++) {
        std::memset(block, 0, kRate);
        if (len > off) std::memcpy(block, in[j].data() + off, len - off);
        block[len - off] ^= kShakeDomain;
        block[kRate - 1] ^= 0x80;
        for (size_t i = 0; i < kRateLanes; i++) s_[kN * i + j] ^= load_le64(block + 8 * i);
    }
    secure_wipe(block, sizeof block);
    permute_(s_);
    pos_ = 0;
    absorbed_ = true;
}

template <size_t kN, size_t kRate>
Result<void> ShakeBatch<kN, kRate>::squeeze(const std::array<MutableByteView, kN>& out) {
    for (size_t j = 1; j < kN; j++) {
        if (out[j].size() != out[0].size()) {
            return Error(Errc::invalid_argument, "batched SHAKE: outputs of unequal length");
        }
    }
    if (!absorbed_) absorb_unchecked({});
    size_t n = out[0].size();
    size_t done = 0;
    while (n > 0) {
        if (pos_ == kRate) {
            permute_(s_);
            pos_ = 0;
        }
        const size_t take = std::min(n, kRate - pos_);
        for (size_t j = 0; j < kN; j++) {
            uint8_t* o = out[j].data() + done;
            size_t p = pos_;
            size_t k = take;
            for (; k > 0 && p % 8 != 0; k--, p++) {
                *o++ = static_cast<uint8_t>(s_[kN * (p / 8) + j] >> (8 * (p % 8)));
            }
            for (; k >= 8; k -= 8, p += 8, o += 8) store_le64(o, s_[kN * (p / 8) + j]);
            for (; k > 0; k--, p++) {
                *o++ = static_cast<uint8_t>(s_[kN * (p / 8) + j] >> (8 * (p % 8)));
            }
        }
        pos_ += take;
        done += take;
        n -= take;
    }
    return ok();
}

template class ShakeBatch<4, 168>;
template class ShakeBatch<4, 136>;
template class ShakeBatch<8, 168>;
template class ShakeBatch<8, 136>;

}  // namespace keel::crypto
