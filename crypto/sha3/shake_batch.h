// Batched SHAKE: 4 or 8 independent SHAKE128/SHAKE256 instances run in lockstep on one
// batched Keccak permutation (keccak.h: keccak_x4 / keccak_x8). Built for the
// post-quantum code, which expands many seeds of equal length at once:
//
//   ML-KEM (FIPS 203): matrix A entries are SHAKE128(rho || j || i), 34-byte inputs,
//     squeezed in 168-byte blocks until enough coefficients are accepted.
//   ML-DSA (FIPS 204): ExpandA uses SHAKE128 on 34-byte seeds, ExpandS/ExpandMask
//     SHAKE256 on 66-byte seeds (blocks of 136 bytes).
//
// Usage:
//   Shake128x4 x;
//   if (!x.absorb({in0, in1, in2, in3})) ...          // equal lengths, any length
//   uint8_t b0[168], b1[168], b2[168], b3[168];
//   x.squeeze({b0, b1, b2, b3});                         // call again for more
//
// absorb() resets, absorbs the j-th input into instance j and pads: one-shot absorbing
// only (no incremental update), since every known user has its whole seed at hand.
// squeeze() appends the next out[j].size() bytes of stream j to out[j]; all out[j]
// must have the same size (any size, not only whole blocks; successive calls continue
// the streams exactly like Shake::squeeze). Output j equals Shake{128,256}::hash(in[j]).
// squeeze() before any absorb() squeezes the SHAKE of four (eight) empty messages.
//
// Unequal lengths are invalid_argument and leave the object unchanged.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/sha3/keccak.h"

namespace keel::crypto {

template <size_t kN, size_t kRate>
class ShakeBatch {
    static_assert(kN == 4 || kN == 8);

  public:
    static constexpr size_t kLanes = kN;
    static constexpr size_t kBlockSize = kRate;
    // keccak_x4-shaped for kN == 4, keccak_x8-shaped for kN == 8.
    using Permute = void (*)(uint64_t* s);

    ShakeBatch();  // the dispatched batch permutation
    explicit ShakeBatch(Permute permute);
    ShakeBatch(const ShakeBatch&) = default;
    ShakeBatch& operator=(const ShakeBatch&) = default;
    ~ShakeBatch();

    Result<void> absorb(const std::array<ByteView, kN>& in);
    Result<void> squeeze(const std::array<MutableByteView, kN>& out);

  private:
    void absorb_unchecked(const std::array<ByteView, kN>& in);

    alignas(64) uint64_t s_[25 * kN];
    Permute permute_;
    size_t pos_ = 0;  // bytes of the current block already squeezed
    bool absorbed_ = false;
};

using Shake128x4 = ShakeBatch<4, 168>;
using Shake256x4 = ShakeBatch<4, 136>;
using Shake128x8 = ShakeBatch<8, 168>;
using Shake256x8 = ShakeBatch<8, 136>;

extern template class ShakeBatch<4, 168>;
extern template class ShakeBatch<4, 136>;
extern template class ShakeBatch<8, 168>;
extern template class ShakeBatch<8, 136>;

}  // namespace keel::crypto
