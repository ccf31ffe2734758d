// RSA behaviour beyond the vectors: key generation round trips, the fault check,
// implicit rejection, OAEP/PSS round trips, and bad input.
#include "crypto/rsa/rsa.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "crypto/rsa/internal/rsa_impl.h"
#include "tests/crypto/rsa/test_rng.h"

namespace keel::crypto {
namespace {

using test::TestRng;

const RsaPrivateKey& key2048() {
    static RsaPrivateKey k = [] {
        TestRng rng(2048);
        return RsaPrivateKey::generate(rng, 2048).value();
    }();
    return k;
}

TEST(Rsa, GeneratedKeyHasExpectedShape) {
    const auto& k = key2048();
    EXPECT_EQ(k.modulus_bits(), 2048u);
    EXPECT_TRUE(k.has_crt());
    EXPECT_EQ(k.public_key().e_bytes(), (Bytes{0x01, 0x00, 0x01}));
    // p and q are 1024-bit, distinct.
    auto p = k.p_bytes(), q = k.q_bytes();
    EXPECT_EQ(p.size(), 128u);
    EXPECT_EQ(q.size(), 128u);
    EXPECT_GE(p.data()[0], 0xc0);
    EXPECT_GE(q.data()[0], 0xc0);
    EXPECT_NE(Bytes(p.view().begin(), p.view().end()), Bytes(q.view().begin(), q.view().end()));
}

TEST(Rsa, KeygenRoundTrips2048) {
    for (uint64_t seed = 1; seed <= 2; seed++) {
        TestRng rng(seed);
        auto k = RsaPrivateKey::generate(rng, 2048);
        ASSERT_TRUE(k.ok()) << k.error().to_string();
        Bytes msg = {1, 2, 3};
        auto sig = k->sign_pkcs1(HashAlg::sha256, msg, rng);
        ASSERT_TRUE(sig.ok());
        EXPECT_TRUE(k->public_key().verify_pkcs1(HashAlg::sha256, msg, *sig).ok());
        // A key rebuilt without CRT from (n, e, d) signs identically (deterministic scheme).
        auto nocrt = RsaPrivateKey::from_components(k->public_key().n_bytes(),
                                                    k->public_key().e_bytes(), k->d_bytes().view());
        ASSERT_TRUE(nocrt.ok());
        auto sig2 = nocrt->sign_pkcs1(HashAlg::sha256, msg, rng);
        ASSERT_TRUE(sig2.ok());
        EXPECT_EQ(*sig, *sig2);
    }
}

TEST(Rsa, KeygenLargerSizesOnce) {
    // Slow (seconds) and independent of the backend cap beyond the Montgomery
    // multiplication the bn tests already compare: run once, in the uncapped run.
    const char* cap = std::getenv("KEEL_CPU");
    if (cap && *cap) GTEST_SKIP() << "runs only without KEEL_CPU";
    for (size_t bits : {3072u, 4096u}) {
        TestRng rng(bits);
        auto k = RsaPrivateKey::generate(rng, bits);
        ASSERT_TRUE(k.ok());
        EXPECT_EQ(k->modulus_bits(), bits);
        Bytes msg = {9};
        PssParams p{HashAlg::sha384, HashAlg::sha384, 48};
        auto sig = k->sign_pss(msg, p, rng);
        ASSERT_TRUE(sig.ok());
        EXPECT_TRUE(k->public_key().verify_pss(msg, *sig, p).ok());
    }
}

TEST(Rsa, KeygenRejectsBadSizes) {
    TestRng rng;
    EXPECT_FALSE(RsaPrivateKey::generate(rng, 1024).ok());
    EXPECT_FALSE(RsaPrivateKey::generate(rng, 2050).ok());
    EXPECT_FALSE(RsaPrivateKey::generate(rng, 16384).ok());
    EXPECT_EQ(RsaPrivateKey::generate(rng, 2048, 3).error().code(), Errc::unsupported);
}

TEST(Rsa, PssRoundTripsAndAutoSalt) {
    const auto& k = key2048();
    TestRng rng(9);
    Bytes msg(100, 0x42);
    for (HashAlg h : {HashAlg::sha1, HashAlg::sha256, HashAlg::sha512, HashAlg::sha3_256}) {
        for (size_t salt : {size_t{0}, size_t{20}, digest_size(h)}) {
            PssParams p{h, HashAlg::sha256, salt};
            auto sig = k.sign_pss(msg, p, rng);
            ASSERT_TRUE(sig.ok());
            EXPECT_TRUE(k.public_key().verify_pss(msg, *sig, p).ok());
            PssParams wrong = p;
            wrong.salt_len = salt + 1;
            EXPECT_FALSE(k.public_key().verify_pss(msg, *sig, wrong).ok());
            PssParams autos = wrong;
            autos.auto_salt_len = true;
            EXPECT_TRUE(k.public_key().verify_pss(msg, *sig, autos).ok());
            Bytes other = msg;
            other[0] ^= 1;
            EXPECT_FALSE(k.public_key().verify_pss(other, *sig, p).ok());
        }
    }
    // Salt too long for the modulus.
    PssParams huge{HashAlg::sha512, HashAlg::sha512, 256 - 64 - 1};
    EXPECT_FALSE(k.sign_pss(msg, huge, rng).ok());
}

TEST(Rsa, OaepAndPkcs1EncryptionRoundTrip) {
    const auto& k = key2048();
    TestRng rng(11);
    for (size_t len : {0u, 1u, 32u, 190u}) {
        Bytes msg(len, 0x33);
        Bytes label = {1, 2};
        OaepParams p{HashAlg::sha256, HashAlg::sha1, label};
        auto ct = k.public_key().encrypt_oaep(msg, p, rng);
        ASSERT_TRUE(ct.ok());
        auto pt = k.decrypt_oaep(*ct, p, rng);
        ASSERT_TRUE(pt.ok());
        EXPECT_EQ(Bytes(pt->view().begin(), pt->view().end()), msg);
        OaepParams other_label{HashAlg::sha256, HashAlg::sha1, {}};
        EXPECT_FALSE(k.decrypt_oaep(*ct, other_label, rng).ok());
        auto ct1 = k.public_key().encrypt_pkcs1(msg, rng);
        ASSERT_TRUE(ct1.ok());
        auto pt1 = k.decrypt_pkcs1(*ct1, rng);
        ASSERT_TRUE(pt1.ok());
        EXPECT_EQ(Bytes(pt1->view().begin(), pt1->view().end()), msg);
    }
    OaepParams p{HashAlg::sha256, HashAlg::sha256, {}};
    EXPECT_FALSE(k.public_key().encrypt_oaep(Bytes(191, 0), p, rng).ok());
    EXPECT_FALSE(k.public_key().encrypt_pkcs1(Bytes(246, 0), rng).ok());
}

int g_faults = 0;
void flip_one_bit(bn::Limb* m, size_t) {
    g_faults++;
    m[0] ^= 4;
}

TEST(Rsa, FaultCheckCatchesCorruptedResult) {
    const auto& k = key2048();
    TestRng rng(12);
    Bytes msg = {7};
    ASSERT_TRUE(k.sign_pkcs1(HashAlg::sha256, msg, rng).ok());
    detail::rsa_fault_injector = flip_one_bit;
    auto sig = k.sign_pkcs1(HashAlg::sha256, msg, rng);
    auto pt = k.decrypt_pkcs1(Bytes(256, 1), rng);
    detail::rsa_fault_injector = nullptr;
    EXPECT_EQ(g_faults, 2);
    ASSERT_FALSE(sig.ok());
    EXPECT_EQ(sig.error().code(), Errc::auth_failed);
    EXPECT_FALSE(pt.ok());
    EXPECT_TRUE(k.sign_pkcs1(HashAlg::sha256, msg, rng).ok());
}

TEST(Rsa, TlsPremasterImplicitRejection) {
    const auto& k = key2048();
    TestRng rng(13);
    const uint16_t version = 0x0303;
    Bytes pms(48, 0x77);
    pms[0] = 0x03;
    pms[1] = 0x03;
    auto ct = k.public_key().encrypt_pkcs1(pms, rng);
    ASSERT_TRUE(ct.ok());
    auto got = k.decrypt_tls_premaster(*ct, version, rng);
    EXPECT_EQ(Bytes(got.view().begin(), got.view().end()), pms);

    // Wrong version, wrong length, bad padding, garbage, wrong size: 48 bytes each,
    // deterministic per ciphertext, different from each other and from the real one.
    auto wrong_version = k.decrypt_tls_premaster(*ct, 0x0302, rng);
    EXPECT_NE(Bytes(wrong_version.view().begin(), wrong_version.view().end()), pms);
    auto short_msg = k.public_key().encrypt_pkcs1(Bytes(47, 3), rng);
    Bytes garbage(256, 0x11);
    Bytes too_short(100, 0x11);
    std::vector<Bytes> bad_inputs = {*short_msg, garbage, too_short, Bytes(256, 0xff)};
    std::vector<Bytes> outs;
    for (const Bytes& c : bad_inputs) {
        auto a = k.decrypt_tls_premaster(c, version, rng);
        auto b = k.decrypt_tls_premaster(c, version, rng);
        EXPECT_EQ(a.size(), 48u);
        EXPECT_EQ(Bytes(a.view().begin(), a.view().end()), Bytes(b.view().begin(), b.view().end()));
        EXPECT_NE(Bytes(a.view().begin(), a.view().end()), pms);
        outs.emplace_back(a.view().begin(), a.view().end());
    }
    for (size_t i = 0; i < outs.size(); i++) {
        for (size_t j = i + 1; j < outs.size(); j++) EXPECT_NE(outs[i], outs[j]);
    }
    // The synthetic value depends on the key: another key gives another value.
    TestRng rng2(14);
    auto other = RsaPrivateKey::generate(rng2, 2048);
    ASSERT_TRUE(other.ok());
    auto o = other->decrypt_tls_premaster(garbage, version, rng);
    EXPECT_NE(Bytes(o.view().begin(), o.view().end()), outs[1]);
}

TEST(Rsa, PublicKeyRejectsBadInput) {
    Bytes n(256, 0xc5);  // odd
    EXPECT_TRUE(RsaPublicKey::from_components(n, Bytes{1, 0, 1}).ok());
    EXPECT_FALSE(RsaPublicKey::from_components(n, Bytes{1}).ok());        // e = 1
    EXPECT_FALSE(RsaPublicKey::from_components(n, Bytes{1, 0, 0}).ok());  // even
    EXPECT_FALSE(RsaPublicKey::from_components(n, Bytes{}).ok());
    EXPECT_FALSE(RsaPublicKey::from_components(n, Bytes(257, 0xff)).ok());  // e > n
    Bytes even = n;
    even.back() = 0xc4;
    EXPECT_FALSE(RsaPublicKey::from_components(even, Bytes{3}).ok());
    Bytes huge(16384 / 8 + 1, 0xff);
    auto r = RsaPublicKey::from_components(huge, Bytes{3});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::invalid_argument);
    EXPECT_FALSE(RsaPublicKey::from_components(Bytes(32, 0xff), Bytes{3}).ok());  // 256 bits

