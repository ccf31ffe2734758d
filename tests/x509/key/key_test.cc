// x509::PublicKey / PrivateKey (x509/key/key.h): every key type signs and verifies with
// every scheme RFC 8446 §4.2.3 lets it use, tampering fails with auth_failed, every
// mismatched (key, scheme) pair is refused, callback keys work, raw forms round-trip.
#include "x509/key/key.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>

#include "crypto/curve25519/x25519.h"
#include "tests/crypto/curve25519/test_rng.h"
#include "tests/crypto/rsa/test_rng.h"
#include "tests/vectors/json.h"
#include "x509/key/internal/key_impl.h"

namespace keel::x509 {
namespace {

using crypto::SignatureScheme;
using crypto::ec::Curve;
using crypto::test::TestRng;
using keel::test::hex;

const Curve kCurves[] = {Curve::p256,
                         Curve::p384,
                         Curve::p521,
                         Curve::brainpool_p256r1,
                         Curve::brainpool_p384r1,
                         Curve::brainpool_p512r1};

// One RSA key per binary: generation is the slow part of this file.
const crypto::RsaPrivateKey& rsa_key() {
    static const crypto::RsaPrivateKey key = [] {
        TestRng rng(2048);
        auto k = crypto::RsaPrivateKey::generate(rng, 2048);
        EXPECT_TRUE(k.ok());
        return *k;
    }();
    return key;
}

struct NamedKey {
    std::string label;
    PrivateKey key;
};

// One private key of every type (an ec key per curve), built once.
const std::vector<NamedKey>& all_keys() {
    static const std::vector<NamedKey> keys = [] {
        std::vector<NamedKey> out;
        TestRng rng(77);
        out.push_back({"rsa", *PrivateKey::from_rsa(rsa_key(), KeyType::rsa)});
        out.push_back({"rsa_pss", *PrivateKey::from_rsa(rsa_key(), KeyType::rsa_pss)});
        for (Curve c : kCurves) {
            auto k = PrivateKey::generate(KeyType::ec, rng, {.curve = c});
            EXPECT_TRUE(k.ok());
            out.push_back({std::string("ec ") + crypto::ec::curve_name(c), *k});
        }
        for (unsigned t = static_cast<unsigned>(KeyType::ed25519); t < kKeyTypeCount; t++) {
            const auto type = static_cast<KeyType>(t);
            auto k = PrivateKey::generate(type, rng);
            EXPECT_TRUE(k.ok()) << key_type_name(type) << ": " << k.error().to_string();
            out.push_back({std::string(key_type_name(type)), *k});
        }
        return out;
    }();
    return keys;
}

// RFC 8446 §4.2.3, written out independently of x509/key/key_types.cc.
std::set<SignatureScheme> expected_schemes(KeyType type, std::optional<Curve> curve) {
    using S = SignatureScheme;
    switch (type) {
        case KeyType::rsa:
            return {S::rsa_pkcs1_sha1,     S::rsa_pkcs1_sha256,    S::rsa_pkcs1_sha384,
                    S::rsa_pkcs1_sha512,   S::rsa_pss_rsae_sha256, S::rsa_pss_rsae_sha384,
                    S::rsa_pss_rsae_sha512};
        case KeyType::rsa_pss:
            return {S::rsa_pss_pss_sha256, S::rsa_pss_pss_sha384, S::rsa_pss_pss_sha512};
        case KeyType::ec: {
            const std::map<Curve, S> bound = {
                {Curve::p256, S::ecdsa_secp256r1_sha256},
                {Curve::p384, S::ecdsa_secp384r1_sha384},
                {Curve::p521, S::ecdsa_secp521r1_sha512},
                {Curve::brainpool_p256r1, S::ecdsa_brainpoolP256r1tls13_sha256},
                {Curve::brainpool_p384r1, S::ecdsa_brainpoolP384r1tls13_sha384},
                {Curve::brainpool_p512r1, S::ecdsa_brainpoolP512r1tls13_sha512},
            };
            return {bound.at(*curve), S::ecdsa_sha1};
        }
        case KeyType::ed25519:
            return {S::eddsa_ed25519};
        case KeyType::ed448:
            return {S::eddsa_ed448};
        case KeyType::mldsa44:
            return {S::mldsa44};
        case KeyType::mldsa65:
            return {S::mldsa65};
        case KeyType::mldsa87:
            return {S::mldsa87};
        case KeyType::slhdsa_sha2_128s:
            return {S::slh_dsa_sha2_128s};
        case KeyType::slhdsa_sha2_128f:
            return {S::slh_dsa_sha2_128f};
        case KeyType::slhdsa_sha2_192s:
            return {S::slh_dsa_sha2_192s};
        case KeyType::slhdsa_sha2_192f:
            return {S::slh_dsa_sha2_192f};
        case KeyType::slhdsa_sha2_256s:
            return {S::slh_dsa_sha2_256s};
        case KeyType::slhdsa_sha2_256f:
            return {S::slh_dsa_sha2_256f};
        case KeyType::slhdsa_shake_128s:
            return {S::slh_dsa_shake_128s};
        case KeyType::slhdsa_shake_128f:
            return {S::slh_dsa_shake_128f};
        case KeyType::slhdsa_shake_192s:
            return {S::slh_dsa_shake_192s};
        case KeyType::slhdsa_shake_192f:
            return {S::slh_dsa_shake_192f};
        case KeyType::slhdsa_shake_256s:
            return {S::slh_dsa_shake_256s};
        case KeyType::slhdsa_shake_256f:
            return {S::slh_dsa_shake_256f};
        default:
            return {};
    }
}

TEST(Key, SupportsFollowsRfc8446) {
    for (const auto& [label, key] : all_keys()) {
        SCOPED_TRACE(label);
        const PublicKey& pub = key.public_key();
        const auto want = expected_schemes(key.type(), pub.curve());
        for (SignatureScheme s : crypto::kAllSignatureSchemes) {
            EXPECT_EQ(pub.supports(s), want.count(s) == 1) << crypto::scheme_name(s);
            EXPECT_EQ(key.supports(s), want.count(s) == 1) << crypto::scheme_name(s);
        }
        EXPECT_EQ(is_signature_key(key.type()), !want.empty());
    }
}

TEST(Key, EveryKeySignsAndVerifiesEveryFittingScheme) {
    TestRng rng(1);
    const Bytes message = keel::test::unhex("48656c6c6f2c20544c5320312e33");
    size_t pairs = 0;
    for (const auto& [label, key] : all_keys()) {
        for (SignatureScheme s : crypto::kAllSignatureSchemes) {
            if (!key.supports(s)) continue;
            SCOPED_TRACE(label + " / " + std::string(crypto::scheme_name(s)));
            pairs++;
            auto sig = key.sign(s, message, rng);
            ASSERT_TRUE(sig.ok()) << sig.error().to_string();
            const PublicKey& pub = key.public_key();
            auto ok = pub.verify(s, message, *sig);
            EXPECT_TRUE(ok.ok()) << ok.error().to_string();

            // A flipped bit anywhere: first byte, middle, last byte.
            for (size_t at : {size_t{0}, sig->size() / 2, sig->size() - 1}) {
                Bytes bad = *sig;
                bad[at] ^= 0x01;
                auto r = pub.verify(s, message, bad);
                ASSERT_FALSE(r.ok()) << at;
                EXPECT_EQ(r.error().code(), Errc::auth_failed) << r.error().to_string();
            }
            Bytes other = message;
            other.back() ^= 0x80;
            auto r = pub.verify(s, other, *sig);
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().code(), Errc::auth_failed);
            // Truncated and extended signatures.
            r = pub.verify(s, message, ByteView(*sig).first(sig->size() - 1));
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().code(), Errc::auth_failed);
            Bytes longer = *sig;
            longer.push_back(0);
            r = pub.verify(s, message, longer);
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().code(), Errc::auth_failed);
            r = pub.verify(s, message, {});
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().code(), Errc::auth_failed);
        }
    }
    // 7 rsa + 3 rsa_pss + 6 curves x 2 + 2 EdDSA + 3 ML-DSA + 12 SLH-DSA.
    EXPECT_EQ(pairs, 7u + 3u + 12u + 2u + 3u + 12u);
}

