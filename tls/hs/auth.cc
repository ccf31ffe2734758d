#include "tls/hs/auth.h"

#include <algorithm>
#include <string_view>

#include "tls/alert.h"
#include "x509/cert/certificate.h"

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

Result<x509::PublicKey> certificate_public_key(ByteView cert_der) {
    auto cert = x509::Certificate::parse(cert_der);
    if (!cert) {
        return alert_error(Alert::bad_certificate, "certificate: " + cert.error().detail());
    }
    auto key = cert->public_key();
    if (!key) {
        const Alert a = key.error().code() == Errc::unsupported ? Alert::unsupported_certificate
                                                                : Alert::bad_certificate;
        return alert_error(a, "certificate key: " + key.error().detail());
    }
    return key;
}

Result<void> validate_peer_chain(const HandshakeConfig& config, const PeerChain& chain) {
    if (config.verify == VerifyMode::verify_none) return ok();
    if (config.verify_fun) return config.verify_fun(chain);
    return default_chain_verifier(chain);
}

Result<void> default_chain_verifier(const PeerChain& chain) {
    if (chain.chain.empty()) return alert_error(Alert::certificate_required, "no certificate");
    const Bytes& leaf_der = chain.chain.front();
    auto leaf = x509::Certificate::parse(leaf_der);
    if (!leaf) return alert_error(Alert::bad_certificate, "certificate: " + leaf.error().detail());
    for (const Bytes& ca : chain.cacerts) {
        if (ca == leaf_der) return ok();
    }
    for (const Bytes& ca_der : chain.cacerts) {
        auto ca = x509::Certificate::parse(ca_der);
        if (!ca) continue;
        auto ca_key = ca->public_key();
        if (ca_key && leaf->verify_signature(*ca_key)) return ok();
    }
    return alert_error(Alert::unknown_ca, "certificate: not issued by a trusted CA");
}

}  // namespace keel::tls
