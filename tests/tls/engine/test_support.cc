#include "tests/tls/engine/test_support.h"

#include <gtest/gtest.h>

#include "base/endian.h"
#include "crypto/hash/sha256.h"
#include "x509/der/der.h"
#include "x509/der/oid.h"

namespace keel::tls::test {

using crypto::SignatureScheme;
using x509::KeyType;
namespace der = x509::der;
namespace oid = x509::oid;

Result<void> SeededRng::generate(MutableByteView out) {
    size_t done = 0;
    while (done < out.size()) {
        uint8_t block_in[16];
        store_be64(block_in, seed_);
        store_be64(block_in + 8, counter_++);
        auto block = crypto::Sha256::hash(ByteView(block_in, 16));
        const size_t n = std::min(out.size() - done, block.size());
        std::copy(block.begin(), block.begin() + n, out.begin() + done);
        done += n;
    }
    return ok();
}

namespace {

x509::Oid curve_oid(crypto::ec::Curve c) {
    using crypto::ec::Curve;
    switch (c) {
        case Curve::p256:
            return oid::kSecp256r1;
        case Curve::p384:
            return oid::kSecp384r1;
        case Curve::p521:
            return oid::kSecp521r1;
        case Curve::brainpool_p256r1:
            return oid::kBrainpoolP256r1;
        case Curve::brainpool_p384r1:
            return oid::kBrainpoolP384r1;
        case Curve::brainpool_p512r1:
            return oid::kBrainpoolP512r1;
    }
    return oid::kSecp256r1;
}

x509::Oid raw_key_oid(KeyType t) {
    switch (t) {
        case KeyType::ed25519:
            return oid::kEd25519;
        case KeyType::ed448:
            return oid::kEd448;
        case KeyType::mldsa44:
            return oid::kMlDsa44;
        case KeyType::mldsa65:
            return oid::kMlDsa65;
        case KeyType::mldsa87:
            return oid::kMlDsa87;
        case KeyType::slhdsa_sha2_128s:
            return oid::kSlhDsaSha2_128s;
        case KeyType::slhdsa_sha2_128f:
            return oid::kSlhDsaSha2_128f;
        case KeyType::slhdsa_shake_128f:
            return oid::kSlhDsaShake128f;
        default:
            ADD_FAILURE() << "no OID for key type";
            return oid::kEd25519;
    }
}

void write_name(der::Writer& w, const std::string& cn) {
    auto seq = w.sequence();
    auto set = w.set_of();
    auto atv = w.sequence();
    w.oid(oid::kCommonName);
    w.string(der::kUtf8String, cn);
    w.close(atv);
    w.close(set);
    w.close(seq);
}

void write_sig_alg(der::Writer& w, SignatureScheme s) {
    auto seq = w.sequence();
    switch (s) {
        case SignatureScheme::ecdsa_secp256r1_sha256:
            w.oid(oid::kEcdsaWithSha256);
            break;
        case SignatureScheme::ecdsa_secp384r1_sha384:
            w.oid(oid::kEcdsaWithSha384);
            break;
        case SignatureScheme::ecdsa_secp521r1_sha512:
            w.oid(oid::kEcdsaWithSha512);
            break;
        case SignatureScheme::rsa_pkcs1_sha256:
            w.oid(oid::kSha256WithRsa);
            w.null();
            break;
        case SignatureScheme::eddsa_ed25519:
            w.oid(oid::kEd25519);
            break;
        case SignatureScheme::eddsa_ed448:
            w.oid(oid::kEd448);
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
            ADD_FAILURE() << "no certificate OID for scheme";
    }
    w.close(seq);
}

}  // namespace

Bytes spki_der(const x509::PublicKey& key) {
    der::Writer w;
    auto spki = w.sequence();
    auto alg = w.sequence();
    switch (key.type()) {
        case KeyType::rsa:
        case KeyType::rsa_pss: {
            w.oid(key.type() == KeyType::rsa ? oid::kRsaEncryption : oid::kRsassaPss);
            if (key.type() == KeyType::rsa) w.null();
            w.close(alg);
            der::Writer k;
            auto ks = k.sequence();
            k.unsigned_integer(key.rsa_n());
            k.unsigned_integer(key.rsa_e());
            k.close(ks);
            w.bit_string(k.bytes());
            break;
        }
        case KeyType::ec:
            w.oid(oid::kEcPublicKey);
            w.oid(curve_oid(*key.curve()));
            w.close(alg);
            w.bit_string(key.raw());
            break;
        default:
            w.oid(raw_key_oid(key.type()));
            w.close(alg);
            w.bit_string(key.raw());
    }
    w.close(spki);
    return w.take();
}

Bytes make_certificate(const x509::PublicKey& subject, const std::string& cn,
                       const x509::PrivateKey& issuer, const std::string& issuer_cn,
                       SignatureScheme scheme, crypto::Rng& rng) {
    der::Writer t;
    auto tbs = t.sequence();
    auto ver = t.open(der::context_constructed(0));
    t.small_unsigned(2);
    t.close(ver);
    t.small_unsigned(1);
    write_sig_alg(t, scheme);
    write_name(t, issuer_cn);
    auto validity = t.sequence();
    t.time(1700000000);
    t.time(2000000000);
    t.close(validity);
    write_name(t, cn);
    t.raw(spki_der(subject));
    t.close(tbs);
    const Bytes tbs_der = t.take();
    auto sig = issuer.sign(scheme, tbs_der, rng);
    EXPECT_TRUE(sig.ok()) << sig.error().to_string();

    der::Writer w;
    auto cert = w.sequence();
    w.raw(tbs_der);
    write_sig_alg(w, scheme);
    w.bit_string(sig.ok() ? *sig : Bytes{});
    w.close(cert);
    return w.take();
}

SignatureScheme cert_scheme_for(const x509::PrivateKey& key) {
    switch (key.type()) {
        case KeyType::rsa:
            return SignatureScheme::rsa_pkcs1_sha256;
        case KeyType::ec:
            switch (*key.public_key().curve()) {
                case crypto::ec::Curve::p384:
                    return SignatureScheme::ecdsa_secp384r1_sha384;
                case crypto::ec::Curve::p521:
                    return SignatureScheme::ecdsa_secp521r1_sha512;
                default:
                    return SignatureScheme::ecdsa_secp256r1_sha256;
            }
        case KeyType::ed25519:
            return SignatureScheme::eddsa_ed25519;
        case KeyType::ed448:
            return SignatureScheme::eddsa_ed448;
        case KeyType::mldsa44:
            return SignatureScheme::mldsa44;
        case KeyType::mldsa65:
            return SignatureScheme::mldsa65;
        case KeyType::mldsa87:
            return SignatureScheme::mldsa87;
        default:
            ADD_FAILURE() << "no certificate scheme for key";
            return SignatureScheme::eddsa_ed25519;
    }
}

Identity self_signed(KeyType type, crypto::Rng& rng, const x509::KeyGenOptions& opts,
                     std::optional<SignatureScheme> scheme) {
    auto key = x509::PrivateKey::generate(type, rng, opts);
    EXPECT_TRUE(key.ok()) << key.error().to_string();
    // Keys that cannot sign an X.509 signature this helper knows (RSA-PSS, SLH-DSA) get
    // their certificate from a throwaway Ed25519 issuer: verify_none tests never check it.
    std::optional<x509::PrivateKey> issuer;
    SignatureScheme s;
    if (type == KeyType::rsa_pss ||
        (type >= KeyType::slhdsa_sha2_128s && type <= KeyType::slhdsa_shake_256f)) {
        issuer = *x509::PrivateKey::generate(KeyType::ed25519, rng);
        s = SignatureScheme::eddsa_ed25519;
    } else {
        issuer = *key;
        s = scheme.value_or(cert_scheme_for(*key));
    }
    Bytes cert = make_certificate(key->public_key(), "keel test", *issuer, "keel test", s, rng);
    return Identity{*key, std::move(cert)};
}

PumpResult pump(Engine& client, Engine& server) {
    PumpResult r;
    for (int round = 0; round < 64; round++) {
        Bytes c = client.take_output();
        Bytes s;
        if (!c.empty() && !r.server_error) {
            auto f = server.feed(c);
            if (!f) r.server_error = f.error();
        }
        s = server.take_output();
        if (!s.empty() && !r.client_error) {
            auto f = client.feed(s);
            if (!f) r.client_error = f.error();
        }
        if (c.empty() && s.empty() && !client.has_output() && !server.has_output()) break;
    }
    return r;
}

std::vector<Event> drain(Engine& e) {
    std::vector<Event> out;
    while (auto ev = e.next_event()) out.push_back(std::move(*ev));
    return out;
}

}  // namespace keel::tls::test
