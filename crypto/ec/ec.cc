// Curve dispatch, point encodings, raw ECDH and the TLS key exchange (ec.h).
#include "crypto/ec/ec.h"

#include <string>

#include "base/ct.h"
#include "crypto/ec/internal/curve_ops.h"

namespace keel::crypto::ec {

namespace detail {

const CurveOps& curve_ops(Curve curve) {
    switch (curve) {
        case Curve::p256: {
            static const CurveOps& best = *p256_backends().back().ops;
            return best;
        }
        case Curve::p384:
            return kP384Ops;
        case Curve::p521:
            return kP521Ops;
        case Curve::brainpool_p256r1:
            return kBrainpoolP256Ops;
        case Curve::brainpool_p384r1:
            return kBrainpoolP384Ops;
        case Curve::brainpool_p512r1:
            break;
    }
    return kBrainpoolP512Ops;
}

}  // namespace detail

using detail::curve_ops;
using detail::CurveOps;

size_t curve_bytes(Curve curve) {
    return curve_ops(curve).bytes;
}

const char* curve_name(Curve curve) {
    switch (curve) {
        case Curve::p256:
            return "P-256";
        case Curve::p384:
            return "P-384";
        case Curve::p521:
            return "P-521";
        case Curve::brainpool_p256r1:
            return "brainpoolP256r1";
        case Curve::brainpool_p384r1:
            return "brainpoolP384r1";
        case Curve::brainpool_p512r1:
            break;
    }
    return "brainpoolP512r1";
}

std::optional<Curve> curve_for_group(NamedGroup group) {
    switch (group) {
        case NamedGroup::secp256r1:
            return Curve::p256;
        case NamedGroup::secp384r1:
            return Curve::p384;
        case NamedGroup::secp521r1:
            return Curve::p521;
        case NamedGroup::brainpoolP256r1tls13:
            return Curve::brainpool_p256r1;
        case NamedGroup::brainpoolP384r1tls13:
            return Curve::brainpool_p384r1;
        case NamedGroup::brainpoolP512r1tls13:
            return Curve::brainpool_p512r1;
        default:
            return std::nullopt;
    }
}

namespace {

Bytes uncompressed(const CurveOps& ops, const uint8_t* xy) {
    Bytes out(1 + 2 * ops.bytes);
    out[0] = 0x04;
    for (size_t i = 0; i < 2 * ops.bytes; i++) out[1 + i] = xy[i];
    return out;
}

Result<void> check_scalar(const CurveOps& ops, ByteView scalar) {
    if (scalar.size() != ops.bytes) {
        return Error(Errc::invalid_argument, std::string(curve_name(ops.curve)) +
                                                 " private scalar must be " +
                                                 std::to_string(ops.bytes) + " bytes");
    }
    // Whether a key is valid is public; its value is not.
    if (!ct::declassify(ops.scalar_valid(scalar.data()))) {
        return Error(Errc::invalid_argument,
                     std::string(curve_name(ops.curve)) + " private scalar not in [1, n-1]");
    }
    return ok();
}

Result<void> decode_into(const CurveOps& ops, ByteView encoding, uint8_t* xy) {
    if (!ops.decode_point(encoding, xy)) {
        return Error(Errc::malformed, std::string("invalid ") + curve_name(ops.curve) +
                                          " point (length, encoding, range or not on curve)");
    }
    return ok();
}

constexpr size_t kMaxBytes = 66;

}  // namespace

Result<Bytes> decode_point(Curve curve, ByteView encoding) {
    const CurveOps& ops = curve_ops(curve);
    uint8_t xy[2 * kMaxBytes];
    KEEL_TRY(decode_into(ops, encoding, xy));
    return uncompressed(ops, xy);
}

Result<Bytes> compress_point(Curve curve, ByteView encoding) {
    const CurveOps& ops = curve_ops(curve);
    uint8_t xy[2 * kMaxBytes];
    KEEL_TRY(decode_into(ops, encoding, xy));
    Bytes out(1 + ops.bytes);
    out[0] = uint8_t(0x02 | (xy[2 * ops.bytes - 1] & 1));
    for (size_t i = 0; i < ops.bytes; i++) out[1 + i] = xy[i];
    return out;
}

Result<SecretBytes> generate_scalar(Curve curve, Rng& rng) {
    const CurveOps& ops = curve_ops(curve);
    SecretBytes k(ops.bytes);
    // FIPS 186-5 §A.2.2 (rejection sampling): draw order_bits random bits until the
    // value lands in [1, n-1]. Each rejection is public and reveals nothing about the
    // accepted value. For P-256 a draw is rejected with probability ~2^-32.
    const unsigned top_bits = unsigned(ops.order_bits % 8);
    for (int attempt = 0; attempt < 1000; attempt++) {
        KEEL_TRY(rng.generate(k.mutable_view()));
        if (top_bits != 0) k.data()[0] &= uint8_t((1u << top_bits) - 1);
        if (ct::declassify(ops.scalar_valid(k.data()))) return k;
    }
    return Error(Errc::entropy, "random generator keeps producing out-of-range scalars");
}

Result<Bytes> public_point(Curve curve, ByteView scalar) {
    const CurveOps& ops = curve_ops(curve);
    KEEL_TRY(check_scalar(ops, scalar));
    uint8_t xy[2 * kMaxBytes];
    ops.base_mult(scalar.data(), xy);
    return uncompressed(ops, xy);
}

Result<SecretBytes> ecdh(Curve curve, ByteView scalar, ByteView peer) {
    const CurveOps& ops = curve_ops(curve);
    KEEL_TRY(check_scalar(ops, scalar));
    uint8_t xy[2 * kMaxBytes];
    KEEL_TRY(decode_into(ops, peer, xy));
    SecretBytes shared(ops.bytes);
    if (!ops.ecdh(scalar.data(), xy, shared.data())) {
        return Error(Errc::invalid_argument, "ECDH result is the point at infinity");
    }
    return shared;
}

namespace {

Result<const CurveOps*> group_ops(NamedGroup group) {
    auto curve = curve_for_group(group);
    if (!curve) {
        return Error(Errc::invalid_argument,
                     "named group " + std::to_string(unsigned(group)) + " is not an EC group");
    }
    return &curve_ops(*curve);
}

// RFC 8446 §4.2.8.2: TLS 1.3 key shares are UncompressedPointRepresentation only.
Result<void> check_share(const CurveOps& ops, ByteView share) {
    if (share.size() != 1 + 2 * ops.bytes || share[0] != 0x04) {
        return Error(Errc::malformed, std::string(curve_name(ops.curve)) +
                                          " key share must be an uncompressed point of " +
                                          std::to_string(1 + 2 * ops.bytes) + " bytes");
    }
    return ok();
}

}  // namespace

Result<KxClientState> kx_generate(NamedGroup group, Rng& rng) {
    auto ops = group_ops(group);
    if (!ops) return ops.error();
    Curve curve = (*ops)->curve;
    auto k = generate_scalar(curve, rng);
    if (!k) return k.error();
    auto pub = public_point(curve, k->view());
    if (!pub) return pub.error();
    return KxClientState{group, std::move(*pub), std::move(*k)};
}

Result<KxServerResult> kx_respond(NamedGroup group, ByteView client_share, Rng& rng) {
    auto ops = group_ops(group);
    if (!ops) return ops.error();
    KEEL_TRY(check_share(**ops, client_share));
    Curve curve = (*ops)->curve;
    auto k = generate_scalar(curve, rng);
    if (!k) return k.error();
    auto shared = ecdh(curve, k->view(), client_share);
    if (!shared) return shared.error();
    auto pub = public_point(curve, k->view());
    if (!pub) return pub.error();
    return KxServerResult{std::move(*pub), std::move(*shared)};
}

Result<SecretBytes> kx_finish(const KxClientState& state, ByteView server_share) {
    auto ops = group_ops(state.group);
    if (!ops) return ops.error();
    KEEL_TRY(check_share(**ops, server_share));
    return ecdh((*ops)->curve, state.private_key.view(), server_share);
}

}  // namespace keel::crypto::ec
