// Key exchange for TLS (DESIGN.md §3): one shape for ECDH, FFDHE and KEMs, so the TLS
// engine treats every group alike. Code points: IANA TLS Supported Groups registry.
//
// Each group implementation provides, in its own namespace (e.g. keel::crypto::x25519):
//
//   Result<KxClientState> kx_generate(Rng& rng);
//       client: a fresh key pair; state.share is the key_share to send.
//   Result<KxServerResult> kx_respond(ByteView client_share, Rng& rng);
//       server: validates the client's share, then for DH groups generates its own
//       key pair and agrees; for KEMs encapsulates to the client's key. Returns the
//       share to send back and the shared secret.
//   Result<SecretBytes> kx_finish(const KxClientState& state, ByteView server_share);
//       client: validates the server's share and derives the same shared secret.
//
// Validation is part of the contract: a share of the wrong length, a point not on the
// curve, a DH value outside 2..p-2, an all-zero X25519/X448 result (RFC 8446 §7.4.2)
// are Errc::malformed / Errc::invalid_argument errors, never a "secret" the caller
// might use. Hybrid groups compose two implementations (draft-ietf-tls-ecdhe-mlkem).
#pragma once

#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/rng.h"

namespace keel::crypto {

enum class NamedGroup : uint16_t {
    secp256r1 = 0x0017,
    secp384r1 = 0x0018,
    secp521r1 = 0x0019,
    x25519 = 0x001d,
    x448 = 0x001e,
    brainpoolP256r1tls13 = 0x001f,
    brainpoolP384r1tls13 = 0x0020,
    brainpoolP512r1tls13 = 0x0021,
    ffdhe2048 = 0x0100,
    ffdhe3072 = 0x0101,
    ffdhe4096 = 0x0102,
    ffdhe6144 = 0x0103,
    ffdhe8192 = 0x0104,
    mlkem512 = 0x0200,
    mlkem768 = 0x0201,
    mlkem1024 = 0x0202,
    secp256r1mlkem768 = 0x11eb,
    x25519mlkem768 = 0x11ec,
    secp384r1mlkem1024 = 0x11ed,
};

struct KxClientState {
    NamedGroup group;
    Bytes share;              // the client's key_share
    SecretBytes private_key;  // whatever the group needs to finish (scalar, dk, ...)
};

struct KxServerResult {
    Bytes share;                // the server's key_share
    SecretBytes shared_secret;  // input to the TLS key schedule
};

}  // namespace keel::crypto
