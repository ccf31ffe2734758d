// Routing from a NamedGroup to the group's kx_* functions (crypto/kx/kx.h). Nothing
// here looks at secret bytes except kx_generate_pair, which only slices them.
#include "pq/kx/any_group.h"

#include <array>
#include <string>

#include "crypto/curve25519/x25519.h"
#include "crypto/curve448/x448.h"
#include "crypto/dh/dh.h"
#include "crypto/ec/ec.h"
#include "pq/hybrid/ecdh_mlkem.h"
#include "pq/hybrid/x25519mlkem768.h"
#include "pq/mlkem/mlkem.h"

namespace keel::pq {
namespace {

using crypto::KxClientState;
using crypto::KxServerResult;
using crypto::NamedGroup;

// How each group is implemented; the table below is the single list of what we offer.
enum class Impl : uint8_t { x25519, x448, ec, ffdhe, mlkem, x25519_mlkem, ecdh_mlkem };

struct GroupInfo {
    NamedGroup group;
    std::string_view name;
    Impl impl;
};

constexpr std::array<GroupInfo, 19> kGroups = {{
    {NamedGroup::secp256r1, "secp256r1", Impl::ec},
    {NamedGroup::secp384r1, "secp384r1", Impl::ec},
    {NamedGroup::secp521r1, "secp521r1", Impl::ec},
    {NamedGroup::x25519, "x25519", Impl::x25519},
    {NamedGroup::x448, "x448", Impl::x448},
    {NamedGroup::brainpoolP256r1tls13, "brainpoolP256r1tls13", Impl::ec},
    {NamedGroup::brainpoolP384r1tls13, "brainpoolP384r1tls13", Impl::ec},
    {NamedGroup::brainpoolP512r1tls13, "brainpoolP512r1tls13", Impl::ec},
    {NamedGroup::ffdhe2048, "ffdhe2048", Impl::ffdhe},
    {NamedGroup::ffdhe3072, "ffdhe3072", Impl::ffdhe},
    {NamedGroup::ffdhe4096, "ffdhe4096", Impl::ffdhe},
    {NamedGroup::ffdhe6144, "ffdhe6144", Impl::ffdhe},
    {NamedGroup::ffdhe8192, "ffdhe8192", Impl::ffdhe},
    {NamedGroup::mlkem512, "mlkem512", Impl::mlkem},
    {NamedGroup::mlkem768, "mlkem768", Impl::mlkem},
    {NamedGroup::mlkem1024, "mlkem1024", Impl::mlkem},
    {NamedGroup::secp256r1mlkem768, "secp256r1mlkem768", Impl::ecdh_mlkem},
    {NamedGroup::x25519mlkem768, "x25519mlkem768", Impl::x25519_mlkem},
    {NamedGroup::secp384r1mlkem1024, "secp384r1mlkem1024", Impl::ecdh_mlkem},
}};

constexpr std::array<NamedGroup, kGroups.size()> kGroupList = [] {
    std::array<NamedGroup, kGroups.size()> out{};
    for (size_t i = 0; i < kGroups.size(); i++) out[i] = kGroups[i].group;
    return out;
}();

const GroupInfo* find(NamedGroup g) {
    for (const auto& info : kGroups) {
        if (info.group == g) return &info;
    }
    return nullptr;
}

Error unsupported(NamedGroup g) {
    const char* digits = "0123456789abcdef";
    std::string code(4, '0');
    uint16_t v = static_cast<uint16_t>(g);
    for (int i = 3; i >= 0; i--, v >>= 4) code[i] = digits[v & 15];
    return Error(Errc::unsupported, "key exchange group 0x" + code + " is not supported");
}

mlkem::ParamSet mlkem_set(NamedGroup g) {
    switch (g) {
        case NamedGroup::mlkem512:
            return mlkem::ParamSet::mlkem512;
        case NamedGroup::mlkem768:
            return mlkem::ParamSet::mlkem768;
        default:
            return mlkem::ParamSet::mlkem1024;
    }
}

Result<KxClientState> ffdhe_generate(NamedGroup g, crypto::Rng& rng) {
    switch (g) {
        case NamedGroup::ffdhe2048:
            return crypto::ffdhe2048::kx_generate(rng);
        case NamedGroup::ffdhe3072:
            return crypto::ffdhe3072::kx_generate(rng);
        case NamedGroup::ffdhe4096:
            return crypto::ffdhe4096::kx_generate(rng);
        case NamedGroup::ffdhe6144:
            return crypto::ffdhe6144::kx_generate(rng);
        case NamedGroup::ffdhe8192:
            return crypto::ffdhe8192::kx_generate(rng);
        default:
            return unsupported(g);
    }
}

Result<KxServerResult> ffdhe_respond(NamedGroup g, ByteView share, crypto::Rng& rng) {
    switch (g) {
        case NamedGroup::ffdhe2048:
            return crypto::ffdhe2048::kx_respond(share, rng);
        case NamedGroup::ffdhe3072:
            return crypto::ffdhe3072::kx_respond(share, rng);
        case NamedGroup::ffdhe4096:
            return crypto::ffdhe4096::kx_respond(share, rng);
        case NamedGroup::ffdhe6144:
            return crypto::ffdhe6144::kx_respond(share, rng);
        case NamedGroup::ffdhe8192:
            return crypto::ffdhe8192::kx_respond(share, rng);
        default:
            return unsupported(g);
    }
}

Result<SecretBytes> ffdhe_finish(const KxClientState& st, ByteView share) {
    switch (st.group) {
        case NamedGroup::ffdhe2048:
            return crypto::ffdhe2048::kx_finish(st, share);
        case NamedGroup::ffdhe3072:
            return crypto::ffdhe3072::kx_finish(st, share);
        case NamedGroup::ffdhe4096:
            return crypto::ffdhe4096::kx_finish(st, share);
        case NamedGroup::ffdhe6144:
            return crypto::ffdhe6144::kx_finish(st, share);
        case NamedGroup::ffdhe8192:
            return crypto::ffdhe8192::kx_finish(st, share);
        default:
            return unsupported(st.group);
    }
}

}  // namespace

Result<KxClientState> kx_generate(NamedGroup group, crypto::Rng& rng) {
    const GroupInfo* info = find(group);
    if (info == nullptr) return unsupported(group);
    switch (info->impl) {
        case Impl::x25519:
            return crypto::x25519::kx_generate(rng);
        case Impl::x448:
            return crypto::x448::kx_generate(rng);
        case Impl::ec:
            return crypto::ec::kx_generate(group, rng);
        case Impl::ffdhe:
            return ffdhe_generate(group, rng);
        case Impl::mlkem:
            return mlkem::kx_generate(mlkem_set(group), rng);
        case Impl::x25519_mlkem:
            return x25519mlkem768::kx_generate(rng);
        case Impl::ecdh_mlkem:
            return ecdh_mlkem::kx_generate(group, rng);
    }
    return unsupported(group);
}

Result<KxServerResult> kx_respond(NamedGroup group, ByteView client_share, crypto::Rng& rng) {
    const GroupInfo* info = find(group);
    if (info == nullptr) return unsupported(group);
    switch (info->impl) {
        case Impl::x25519:
            return crypto::x25519::kx_respond(client_share, rng);
        case Impl::x448:
            return crypto::x448::kx_respond(client_share, rng);
        case Impl::ec:
            return crypto::ec::kx_respond(group, client_share, rng);
        case Impl::ffdhe:
            return ffdhe_respond(group, client_share, rng);
        case Impl::mlkem:
            return mlkem::kx_respond(mlkem_set(group), client_share, rng);
        case Impl::x25519_mlkem:
            return x25519mlkem768::kx_respond(client_share, rng);
        case Impl::ecdh_mlkem:
            return ecdh_mlkem::kx_respond(group, client_share, rng);
    }
    return unsupported(group);
}

Result<SecretBytes> kx_finish(const KxClientState& state, ByteView server_share) {
    const GroupInfo* info = find(state.group);
    if (info == nullptr) return unsupported(state.group);
    switch (info->impl) {
        case Impl::x25519:
            return crypto::x25519::kx_finish(state, server_share);
        case Impl::x448:
            return crypto::x448::kx_finish(state, server_share);
        case Impl::ec:
            return crypto::ec::kx_finish(state, server_share);
        case Impl::ffdhe:
            return ffdhe_finish(state, server_share);
        case Impl::mlkem:
            return mlkem::kx_finish(mlkem_set(state.group), state, server_share);
        case Impl::x25519_mlkem:
            return x25519mlkem768::kx_finish(state, server_share);
        case Impl::ecdh_mlkem:
            return ecdh_mlkem::kx_finish(state, server_share);
    }
    return unsupported(state.group);
}

bool group_supported(NamedGroup group) {
    return find(group) != nullptr;
}

std::span<const NamedGroup> supported_groups() {
    return kGroupList;
}

std::string_view group_name(NamedGroup group) {
    const GroupInfo* info = find(group);
    return info != nullptr ? info->name : std::string_view("unknown");
}

std::optional<NamedGroup> group_from_name(std::string_view name) {
    for (const auto& info : kGroups) {
        if (info.name == name) return info.group;
    }
    return std::nullopt;
}

std::optional<NamedGroup> classical_component(NamedGroup hybrid) {
    switch (hybrid) {
        case NamedGroup::x25519mlkem768:
            return NamedGroup::x25519;
        case NamedGroup::secp256r1mlkem768:
            return NamedGroup::secp256r1;
        case NamedGroup::secp384r1mlkem1024:
            return NamedGroup::secp384r1;
        default:
            return std::nullopt;
    }
}

// Slices the classical half out of a fresh hybrid state. Layouts (pq/hybrid/*.h):
//   x25519mlkem768      share = ek || X25519 pub (32)   private = dk || scalar (32)
//   secp256r1mlkem768   share = point (65) || ek        private = scalar (32) || dk
//   secp384r1mlkem1024  share = point (97) || ek        private = scalar (48) || dk
Result<KxSharedPair> kx_generate_pair(NamedGroup hybrid, crypto::Rng& rng) {
    auto classical = classical_component(hybrid);
    if (!classical) return unsupported(hybrid);
    auto st = kx_generate(hybrid, rng);
    if (!st) return st.error();

    const ByteView share = st->share;
    const ByteView priv = st->private_key.view();
    KxClientState plain{*classical, {}, {}};
    if (hybrid == NamedGroup::x25519mlkem768) {
        constexpr size_t n = crypto::x25519::kShareSize;
        if (share.size() < n || priv.size() < n) {
            return Error(Errc::invalid_argument, "x25519mlkem768: unexpected state layout");
        }
        const ByteView pub = share.last(n);
        plain.share.assign(pub.begin(), pub.end());
        plain.private_key = SecretBytes(priv.last(n));
    } else {
        const size_t scalar = hybrid == NamedGroup::secp256r1mlkem768 ? 32 : 48;
        const size_t point = 2 * scalar + 1;
        if (share.size() < point || priv.size() < scalar) {
            return Error(Errc::invalid_argument, "ecdh-mlkem: unexpected state layout");
        }
        const ByteView pub = share.first(point);
        plain.share.assign(pub.begin(), pub.end());
        plain.private_key = SecretBytes(priv.first(scalar));
    }
    return KxSharedPair{std::move(*st), std::move(plain)};
}

}  // namespace keel::pq
