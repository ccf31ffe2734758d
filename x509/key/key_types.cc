// Key types, their names, and which TLS signature scheme fits which key
// (RFC 8446 §4.2.3).
#include <array>

#include "x509/key/internal/key_impl.h"

namespace keel::x509 {
namespace {

using crypto::SignatureScheme;
using crypto::ec::Curve;

constexpr std::array<std::string_view, kKeyTypeCount> kNames = {
    "rsa",
    "rsa_pss",
    "ec",
    "ed25519",
    "ed448",
    "mldsa44",
    "mldsa65",
    "mldsa87",
    "slhdsa_sha2_128s",
    "slhdsa_sha2_128f",
    "slhdsa_sha2_192s",
    "slhdsa_sha2_192f",
    "slhdsa_sha2_256s",
    "slhdsa_sha2_256f",
    "slhdsa_shake_128s",
    "slhdsa_shake_128f",
    "slhdsa_shake_192s",
    "slhdsa_shake_192f",
    "slhdsa_shake_256s",
    "slhdsa_shake_256f",
    "x25519",
    "x448",
    "mlkem512",
    "mlkem768",
    "mlkem1024",
};

constexpr unsigned index(KeyType t) {
    return static_cast<unsigned>(t);
}

// The ECDSA scheme bound to each curve in TLS 1.3.
std::optional<SignatureScheme> ecdsa_scheme_for(Curve c) {
    switch (c) {
        case Curve::p256:
            return SignatureScheme::ecdsa_secp256r1_sha256;
        case Curve::p384:
            return SignatureScheme::ecdsa_secp384r1_sha384;
        case Curve::p521:
            return SignatureScheme::ecdsa_secp521r1_sha512;
        case Curve::brainpool_p256r1:
            return SignatureScheme::ecdsa_brainpoolP256r1tls13_sha256;
        case Curve::brainpool_p384r1:
            return SignatureScheme::ecdsa_brainpoolP384r1tls13_sha384;
        case Curve::brainpool_p512r1:
            return SignatureScheme::ecdsa_brainpoolP512r1tls13_sha512;
    }
    return std::nullopt;
}

}  // namespace

std::string_view key_type_name(KeyType type) {
    return index(type) < kNames.size() ? kNames[index(type)] : std::string_view("unknown");
}

bool is_signature_key(KeyType type) {
    return type != KeyType::x25519 && type != KeyType::x448 && !detail::is_mlkem(type) &&
           index(type) < kKeyTypeCount;
}

namespace detail {

bool is_mldsa(KeyType t) {
    return t >= KeyType::mldsa44 && t <= KeyType::mldsa87;
}
bool is_slhdsa(KeyType t) {
    return t >= KeyType::slhdsa_sha2_128s && t <= KeyType::slhdsa_shake_256f;
}
bool is_mlkem(KeyType t) {
    return t >= KeyType::mlkem512 && t <= KeyType::mlkem1024;
}

pq::MlDsaParams mldsa_params_of(KeyType t) {
    return static_cast<pq::MlDsaParams>(index(t) - index(KeyType::mldsa44));
}

// KeyType lists the SLH-DSA sets in SlhDsaParams order (pq/slhdsa/slhdsa.h).
pq::SlhDsaParams slhdsa_params_of(KeyType t) {
    return static_cast<pq::SlhDsaParams>(index(t) - index(KeyType::slhdsa_sha2_128s));
}

pq::mlkem::ParamSet mlkem_params_of(KeyType t) {
    return static_cast<pq::mlkem::ParamSet>(index(t) - index(KeyType::mlkem512));
}

std::optional<crypto::HashAlg> scheme_hash(SignatureScheme s) {
    using crypto::HashAlg;
    switch (s) {
        case SignatureScheme::rsa_pkcs1_sha1:
        case SignatureScheme::ecdsa_sha1:
            return HashAlg::sha1;
        case SignatureScheme::rsa_pkcs1_sha256:
        case SignatureScheme::ecdsa_secp256r1_sha256:
        case SignatureScheme::ecdsa_brainpoolP256r1tls13_sha256:
        case SignatureScheme::rsa_pss_rsae_sha256:
        case SignatureScheme::rsa_pss_pss_sha256:
            return HashAlg::sha256;
        case SignatureScheme::rsa_pkcs1_sha384:
        case SignatureScheme::ecdsa_secp384r1_sha384:
        case SignatureScheme::ecdsa_brainpoolP384r1tls13_sha384:
        case SignatureScheme::rsa_pss_rsae_sha384:
        case SignatureScheme::rsa_pss_pss_sha384:
            return HashAlg::sha384;
        case SignatureScheme::rsa_pkcs1_sha512:
        case SignatureScheme::ecdsa_secp521r1_sha512:
        case SignatureScheme::ecdsa_brainpoolP512r1tls13_sha512:
        case SignatureScheme::rsa_pss_rsae_sha512:
        case SignatureScheme::rsa_pss_pss_sha512:
            return HashAlg::sha512;
        default:
            return std::nullopt;
    }
}

bool is_pkcs1_scheme(SignatureScheme s) {
    return s == SignatureScheme::rsa_pkcs1_sha1 || s == SignatureScheme::rsa_pkcs1_sha256 ||
           s == SignatureScheme::rsa_pkcs1_sha384 || s == SignatureScheme::rsa_pkcs1_sha512;
}

static bool is_rsae(SignatureScheme s) {
    return s == SignatureScheme::rsa_pss_rsae_sha256 || s == SignatureScheme::rsa_pss_rsae_sha384 ||
           s == SignatureScheme::rsa_pss_rsae_sha512;
}

static bool is_pss_pss(SignatureScheme s) {
    return s == SignatureScheme::rsa_pss_pss_sha256 || s == SignatureScheme::rsa_pss_pss_sha384 ||
           s == SignatureScheme::rsa_pss_pss_sha512;
}

bool is_pss_scheme(SignatureScheme s) {
    return is_rsae(s) || is_pss_pss(s);
}

bool scheme_fits(KeyType type, std::optional<Curve> curve, const std::optional<PssRestriction>& pss,
                 SignatureScheme s) {
    switch (type) {
        case KeyType::rsa:
            return is_pkcs1_scheme(s) || is_rsae(s);
        case KeyType::rsa_pss: {
            if (!is_pss_pss(s)) return false;
            if (!pss) return true;
            // RFC 4055 §3.1 / RFC 8446 §4.2.3: a restricted key signs only with its hash,
            // MGF1 over the same hash, and TLS's salt (the digest length) must satisfy
            // the key's minimum.
            const crypto::HashAlg h = *scheme_hash(s);
            return pss->hash == h && pss->mgf1_hash == h &&
                   pss->min_salt_len <= crypto::digest_size(h);
        }
        case KeyType::ec:
            if (!curve) return false;
            return s == ecdsa_scheme_for(*curve) || s == SignatureScheme::ecdsa_sha1;
        case KeyType::ed25519:
            return s == SignatureScheme::eddsa_ed25519;
        case KeyType::ed448:
            return s == SignatureScheme::eddsa_ed448;
        default:
            break;
    }
    if (is_mldsa(type)) {
        return s == pq::signature_scheme(mldsa_params_of(type));
    }
    if (is_slhdsa(type)) {
        // The slh_dsa_* code points follow SlhDsaParams order (crypto/sig/sig.h).
        const auto offset = static_cast<uint16_t>(slhdsa_params_of(type));
        return static_cast<uint16_t>(s) ==
               static_cast<uint16_t>(SignatureScheme::slh_dsa_sha2_128s) + offset;
    }
    return false;
}

}  // namespace detail
}  // namespace keel::x509
