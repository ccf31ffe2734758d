// Diffie-Hellman over prime fields (crypto/dh/dh.h).
#include "crypto/dh/dh.h"

#include <mutex>
#include <string>

#include "base/ct.h"
#include "crypto/dh/internal/ffdhe_primes.h"

namespace keel::crypto {

using bn::Limb;
using bn::Nat;

namespace {

Bytes unhex(const char* s) {
    Bytes out;
    auto nib = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    for (size_t i = 0; s[i] && s[i + 1]; i += 2) {
        out.push_back(static_cast<uint8_t>(nib(s[i]) << 4 | nib(s[i + 1])));
    }
    return out;
}

struct Named {
    NamedGroup group;
    const char* const* hex;
    size_t exp_bits;  // RFC 7919 Appendix A, "estimated strength" x 2 rounded up
};

const Named kNamed[] = {
    {NamedGroup::ffdhe2048, &detail::kFfdhe2048Hex, 225},
    {NamedGroup::ffdhe3072, &detail::kFfdhe3072Hex, 275},
    {NamedGroup::ffdhe4096, &detail::kFfdhe4096Hex, 325},
    {NamedGroup::ffdhe6144, &detail::kFfdhe6144Hex, 375},
    {NamedGroup::ffdhe8192, &detail::kFfdhe8192Hex, 400},
};

}  // namespace

Result<DhGroup> DhGroup::ffdhe(NamedGroup group) {
    for (const Named& n : kNamed) {
        if (n.group != group) continue;
        // Built once per group: the Montgomery constants cost more than an agreement.
        static std::shared_ptr<const bn::Modulus> cache[5];
        size_t idx = static_cast<size_t>(&n - kNamed);
        static std::once_flag once[5];
        std::call_once(once[idx], [&] {
            auto m = bn::Modulus::from_bytes(unhex(*n.hex));
            cache[idx] = std::make_shared<const bn::Modulus>(std::move(m.value()));
        });
        DhGroup g;
        g.p_ = cache[idx];
        g.g_ = Nat(g.p_->limbs());
        g.g_[0] = 2;
        g.exp_bits_ = n.exp_bits;
        return g;
    }
    return Error(Errc::invalid_argument, "not an FFDHE group");
}

Result<DhGroup> DhGroup::from_params(ByteView p, ByteView g) {
    auto m = bn::Modulus::from_bytes(p);
    if (!m) return Error(Errc::invalid_argument, "DH prime: " + m.error().detail());
    if (m->bits() < 1024) {
        return Error(Errc::invalid_argument,
                     "DH prime of " + std::to_string(m->bits()) + " bits is below 1024");
    }
    DhGroup out;
    const size_t n = m->limbs();
    out.g_ = Nat(n);
    size_t start = 0;
    while (start < g.size() && g[start] == 0) start++;
    if (!bn::from_bytes(out.g_.data(), n, g.subspan(start))) {
        return Error(Errc::invalid_argument, "DH generator longer than the prime");
    }
    out.p_ = std::make_shared<const bn::Modulus>(std::move(m.value()));
    out.exp_bits_ = out.p_->bits() - 1;
    Bytes gb(out.prime_bytes());
    bn::to_bytes(gb, out.g_.data(), n);
    if (auto c = out.check_public(gb); !c) {
        return Error(Errc::invalid_argument, "DH generator not in 2..p-2");
    }
    return out;
}

size_t DhGroup::prime_bits() const {
    return p_->bits();
}
size_t DhGroup::prime_bytes() const {
    return p_->bytes();
}

Bytes DhGroup::p_bytes() const {
    Bytes out(prime_bytes());
    bn::to_bytes(out, p_->value(), p_->limbs());
    return out;
}

Bytes DhGroup::g_bytes() const {
    Bytes out(prime_bytes());
    bn::to_bytes(out, g_.data(), g_.size());
    return out;
}

Result<void> DhGroup::check_public(ByteView y) const {
    const size_t n = p_->limbs();
    if (y.size() > prime_bytes()) {
        return Error(Errc::malformed, "DH public value longer than the prime");
    }
    Nat v(n), one(n), pm1(n);
    (void)bn::from_bytes(v.data(), n, y);
    one[0] = 1;
    bn::sub(pm1.data(), p_->value(), one.data(), n);
    // 1 < y < p - 1: rejects 0, 1, p - 1 (order 1 and 2) and anything >= p. Public data.
    bool ok = bn::lt_mask(one.data(), v.data(), n) && bn::lt_mask(v.data(), pm1.data(), n);
    if (!ok) return Error(Errc::invalid_argument, "DH public value not in 2..p-2");
    return keel::ok();
}

Result<DhKeyPair> DhGroup::generate(Rng& rng) const {
    const size_t n = p_->limbs();
    const size_t bytes = (exp_bits_ + 7) / 8;
    DhKeyPair kp;
    kp.private_key = SecretBytes(bytes);
    KEEL_TRY(rng.generate(kp.private_key.mutable_view()));
    // Exactly exp_bits bits: clear the excess, set the top bit (x >= 2^(exp_bits-1)).
    uint8_t* x = kp.private_key.data();
    unsigned excess = static_cast<unsigned>(8 * bytes - exp_bits_);
    x[0] &= static_cast<uint8_t>(0xff >> excess);
    x[0] |= static_cast<uint8_t>(0x80 >> excess);
    Nat xv(n), y(n);
    (void)bn::from_bytes(xv.data(), n, kp.private_key.view());
    p_->exp(y.data(), g_.data(), xv.data(), exp_bits_);
    kp.public_key = Bytes(prime_bytes());
    bn::to_bytes(kp.public_key, y.data(), n);
    return kp;
}

Result<SecretBytes> DhGroup::agree(const SecretBytes& x, ByteView peer) const {
    KEEL_TRY(check_public(peer));
    const size_t n = p_->limbs();
    if (x.size() == 0 || x.size() > prime_bytes()) {
        return Error(Errc::invalid_argument, "DH private exponent length out of range");
    }
    Nat xv(n), yv(n), z(n);
    (void)bn::from_bytes(xv.data(), n, x.view());
    (void)bn::from_bytes(yv.data(), n, peer);
    // The exponent's byte length is public (it is fixed per group); its value is not.
    const size_t bits = x.size() * 8;
    p_->exp(z.data(), yv.data(), xv.data(), bits);
    // z = 1 would mean peer has small order; with 1 < y < p - 1 and a safe prime that
    // needs x = 0 mod q. Checked anyway (RFC 8446 §7.4.1 relies on it for FFDHE).
    Nat one(n);
    one[0] = 1;
    if (ct::declassify(bn::eq_mask(z.data(), one.data(), n))) {
        return Error(Errc::invalid_argument, "DH shared secret is 1");
    }
    SecretBytes out(prime_bytes());
    bn::to_bytes(out.mutable_view(), z.data(), n);
    return out;
}

namespace {

Result<KxClientState> ffdhe_generate(NamedGroup group, Rng& rng) {
    auto g = DhGroup::ffdhe(group);
    if (!g) return g.error();
    auto kp = g->generate(rng);
    if (!kp) return kp.error();
    return KxClientState{group, std::move(kp->public_key), std::move(kp->private_key)};
}

Result<KxServerResult> ffdhe_respond(NamedGroup group, ByteView client_share, Rng& rng) {
    auto g = DhGroup::ffdhe(group);
    if (!g) return g.error();
    // RFC 8446 §4.2.8.1: the share is exactly the prime's length.
    if (client_share.size() != g->prime_bytes()) {
        return Error(Errc::malformed, "FFDHE key share has the wrong length");
    }
    KEEL_TRY(g->check_public(client_share));
    auto kp = g->generate(rng);
    if (!kp) return kp.error();
    auto z = g->agree(kp->private_key, client_share);
    if (!z) return z.error();
    return KxServerResult{std::move(kp->public_key), std::move(z.value())};
}

Result<SecretBytes> ffdhe_finish(NamedGroup group, const KxClientState& state,
                                 ByteView server_share) {
    if (state.group != group) return Error(Errc::invalid_argument, "key share for another group");
    auto g = DhGroup::ffdhe(group);
    if (!g) return g.error();
    if (server_share.size() != g->prime_bytes()) {
        return Error(Errc::malformed, "FFDHE key share has the wrong length");
    }
    return g->agree(state.private_key, server_share);
}

}  // namespace

#define KEEL_FFDHE_KX_IMPL(name)                                                       \
    namespace name {                                                                   \
    Result<KxClientState> kx_generate(Rng& rng) {                                      \
        return ffdhe_generate(NamedGroup::name, rng);                                  \
    }                                                                                  \
    Result<KxServerResult> kx_respond(ByteView client_share, Rng& rng) {               \
        return ffdhe_respond(NamedGroup::name, client_share, rng);                     \
    }                                                                                  \
    Result<SecretBytes> kx_finish(const KxClientState& state, ByteView server_share) { \
        return ffdhe_finish(NamedGroup::name, state, server_share);                    \
    }                                                                                  \
    }
KEEL_FFDHE_KX_IMPL(ffdhe2048)
KEEL_FFDHE_KX_IMPL(ffdhe3072)
KEEL_FFDHE_KX_IMPL(ffdhe4096)
KEEL_FFDHE_KX_IMPL(ffdhe6144)
KEEL_FFDHE_KX_IMPL(ffdhe8192)

}  // namespace keel::crypto
