// The byte-level interface every curve instantiation provides (curve_impl.h), so
// ECDH, ECDSA and the encodings are written once, without templates, for all curves.
// Scalars and coordinates are big-endian, `bytes` long; points given to ecdh, sign
// and verify have already passed decode_point.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "crypto/ec/ec.h"

namespace keel::crypto::ec::detail {

struct CurveOps {
    Curve curve;
    size_t bytes;          // field and scalar length (both curves' p and n have this size)
    size_t order_bits;     // bit length of n (qlen in RFC 6979)
    const uint8_t* order;  // n, big-endian, `bytes` long

    // Validates an SEC 1 §2.3.4 encoding (uncompressed 04||X||Y or compressed
    // 02/03||X): right length, coordinates < p, on the curve, not infinity. Writes
    // X||Y (2·bytes). Variable time: points are public.
    bool (*decode_point)(ByteView encoding, uint8_t* out_xy);
    // All-ones when 1 <= k < n. Constant time in k.
    uint64_t (*scalar_valid)(const uint8_t* k);
    // out_xy = k·G, k valid. Constant time in k.
    void (*base_mult)(const uint8_t* k, uint8_t* out_xy);
    // out_x = X(k·P) for a valid point P and scalar k; false when the product is
    // infinity (never for a valid k on a prime-order curve). Constant time in k.
    bool (*ecdh)(const uint8_t* k, const uint8_t* peer_xy, uint8_t* out_x);
    // ECDSA signing core (SEC 1 §4.1.3 steps 1-6) with private key d, nonce k (both
    // valid) and e = the truncated hash (< 2^order_bits). Returns false when r or s
    // is zero (the caller draws another nonce). Constant time in d and k.
    bool (*sign)(const uint8_t* d, const uint8_t* e, const uint8_t* k, uint8_t* out_r,
                 uint8_t* out_s);
    // ECDSA verification core (SEC 1 §4.1.4) for public point q_xy, truncated hash e
    // and r, s of `bytes` bytes each (any values: range checks happen here).
    // Variable time.
    bool (*verify)(const uint8_t* q_xy, const uint8_t* e, const uint8_t* r, const uint8_t* s);
};

const CurveOps& curve_ops(Curve curve);

// A curve implementation with its own field arithmetic (docs/backends.md).
struct EcBackend {
    const char* name;
    const CurveOps* ops;
};
// P-256 implementations this CPU may use under KEEL_CPU: portable first, the dispatch
// choice last (p256.cc).
std::span<const EcBackend> p256_backends();

// Per-curve tables, defined in the curve's own .cc file.
extern const CurveOps kP256Ops;     // portable
extern const CurveOps kP256AdxOps;  // BMI2 + ADX field
extern const CurveOps kP384Ops;
extern const CurveOps kP521Ops;
extern const CurveOps kBrainpoolP256Ops;
extern const CurveOps kBrainpoolP384Ops;
extern const CurveOps kBrainpoolP512Ops;

}  // namespace keel::crypto::ec::detail
