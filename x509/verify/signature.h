// Certificate signatures (RFC 5280 §4.1.1.2, §6.1.3 (a)(1)): the working public key of
// a certificate and the check of a certificate's signature by its issuer's key. Both
// delegate to x509/key, which owns every SPKI and AlgorithmIdentifier encoding.
#pragma once

#include "base/result.h"
#include "x509/cert/certificate.h"
#include "x509/key/key.h"

namespace keel::x509 {

// The key of a SubjectPublicKeyInfo (PublicKey::from_spki): Errc::unsupported for an
// algorithm keel has no key type for, malformed for a bad encoding.
Result<PublicKey> public_key_from_spki(const SubjectPublicKeyInfo& spki);

// Verifies `cert`'s signature under `issuer_key`: auth_failed when it does not verify,
// unsupported / invalid_argument / malformed when the algorithm does not fit the key.
Result<void> verify_signed_by(const Certificate& cert, const PublicKey& issuer_key);

}  // namespace keel::x509
