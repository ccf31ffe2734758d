// Signature AlgorithmIdentifiers (RFC 5280 §4.1.1.2, RFC 4055, RFC 5758, RFC 8410,
// RFC 9881, RFC 9909) and X.509 signing / verification with the unified key types.
#include "x509/key/sig_alg.h"

#include <array>
#include <string>

#include "x509/key/internal/alg_id.h"
#include "x509/key/internal/key_impl.h"

namespace keel::x509 {
namespace {

using crypto::HashAlg;
using crypto::SignatureScheme;

struct FixedAlg {
    Oid oid;
    SigAlgKind kind;
    HashAlg hash;
    KeyType key_type;
};

// Every algorithm without parameters beyond NULL: OID -> meaning.
constexpr std::array<FixedAlg, 28> kFixed = {{
    {oid::kSha1WithRsa, SigAlgKind::rsa_pkcs1, HashAlg::sha1, KeyType::rsa},
    {oid::kSha224WithRsa, SigAlgKind::rsa_pkcs1, HashAlg::sha224, KeyType::rsa},
    {oid::kSha256WithRsa, SigAlgKind::rsa_pkcs1, HashAlg::sha256, KeyType::rsa},
    {oid::kSha384WithRsa, SigAlgKind::rsa_pkcs1, HashAlg::sha384, KeyType::rsa},
    {oid::kSha512WithRsa, SigAlgKind::rsa_pkcs1, HashAlg::sha512, KeyType::rsa},
    {oid::kEcdsaWithSha1, SigAlgKind::ecdsa, HashAlg::sha1, KeyType::ec},
    {oid::kEcdsaWithSha224, SigAlgKind::ecdsa, HashAlg::sha224, KeyType::ec},
    {oid::kEcdsaWithSha256, SigAlgKind::ecdsa, HashAlg::sha256, KeyType::ec},
    {oid::kEcdsaWithSha384, SigAlgKind::ecdsa, HashAlg::sha384, KeyType::ec},
    {oid::kEcdsaWithSha512, SigAlgKind::ecdsa, HashAlg::sha512, KeyType::ec},
    {oid::kEd25519, SigAlgKind::eddsa, HashAlg::sha512, KeyType::ed25519},
    {oid::kEd448, SigAlgKind::eddsa, HashAlg::sha512, KeyType::ed448},
    {oid::kMlDsa44, SigAlgKind::mldsa, HashAlg::sha512, KeyType::mldsa44},
    {oid::kMlDsa65, SigAlgKind::mldsa, HashAlg::sha512, KeyType::mldsa65},
    {oid::kMlDsa87, SigAlgKind::mldsa, HashAlg::sha512, KeyType::mldsa87},
    {oid::kSlhDsaSha2_128s, SigAlgKind::slhdsa, HashAlg::sha512, KeyType::slhdsa_sha2_128s},
    {oid::kSlhDsaSha2_128f, SigAlgKind::slhdsa, HashAlg::sha512, KeyType::slhdsa_sha2_128f},
    {oid::kSlhDsaSha2_192s, SigAlgKind::slhdsa, HashAlg::sha512, KeyType::slhdsa_sha2_192s},
    {oid::kSlhDsaSha2_192f, SigAlgKind::slhdsa, HashAlg::sha512, KeyType::slhdsa_sha2_192f},
    {oid::kSlhDsaSha2_256s, SigAlgKind::slhdsa, HashAlg::sha512, KeyType::slhdsa_sha2_256s},
    {oid::kSlhDsaSha2_256f, SigAlgKind::slhdsa, HashAlg::sha512, KeyType::slhdsa_sha2_256f},
    {oid::kSlhDsaShake128s, SigAlgKind::slhdsa, HashAlg::sha512, KeyType::slhdsa_shake_128s},
    {oid::kSlhDsaShake128f, SigAlgKind::slhdsa, HashAlg::sha512, KeyType::slhdsa_shake_128f},
    {oid::kSlhDsaShake192s, SigAlgKind::slhdsa, HashAlg::sha512, KeyType::slhdsa_shake_192s},
    {oid::kSlhDsaShake192f, SigAlgKind::slhdsa, HashAlg::sha512, KeyType::slhdsa_shake_192f},
    {oid::kSlhDsaShake256s, SigAlgKind::slhdsa, HashAlg::sha512, KeyType::slhdsa_shake_256s},
    {oid::kSlhDsaShake256f, SigAlgKind::slhdsa, HashAlg::sha512, KeyType::slhdsa_shake_256f},
    {oid::kMd5WithRsa, SigAlgKind::rsa_pkcs1, HashAlg::md5, KeyType::rsa},
}};

// Canonical form of an algorithm without parameters (hash is meaningless there).
SignatureAlgorithm from_fixed(const FixedAlg& f) {
    SignatureAlgorithm a;
    a.kind = f.kind;
    a.key_type = f.key_type;
    const bool hashed = f.kind == SigAlgKind::rsa_pkcs1 || f.kind == SigAlgKind::ecdsa;
    a.hash = hashed ? f.hash : HashAlg::sha256;
    return a;
}

Error mismatch(const SignatureAlgorithm& alg, KeyType key) {
    (void)alg;
    return Error(Errc::invalid_argument,
                 "signature algorithm does not fit a " + std::string(key_type_name(key)) + " key");
}

// RFC 4055 §1.2, RFC 5480, RFC 8410, RFC 9881, RFC 9909: which key verifies which alg.
Result<void> alg_fits(const PublicKey& key, const SignatureAlgorithm& alg) {
    const KeyType t = key.type();
    switch (alg.kind) {
        case SigAlgKind::rsa_pkcs1:
            if (t != KeyType::rsa) return mismatch(alg, t);
            return ok();
        case SigAlgKind::rsa_pss: {
            if (t != KeyType::rsa && t != KeyType::rsa_pss) return mismatch(alg, t);
            // RFC 4055 §3.3: a restricted key only verifies under its hash, MGF, and at
            // least its salt length.
            auto r = key.pss_restriction();
            if (r && (r->hash != alg.hash || r->mgf1_hash != alg.mgf1_hash ||
                      alg.salt_len < r->min_salt_len)) {
                return Error(Errc::invalid_argument,
                             "RSASSA-PSS parameters outside the key's restrictions");
            }
            return ok();
        }
        case SigAlgKind::ecdsa:
            if (t != KeyType::ec) return mismatch(alg, t);
            return ok();
        default:
            if (t != alg.key_type) return mismatch(alg, t);
            return ok();
    }
}

// The TLS scheme that signs exactly like `alg` with this key, for callback keys.
std::optional<SignatureScheme> scheme_like(const PublicKey& key, const SignatureAlgorithm& alg) {
    for (SignatureScheme s : crypto::kAllSignatureSchemes) {
        if (!key.supports(s)) continue;
        auto same = SignatureAlgorithm::for_scheme(s);
        if (same && *same == alg) return s;
    }
    return std::nullopt;
}

}  // namespace

Result<SignatureAlgorithm> SignatureAlgorithm::read(der::Reader& r) {
    KEEL_TRY_ASSIGN(der::Reader seq, r.sequence());
    KEEL_TRY_ASSIGN(Oid o, seq.oid());
    if (o == oid::kRsassaPss) {
        // RFC 4055 §3.1: in a signature AlgorithmIdentifier the parameters are required.
        if (seq.empty()) {
            return Error(Errc::malformed, "id-RSASSA-PSS signature without parameters");
        }
        KEEL_TRY_ASSIGN(detail::PssParams p, detail::read_pss_params(seq));
        KEEL_TRY(seq.finish());
        SignatureAlgorithm a;
        a.kind = SigAlgKind::rsa_pss;
        a.hash = p.hash;
        a.mgf1_hash = p.mgf1_hash;
        a.salt_len = p.salt_len;
        a.key_type = KeyType::rsa;
        return a;
    }
    for (const FixedAlg& f : kFixed) {
        if (!(f.oid == o)) continue;
        if (f.hash == HashAlg::md5) {
            return Error(Errc::unsupported, "md5WithRSAEncryption signatures are not accepted");
        }
        if (f.kind == SigAlgKind::rsa_pkcs1) {
            // RFC 4055 §5: NULL, and absent must be accepted too.
            if (!seq.empty()) KEEL_TRY(seq.null());
        }
        KEEL_TRY(detail::expect_no_params(seq, "signature algorithm"));
        return from_fixed(f);
    }
    return Error(Errc::unsupported, "signature algorithm " + oid_name(o) + " not supported");
}

Result<SignatureAlgorithm> SignatureAlgorithm::parse(ByteView der) {
    der::Reader r(der);
    KEEL_TRY_ASSIGN(SignatureAlgorithm a, read(r));
    KEEL_TRY(r.finish());
    return a;
}

void SignatureAlgorithm::write(der::Writer& w) const {
    auto seq = w.sequence();
    if (kind == SigAlgKind::rsa_pss) {
        w.oid(oid::kRsassaPss);
        detail::write_pss_params(w, {hash, mgf1_hash, salt_len});
        w.close(seq);
        return;
    }
    for (const FixedAlg& f : kFixed) {
        if (f.kind != kind) continue;
        const bool hashed = kind == SigAlgKind::rsa_pkcs1 || kind == SigAlgKind::ecdsa;
        if (hashed ? f.hash != hash : f.key_type != key_type) continue;
        w.oid(f.oid);
        if (kind == SigAlgKind::rsa_pkcs1) w.null();
        break;
    }
    w.close(seq);
}

Bytes SignatureAlgorithm::to_der() const {
    der::Writer w;
    write(w);
    return w.take();
}

std::optional<SignatureAlgorithm> SignatureAlgorithm::for_scheme(SignatureScheme s) {
    SignatureAlgorithm a;
    auto h = detail::scheme_hash(s);
    if (detail::is_pkcs1_scheme(s)) {
        a.kind = SigAlgKind::rsa_pkcs1;
        a.hash = *h;
        return a;
    }
    if (detail::is_pss_scheme(s)) {
        a.kind = SigAlgKind::rsa_pss;
        a.hash = a.mgf1_hash = *h;
        a.salt_len = crypto::digest_size(*h);
        return a;
    }
    if (h) {  // the remaining hashed schemes are ECDSA
        a.kind = SigAlgKind::ecdsa;
        a.hash = *h;
        a.key_type = KeyType::ec;
        return a;
    }
    for (const FixedAlg& f : kFixed) {
        if (f.kind == SigAlgKind::rsa_pkcs1 || f.kind == SigAlgKind::ecdsa) continue;
        if (detail::scheme_fits(f.key_type, std::nullopt, std::nullopt, s)) return from_fixed(f);
    }
    return std::nullopt;
}

Result<void> PublicKey::verify_x509(const SignatureAlgorithm& alg, ByteView tbs,
                                    ByteView signature) const {
    KEEL_TRY(alg_fits(*this, alg));
    const auto& key = impl().key;
    if (auto* k = std::get_if<detail::RsaPublic>(&key)) {
        if (alg.kind == SigAlgKind::rsa_pkcs1) {
            return detail::as_auth_failure(k->key.verify_pkcs1(alg.hash, tbs, signature));
        }
        const crypto::PssParams p{alg.hash, alg.mgf1_hash, alg.salt_len, false};
        return detail::as_auth_failure(k->key.verify_pss(tbs, signature, p));
    }
    if (auto* k = std::get_if<crypto::ec::EcdsaPublicKey>(&key)) {
        return detail::as_auth_failure(
            k->verify(tbs, signature, alg.hash, crypto::ec::EcdsaFormat::der));
    }
    if (auto* k = std::get_if<crypto::Ed25519PublicKey>(&key)) {
        return detail::as_auth_failure(k->verify(tbs, signature));
    }
    if (auto* k = std::get_if<crypto::Ed448PublicKey>(&key)) {
        return detail::as_auth_failure(k->verify(tbs, signature));
    }
    if (auto* k = std::get_if<pq::MlDsaPublicKey>(&key)) {
        return detail::as_auth_failure(k->verify(tbs, signature));  // RFC 9881: empty ctx
    }
    if (auto* k = std::get_if<pq::SlhDsaPublicKey>(&key)) {
        return detail::as_auth_failure(k->verify(tbs, signature));  // RFC 9909: empty ctx
    }
    return Error(Errc::invalid_argument, "key cannot verify signatures");
}

Result<Bytes> PrivateKey::sign_x509(const SignatureAlgorithm& alg, ByteView tbs,
                                    crypto::Rng& rng) const {
    KEEL_TRY(alg_fits(public_key(), alg));
    const auto& key = impl().key;
    if (std::holds_alternative<detail::CallbackPrivate>(key)) {
        auto s = scheme_like(public_key(), alg);
        if (!s) {
            return Error(Errc::unsupported,
                         "no TLS signature scheme signs like this algorithm for a callback key");
        }
        return sign(*s, tbs, rng);
    }
    if (auto* k = std::get_if<crypto::RsaPrivateKey>(&key)) {
        if (alg.kind == SigAlgKind::rsa_pkcs1) return k->sign_pkcs1(alg.hash, tbs, rng);
        const crypto::PssParams p{alg.hash, alg.mgf1_hash, alg.salt_len, false};
        return k->sign_pss(tbs, p, rng);
    }
    if (auto* k = std::get_if<crypto::ec::EcdsaPrivateKey>(&key)) {
        return k->sign(tbs, rng, alg.hash, crypto::ec::EcdsaFormat::der);
    }
    if (auto* k = std::get_if<crypto::Ed25519PrivateKey>(&key)) return k->sign(tbs);
    if (auto* k = std::get_if<crypto::Ed448PrivateKey>(&key)) return k->sign(tbs);
    if (auto* k = std::get_if<pq::MlDsaPrivateKey>(&key)) return k->sign(tbs, rng);
    if (auto* k = std::get_if<pq::SlhDsaPrivateKey>(&key)) return k->sign(tbs, rng);
    return Error(Errc::invalid_argument, "key cannot sign");
}

}  // namespace keel::x509