// A key of one type never verifies another key's signature, even when both fit the
// scheme (two P-256 keys; rsa vs the same modulus as rsa_pss is covered below).
TEST(Key, SignatureOfAnotherKeyFails) {
    TestRng rng(2);
    auto a = PrivateKey::generate(KeyType::ec, rng);
    auto b = PrivateKey::generate(KeyType::ec, rng);
    ASSERT_TRUE(a.ok() && b.ok());
    const Bytes msg(100, 0x5a);
    auto sig = a->sign(SignatureScheme::ecdsa_secp256r1_sha256, msg, rng);
    ASSERT_TRUE(sig.ok());
    auto r = b->public_key().verify(SignatureScheme::ecdsa_secp256r1_sha256, msg, *sig);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::auth_failed);
    // PKCS#1 and PSS signatures over the same modulus are not interchangeable.
    const auto& rsa = all_keys()[0].key;
    auto pkcs1 = rsa.sign(SignatureScheme::rsa_pkcs1_sha256, msg, rng);
    ASSERT_TRUE(pkcs1.ok());
    r = rsa.public_key().verify(SignatureScheme::rsa_pss_rsae_sha256, msg, *pkcs1);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::auth_failed);
    auto pss384 = rsa.sign(SignatureScheme::rsa_pss_rsae_sha384, msg, rng);
    ASSERT_TRUE(pss384.ok());
    r = rsa.public_key().verify(SignatureScheme::rsa_pss_rsae_sha256, msg, *pss384);
    EXPECT_FALSE(r.ok());
}

