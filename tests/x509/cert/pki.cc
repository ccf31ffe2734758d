// The test PKI: keys cached per process, certificates built with CertificateBuilder and
// signed with x509::PrivateKey.
#include "tests/x509/cert/pki.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

#include "crypto/rng.h"
#include "x509/der/der.h"

namespace keel::test::pki {

using namespace keel::x509;

namespace {

[[noreturn]] void die(const std::string& what, const Error& e) {
    std::fprintf(stderr, "test pki: %s: %s\n", what.c_str(), e.to_string().c_str());
    std::abort();
}

template <class T>
T must(Result<T> r, const std::string& what) {
    if (!r) die(what, r.error());
    return std::move(r).value();
}

struct AlgInfo {
    Alg alg;
    std::string_view name;
    KeyType type;
    crypto::ec::Curve curve;
    crypto::SignatureScheme scheme;
};

constexpr AlgInfo kAlgs[] = {
    {Alg::rsa2048, "rsa2048", KeyType::rsa, crypto::ec::Curve::p256,
     crypto::SignatureScheme::rsa_pkcs1_sha256},
    {Alg::rsa2048_pss, "rsa2048_pss", KeyType::rsa, crypto::ec::Curve::p256,
     crypto::SignatureScheme::rsa_pss_rsae_sha256},
    {Alg::rsa_pss2048, "rsa_pss2048", KeyType::rsa_pss, crypto::ec::Curve::p256,
     crypto::SignatureScheme::rsa_pss_pss_sha256},
    {Alg::p256, "p256", KeyType::ec, crypto::ec::Curve::p256,
     crypto::SignatureScheme::ecdsa_secp256r1_sha256},
    {Alg::p384, "p384", KeyType::ec, crypto::ec::Curve::p384,
     crypto::SignatureScheme::ecdsa_secp384r1_sha384},
    {Alg::p521, "p521", KeyType::ec, crypto::ec::Curve::p521,
     crypto::SignatureScheme::ecdsa_secp521r1_sha512},
    {Alg::ed25519, "ed25519", KeyType::ed25519, crypto::ec::Curve::p256,
     crypto::SignatureScheme::eddsa_ed25519},
    {Alg::ed448, "ed448", KeyType::ed448, crypto::ec::Curve::p256,
     crypto::SignatureScheme::eddsa_ed448},
    {Alg::mldsa65, "mldsa65", KeyType::mldsa65, crypto::ec::Curve::p256,
     crypto::SignatureScheme::mldsa65},
    {Alg::slhdsa_sha2_128f, "slhdsa_sha2_128f", KeyType::slhdsa_sha2_128f, crypto::ec::Curve::p256,
     crypto::SignatureScheme::slh_dsa_sha2_128f},
};

const AlgInfo& info(Alg alg) {
    return kAlgs[static_cast<size_t>(alg)];
}

int64_t now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

uint64_t next_serial() {
    static uint64_t counter = 0x1000;
    return ++counter;
}

}  // namespace

SignatureAlgorithm signature_algorithm(Alg alg) {
    auto a = SignatureAlgorithm::for_scheme(info(alg).scheme);
    if (!a) die("no X.509 algorithm for " + std::string(alg_name(alg)), Error(Errc::unsupported));
    return *a;
}

Bytes signature_algorithm_der(Alg alg) {
    return signature_algorithm(alg).to_der();
}

const std::vector<Alg>& all_algs() {
    static const std::vector<Alg> algs = [] {
        std::vector<Alg> v;
        for (const AlgInfo& a : kAlgs) v.push_back(a.alg);
        return v;
    }();
    return algs;
}

std::string_view alg_name(Alg alg) {
    return info(alg).name;
}

const Key& key(Alg alg, int index) {
    static std::mutex mu;
    static std::map<std::pair<Alg, int>, std::unique_ptr<Key>> cache;
    std::lock_guard<std::mutex> lock(mu);
    auto& slot = cache[{alg, index}];
    if (slot) return *slot;
    // rsa2048_pss signs with an rsaEncryption key: share rsa2048's keys.
    if (alg == Alg::rsa2048_pss) {
        auto& rsa = cache[{Alg::rsa2048, index}];
        if (!rsa) {
            KeyGenOptions o;
            auto k =
                must(PrivateKey::generate(KeyType::rsa, crypto::default_rng(), o), "rsa keygen");
            rsa = std::make_unique<Key>(
                Key{Alg::rsa2048, k, info(Alg::rsa2048).scheme, signature_algorithm(Alg::rsa2048),
                    k.public_key().to_spki(), signature_algorithm_der(Alg::rsa2048)});
        }
        slot = std::make_unique<Key>(Key{alg, rsa->key, info(alg).scheme, signature_algorithm(alg),
                                         rsa->spki, signature_algorithm_der(alg)});
        return *slot;
    }
    KeyGenOptions o;
    o.curve = info(alg).curve;
    auto k = must(PrivateKey::generate(info(alg).type, crypto::default_rng(), o),
                  std::string(alg_name(alg)) + " keygen");
    slot = std::make_unique<Key>(Key{alg, k, info(alg).scheme, signature_algorithm(alg),
                                     k.public_key().to_spki(), signature_algorithm_der(alg)});
    return *slot;
}

CertOptions ca(std::string common_name) {
    CertOptions o;
    o.subject = {{oid::kCountryName, "DE"},
                 {oid::kOrganizationName, "keel test"},
                 {oid::kCommonName, std::move(common_name)}};
    o.basic_constraints = BasicConstraints{true, true, std::nullopt};
    o.key_usage = KeyUsage{true, static_cast<uint16_t>(KeyUsageBit::key_cert_sign) |
                                     static_cast<uint16_t>(KeyUsageBit::crl_sign) |
                                     static_cast<uint16_t>(KeyUsageBit::digital_signature)};
    return o;
}

CertOptions leaf_for(std::string dns_name) {
    CertOptions o;
    o.subject = {{oid::kOrganizationName, "keel test"}, {oid::kCommonName, dns_name}};
    o.basic_constraints = BasicConstraints{false, false, std::nullopt};
    o.key_usage = KeyUsage{true, static_cast<uint16_t>(KeyUsageBit::digital_signature)};
    o.ext_key_usage = ExtKeyUsage{false, {oid::kServerAuth, oid::kClientAuth}};
    o.subject_alt_name = AltName{false, {GeneralName::dns(std::move(dns_name))}};
    return o;
}

Bytes issue_der(const Issued* issuer, Alg subject_alg, const CertOptions& o) {
    const Key& subject_key = key(subject_alg, o.key_index);
    const Key& signer = o.sign_with ? key(o.sign_with->first, o.sign_with->second)
                                    : (issuer ? *issuer->key : subject_key);
    // Which key the AKI names: the issuer's, or our own for a root.
    const Bytes& issuer_spki = issuer ? issuer->key->spki : subject_key.spki;

    CertificateBuilder b;
    Name subject = o.subject_name ? *o.subject_name : must(Name::build(o.subject), "subject");
    Name issuer_name = o.issuer_name ? *o.issuer_name : (issuer ? issuer->cert.subject() : subject);
    const int64_t nb = o.not_before != 0 ? o.not_before : now() - 86400;
    const int64_t na = o.not_after != 0 ? o.not_after : nb + 365 * 86400;
    b.version(o.version)
        .subject(subject)
        .issuer(issuer_name)
        .validity(nb, na)
        .public_key(subject_key.spki);
    if (o.serial)
        b.serial(*o.serial);
    else
        b.serial_u64(next_serial());

    if (o.basic_constraints) b.basic_constraints(*o.basic_constraints);
    if (o.key_usage) b.key_usage(*o.key_usage);
    if (o.ext_key_usage) b.ext_key_usage(*o.ext_key_usage);
    if (o.subject_alt_name) b.subject_alt_name(*o.subject_alt_name);
    if (o.name_constraints) b.name_constraints(*o.name_constraints);
    if (o.certificate_policies) b.certificate_policies(*o.certificate_policies);
    if (o.policy_mappings) b.policy_mappings(*o.policy_mappings);
    if (o.policy_constraints) b.policy_constraints(*o.policy_constraints);
    if (o.inhibit_any_policy) b.inhibit_any_policy(*o.inhibit_any_policy);
    if (o.crl_distribution_points) b.crl_distribution_points(*o.crl_distribution_points);
    if (o.authority_info_access) b.authority_info_access(*o.authority_info_access);
    if (o.tls_feature) b.tls_feature(*o.tls_feature);
    if (o.subject_key_id)
        b.subject_key_id({false, must(key_identifier(subject_key.spki), "subject key id")});
    if (o.authority_key_id)
        b.authority_key_id({false, must(key_identifier(issuer_spki), "authority key id"),
                            std::nullopt, std::nullopt});
    for (const Extension& e : o.extra_extensions) b.add_extension(e);
    if (o.customize) o.customize(b);

    if (!o.corrupt_signature)
        return must(b.sign(signer.key, signer.sig_alg, crypto::default_rng()), "sign");
    auto sign = [&](ByteView tbs) -> Result<Bytes> {
        KEEL_TRY_ASSIGN(Bytes sig,
                        signer.key.sign_x509(signer.sig_alg, tbs, crypto::default_rng()));
        sig[sig.size() / 2] ^= 0x01;
        return sig;
    };
    return must(b.sign(signer.signature_algorithm, sign), "sign");
}

namespace {

Issued make(const Issued* issuer, Alg subject_alg, const CertOptions& o) {
    auto cert = Certificate::parse(issue_der(issuer, subject_alg, o));
    if (!cert)
        die("the test PKI wrote a certificate that does not parse (use issue_der)", cert.error());
    return Issued{std::move(*cert), &key(subject_alg, o.key_index)};
}

}  // namespace

Issued make_root(Alg alg, CertOptions options) {
    return make(nullptr, alg, options);
}

Issued issue(const Issued& issuer, Alg subject_alg, CertOptions options) {
    return make(&issuer, subject_alg, options);
}

std::vector<Issued> make_chain(Alg alg, int intermediates) {
    // Key index = depth: every certificate of the chain has its own key.
    std::vector<Issued> up;  // root first while building
    up.push_back(make_root(alg, ca("keel test root " + std::string(alg_name(alg)))));
    for (int i = 0; i < intermediates; ++i) {
        CertOptions o = ca("keel test intermediate " + std::to_string(i + 1));
        o.key_index = i + 1;
        up.push_back(issue(up.back(), alg, o));
    }
    CertOptions leaf = leaf_for("www.keel.example");
    leaf.key_index = intermediates + 1;
    up.push_back(issue(up.back(), alg, leaf));
    return std::vector<Issued>(up.rbegin(), up.rend());
}

}  // namespace keel::test::pki
