// SLH-DSA internal functions (FIPS 205 §9): key generation, signing and verification
// on the raw M' and raw key bytes. slhdsa.h wraps them in the pure / pre-hash API.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "pq/slhdsa/params.h"

namespace keel::pq::detail {

// Algorithm 18, slh_keygen_internal: sk = SK.seed || SK.prf || PK.seed || PK.root
// (4n bytes), pk = its last 2n bytes.
void slh_keygen_internal(const SlhParams& p, const uint8_t* sk_seed, const uint8_t* sk_prf,
                         const uint8_t* pk_seed, uint8_t* sk_out);

// Algorithm 19, slh_sign_internal over M' = prefix || msg; addrnd null means
// deterministic (opt_rand = PK.seed). sig has p.sig_bytes() bytes.
void slh_sign_internal(const SlhParams& p, const uint8_t* sk, ByteView prefix, ByteView msg,
                       const uint8_t* addrnd, uint8_t* sig);

// Algorithm 20, slh_verify_internal. The caller has checked sig.size() == sig_bytes().
bool slh_verify_internal(const SlhParams& p, const uint8_t* pk, ByteView prefix, ByteView msg,
                         const uint8_t* sig);

}  // namespace keel::pq::detail
