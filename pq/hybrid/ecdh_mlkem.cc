// SecP256r1MLKEM768 and SecP384r1MLKEM1024: each half is handled by its own kx
// functions (crypto/ec, pq/mlkem); this file only splits and joins bytes.
#include "pq/hybrid/ecdh_mlkem.h"

#include <cstring>
#include <optional>
#include <string>

#include "crypto/ec/ec.h"
#include "pq/mlkem/mlkem.h"

namespace keel::pq::ecdh_mlkem {
namespace {

using crypto::NamedGroup;

struct Layout {
    NamedGroup hybrid;
    NamedGroup ec;
    NamedGroup kem_group;
    mlkem::ParamSet kem;
    size_t point;  // uncompressed EC share
    size_t ek;
    size_t ct;
    size_t dk;
    const char* name;
};

constexpr Layout kLayouts[] = {
    {NamedGroup::secp256r1mlkem768, NamedGroup::secp256r1, NamedGroup::mlkem768,
     mlkem::ParamSet::mlkem768, 65, 1184, 1088, 2400, "secp256r1mlkem768"},
    {NamedGroup::secp384r1mlkem1024, NamedGroup::secp384r1, NamedGroup::mlkem1024,
     mlkem::ParamSet::mlkem1024, 97, 1568, 1568, 3168, "secp384r1mlkem1024"},
};

std::optional<Layout> layout(NamedGroup g) {
    for (const Layout& l : kLayouts) {
        if (l.hybrid == g) return l;
    }
    return std::nullopt;
}

Error not_hybrid() {
    return Error(Errc::invalid_argument, "not a NIST-curve ML-KEM hybrid group");
}

Error bad_length(const Layout& l, const char* what, size_t want) {
    return Error(Errc::malformed,
                 std::string(l.name) + ": " + what + " must be " + std::to_string(want) + " bytes");
}

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

Result<crypto::KxClientState> kx_generate(NamedGroup group, crypto::Rng& rng) {
    auto l = layout(group);
    if (!l) return not_hybrid();
    auto ecdh = crypto::ec::kx_generate(l->ec, rng);
    if (!ecdh) return ecdh.error();
    auto kem = mlkem::kx_generate(l->kem, rng);
    if (!kem) return kem.error();
    return crypto::KxClientState{group, concat(ecdh->share, kem->share),
                                 concat_secret(ecdh->private_key.view(), kem->private_key.view())};
}

Result<crypto::KxServerResult> kx_respond(NamedGroup group, ByteView client_share,
                                          crypto::Rng& rng) {
    auto l = layout(group);
    if (!l) return not_hybrid();
    if (client_share.size() != l->point + l->ek) {
        return bad_length(*l, "client share", l->point + l->ek);
    }
    auto ecdh = crypto::ec::kx_respond(l->ec, client_share.first(l->point), rng);
    if (!ecdh) return ecdh.error();
    auto kem = mlkem::kx_respond(l->kem, client_share.subspan(l->point), rng);
    if (!kem) return kem.error();
    return crypto::KxServerResult{
        concat(ecdh->share, kem->share),
        concat_secret(ecdh->shared_secret.view(), kem->shared_secret.view())};
}

Result<SecretBytes> kx_finish(const crypto::KxClientState& state, ByteView server_share) {
    auto l = layout(state.group);
    if (!l) return not_hybrid();
    if (state.private_key.size() <= l->dk) {
        return Error(Errc::invalid_argument, std::string(l->name) + ": malformed client state");
    }
    if (server_share.size() != l->point + l->ct) {
        return bad_length(*l, "server share", l->point + l->ct);
    }
    const ByteView priv = state.private_key.view();
    const size_t scalar = priv.size() - l->dk;
    const crypto::KxClientState ec_state{l->ec, {}, SecretBytes(priv.first(scalar))};
    const crypto::KxClientState kem_state{l->kem_group, {}, SecretBytes(priv.subspan(scalar))};
    auto ss = crypto::ec::kx_finish(ec_state, server_share.first(l->point));
    if (!ss) return ss.error();
    auto k = mlkem::kx_finish(l->kem, kem_state, server_share.subspan(l->point));
    if (!k) return k.error();
    return concat_secret(ss->view(), k->view());
}

}  // namespace keel::pq::ecdh_mlkem
