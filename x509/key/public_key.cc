// PublicKey: construction from raw encodings, properties, and TLS signature
// verification (RFC 8446 §4.2.3, §4.4.3).
#include <cstring>

#include "x509/key/internal/key_impl.h"

namespace keel::x509 {
namespace {

using crypto::SignatureScheme;
using detail::PublicKeyImpl;

PublicKey make(PublicKeyImpl impl) {
    return PublicKey(std::make_shared<const PublicKeyImpl>(std::move(impl)));
}

size_t curve_bits(crypto::ec::Curve c) {
    using crypto::ec::Curve;
    switch (c) {
        case Curve::p256:
        case Curve::brainpool_p256r1:
            return 256;
        case Curve::p384:
        case Curve::brainpool_p384r1:
            return 384;
        case Curve::p521:
            return 521;
        case Curve::brainpool_p512r1:
            return 512;
    }
    return 0;
}

Result<PublicKey> make_rsa(KeyType type, ByteView n, ByteView e,
                           std::optional<PssRestriction> restriction) {
    auto key = crypto::RsaPublicKey::from_components(n, e);
    if (!key) return key.error();
    return make(PublicKeyImpl{type, {}, detail::RsaPublic{std::move(*key), restriction}});
}

}  // namespace

// verify() reports every signature that does not check out as auth_failed, whatever
// the primitive called it: for the caller (TLS decrypt_error, X.509 bad signature) a
// signature that does not parse and one that does not match are the same failure.
Result<void> detail::as_auth_failure(Result<void> r) {
    if (r.ok() || r.error().code() == Errc::auth_failed) return r;
    if (r.error().code() == Errc::malformed || r.error().code() == Errc::invalid_argument) {
        return Error(Errc::auth_failed, "signature does not verify: " + r.error().detail());
    }
    return r;
}

Result<PublicKey> PublicKey::rsa(ByteView n, ByteView e) {
    return make_rsa(KeyType::rsa, n, e, std::nullopt);
}

Result<PublicKey> PublicKey::rsa_pss(ByteView n, ByteView e,
                                     std::optional<PssRestriction> restriction) {
    return make_rsa(KeyType::rsa_pss, n, e, restriction);
}

Result<PublicKey> PublicKey::ec(crypto::ec::Curve curve, ByteView point) {
    auto key = crypto::ec::EcdsaPublicKey::from_bytes(curve, point);
    if (!key) return key.error();
    const ByteView uncompressed = key->bytes();
    Bytes raw(uncompressed.begin(), uncompressed.end());
    return make(PublicKeyImpl{KeyType::ec, std::move(raw), std::move(*key)});
}

Result<PublicKey> PublicKey::from_raw(KeyType type, ByteView raw) {
    Bytes copy(raw.begin(), raw.end());
    switch (type) {
        case KeyType::rsa:
        case KeyType::rsa_pss:
        case KeyType::ec:
            return Error(Errc::invalid_argument, "from_raw: RSA and EC keys have components");
        case KeyType::ed25519: {
            auto k = crypto::Ed25519PublicKey::from_bytes(raw);
            if (!k) return k.error();
            return make(PublicKeyImpl{type, std::move(copy), std::move(*k)});
        }
        case KeyType::ed448: {
            auto k = crypto::Ed448PublicKey::from_bytes(raw);
            if (!k) return k.error();
            return make(PublicKeyImpl{type, std::move(copy), std::move(*k)});
        }
        case KeyType::x25519:
        case KeyType::x448: {
            // Any u-coordinate of the right length is a key (RFC 7748 §5); small-order
            // ones are caught when an agreement yields all zeros.
            const size_t want = type == KeyType::x25519 ? 32 : 56;
            if (raw.size() != want) {
                return Error(Errc::malformed, std::string(key_type_name(type)) +
                                                  ": public key must be " + std::to_string(want) +
                                                  " bytes");
            }
            return make(PublicKeyImpl{type, std::move(copy), std::monostate{}});
        }
        default:
            break;
    }
    if (detail::is_mldsa(type)) {
        auto k = pq::MlDsaPublicKey::from_bytes(detail::mldsa_params_of(type), raw);
        if (!k) return k.error();
        return make(PublicKeyImpl{type, std::move(copy), std::move(*k)});
    }
    if (detail::is_slhdsa(type)) {
        auto k = pq::SlhDsaPublicKey::from_bytes(detail::slhdsa_params_of(type), raw);
        if (!k) return k.error();
        return make(PublicKeyImpl{type, std::move(copy), std::move(*k)});
    }
    if (detail::is_mlkem(type)) {
        KEEL_TRY(pq::mlkem::check_ek(detail::mlkem_params_of(type), raw));
        return make(PublicKeyImpl{type, std::move(copy), std::monostate{}});
    }
    return Error(Errc::unsupported, "unknown key type");
}

KeyType PublicKey::type() const {
    return impl_->type;
}

std::optional<crypto::ec::Curve> PublicKey::curve() const {
    if (auto* k = std::get_if<crypto::ec::EcdsaPublicKey>(&impl_->key)) return k->curve();
    return std::nullopt;
}

size_t PublicKey::bits() const {
    switch (impl_->type) {
        case KeyType::rsa:
        case KeyType::rsa_pss:
            return std::get<detail::RsaPublic>(impl_->key).key.modulus_bits();
        case KeyType::ec:
            return curve_bits(*curve());
        case KeyType::ed25519:
        case KeyType::x25519:
            return 253;
        case KeyType::ed448:
            return 456;
        case KeyType::x448:
            return 448;
        default:
            return 8 * impl_->raw.size();
    }
}

ByteView PublicKey::raw() const {
    return impl_->raw;
}

Bytes PublicKey::rsa_n() const {
    if (auto* k = std::get_if<detail::RsaPublic>(&impl_->key)) return k->key.n_bytes();
    return {};
}

Bytes PublicKey::rsa_e() const {
    if (auto* k = std::get_if<detail::RsaPublic>(&impl_->key)) return k->key.e_bytes();
    return {};
}

std::optional<PssRestriction> PublicKey::pss_restriction() const {
    if (auto* k = std::get_if<detail::RsaPublic>(&impl_->key)) return k->pss;
    return std::nullopt;
}

bool PublicKey::supports(SignatureScheme scheme) const {
    return detail::scheme_fits(impl_->type, curve(), pss_restriction(), scheme);
}

Result<void> PublicKey::verify(SignatureScheme scheme, ByteView message, ByteView signature) const {
    if (!supports(scheme)) {
        return Error(Errc::invalid_argument, std::string(crypto::scheme_name(scheme)) +
                                                 " does not fit a " +
                                                 std::string(key_type_name(impl_->type)) + " key");
    }
    const auto& key = impl_->key;
    if (auto* k = std::get_if<detail::RsaPublic>(&key)) {
        const crypto::HashAlg h = *detail::scheme_hash(scheme);
        if (detail::is_pkcs1_scheme(scheme)) {
            return detail::as_auth_failure(k->key.verify_pkcs1(h, message, signature));
        }
        // RFC 8446 §4.2.3: MGF1 with the signature's hash, salt as long as the digest.
        const crypto::PssParams p{h, h, crypto::digest_size(h), false};
        return detail::as_auth_failure(k->key.verify_pss(message, signature, p));
    }
    if (auto* k = std::get_if<crypto::ec::EcdsaPublicKey>(&key)) {
        return detail::as_auth_failure(k->verify(message, signature, *detail::scheme_hash(scheme),
                                                 crypto::ec::EcdsaFormat::der));
    }
    if (auto* k = std::get_if<crypto::Ed25519PublicKey>(&key)) {
        return detail::as_auth_failure(k->verify(message, signature));
    }
    if (auto* k = std::get_if<crypto::Ed448PublicKey>(&key)) {
        return detail::as_auth_failure(k->verify(message, signature));
    }
    if (auto* k = std::get_if<pq::MlDsaPublicKey>(&key)) {
        // draft-ietf-tls-mldsa: pure ML-DSA with the empty context.
        return detail::as_auth_failure(k->verify(message, signature));
    }
    if (auto* k = std::get_if<pq::SlhDsaPublicKey>(&key)) {
        return detail::as_auth_failure(k->verify(message, signature));
    }
    return Error(Errc::invalid_argument, "key cannot verify signatures");
}

bool PublicKey::operator==(const PublicKey& other) const {
    if (impl_ == other.impl_) return true;
    if (impl_->type != other.impl_->type) return false;
    if (auto* a = std::get_if<detail::RsaPublic>(&impl_->key)) {
        auto* b = std::get_if<detail::RsaPublic>(&other.impl_->key);
        if (b == nullptr || a->key.n_bytes() != b->key.n_bytes() ||
            a->key.e_bytes() != b->key.e_bytes() || a->pss.has_value() != b->pss.has_value()) {
            return false;
        }
        return !a->pss || (a->pss->hash == b->pss->hash && a->pss->mgf1_hash == b->pss->mgf1_hash &&
                           a->pss->min_salt_len == b->pss->min_salt_len);
    }
    return curve() == other.curve() && impl_->raw == other.impl_->raw;
}

}  // namespace keel::x509
