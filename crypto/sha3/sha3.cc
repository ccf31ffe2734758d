// The Keccak sponge (FIPS 202 §4, §5.1, §6): byte-granular absorb and squeeze over
// whole-lane backends. Positions and lengths are public; the state is only xored,
// copied and permuted, never branched on.
#include "crypto/sha3/sha3.h"

#include <algorithm>

#include "base/endian.h"
#include "base/secret.h"

namespace keel::crypto::detail {
namespace {

// XORs n bytes into the state starting at byte offset pos (little-endian lanes).
void xor_bytes(uint64_t s[25], size_t pos, const uint8_t* in, size_t n) {
    while (n > 0 && pos % 8 != 0) {
        s[pos / 8] ^= uint64_t{*in++} << (8 * (pos % 8));
        pos++;
        n--;
    }
    for (; n >= 8; n -= 8, pos += 8, in += 8) s[pos / 8] ^= load_le64(in);
    for (; n > 0; n--, pos++) s[pos / 8] ^= uint64_t{*in++} << (8 * (pos % 8));
}

// Copies n state bytes starting at byte offset pos into out.
void extract_bytes(const uint64_t s[25], size_t pos, uint8_t* out, size_t n) {
    while (n > 0 && pos % 8 != 0) {
        *out++ = static_cast<uint8_t>(s[pos / 8] >> (8 * (pos % 8)));
        pos++;
        n--;
    }
    for (; n >= 8; n -= 8, pos += 8, out += 8) store_le64(out, s[pos / 8]);
    for (; n > 0; n--, pos++) *out++ = static_cast<uint8_t>(s[pos / 8] >> (8 * (pos % 8)));
}

}  // namespace

KeccakSponge::KeccakSponge(size_t rate, uint8_t domain, const KeccakBackend& backend)
    : backend_(&backend), rate_(rate), domain_(domain) {
    reset();
}

KeccakSponge::~KeccakSponge() {
    secure_wipe(state_, sizeof state_);
}

void KeccakSponge::reset() {
    for (uint64_t& lane : state_) lane = 0;
    pos_ = 0;
    squeezing_ = false;
}

void KeccakSponge::absorb(ByteView data) {
    // An empty view may have no storage; nothing below may see its null pointer.
    if (data.empty()) return;
    const uint8_t* p = data.data();
    size_t n = data.size();
    if (pos_ > 0) {
        const size_t take = std::min(n, rate_ - pos_);
        xor_bytes(state_, pos_, p, take);
        pos_ += take;
        p += take;
        n -= take;
        if (pos_ < rate_) return;
        backend_->permute(state_);
        pos_ = 0;
    }
    if (n >= rate_) {
        const size_t blocks = n / rate_;
        backend_->absorb(state_, p, blocks, rate_);
        p += blocks * rate_;
        n -= blocks * rate_;
    }
    xor_bytes(state_, 0, p, n);
    pos_ = n;
}

void KeccakSponge::finish_absorb() {
    if (squeezing_) return;
    // pad10*1 (§5.1) after the domain suffix (§6): the suffix byte carries the first
    // 1 bit, 0x80 in the last rate byte the final one (they may share a byte).
    const uint8_t suffix = domain_;
    xor_bytes(state_, pos_, &suffix, 1);
    const uint8_t last = 0x80;
    xor_bytes(state_, rate_ - 1, &last, 1);
    backend_->permute(state_);
    pos_ = 0;
    squeezing_ = true;
}

void KeccakSponge::squeeze(uint8_t* out, size_t n) {
    finish_absorb();
    while (n > 0) {
        if (pos_ == rate_) {
            backend_->permute(state_);
            pos_ = 0;
        }
        const size_t take = std::min(n, rate_ - pos_);
        extract_bytes(state_, pos_, out, take);
        pos_ += take;
        out += take;
        n -= take;
    }
}

}  // namespace keel::crypto::detail
