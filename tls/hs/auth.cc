#include "tls/hs/auth.h"

#include <algorithm>
#include <string_view>

#include "tls/alert.h"
#include "x509/der/der.h"
#include "x509/der/oid.h"

namespace keel::tls {

using crypto::SignatureScheme;

bool is_tls13_signature_scheme(SignatureScheme s) {
    switch (s) {
        case SignatureScheme::ecdsa_secp256r1_sha256:
        case SignatureScheme::ecdsa_secp384r1_sha384:
        case SignatureScheme::ecdsa_secp521r1_sha512:
        case SignatureScheme::ecdsa_brainpoolP256r1tls13_sha256:
        case SignatureScheme::ecdsa_brainpoolP384r1tls13_sha384:
        case SignatureScheme::ecdsa_brainpoolP512r1tls13_sha512:
        case SignatureScheme::rsa_pss_rsae_sha256:
        case SignatureScheme::rsa_pss_rsae_sha384:
        case SignatureScheme::rsa_pss_rsae_sha512:
        case SignatureScheme::rsa_pss_pss_sha256:
        case SignatureScheme::rsa_pss_pss_sha384:
        case SignatureScheme::rsa_pss_pss_sha512:
        case SignatureScheme::eddsa_ed25519:
        case SignatureScheme::eddsa_ed448:
        case SignatureScheme::mldsa44:
        case SignatureScheme::mldsa65:
        case SignatureScheme::mldsa87:
            return true;
        default:
            // SLH-DSA code points are provisional (crypto/sig/sig.h); they are accepted
            // when both sides list them, like every scheme outside the RFC's list that
            // is not PKCS#1 v1.5 or SHA-1.
            break;
    }
    const uint16_t v = static_cast<uint16_t>(s);
    return v >= 0x0911 && v <= 0x091c;
}

Bytes certificate_verify_input(Role signer, ByteView transcript_hash) {
    // RFC 8446 §4.4.3: the 64 spaces keep the content from ever being a prefix of a
    // TLS 1.2 ServerKeyExchange signature input; the context string separates roles.
    static constexpr std::string_view kServer = "TLS 1.3, server CertificateVerify";
    static constexpr std::string_view kClient = "TLS 1.3, client CertificateVerify";
    const std::string_view context = signer == Role::server ? kServer : kClient;
    Bytes out(64 + context.size() + 1 + transcript_hash.size(), 0x20);
    std::copy(context.begin(), context.end(), out.begin() + 64);
    out[64 + context.size()] = 0;
    std::copy(transcript_hash.begin(), transcript_hash.end(), out.begin() + 65 + context.size());
    return out;
}

std::optional<CertChoice> choose_certificate(std::span<const CertKey> certs_keys,
                                             std::span<const SignatureScheme> peer_schemes,
                                             std::span<const SignatureScheme> own_schemes) {
    for (const CertKey& ck : certs_keys) {
        if (ck.chain.empty()) continue;
        for (SignatureScheme s : peer_schemes) {
            if (!is_tls13_signature_scheme(s)) continue;
            if (std::find(own_schemes.begin(), own_schemes.end(), s) == own_schemes.end()) {
                continue;
            }
            if (ck.key.supports(s)) return CertChoice{&ck, s};
        }
    }
    return std::nullopt;
}

Result<Bytes> sign_certificate_verify(const x509::PrivateKey& key, SignatureScheme scheme,
                                      Role signer, ByteView transcript_hash, crypto::Rng& rng) {
    const Bytes input = certificate_verify_input(signer, transcript_hash);
    auto sig = key.sign(scheme, input, rng);
    if (!sig) {
        return alert_error(Alert::internal_error,
                           "CertificateVerify: signing failed: " + sig.error().to_string());
    }
    return sig;
}

Result<void> verify_certificate_verify(const x509::PublicKey& leaf, SignatureScheme scheme,
                                       std::span<const SignatureScheme> offered, Role signer,
                                       ByteView transcript_hash, ByteView signature) {
    // §4.4.3: the algorithm must be one offered in signature_algorithms, and a scheme
    // TLS 1.3 allows for CertificateVerify at all.
    if (!is_tls13_signature_scheme(scheme) ||
        std::find(offered.begin(), offered.end(), scheme) == offered.end()) {
        return alert_error(Alert::illegal_parameter,
                           "CertificateVerify: signature scheme was not offered");
    }
    if (!leaf.supports(scheme)) {
        return alert_error(Alert::illegal_parameter,
                           "CertificateVerify: signature scheme does not fit the certificate key");
    }
    const Bytes input = certificate_verify_input(signer, transcript_hash);
    auto r = leaf.verify(scheme, input, signature);
    if (!r) return alert_error(Alert::decrypt_error, "CertificateVerify: bad signature");
    return ok();
}

namespace {

// The parts of an X.509 certificate this file reads. Temporary: replaced by
// x509::Certificate (x509/cert) when it lands; kept minimal on purpose.
struct CertParts {
    ByteView tbs;        // TBSCertificate, header included (what the issuer signed)
    x509::Oid sig_alg;   // Certificate.signatureAlgorithm
    ByteView signature;  // signatureValue octets
    ByteView spki;       // SubjectPublicKeyInfo contents
};

Error bad_cert(const char* what) {
    return alert_error(Alert::bad_certificate, std::string("certificate: ") + what);
}

Result<CertParts> split_certificate(ByteView der) {
    auto cert = x509::der::parse(der, x509::der::kSequence);
    if (!cert) return bad_cert("not a DER SEQUENCE");
    CertParts parts;
    auto tbs = cert->element(x509::der::kSequence);
    if (!tbs) return bad_cert("no TBSCertificate");
    parts.tbs = tbs->encoding;
    auto alg = cert->sequence();
    if (!alg) return bad_cert("no signatureAlgorithm");
    auto alg_oid = alg->oid();
    if (!alg_oid) return bad_cert("bad signatureAlgorithm");
    parts.sig_alg = *alg_oid;
    auto sig = cert->bit_string_octets();
    if (!sig) return bad_cert("bad signatureValue");
    parts.signature = *sig;
    if (!cert->finish()) return bad_cert("trailing data");

    x509::der::Reader t(tbs->contents);
    if (t.next_is(x509::der::context_constructed(0)) && !t.any()) return bad_cert("bad version");
    if (!t.integer()) return bad_cert("bad serialNumber");
    for (int i = 0; i < 4; i++) {  // signature, issuer, validity, subject
        if (!t.element(x509::der::kSequence)) return bad_cert("bad TBSCertificate");
    }
    auto spki = t.read(x509::der::kSequence);
    if (!spki) return bad_cert("bad subjectPublicKeyInfo");
    parts.spki = *spki;
    return parts;
}

std::optional<crypto::ec::Curve> curve_of(const x509::Oid& oid) {
    using crypto::ec::Curve;
    if (oid == x509::oid::kSecp256r1) return Curve::p256;
    if (oid == x509::oid::kSecp384r1) return Curve::p384;
    if (oid == x509::oid::kSecp521r1) return Curve::p521;
    if (oid == x509::oid::kBrainpoolP256r1) return Curve::brainpool_p256r1;
    if (oid == x509::oid::kBrainpoolP384r1) return Curve::brainpool_p384r1;
    if (oid == x509::oid::kBrainpoolP512r1) return Curve::brainpool_p512r1;
    return std::nullopt;
}

std::optional<x509::KeyType> raw_key_type(const x509::Oid& oid) {
    using x509::KeyType;
    namespace o = x509::oid;
    if (oid == o::kEd25519) return KeyType::ed25519;
    if (oid == o::kEd448) return KeyType::ed448;
    if (oid == o::kMlDsa44) return KeyType::mldsa44;
    if (oid == o::kMlDsa65) return KeyType::mldsa65;
    if (oid == o::kMlDsa87) return KeyType::mldsa87;
    if (oid == o::kSlhDsaSha2_128s) return KeyType::slhdsa_sha2_128s;
    if (oid == o::kSlhDsaSha2_128f) return KeyType::slhdsa_sha2_128f;
    if (oid == o::kSlhDsaSha2_192s) return KeyType::slhdsa_sha2_192s;
    if (oid == o::kSlhDsaSha2_192f) return KeyType::slhdsa_sha2_192f;
    if (oid == o::kSlhDsaSha2_256s) return KeyType::slhdsa_sha2_256s;
    if (oid == o::kSlhDsaSha2_256f) return KeyType::slhdsa_sha2_256f;
    if (oid == o::kSlhDsaShake128s) return KeyType::slhdsa_shake_128s;
    if (oid == o::kSlhDsaShake128f) return KeyType::slhdsa_shake_128f;
    if (oid == o::kSlhDsaShake192s) return KeyType::slhdsa_shake_192s;
    if (oid == o::kSlhDsaShake192f) return KeyType::slhdsa_shake_192f;
    if (oid == o::kSlhDsaShake256s) return KeyType::slhdsa_shake_256s;
    if (oid == o::kSlhDsaShake256f) return KeyType::slhdsa_shake_256f;
    return std::nullopt;
}

Result<x509::PublicKey> parse_spki(ByteView spki_contents) {
    x509::der::Reader r(spki_contents);
    auto alg = r.sequence();
    if (!alg) return bad_cert("bad SPKI algorithm");
    auto oid = alg->oid();
    if (!oid) return bad_cert("bad SPKI algorithm");
    auto key = r.bit_string_octets();
    if (!key || !r.finish()) return bad_cert("bad SPKI key");

    const Error unsupported =
        alert_error(Alert::unsupported_certificate, "certificate: unsupported key type");
    if (*oid == x509::oid::kRsaEncryption || *oid == x509::oid::kRsassaPss) {
        const bool pss = *oid == x509::oid::kRsassaPss;
        if (pss && !alg->empty()) return unsupported;  // restricted PSS keys: not here
        auto rsa = x509::der::parse(*key, x509::der::kSequence);
        if (!rsa) return bad_cert("bad RSAPublicKey");
        auto n = rsa->unsigned_integer();
        auto e = n ? rsa->unsigned_integer() : n;
        if (!n || !e || !rsa->finish()) return bad_cert("bad RSAPublicKey");
        auto pk = pss ? x509::PublicKey::rsa_pss(*n, *e) : x509::PublicKey::rsa(*n, *e);
        if (!pk) return bad_cert("bad RSA key");
        return pk;
    }
    if (*oid == x509::oid::kEcPublicKey) {
        auto curve_oid = alg->oid();
        if (!curve_oid) return bad_cert("EC key without a named curve");
        auto curve = curve_of(*curve_oid);
        if (!curve) return unsupported;
        auto pk = x509::PublicKey::ec(*curve, *key);
        if (!pk) return bad_cert("bad EC point");
        return pk;
    }
    if (auto type = raw_key_type(*oid)) {
        auto pk = x509::PublicKey::from_raw(*type, *key);
        if (!pk) return bad_cert("bad public key");
        return pk;
    }
    return unsupported;
}

// The TLS scheme that checks a certificate signature of algorithm `alg` made by
// `issuer`. ECDSA certificate signatures name only the hash; the TLS scheme also names
// the curve, so the stand-in accepts the matching pairs only.
std::optional<SignatureScheme> cert_signature_scheme(const x509::Oid& alg,
                                                     const x509::PublicKey& issuer) {
    namespace o = x509::oid;
    if (alg == o::kSha256WithRsa) return SignatureScheme::rsa_pkcs1_sha256;
    if (alg == o::kSha384WithRsa) return SignatureScheme::rsa_pkcs1_sha384;
    if (alg == o::kSha512WithRsa) return SignatureScheme::rsa_pkcs1_sha512;
    if (alg == o::kEd25519) return SignatureScheme::eddsa_ed25519;
    if (alg == o::kEd448) return SignatureScheme::eddsa_ed448;
    if (alg == o::kMlDsa44) return SignatureScheme::mldsa44;
    if (alg == o::kMlDsa65) return SignatureScheme::mldsa65;
    if (alg == o::kMlDsa87) return SignatureScheme::mldsa87;
    const auto curve = issuer.curve();
    if (!curve) return std::nullopt;
    using crypto::ec::Curve;
    if (alg == o::kEcdsaWithSha256 && *curve == Curve::p256) {
        return SignatureScheme::ecdsa_secp256r1_sha256;
    }
    if (alg == o::kEcdsaWithSha384 && *curve == Curve::p384) {
        return SignatureScheme::ecdsa_secp384r1_sha384;
    }
    if (alg == o::kEcdsaWithSha512 && *curve == Curve::p521) {
        return SignatureScheme::ecdsa_secp521r1_sha512;
    }
    return std::nullopt;
}

}  // namespace

Result<x509::PublicKey> certificate_public_key(ByteView cert_der) {
    KEEL_TRY_ASSIGN(CertParts parts, split_certificate(cert_der));
    return parse_spki(parts.spki);
}

Result<void> validate_peer_chain(const HandshakeConfig& config, const PeerChain& chain) {
    if (config.verify == VerifyMode::verify_none) return ok();
    if (config.verify_fun) return config.verify_fun(chain);
    return default_chain_verifier(chain);
}

Result<void> default_chain_verifier(const PeerChain& chain) {
    if (chain.chain.empty()) return alert_error(Alert::certificate_required, "no certificate");
    const Bytes& leaf = chain.chain.front();
    KEEL_TRY_ASSIGN(CertParts parts, split_certificate(leaf));
    for (const Bytes& ca : chain.cacerts) {
        if (ca == leaf) return ok();
    }
    for (const Bytes& ca : chain.cacerts) {
        auto ca_key = certificate_public_key(ca);
        if (!ca_key) continue;
        auto scheme = cert_signature_scheme(parts.sig_alg, *ca_key);
        if (!scheme || !ca_key->supports(*scheme)) continue;
        if (ca_key->verify(*scheme, parts.tbs, parts.signature)) return ok();
    }
    return alert_error(Alert::unknown_ca, "certificate: not issued by a trusted CA");
}

}  // namespace keel::tls
