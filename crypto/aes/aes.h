// AES-128/192/256 (FIPS 197): key schedule, block encryption and decryption, and the
// 32-bit counter mode GCM uses (SP 800-38D §6.5, inc32). The backend is chosen once,
// in create(), and kept in the key object (DESIGN.md §4).
//
// Backends: portable (bitsliced, constant-time, no tables), aesni (AES-NI, 8 blocks in
// flight), vaes512 (VAES on zmm, 4 blocks per register, 16 in flight).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "base/result.h"

namespace keel::crypto {

enum class AesBackend : uint8_t { portable, aesni, vaes512 };

const char* aes_backend_name(AesBackend b);

namespace detail {

// Expanded key material. `enc` holds the FIPS 197 §5.2 round keys as bytes (what
// AES-NI loads directly); `dec` the Equivalent Inverse Cipher keys (§5.3.5) for AES-NI;
// `bs` the bitsliced round keys of the portable backend (8 words per round).
struct AesSchedule {
    alignas(64) uint8_t enc[15 * 16];
    alignas(64) uint8_t dec[15 * 16];
    uint64_t bs[15 * 8];
    unsigned rounds;  // 10, 12 or 14
};

// FIPS 197 §5.2 key expansion into s.enc, constant-time (SubWord is bitsliced).
// key_len is 16, 24 or 32 (checked by the caller).
void aes_expand_key(AesSchedule& s, const uint8_t* key, size_t key_len);

// Portable (aes_portable.cc).
void aes_setup_portable(AesSchedule& s);
void aes_encrypt_portable(const AesSchedule& s, const uint8_t* in, uint8_t* out, size_t blocks);
void aes_decrypt_portable(const AesSchedule& s, const uint8_t* in, uint8_t* out, size_t blocks);
void aes_ctr32_portable(const AesSchedule& s, const uint8_t counter[16], const uint8_t* in,
                        uint8_t* out, size_t len);

// AES-NI (aes_aesni.cc).
void aes_setup_aesni(AesSchedule& s);
void aes_encrypt_aesni(const AesSchedule& s, const uint8_t* in, uint8_t* out, size_t blocks);
void aes_decrypt_aesni(const AesSchedule& s, const uint8_t* in, uint8_t* out, size_t blocks);
void aes_ctr32_aesni(const AesSchedule& s, const uint8_t counter[16], const uint8_t* in,
                     uint8_t* out, size_t len);

// VAES + AVX-512 (aes_vaes512.cc). Decryption and setup reuse AES-NI.
void aes_encrypt_vaes512(const AesSchedule& s, const uint8_t* in, uint8_t* out, size_t blocks);
void aes_ctr32_vaes512(const AesSchedule& s, const uint8_t counter[16], const uint8_t* in,
                       uint8_t* out, size_t len);

}  // namespace detail

class Aes {
  public:
    static constexpr size_t kBlockSize = 16;

    // key.size() must be 16, 24 or 32; picks the fastest backend this CPU allows.
    static Result<Aes> create(ByteView key);
    // Forces a backend (tests, benchmarks); `unsupported` if the CPU lacks it.
    static Result<Aes> create(ByteView key, AesBackend backend);
    // Backends this CPU may use under KEEL_CPU: portable first, the dispatch choice last.
    static std::span<const AesBackend> backends();

    Aes(const Aes& other);
    Aes& operator=(const Aes& other);
    ~Aes();

    AesBackend backend() const { return backend_; }
    unsigned rounds() const { return s_.rounds; }

    // ECB over whole blocks (in == out allowed).
    void encrypt_blocks(const uint8_t* in, uint8_t* out, size_t blocks) const;
    void decrypt_blocks(const uint8_t* in, uint8_t* out, size_t blocks) const;

    // out = in XOR keystream, keystream blocks E(counter), E(inc32(counter)), ...:
    // only the last 4 bytes (big-endian) count, wrapping mod 2^32 (SP 800-38D §6.2).
    // len need not be a multiple of 16; in == out allowed.
    void ctr32(const uint8_t counter[16], const uint8_t* in, uint8_t* out, size_t len) const;

    const detail::AesSchedule& schedule() const { return s_; }

  private:
    Aes() = default;
    detail::AesSchedule s_;
    AesBackend backend_ = AesBackend::portable;
};

}  // namespace keel::crypto
