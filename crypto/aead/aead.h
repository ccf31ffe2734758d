// The AEAD shape (DESIGN.md §3) every mode implements: a key object set up once,
// then in-place seal/open. The TLS record layer holds one per direction.
//
//   class X {
//   public:
//     static constexpr size_t kKeySize, kNonceSize, kTagSize;
//     static Result<X> create(ByteView key);           // rejects a wrong key length
//     Result<void> seal(ByteView nonce, ByteView aad,
//                       MutableByteView in_out, MutableByteView tag) const;
//     Result<void> open(ByteView nonce, ByteView aad,
//                       MutableByteView in_out, ByteView tag) const;
//   };
//
// Contract:
// - seal encrypts in_out in place and writes tag (exactly kTagSize bytes unless the
//   mode allows shorter tags, as GCM and CCM do; then tag.size() selects the length).
// - open verifies the tag in constant time, then decrypts in place. On a bad tag it
//   returns Errc::auth_failed and in_out is all zeros: unauthenticated plaintext is
//   never released.
// - A nonce of the wrong length, a tag length the mode does not allow, or a message
//   beyond the mode's limit is Errc::invalid_argument / Errc::limit_exceeded, checked
//   before any byte of in_out changes.
// - Key objects wipe their key schedule on destruction.
#pragma once

#include "base/bytes.h"
#include "base/result.h"

namespace keel::crypto {

enum class AeadAlg : uint8_t {
    aes128_gcm,
    aes256_gcm,
    chacha20_poly1305,
    xchacha20_poly1305,
    aes128_ccm,
    aes256_ccm,
    aes128_ccm8,
    aes256_ccm8,
};

}  // namespace keel::crypto
