// AES-CCM (NIST SP 800-38C, RFC 3610): CBC-MAC over the formatted input, then CTR
// encryption of the payload and of the MAC. TLS uses it with 12-byte nonces and
// 16-byte (CCM) or 8-byte (CCM_8) tags (RFC 6655, RFC 7251).
//
//   auto ccm = AesCcm::create(key);                  // 16, 24 or 32 bytes
//   KEEL_TRY(ccm->seal(nonce, aad, in_out, tag));    // tag.size() selects t
//   KEEL_TRY(ccm->open(nonce, aad, in_out, tag));
//
// Parameters (SP 800-38C §A.1): nonce length n in 7..13; q = 15 - n bytes encode
// the payload length, so the payload must be shorter than 2^(8q) bytes; tag length
// t in {4, 6, 8, 10, 12, 14, 16}; aad of any length (encoded per §A.2.2).
//
// Backends: the AES backend of the key. The AES-NI path (also used under VAES, since
// the serial CBC-MAC chain bounds the speed) runs one CBC-MAC block and one CTR block
// through the round instructions together, so the CTR work hides in the latency of
// the chain (ccm_aesni.cc). The portable path drives the bitsliced AES block calls.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/aes/aes.h"

namespace keel::crypto {

namespace detail {
// One pass of CCM over the payload, shared by every backend: CTR from the counter
// block `ctr1` (counter value 1 in its last q <= 8 bytes) and CBC-MAC chained from
// `mac` over the plaintext, the last partial block zero-padded (SP 800-38C §6.1).
// `decrypt` selects which side of the XOR is the plaintext. in == out allowed.
void ccm_crypt_portable(const Aes& aes, uint8_t mac[16], const uint8_t ctr1[16], const uint8_t* in,
                        uint8_t* out, size_t len, bool decrypt);
void ccm_cbcmac_portable(const Aes& aes, uint8_t mac[16], const uint8_t* in, size_t blocks);

// AES-NI (ccm_aesni.cc); call only when the CPU has AES-NI.
void ccm_seal_aesni(const AesSchedule& s, uint8_t mac[16], const uint8_t ctr1[16],
                    const uint8_t* in, uint8_t* out, size_t len);
void ccm_open_aesni(const AesSchedule& s, uint8_t mac[16], const uint8_t ctr1[16],
                    const uint8_t* in, uint8_t* out, size_t len);
void ccm_cbcmac_aesni(const AesSchedule& s, uint8_t mac[16], const uint8_t* in, size_t blocks);
}  // namespace detail

class AesCcm {
  public:
    static constexpr size_t kKeySize = 16;    // AES-128; 24 and 32 are accepted too
    static constexpr size_t kNonceSize = 12;  // what TLS uses; 7..13 allowed
    static constexpr size_t kTagSize = 16;    // CCM; TLS CCM_8 passes an 8-byte tag
    static constexpr size_t kMinNonceSize = 7;
    static constexpr size_t kMaxNonceSize = 13;

    // key.size() must be 16, 24 or 32.
    static Result<AesCcm> create(ByteView key);
    // Forces the AES backend (tests, benchmarks); `unsupported` if the CPU lacks it.
    static Result<AesCcm> create(ByteView key, AesBackend backend);

    AesBackend backend() const { return aes_.backend(); }

    Result<void> seal(ByteView nonce, ByteView aad, MutableByteView in_out,
                      MutableByteView tag) const;
    Result<void> open(ByteView nonce, ByteView aad, MutableByteView in_out, ByteView tag) const;

  private:
    explicit AesCcm(Aes aes) : aes_(std::move(aes)) {}
    // Checks the parameters, then computes B0 and the AAD part of the CBC-MAC into mac
    // and the counter block A1 into ctr1 (SP 800-38C §A.2, §A.3).
    Result<void> start(ByteView nonce, ByteView aad, size_t len, size_t tag_len, uint8_t mac[16],
                       uint8_t ctr1[16]) const;
    void cbcmac(uint8_t mac[16], const uint8_t* in, size_t blocks) const;

    Aes aes_;  // wipes its schedule on destruction
};

}  // namespace keel::crypto
