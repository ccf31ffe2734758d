// ML-DSA (FIPS 204): the module-lattice signature scheme, parameter sets ML-DSA-44,
// ML-DSA-65 and ML-DSA-87, key shape per crypto/sig/sig.h.
//
//   auto sk = MlDsaPrivateKey::generate(rng, MlDsaParams::mldsa65);
//   auto sig = sk->sign(msg, rng, {.context = ctx});            // hedged, pure ML-DSA
//   auto pk = MlDsaPublicKey::from_bytes(MlDsaParams::mldsa65, pk_bytes);
//   if (auto r = pk->verify(msg, *sig, {.context = ctx}); !r) ...  // auth_failed
//
// Pure ML-DSA (FIPS 204 Alg 2/3) signs M' = 0 || |ctx| || ctx || M. HashML-DSA
// (Alg 4/5, .prehash set) signs M' = 1 || |ctx| || ctx || OID(PH) || PH(M). Contexts are
// at most 255 bytes (invalid_argument otherwise). Signing is hedged (rnd from the Rng,
// FIPS 204 §3.4) unless .deterministic, which uses rnd = 0^32.
//
// Private keys come as the 32-byte seed xi (from_seed, the form FIPS 204 §3.6.3
// recommends storing) or as the expanded skEncode form (from_bytes). Either way the key
// object decodes the secret vectors and expands A once, so signing does neither.
//
// Errors: invalid_argument for a context over 255 bytes or a wrong seed length;
// malformed for wrong key/signature lengths or a private key with out-of-range
// coefficients; auth_failed for a signature that does not verify (including a hint
// encoding that FIPS 204 Alg 21 rejects).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/rng.h"
#include "crypto/sig/sig.h"

namespace keel::pq {

enum class MlDsaParams : uint8_t { mldsa44, mldsa65, mldsa87 };

// The TLS SignatureScheme code point (crypto/sig/sig.h) and back.
crypto::SignatureScheme signature_scheme(MlDsaParams params);
std::optional<MlDsaParams> mldsa_params(crypto::SignatureScheme scheme);

size_t mldsa_public_key_size(MlDsaParams params);
size_t mldsa_private_key_size(MlDsaParams params);
size_t mldsa_signature_size(MlDsaParams params);

// HashML-DSA pre-hash functions (FIPS 204 §5.4.1; SHAKE128 with 256-bit and SHAKE256
// with 512-bit output).
enum class MlDsaPreHash : uint8_t {
    sha224,
    sha256,
    sha384,
    sha512,
    sha512_224,
    sha512_256,
    sha3_224,
    sha3_256,
    sha3_384,
    sha3_512,
    shake128,
    shake256,
};

struct MlDsaSignOptions {
    ByteView context = {};
    std::optional<MlDsaPreHash> prehash = std::nullopt;  // HashML-DSA when set
    bool deterministic = false;                          // rnd = 0^32
};

struct MlDsaVerifyOptions {
    ByteView context = {};
    std::optional<MlDsaPreHash> prehash = std::nullopt;
};

namespace detail {
struct PolyBackend;
class PolyArray;
class SigningKey;
class VerifyingKey;
}  // namespace detail

class MlDsaPublicKey {
  public:
    static Result<MlDsaPublicKey> from_bytes(MlDsaParams params, ByteView pk);
    static Result<MlDsaPublicKey> from_bytes(MlDsaParams params, ByteView pk,
                                             const detail::PolyBackend& backend);

    MlDsaParams params() const { return params_; }
    const Bytes& bytes() const { return bytes_; }

    // Alg 3 / Alg 5.
    Result<void> verify(ByteView message, ByteView signature,
                        const MlDsaVerifyOptions& options = {}) const;
    // Alg 8 Verify_internal on M' as given (ACVP), and from a precomputed mu.
    Result<void> verify_internal(ByteView message_prime, ByteView signature) const;
    Result<void> verify_mu(ByteView mu, ByteView signature) const;

    MlDsaPublicKey(MlDsaPublicKey&&) noexcept;
    MlDsaPublicKey& operator=(MlDsaPublicKey&&) noexcept;
    ~MlDsaPublicKey();

  private:
    friend class MlDsaPrivateKey;
    MlDsaPublicKey() = default;
    // tr = H(pk) known already (from a private key whose tr was generated or checked).
    static Result<MlDsaPublicKey> from_bytes_with_tr(MlDsaParams params, ByteView pk,
                                                     const detail::PolyBackend& backend,
                                                     const uint8_t* tr);
    MlDsaParams params_ = MlDsaParams::mldsa65;
    Bytes bytes_;
    std::unique_ptr<detail::VerifyingKey> key_;
};

class MlDsaPrivateKey {
  public:
    // Alg 1: xi from rng, then KeyGen_internal.
    static Result<MlDsaPrivateKey> generate(crypto::Rng& rng, MlDsaParams params);
    // Alg 6 KeyGen_internal(xi): xi must be 32 bytes.
    static Result<MlDsaPrivateKey> from_seed(MlDsaParams params, ByteView xi);
    static Result<MlDsaPrivateKey> from_seed(MlDsaParams params, ByteView xi,
                                             const detail::PolyBackend& backend);
    // The expanded skEncode form (Alg 24). The public key is recomputed from it.
    static Result<MlDsaPrivateKey> from_bytes(MlDsaParams params, ByteView sk);
    static Result<MlDsaPrivateKey> from_bytes(MlDsaParams params, ByteView sk,
                                              const detail::PolyBackend& backend);

    MlDsaParams params() const { return params_; }
    const MlDsaPublicKey& public_key() const { return public_key_; }
    // The expanded encoding (skEncode).
    const SecretBytes& bytes() const { return sk_bytes_; }
    // xi when the key was made from a seed.
    std::optional<Secret<32>> seed() const;

    // Alg 2 / Alg 4; rng is not used when options.deterministic.
    Result<Bytes> sign(ByteView message, crypto::Rng& rng,
                       const MlDsaSignOptions& options = {}) const;
    // Alg 7 Sign_internal on M' as given (ACVP), and from a precomputed mu; rnd is
    // 32 bytes.
    Result<Bytes> sign_internal(ByteView message_prime, ByteView rnd) const;
    Result<Bytes> sign_mu(ByteView mu, ByteView rnd) const;

    MlDsaPrivateKey(MlDsaPrivateKey&&) noexcept;
    MlDsaPrivateKey& operator=(MlDsaPrivateKey&&) noexcept;
    ~MlDsaPrivateKey();

  private:
    explicit MlDsaPrivateKey(MlDsaPublicKey pk);
    static Result<MlDsaPrivateKey> from_parts(MlDsaParams params, SecretBytes sk, Bytes pk,
                                              const detail::PolyBackend& backend,
                                              detail::PolyArray a_hat);
    Result<Bytes> sign_with_prefix(ByteView prefix, ByteView message, ByteView rnd) const;

    MlDsaParams params_ = MlDsaParams::mldsa65;
    MlDsaPublicKey public_key_;
    SecretBytes sk_bytes_;
    SecretBytes seed_;  // empty unless from a seed
    std::unique_ptr<detail::SigningKey> key_;
};

}  // namespace keel::pq
