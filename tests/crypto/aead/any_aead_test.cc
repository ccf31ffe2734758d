#include "crypto/aead/any_aead.h"

#include <gtest/gtest.h>

#include <random>

#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;
using test::unhex;

constexpr AeadAlg kAll[] = {AeadAlg::aes128_gcm,         AeadAlg::aes256_gcm,
                            AeadAlg::chacha20_poly1305,  AeadAlg::xchacha20_poly1305,
                            AeadAlg::aes128_ccm,         AeadAlg::aes256_ccm,
                            AeadAlg::aes128_ccm8,        AeadAlg::aes256_ccm8};

// What the concrete class produces for the same inputs: the wrapper must add nothing.
template <class T>
Bytes direct(ByteView key, ByteView nonce, ByteView aad, Bytes text, size_t tag_len) {
    auto a = T::create(key);
    EXPECT_TRUE(a.ok());
    Bytes tag(tag_len);
    EXPECT_TRUE(a->seal(nonce, aad, text, tag).ok());
    text.insert(text.end(), tag.begin(), tag.end());
    return text;
}

Bytes direct_for(AeadAlg alg, ByteView key, ByteView nonce, ByteView aad, const Bytes& text) {
    size_t t = aead_tag_size(alg);
    switch (alg) {
        case AeadAlg::aes128_gcm:
        case AeadAlg::aes256_gcm: return direct<AesGcm>(key, nonce, aad, text, t);
        case AeadAlg::chacha20_poly1305:
            return direct<ChaCha20Poly1305>(key, nonce, aad, text, t);
        case AeadAlg::xchacha20_poly1305:
            return direct<XChaCha20Poly1305>(key, nonce, aad, text, t);
        default: return direct<AesCcm>(key, nonce, aad, text, t);
    }
}

TEST(Aead, MatchesConcreteClassesAndRoundTrips) {
    std::mt19937 rng(7);
    auto random = [&](size_t n) {
        Bytes b(n);
        for (auto& v : b) v = static_cast<uint8_t>(rng());
        return b;
    };
    for (AeadAlg alg : kAll) {
        for (size_t len : {0, 1, 15, 16, 17, 255, 1000}) {
            Bytes key = random(aead_key_size(alg)), nonce = random(aead_nonce_size(alg));
            Bytes aad = random(len % 40), text = random(len);
            auto a = Aead::create(alg, key);
            ASSERT_TRUE(a.ok()) << aead_name(alg);
            Bytes buf = text, tag(a->tag_size());
            ASSERT_TRUE(a->seal(nonce, aad, buf, tag).ok());
            Bytes sealed = buf;
            sealed.insert(sealed.end(), tag.begin(), tag.end());
            EXPECT_EQ(sealed, direct_for(alg, key, nonce, aad, text)) << aead_name(alg);
            ASSERT_TRUE(a->open(nonce, aad, buf, tag).ok());
            EXPECT_EQ(buf, text);
        }
    }
}

TEST(Aead, KnownAnswers) {
    // RFC 8439 §2.8.2.
    Bytes key = unhex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    Bytes nonce = unhex("070000004041424344454647");
    Bytes aad = unhex("50515253c0c1c2c3c4c5c6c7");
    std::string pt =
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
        "future, sunscreen would be it.";
    Bytes buf(pt.begin(), pt.end()), tag(16);
    auto a = Aead::create(AeadAlg::chacha20_poly1305, key);
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE(a->seal(nonce, aad, buf, tag).ok());
    EXPECT_EQ(hex(tag), "1ae10b594f09e26a7e902ecbd0600691");
    EXPECT_EQ(hex(ByteView(buf).first(16)), "d31a8d34648e60db7b86afbc53ef7ec2");

    // GCM spec (McGrew-Viega) test case 2: AES-128, zero key, zero IV, one zero block.
    auto g = Aead::create(AeadAlg::aes128_gcm, Bytes(16, 0));
    ASSERT_TRUE(g.ok());
    Bytes block(16, 0), gtag(16);
    ASSERT_TRUE(g->seal(Bytes(12, 0), {}, block, gtag).ok());
    EXPECT_EQ(hex(block), "0388dace60b6a392f328c2b971b2fe78");
    EXPECT_EQ(hex(gtag), "ab6e47d42cec13bdf53a67b21257bddf");
}

TEST(Aead, RejectsWrongKeyNonceAndTagSizes) {
    // AES-GCM itself accepts 16/24/32-byte keys; the algorithm id pins one.
    EXPECT_EQ(Aead::create(AeadAlg::aes128_gcm, Bytes(32)).error().code(),
              Errc::invalid_argument);
    EXPECT_EQ(Aead::create(AeadAlg::aes256_ccm8, Bytes(16)).error().code(),
              Errc::invalid_argument);
    EXPECT_FALSE(Aead::create(AeadAlg::chacha20_poly1305, Bytes(31)).ok());

    auto a = Aead::create(AeadAlg::aes128_ccm8, Bytes(16, 1));
    ASSERT_TRUE(a.ok());
    Bytes buf(20, 5), tag8(8), tag16(16);
    EXPECT_FALSE(a->seal(Bytes(11), {}, buf, tag8).ok());  // CCM allows 11, TLS does not
    EXPECT_FALSE(a->seal(Bytes(12), {}, buf, tag16).ok());
    EXPECT_EQ(buf, Bytes(20, 5));  // framing errors change nothing
    ASSERT_TRUE(a->seal(Bytes(12), {}, buf, tag8).ok());
}

TEST(Aead, TamperedRecordFailsAndReleasesNothing) {
    for (AeadAlg alg : kAll) {
        auto a = Aead::create(alg, Bytes(aead_key_size(alg), 9));
        ASSERT_TRUE(a.ok());
        Bytes nonce(a->nonce_size(), 3), aad = {1, 2, 3}, buf(64, 0x42), tag(a->tag_size());
        ASSERT_TRUE(a->seal(nonce, aad, buf, tag).ok());
        buf[10] ^= 1;
        auto r = a->open(nonce, aad, buf, tag);
        ASSERT_FALSE(r.ok()) << aead_name(alg);
        EXPECT_EQ(r.error().code(), Errc::auth_failed);
        EXPECT_EQ(buf, Bytes(64, 0)) << aead_name(alg);
    }
}

}  // namespace
}  // namespace keel::crypto
