// The SLH-DSA hash functions bound to one key (FIPS 205 §11.1 SHAKE, §11.2 SHA2):
// PRF, F, H and T_l as one tweakable hash over (ADRS, input), plus H_msg and PRF_msg.
//
// Speed: the SHA2 sets hash PK.seed || toByte(0, 64 - n) (or 128 - n for SHA-512) as
// the first block of every F/H/T_l/PRF call, so the compressed state after that block
// is computed once here and every call resumes from it (§11.2). The SHAKE sets run
// many independent calls through Shake256x8, one call per lane: thash_many() is the
// batched entry point every caller uses for independent tree nodes and chains.
//
// Constant time: SK.seed enters only as hash input; lengths and counts are public.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "pq/slhdsa/params.h"

namespace keel::pq::detail {

class SlhHash {
  public:
    // sk_seed may be null (verification): prf_many() must not be called then.
    SlhHash(const SlhParams& p, const uint8_t* pk_seed, const uint8_t* sk_seed);
    ~SlhHash();
    SlhHash(const SlhHash&) = delete;
    SlhHash& operator=(const SlhHash&) = delete;

    const SlhParams& params() const { return p_; }

    // out[i*n..] = T(adrs[i], in + i*in_stride, in_len) for i < count: F for in_len == n,
    // H for 2n, T_l otherwise. in_stride may be 0 (the same input for every call).
    // out may alias in when in_stride == n.
    void thash_many(const Adrs* adrs, const uint8_t* in, size_t in_len, size_t in_stride,
                    uint8_t* out, size_t count) const;
    // out[i*n..] = PRF(PK.seed, SK.seed, adrs[i]).
    void prf_many(const Adrs* adrs, uint8_t* out, size_t count) const {
        thash_many(adrs, sk_seed_, p_.n, 0, out, count);
    }

  private:
    void thash_one(const Adrs& adrs, const uint8_t* in, size_t in_len, uint8_t* out) const;

    const SlhParams& p_;
    uint8_t pk_seed_[32];
    uint8_t sk_seed_[32];
    // SHA2 sets: chaining values after the padded PK.seed block (§11.2).
    uint32_t seeded256_[8];
    uint64_t seeded512_[8];
    crypto::detail::Sha256Blocks sha256_;
    crypto::detail::Sha512Blocks sha512_;
};

// R = PRF_msg(SK.prf, opt_rand, M) where M = prefix || msg (the M' pieces, so the
// message need not be copied). Writes n bytes.
void slh_prf_msg(const SlhParams& p, const uint8_t* sk_prf, const uint8_t* opt_rand,
                 ByteView prefix, ByteView msg, uint8_t* out);
// digest = H_msg(R, PK.seed, PK.root, prefix || msg). Writes m bytes.
void slh_h_msg(const SlhParams& p, const uint8_t* r, const uint8_t* pk_seed, const uint8_t* pk_root,
               ByteView prefix, ByteView msg, uint8_t* out);

}  // namespace keel::pq::detail