TEST(Key, MismatchedPairsAreRefused) {
    TestRng rng(3);
    const Bytes msg(10, 1);
    size_t refused = 0;
    for (const auto& [label, key] : all_keys()) {
        for (SignatureScheme s : crypto::kAllSignatureSchemes) {
            if (key.supports(s)) continue;
            SCOPED_TRACE(label + " / " + std::string(crypto::scheme_name(s)));
            refused++;
            auto sig = key.sign(s, msg, rng);
            ASSERT_FALSE(sig.ok());
            EXPECT_EQ(sig.error().code(), Errc::invalid_argument);
            auto r = key.public_key().verify(s, msg, Bytes(64, 0));
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().code(), Errc::invalid_argument);
        }
        // Code points nobody assigned are refused the same way.
        for (uint16_t code : {0x0000, 0x0202, 0x0807 + 0x100, 0x0910, 0x091d, 0xffff}) {
            const auto s = static_cast<SignatureScheme>(code);
            EXPECT_FALSE(key.supports(s));
            auto sig = key.sign(s, msg, rng);
            ASSERT_FALSE(sig.ok());
            EXPECT_EQ(sig.error().code(), Errc::invalid_argument);
        }
    }
    EXPECT_GT(refused, 0u);
}

TEST(Key, PssRestrictionLimitsTheScheme) {
    TestRng rng(4);
    for (auto h : {crypto::HashAlg::sha256, crypto::HashAlg::sha384, crypto::HashAlg::sha512}) {
        const PssRestriction restriction{h, h, crypto::digest_size(h)};
        auto key = PrivateKey::from_rsa(rsa_key(), KeyType::rsa_pss, restriction);
        ASSERT_TRUE(key.ok());
        ASSERT_TRUE(key->public_key().pss_restriction().has_value());
        int supported = 0;
        for (SignatureScheme s :
             {SignatureScheme::rsa_pss_pss_sha256, SignatureScheme::rsa_pss_pss_sha384,
              SignatureScheme::rsa_pss_pss_sha512}) {
            if (!key->supports(s)) continue;
            supported++;
            auto sig = key->sign(s, Bytes(5, 5), rng);
            ASSERT_TRUE(sig.ok());
            EXPECT_TRUE(key->public_key().verify(s, Bytes(5, 5), *sig).ok());
        }
        EXPECT_EQ(supported, 1);
    }
    // A minimum salt longer than TLS's (the digest length) rules the scheme out.
    auto strict =
        PrivateKey::from_rsa(rsa_key(), KeyType::rsa_pss,
                             PssRestriction{crypto::HashAlg::sha256, crypto::HashAlg::sha256, 33});
    ASSERT_TRUE(strict.ok());
    EXPECT_FALSE(strict->supports(SignatureScheme::rsa_pss_pss_sha256));
    // MGF1 over another hash too.
    auto mixed =
        PrivateKey::from_rsa(rsa_key(), KeyType::rsa_pss,
                             PssRestriction{crypto::HashAlg::sha256, crypto::HashAlg::sha1, 20});
    ASSERT_TRUE(mixed.ok());
    EXPECT_FALSE(mixed->supports(SignatureScheme::rsa_pss_pss_sha256));
    // Restrictions belong to rsa_pss keys only.
    EXPECT_FALSE(PrivateKey::from_rsa(rsa_key(), KeyType::rsa, PssRestriction{}).ok());
    EXPECT_FALSE(PrivateKey::from_rsa(rsa_key(), KeyType::ec).ok());
}

