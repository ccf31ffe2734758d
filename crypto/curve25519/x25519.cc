// X25519 dispatch and the TLS key-exchange functions (crypto/kx/kx.h).
#include "crypto/curve25519/x25519.h"

#include "base/cpu.h"
#include "base/ct.h"
#include "crypto/curve25519/internal/x25519_ladder.h"

namespace keel::crypto {

namespace detail {

std::span<const X25519Backend> x25519_backends() {
    static const auto list = [] {
        struct List {
            X25519Backend items[2];
            size_t n = 0;
        } l;
        l.items[l.n++] = {"portable", x25519_portable};
        if (cpu::has(cpu::kAvx512f | cpu::kAvx512vl | cpu::kAvx512ifma)) {
            l.items[l.n++] = {"avx512ifma", x25519_ifma};
        }
        return l;
    }();
    return {list.items, list.n};
}

namespace {
X25519Fn best_x25519() {
    static const X25519Fn fn = x25519_backends().back().fn;
    return fn;
}
}  // namespace

}  // namespace detail

namespace x25519 {

namespace {
constexpr uint8_t kBasePoint[32] = {9};

// RFC 8446 §7.4.2: an all-zero X25519 output means the peer sent a small-order point.
Result<SecretBytes> agree(ByteView scalar, ByteView peer_share) {
    if (peer_share.size() != kShareSize) {
        return Error(Errc::malformed, "x25519: key share must be 32 bytes");
    }
    SecretBytes secret(32);
    detail::best_x25519()(secret.data(), scalar.data(), peer_share.data());
    if (ct::declassify(ct::is_zero_mask(secret.view())) != 0) {
        return Error(Errc::invalid_argument, "x25519: shared secret is all zero");
    }
    return secret;
}

Result<SecretBytes> fresh_scalar(Rng& rng) {
    SecretBytes scalar(kScalarSize);
    KEEL_TRY(rng.generate(scalar.mutable_view()));
    return scalar;
}
}  // namespace

void scalarmult(std::span<uint8_t, 32> out, std::span<const uint8_t, 32> scalar,
                std::span<const uint8_t, 32> u) {
    detail::best_x25519()(out.data(), scalar.data(), u.data());
}

void scalarmult_base(std::span<uint8_t, 32> out, std::span<const uint8_t, 32> scalar) {
    detail::best_x25519()(out.data(), scalar.data(), kBasePoint);
}

Result<KxClientState> kx_generate(Rng& rng) {
    auto scalar = fresh_scalar(rng);
    if (!scalar) return scalar.error();
    KxClientState state{NamedGroup::x25519, Bytes(kShareSize), std::move(*scalar)};
    detail::best_x25519()(state.share.data(), state.private_key.data(), kBasePoint);
    return state;
}

Result<KxServerResult> kx_respond(ByteView client_share, Rng& rng) {
    if (client_share.size() != kShareSize) {
        return Error(Errc::malformed, "x25519: key share must be 32 bytes");
    }
    auto scalar = fresh_scalar(rng);
    if (!scalar) return scalar.error();
    auto secret = agree(scalar->view(), client_share);
    if (!secret) return secret.error();
    KxServerResult result{Bytes(kShareSize), std::move(*secret)};
    detail::best_x25519()(result.share.data(), scalar->data(), kBasePoint);
    return result;
}

Result<SecretBytes> kx_finish(const KxClientState& state, ByteView server_share) {
    if (state.group != NamedGroup::x25519 || state.private_key.size() != kScalarSize) {
        return Error(Errc::invalid_argument, "x25519: state is not an x25519 key pair");
    }
    return agree(state.private_key.view(), server_share);
}

}  // namespace x25519
}  // namespace keel::crypto
