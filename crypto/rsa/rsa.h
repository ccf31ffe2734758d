// RSA (RFC 8017): keys, the raw public and private operations, RSASSA-PKCS1-v1_5,
// RSASSA-PSS, RSAES-OAEP, RSAES-PKCS1-v1_5 decryption, and key generation.
//
//   auto key = RsaPrivateKey::generate(rng, 2048);
//   auto sig = key->sign_pkcs1(HashAlg::sha256, msg, rng);
//   KEEL_TRY(key->public_key().verify_pkcs1(HashAlg::sha256, msg, *sig));
//
// The private operation uses the CRT with base blinding (r^e * c, fresh r refreshed
// by squaring) and checks its result with the public exponent before releasing it
// (a fault in one CRT half would otherwise reveal a factor of n). Everything that
// touches d, p, q, dp, dq, qinv or a decrypted block runs in constant time
// (crypto/bn). Verification works only on public data.
//
// Two PKCS#1 v1.5 decryptions, deliberately separate:
//   decrypt_pkcs1       generic; reports bad padding as an error (Wycheproof, tools).
//   decrypt_tls_premaster  the TLS 1.2 RSA key exchange: always returns 48 bytes, the
//                       real premaster or one derived from the ciphertext and a key
//                       secret, selected in constant time (implicit rejection,
//                       draft-irtf-cfrg-rsa-guidance): a server must use this one.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/bn/bn.h"
#include "crypto/hash/any_hash.h"
#include "crypto/rng.h"

namespace keel::crypto {

inline constexpr size_t kRsaMinBits = 512;  // verification of legacy keys only
inline constexpr size_t kRsaMaxBits = bn::kMaxBits;
inline constexpr size_t kRsaMinGenerateBits = 2048;
inline constexpr size_t kRsaMaxGenerateBits = 8192;

struct PssParams {
    HashAlg hash = HashAlg::sha256;
    HashAlg mgf1_hash = HashAlg::sha256;
    size_t salt_len = 32;
    // Verify only: recover the salt length from the encoded message instead of
    // requiring salt_len (RFC 8017 §9.1.2 allows either; off unless asked for).
    bool auto_salt_len = false;
};

struct OaepParams {
    HashAlg hash = HashAlg::sha256;
    HashAlg mgf1_hash = HashAlg::sha256;
    ByteView label = {};
};

namespace detail {
// MGF1 (RFC 8017 §B.2.1): XORs MGF1(seed, out.size()) into out.
void mgf1_xor(HashAlg hash, ByteView seed, MutableByteView out);
// The DER DigestInfo prefix for EMSA-PKCS1-v1_5 (RFC 8017 §9.2, note 1).
std::optional<ByteView> digest_info_prefix(HashAlg hash);
// Test hook: when set, called on the CRT result before the fault check, so a test
// can prove a corrupted half is caught. Never set outside tests.
extern void (*rsa_fault_injector)(bn::Limb* m, size_t limbs);
struct RsaShared;
}  // namespace detail

class RsaPublicKey {
  public:
    // n and e big-endian. n odd, kRsaMinBits..kRsaMaxBits bits; e odd, 3 <= e < n.
    static Result<RsaPublicKey> from_components(ByteView n, ByteView e);

    size_t modulus_bits() const;
    size_t modulus_bytes() const;
    Bytes n_bytes() const;
    Bytes e_bytes() const;

    // RSAVP1 / RSAEP (RFC 8017 §5.2.2, §5.1.1): input < n, exactly modulus_bytes() long.
    Result<Bytes> raw_public(ByteView input) const;

    // RSASSA-PKCS1-v1_5 (§8.2.2): re-encodes and compares; never parses the block.
    Result<void> verify_pkcs1(HashAlg hash, ByteView message, ByteView signature) const;
    Result<void> verify_pkcs1_digest(HashAlg hash, ByteView digest, ByteView signature) const;
    // RSASSA-PSS (§8.1.2).
    Result<void> verify_pss(ByteView message, ByteView signature, const PssParams& p) const;
    Result<void> verify_pss_digest(ByteView digest, ByteView signature, const PssParams& p) const;

