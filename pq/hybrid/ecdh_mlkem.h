// The NIST-curve hybrid TLS groups of RFC 10024 (draft-ietf-tls-ecdhe-mlkem) over the
// key-exchange contract of crypto/kx/kx.h:
//
//   group               client share          server share           shared secret
//   secp256r1mlkem768   P-256 point (65)      P-256 point (65)       ECDH (32)
//     (0x11EB)          || ML-KEM-768 ek      || ciphertext (1088)   || ML-KEM K (32)
//   secp384r1mlkem1024  P-384 point (97)      P-384 point (97)       ECDH (48)
//     (0x11ED)          || ML-KEM-1024 ek     || ciphertext (1568)   || ML-KEM K (32)
//
// Unlike X25519MLKEM768 (pq/hybrid/x25519mlkem768.h), the ECDH part comes first
// everywhere. Points are uncompressed (0x04 || X || Y) and fully validated; ek gets the
// FIPS 203 §7.2 modulus check. The client state's private_key is the EC scalar followed
// by the expanded ML-KEM dk.
#pragma once

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/kx/kx.h"
#include "crypto/rng.h"

namespace keel::pq::ecdh_mlkem {

// `group` must be secp256r1mlkem768 or secp384r1mlkem1024 (invalid_argument otherwise).
Result<crypto::KxClientState> kx_generate(crypto::NamedGroup group, crypto::Rng& rng);
Result<crypto::KxServerResult> kx_respond(crypto::NamedGroup group, ByteView client_share,
                                          crypto::Rng& rng);
Result<SecretBytes> kx_finish(const crypto::KxClientState& state, ByteView server_share);

}  // namespace keel::pq::ecdh_mlkem
