// ECDSA signing and verification (ecdsa.h): hash truncation, RFC 6979 nonces, and the
// signature formats around the per-curve cores of internal/curve_impl.h.
#include "crypto/ec/ecdsa.h"

#include <string>

#include "base/ct.h"
#include "crypto/ec/internal/curve_ops.h"
#include "crypto/mac/hmac.h"

namespace keel::crypto::ec {

using detail::curve_ops;
using detail::CurveOps;

namespace {

constexpr size_t kMaxBytes = 66;

// SEC 1 §4.1.3 step 5 / RFC 6979 §2.3.2 bits2int: the leftmost qlen bits of `in` as
// an integer, written big-endian into out[0..rlen), rlen = ceil(qlen / 8). Shifts
// depend only on lengths, which are public.
void bits2int(ByteView in, size_t qlen, uint8_t* out) {
    size_t rlen = (qlen + 7) / 8;
    if (8 * in.size() <= qlen) {
        size_t zeros = rlen - in.size();
        for (size_t i = 0; i < zeros; i++) out[i] = 0;
        for (size_t i = 0; i < in.size(); i++) out[zeros + i] = in[i];
        return;
    }
    // Keep the first rlen bytes, then drop the 8·rlen - qlen excess low bits.
    unsigned shift = unsigned(8 * rlen - qlen);
    for (size_t i = rlen; i-- > 0;) {
        unsigned hi = i > 0 ? in[i - 1] : 0;
        out[i] = uint8_t(((hi << 8 | in[i]) >> shift) & 0xff);
    }
}

// RFC 6979 §3.2 steps b-h with an HMAC over H: yields candidate nonces in [1, n-1];
// `extra` is the §3.6 additional data k' (empty for the deterministic variant).
template <class H>
class NonceGenerator {
  public:
    NonceGenerator(const CurveOps& ops, ByteView x, ByteView h1, ByteView extra) : ops_(ops) {
        // bits2octets(h1) = int2octets(bits2int(h1) mod q) (§2.3.4).
        uint8_t z[kMaxBytes];
        bits2int(h1, ops.order_bits, z);
        reduce_mod_n(z);
        for (auto& b : v_) b = 0x01;
        Secret<H::kDigestSize> k0;
        key_ = k0;
        for (uint8_t sep : {uint8_t(0x00), uint8_t(0x01)}) {
            Hmac<H> m(key_.view());
            m.update(v_);
            m.update(ByteView(&sep, 1));
            m.update(x);
            m.update(ByteView(z, ops.bytes));
            m.update(extra);
            set_key(m.final());
            v_ = Hmac<H>::mac(key_.view(), v_);
        }
    }

    // Step h: the next candidate k (ops.bytes bytes) in [1, n-1].
    void next(uint8_t* k) {
        for (;;) {
            uint8_t t[kMaxBytes + H::kDigestSize];
            size_t tlen = 0;
            while (8 * tlen < ops_.order_bits) {
                v_ = Hmac<H>::mac(key_.view(), v_);
                for (size_t i = 0; i < v_.size(); i++) t[tlen + i] = v_[i];
                tlen += v_.size();
            }
            bits2int(ByteView(t, tlen), ops_.order_bits, k);
            secure_wipe(t, sizeof t);
            // Only whether this candidate is usable becomes public (§3.2 step h.3).
            bool usable = ct::declassify(ops_.scalar_valid(k)) != 0;
            reseed();
            if (usable) return;
        }
    }