TEST(Key, CallbackKeySignsThroughTheCallback) {
    TestRng rng(5);
    auto real = PrivateKey::generate(KeyType::ed25519, rng);
    ASSERT_TRUE(real.ok());
    auto calls = std::make_shared<int>(0);
    auto seen = std::make_shared<Bytes>();
    const PrivateKey held = *real;
    PrivateKey cb = PrivateKey::from_callback(
        real->public_key(), [held, calls, seen](SignatureScheme s, ByteView m) -> Result<Bytes> {
            ++*calls;
            seen->assign(m.begin(), m.end());
            TestRng inner(9);
            return held.sign(s, m, inner);
        });
    EXPECT_TRUE(cb.is_callback());
    EXPECT_FALSE(real->is_callback());
    EXPECT_EQ(cb.type(), KeyType::ed25519);
    EXPECT_TRUE(cb.public_key() == real->public_key());
    const Bytes msg(200, 0x42);
    auto sig = cb.sign(SignatureScheme::eddsa_ed25519, msg, rng);
    ASSERT_TRUE(sig.ok());
    EXPECT_EQ(*calls, 1);
    EXPECT_EQ(hex(*seen), hex(msg));  // the full message, not a digest
    EXPECT_TRUE(cb.public_key().verify(SignatureScheme::eddsa_ed25519, msg, *sig).ok());

    // A scheme the public key does not fit never reaches the callback.
    auto wrong = cb.sign(SignatureScheme::ecdsa_secp256r1_sha256, msg, rng);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code(), Errc::invalid_argument);
    EXPECT_EQ(*calls, 1);

    // The callback's own failure comes back unchanged.
    PrivateKey failing = PrivateKey::from_callback(
        real->public_key(),
        [](SignatureScheme, ByteView) -> Result<Bytes> { return Error(Errc::closed, "hsm"); });
    auto f = failing.sign(SignatureScheme::eddsa_ed25519, msg, rng);
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.error().code(), Errc::closed);
    EXPECT_EQ(f.error().detail(), "hsm");

    // An empty function is refused, not called.
    PrivateKey empty = PrivateKey::from_callback(real->public_key(), nullptr);
    EXPECT_FALSE(empty.sign(SignatureScheme::eddsa_ed25519, msg, rng).ok());

    // A callback RSA key: the TLS engine picks the scheme from the public key.
    auto rsa_cb = PrivateKey::from_callback(all_keys()[0].key.public_key(),
                                            [](SignatureScheme s, ByteView m) -> Result<Bytes> {
                                                TestRng inner(10);
                                                return all_keys()[0].key.sign(s, m, inner);
                                            });
    auto rs = rsa_cb.sign(SignatureScheme::rsa_pss_rsae_sha256, msg, rng);
    ASSERT_TRUE(rs.ok());
    EXPECT_TRUE(rsa_cb.public_key().verify(SignatureScheme::rsa_pss_rsae_sha256, msg, *rs).ok());
}

