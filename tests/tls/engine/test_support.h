// Test support for the TLS engine tests: a seeded generator, a minimal certificate
// maker (until x509/cert's test PKI lands) and an in-memory wire between two engines.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/rng.h"
#include "crypto/sig/sig.h"
#include "tls/engine/engine.h"
#include "tls/hs/config.h"
#include "x509/key/key.h"

namespace keel::tls::test {

// Deterministic output: SHA-256(seed || counter) blocks. Reproducible handshakes.
class SeededRng final : public crypto::Rng {
  public:
    explicit SeededRng(uint64_t seed) : seed_(seed) {}
    Result<void> generate(MutableByteView out) override;

  private:
    uint64_t seed_;
    uint64_t counter_ = 0;
};

// A leaf key and its DER certificate.
struct Identity {
    x509::PrivateKey key;
    Bytes cert;
};

// The SubjectPublicKeyInfo DER of a key (RSA, EC, EdDSA, ML-DSA, SLH-DSA).
Bytes spki_der(const x509::PublicKey& key);

// A v3 certificate for `subject` with common name `cn`, signed by `issuer` under
// `issuer_cn` with `scheme` (the signature algorithm OID follows the scheme).
Bytes make_certificate(const x509::PublicKey& subject, const std::string& cn,
                       const x509::PrivateKey& issuer, const std::string& issuer_cn,
                       crypto::SignatureScheme scheme, crypto::Rng& rng);

// A fresh key of `type` and a self-signed certificate for it.
Identity self_signed(x509::KeyType type, crypto::Rng& rng, const x509::KeyGenOptions& opts = {},
                     std::optional<crypto::SignatureScheme> scheme = std::nullopt);

// A scheme that key can sign certificates with.
crypto::SignatureScheme cert_scheme_for(const x509::PrivateKey& key);

// Moves bytes between a client and a server until neither has output left. Returns the
// first error either engine reports (and which side it came from).
struct PumpResult {
    std::optional<Error> client_error;
    std::optional<Error> server_error;
    bool ok() const { return !client_error && !server_error; }
};
PumpResult pump(Engine& client, Engine& server);

// Drains and returns every event.
std::vector<Event> drain(Engine& e);

}  // namespace keel::tls::test