    // RSAES-OAEP (§7.1.1) and RSAES-PKCS1-v1_5 (§7.2.1) encryption.
    Result<Bytes> encrypt_oaep(ByteView message, const OaepParams& p, Rng& rng) const;
    Result<Bytes> encrypt_pkcs1(ByteView message, Rng& rng) const;

  private:
    friend class RsaPrivateKey;
    std::shared_ptr<const detail::RsaShared> s_;
};

class RsaPrivateKey {
  public:
    // Full key with CRT parameters (big-endian). Checked: n = p * q, the sizes and
    // ranges of every component; consistency of d, dp, dq, qinv is checked on every
    // use by the fault check.
    static Result<RsaPrivateKey> from_components(ByteView n, ByteView e, ByteView d, ByteView p,
                                                 ByteView q, ByteView dp, ByteView dq,
                                                 ByteView qinv);
    // A key without the CRT parameters: the private operation is one exponentiation
    // modulo n (slower, same blinding and fault check).
    static Result<RsaPrivateKey> from_components(ByteView n, ByteView e, ByteView d);
    // FIPS 186-5 A.1.3-style probable primes: random odd candidates with the top two bits
    // set, trial division, Miller-Rabin (Table B.1 rounds), |p - q| > 2^(bits/2 - 100),
    // e = 65537. bits even, kRsaMinGenerateBits..kRsaMaxGenerateBits.
    static Result<RsaPrivateKey> generate(Rng& rng, size_t bits, uint32_t e = 65537);

    RsaPublicKey public_key() const;
    size_t modulus_bits() const;
    size_t modulus_bytes() const;
    bool has_crt() const;
    // Component export (big-endian, minimal length) for serialisers and tests.
    SecretBytes d_bytes() const;
    SecretBytes p_bytes() const;
    SecretBytes q_bytes() const;

    // RSADP / RSASP1 (§5.1.2, §5.2.1) with blinding and the fault check.
    Result<SecretBytes> raw_private(ByteView input, Rng& rng) const;

    Result<Bytes> sign_pkcs1(HashAlg hash, ByteView message, Rng& rng) const;
    Result<Bytes> sign_pkcs1_digest(HashAlg hash, ByteView digest, Rng& rng) const;
    Result<Bytes> sign_pss(ByteView message, const PssParams& p, Rng& rng) const;
    Result<Bytes> sign_pss_digest(ByteView digest, const PssParams& p, Rng& rng) const;

    // RSAES-OAEP decryption (§7.1.2): one error for every failure, found in constant time.
    Result<SecretBytes> decrypt_oaep(ByteView ciphertext, const OaepParams& p, Rng& rng) const;
    // Generic RSAES-PKCS1-v1_5 decryption (§7.2.2). Reports invalid padding as an error,
    // which makes it a padding oracle: never use it for the TLS key exchange.
    Result<SecretBytes> decrypt_pkcs1(ByteView ciphertext, Rng& rng) const;
    // TLS 1.2 RSA key exchange (RFC 5246 §7.4.7.1) with implicit rejection: returns the
    // 48-byte premaster when the padding is valid, the message is 48 bytes and starts
    // with client_version; otherwise 48 bytes derived from the ciphertext and a key
    // secret. Same length, same timing, no error either way.
    Secret<48> decrypt_tls_premaster(ByteView ciphertext, uint16_t client_version, Rng& rng) const;

    // The private representation (crypto/rsa/internal/rsa_impl.h).
    struct Priv;

  private:
    friend class RsaPublicKey;
    std::shared_ptr<const detail::RsaShared> pub_;
    std::shared_ptr<Priv> priv_;
};

}  // namespace keel::crypto
