// Certificate authentication for the TLS 1.3 handshake (RFC 8446 §4.4.2, §4.4.3): which
// certificate and signature scheme to sign with, the CertificateVerify signature and its
// check, and the peer-chain validation hook.
#pragma once

#include <optional>
#include <span>
#include <utility>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/rng.h"
#include "crypto/sig/sig.h"
#include "tls/hs/config.h"
#include "x509/key/key.h"

namespace keel::tls {

// RFC 8446 §4.2.3: schemes a TLS 1.3 CertificateVerify may use. RSASSA-PKCS1-v1_5 and
// SHA-1 schemes are only for certificates (and TLS 1.2); ecdsa_sha1 likewise.
bool is_tls13_signature_scheme(crypto::SignatureScheme scheme);

// RFC 8446 §4.4.3: 64 spaces, the context string, a zero byte, the transcript hash.
// `signer` is the role whose CertificateVerify this is.
Bytes certificate_verify_input(Role signer, ByteView transcript_hash);

// The certificate to present and the scheme to sign with: the first entry of
// `certs_keys` whose key can sign a scheme that both `peer_schemes` (the peer's
// signature_algorithms) and `own_schemes` list, preferring the peer's order (§4.4.2.2).
// nullopt when nothing fits: the caller sends handshake_failure.
struct CertChoice {
    const CertKey* cert;
    crypto::SignatureScheme scheme;
};
std::optional<CertChoice> choose_certificate(std::span<const CertKey> certs_keys,
                                             std::span<const crypto::SignatureScheme> peer_schemes,
                                             std::span<const crypto::SignatureScheme> own_schemes);

// Signs a CertificateVerify over `transcript_hash`.
Result<Bytes> sign_certificate_verify(const x509::PrivateKey& key, crypto::SignatureScheme scheme,
                                      Role signer, ByteView transcript_hash, crypto::Rng& rng);

// Checks a received CertificateVerify: the scheme must be one we offered and a TLS 1.3
// scheme (illegal_parameter), fit the leaf key (illegal_parameter), and the signature
// must verify (decrypt_error, §4.4.3).
Result<void> verify_certificate_verify(const x509::PublicKey& leaf, crypto::SignatureScheme scheme,
                                       std::span<const crypto::SignatureScheme> offered,
                                       Role signer, ByteView transcript_hash, ByteView signature);

// The public key of a DER certificate (its SubjectPublicKeyInfo). A certificate that does
// not parse, or a key type keel cannot use, is bad_certificate / unsupported_certificate.
Result<x509::PublicKey> certificate_public_key(ByteView cert_der);

// Runs the configured chain validation for verify_peer (config.verify_fun, or
// default_chain_verifier when none is set); verify_none accepts every chain.
Result<void> validate_peer_chain(const HandshakeConfig& config, const PeerChain& chain);

// TEMPORARY STAND-IN for x509/verify path validation (RFC 5280 path building, written
// later): accepts the chain when its leaf is one of `cacerts` byte for byte, or its
// signature verifies under the key of one of them (x509::Certificate). No intermediate,
// validity period, hostname (x509/verify/hostname.h), key usage or path constraint is
// checked; replace by the real validator as soon as it exists. Failure is unknown_ca.
Result<void> default_chain_verifier(const PeerChain& chain);

}  // namespace keel::tls
