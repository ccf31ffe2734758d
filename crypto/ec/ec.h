// Elliptic-curve Diffie-Hellman over the short-Weierstrass curves P-256, P-384,
// P-521 (FIPS 186-5, SEC 2) and brainpoolP256r1/384r1/512r1 (RFC 5639), and the
// TLS key-exchange functions of crypto/kx/kx.h for their NamedGroups.
//
// Point encodings (SEC 1 §2.3.3): uncompressed 04||X||Y and compressed 02/03||X.
// Every decoded point is validated: right length, coordinates < p, on the curve,
// not infinity (all six curves have cofactor 1, so on the curve means in the group).
//
// Policy: decode_point and ecdh() accept both encodings; the TLS functions accept
// only the uncompressed form, as RFC 8446 §4.2.8.2 requires. The TLS shared secret is
// the X coordinate of the product, big-endian, field-sized (RFC 8446 §7.4.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/kx/kx.h"
#include "crypto/rng.h"

namespace keel::crypto::ec {

enum class Curve : uint8_t {
    p256,
    p384,
    p521,
    brainpool_p256r1,
    brainpool_p384r1,
    brainpool_p512r1,
};

// Field and scalar length in bytes: 32, 48, 66, 32, 48, 64.
size_t curve_bytes(Curve curve);
// "P-256", "brainpoolP256r1", ...
const char* curve_name(Curve curve);
// The curve of a TLS NamedGroup (secp*r1, brainpool*tls13), if it is one of ours.
std::optional<Curve> curve_for_group(NamedGroup group);

// Validates an encoded point and returns it uncompressed (04||X||Y).
Result<Bytes> decode_point(Curve curve, ByteView encoding);
// 02/03||X for a valid uncompressed or compressed point.
Result<Bytes> compress_point(Curve curve, ByteView encoding);

// A fresh private scalar in [1, n-1] (rejection sampling, FIPS 186-5 §A.2.2).
Result<SecretBytes> generate_scalar(Curve curve, Rng& rng);
// The uncompressed public point d·G for a private scalar (curve_bytes, in [1, n-1]).
Result<Bytes> public_point(Curve curve, ByteView scalar);

// Raw ECDH (SEC 1 §3.3.1): the X coordinate of d·Q. `scalar` is curve_bytes long and
// in [1, n-1]; `peer` is any valid encoding.
Result<SecretBytes> ecdh(Curve curve, ByteView scalar, ByteView peer);

// TLS key exchange (crypto/kx/kx.h) for secp256r1, secp384r1, secp521r1 and
// brainpoolP256r1tls13 / P384r1tls13 / P512r1tls13.
Result<KxClientState> kx_generate(NamedGroup group, Rng& rng);
Result<KxServerResult> kx_respond(NamedGroup group, ByteView client_share, Rng& rng);
Result<SecretBytes> kx_finish(const KxClientState& state, ByteView server_share);

}  // namespace keel::crypto::ec
