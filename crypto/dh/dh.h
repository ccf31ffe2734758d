// Finite-field Diffie-Hellman: the RFC 7919 FFDHE groups (TLS 1.3 key exchange, kx
// functions per crypto/kx/kx.h) and arbitrary (p, g) groups for TLS 1.2 DHE and the
// `dh` option.
//
//   auto group = DhGroup::ffdhe(NamedGroup::ffdhe2048);
//   auto mine = group->generate(rng);                  // x secret, y = g^x mod p
//   auto z = group->agree(mine->private_key, peer_y);  // checks 1 < peer_y < p - 1
//
// Public values and the shared secret are big-endian, left-padded to the prime's length
// (RFC 8446 §4.2.8.1, §7.4.1). TLS 1.2 strips the secret's leading zero bytes itself
// (RFC 5246 §8.1.2). Exponentiation with the private exponent is constant time.
#pragma once

#include <cstddef>
#include <memory>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/bn/bn.h"
#include "crypto/kx/kx.h"
#include "crypto/rng.h"

namespace keel::crypto {

struct DhKeyPair {
    SecretBytes private_key;  // big-endian exponent
    Bytes public_key;         // prime_bytes() long
};

class DhGroup {
  public:
    // ffdhe2048 .. ffdhe8192; other groups are invalid_argument.
    static Result<DhGroup> ffdhe(NamedGroup group);
    // Arbitrary parameters (big-endian): p odd, 1024..16384 bits, 1 < g < p - 1.
    // The private exponent is p's full length, since nothing is known about the order
    // of g.
    static Result<DhGroup> from_params(ByteView p, ByteView g);

    size_t prime_bits() const;
    size_t prime_bytes() const;
    // Length of generated private exponents: RFC 7919 §5.2 / Appendix A sizes (twice the
    // group's security strength, 225 bits for ffdhe2048) for the named groups.
    size_t exponent_bits() const { return exp_bits_; }
    Bytes p_bytes() const;
    Bytes g_bytes() const;

    Result<DhKeyPair> generate(Rng& rng) const;
    // 1 < y < p - 1 (SP 800-56A §5.6.2.3.1 partial check; RFC 7919 §5.1). y may be shorter
    // than the prime (TLS 1.2 sends it unpadded) but not longer.
    Result<void> check_public(ByteView y) const;
    // z = peer^x mod p, padded to prime_bytes(). x at most prime_bits() long.
    Result<SecretBytes> agree(const SecretBytes& x, ByteView peer) const;

  private:
    std::shared_ptr<const bn::Modulus> p_;
    bn::Nat g_;
    size_t exp_bits_ = 0;
};

// Key-exchange functions (crypto/kx/kx.h), one namespace per group.
#define KEEL_FFDHE_KX(name)                                                           \
    namespace name {                                                                  \
    Result<KxClientState> kx_generate(Rng& rng);                                      \
    Result<KxServerResult> kx_respond(ByteView client_share, Rng& rng);               \
    Result<SecretBytes> kx_finish(const KxClientState& state, ByteView server_share); \
    }
KEEL_FFDHE_KX(ffdhe2048)
KEEL_FFDHE_KX(ffdhe3072)
KEEL_FFDHE_KX(ffdhe4096)
KEEL_FFDHE_KX(ffdhe6144)
KEEL_FFDHE_KX(ffdhe8192)
#undef KEEL_FFDHE_KX

}  // namespace keel::crypto
