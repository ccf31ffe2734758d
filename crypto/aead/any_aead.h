// An AEAD chosen at run time, for the TLS record layer: the cipher suite names the
// algorithm, the key schedule supplies the key. Holds the concrete key object in a
// std::variant (no heap, no virtual call); seal/open keep the contract of aead.h.
#pragma once

#include <cstddef>
#include <variant>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/aead/aead.h"
#include "crypto/aead/ccm.h"
#include "crypto/aead/gcm.h"
#include "crypto/chacha/chacha20_poly1305.h"

namespace keel::crypto {

size_t aead_key_size(AeadAlg alg);
size_t aead_nonce_size(AeadAlg alg);
size_t aead_tag_size(AeadAlg alg);
const char* aead_name(AeadAlg alg);  // "aes-128-gcm", "chacha20-poly1305", ...

class Aead {
public:
    // key.size() must equal aead_key_size(alg) exactly (invalid_argument otherwise):
    // AES-GCM accepting a 32-byte key as "AES-128" would silently change the cipher.
    static Result<Aead> create(AeadAlg alg, ByteView key);

    AeadAlg alg() const { return alg_; }
    size_t nonce_size() const { return aead_nonce_size(alg_); }
    size_t tag_size() const { return aead_tag_size(alg_); }

    // tag.size() must equal tag_size(); the nonce must be nonce_size() bytes.
    Result<void> seal(ByteView nonce, ByteView aad, MutableByteView in_out,
                      MutableByteView tag) const;
    Result<void> open(ByteView nonce, ByteView aad, MutableByteView in_out, ByteView tag) const;

private:
    using Impl = std::variant<AesGcm, AesCcm, ChaCha20Poly1305, XChaCha20Poly1305>;
    Aead(AeadAlg alg, Impl impl) : alg_(alg), impl_(std::move(impl)) {}
    Result<void> check(ByteView nonce, size_t tag_len) const;

    AeadAlg alg_;
    Impl impl_;
};

}  // namespace keel::crypto