  private:
    // K = HMAC_K(V || 0x00), V = HMAC_K(V): run after every candidate, so a later
    // call (r or s was zero) continues the sequence as §3.2 h.3 and §3.4 describe.
    void reseed() {
        Hmac<H> m(key_.view());
        m.update(v_);
        uint8_t zero = 0;
        m.update(ByteView(&zero, 1));
        set_key(m.final());
        v_ = Hmac<H>::mac(key_.view(), v_);
    }
    void set_key(typename H::Digest d) {
        key_ = Secret<H::kDigestSize>(ByteView(d));
        secure_wipe(d.data(), d.size());
    }
    // z < 2^qlen < 2n, so z mod n is one conditional subtraction of n, done
    // bytewise with a mask (z derives from the message hash, not a secret, but the
    // arithmetic costs nothing to keep branch-free).
    void reduce_mod_n(uint8_t* z) const {
        const uint8_t* n = ops_.order;
        uint8_t diff[kMaxBytes];
        unsigned borrow = 0;
        for (size_t i = ops_.bytes; i-- > 0;) {
            unsigned d = unsigned(z[i]) - n[i] - borrow;
            diff[i] = uint8_t(d);
            borrow = (d >> 8) & 1;
        }
        // borrow == 1: z < n, keep z.
        uint8_t keep = uint8_t(0 - borrow);
        for (size_t i = 0; i < ops_.bytes; i++) z[i] = uint8_t((z[i] & keep) | (diff[i] & ~keep));
    }

