// SLH-DSA external API (FIPS 205 §10): M' framing, pre-hashing, key handling.
#include "pq/slhdsa/slhdsa.h"

#include <cstring>
#include <string>

#include "base/ct.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "crypto/sha3/sha3.h"
#include "pq/slhdsa/internal.h"
#include "pq/slhdsa/params.h"

namespace keel::pq {

namespace {

using detail::kSlhParams;
using detail::SlhParams;

const SlhParams& P(SlhDsaParams s) {
    return kSlhParams[static_cast<size_t>(s)];
}

// M' prefix for pure signing: 0 || |ctx| || ctx (Algorithm 22 line 8).
Result<Bytes> pure_prefix(ByteView ctx) {
    if (ctx.size() > 255) {
        return Error(Errc::invalid_argument,
                     "SLH-DSA context of " + std::to_string(ctx.size()) + " bytes exceeds 255");
    }
    Bytes p{0, static_cast<uint8_t>(ctx.size())};
    p.insert(p.end(), ctx.begin(), ctx.end());
    return p;
}

// M' for HashSLH-DSA: 1 || |ctx| || ctx || OID || PH(M) (Algorithm 23 lines 10-22).
// The OIDs are the DER encodings of NIST's hash-algorithm arcs 2.16.840.1.101.3.4.2.x.
Result<Bytes> prehash_mprime(ByteView ctx, SlhDsaPreHash ph, ByteView msg) {
    if (ctx.size() > 255) {
        return Error(Errc::invalid_argument,
                     "SLH-DSA context of " + std::to_string(ctx.size()) + " bytes exceeds 255");
    }
    Bytes m{1, static_cast<uint8_t>(ctx.size())};
    m.insert(m.end(), ctx.begin(), ctx.end());
    const uint8_t oid[10] = {0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02};
    m.insert(m.end(), oid, oid + 10);
    switch (ph) {
        case SlhDsaPreHash::sha256: {
            m.push_back(0x01);
            auto d = crypto::Sha256::hash(msg);
            m.insert(m.end(), d.begin(), d.end());
            break;
        }
        case SlhDsaPreHash::sha512: {
            m.push_back(0x03);
            auto d = crypto::Sha512::hash(msg);
            m.insert(m.end(), d.begin(), d.end());
            break;
        }
        case SlhDsaPreHash::shake128: {
            m.push_back(0x0b);
            uint8_t d[32];  // 256 bits of SHAKE128
            crypto::Shake128::hash(msg, d);
            m.insert(m.end(), d, d + sizeof d);
            break;
        }
        case SlhDsaPreHash::shake256: {
            m.push_back(0x0c);
            uint8_t d[64];  // 512 bits of SHAKE256
            crypto::Shake256::hash(msg, d);
            m.insert(m.end(), d, d + sizeof d);
            break;
        }
        default:
            return Error(Errc::invalid_argument, "SLH-DSA: unknown pre-hash function");
    }
    return m;
}

bool valid_params(SlhDsaParams s) {
    return static_cast<size_t>(s) < 12;
}

}  // namespace

SlhDsaSizes slhdsa_sizes(SlhDsaParams params) {
    const SlhParams& p = P(params);
    return {p.n, p.pk_bytes(), p.sk_bytes(), p.sig_bytes()};
}

std::string_view slhdsa_name(SlhDsaParams params) {
    return P(params).name;
}

Result<SlhDsaParams> slhdsa_params_from_name(std::string_view name) {
    for (size_t i = 0; i < 12; i++) {
        if (name == kSlhParams[i].name) return static_cast<SlhDsaParams>(i);
    }
    return Error(Errc::unsupported, "unknown SLH-DSA parameter set " + std::string(name));
}

Result<SlhDsaPublicKey> SlhDsaPublicKey::from_bytes(SlhDsaParams params, ByteView pk) {
    if (!valid_params(params)) return Error(Errc::invalid_argument, "SLH-DSA: bad parameter set");
    if (pk.size() != P(params).pk_bytes()) {
        return Error(Errc::malformed, "SLH-DSA public key of " + std::to_string(pk.size()) +
                                          " bytes, expected " +
                                          std::to_string(P(params).pk_bytes()));
    }
    SlhDsaPublicKey k;
    k.params_ = params;
    k.pk_.assign(pk.begin(), pk.end());
    return k;
}

Result<void> SlhDsaPublicKey::verify_parts(ByteView prefix, ByteView msg,
                                           ByteView signature) const {
    const SlhParams& p = P(params_);
    if (signature.size() != p.sig_bytes()) {
        return Error(Errc::malformed, "SLH-DSA signature of " + std::to_string(signature.size()) +
                                          " bytes, expected " + std::to_string(p.sig_bytes()));
    }
    if (!detail::slh_verify_internal(p, pk_.data(), prefix, msg, signature.data())) {
        return Error(Errc::auth_failed, "SLH-DSA signature does not verify");
    }
    return ok();
}

Result<void> SlhDsaPublicKey::verify(ByteView message, ByteView signature, ByteView ctx) const {
    auto prefix = pure_prefix(ctx);
    if (!prefix) return prefix.error();
    return verify_parts(*prefix, message, signature);
}

Result<void> SlhDsaPublicKey::verify_prehash(ByteView message, ByteView signature, SlhDsaPreHash ph,
                                             ByteView ctx) const {
    auto m = prehash_mprime(ctx, ph, message);
    if (!m) return m.error();
    return verify_parts({}, *m, signature);
}

Result<void> SlhDsaPublicKey::verify_internal(ByteView mprime, ByteView signature) const {
    return verify_parts({}, mprime, signature);
}

Result<SlhDsaPrivateKey> SlhDsaPrivateKey::from_seeds(SlhDsaParams params, ByteView sk_seed,
                                                      ByteView sk_prf, ByteView pk_seed) {
    if (!valid_params(params)) return Error(Errc::invalid_argument, "SLH-DSA: bad parameter set");
    const SlhParams& p = P(params);
    if (sk_seed.size() != p.n || sk_prf.size() != p.n || pk_seed.size() != p.n) {
        return Error(Errc::invalid_argument,
                     "SLH-DSA seeds must be " + std::to_string(p.n) + " bytes each");
    }
    SlhDsaPrivateKey k;
    k.params_ = params;
    k.sk_ = SecretBytes(p.sk_bytes());
    detail::slh_keygen_internal(p, sk_seed.data(), sk_prf.data(), pk_seed.data(), k.sk_.data());
    return k;
}

Result<SlhDsaPrivateKey> SlhDsaPrivateKey::generate(crypto::Rng& rng, SlhDsaParams params) {
    if (!valid_params(params)) return Error(Errc::invalid_argument, "SLH-DSA: bad parameter set");
    const size_t n = P(params).n;
    SecretBytes seeds(3 * n);
    KEEL_TRY(rng.generate(seeds.mutable_view()));
    ByteView s = seeds.view();
    return from_seeds(params, s.subspan(0, n), s.subspan(n, n), s.subspan(2 * n, n));
}

Result<SlhDsaPrivateKey> SlhDsaPrivateKey::from_bytes(SlhDsaParams params, ByteView sk) {
    if (!valid_params(params)) return Error(Errc::invalid_argument, "SLH-DSA: bad parameter set");
    const size_t n = P(params).n;
    if (sk.size() != 4 * n) {
        return Error(Errc::malformed, "SLH-DSA private key of " + std::to_string(sk.size()) +
                                          " bytes, expected " + std::to_string(4 * n));
    }
    auto k = from_seeds(params, sk.subspan(0, n), sk.subspan(n, n), sk.subspan(2 * n, n));
    if (!k) return k.error();
    // PK.root is public: comparing it with a plain branch leaks nothing secret.
    uint8_t good = ct::eq_mask(k->sk_.view().subspan(3 * n, n), sk.subspan(3 * n, n));
    if (ct::declassify(good) == 0) {
        return Error(Errc::invalid_argument, "SLH-DSA private key: PK.root does not match");
    }
    return k;
}

SlhDsaPublicKey SlhDsaPrivateKey::public_key() const {
    const size_t n = P(params_).n;
    SlhDsaPublicKey k;
    k.params_ = params_;
    ByteView pk = sk_.view().subspan(2 * n, 2 * n);
    k.pk_.assign(pk.begin(), pk.end());
    return k;
}

Result<Bytes> SlhDsaPrivateKey::sign_parts(ByteView prefix, ByteView msg,
                                           const uint8_t* addrnd) const {
    const SlhParams& p = P(params_);
    Bytes sig(p.sig_bytes());
    detail::slh_sign_internal(p, sk_.data(), prefix, msg, addrnd, sig.data());
    return sig;
}

Result<Bytes> SlhDsaPrivateKey::sign_random(ByteView prefix, ByteView msg, crypto::Rng& rng) const {
    uint8_t addrnd[32];
    KEEL_TRY(rng.generate(MutableByteView(addrnd, P(params_).n)));
    auto sig = sign_parts(prefix, msg, addrnd);
    secure_wipe(addrnd, sizeof addrnd);
    return sig;
}

Result<Bytes> SlhDsaPrivateKey::sign(ByteView message, crypto::Rng& rng, ByteView ctx) const {
    auto prefix = pure_prefix(ctx);
    if (!prefix) return prefix.error();
    return sign_random(*prefix, message, rng);
}

Result<Bytes> SlhDsaPrivateKey::sign_deterministic(ByteView message, ByteView ctx) const {
    auto prefix = pure_prefix(ctx);
    if (!prefix) return prefix.error();
    return sign_parts(*prefix, message, nullptr);
}

Result<Bytes> SlhDsaPrivateKey::sign_prehash(ByteView message, SlhDsaPreHash ph, crypto::Rng& rng,
                                             ByteView ctx) const {
    auto m = prehash_mprime(ctx, ph, message);
    if (!m) return m.error();
    return sign_random({}, *m, rng);
}

Result<Bytes> SlhDsaPrivateKey::sign_prehash_deterministic(ByteView message, SlhDsaPreHash ph,
                                                           ByteView ctx) const {
    auto m = prehash_mprime(ctx, ph, message);
    if (!m) return m.error();
    return sign_parts({}, *m, nullptr);
}

Result<Bytes> SlhDsaPrivateKey::sign_internal(ByteView mprime, ByteView addrnd) const {
    if (!addrnd.empty() && addrnd.size() != P(params_).n) {
        return Error(Errc::invalid_argument,
                     "SLH-DSA addrnd must be " + std::to_string(P(params_).n) + " bytes");
    }
    return sign_parts({}, mprime, addrnd.empty() ? nullptr : addrnd.data());
}

}  // namespace keel::pq
