// AES-CBC (NIST SP 800-38A §6.2) over whole blocks. No padding at this level: the
// caller pads (TLS 1.2 records: crypto/cbc/cbc_record.h; PKCS#7 elsewhere).
//
//   auto cbc = AesCbc::create(key);
//   KEEL_TRY(cbc->encrypt(iv, in, out));   // in.size() % 16 == 0, out.size() == in.size()
//
// Encryption is serial by definition (each block waits for the previous ciphertext);
// decryption is parallel, and the AES-NI backend keeps 8 blocks in flight
// (cbc_aesni.cc; also used under VAES). The portable backend drives the bitsliced AES.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/aes/aes.h"

namespace keel::crypto {

namespace detail {
// iv is updated to the last ciphertext block, so calls chain. in == out allowed.
void cbc_encrypt_portable(const Aes& aes, uint8_t iv[16], const uint8_t* in, uint8_t* out,
                          size_t blocks);
void cbc_decrypt_portable(const Aes& aes, uint8_t iv[16], const uint8_t* in, uint8_t* out,
                          size_t blocks);
// AES-NI (cbc_aesni.cc); call only when the CPU has AES-NI.
void cbc_encrypt_aesni(const AesSchedule& s, uint8_t iv[16], const uint8_t* in, uint8_t* out,
                       size_t blocks);
void cbc_decrypt_aesni(const AesSchedule& s, uint8_t iv[16], const uint8_t* in, uint8_t* out,
                       size_t blocks);
}  // namespace detail

class AesCbc {
  public:
    static constexpr size_t kBlockSize = 16;
    static constexpr size_t kIvSize = 16;

    // key.size() must be 16, 24 or 32.
    static Result<AesCbc> create(ByteView key);
    // Forces the AES backend (tests, benchmarks); `unsupported` if the CPU lacks it.
    static Result<AesCbc> create(ByteView key, AesBackend backend);

    AesBackend backend() const { return aes_.backend(); }

    // iv.size() must be 16, in.size() a multiple of 16 and out.size() == in.size()
    // (invalid_argument otherwise, nothing written). in and out may be the same
    // buffer, but must not overlap otherwise.
    Result<void> encrypt(ByteView iv, ByteView in, MutableByteView out) const;
    Result<void> decrypt(ByteView iv, ByteView in, MutableByteView out) const;

  private:
    explicit AesCbc(Aes aes) : aes_(std::move(aes)) {}
    Aes aes_;  // wipes its schedule on destruction
};

}  // namespace keel::crypto