    const CurveOps& ops_;
    Secret<H::kDigestSize> key_;
    typename H::Digest v_;
};

Result<Bytes> format_signature(const CurveOps& ops, const uint8_t* r, const uint8_t* s,
                               EcdsaFormat format) {
    if (format == EcdsaFormat::der) {
        return ecdsa_der_from_raw(ByteView(r, ops.bytes), ByteView(s, ops.bytes));
    }
    Bytes out(r, r + ops.bytes);
    out.insert(out.end(), s, s + ops.bytes);
    return out;
}

template <class H>
Result<Bytes> sign_with(const CurveOps& ops, ByteView d, ByteView digest, ByteView extra,
                        EcdsaFormat format) {
    uint8_t e[kMaxBytes], r[kMaxBytes], s[kMaxBytes];
    bits2int(digest, ops.order_bits, e);
    NonceGenerator<H> gen(ops, d, digest, extra);
    Secret<kMaxBytes> k;
    for (int attempt = 0; attempt < 64; attempt++) {
        gen.next(k.data());
        // r = 0 or s = 0 happens with probability ~2/n: draw the next nonce (§3.4).
        if (ops.sign(d.data(), e, k.data(), r, s)) return format_signature(ops, r, s, format);
    }
    return Error(Errc::invalid_argument, "ECDSA: no usable nonce");
}

Result<Bytes> sign_dispatch(HashAlg hash, const CurveOps& ops, ByteView d, ByteView digest,
                            ByteView extra, EcdsaFormat format) {
    switch (hash) {
        case HashAlg::sha1:
            return sign_with<Sha1>(ops, d, digest, extra, format);
        case HashAlg::sha224:
            return sign_with<Sha224>(ops, d, digest, extra, format);
        case HashAlg::sha256:
            return sign_with<Sha256>(ops, d, digest, extra, format);
        case HashAlg::sha384:
            return sign_with<Sha384>(ops, d, digest, extra, format);
        case HashAlg::sha512:
            return sign_with<Sha512>(ops, d, digest, extra, format);
        case HashAlg::sha512_224:
            return sign_with<Sha512_224>(ops, d, digest, extra, format);
        case HashAlg::sha512_256:
            return sign_with<Sha512_256>(ops, d, digest, extra, format);
        case HashAlg::sha3_224:
            return sign_with<Sha3_224>(ops, d, digest, extra, format);
        case HashAlg::sha3_256:
            return sign_with<Sha3_256>(ops, d, digest, extra, format);
        case HashAlg::sha3_384:
            return sign_with<Sha3_384>(ops, d, digest, extra, format);
        case HashAlg::sha3_512:
            return sign_with<Sha3_512>(ops, d, digest, extra, format);
        case HashAlg::md5:
            break;
    }
    return Error(Errc::unsupported, "ECDSA with " + std::string(hash_name(hash)));
}

}  // namespace

Result<EcdsaPublicKey> EcdsaPublicKey::from_bytes(Curve curve, ByteView point) {
    auto p = decode_point(curve, point);
    if (!p) return p.error();
    return EcdsaPublicKey(curve, std::move(*p));
}

Result<void> EcdsaPublicKey::verify(ByteView message, ByteView signature, HashAlg hash,
                                    EcdsaFormat format) const {
    if (hash == HashAlg::md5) return Error(Errc::unsupported, "ECDSA with md5");
    AnyDigest digest = AnyHash::hash(hash, message);
    return verify_digest(digest.view(), signature, format);
}

Result<void> EcdsaPublicKey::verify_digest(ByteView digest, ByteView signature,
                                           EcdsaFormat format) const {
    const CurveOps& ops = curve_ops(curve_);
    Bytes raw;
    if (format == EcdsaFormat::der) {
        auto parsed = ecdsa_raw_from_der(signature, ops.bytes);
        if (!parsed) return parsed.error();
        raw = std::move(*parsed);
    } else {
        if (signature.size() != 2 * ops.bytes) {
            return Error(Errc::malformed, "ECDSA P1363 signature must be " +
                                              std::to_string(2 * ops.bytes) + " bytes");
        }
        raw.assign(signature.begin(), signature.end());
    }
    uint8_t e[kMaxBytes];
    bits2int(digest, ops.order_bits, e);
    if (!ops.verify(point_.data() + 1, e, raw.data(), raw.data() + ops.bytes)) {
        return Error(Errc::auth_failed, "ECDSA signature does not verify");
    }
    return ok();
}

Result<EcdsaPrivateKey> EcdsaPrivateKey::generate(Curve curve, Rng& rng) {
    auto d = generate_scalar(curve, rng);
    if (!d) return d.error();
    return from_bytes(curve, d->view());
}

Result<EcdsaPrivateKey> EcdsaPrivateKey::from_bytes(Curve curve, ByteView scalar) {
    auto q = public_point(curve, scalar);  // validates length and range
    if (!q) return q.error();
    return EcdsaPrivateKey(curve, SecretBytes(scalar), std::move(*q));
}

EcdsaPublicKey EcdsaPrivateKey::public_key() const {
    return EcdsaPublicKey(curve_, point_);
}

Result<Bytes> EcdsaPrivateKey::sign(ByteView message, Rng& rng, HashAlg hash,
                                    EcdsaFormat format) const {
    if (hash == HashAlg::md5) return Error(Errc::unsupported, "ECDSA with md5");
    AnyDigest digest = AnyHash::hash(hash, message);
    return sign_digest(digest.view(), hash, &rng, format);
}

Result<Bytes> EcdsaPrivateKey::sign_deterministic(ByteView message, HashAlg hash,
                                                  EcdsaFormat format) const {
    if (hash == HashAlg::md5) return Error(Errc::unsupported, "ECDSA with md5");
    AnyDigest digest = AnyHash::hash(hash, message);
    return sign_digest(digest.view(), hash, nullptr, format);
}

Result<Bytes> EcdsaPrivateKey::sign_digest(ByteView digest, HashAlg hash, Rng* rng,
                                           EcdsaFormat format) const {
    if (hash != HashAlg::md5 && digest.size() != digest_size(hash)) {
        return Error(Errc::invalid_argument,
                     "ECDSA digest length does not match " + std::string(hash_name(hash)));
    }
    const CurveOps& ops = curve_ops(curve_);
    // RFC 6979 §3.6: k' of the curve's size, fresh from the caller's generator.
    SecretBytes extra;
    if (rng != nullptr) {
        extra.resize(ops.bytes);
        KEEL_TRY(rng->generate(extra.mutable_view()));
    }
    return sign_dispatch(hash, ops, d_.view(), digest, extra.view(), format);
}

}  // namespace keel::crypto::ec
