// X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem): ML-KEM-768 and X25519 side by side,
// each half handled by its own kx functions; this file only splits and joins bytes.
#include "pq/hybrid/x25519mlkem768.h"

#include <cstring>

#include "crypto/curve25519/x25519.h"
#include "pq/mlkem/mlkem.h"

namespace keel::pq::x25519mlkem768 {
namespace {

constexpr auto kMlkem = mlkem::ParamSet::mlkem768;
constexpr size_t kEkSize = 1184;
constexpr size_t kCtSize = 1088;
constexpr size_t kDkSize = 2400;

Bytes concat(ByteView a, ByteView b) {
    Bytes out(a.begin(), a.end());
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

SecretBytes concat_secret(ByteView a, ByteView b) {
    SecretBytes out(a.size() + b.size());
    std::memcpy(out.data(), a.data(), a.size());
    std::memcpy(out.data() + a.size(), b.data(), b.size());
    return out;
}

}  // namespace

Result<crypto::KxClientState> kx_generate(crypto::Rng& rng) {
    auto kem = mlkem::kx_generate(kMlkem, rng);
    if (!kem) return kem.error();
    auto ecdh = crypto::x25519::kx_generate(rng);
    if (!ecdh) return ecdh.error();
    return crypto::KxClientState{crypto::NamedGroup::x25519mlkem768,
                                 concat(kem->share, ecdh->share),
                                 concat_secret(kem->private_key.view(), ecdh->private_key.view())};
}

Result<crypto::KxServerResult> kx_respond(ByteView client_share, crypto::Rng& rng) {
    if (client_share.size() != kClientShareSize) {
        return Error(Errc::malformed, "x25519mlkem768: client share must be 1216 bytes");
    }
    auto kem = mlkem::kx_respond(kMlkem, client_share.first(kEkSize), rng);
    if (!kem) return kem.error();
    auto ecdh = crypto::x25519::kx_respond(client_share.subspan(kEkSize), rng);
    if (!ecdh) return ecdh.error();
    return crypto::KxServerResult{
        concat(kem->share, ecdh->share),
        concat_secret(kem->shared_secret.view(), ecdh->shared_secret.view())};
}

Result<SecretBytes> kx_finish(const crypto::KxClientState& state, ByteView server_share) {
    if (state.group != crypto::NamedGroup::x25519mlkem768 ||
        state.private_key.size() != kDkSize + crypto::x25519::kScalarSize) {
        return Error(Errc::invalid_argument, "x25519mlkem768: state is not of this group");
    }
    if (server_share.size() != kServerShareSize) {
        return Error(Errc::malformed, "x25519mlkem768: server share must be 1120 bytes");
    }
    const ByteView priv = state.private_key.view();
    const crypto::KxClientState kem_state{
        crypto::NamedGroup::mlkem768, {}, SecretBytes(priv.first(kDkSize))};
    const crypto::KxClientState ecdh_state{
        crypto::NamedGroup::x25519, {}, SecretBytes(priv.subspan(kDkSize))};
    auto k = mlkem::kx_finish(kMlkem, kem_state, server_share.first(kCtSize));
    if (!k) return k.error();
    auto ss = crypto::x25519::kx_finish(ecdh_state, server_share.subspan(kCtSize));
    if (!ss) return ss.error();
    return concat_secret(k->view(), ss->view());
}

}  // namespace keel::pq::x25519mlkem768
