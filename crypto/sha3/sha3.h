// SHA-3 hash functions and SHAKE extendable-output functions (FIPS 202 §6).
//
// Sha3_224/256/384/512 follow keel's hash shape (crypto/hash/sha256.h): kDigestSize,
// kBlockSize (the sponge rate), Digest, update(), final() (which resets), reset(),
// static hash(). Hmac<H> and the KDFs work over them unchanged.
//
// Shake128/Shake256 absorb incrementally with update() and squeeze incrementally with
// squeeze(out), callable any number of times with any lengths; the concatenation of
// all squeezed bytes is the XOF output, however it was split. The first squeeze() call
// (even for zero bytes) ends absorbing: update() after that returns
// Errc::invalid_argument and leaves the object unchanged, so the stream already being
// squeezed continues correctly. reset() starts a new message.
//
// Batched SHAKE over 4 or 8 independent inputs lives in crypto/sha3/shake_batch.h.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/sha3/keccak.h"

namespace keel::crypto {

namespace detail {

// The sponge construction (FIPS 202 §4) over Keccak-f[1600] with the pad10*1 rule and
// the FIPS 202 §6 domain suffix folded into one byte: 0x06 = suffix 01 for SHA-3,
// 0x1F = suffix 1111 for SHAKE, each followed by pad10*1's first 1 bit.
class KeccakSponge {
  public:
    KeccakSponge(size_t rate, uint8_t domain, const KeccakBackend& backend);
    KeccakSponge(const KeccakSponge&) = default;
    KeccakSponge& operator=(const KeccakSponge&) = default;
    ~KeccakSponge();

    // Absorbing only (squeezing() == false).
    void absorb(ByteView data);
    // Pads, permutes and switches to squeezing; no-op when already squeezing.
    void finish_absorb();
    // Appends the next n output bytes; finishes absorbing first if needed.
    void squeeze(uint8_t* out, size_t n);
    void reset();
    bool squeezing() const { return squeezing_; }

  private:
    uint64_t state_[25];
    const KeccakBackend* backend_;
    size_t rate_;
    size_t pos_ = 0;  // bytes absorbed into / squeezed from the current block
    uint8_t domain_;
    bool squeezing_ = false;
};

}  // namespace detail

// SHA3-224/256/384/512: capacity 2 * digest size, rate 200 - capacity (FIPS 202 §6.1).
template <size_t kDigestBytes>
class Sha3 {
  public:
    static constexpr size_t kDigestSize = kDigestBytes;
    static constexpr size_t kBlockSize = 200 - 2 * kDigestBytes;
    using Digest = std::array<uint8_t, kDigestSize>;

    Sha3() : Sha3(detail::keccak_best()) {}
    explicit Sha3(const detail::KeccakBackend& backend) : sponge_(kBlockSize, kDomain, backend) {}

    void update(ByteView data) { sponge_.absorb(data); }
    // Returns the digest and resets the object for a new message.
    Digest final() {
        Digest d;
        sponge_.squeeze(d.data(), d.size());
        sponge_.reset();
        return d;
    }
    void reset() { sponge_.reset(); }
    static Digest hash(ByteView data) {
        Sha3 h;
        h.update(data);
        return h.final();
    }

  private:
    static constexpr uint8_t kDomain = 0x06;
    detail::KeccakSponge sponge_;
};

using Sha3_224 = Sha3<28>;
using Sha3_256 = Sha3<32>;
using Sha3_384 = Sha3<48>;
using Sha3_512 = Sha3<64>;

// SHAKE128/256: rate 168/136 bytes (FIPS 202 §6.2).
template <size_t kRate>
class Shake {
  public:
    static constexpr size_t kBlockSize = kRate;

    Shake() : Shake(detail::keccak_best()) {}
    explicit Shake(const detail::KeccakBackend& backend) : sponge_(kRate, kDomain, backend) {}

    // Absorbs more message. invalid_argument (object unchanged) once squeezing began.
    Result<void> update(ByteView data) {
        if (sponge_.squeezing()) {
            return Error(Errc::invalid_argument, "SHAKE: update() after squeeze()");
        }
        sponge_.absorb(data);
        return ok();
    }
    // Writes the next out.size() bytes of output.
    void squeeze(MutableByteView out) { sponge_.squeeze(out.data(), out.size()); }
    void reset() { sponge_.reset(); }
    bool squeezing() const { return sponge_.squeezing(); }

    // One shot: out receives the first out.size() bytes of SHAKE(in).
    static void hash(ByteView in, MutableByteView out) {
        Shake x;
        x.sponge_.absorb(in);
        x.squeeze(out);
    }

  private:
    static constexpr uint8_t kDomain = 0x1F;
    detail::KeccakSponge sponge_;
};

using Shake128 = Shake<168>;
using Shake256 = Shake<136>;

}  // namespace keel::crypto
