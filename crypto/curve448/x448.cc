// X448 Montgomery ladder (RFC 7748 §5) over the radix-2^56 field, and the TLS
// key-exchange functions. Constant-time: scalar bits only drive masked swaps.
#include "crypto/curve448/x448.h"

#include "base/ct.h"
#include "base/secret.h"
#include "crypto/curve448/internal/fe448.h"

namespace keel::crypto {

namespace detail {

void x448_portable(uint8_t out[56], const uint8_t scalar[56], const uint8_t u[56]) {
    using namespace fe448;
    // decodeScalar448: clear the two low bits, set bit 447.
    uint8_t k[56];
    for (int i = 0; i < 56; i++) k[i] = scalar[i];
    k[0] &= 252;
    k[55] |= 128;

    Fe448 x1, x2, z2, x3, z3;
    from_bytes(x1, u);
    one(x2);
    zero(z2);
    x3 = x1;
    one(z3);
    uint64_t swap = 0;
    for (int t = 447; t >= 0; t--) {
        uint64_t bit = (k[t >> 3] >> (t & 7)) & 1;
        swap ^= bit;
        uint64_t mask = 0 - swap;
        cswap(x2, x3, mask);
        cswap(z2, z3, mask);
        swap = bit;

        Fe448 a, aa, b, bb, e, c, d, da, cb;
        add(a, x2, z2);
        sq(aa, a);
        sub(b, x2, z2);
        sq(bb, b);
        sub(e, aa, bb);
        add(c, x3, z3);
        sub(d, x3, z3);
        mul(da, d, a);
        mul(cb, c, b);
        add(x3, da, cb);
        sq(x3, x3);
        sub(z3, da, cb);
        sq(z3, z3);
        mul(z3, z3, x1);
        mul(x2, aa, bb);
        mul_small(z2, e, 39081);  // a24 = (156326 - 2) / 4
        add(z2, z2, aa);
        mul(z2, z2, e);
    }
    uint64_t mask = 0 - swap;
    cswap(x2, x3, mask);
    cswap(z2, z3, mask);
    invert(z2, z2);
    mul(x2, x2, z2);
    to_bytes(out, x2);
    secure_wipe(k, sizeof k);
}

}  // namespace detail

namespace x448 {

namespace {
constexpr uint8_t kBasePoint[56] = {5};

Result<SecretBytes> agree(ByteView scalar, ByteView peer_share) {
    if (peer_share.size() != kShareSize) {
        return Error(Errc::malformed, "x448: key share must be 56 bytes");
    }
    SecretBytes secret(56);
    detail::x448_portable(secret.data(), scalar.data(), peer_share.data());
    if (ct::declassify(ct::is_zero_mask(secret.view())) != 0) {
        return Error(Errc::invalid_argument, "x448: shared secret is all zero");
    }
    return secret;
}

Result<SecretBytes> fresh_scalar(Rng& rng) {
    SecretBytes scalar(kScalarSize);
    KEEL_TRY(rng.generate(scalar.mutable_view()));
    return scalar;
}
}  // namespace

void scalarmult(std::span<uint8_t, 56> out, std::span<const uint8_t, 56> scalar,
                std::span<const uint8_t, 56> u) {
    detail::x448_portable(out.data(), scalar.data(), u.data());
}

void scalarmult_base(std::span<uint8_t, 56> out, std::span<const uint8_t, 56> scalar) {
    detail::x448_portable(out.data(), scalar.data(), kBasePoint);
}

Result<KxClientState> kx_generate(Rng& rng) {
    auto scalar = fresh_scalar(rng);
    if (!scalar) return scalar.error();
    KxClientState state{NamedGroup::x448, Bytes(kShareSize), std::move(*scalar)};
    detail::x448_portable(state.share.data(), state.private_key.data(), kBasePoint);
    return state;
}

Result<KxServerResult> kx_respond(ByteView client_share, Rng& rng) {
    if (client_share.size() != kShareSize) {
        return Error(Errc::malformed, "x448: key share must be 56 bytes");
    }
    auto scalar = fresh_scalar(rng);
    if (!scalar) return scalar.error();
    auto secret = agree(scalar->view(), client_share);
    if (!secret) return secret.error();
    KxServerResult result{Bytes(kShareSize), std::move(*secret)};
    detail::x448_portable(result.share.data(), scalar->data(), kBasePoint);
    return result;
}

Result<SecretBytes> kx_finish(const KxClientState& state, ByteView server_share) {
    if (state.group != NamedGroup::x448 || state.private_key.size() != kScalarSize) {
        return Error(Errc::invalid_argument, "x448: state is not an x448 key pair");
    }
    return agree(state.private_key.view(), server_share);
}

}  // namespace x448
}  // namespace keel::crypto
