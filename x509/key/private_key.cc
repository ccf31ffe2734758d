// PrivateKey: generation, construction from raw and component forms, the callback key
// (Erlang sign_fun), and TLS signing (RFC 8446 §4.2.3, §4.4.3).
#include <string>

#include "crypto/curve25519/x25519.h"
#include "crypto/curve448/x448.h"
#include "x509/key/internal/key_impl.h"

namespace keel::x509 {
namespace {

using crypto::SignatureScheme;
using detail::PrivateKeyImpl;

PrivateKey make(PrivateKeyImpl impl) {
    return PrivateKey(std::make_shared<const PrivateKeyImpl>(std::move(impl)));
}

PublicKey make_public(detail::PublicKeyImpl impl) {
    return PublicKey(std::make_shared<const detail::PublicKeyImpl>(std::move(impl)));
}

Result<PrivateKey> wrap_rsa(const crypto::RsaPrivateKey& key, KeyType type,
                            std::optional<PssRestriction> restriction) {
    if (type != KeyType::rsa && type != KeyType::rsa_pss) {
        return Error(Errc::invalid_argument, "from_rsa: type must be rsa or rsa_pss");
    }
    if (type == KeyType::rsa && restriction) {
        return Error(Errc::invalid_argument, "from_rsa: PSS restrictions need an rsa_pss key");
    }
    PublicKey pub = make_public({type, {}, detail::RsaPublic{key.public_key(), restriction}});
    return make(PrivateKeyImpl{type, std::move(pub), key});
}

Result<PrivateKey> wrap_ec(crypto::ec::EcdsaPrivateKey key) {
    auto pub = PublicKey::ec(key.curve(), key.public_key().bytes());
    if (!pub) return pub.error();
    return make(PrivateKeyImpl{KeyType::ec, std::move(*pub), std::move(key)});
}

// X25519 / X448 scalar -> key with its public u-coordinate.
Result<PrivateKey> montgomery_key(KeyType type, ByteView scalar) {
    const bool is25519 = type == KeyType::x25519;
    const size_t n = is25519 ? crypto::x25519::kScalarSize : crypto::x448::kScalarSize;
    if (scalar.size() != n) {
        return Error(Errc::invalid_argument, std::string(key_type_name(type)) +
                                                 ": private key must be " + std::to_string(n) +
                                                 " bytes");
    }
    Bytes pub(n);
    if (is25519) {
        crypto::x25519::scalarmult_base(std::span<uint8_t, 32>(pub.data(), 32),
                                        std::span<const uint8_t, 32>(scalar.data(), 32));
    } else {
        crypto::x448::scalarmult_base(std::span<uint8_t, 56>(pub.data(), 56),
                                      std::span<const uint8_t, 56>(scalar.data(), 56));
    }
    auto pk = PublicKey::from_raw(type, pub);
    if (!pk) return pk.error();
    return make(
        PrivateKeyImpl{type, std::move(*pk), detail::MontgomeryPrivate{SecretBytes(scalar)}});
}

// ML-KEM from the 64-byte seed or the expanded dk. The ek sits inside dk at 384k
// (FIPS 203 §7.1: dk = dk_pke || ek || H(ek) || z).
Result<PrivateKey> mlkem_key(KeyType type, ByteView raw) {
    const auto set = detail::mlkem_params_of(type);
    const auto p = pq::mlkem::params(set);
    detail::MlKemPrivate priv;
    Bytes ek;
    if (raw.size() == pq::mlkem::kSeedSize) {
        auto kp = pq::mlkem::keygen_from_seed(set, raw);
        if (!kp) return kp.error();
        priv.seed = SecretBytes(raw);
        priv.dk = std::move(kp->dk);
        ek = std::move(kp->ek);
    } else if (raw.size() == p.dk_size()) {
        KEEL_TRY(pq::mlkem::check_dk(set, raw));
        const ByteView e = raw.subspan(384 * p.k, p.ek_size());
        ek.assign(e.begin(), e.end());
        priv.dk = SecretBytes(raw);
    } else {
        return Error(Errc::malformed, std::string(key_type_name(type)) +
                                          ": private key must be the 64-byte seed or the " +
                                          std::to_string(p.dk_size()) + "-byte dk");
    }
    auto pk = PublicKey::from_raw(type, ek);
    if (!pk) return pk.error();
    return make(PrivateKeyImpl{type, std::move(*pk), std::move(priv)});
}

Result<PrivateKey> wrap_mldsa(KeyType type, pq::MlDsaPrivateKey key) {
    auto pk = PublicKey::from_raw(type, key.public_key().bytes());
    if (!pk) return pk.error();
    return make(PrivateKeyImpl{type, std::move(*pk), std::move(key)});
}

Result<PrivateKey> wrap_slhdsa(KeyType type, pq::SlhDsaPrivateKey key) {
    auto pk = PublicKey::from_raw(type, key.public_key().bytes());
    if (!pk) return pk.error();
    return make(PrivateKeyImpl{type, std::move(*pk), std::move(key)});
}

Error scheme_mismatch(SignatureScheme scheme, KeyType type) {
    return Error(Errc::invalid_argument, std::string(crypto::scheme_name(scheme)) +
                                             " does not fit a " + std::string(key_type_name(type)) +
                                             " key");
}

}  // namespace

Result<PrivateKey> PrivateKey::generate(KeyType type, crypto::Rng& rng,
                                        const KeyGenOptions& options) {
    switch (type) {
        case KeyType::rsa:
        case KeyType::rsa_pss: {
            auto k = crypto::RsaPrivateKey::generate(rng, options.rsa_bits, options.rsa_exponent);
            if (!k) return k.error();
            return wrap_rsa(*k, type,
                            type == KeyType::rsa_pss ? options.pss_restriction : std::nullopt);
        }
        case KeyType::ec: {
            auto k = crypto::ec::EcdsaPrivateKey::generate(options.curve, rng);
            if (!k) return k.error();
            return wrap_ec(std::move(*k));
        }
        case KeyType::ed25519: {
            auto k = crypto::Ed25519PrivateKey::generate(rng);
            if (!k) return k.error();
            return from_raw(type, k->seed().view());
        }
        case KeyType::ed448: {
            auto k = crypto::Ed448PrivateKey::generate(rng);
            if (!k) return k.error();
            return from_raw(type, k->seed().view());
        }
        case KeyType::x25519:
        case KeyType::x448: {
            SecretBytes scalar(type == KeyType::x25519 ? 32 : 56);
            KEEL_TRY(rng.generate(scalar.mutable_view()));
            return montgomery_key(type, scalar.view());
        }
        default:
            break;
    }
    if (detail::is_mldsa(type)) {
        auto k = pq::MlDsaPrivateKey::generate(rng, detail::mldsa_params_of(type));
        if (!k) return k.error();
        return wrap_mldsa(type, std::move(*k));
    }
    if (detail::is_slhdsa(type)) {
        auto k = pq::SlhDsaPrivateKey::generate(rng, detail::slhdsa_params_of(type));
        if (!k) return k.error();
        return wrap_slhdsa(type, std::move(*k));
    }
    if (detail::is_mlkem(type)) {
        SecretBytes seed(pq::mlkem::kSeedSize);
        KEEL_TRY(rng.generate(seed.mutable_view()));
        return mlkem_key(type, seed.view());
    }
    return Error(Errc::unsupported, "unknown key type");
}

PrivateKey PrivateKey::from_callback(PublicKey public_key, SignCallback sign) {
    const KeyType type = public_key.type();
    return make(
        PrivateKeyImpl{type, std::move(public_key), detail::CallbackPrivate{std::move(sign)}});
}

Result<PrivateKey> PrivateKey::from_rsa(const crypto::RsaPrivateKey& key, KeyType type,
                                        std::optional<PssRestriction> restriction) {
    return wrap_rsa(key, type, restriction);
}

Result<PrivateKey> PrivateKey::from_ec(crypto::ec::Curve curve, ByteView scalar) {
    auto k = crypto::ec::EcdsaPrivateKey::from_bytes(curve, scalar);
    if (!k) return k.error();
    return wrap_ec(std::move(*k));
}

Result<PrivateKey> PrivateKey::from_raw(KeyType type, ByteView raw) {
    switch (type) {
        case KeyType::rsa:
        case KeyType::rsa_pss:
        case KeyType::ec:
            return Error(Errc::invalid_argument, "from_raw: RSA and EC keys have components");
        case KeyType::ed25519: {
            auto k = crypto::Ed25519PrivateKey::from_bytes(raw);
            if (!k) return k.error();
            auto pk = PublicKey::from_raw(type, k->public_key().bytes());
            if (!pk) return pk.error();
            return make(PrivateKeyImpl{type, std::move(*pk), std::move(*k)});
        }
        case KeyType::ed448: {
            auto k = crypto::Ed448PrivateKey::from_bytes(raw);
            if (!k) return k.error();
            auto pk = PublicKey::from_raw(type, k->public_key().bytes());
            if (!pk) return pk.error();
            return make(PrivateKeyImpl{type, std::move(*pk), std::move(*k)});
        }
        case KeyType::x25519:
        case KeyType::x448:
            return montgomery_key(type, raw);
        default:
            break;
    }
    if (detail::is_mldsa(type)) {
        const auto params = detail::mldsa_params_of(type);
        auto k = raw.size() == 32 ? pq::MlDsaPrivateKey::from_seed(params, raw)
                                  : pq::MlDsaPrivateKey::from_bytes(params, raw);
        if (!k) return k.error();
        return wrap_mldsa(type, std::move(*k));
    }
    if (detail::is_slhdsa(type)) {
        auto k = pq::SlhDsaPrivateKey::from_bytes(detail::slhdsa_params_of(type), raw);
        if (!k) return k.error();
        return wrap_slhdsa(type, std::move(*k));
    }
    if (detail::is_mlkem(type)) return mlkem_key(type, raw);
    return Error(Errc::unsupported, "unknown key type");
}

KeyType PrivateKey::type() const {
    return impl_->type;
}
const PublicKey& PrivateKey::public_key() const {
    return impl_->pub;
}
bool PrivateKey::is_callback() const {
    return std::holds_alternative<detail::CallbackPrivate>(impl_->key);
}

bool PrivateKey::supports(SignatureScheme scheme) const {
    return impl_->pub.supports(scheme);
}

Result<Bytes> PrivateKey::sign(SignatureScheme scheme, ByteView message, crypto::Rng& rng) const {
    if (!supports(scheme)) return scheme_mismatch(scheme, impl_->type);
    const auto& key = impl_->key;
    if (auto* k = std::get_if<detail::CallbackPrivate>(&key)) {
        if (!k->sign) return Error(Errc::invalid_argument, "callback key has no sign function");
        return k->sign(scheme, message);
    }
    if (auto* k = std::get_if<crypto::RsaPrivateKey>(&key)) {
        const crypto::HashAlg h = *detail::scheme_hash(scheme);
        if (detail::is_pkcs1_scheme(scheme)) return k->sign_pkcs1(h, message, rng);
        // RFC 8446 §4.2.3: MGF1 with the signature's hash, salt as long as the digest.
        const crypto::PssParams p{h, h, crypto::digest_size(h), false};
        return k->sign_pss(message, p, rng);
    }
    if (auto* k = std::get_if<crypto::ec::EcdsaPrivateKey>(&key)) {
        return k->sign(message, rng, *detail::scheme_hash(scheme), crypto::ec::EcdsaFormat::der);
    }
    if (auto* k = std::get_if<crypto::Ed25519PrivateKey>(&key)) return k->sign(message);
    if (auto* k = std::get_if<crypto::Ed448PrivateKey>(&key)) return k->sign(message);
    if (auto* k = std::get_if<pq::MlDsaPrivateKey>(&key)) {
        // draft-ietf-tls-mldsa: pure ML-DSA, empty context, hedged.
        return k->sign(message, rng);
    }
    if (auto* k = std::get_if<pq::SlhDsaPrivateKey>(&key)) return k->sign(message, rng);
    return scheme_mismatch(scheme, impl_->type);
}

}  // namespace keel::x509
