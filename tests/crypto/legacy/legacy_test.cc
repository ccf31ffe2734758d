#include <gtest/gtest.h>

#include <random>
#include <string>

#include "crypto/legacy/des.h"
#include "crypto/legacy/rc4.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;
using test::unhex;

std::string des_ecb(const char* key, const char* pt) {
    auto d = Des::create(unhex(key));
    EXPECT_TRUE(d.ok());
    Bytes in = unhex(pt), out(in.size());
    d->encrypt_blocks(in.data(), out.data(), in.size() / 8);
    Bytes back(out.size());
    d->decrypt_blocks(out.data(), back.data(), out.size() / 8);
    EXPECT_EQ(back, in);
    return hex(out);
}

// The worked example of FIPS 46-3 tutorials (key 133457799BBCDFF1) and the
// SP 800-67 Rev. 1 Appendix B 3DES-EDE example ("The qufck brown fox jump").
TEST(Des, KnownAnswers) {
    EXPECT_EQ(des_ecb("133457799bbcdff1", "0123456789abcdef"), "85e813540f0ab405");
    EXPECT_EQ(des_ecb("0123456789abcdef23456789abcdef01456789abcdef0123",
                      "5468652071756663"
                      "6b2062726f776e20"
                      "666f78206a756d70"),
              "a826fd8ce53b855fcce21c8112256fe668d5c05dd9b6b900");
}

// FIPS 81 Appendix C, CBC: "Now is the time for all ".
TEST(Des, Fips81Cbc) {
    auto d = Des::create(unhex("0123456789abcdef"));
    ASSERT_TRUE(d.ok());
    const Bytes iv = unhex("1234567890abcdef");
    const Bytes pt = unhex("4e6f77206973207468652074696d6520666f7220616c6c20");
    Bytes ct(pt.size());
    ASSERT_TRUE(d->cbc_encrypt(iv, pt, ct).ok());
    EXPECT_EQ(hex(ct), "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6");
    ASSERT_TRUE(d->cbc_decrypt(iv, ct, ct).ok());
    EXPECT_EQ(ct, pt);
}

// 3DES with K1 = K2 = K3 is single DES, and two-key 3DES is K1 K2 K1: checks the EDE
// order and the key split.
TEST(Des, TripleDesDegeneratesToDes) {
    std::mt19937_64 rng(46);
    for (int c = 0; c < 200; c++) {
        Bytes k(8), pt(16);
        for (auto& x : k) x = static_cast<uint8_t>(rng());
        for (auto& x : pt) x = static_cast<uint8_t>(rng());
        Bytes k3 = k;
        k3.insert(k3.end(), k.begin(), k.end());
        k3.insert(k3.end(), k.begin(), k.end());
        auto single = Des::create(k), triple = Des::create(k3);
        ASSERT_TRUE(single.ok() && triple.ok());
        EXPECT_TRUE(triple->triple());
        Bytes a(16), b(16);
        single->encrypt_blocks(pt.data(), a.data(), 2);
        triple->encrypt_blocks(pt.data(), b.data(), 2);
        EXPECT_EQ(a, b);
        Bytes two(k3.begin(), k3.begin() + 16);
        for (size_t i = 8; i < 16; i++) two[i] ^= static_cast<uint8_t>(rng() | 1);
        Bytes three = two;
        three.insert(three.end(), two.begin(), two.begin() + 8);
        auto t2 = Des::create(two), t3 = Des::create(three);
        ASSERT_TRUE(t2.ok() && t3.ok());
        t2->encrypt_blocks(pt.data(), a.data(), 2);
        t3->encrypt_blocks(pt.data(), b.data(), 2);
        EXPECT_EQ(a, b);
    }
}

