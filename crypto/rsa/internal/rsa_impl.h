// Shared internals of the RSA files: the key representations and the raw operations
// the padding schemes build on. Not part of the API.
#pragma once

#include <array>
#include <mutex>
#include <optional>

#include "crypto/bn/bn.h"
#include "crypto/rsa/rsa.h"

namespace keel::crypto::detail {

struct RsaShared {
    bn::Modulus n;
    bn::Nat e;  // n.limbs() limbs
    Bytes e_bytes;
};

}  // namespace keel::crypto::detail

namespace keel::crypto {

struct RsaPrivateKey::Priv {
    bn::Nat d;  // n limbs
    bool crt = false;
    std::optional<bn::Modulus> p, q;  // both k limbs when crt
    bn::Nat dp, dq, qinv;             // k limbs
    // SHA-256(d as modulus_bytes() bytes): the key of the implicit-rejection KDF.
    std::array<uint8_t, 32> kdk_key{};

    // Blinding pair (A = r^e, Ai = r^-1 mod n, both in Montgomery form), squared after
    // each use and drawn
    // afresh every kBlindingRefresh uses. Guarded: const keys are shared by threads.
    static constexpr int kBlindingRefresh = 32;
    std::mutex mu;
    bool blind_ready = false;
    int blind_uses = 0;
    bn::Nat blind_a, blind_ai;
};

namespace detail {

// input (modulus_bytes() bytes, < n) -> s^e mod n as modulus_bytes() bytes.
Result<Bytes> rsa_public_op(const RsaShared& k, ByteView input);
// m = c^d mod n (limbs, n.limbs() each), c < n. Blinded; fails only when the fault
// check rejects the result.
Result<void> rsa_private_op(const RsaShared& k, RsaPrivateKey::Priv& priv, bn::Limb* m,
                            const bn::Limb* c, Rng& rng);
// EMSA-PSS-ENCODE / EMSA-PKCS1-v1_5-ENCODE helpers used by sign and verify.
Result<Bytes> emsa_pkcs1_encode(HashAlg hash, ByteView digest, size_t em_len);

}  // namespace detail
}  // namespace keel::crypto
