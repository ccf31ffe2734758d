// Signature AlgorithmIdentifiers of certificates, CRLs and OCSP responses
// (RFC 5280 §4.1.1.2) and how a PublicKey checks a signature under one.
//
//   RSASSA-PKCS1-v1_5   sha{1,224,256,384,512}WithRSAEncryption, NULL or absent params
//                       (RFC 4055 §5); MD5 is refused (unsupported)
//   RSASSA-PSS          id-RSASSA-PSS with RSASSA-PSS-params (RFC 4055 §3.1): hash,
//                       MGF1 hash, salt length, trailer 1; parameters are required
//   ECDSA               ecdsa-with-SHA{1,224,256,384,512}, no params (RFC 5758 §3.2)
//   EdDSA               id-Ed25519 / id-Ed448, no params (RFC 8410 §3)
//   ML-DSA              id-ml-dsa-44/65/87, no params (RFC 9881)
//   SLH-DSA             id-slh-dsa-*, no params (RFC 9909), pure mode
//
// The key/algorithm pairing follows RFC 4055 §1.2 and RFC 5480: an rsaEncryption key
// verifies PKCS#1 v1.5 and PSS, an id-RSASSA-PSS key only PSS (within its parameter
// restrictions), an EC key any ecdsa-with-SHA* (X.509 does not tie hash to curve), the
// others only their own algorithm. Anything else is Errc::invalid_argument.
#pragma once

#include <optional>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/hash/any_hash.h"
#include "crypto/sig/sig.h"
#include "x509/der/der.h"
#include "x509/key/key.h"

namespace keel::x509 {

enum class SigAlgKind : uint8_t { rsa_pkcs1, rsa_pss, ecdsa, eddsa, mldsa, slhdsa };

struct SignatureAlgorithm {
    SigAlgKind kind = SigAlgKind::rsa_pkcs1;
    // rsa_pkcs1, rsa_pss, ecdsa: the message hash.
    crypto::HashAlg hash = crypto::HashAlg::sha256;
    // rsa_pss only.
    crypto::HashAlg mgf1_hash = crypto::HashAlg::sha256;
    size_t salt_len = 32;
    // eddsa, mldsa, slhdsa: the exact key type (ed25519, mldsa65, slhdsa_sha2_128s, ...).
    // rsa_*: KeyType::rsa; ecdsa: KeyType::ec.
    KeyType key_type = KeyType::rsa;

    // One complete AlgorithmIdentifier element (nothing may follow it).
    static Result<SignatureAlgorithm> parse(ByteView der);
    // The next AlgorithmIdentifier of a DER reader (inside a Certificate).
    static Result<SignatureAlgorithm> read(der::Reader& r);
    void write(der::Writer& w) const;
    Bytes to_der() const;

    // The X.509 algorithm that signs the way a TLS scheme does (RSA-PSS with the
    // RFC 8446 parameters: MGF1 over the same hash, salt = digest length).
    static std::optional<SignatureAlgorithm> for_scheme(crypto::SignatureScheme scheme);

    bool operator==(const SignatureAlgorithm&) const = default;
};

}  // namespace keel::x509
