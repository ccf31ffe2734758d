// A test PKI: real keys of every signature type, and roots, intermediates and leaves
// with whatever extensions a test asks for, signed for real. Path-validation tests
// build their negative cases by changing one option of one certificate.
//
//   using namespace keel::test::pki;
//   Issued root = make_root(Alg::p256, ca("keel root"));
//   CertOptions o = ca("keel int");
//   o.basic_constraints->path_len = 0;
//   Issued inter = issue(root, Alg::ed25519, o);
//   Issued leaf = issue(inter, Alg::rsa2048, leaf_for("www.keel.example"));
//   leaf.cert.der(), leaf.key->key (x509::PrivateKey), leaf.key->spki
//
// Keys are generated once per (Alg, index) per process and cached, so RSA costs its
// key generation once. Link with `testpki_dep` (tests/x509/cert/meson.build).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "crypto/sig/sig.h"
#include "x509/cert/builder.h"
#include "x509/cert/certificate.h"
#include "x509/key/key.h"
#include "x509/key/sig_alg.h"

namespace keel::test::pki {

// A key type together with the signature its certificates are signed with.
enum class Alg : uint8_t {
    rsa2048,      // rsaEncryption key, sha256WithRSAEncryption
    rsa2048_pss,  // rsaEncryption key, RSASSA-PSS SHA-256 signatures (rsa_pss_rsae)
    rsa_pss2048,  // id-RSASSA-PSS key, RSASSA-PSS SHA-256 signatures (rsa_pss_pss)
    p256,         // ecdsa-with-SHA256
    p384,         // ecdsa-with-SHA384
    p521,         // ecdsa-with-SHA512
    ed25519,
    ed448,
    mldsa65,
    slhdsa_sha2_128f,
};

// Every Alg, in declaration order.
const std::vector<Alg>& all_algs();
std::string_view alg_name(Alg alg);

struct Key {
    Alg alg;
    x509::PrivateKey key;
    crypto::SignatureScheme scheme;    // the TLS scheme that signs like sig_alg
    x509::SignatureAlgorithm sig_alg;  // what certificates signed by this key use
    Bytes spki;                        // SubjectPublicKeyInfo DER
    Bytes signature_algorithm;         // sig_alg's AlgorithmIdentifier DER
};

// The cached key number `index` of this Alg (distinct indices give distinct keys).
const Key& key(Alg alg, int index = 0);

// Everything about one certificate. Extensions left empty are not written; the
// presets below fill in the usual ones. Extensions are written in the order of the
// fields here, then `extra_extensions`.
struct CertOptions {
    std::vector<x509::NameAttribute> subject;
    std::optional<x509::Name> subject_name;  // wins over `subject` when set
    // Issuer field override (default: the issuer certificate's subject, or the subject
    // for a root) — for name-chaining failures.
    std::optional<x509::Name> issuer_name;
    std::optional<Bytes> serial;  // magnitude; default: a fresh counter value
    int64_t not_before = 0;       // 0: one day ago
    int64_t not_after = 0;        // 0: a year from not_before
    int version = 3;

    std::optional<x509::BasicConstraints> basic_constraints;
    std::optional<x509::KeyUsage> key_usage;
    std::optional<x509::ExtKeyUsage> ext_key_usage;
    std::optional<x509::AltName> subject_alt_name;
    std::optional<x509::NameConstraints> name_constraints;
    std::optional<x509::CertificatePolicies> certificate_policies;
    std::optional<x509::PolicyMappings> policy_mappings;
    std::optional<x509::PolicyConstraints> policy_constraints;
    std::optional<x509::InhibitAnyPolicy> inhibit_any_policy;
    std::optional<x509::CrlDistributionPoints> crl_distribution_points;
    std::optional<x509::InfoAccess> authority_info_access;
    std::optional<x509::TlsFeature> tls_feature;
    bool subject_key_id = true;    // SHA-1 of the key (RFC 5280 §4.2.1.2 (1))
    bool authority_key_id = true;  // the issuer's subject key identifier
    std::vector<x509::Extension> extra_extensions;

    // Signed with this key instead of the issuer's (a signature that will not verify
    // under the issuer's key, but is well formed).
    std::optional<std::pair<Alg, int>> sign_with;
    // Flip a bit of the signature after signing.
    bool corrupt_signature = false;
    // Last word: runs on the builder just before signing.
    std::function<void(x509::CertificateBuilder&)> customize;
    // Which key of the subject Alg to certify. Certificates with the same Alg and index
    // share a key: give each CA of a chain its own index (make_chain does).
    int key_index = 0;
};

// Presets. ca(): basicConstraints cA (critical), keyUsage keyCertSign | cRLSign |
// digitalSignature (critical). leaf_for(): keyUsage digitalSignature (critical), EKU
// serverAuth + clientAuth, SAN dNSName, basicConstraints cA false.
CertOptions ca(std::string common_name);
CertOptions leaf_for(std::string dns_name);

struct Issued {
    x509::Certificate cert;
    const Key* key = nullptr;  // the subject's key
};

// A self-signed certificate (version, names, extensions from `options`).
Issued make_root(Alg alg, CertOptions options);
// A certificate for a key of `subject_alg`, signed by `issuer`.
Issued issue(const Issued& issuer, Alg subject_alg, CertOptions options);

// The DER only, without parsing it back: for options that make a certificate the
// parser rejects (v1 with extensions, a bad serial via `customize`, ...).
Bytes issue_der(const Issued* issuer, Alg subject_alg, const CertOptions& options);

// root -> n intermediates -> leaf for "www.keel.example", all with the same Alg.
// Returned leaf first, root last (the order a TLS server sends).
std::vector<Issued> make_chain(Alg alg, int intermediates = 1);

// The signature algorithm certificates signed by an `alg` key use, and its DER (for
// tests that need a raw encoding, e.g. to mismatch the signature algorithm).
x509::SignatureAlgorithm signature_algorithm(Alg alg);
Bytes signature_algorithm_der(Alg alg);

}  // namespace keel::test::pki
