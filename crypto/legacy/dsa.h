// DSA signature verification (FIPS 186-4 §4.7), for legacy certificates only: keel
// never creates DSA signatures. Every input is public, so the arithmetic is the
// variable-time kind.
#pragma once

#include <memory>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/bn/bn.h"
#include "crypto/hash/any_hash.h"

namespace keel::crypto {

class DsaPublicKey {
  public:
    // Domain parameters and public key, big-endian. p: 1024..3072 bits, q: 160..256 bits
    // and prime-sized (not tested for primality: the caller trusts the certificate
    // chain, not the key), 1 < g < p, 1 < y < p.
    static Result<DsaPublicKey> from_components(ByteView p, ByteView q, ByteView g, ByteView y);

    // r and s as big-endian integers (the DER/P1363 decoding is the caller's).
    Result<void> verify(HashAlg hash, ByteView message, ByteView r, ByteView s) const;
    Result<void> verify_digest(ByteView digest, ByteView r, ByteView s) const;

  private:
    std::shared_ptr<const bn::Modulus> p_, q_;
    bn::Nat g_, y_;  // p limbs
};

}  // namespace keel::crypto