    const auto& k = key2048();
    auto pub = k.public_key();
    Bytes msg = {1};
    TestRng rng(15);
    auto sig = k.sign_pkcs1(HashAlg::sha256, msg, rng).value();
    // Signature >= n, wrong lengths, wrong hash.
    EXPECT_EQ(pub.verify_pkcs1(HashAlg::sha256, msg, pub.n_bytes()).error().code(),
              Errc::malformed);
    EXPECT_EQ(pub.verify_pkcs1(HashAlg::sha256, msg, Bytes(256, 0xff)).error().code(),
              Errc::malformed);
    Bytes longer = sig;
    longer.insert(longer.begin(), 0);
    EXPECT_EQ(pub.verify_pkcs1(HashAlg::sha256, msg, longer).error().code(), Errc::malformed);
    EXPECT_EQ(
        pub.verify_pkcs1(HashAlg::sha256, msg, Bytes(sig.begin() + 1, sig.end())).error().code(),
        Errc::malformed);
    EXPECT_EQ(pub.verify_pkcs1(HashAlg::sha384, msg, sig).error().code(), Errc::auth_failed);
    EXPECT_TRUE(pub.verify_pkcs1(HashAlg::sha256, msg, sig).ok());
    EXPECT_FALSE(k.raw_private(pub.n_bytes(), rng).ok());
    EXPECT_FALSE(k.raw_private(Bytes(255, 1), rng).ok());
    EXPECT_FALSE(k.decrypt_oaep(Bytes(255, 1), OaepParams{}, rng).ok());
}

TEST(Rsa, PrivateKeyRejectsInconsistentComponents) {
    const auto& k = key2048();
    auto pub = k.public_key();
    auto p = k.p_bytes(), q = k.q_bytes(), d = k.d_bytes();
    Bytes one = {1};
    // n != p q.
    Bytes q2(q.view().begin(), q.view().end());
    q2.back() ^= 2;
    EXPECT_FALSE(RsaPrivateKey::from_components(pub.n_bytes(), pub.e_bytes(), d.view(), p.view(),
                                                q2, one, one, one)
                     .ok());
    // dp >= p.
    Bytes big(128, 0xff);
    EXPECT_FALSE(RsaPrivateKey::from_components(pub.n_bytes(), pub.e_bytes(), d.view(), p.view(),
                                                q.view(), big, one, one)
                     .ok());
    // d >= n.
    EXPECT_FALSE(
        RsaPrivateKey::from_components(pub.n_bytes(), pub.e_bytes(), Bytes(256, 0xff)).ok());
    // Wrong CRT exponents load but every use fails the fault check.
    auto bad = RsaPrivateKey::from_components(pub.n_bytes(), pub.e_bytes(), d.view(), p.view(),
                                              q.view(), one, one, one);
    ASSERT_TRUE(bad.ok());
    TestRng rng(16);
    EXPECT_FALSE(bad->sign_pkcs1(HashAlg::sha256, Bytes{1}, rng).ok());
}

TEST(Rsa, DigestInfoPrefixes) {
    // Every prefix ends with 04 hLen and encodes its own length correctly.
    for (HashAlg h : {HashAlg::md5, HashAlg::sha1, HashAlg::sha224, HashAlg::sha256,
                      HashAlg::sha384, HashAlg::sha512, HashAlg::sha512_224, HashAlg::sha512_256,
                      HashAlg::sha3_224, HashAlg::sha3_256, HashAlg::sha3_384, HashAlg::sha3_512}) {
        auto p = detail::digest_info_prefix(h);
        ASSERT_TRUE(p.has_value());
        EXPECT_EQ((*p)[0], 0x30);
        EXPECT_EQ(size_t((*p)[1]) + 2, p->size() + digest_size(h));
        EXPECT_EQ((*p)[p->size() - 1], digest_size(h));
        EXPECT_EQ((*p)[p->size() - 2], 0x04);
    }
}

}  // namespace
}  // namespace keel::crypto
