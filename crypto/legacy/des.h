// DES (FIPS 46-3) and Triple-DES EDE (NIST SP 800-67 Rev. 2), with CBC mode
// (SP 800-38A §6.2, FIPS 81). Legacy: for interoperability with old peers only, when
// the user enables the suites that need them (crypto/legacy/README.md).
//
// Constant-time: S-boxes are read with register shifts of 64-bit truth tables, never
// with a secret-indexed load (des.cc).
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"

namespace keel::crypto {

namespace detail {
// 16 round keys of 48 bits, as eight 6-bit groups each (one per S-box).
struct DesKeySchedule {
    uint8_t k[16][8];
};
void des_key_schedule(DesKeySchedule& ks, const uint8_t key[8]);
}  // namespace detail

// Single DES, or 3DES-EDE with three independent keys (keying option 1 of SP 800-67;
// a 16-byte two-key 3DES key is accepted as K1 || K2 || K1 for old peers).
class Des {
  public:
    static constexpr size_t kBlockSize = 8;

    // 8 bytes: DES. 16 or 24 bytes: 3DES-EDE (E_K3(D_K2(E_K1(x)))). Parity bits are
    // ignored, as FIPS 46-3 allows.
    static Result<Des> create(ByteView key);

    Des(const Des&) = default;
    Des& operator=(const Des&) = default;
    ~Des();

    bool triple() const { return triple_; }

    // ECB over whole 8-byte blocks (in == out allowed).
    void encrypt_blocks(const uint8_t* in, uint8_t* out, size_t blocks) const;
    void decrypt_blocks(const uint8_t* in, uint8_t* out, size_t blocks) const;

    // CBC: iv.size() == 8, in.size() a multiple of 8, out.size() == in.size()
    // (invalid_argument otherwise). in == out allowed.
    Result<void> cbc_encrypt(ByteView iv, ByteView in, MutableByteView out) const;
    Result<void> cbc_decrypt(ByteView iv, ByteView in, MutableByteView out) const;

  private:
    Des() = default;
    uint64_t crypt(uint64_t block, bool decrypt) const;

    detail::DesKeySchedule ks_[3];
    bool triple_ = false;
};

}  // namespace keel::crypto
