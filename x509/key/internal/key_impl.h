// The representations behind x509::PublicKey / PrivateKey, shared by the files of
// x509/key/ (signing, verification, and the SPKI / PKCS#8 codecs). Not public API.
#pragma once

#include <optional>
#include <variant>

#include "base/bytes.h"
#include "base/secret.h"
#include "crypto/curve25519/ed25519.h"
#include "crypto/curve448/ed448.h"
#include "crypto/ec/ecdsa.h"
#include "crypto/hash/any_hash.h"
#include "crypto/rsa/rsa.h"
#include "pq/mldsa/mldsa.h"
#include "pq/mlkem/mlkem.h"
#include "pq/slhdsa/slhdsa.h"
#include "x509/key/key.h"

namespace keel::x509::detail {

struct RsaPublic {
    crypto::RsaPublicKey key;
    std::optional<PssRestriction> pss;  // rsa_pss keys with RFC 4055 parameters
};

struct PublicKeyImpl {
    KeyType type;
    // The raw public encoding (PublicKey::raw()); empty for RSA.
    Bytes raw;
    std::variant<std::monostate, RsaPublic, crypto::ec::EcdsaPublicKey, crypto::Ed25519PublicKey,
                 crypto::Ed448PublicKey, pq::MlDsaPublicKey, pq::SlhDsaPublicKey>
        key;
};

// X25519 / X448 scalars.
struct MontgomeryPrivate {
    SecretBytes scalar;
};

// ML-KEM: the seed d || z when the key came from one (empty otherwise) and the
// expanded dk (FIPS 203 §7.1), which is always present.
struct MlKemPrivate {
    SecretBytes seed;
    SecretBytes dk;
};

struct CallbackPrivate {
    SignCallback sign;
};

struct PrivateKeyImpl {
    KeyType type;
    PublicKey pub;
    std::variant<std::monostate, crypto::RsaPrivateKey, crypto::ec::EcdsaPrivateKey,
                 crypto::Ed25519PrivateKey, crypto::Ed448PrivateKey, pq::MlDsaPrivateKey,
                 pq::SlhDsaPrivateKey, MontgomeryPrivate, MlKemPrivate, CallbackPrivate>
        key;
};

// Parameter sets of the post-quantum key types (callers check the family first).
bool is_mldsa(KeyType t);
bool is_slhdsa(KeyType t);
bool is_mlkem(KeyType t);
pq::MlDsaParams mldsa_params_of(KeyType t);
pq::SlhDsaParams slhdsa_params_of(KeyType t);
pq::mlkem::ParamSet mlkem_params_of(KeyType t);

// RFC 8446 §4.2.3: whether `scheme` may be used with a key of this type / curve /
// RSASSA-PSS restriction.
bool scheme_fits(KeyType type, std::optional<crypto::ec::Curve> curve,
                 const std::optional<PssRestriction>& pss, crypto::SignatureScheme scheme);

// The hash an RSA or ECDSA scheme signs with (nullopt for the others).
std::optional<crypto::HashAlg> scheme_hash(crypto::SignatureScheme scheme);
bool is_pkcs1_scheme(crypto::SignatureScheme scheme);
bool is_pss_scheme(crypto::SignatureScheme scheme);

// verify() reports every signature that does not check out as auth_failed, whatever
// the primitive called it (malformed DER, wrong length, mismatch).
Result<void> as_auth_failure(Result<void> r);

}  // namespace keel::x509::detail
