// SLH-DSA, the stateless hash-based signature scheme (FIPS 205), all twelve
// parameter sets. Key types follow crypto/sig/sig.h:
//
//   auto sk = SlhDsaPrivateKey::generate(rng, SlhDsaParams::sha2_128f);
//   auto sig = sk->sign(msg, rng, ctx);             // hedged (randomized), §10.2.1
//   auto det = sk->sign_deterministic(msg, ctx);    // addrnd = PK.seed
//   KEEL_TRY(sk->public_key().verify(msg, *sig, ctx));
//
// Pure signing signs M' = 0 || |ctx| || ctx || M (Algorithm 22); pre-hash signing
// (HashSLH-DSA, Algorithm 23) signs M' = 1 || |ctx| || ctx || OID(PH) || PH(M).
// ctx is at most 255 bytes (invalid_argument otherwise). The *_internal calls take
// M' directly (Algorithms 18-20), for the ACVP interfaces.
//
// verify(): a signature of the wrong length is malformed (rejected before any
// hashing); one that does not verify is auth_failed.
//
// Constant time: signing is branch-free on SK.seed and SK.prf (see internal.cc).
#pragma once

#include <cstdint>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/rng.h"

namespace keel::pq {

enum class SlhDsaParams : uint8_t {
    sha2_128s,
    sha2_128f,
    sha2_192s,
    sha2_192f,
    sha2_256s,
    sha2_256f,
    shake_128s,
    shake_128f,
    shake_192s,
    shake_192f,
    shake_256s,
    shake_256f,
};

// The pre-hash functions of FIPS 205 §10.2.2 this build offers.
enum class SlhDsaPreHash : uint8_t { sha256, sha512, shake128, shake256 };

struct SlhDsaSizes {
    size_t n, public_key, private_key, signature;
};
SlhDsaSizes slhdsa_sizes(SlhDsaParams params);
// "SLH-DSA-SHA2-128s" etc.; parses the same names back.
std::string_view slhdsa_name(SlhDsaParams params);
Result<SlhDsaParams> slhdsa_params_from_name(std::string_view name);

class SlhDsaPublicKey {
  public:
    // PK.seed || PK.root, 2n bytes.
    static Result<SlhDsaPublicKey> from_bytes(SlhDsaParams params, ByteView pk);
    SlhDsaParams params() const { return params_; }
    ByteView bytes() const { return pk_; }

    Result<void> verify(ByteView message, ByteView signature, ByteView ctx = {}) const;
    Result<void> verify_prehash(ByteView message, ByteView signature, SlhDsaPreHash ph,
                                ByteView ctx = {}) const;
    // Algorithm 20 on M' as given.
    Result<void> verify_internal(ByteView mprime, ByteView signature) const;

  private:
    friend class SlhDsaPrivateKey;
    Result<void> verify_parts(ByteView prefix, ByteView msg, ByteView signature) const;
    SlhDsaParams params_ = SlhDsaParams::sha2_128s;
    Bytes pk_;
};

class SlhDsaPrivateKey {
  public:
    static Result<SlhDsaPrivateKey> generate(crypto::Rng& rng, SlhDsaParams params);
    // Algorithm 18 from its three n-byte seeds.
    static Result<SlhDsaPrivateKey> from_seeds(SlhDsaParams params, ByteView sk_seed,
                                               ByteView sk_prf, ByteView pk_seed);
    // SK.seed || SK.prf || PK.seed || PK.root (4n bytes); PK.root is checked against
    // the one the seeds give (invalid_argument when it differs).
    static Result<SlhDsaPrivateKey> from_bytes(SlhDsaParams params, ByteView sk);

    SlhDsaParams params() const { return params_; }
    SlhDsaPublicKey public_key() const;
    ByteView bytes() const { return sk_.view(); }

    // Hedged signing: addrnd from rng (Algorithm 22 with a random opt_rand).
    Result<Bytes> sign(ByteView message, crypto::Rng& rng, ByteView ctx = {}) const;
    Result<Bytes> sign_deterministic(ByteView message, ByteView ctx = {}) const;
    Result<Bytes> sign_prehash(ByteView message, SlhDsaPreHash ph, crypto::Rng& rng,
                               ByteView ctx = {}) const;
    Result<Bytes> sign_prehash_deterministic(ByteView message, SlhDsaPreHash ph,
                                             ByteView ctx = {}) const;
    // Algorithm 19 on M' as given; addrnd empty means deterministic, else n bytes.
    Result<Bytes> sign_internal(ByteView mprime, ByteView addrnd = {}) const;

  private:
    Result<Bytes> sign_parts(ByteView prefix, ByteView msg, const uint8_t* addrnd) const;
    Result<Bytes> sign_random(ByteView prefix, ByteView msg, crypto::Rng& rng) const;
    SlhDsaParams params_ = SlhDsaParams::sha2_128s;
    SecretBytes sk_;
};

}  // namespace keel::pq
