// One key-exchange dispatch over every TLS group keel implements (crypto/kx/kx.h), so
// the TLS engine calls the same three functions whatever the peer negotiated:
//
//   auto st  = pq::kx_generate(NamedGroup::x25519mlkem768, rng);     // client
//   auto srv = pq::kx_respond(group, client_share, rng);              // server
//   auto ss  = pq::kx_finish(*st, srv->share);                        // client
//
// Each group's own kx_* functions do the work and the validation (lengths, points on
// the curve, DH values in 2..p-2, all-zero X25519/X448 results, ML-KEM ek checks); this
// file only routes. A group this build does not implement is Errc::unsupported.
//
// Names are the Erlang ssl reference's (supported_groups option): "x25519",
// "secp256r1", "brainpoolP256r1tls13", "ffdhe2048", "mlkem768", "x25519mlkem768", ...
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/kx/kx.h"
#include "crypto/rng.h"

namespace keel::pq {

Result<crypto::KxClientState> kx_generate(crypto::NamedGroup group, crypto::Rng& rng);
Result<crypto::KxServerResult> kx_respond(crypto::NamedGroup group, ByteView client_share,
                                          crypto::Rng& rng);
// Dispatches on state.group.
Result<SecretBytes> kx_finish(const crypto::KxClientState& state, ByteView server_share);

bool group_supported(crypto::NamedGroup group);
// Every group kx_generate accepts, in code-point order.
std::span<const crypto::NamedGroup> supported_groups();

// Erlang reference names; an unknown code point is "unknown".
std::string_view group_name(crypto::NamedGroup group);
std::optional<crypto::NamedGroup> group_from_name(std::string_view name);

// A hybrid client state and the state of its classical half, sharing one ECDH key.
//
// A client that offers X25519MLKEM768 and X25519 in one ClientHello should send the
// same X25519 public key in both key_share entries (draft-ietf-tls-hybrid-design §3.2,
// "key reuse" of the ECDH share; RFC 10024 / draft-ietf-tls-ecdhe-mlkem allow it), which
// saves one key generation and 32 bytes of entropy. `classical` is a complete state for
// the plain group: its share is byte-for-byte the ECDH part of the hybrid share, its
// private key the same scalar, so kx_finish works on either, whichever the server picks.
struct KxSharedPair {
    crypto::KxClientState hybrid;
    crypto::KxClientState classical;
};

// The classical group whose key a hybrid group embeds: x25519mlkem768 -> x25519,
// secp256r1mlkem768 -> secp256r1, secp384r1mlkem1024 -> secp384r1.
std::optional<crypto::NamedGroup> classical_component(crypto::NamedGroup hybrid);

// `hybrid` must be one of the three hybrid groups (Errc::unsupported otherwise).
Result<KxSharedPair> kx_generate_pair(crypto::NamedGroup hybrid, crypto::Rng& rng);

}  // namespace keel::pq
