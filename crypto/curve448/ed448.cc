// Ed448 / Ed448ph signing and verification (RFC 8032 §5.2.5-7).
#include "crypto/curve448/ed448.h"

#include "base/ct.h"
#include "crypto/sha3/sha3.h"

namespace keel::crypto {

namespace {

using detail::Ge448;
namespace ge = detail::ge448;
namespace sc = detail::sc448;

Result<void> check_params(const Ed448Params& p) {
    if (p.context.size() > 255) {
        return Error(Errc::invalid_argument, "ed448: context longer than 255 bytes");
    }
    return ok();
}

// RFC 8032 §5.2: dom4(F, C) = "SigEd448" || F || len(C) || C, for Ed448 (F = 0) and
// Ed448ph (F = 1) alike.
void absorb_dom4(Shake256& h, const Ed448Params& p) {
    (void)h.update(as_bytes("SigEd448"));
    const uint8_t f_len[2] = {static_cast<uint8_t>(p.prehash ? 1 : 0),
                              static_cast<uint8_t>(p.context.size())};
    (void)h.update(f_len);
    (void)h.update(p.context);
}

struct Prehashed {
    uint8_t digest[64];
    ByteView view;
};
// PH(M) = SHAKE256(M, 64) for Ed448ph, M itself for Ed448.
void prehash(Prehashed& out, ByteView message, const Ed448Params& p) {
    if (p.prehash) {
        Shake256::hash(message, MutableByteView(out.digest, 64));
        out.view = ByteView(out.digest, 64);
    } else {
        out.view = message;
    }
}

// k = SHAKE256(dom4 || R || A || PH(M), 114) mod L.
void challenge(uint8_t k[56], const uint8_t r[57], const uint8_t a[57], ByteView m,
               const Ed448Params& p) {
    Shake256 h;
    absorb_dom4(h, p);
    (void)h.update(ByteView(r, 57));
    (void)h.update(ByteView(a, 57));
    (void)h.update(m);
    uint8_t d[114];
    h.squeeze(MutableByteView(d, 114));
    sc::reduce114(k, d);
}

}  // namespace

Result<Ed448PublicKey> Ed448PublicKey::from_bytes(ByteView encoded) {
    if (encoded.size() != kSize) {
        return Error(Errc::malformed, "ed448: public key must be 57 bytes");
    }
    Ge448 a;
    if (!ge::from_bytes_vartime(a, encoded.data())) {
        return Error(Errc::malformed, "ed448: public key is not a valid point encoding");
    }
    Ed448PublicKey key;
    std::copy(encoded.begin(), encoded.end(), key.bytes_.begin());
    ge::neg(key.minus_a_, a);
    return key;
}

Result<void> Ed448PublicKey::verify(ByteView message, ByteView signature,
                                    Ed448Params params) const {
    KEEL_TRY(check_params(params));
    if (signature.size() != kSignatureSize) {
        return Error(Errc::malformed, "ed448: signature must be 114 bytes");
    }
    const uint8_t* r = signature.data();
    const uint8_t* s = signature.data() + 57;
    if (!sc::is_canonical_vartime(s)) {
        return Error(Errc::auth_failed, "ed448: S is not below the group order");
    }
    Prehashed m;
    prehash(m, message, params);
    uint8_t k[56];
    challenge(k, r, bytes_.data(), m.view, params);
    Ge448 check;
    ge::double_scalarmult_vartime(check, k, minus_a_, s);
    uint8_t encoded[57];
    ge::to_bytes(encoded, check);
    if (!ct::equal(ByteView(encoded, 57), ByteView(r, 57))) {
        return Error(Errc::auth_failed, "ed448: signature does not verify");
    }
    return ok();
}

Result<Ed448PrivateKey> Ed448PrivateKey::generate(Rng& rng) {
    Secret<57> seed;
    KEEL_TRY(rng.generate(seed.span()));
    return from_bytes(seed.view());
}

Result<Ed448PrivateKey> Ed448PrivateKey::from_bytes(ByteView seed) {
    if (seed.size() != kSeedSize) {
        return Error(Errc::invalid_argument, "ed448: seed must be 57 bytes");
    }
    Ed448PrivateKey key;
    key.seed_ = Secret<57>(seed);
    // RFC 8032 §5.2.5: h = SHAKE256(seed, 114); s = h[0..57) with the two low bits
    // cleared, bit 447 set and the last byte zeroed; prefix = h[57..114).
    Secret<114> h;
    Shake256::hash(seed, h.span());
    h.data()[0] &= 252;
    h.data()[55] |= 128;
    key.scalar_ = Secret<56>(ByteView(h.data(), 56));
    key.prefix_ = Secret<57>(ByteView(h.data() + 57, 57));
    Secret<56> reduced;
    sc::reduce56(reduced.data(), key.scalar_.data());
    Ge448 a;
    ge::base_mul(a, reduced.data());
    ge::to_bytes(key.public_.data(), a);
    ct::declassify(key.public_.data(), key.public_.size());
    return key;
}

Ed448PublicKey Ed448PrivateKey::public_key() const {
    return Ed448PublicKey::from_bytes(public_).value();
}

Result<Bytes> Ed448PrivateKey::sign(ByteView message, Rng&, Ed448Params params) const {
    return sign(message, params);
}

Result<Bytes> Ed448PrivateKey::sign(ByteView message, Ed448Params params) const {
    KEEL_TRY(check_params(params));
    Prehashed m;
    prehash(m, message, params);
    // §5.2.6: r = SHAKE256(dom4 || prefix || PH(M), 114) mod L (secret nonce).
    Secret<56> r;
    {
        Shake256 h;
        absorb_dom4(h, params);
        (void)h.update(prefix_.view());
        (void)h.update(m.view);
        Secret<114> d;
        h.squeeze(d.span());
        sc::reduce114(r.data(), d.data());
    }
    Bytes sig(114, 0);
    Ge448 rp;
    ge::base_mul(rp, r.data());
    ge::to_bytes(sig.data(), rp);
    ct::declassify(sig.data(), 57);
    uint8_t k[56];
    challenge(k, sig.data(), public_.data(), m.view, params);
    sc::muladd(sig.data() + 57, k, scalar_.data(), r.data());  // S; sig[113] stays 0
    ct::declassify(sig.data() + 57, 57);
    return sig;
}

}  // namespace keel::crypto
