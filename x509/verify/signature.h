// Certificate signatures (RFC 5280 §4.1.1.2, §6.1.3 (a)(1)): the public key of an
// SPKI and the check of a certificate's signature by its issuer's key.
//
// x509/key has no SPKI or AlgorithmIdentifier decoding yet; this is the part of it
// path validation needs, to move into x509/key when that lands there.
#pragma once

#include "base/result.h"
#include "crypto/sig/sig.h"
#include "x509/cert/certificate.h"
#include "x509/key/key.h"

namespace keel::x509 {

// The key of a SubjectPublicKeyInfo: rsaEncryption (RFC 8017), id-RSASSA-PSS (RFC 4055;
// parameters are accepted but not enforced as restrictions), id-ecPublicKey on P-256,
// P-384, P-521 (RFC 5480), Ed25519 / Ed448 (RFC 8410), ML-DSA, SLH-DSA.
// Errc::unsupported for any other algorithm, malformed for a bad encoding.
Result<PublicKey> public_key_from_spki(const SubjectPublicKeyInfo& spki);

// The SignatureScheme a signatureAlgorithm means for a signer's key: sha*WithRSA,
// RSASSA-PSS (hash, MGF1 hash and salt length must agree as in RFC 8446 §4.2.3),
// ecdsa-with-SHA*, Ed25519, Ed448, ML-DSA, SLH-DSA.
Result<crypto::SignatureScheme> scheme_for(const AlgorithmIdentifier& alg, const PublicKey& key);

// Verifies `cert`'s signature under `issuer_key`: auth_failed when it does not verify,
// unsupported / invalid_argument when the algorithm does not fit the key.
Result<void> verify_signed_by(const Certificate& cert, const PublicKey& issuer_key);

}  // namespace keel::x509
