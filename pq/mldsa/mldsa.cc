// FIPS 204 §5: the external ML-DSA and HashML-DSA interfaces over the internal
// algorithms (internal/mldsa_internal.h), plus backend dispatch.
#include "pq/mldsa/mldsa.h"

#include <cstring>

#include "base/cpu.h"
#include "crypto/hash/any_hash.h"
#include "crypto/sha3/sha3.h"
#include "pq/mldsa/internal/mldsa_internal.h"

namespace keel::pq {
namespace {

using detail::Params;
using detail::PolyBackend;

const Params& params_of(MlDsaParams p) {
    switch (p) {
        case MlDsaParams::mldsa44:
            return detail::kMlDsa44;
        case MlDsaParams::mldsa65:
            return detail::kMlDsa65;
        case MlDsaParams::mldsa87:
            break;
    }
    return detail::kMlDsa87;
}

constexpr size_t kMaxContext = 255;
constexpr size_t kOidBytes = 11;
constexpr size_t kMaxPrefix = 2 + kMaxContext + kOidBytes + 64;

// Builds the M' prefix of FIPS 204 Alg 2 step 10 / Alg 4 step 23 into `out` and returns
// its length; for HashML-DSA the prefix already ends with OID || PH(M), so the caller
// passes an empty message after it.
Result<size_t> build_prefix(uint8_t* out, ByteView context, std::optional<MlDsaPreHash> ph,
                            ByteView message) {
    if (context.size() > kMaxContext) {
        return Error(Errc::invalid_argument, "ML-DSA: context longer than 255 bytes");
    }
    size_t n = 0;
    out[n++] = ph ? 1 : 0;
    out[n++] = static_cast<uint8_t>(context.size());
    if (!context.empty()) std::memcpy(out + n, context.data(), context.size());
    n += context.size();
    if (!ph) return n;

    // DER OIDs 2.16.840.1.101.3.4.2.x (FIPS 204 §5.4.1).
    static constexpr uint8_t kOidPrefix[10] = {0x06, 0x09, 0x60, 0x86, 0x48,
                                               0x01, 0x65, 0x03, 0x04, 0x02};
    std::memcpy(out + n, kOidPrefix, sizeof kOidPrefix);
    n += sizeof kOidPrefix;
    uint8_t* arc = out + n++;
    auto digest = [&](crypto::HashAlg alg, uint8_t last_arc) {
        *arc = last_arc;
        crypto::AnyDigest d = crypto::AnyHash::hash(alg, message);
        std::memcpy(out + n, d.bytes.data(), d.size);
        n += d.size;
    };
    switch (*ph) {
        case MlDsaPreHash::sha256:
            digest(crypto::HashAlg::sha256, 0x01);
            break;
        case MlDsaPreHash::sha384:
            digest(crypto::HashAlg::sha384, 0x02);
            break;
        case MlDsaPreHash::sha512:
            digest(crypto::HashAlg::sha512, 0x03);
            break;
        case MlDsaPreHash::sha224:
            digest(crypto::HashAlg::sha224, 0x04);
            break;
        case MlDsaPreHash::sha512_224:
            digest(crypto::HashAlg::sha512_224, 0x05);
            break;
        case MlDsaPreHash::sha512_256:
            digest(crypto::HashAlg::sha512_256, 0x06);
            break;
        case MlDsaPreHash::sha3_224:
            digest(crypto::HashAlg::sha3_224, 0x07);
            break;
        case MlDsaPreHash::sha3_256:
            digest(crypto::HashAlg::sha3_256, 0x08);
            break;
        case MlDsaPreHash::sha3_384:
            digest(crypto::HashAlg::sha3_384, 0x09);
            break;
        case MlDsaPreHash::sha3_512:
            digest(crypto::HashAlg::sha3_512, 0x0a);
            break;
        case MlDsaPreHash::shake128:
            *arc = 0x0b;
            crypto::Shake128::hash(message, MutableByteView(out + n, 32));
            n += 32;
            break;
        case MlDsaPreHash::shake256:
            *arc = 0x0c;
            crypto::Shake256::hash(message, MutableByteView(out + n, 64));
            n += 64;
            break;
        default:
            return Error(Errc::invalid_argument, "ML-DSA: unknown pre-hash function");
    }
    return n;
}

}  // namespace

namespace detail {

std::span<const PolyBackend* const> poly_backends() {
    static const auto list = [] {
        struct List {
            const PolyBackend* items[3];
            size_t n = 0;
        } l;
        l.items[l.n++] = &poly_portable();
        if (cpu::has(cpu::kAvx2)) l.items[l.n++] = &poly_avx2();
        return l;
    }();
    return {list.items, list.n};
}

const PolyBackend& poly_best() {
    static const PolyBackend& best = *poly_backends().back();
    return best;
}

}  // namespace detail

crypto::SignatureScheme signature_scheme(MlDsaParams params) {
    switch (params) {
        case MlDsaParams::mldsa44:
            return crypto::SignatureScheme::mldsa44;
        case MlDsaParams::mldsa65:
            return crypto::SignatureScheme::mldsa65;
        case MlDsaParams::mldsa87:
            break;
    }
    return crypto::SignatureScheme::mldsa87;
}

std::optional<MlDsaParams> mldsa_params(crypto::SignatureScheme scheme) {
    switch (scheme) {
        case crypto::SignatureScheme::mldsa44:
            return MlDsaParams::mldsa44;
        case crypto::SignatureScheme::mldsa65:
            return MlDsaParams::mldsa65;
        case crypto::SignatureScheme::mldsa87:
            return MlDsaParams::mldsa87;
        default:
            return std::nullopt;
    }
}

size_t mldsa_public_key_size(MlDsaParams params) {
    return params_of(params).pk_bytes();
}
size_t mldsa_private_key_size(MlDsaParams params) {
    return params_of(params).sk_bytes();
}
size_t mldsa_signature_size(MlDsaParams params) {
    return params_of(params).sig_bytes();
}

// ---- public key -------------------------------------------------------------------

MlDsaPublicKey::MlDsaPublicKey(MlDsaPublicKey&&) noexcept = default;
MlDsaPublicKey& MlDsaPublicKey::operator=(MlDsaPublicKey&&) noexcept = default;
MlDsaPublicKey::~MlDsaPublicKey() = default;

Result<MlDsaPublicKey> MlDsaPublicKey::from_bytes(MlDsaParams params, ByteView pk) {
    return from_bytes(params, pk, detail::poly_best());
}

Result<MlDsaPublicKey> MlDsaPublicKey::from_bytes(MlDsaParams params, ByteView pk,
                                                  const PolyBackend& backend) {
    return from_bytes_with_tr(params, pk, backend, nullptr);
}

Result<MlDsaPublicKey> MlDsaPublicKey::from_bytes_with_tr(MlDsaParams params, ByteView pk,
                                                          const PolyBackend& backend,
                                                          const uint8_t* tr) {
    auto vk = detail::VerifyingKey::decode(pk, params_of(params), backend, tr);
    if (!vk) return vk.error();
    MlDsaPublicKey k;
    k.params_ = params;
    k.bytes_.assign(pk.begin(), pk.end());
    k.key_ = std::make_unique<detail::VerifyingKey>(std::move(*vk));
    return k;
}

Result<void> MlDsaPublicKey::verify(ByteView message, ByteView signature,
                                    const MlDsaVerifyOptions& options) const {
    uint8_t prefix[kMaxPrefix];
    auto n = build_prefix(prefix, options.context, options.prehash, message);
    if (!n) return n.error();
    uint8_t mu[detail::kMuBytes];
    detail::compute_mu(mu, key_->tr(), ByteView(prefix, *n),
                       options.prehash ? ByteView() : message);
    return key_->verify_mu(mu, signature);
}

Result<void> MlDsaPublicKey::verify_internal(ByteView message_prime, ByteView signature) const {
    uint8_t mu[detail::kMuBytes];
    detail::compute_mu(mu, key_->tr(), {}, message_prime);
    return key_->verify_mu(mu, signature);
}

Result<void> MlDsaPublicKey::verify_mu(ByteView mu, ByteView signature) const {
    if (mu.size() != detail::kMuBytes) {
        return Error(Errc::invalid_argument, "ML-DSA: mu must be 64 bytes");
    }
    return key_->verify_mu(mu.data(), signature);
}

// ---- private key ------------------------------------------------------------------

MlDsaPrivateKey::MlDsaPrivateKey(MlDsaPublicKey pk) : public_key_(std::move(pk)) {}
MlDsaPrivateKey::MlDsaPrivateKey(MlDsaPrivateKey&&) noexcept = default;
MlDsaPrivateKey& MlDsaPrivateKey::operator=(MlDsaPrivateKey&&) noexcept = default;
MlDsaPrivateKey::~MlDsaPrivateKey() = default;

Result<MlDsaPrivateKey> MlDsaPrivateKey::generate(crypto::Rng& rng, MlDsaParams params) {
    Secret<32> xi;
    KEEL_TRY(rng.generate(xi.span()));
    return from_seed(params, xi.view());
}

Result<MlDsaPrivateKey> MlDsaPrivateKey::from_seed(MlDsaParams params, ByteView xi) {
    return from_seed(params, xi, detail::poly_best());
}

Result<MlDsaPrivateKey> MlDsaPrivateKey::from_seed(MlDsaParams params, ByteView xi,
                                                   const PolyBackend& backend) {
    if (xi.size() != detail::kSeedBytes) {
        return Error(Errc::invalid_argument, "ML-DSA: seed must be 32 bytes");
    }
    const Params& p = params_of(params);
    SecretBytes sk(p.sk_bytes());
    Bytes pk(p.pk_bytes());
    detail::PolyArray a_hat;
    detail::keygen_internal(xi.data(), p, backend, pk.data(), sk.data(), &a_hat);
    auto k = from_parts(params, std::move(sk), std::move(pk), backend, std::move(a_hat));
    if (k) k->seed_ = SecretBytes(xi);
    return k;
}

Result<MlDsaPrivateKey> MlDsaPrivateKey::from_bytes(MlDsaParams params, ByteView sk) {
    return from_bytes(params, sk, detail::poly_best());
}

Result<MlDsaPrivateKey> MlDsaPrivateKey::from_bytes(MlDsaParams params, ByteView sk,
                                                    const PolyBackend& backend) {
    const Params& p = params_of(params);
    Bytes pk(p.pk_bytes());
    detail::PolyArray a_hat;
    KEEL_TRY(detail::derive_public_key(sk, p, backend, pk.data(), &a_hat));
    return from_parts(params, SecretBytes(sk), std::move(pk), backend, std::move(a_hat));
}

Result<MlDsaPrivateKey> MlDsaPrivateKey::from_parts(MlDsaParams params, SecretBytes sk, Bytes pk,
                                                    const PolyBackend& backend,
                                                    detail::PolyArray a_hat) {
    // skEncode puts tr at offset 64; keygen computed it and from_bytes checked it.
    auto pub = MlDsaPublicKey::from_bytes_with_tr(params, pk, backend, sk.data() + 64);
    if (!pub) return pub.error();
    auto sig_key =
        detail::SigningKey::decode(sk.view(), params_of(params), backend, std::move(a_hat));
    if (!sig_key) return sig_key.error();
    MlDsaPrivateKey k(std::move(*pub));
    k.params_ = params;
    k.sk_bytes_ = std::move(sk);
    k.key_ = std::make_unique<detail::SigningKey>(std::move(*sig_key));
    return k;
}

std::optional<Secret<32>> MlDsaPrivateKey::seed() const {
    if (seed_.empty()) return std::nullopt;
    return Secret<32>(seed_.view());
}

Result<Bytes> MlDsaPrivateKey::sign(ByteView message, crypto::Rng& rng,
                                    const MlDsaSignOptions& options) const {
    uint8_t prefix[kMaxPrefix];
    auto n = build_prefix(prefix, options.context, options.prehash, message);
    if (!n) return n.error();
    Secret<32> rnd;  // 0^32 for deterministic signing (FIPS 204 §3.4)
    if (!options.deterministic) KEEL_TRY(rng.generate(rnd.span()));
    return sign_with_prefix(ByteView(prefix, *n), options.prehash ? ByteView() : message,
                            rnd.view());
}

Result<Bytes> MlDsaPrivateKey::sign_internal(ByteView message_prime, ByteView rnd) const {
    return sign_with_prefix({}, message_prime, rnd);
}

Result<Bytes> MlDsaPrivateKey::sign_with_prefix(ByteView prefix, ByteView message,
                                                ByteView rnd) const {
    uint8_t mu[detail::kMuBytes];
    detail::compute_mu(mu, key_->tr(), prefix, message);
    return sign_mu(ByteView(mu, sizeof mu), rnd);
}

Result<Bytes> MlDsaPrivateKey::sign_mu(ByteView mu, ByteView rnd) const {
    if (mu.size() != detail::kMuBytes || rnd.size() != 32) {
        return Error(Errc::invalid_argument, "ML-DSA: mu must be 64 bytes and rnd 32 bytes");
    }
    Bytes sig(key_->params().sig_bytes());
    key_->sign_mu(mu.data(), rnd.data(), sig.data());
    return sig;
}

}  // namespace keel::pq