TEST(Key, PublicKeyEquality) {
    const auto& keys = all_keys();
    for (size_t i = 0; i < keys.size(); i++) {
        const PublicKey copy = keys[i].key.public_key();
        EXPECT_TRUE(copy == keys[i].key.public_key());
        for (size_t j = 0; j < keys.size(); j++) {
            if (i == j) continue;
            EXPECT_FALSE(keys[i].key.public_key() == keys[j].key.public_key())
                << keys[i].label << " vs " << keys[j].label;
        }
        // Rebuilt from its encoding, a key equals the original.
        const PublicKey& pub = keys[i].key.public_key();
        Result<PublicKey> again = Error(Errc::malformed);
        switch (pub.type()) {
            case KeyType::rsa:
                again = PublicKey::rsa(pub.rsa_n(), pub.rsa_e());
                break;
            case KeyType::rsa_pss:
                again = PublicKey::rsa_pss(pub.rsa_n(), pub.rsa_e());
                break;
            case KeyType::ec:
                again = PublicKey::ec(*pub.curve(), pub.raw());
                break;
            default:
                again = PublicKey::from_raw(pub.type(), pub.raw());
        }
        ASSERT_TRUE(again.ok()) << keys[i].label;
        EXPECT_TRUE(*again == pub) << keys[i].label;
    }
}

TEST(Key, Properties) {
    for (const auto& [label, key] : all_keys()) {
        SCOPED_TRACE(label);
        const PublicKey& pub = key.public_key();
        EXPECT_EQ(pub.type(), key.type());
        EXPECT_EQ(pub.curve().has_value(), key.type() == KeyType::ec);
        const bool is_rsa = key.type() == KeyType::rsa || key.type() == KeyType::rsa_pss;
        EXPECT_EQ(pub.raw().empty(), is_rsa);
        EXPECT_EQ(pub.rsa_n().empty(), !is_rsa);
    }
    const std::map<std::string, size_t> bits = {
        {"rsa", 2048},
        {"rsa_pss", 2048},
        {"ec P-256", 256},
        {"ec P-384", 384},
        {"ec P-521", 521},
        {"ed25519", 253},
        {"ed448", 456},
        {"x25519", 253},
        {"x448", 448},
        {"mldsa44", 1312 * 8},
        {"mldsa65", 1952 * 8},
        {"mldsa87", 2592 * 8},
        {"mlkem512", 800 * 8},
        {"mlkem768", 1184 * 8},
        {"mlkem1024", 1568 * 8},
        {"slhdsa_sha2_128s", 256},
        {"slhdsa_shake_256f", 512},
    };
    for (const auto& [label, key] : all_keys()) {
        auto it = bits.find(label);
        if (it != bits.end()) {
            EXPECT_EQ(key.public_key().bits(), it->second) << label;
        }
    }
    EXPECT_EQ(key_type_name(KeyType::slhdsa_shake_192f), "slhdsa_shake_192f");
    EXPECT_EQ(key_type_name(static_cast<KeyType>(200)), "unknown");
}

