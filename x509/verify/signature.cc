#include "x509/verify/signature.h"

#include "x509/key/sig_alg.h"

namespace keel::x509 {

Result<PublicKey> public_key_from_spki(const SubjectPublicKeyInfo& spki) {
    return PublicKey::from_spki(spki.der);
}

Result<void> verify_signed_by(const Certificate& cert, const PublicKey& issuer_key) {
    KEEL_TRY_ASSIGN(SignatureAlgorithm alg, SignatureAlgorithm::parse(cert.signature_algorithm().der));
    return issuer_key.verify_x509(alg, cert.tbs_der(), cert.signature());
}

}  // namespace keel::x509
