// Ed25519 / Ed25519ctx / Ed25519ph signing and verification (RFC 8032 §5.1.5-7).
#include "crypto/curve25519/ed25519.h"

#include "base/ct.h"
#include "crypto/curve25519/internal/sc25519.h"
#include "crypto/hash/sha512.h"

namespace keel::crypto {

namespace {

using detail::GeP2;
using detail::GeP3;
namespace ge = detail::ge25519;

// RFC 8032 §5.1: dom2(F, C) is empty for Ed25519 and
// "SigEd25519 no Ed25519 collisions" || F || len(C) || C for ctx (F = 0) and ph (F = 1).
Result<void> check_params(const Ed25519Params& p) {
    if (p.context.size() > 255) {
        return Error(Errc::invalid_argument, "ed25519: context longer than 255 bytes");
    }
    if (p.variant == Ed25519Variant::pure && !p.context.empty()) {
        return Error(Errc::invalid_argument, "ed25519: pure Ed25519 takes no context");
    }
    if (p.variant == Ed25519Variant::ctx && p.context.empty()) {
        return Error(Errc::invalid_argument, "ed25519ctx: the context must not be empty");
    }
    return ok();
}

void absorb_dom2(Sha512& h, const Ed25519Params& p) {
    if (p.variant == Ed25519Variant::pure) return;
    h.update(as_bytes("SigEd25519 no Ed25519 collisions"));
    const uint8_t f_len[2] = {static_cast<uint8_t>(p.variant == Ed25519Variant::ph ? 1 : 0),
                              static_cast<uint8_t>(p.context.size())};
    h.update(f_len);
    h.update(p.context);
}

// PH(M): the identity for Ed25519/Ed25519ctx, SHA-512 for Ed25519ph.
struct Prehashed {
    Sha512::Digest digest;
    ByteView view;
};
Prehashed prehash(ByteView message, const Ed25519Params& p) {
    Prehashed out{};
    if (p.variant == Ed25519Variant::ph) {
        Sha512 h;
        h.update(message);
        out.digest = h.final();
        out.view = out.digest;
    } else {
        out.view = message;
    }
    return out;
}

// k = SHA-512(dom2 || R || A || PH(M)) mod L (§5.1.6 step 4, §5.1.7 step 2).
void challenge(uint8_t k[32], const uint8_t r[32], const uint8_t a[32], ByteView m,
               const Ed25519Params& p) {
    Sha512 h;
    absorb_dom2(h, p);
    h.update(ByteView(r, 32));
    h.update(ByteView(a, 32));
    h.update(m);
    auto d = h.final();
    detail::sc25519::reduce64(k, d.data());
}

}  // namespace

Result<Ed25519PublicKey> Ed25519PublicKey::from_bytes(ByteView encoded) {
    if (encoded.size() != kSize) {
        return Error(Errc::malformed, "ed25519: public key must be 32 bytes");
    }
    Ed25519PublicKey key;
    GeP3 a;
    if (!ge::from_bytes_vartime(a, encoded.data())) {
        return Error(Errc::malformed, "ed25519: public key is not a valid point encoding");
    }
    std::copy(encoded.begin(), encoded.end(), key.bytes_.begin());
    // -(X : Y : Z : T) = (-X : Y : Z : -T).
    detail::fe25519::neg(key.minus_a_.X, a.X);
    detail::fe25519::carry(key.minus_a_.X);
    key.minus_a_.Y = a.Y;
    key.minus_a_.Z = a.Z;
    detail::fe25519::neg(key.minus_a_.T, a.T);
    detail::fe25519::carry(key.minus_a_.T);
    return key;
}

Result<void> Ed25519PublicKey::verify(ByteView message, ByteView signature,
                                      Ed25519Params params) const {
    KEEL_TRY(check_params(params));
    if (signature.size() != kSignatureSize) {
        return Error(Errc::malformed, "ed25519: signature must be 64 bytes");
    }
    const uint8_t* r = signature.data();
    const uint8_t* s = signature.data() + 32;
    if (!detail::sc25519::is_canonical_vartime(s)) {
        return Error(Errc::auth_failed, "ed25519: S is not below the group order");
    }
    const Prehashed m = prehash(message, params);
    uint8_t k[32];
    challenge(k, r, bytes_.data(), m.view, params);
    GeP2 check;
    ge::double_scalarmult_vartime(check, k, minus_a_, s);
    uint8_t encoded[32];
    ge::to_bytes(encoded, check);
    if (!ct::equal(ByteView(encoded, 32), ByteView(r, 32))) {
        return Error(Errc::auth_failed, "ed25519: signature does not verify");
    }
    return ok();
}

Result<Ed25519PrivateKey> Ed25519PrivateKey::generate(Rng& rng) {
    Secret<32> seed;
    KEEL_TRY(rng.generate(seed.span()));
    return from_bytes(seed.view());
}

Result<Ed25519PrivateKey> Ed25519PrivateKey::from_bytes(ByteView seed) {
    if (seed.size() != kSeedSize) {
        return Error(Errc::invalid_argument, "ed25519: seed must be 32 bytes");
    }
    Ed25519PrivateKey key;
    key.seed_ = Secret<32>(seed);
    // RFC 8032 §5.1.5: h = SHA-512(seed); s = clamp(h[0..32)); prefix = h[32..64).
    Secret<64> h(Sha512::hash(seed));
    h.data()[0] &= 248;
    h.data()[31] &= 127;
    h.data()[31] |= 64;
    key.scalar_ = Secret<32>(ByteView(h.data(), 32));
    key.prefix_ = Secret<32>(ByteView(h.data() + 32, 32));
    GeP3 a;
    ge::base_mul(a, key.scalar_.data());
    ge::to_bytes(key.public_.data(), a);
    ct::declassify(key.public_.data(), key.public_.size());
    return key;
}

Ed25519PublicKey Ed25519PrivateKey::public_key() const {
    // The encoding came from our own point, so it always decodes.
    return Ed25519PublicKey::from_bytes(public_).value();
}

Result<Bytes> Ed25519PrivateKey::sign(ByteView message, Rng&, Ed25519Params params) const {
    return sign(message, params);
}

Result<Bytes> Ed25519PrivateKey::sign(ByteView message, Ed25519Params params) const {
    KEEL_TRY(check_params(params));
    const Prehashed m = prehash(message, params);
    // §5.1.6 step 2: r = SHA-512(dom2 || prefix || PH(M)) mod L (secret nonce).
    Secret<32> r;
    {
        Sha512 h;
        absorb_dom2(h, params);
        h.update(prefix_.view());
        h.update(m.view);
        Secret<64> d(h.final());
        detail::sc25519::reduce64(r.data(), d.data());
    }
    Bytes sig(64);
    GeP3 rp;
    ge::base_mul(rp, r.data());
    ge::to_bytes(sig.data(), rp);
    ct::declassify(sig.data(), 32);  // R is public
    uint8_t k[32];
    challenge(k, sig.data(), public_.data(), m.view, params);
    // S = (r + k * s) mod L.
    detail::sc25519::muladd(sig.data() + 32, k, scalar_.data(), r.data());
    ct::declassify(sig.data() + 32, 32);
    return sig;
}

}  // namespace keel::crypto