// Raw private forms reproduce the same key; both forms of ML-KEM and ML-DSA agree.
TEST(Key, RawPrivateFormsRoundTrip) {
    for (const auto& [label, key] : all_keys()) {
        SCOPED_TRACE(label);
        const auto& impl = key.impl();
        std::vector<Bytes> forms;
        if (auto* k = std::get_if<crypto::Ed25519PrivateKey>(&impl.key)) {
            forms.emplace_back(k->seed().view().begin(), k->seed().view().end());
        } else if (auto* k = std::get_if<crypto::Ed448PrivateKey>(&impl.key)) {
            forms.emplace_back(k->seed().view().begin(), k->seed().view().end());
        } else if (auto* k = std::get_if<detail::MontgomeryPrivate>(&impl.key)) {
            forms.emplace_back(k->scalar.view().begin(), k->scalar.view().end());
        } else if (auto* k = std::get_if<detail::MlKemPrivate>(&impl.key)) {
            ASSERT_EQ(k->seed.size(), 64u);
            forms.emplace_back(k->seed.view().begin(), k->seed.view().end());
            forms.emplace_back(k->dk.view().begin(), k->dk.view().end());
        } else if (auto* k = std::get_if<pq::MlDsaPrivateKey>(&impl.key)) {
            auto seed = k->seed();
            ASSERT_TRUE(seed.has_value());
            forms.emplace_back(seed->view().begin(), seed->view().end());
            forms.emplace_back(k->bytes().view().begin(), k->bytes().view().end());
        } else if (auto* k = std::get_if<pq::SlhDsaPrivateKey>(&impl.key)) {
            forms.emplace_back(k->bytes().begin(), k->bytes().end());
        } else if (auto* k = std::get_if<crypto::ec::EcdsaPrivateKey>(&impl.key)) {
            auto again = PrivateKey::from_ec(k->curve(), k->scalar());
            ASSERT_TRUE(again.ok());
            EXPECT_TRUE(again->public_key() == key.public_key());
            continue;
        } else {
            continue;  // RSA: components, covered by PublicKeyEquality
        }
        for (const Bytes& raw : forms) {
            auto again = PrivateKey::from_raw(key.type(), raw);
            ASSERT_TRUE(again.ok()) << raw.size() << ": " << again.error().to_string();
            EXPECT_TRUE(again->public_key() == key.public_key()) << raw.size();
            // Wrong lengths are refused.
            EXPECT_FALSE(
                PrivateKey::from_raw(key.type(), ByteView(raw).first(raw.size() - 1)).ok());
            Bytes longer = raw;
            longer.push_back(0);
            EXPECT_FALSE(PrivateKey::from_raw(key.type(), longer).ok());
        }
    }
    // X25519: the public key is X25519(k, 9) (RFC 7748 §6.1, Alice).
    auto alice = PrivateKey::from_raw(
        KeyType::x25519,
        keel::test::unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    ASSERT_TRUE(alice.ok());
    EXPECT_EQ(hex(alice->public_key().raw()),
              "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    // Ed25519 RFC 8032 §7.1 test 1: seed -> public key.
    auto ed = PrivateKey::from_raw(
        KeyType::ed25519,
        keel::test::unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    ASSERT_TRUE(ed.ok());
    EXPECT_EQ(hex(ed->public_key().raw()),
              "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    // RSA and EC have no raw form.
    for (KeyType t : {KeyType::rsa, KeyType::rsa_pss, KeyType::ec}) {
        EXPECT_EQ(PrivateKey::from_raw(t, Bytes(32, 1)).error().code(), Errc::invalid_argument);
        EXPECT_EQ(PublicKey::from_raw(t, Bytes(32, 1)).error().code(), Errc::invalid_argument);
    }
}

TEST(Key, BadPublicEncodingsAreRefused) {
    // Wrong lengths for every raw type.
    for (unsigned t = static_cast<unsigned>(KeyType::ed25519); t < kKeyTypeCount; t++) {
        const auto type = static_cast<KeyType>(t);
        for (size_t n : {0, 1, 31, 33, 55, 58, 100}) {
            auto k = PublicKey::from_raw(type, Bytes(n, 0x11));
            EXPECT_FALSE(k.ok()) << key_type_name(type) << " " << n;
        }
    }
    // An ML-KEM ek with a coefficient >= q (FIPS 203 §7.2).
    TestRng rng(6);
    auto kem = PrivateKey::generate(KeyType::mlkem768, rng);
    ASSERT_TRUE(kem.ok());
    Bytes ek(kem->public_key().raw().begin(), kem->public_key().raw().end());
    ek[0] = ek[1] = 0xff;
    auto bad = PublicKey::from_raw(KeyType::mlkem768, ek);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code(), Errc::invalid_argument);
    // An Ed25519 y-coordinate that is not on the curve (y = 2 has no x).
    Bytes y2(32, 0);
    y2[0] = 2;
    EXPECT_FALSE(PublicKey::from_raw(KeyType::ed25519, y2).ok());
    // EC points off the curve, and RSA components out of range.
    Bytes off(65, 0);
    off[0] = 4;
    off[32] = 1;
    off[64] = 1;
    EXPECT_FALSE(PublicKey::ec(Curve::p256, off).ok());
    EXPECT_FALSE(PublicKey::ec(Curve::p384, all_keys()[2].key.public_key().raw()).ok());
    EXPECT_FALSE(PublicKey::rsa(Bytes(256, 0xff), Bytes{0x01, 0x00, 0x00}).ok());  // even e
    EXPECT_FALSE(PublicKey::rsa(Bytes{}, Bytes{0x03}).ok());
}

TEST(Key, GenerationFailsCleanly) {
    crypto::test::FailingRng broken;
    for (unsigned t = static_cast<unsigned>(KeyType::ec); t < kKeyTypeCount; t++) {
        const auto type = static_cast<KeyType>(t);
        auto k = PrivateKey::generate(type, broken);
        ASSERT_FALSE(k.ok()) << key_type_name(type);
        EXPECT_EQ(k.error().code(), Errc::entropy) << key_type_name(type);
    }
    TestRng rng(8);
    EXPECT_FALSE(PrivateKey::generate(KeyType::rsa, rng, {.rsa_bits = 1024}).ok());
    EXPECT_FALSE(PrivateKey::generate(static_cast<KeyType>(99), rng).ok());
}

TEST(Key, SchemeNamesRoundTrip) {
    std::set<std::string_view> names;
    for (SignatureScheme s : crypto::kAllSignatureSchemes) {
        const auto name = crypto::scheme_name(s);
        EXPECT_NE(name, "unknown");
        EXPECT_TRUE(names.insert(name).second) << name;
        EXPECT_EQ(crypto::scheme_from_name(name), s);
    }
    EXPECT_EQ(names.size(), 34u);
    // The Erlang spellings the reference uses.
    EXPECT_EQ(crypto::scheme_from_name("rsa_pss_rsae_sha256"),
              SignatureScheme::rsa_pss_rsae_sha256);
    EXPECT_EQ(crypto::scheme_from_name("ecdsa_brainpoolP384r1tls13_sha384"),
              SignatureScheme::ecdsa_brainpoolP384r1tls13_sha384);
    EXPECT_EQ(crypto::scheme_from_name("slh_dsa_shake_256f"), SignatureScheme::slh_dsa_shake_256f);
    EXPECT_EQ(static_cast<uint16_t>(SignatureScheme::slh_dsa_shake_256f), 0x091c);
    EXPECT_EQ(crypto::scheme_from_name("mldsa65"), SignatureScheme::mldsa65);
    EXPECT_FALSE(crypto::scheme_from_name("ed25519").has_value());
    EXPECT_FALSE(crypto::scheme_from_name("").has_value());
    EXPECT_EQ(crypto::scheme_name(static_cast<SignatureScheme>(0x1234)), "unknown");
}

}  // namespace
}  // namespace keel::x509