TEST(Des, CbcRoundTripAndBadInput) {
    auto d = Des::create(unhex("0123456789abcdef23456789abcdef01456789abcdef0123"));
    ASSERT_TRUE(d.ok());
    const Bytes iv(8, 0x42);
    for (size_t n : {0, 8, 16, 64, 800}) {
        Bytes pt(n);
        for (size_t i = 0; i < n; i++) pt[i] = static_cast<uint8_t>(i * 7);
        Bytes ct(n);
        ASSERT_TRUE(d->cbc_encrypt(iv, pt, ct).ok());
        Bytes back = ct;
        ASSERT_TRUE(d->cbc_decrypt(iv, back, back).ok());
        EXPECT_EQ(back, pt);
    }
    Bytes in(12), out(12);
    EXPECT_EQ(d->cbc_encrypt(iv, in, out).error().code(), Errc::invalid_argument);
    EXPECT_EQ(d->cbc_decrypt(iv, in, out).error().code(), Errc::invalid_argument);
    Bytes in8(8), out8(8);
    EXPECT_FALSE(d->cbc_encrypt(Bytes(7), in8, out8).ok());
    Bytes out16(16);
    EXPECT_FALSE(d->cbc_encrypt(iv, in8, out16).ok());
    for (size_t n : {0, 7, 9, 15, 17, 23, 25, 32}) EXPECT_FALSE(Des::create(Bytes(n)).ok()) << n;
}

// RFC 6229 keystreams (offsets 0, 16, 768 and 4096 of the 40-bit and 128-bit keys),
// produced in pieces of odd sizes to check that the state carries across calls.
TEST(Rc4, Rfc6229) {
    struct Case {
        const char* key;
        size_t offset;
        const char* stream;
    } cases[] = {
        {"0102030405", 0, "b2396305f03dc027ccc3524a0a1118a8"},
        {"0102030405", 16, "6982944f18fc82d589c403a47a0d0919"},
        {"0102030405", 768, "eb62638d4f0ba1fe9fca20e05bf8ff2b"},
        {"0102030405", 4096, "ff25b58995996707e51fbdf08b34d875"},
        {"0102030405060708090a0b0c0d0e0f10", 0, "9ac7cc9a609d1ef7b2932899cde41b97"},
        {"0102030405060708090a0b0c0d0e0f10", 4096, "a36a4c301ae8ac13610ccbc12256cacc"},
    };
    for (const auto& c : cases) {
        auto rc4 = Rc4::create(unhex(c.key));
        ASSERT_TRUE(rc4.ok());
        Bytes stream(c.offset + 16, 0);
        size_t done = 0, step = 1;
        while (done < stream.size()) {
            const size_t n = std::min(step, stream.size() - done);
            MutableByteView part(stream.data() + done, n);
            ASSERT_TRUE(rc4->crypt(part, part).ok());
            done += n;
            step = step * 3 % 101 + 1;
        }
        EXPECT_EQ(hex(ByteView(stream).subspan(c.offset)), c.stream) << c.key << " " << c.offset;
    }
}

TEST(Rc4, RoundTripAndBadInput) {
    auto a = Rc4::create(as_bytes("Key")), b = Rc4::create(as_bytes("Key"));
    ASSERT_TRUE(a.ok() && b.ok());
    const Bytes pt(as_bytes("Plaintext").begin(), as_bytes("Plaintext").end());
    Bytes ct(pt.size());
    ASSERT_TRUE(a->crypt(pt, ct).ok());
    EXPECT_EQ(hex(ct), "bbf316e8d940af0ad3");  // the classic "Key"/"Plaintext" example
    ASSERT_TRUE(b->crypt(ct, ct).ok());
    EXPECT_EQ(ct, pt);
    EXPECT_FALSE(Rc4::create(ByteView()).ok());
    EXPECT_FALSE(Rc4::create(Bytes(257, 1)).ok());
    EXPECT_TRUE(Rc4::create(Bytes(256, 1)).ok());
    Bytes out(3);
    EXPECT_EQ(a->crypt(pt, out).error().code(), Errc::invalid_argument);
}

}  // namespace
}  // namespace keel::crypto
