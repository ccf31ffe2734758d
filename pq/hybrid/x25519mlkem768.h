// The hybrid TLS group X25519MLKEM768 (code point 0x11EC, draft-ietf-tls-ecdhe-mlkem)
// over the key-exchange contract of crypto/kx/kx.h.
//
// Concatenation order (the draft's §4.3 for this group puts ML-KEM first):
//   client share   = ML-KEM-768 ek (1184) || X25519 public key (32)        1216 bytes
//   server share   = ML-KEM-768 ciphertext (1088) || X25519 public key (32) 1120 bytes
//   shared secret  = ML-KEM-768 K (32) || X25519 shared secret (32)          64 bytes
// Both halves are validated: exact lengths (Errc::malformed), the FIPS 203 §7.2 ek
// modulus check and an all-zero X25519 result (Errc::invalid_argument).
//
// Randomness is drawn in share order: the client takes the 64-byte ML-KEM seed d || z,
// then the 32-byte X25519 scalar; the server takes the 32-byte ML-KEM m, then its scalar.
// The client state's private_key is the expanded ML-KEM dk (2400) || scalar (32).
#pragma once

#include <cstddef>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/kx/kx.h"
#include "crypto/rng.h"

namespace keel::pq::x25519mlkem768 {

inline constexpr size_t kClientShareSize = 1184 + 32;
inline constexpr size_t kServerShareSize = 1088 + 32;
inline constexpr size_t kSecretSize = 64;

Result<crypto::KxClientState> kx_generate(crypto::Rng& rng);
Result<crypto::KxServerResult> kx_respond(ByteView client_share, crypto::Rng& rng);
Result<SecretBytes> kx_finish(const crypto::KxClientState& state, ByteView server_share);

}  // namespace keel::pq::x25519mlkem768
