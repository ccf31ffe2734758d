// AES-GCM (NIST SP 800-38D) with the AEAD shape of crypto/aead/aead.h.
//
// - Keys of 16, 24 or 32 bytes select AES-128, AES-192 or AES-256.
// - Any IV of at least 1 byte: 12 bytes is the fast path (J0 = IV || 0^31 || 1), other
//   lengths are GHASHed into J0 (§7.1 step 2). A zero-length IV is invalid_argument.
// - Tags of 12 to 16 bytes (§5.2.1.2); tag.size() selects the length. The 4- and 8-byte
//   tags of Appendix C are rejected: keel does not enforce the message-count limits
//   they need.
// - Plaintext at most 2^36 - 32 bytes, AAD at most 2^61 - 1 bytes (§5.2.1.1).
//
// The backend (portable, aesni_pclmul, vaes512) is chosen once in create().
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/aes/aes.h"

namespace keel::crypto {

enum class GcmBackend : uint8_t { portable, aesni_pclmul, vaes512 };

const char* gcm_backend_name(GcmBackend b);

namespace detail {

// GHASH key material. A 128-bit field element is held as two words {lo, hi} of the
// integer whose big-endian encoding is the GCM block: bit 127 is the coefficient of
// x^0 (SP 800-38D §6.3), so field multiplication is a carry-less product of the
// bit-reflected values followed by a reflected reduction. This is also the layout of an
// __m128i holding a byte-reversed block, which the CLMUL backends use directly.
struct GhashKey {
    uint64_t h[2];
    // pow[i] = H^(16 - i), i = 0..15: the last n entries are H^n..H^1, the factors of
    // an n-block aggregated GHASH step.
    alignas(64) uint64_t pow[16][2];
};

// Y = (Y ^ X_1) * H ^ ... for `blocks` 16-byte blocks; y is {lo, hi} as above.
void ghash_portable(const GhashKey& k, uint64_t y[2], const uint8_t* in, size_t blocks);
void ghash_pclmul(const GhashKey& k, uint64_t y[2], const uint8_t* in, size_t blocks);
void ghash_vaes512(const GhashKey& k, uint64_t y[2], const uint8_t* in, size_t blocks);

// Computes k.pow from k.h (portable field arithmetic, constant-time).
void ghash_init_powers(GhashKey& k);
// a = a * b in GF(2^128), portable and constant-time.
void ghash_mul_portable(uint64_t a[2], const uint64_t b[2]);

// Stitched AES-CTR + GHASH over whole blocks: counter is the first counter block;
// seal hashes the ciphertext it writes, open hashes the ciphertext it reads.
void gcm_seal_vaes512(const AesSchedule& s, const GhashKey& k, const uint8_t counter[16],
                      const uint8_t* in, uint8_t* out, size_t blocks, uint64_t y[2]);
void gcm_open_vaes512(const AesSchedule& s, const GhashKey& k, const uint8_t counter[16],
                      const uint8_t* in, uint8_t* out, size_t blocks, uint64_t y[2]);

}  // namespace detail

class AesGcm {
  public:
    static constexpr size_t kKeySize = 16;  // AES-128; 24 and 32 are also accepted
    static constexpr size_t kNonceSize = 12;
    static constexpr size_t kTagSize = 16;
    static constexpr size_t kMinTagSize = 12;
    static constexpr uint64_t kMaxPlaintext = (uint64_t{1} << 36) - 32;
    static constexpr uint64_t kMaxAad = (uint64_t{1} << 61) - 1;

    static Result<AesGcm> create(ByteView key);
    // Forces a backend (tests, benchmarks); `unsupported` if the CPU lacks it.
    static Result<AesGcm> create(ByteView key, GcmBackend backend);
    // Backends this CPU may use under KEEL_CPU: portable first, the dispatch choice last.
    static std::span<const GcmBackend> backends();

    Result<void> seal(ByteView nonce, ByteView aad, MutableByteView in_out,
                      MutableByteView tag) const;
    Result<void> open(ByteView nonce, ByteView aad, MutableByteView in_out, ByteView tag) const;

    GcmBackend backend() const { return backend_; }

    AesGcm(const AesGcm& other) = default;
    AesGcm& operator=(const AesGcm& other) = default;
    ~AesGcm();

  private:
    AesGcm(Aes aes, GcmBackend backend) : aes_(std::move(aes)), backend_(backend) {}

    Result<void> check(ByteView nonce, ByteView aad, size_t text_len, size_t tag_len) const;
    void ghash(uint64_t y[2], const uint8_t* in, size_t len) const;
    void derive_j0(ByteView nonce, uint8_t j0[16]) const;
    void finish_tag(const uint8_t j0[16], uint64_t y[2], size_t aad_len, size_t text_len,
                    uint8_t full_tag[16]) const;

    Aes aes_;
    detail::GhashKey gk_;
    GcmBackend backend_;
};

}  // namespace keel::crypto
