// Deterministic fixtures for the TLS engine's fuzz targets (fuzz/tls_client_fuzz.cc,
// fuzz/tls_server_fuzz.cc), the test that records their seed corpora, and the handshake
// benchmarks (bench/tls_handshake_bench.cc).
// Everything is deterministic: a counter-based generator restarted for every input, a
// fixed Ed25519 key and a self-signed certificate for it, so a recorded peer flight
// decrypts and authenticates on every run and the fuzzer mutates a real handshake.
#pragma once

#include <memory>

#include "base/endian.h"
#include "crypto/hash/sha256.h"
#include "crypto/rng.h"
#include "tls/hs/config.h"
#include "x509/der/der.h"
#include "x509/der/oid.h"
#include "x509/key/key.h"

namespace keel::tls::fuzzing {

// SHA-256(seed || counter) blocks.
class CounterRng final : public crypto::Rng {
  public:
    explicit CounterRng(uint64_t seed) : seed_(seed) {}
    Result<void> generate(MutableByteView out) override {
        size_t done = 0;
        while (done < out.size()) {
            uint8_t in[16];
            store_be64(in, seed_);
            store_be64(in + 8, counter_++);
            const auto block = crypto::Sha256::hash(ByteView(in, 16));
            const size_t n = std::min(out.size() - done, block.size());
            std::copy(block.begin(), block.begin() + static_cast<ptrdiff_t>(n),
                      out.begin() + static_cast<ptrdiff_t>(done));
            done += n;
        }
        return ok();
    }

  private:
    uint64_t seed_;
    uint64_t counter_ = 0;
};

// A self-signed certificate (RFC 5280 §4.1) for `key`, signed with `scheme`: enough
// X.509 for the engine (leaf SPKI); not for path validation tests.
inline Bytes self_signed_cert(const x509::PrivateKey& key, crypto::SignatureScheme scheme,
                              crypto::Rng& rng) {
    namespace der = x509::der;
    namespace oid = x509::oid;
    using crypto::SignatureScheme;
    auto name = [](der::Writer& w) {
        auto seq = w.sequence();
        auto set = w.set_of();
        auto atv = w.sequence();
        w.oid(oid::kCommonName);
        w.string(der::kUtf8String, "keel test");
        w.close(atv);
        w.close(set);
        w.close(seq);
    };
    auto sig_alg = [scheme](der::Writer& w) {
        auto seq = w.sequence();
        switch (scheme) {
            case SignatureScheme::ecdsa_secp256r1_sha256:
                w.oid(oid::kEcdsaWithSha256);
                break;
            case SignatureScheme::ecdsa_secp384r1_sha384:
                w.oid(oid::kEcdsaWithSha384);
                break;
            case SignatureScheme::rsa_pkcs1_sha256:
                w.oid(oid::kSha256WithRsa);
                w.null();
                break;
            case SignatureScheme::mldsa44:
                w.oid(oid::kMlDsa44);
                break;
            case SignatureScheme::mldsa65:
                w.oid(oid::kMlDsa65);
                break;
            case SignatureScheme::mldsa87:
                w.oid(oid::kMlDsa87);
                break;
            default:
                w.oid(oid::kEd25519);
                break;
        }
        w.close(seq);
    };
    const x509::PublicKey& pk = key.public_key();
    der::Writer t;
    auto tbs = t.sequence();
    auto ver = t.open(der::context_constructed(0));
    t.small_unsigned(2);
    t.close(ver);
    t.small_unsigned(1);
    sig_alg(t);
    name(t);
    auto validity = t.sequence();
    t.time(1700000000);
    t.time(2000000000);
    t.close(validity);
    name(t);
    auto spki = t.sequence();
    auto alg = t.sequence();
    switch (pk.type()) {
        case x509::KeyType::rsa: {
            t.oid(oid::kRsaEncryption);
            t.null();
            t.close(alg);
            der::Writer k;
            auto ks = k.sequence();
            k.unsigned_integer(pk.rsa_n());
            k.unsigned_integer(pk.rsa_e());
            k.close(ks);
            t.bit_string(k.bytes());
            break;
        }
        case x509::KeyType::ec:
            t.oid(oid::kEcPublicKey);
            t.oid(*pk.curve() == crypto::ec::Curve::p384 ? oid::kSecp384r1 : oid::kSecp256r1);
            t.close(alg);
            t.bit_string(pk.raw());
            break;
        default:
            t.oid(pk.type() == x509::KeyType::mldsa44   ? oid::kMlDsa44
                  : pk.type() == x509::KeyType::mldsa65 ? oid::kMlDsa65
                  : pk.type() == x509::KeyType::mldsa87 ? oid::kMlDsa87
                                                        : oid::kEd25519);
            t.close(alg);
            t.bit_string(pk.raw());
    }
    t.close(spki);
    t.close(tbs);
    const Bytes tbs_der = t.take();
    auto sig = key.sign(scheme, tbs_der, rng);
    der::Writer w;
    auto cert = w.sequence();
    w.raw(tbs_der);
    sig_alg(w);
    w.bit_string(sig ? *sig : Bytes{});
    w.close(cert);
    return w.take();
}

inline constexpr uint64_t kClientSeed = 0x6b65656c636c6e74;  // "keelclnt"
inline constexpr uint64_t kServerSeed = 0x6b65656c73727672;  // "keelsrvr"

// Small and fast: X25519 only, so most of each run goes to parsing, not arithmetic.
inline std::shared_ptr<HandshakeConfig> client_config(crypto::Rng* rng) {
    auto cfg = std::make_shared<HandshakeConfig>();
    cfg->rng = rng;
    cfg->groups = {crypto::NamedGroup::x25519, crypto::NamedGroup::secp256r1};
    cfg->key_share_groups = {crypto::NamedGroup::x25519};
    cfg->alpn = {"h2", "http/1.1"};
    return cfg;
}

inline std::shared_ptr<HandshakeConfig> server_config(crypto::Rng* rng) {
    auto cfg = std::make_shared<HandshakeConfig>();
    cfg->rng = rng;
    cfg->groups = {crypto::NamedGroup::x25519, crypto::NamedGroup::secp256r1};
    cfg->alpn = {"http/1.1"};
    static const uint8_t kSeed[32] = {'k', 'e', 'e', 'l', ' ', 'f', 'u', 'z', 'z'};
    auto key = x509::PrivateKey::from_raw(x509::KeyType::ed25519, ByteView(kSeed, 32));
    CounterRng cert_rng(1);
    cfg->certs_keys.push_back(
        {{self_signed_cert(*key, crypto::SignatureScheme::eddsa_ed25519, cert_rng)}, *key});
    return cfg;
}

}  // namespace keel::tls::fuzzing
