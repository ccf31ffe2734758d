// HMAC (RFC 2104, FIPS 198-1) over any keel hash with the shape of crypto/hash/sha256.h:
// kDigestSize, kBlockSize, Digest, update(), final() (which resets), reset().
//
//   Hmac<Sha256> m(key);          // key schedule once: the two keyed hash states
//   m.update(a); m.update(b);
//   auto tag = m.final();         // and m is ready to MAC the next message
//   Hmac<Sha256>::mac(key, data);
//   KEEL_TRY(Hmac<Sha256>::verify(key, data, tag));   // constant-time tag check
//
// Constant time: the key is only XORed with the pads and hashed; its length is public.
// The tag check compares every byte (ct::equal) and only its yes/no result is public.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/bytes.h"
#include "base/ct.h"
#include "base/result.h"
#include "base/secret.h"

namespace keel::crypto {

template <class H>
class Hmac {
  public:
    static constexpr size_t kTagSize = H::kDigestSize;
    static constexpr size_t kBlockSize = H::kBlockSize;
    using Hash = H;
    using Digest = typename H::Digest;

    explicit Hmac(ByteView key) { set_key(key); }
    Hmac(const Hmac&) = default;
    Hmac& operator=(const Hmac&) = default;
    // The keyed states are as secret as the key: put every hash back to its IV so no
    // chaining value derived from the key survives the object (the hashes wipe their
    // own buffers on destruction).
    ~Hmac() {
        inner_keyed_.reset();
        outer_keyed_.reset();
        inner_.reset();
    }

    void update(ByteView data) { inner_.update(data); }

    // RFC 2104 §2: H(K ^ opad || H(K ^ ipad || text)). Leaves the object keyed and
    // empty, ready for the next message.
    Digest final() {
        Digest inner = inner_.final();
        H outer = outer_keyed_;
        outer.update(inner);
        secure_wipe(inner.data(), inner.size());
        inner_ = inner_keyed_;
        return outer.final();
    }

    // Writes the first out.size() bytes of the tag (1..kTagSize): truncation as in
    // RFC 2104 §5. A size outside that range is invalid_argument.
    Result<void> final_into(MutableByteView out) {
        if (out.empty() || out.size() > kTagSize) {
            return Error(Errc::invalid_argument, "HMAC output length " +
                                                     std::to_string(out.size()) + " not in 1.." +
                                                     std::to_string(kTagSize));
        }
        Digest tag = final();
        for (size_t i = 0; i < out.size(); i++) out[i] = tag[i];
        secure_wipe(tag.data(), tag.size());
        return ok();
    }

    // Drops any message bytes given so far; the key stays.
    void reset() { inner_ = inner_keyed_; }

    static Digest mac(ByteView key, ByteView data) {
        Hmac m(key);
        m.update(data);
        return m.final();
    }

    // Checks `tag` against HMAC(key, data) in constant time. By default the tag must be
    // the full kTagSize bytes. A caller whose protocol truncates tags (RFC 2104 §5)
    // names the shortest length it accepts: then any length in min_tag_len..kTagSize is
    // compared against that prefix of the MAC. A tag of any other length, truncated or
    // extended, fails with auth_failed; min_tag_len outside 1..kTagSize is
    // invalid_argument.
    static Result<void> verify(ByteView key, ByteView data, ByteView tag,
                               size_t min_tag_len = kTagSize) {
        Hmac m(key);
        m.update(data);
        return m.verify_final(tag, min_tag_len);
    }

    // verify() for a streamed message: compares final() with `tag`.
    Result<void> verify_final(ByteView tag, size_t min_tag_len = kTagSize) {
        if (min_tag_len == 0 || min_tag_len > kTagSize) {
            return Error(Errc::invalid_argument, "HMAC minimum tag length " +
                                                     std::to_string(min_tag_len) + " not in 1.." +
                                                     std::to_string(kTagSize));
        }
        Digest expected = final();
        // Tag lengths are public: branching on them leaks nothing.
        bool good = tag.size() >= min_tag_len && tag.size() <= kTagSize &&
                    ct::equal(ByteView(expected.data(), tag.size()), tag);
        secure_wipe(expected.data(), expected.size());
        if (!good) {
            return Error(Errc::auth_failed,
                         tag.size() < min_tag_len || tag.size() > kTagSize
                             ? "HMAC tag length " + std::to_string(tag.size()) + " not accepted"
                             : "HMAC tag mismatch");
        }
        return ok();
    }

  private:
    // RFC 2104 §2: a key longer than the block is replaced by its hash; the (possibly
    // hashed) key is zero-padded to the block and XORed with 0x36 / 0x5c.
    void set_key(ByteView key) {
        uint8_t block[kBlockSize] = {};
        if (key.size() > kBlockSize) {
            H h;
            h.update(key);
            Digest d = h.final();
            for (size_t i = 0; i < d.size(); i++) block[i] = d[i];
            secure_wipe(d.data(), d.size());
        } else {
            for (size_t i = 0; i < key.size(); i++) block[i] = key[i];
        }
        for (size_t i = 0; i < kBlockSize; i++) block[i] ^= 0x36;
        inner_keyed_.update(ByteView(block, kBlockSize));
        // 0x36 ^ 0x5c turns the ipad block into the opad block.
        for (size_t i = 0; i < kBlockSize; i++) block[i] ^= 0x36 ^ 0x5c;
        outer_keyed_.update(ByteView(block, kBlockSize));
        secure_wipe(block, sizeof block);
        inner_ = inner_keyed_;
    }

    H inner_keyed_;  // state after absorbing K ^ ipad
    H outer_keyed_;  // state after absorbing K ^ opad
    H inner_;        // inner_keyed_ plus the message so far
};

}  // namespace keel::crypto
