// SPKI decoding and certificate signature checks (RFC 5280 §4.1.1.2, RFC 8017 A.1,
// RFC 4055, RFC 5480, RFC 8410).
#include "x509/verify/signature.h"

#include <optional>

#include "x509/der/der.h"
#include "x509/der/oid.h"

namespace keel::x509 {

namespace {

using crypto::SignatureScheme;

struct RawKeyOid {
    Oid oid;
    KeyType type;
    SignatureScheme scheme;
};

// Key types whose SPKI is an OID without parameters and the raw public encoding, and
// whose signatureAlgorithm is that same OID (RFC 8410 §3, FIPS 204/205 profiles).
constexpr RawKeyOid kRawKeys[] = {
    {oid::kEd25519, KeyType::ed25519, SignatureScheme::eddsa_ed25519},
    {oid::kEd448, KeyType::ed448, SignatureScheme::eddsa_ed448},
    {oid::kMlDsa44, KeyType::mldsa44, SignatureScheme::mldsa44},
    {oid::kMlDsa65, KeyType::mldsa65, SignatureScheme::mldsa65},
    {oid::kMlDsa87, KeyType::mldsa87, SignatureScheme::mldsa87},
    {oid::kSlhDsaSha2_128s, KeyType::slhdsa_sha2_128s, SignatureScheme::slh_dsa_sha2_128s},
    {oid::kSlhDsaSha2_128f, KeyType::slhdsa_sha2_128f, SignatureScheme::slh_dsa_sha2_128f},
    {oid::kSlhDsaSha2_192s, KeyType::slhdsa_sha2_192s, SignatureScheme::slh_dsa_sha2_192s},
    {oid::kSlhDsaSha2_192f, KeyType::slhdsa_sha2_192f, SignatureScheme::slh_dsa_sha2_192f},
    {oid::kSlhDsaSha2_256s, KeyType::slhdsa_sha2_256s, SignatureScheme::slh_dsa_sha2_256s},
    {oid::kSlhDsaSha2_256f, KeyType::slhdsa_sha2_256f, SignatureScheme::slh_dsa_sha2_256f},
    {oid::kSlhDsaShake128s, KeyType::slhdsa_shake_128s, SignatureScheme::slh_dsa_shake_128s},
    {oid::kSlhDsaShake128f, KeyType::slhdsa_shake_128f, SignatureScheme::slh_dsa_shake_128f},
    {oid::kSlhDsaShake192s, KeyType::slhdsa_shake_192s, SignatureScheme::slh_dsa_shake_192s},
    {oid::kSlhDsaShake192f, KeyType::slhdsa_shake_192f, SignatureScheme::slh_dsa_shake_192f},
    {oid::kSlhDsaShake256s, KeyType::slhdsa_shake_256s, SignatureScheme::slh_dsa_shake_256s},
    {oid::kSlhDsaShake256f, KeyType::slhdsa_shake_256f, SignatureScheme::slh_dsa_shake_256f},
};

Result<PublicKey> rsa_from_bits(ByteView bits, bool pss) {
    // RFC 8017 A.1.1: RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
    der::Reader outer(bits);
    KEEL_TRY_ASSIGN(der::Reader seq, outer.sequence());
    KEEL_TRY(outer.finish());
    KEEL_TRY_ASSIGN(ByteView n, seq.unsigned_integer());
    KEEL_TRY_ASSIGN(ByteView e, seq.unsigned_integer());
    KEEL_TRY(seq.finish());
    return pss ? PublicKey::rsa_pss(n, e) : PublicKey::rsa(n, e);
}

// RFC 4055 §3.1 RSASSA-PSS-params: the hash must be given (the SHA-1 default is not
// accepted), MGF1 over the same hash, salt as long as the digest, trailer 1.
Result<crypto::HashAlg> pss_hash(const AlgorithmIdentifier& alg) {
    const Error bad(Errc::unsupported,
                    "RSASSA-PSS parameters other than SHA-2 / MGF1 / digest-length salt");
    if (!alg.parameters) return bad;
    der::Reader outer(*alg.parameters);
    KEEL_TRY_ASSIGN(der::Reader params, outer.sequence());
    KEEL_TRY(outer.finish());
    KEEL_TRY_ASSIGN(auto hash_field, params.optional_constructed(der::context_constructed(0)));
    if (!hash_field) return bad;
    KEEL_TRY_ASSIGN(der::Reader hash_alg, hash_field->sequence());
    KEEL_TRY_ASSIGN(Oid hash_oid, hash_alg.oid());
    crypto::HashAlg hash;
    size_t digest = 0;
    if (hash_oid == oid::kSha256) {
        hash = crypto::HashAlg::sha256;
        digest = 32;
    } else if (hash_oid == oid::kSha384) {
        hash = crypto::HashAlg::sha384;
        digest = 48;
    } else if (hash_oid == oid::kSha512) {
        hash = crypto::HashAlg::sha512;
        digest = 64;
    } else {
        return bad;
    }
    KEEL_TRY_ASSIGN(auto mgf_field, params.optional_constructed(der::context_constructed(1)));
    if (!mgf_field) return bad;
    KEEL_TRY_ASSIGN(der::Reader mgf, mgf_field->sequence());
    KEEL_TRY_ASSIGN(Oid mgf_oid, mgf.oid());
    if (mgf_oid != oid::kMgf1) return bad;
    KEEL_TRY_ASSIGN(der::Reader mgf_hash, mgf.sequence());
    KEEL_TRY_ASSIGN(Oid mgf_hash_oid, mgf_hash.oid());
    if (mgf_hash_oid != hash_oid) return bad;
    KEEL_TRY_ASSIGN(auto salt_field, params.optional_constructed(der::context_constructed(2)));
    if (!salt_field) return bad;
    KEEL_TRY_ASSIGN(int64_t salt, salt_field->small_unsigned());
    if (salt != static_cast<int64_t>(digest)) return bad;
    KEEL_TRY_ASSIGN(auto trailer, params.optional_constructed(der::context_constructed(3)));
    if (trailer) {
        KEEL_TRY_ASSIGN(int64_t t, trailer->small_unsigned());
        if (t != 1) return bad;
    }
    KEEL_TRY(params.finish());
    return hash;
}

}  // namespace

Result<PublicKey> public_key_from_spki(const SubjectPublicKeyInfo& spki) {
    const Oid& alg = spki.algorithm.oid;
    if (alg == oid::kRsaEncryption) return rsa_from_bits(spki.key, false);
    if (alg == oid::kRsassaPss) return rsa_from_bits(spki.key, true);
    if (alg == oid::kEcPublicKey) {
        // RFC 5480 §2.1.1: namedCurve only.
        if (!spki.algorithm.parameters) return Error(Errc::malformed, "EC key without curve");
        der::Reader r(*spki.algorithm.parameters);
        KEEL_TRY_ASSIGN(Oid curve_oid, r.oid());
        KEEL_TRY(r.finish());
        crypto::ec::Curve curve;
        if (curve_oid == oid::kSecp256r1)
            curve = crypto::ec::Curve::p256;
        else if (curve_oid == oid::kSecp384r1)
            curve = crypto::ec::Curve::p384;
        else if (curve_oid == oid::kSecp521r1)
            curve = crypto::ec::Curve::p521;
        else
            return Error(Errc::unsupported, "EC curve " + curve_oid.to_string());
        return PublicKey::ec(curve, spki.key);
    }
    for (const RawKeyOid& k : kRawKeys) {
        if (alg == k.oid) {
            if (spki.algorithm.parameters)
                return Error(Errc::malformed, "parameters on a " + alg.to_string() + " key");
            return PublicKey::from_raw(k.type, spki.key);
        }
    }
    return Error(Errc::unsupported, "public key algorithm " + alg.to_string());
}

Result<SignatureScheme> scheme_for(const AlgorithmIdentifier& alg, const PublicKey& key) {
    const Oid& o = alg.oid;
    if (o == oid::kSha256WithRsa) return SignatureScheme::rsa_pkcs1_sha256;
    if (o == oid::kSha384WithRsa) return SignatureScheme::rsa_pkcs1_sha384;
    if (o == oid::kSha512WithRsa) return SignatureScheme::rsa_pkcs1_sha512;
    if (o == oid::kSha1WithRsa) return SignatureScheme::rsa_pkcs1_sha1;
    if (o == oid::kRsassaPss) {
        KEEL_TRY_ASSIGN(crypto::HashAlg h, pss_hash(alg));
        const bool pss_key = key.type() == KeyType::rsa_pss;
        switch (h) {
            case crypto::HashAlg::sha384:
                return pss_key ? SignatureScheme::rsa_pss_pss_sha384
                               : SignatureScheme::rsa_pss_rsae_sha384;
            case crypto::HashAlg::sha512:
                return pss_key ? SignatureScheme::rsa_pss_pss_sha512
                               : SignatureScheme::rsa_pss_rsae_sha512;
            default:
                return pss_key ? SignatureScheme::rsa_pss_pss_sha256
                               : SignatureScheme::rsa_pss_rsae_sha256;
        }
    }
    if (o == oid::kEcdsaWithSha1) return SignatureScheme::ecdsa_sha1;
    if (o == oid::kEcdsaWithSha256 || o == oid::kEcdsaWithSha384 || o == oid::kEcdsaWithSha512) {
        // The TLS schemes pair each curve with one hash; a certificate may pair them
        // otherwise, which this build does not verify.
        const auto curve = key.curve();
        if (o == oid::kEcdsaWithSha256 && curve == crypto::ec::Curve::p256)
            return SignatureScheme::ecdsa_secp256r1_sha256;
        if (o == oid::kEcdsaWithSha384 && curve == crypto::ec::Curve::p384)
            return SignatureScheme::ecdsa_secp384r1_sha384;
        if (o == oid::kEcdsaWithSha512 && curve == crypto::ec::Curve::p521)
            return SignatureScheme::ecdsa_secp521r1_sha512;
        return Error(Errc::unsupported, "ECDSA hash " + o.to_string() + " with this curve");
    }
    for (const RawKeyOid& k : kRawKeys) {
        if (o == k.oid) {
            if (alg.parameters) return Error(Errc::malformed, "parameters on " + o.to_string());
            return k.scheme;
        }
    }
    return Error(Errc::unsupported, "signature algorithm " + o.to_string());
}

Result<void> verify_signed_by(const Certificate& cert, const PublicKey& issuer_key) {
    KEEL_TRY_ASSIGN(SignatureScheme scheme, scheme_for(cert.signature_algorithm(), issuer_key));
    return issuer_key.verify(scheme, cert.tbs_der(), cert.signature());
}

}  // namespace keel::x509
