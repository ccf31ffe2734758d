#include "crypto/mac/hmac.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "crypto/hash/md5.h"
#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "crypto/sha3/sha3.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;
using test::unhex;

Bytes repeat(uint8_t b, size_t n) {
    return Bytes(n, b);
}
Bytes str(std::string_view s) {
    return Bytes(s.begin(), s.end());
}

// RFC 4231 §4.2-4.8: the same seven (key, data) pairs for every SHA-2 hash.
struct Rfc4231Case {
    Bytes key;
    Bytes data;
};
std::vector<Rfc4231Case> rfc4231_inputs() {
    Bytes key4;
    for (int i = 1; i <= 25; i++) key4.push_back(static_cast<uint8_t>(i));
    return {
        {repeat(0x0b, 20), str("Hi There")},
        {str("Jefe"), str("what do ya want for nothing?")},
        {repeat(0xaa, 20), repeat(0xdd, 50)},
        {key4, repeat(0xcd, 50)},
        {repeat(0x0c, 20), str("Test With Truncation")},
        {repeat(0xaa, 131), str("Test Using Larger Than Block-Size Key - Hash Key First")},
        {repeat(0xaa, 131),
         str("This is a test using a larger than block-size key and a larger than block-size "
             "data. The key needs to be hashed before being used by the HMAC algorithm.")},
    };
}

// Test case 5 gives only the first 128 bits: the truncated-tag case.
template <class H>
void check_rfc4231(const std::vector<std::string>& expected) {
    auto inputs = rfc4231_inputs();
    ASSERT_EQ(inputs.size(), expected.size());
    for (size_t i = 0; i < inputs.size(); i++) {
        SCOPED_TRACE("RFC 4231 test case " + std::to_string(i + 1));
        Bytes want = unhex(expected[i]);
        auto tag = Hmac<H>::mac(inputs[i].key, inputs[i].data);
        EXPECT_EQ(hex(ByteView(tag.data(), want.size())), expected[i]);
        if (want.size() == H::kDigestSize) {
            EXPECT_TRUE(Hmac<H>::verify(inputs[i].key, inputs[i].data, want).ok());
        } else {
            // A 128-bit tag verifies only when the caller opts into truncation.
            EXPECT_FALSE(Hmac<H>::verify(inputs[i].key, inputs[i].data, want).ok());
            EXPECT_TRUE(Hmac<H>::verify(inputs[i].key, inputs[i].data, want, 16).ok());
            EXPECT_FALSE(Hmac<H>::verify(inputs[i].key, inputs[i].data, want, 17).ok());
        }
    }
}

TEST(HmacSha224, Rfc4231) {
    check_rfc4231<Sha224>({
        "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22",
        "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44",
        "7fb3cb3588c6c1f6ffa9694d7d6ad2649365b0c1f65d69d1ec8333ea",
        "6c11506874013cac6a2abc1bb382627cec6a90d86efc012de7afec5a",
        "0e2aea68a90c8d37c988bcdb9fca6fa8",
        "95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e",
        "3a854166ac5d9f023f54d517d0b39dbd946770db9c2b95c9f6f565d1",
    });
}

TEST(HmacSha256, Rfc4231) {
    check_rfc4231<Sha256>({
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
        "a3b6167473100ee06e0c796c2955552b",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    });
}

TEST(HmacSha384, Rfc4231) {
    check_rfc4231<Sha384>({
        "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2"
        "fa9cb6",
        "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfa"
        "b21649",
        "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101"
        "a34f27",
        "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c6"
        "74cffb",
        "3abf34c3503b2a23a46efc619baef897",
        "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163"
        "f44952",
        "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c"
        "46523e",
    });
}

TEST(HmacSha512, Rfc4231) {
    check_rfc4231<Sha512>({
        "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eae"
        "a3f4e4be9d914eeb61f1702e696c203a126854",
        "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8"
        "f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
        "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e"
        "67c807b946a337bee8942674278859e13292fb",
        "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5"
        "788063a5f19741120c4f2de2adebeb10a298dd",
        "415fad6271580a531d4179bc891d87a6",
        "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d"
        "6a1e5295e64f73f63f0aec8b915a985d786598",
        "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3"
        "e4de15134676fb6de0446065c97440fa8c6a58",
    });
}

// RFC 2202 §2 (HMAC-MD5) and §3 (HMAC-SHA-1): the same seven inputs, with the key
// length of cases 1, 3 and 5 equal to the digest size and 80-byte keys in 6 and 7.
template <class H>
void check_rfc2202(const std::vector<std::string>& expected) {
    constexpr size_t n = H::kDigestSize;
    Bytes key4;
    for (int i = 1; i <= 25; i++) key4.push_back(static_cast<uint8_t>(i));
    std::vector<Rfc4231Case> inputs = {
        {repeat(0x0b, n), str("Hi There")},
        {str("Jefe"), str("what do ya want for nothing?")},
        {repeat(0xaa, n), repeat(0xdd, 50)},
        {key4, repeat(0xcd, 50)},
        {repeat(0x0c, n), str("Test With Truncation")},
        {repeat(0xaa, 80), str("Test Using Larger Than Block-Size Key - Hash Key First")},
        {repeat(0xaa, 80),
         str("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data")},
    };
    for (size_t i = 0; i < inputs.size(); i++) {
        SCOPED_TRACE("RFC 2202 test case " + std::to_string(i + 1));
        auto tag = Hmac<H>::mac(inputs[i].key, inputs[i].data);
        EXPECT_EQ(hex(tag), expected[i]);
        EXPECT_TRUE(Hmac<H>::verify(inputs[i].key, inputs[i].data, unhex(expected[i])).ok());
    }
    // Case 5's HMAC-*-96: the first 12 bytes, accepted only with the opt-in.
    Bytes t96 = unhex(expected[4].substr(0, 24));
    EXPECT_FALSE(Hmac<H>::verify(inputs[4].key, inputs[4].data, t96).ok());
    EXPECT_TRUE(Hmac<H>::verify(inputs[4].key, inputs[4].data, t96, 12).ok());
}

TEST(HmacMd5, Rfc2202) {
    check_rfc2202<Md5>({"9294727a3638bb1c13f48ef8158bfc9d", "750c783e6ab0b503eaa86e310a5db738",
                        "56be34521d144c88dbb8c733f0e8b3f6", "697eaf0aca3a3aea3a75164746ffaa79",
                        "56461ef2342edc00f9bab995690efd4c", "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd",
                        "6f630fad67cda0ee1fb1f562db3aa53e"});
}

TEST(HmacSha1, Rfc2202) {
    check_rfc2202<Sha1>(
        {"b617318655057264e28bc0b6fb378c8ef146be00", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
         "125d7342b9ac11cd91a39af48aa17b4f63f175d3", "4c9007f4026250c6bc8414f9bf50c86c2d7235da",
         "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04", "aa4ae5e15272d00e95705637ce8a3b55ed402112",
         "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"});
}

// Wycheproof MacTest: tagSize (bits) may truncate; invalid cases carry modified tags.
template <class H>
void check_wycheproof(const std::string& file) {
    const auto& root = test::load_vectors("wycheproof/" + file);
    size_t ran = 0;
    for (const auto& group : root["testGroups"].as_array()) {
        size_t tag_len = static_cast<size_t>(group["tagSize"].as_int()) / 8;
        for (const auto& t : group["tests"].as_array()) {
            SCOPED_TRACE(file + " tcId " + std::to_string(t["tcId"].as_int()));
            Bytes key = t["key"].as_hex();
            Bytes msg = t["msg"].as_hex();
            Bytes tag = t["tag"].as_hex();
            bool valid = t["result"].as_string() == "valid";
            ASSERT_EQ(tag.size(), tag_len);
            auto full = Hmac<H>::mac(key, msg);
            EXPECT_EQ(hex(ByteView(full.data(), tag_len)) == hex(tag), valid);
            EXPECT_EQ(Hmac<H>::verify(key, msg, tag, tag_len).ok(), valid);
            if (tag_len < H::kDigestSize) {
                // Without the opt-in a truncated tag never verifies.
                EXPECT_FALSE(Hmac<H>::verify(key, msg, tag).ok());
            }
            ran++;
        }
    }
    EXPECT_EQ(ran, static_cast<size_t>(root["numberOfTests"].as_int()));
}

TEST(HmacSha224, Wycheproof) {
    check_wycheproof<Sha224>("hmac_sha224_test.json");
}
TEST(HmacSha256, Wycheproof) {
    check_wycheproof<Sha256>("hmac_sha256_test.json");
}
TEST(HmacSha1, Wycheproof) {
    check_wycheproof<Sha1>("hmac_sha1_test.json");
}
TEST(HmacSha384, Wycheproof) {
    check_wycheproof<Sha384>("hmac_sha384_test.json");
}
TEST(HmacSha512, Wycheproof) {
    check_wycheproof<Sha512>("hmac_sha512_test.json");
}
TEST(HmacSha3_224, Wycheproof) {
    check_wycheproof<Sha3_224>("hmac_sha3_224_test.json");
}
TEST(HmacSha3_256, Wycheproof) {
    check_wycheproof<Sha3_256>("hmac_sha3_256_test.json");
}
TEST(HmacSha3_384, Wycheproof) {
    check_wycheproof<Sha3_384>("hmac_sha3_384_test.json");
}
TEST(HmacSha3_512, Wycheproof) {
    check_wycheproof<Sha3_512>("hmac_sha3_512_test.json");
}

// RFC 2104 §2 written out with the hash alone: an independent statement of the key
// handling (hash long keys, pad, xor) to compare the keyed-state implementation with.
template <class H>
typename H::Digest hmac_by_definition(ByteView key, ByteView msg) {
    Bytes k(key.begin(), key.end());
    if (k.size() > H::kBlockSize) {
        H h;
        h.update(key);
        auto d = h.final();
        k.assign(d.begin(), d.end());
    }
    k.resize(H::kBlockSize, 0);
    Bytes ipad(k), opad(k);
    for (auto& b : ipad) b ^= 0x36;
    for (auto& b : opad) b ^= 0x5c;
    H inner;
    inner.update(ipad);
    inner.update(msg);
    auto ih = inner.final();
    H outer;
    outer.update(opad);
    outer.update(ih);
    return outer.final();
}

// Key lengths around the block size (hashing threshold) and message lengths around
// every block boundary, fed in random splits; the object is reused across messages.
template <class H>
void check_random_against_definition() {
    std::mt19937 rng(4231);
    auto fill = [&](size_t n) {
        Bytes b(n);
        for (auto& x : b) x = static_cast<uint8_t>(rng());
        return b;
    };
    std::vector<size_t> key_lens = {0,
                                    1,
                                    H::kDigestSize,
                                    H::kBlockSize - 1,
                                    H::kBlockSize,
                                    H::kBlockSize + 1,
                                    2 * H::kBlockSize + 3};
    for (size_t key_len : key_lens) {
        Bytes key = fill(key_len);
        Hmac<H> m(key);
        for (size_t len = 0; len <= 3 * H::kBlockSize + 2; len++) {
            Bytes msg = fill(len);
            size_t pos = 0;
            while (pos < len) {
                size_t step = std::min<size_t>(len - pos, rng() % (H::kBlockSize + 9));
                m.update(ByteView(msg.data() + pos, step));
                pos += step;
            }
            auto want = hmac_by_definition<H>(key, msg);
            ASSERT_EQ(hex(m.final()), hex(want)) << "key " << key_len << " msg " << len;
            ASSERT_EQ(hex(Hmac<H>::mac(key, msg)), hex(want));
        }
    }
}

TEST(HmacSha256, RandomSplitsMatchDefinition) {
    check_random_against_definition<Sha256>();
}
TEST(HmacSha384, RandomSplitsMatchDefinition) {
    check_random_against_definition<Sha384>();
}
TEST(HmacSha512, RandomSplitsMatchDefinition) {
    check_random_against_definition<Sha512>();
}
TEST(HmacSha1, RandomSplitsMatchDefinition) {
    check_random_against_definition<Sha1>();
}
TEST(HmacMd5, RandomSplitsMatchDefinition) {
    check_random_against_definition<Md5>();
}
TEST(HmacSha3_256, RandomSplitsMatchDefinition) {
    check_random_against_definition<Sha3_256>();
}
TEST(HmacSha3_512, RandomSplitsMatchDefinition) {
    check_random_against_definition<Sha3_512>();
}
TEST(HmacSha224, RandomSplitsMatchDefinition) {
    check_random_against_definition<Sha224>();
}

TEST(HmacSha256, ResetDropsMessageKeepsKey) {
    Hmac<Sha256> m(as_bytes("key"));
    m.update(as_bytes("garbage"));
    m.reset();
    m.update(as_bytes("message"));
    EXPECT_EQ(m.final(), Hmac<Sha256>::mac(as_bytes("key"), as_bytes("message")));
}

TEST(HmacSha256, CopyIsIndependent) {
    Hmac<Sha256> a(as_bytes("key"));
    a.update(as_bytes("mess"));
    Hmac<Sha256> b = a;
    b.update(as_bytes("age"));
    a.update(as_bytes("y"));
    EXPECT_EQ(b.final(), Hmac<Sha256>::mac(as_bytes("key"), as_bytes("message")));
    EXPECT_EQ(a.final(), Hmac<Sha256>::mac(as_bytes("key"), as_bytes("messy")));
}

TEST(HmacSha256, VerifyRejectsTruncatedTagByDefault) {
    Bytes key = repeat(7, 32);
    auto tag = Hmac<Sha256>::mac(key, as_bytes("m"));
    for (size_t n = 0; n < tag.size(); n++) {
        auto r = Hmac<Sha256>::verify(key, as_bytes("m"), ByteView(tag.data(), n));
        ASSERT_FALSE(r.ok()) << n;
        EXPECT_EQ(r.error().code(), Errc::auth_failed);
    }
    EXPECT_TRUE(Hmac<Sha256>::verify(key, as_bytes("m"), tag).ok());
}

TEST(HmacSha256, VerifyRejectsExtendedTag) {
    Bytes key = repeat(7, 32);
    auto tag = Hmac<Sha256>::mac(key, as_bytes("m"));
    Bytes longer(tag.begin(), tag.end());
    longer.push_back(0);
    for (size_t min : {size_t{1}, size_t{16}, size_t{32}}) {
        auto r = Hmac<Sha256>::verify(key, as_bytes("m"), longer, min);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::auth_failed);
    }
}

TEST(HmacSha256, VerifyTruncatedOnlyDownToTheStatedMinimum) {
    Bytes key = repeat(9, 10);
    auto tag = Hmac<Sha256>::mac(key, as_bytes("data"));
    for (size_t n = 1; n <= tag.size(); n++) {
        ByteView t(tag.data(), n);
        EXPECT_EQ(Hmac<Sha256>::verify(key, as_bytes("data"), t, 12).ok(), n >= 12) << n;
    }
}

TEST(HmacSha256, VerifyRejectsEveryFlippedBit) {
    Bytes key = repeat(1, 40);
    auto tag = Hmac<Sha256>::mac(key, as_bytes("x"));
    for (size_t bit = 0; bit < 8 * tag.size(); bit++) {
        auto bad = tag;
        bad[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
        EXPECT_FALSE(Hmac<Sha256>::verify(key, as_bytes("x"), bad).ok()) << bit;
        EXPECT_FALSE(Hmac<Sha256>::verify(key, as_bytes("x"), bad, 1).ok()) << bit;
    }
}

TEST(HmacSha256, VerifyRejectsBadMinimumLength) {
    Bytes key = repeat(1, 4);
    auto tag = Hmac<Sha256>::mac(key, {});
    for (size_t min : {size_t{0}, size_t{33}, size_t{1000}}) {
        auto r = Hmac<Sha256>::verify(key, {}, tag, min);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::invalid_argument);
    }
}

TEST(HmacSha256, FinalIntoTruncatesAndRejectsBadLengths) {
    Hmac<Sha256> m(as_bytes("k"));
    auto full = Hmac<Sha256>::mac(as_bytes("k"), as_bytes("abc"));
    uint8_t out[33];
    m.update(as_bytes("abc"));
    ASSERT_TRUE(m.final_into(MutableByteView(out, 10)).ok());
    EXPECT_EQ(hex(ByteView(out, 10)), hex(ByteView(full.data(), 10)));
    EXPECT_EQ(m.final_into(MutableByteView(out, 0)).error().code(), Errc::invalid_argument);
    EXPECT_EQ(m.final_into(MutableByteView(out, 33)).error().code(), Errc::invalid_argument);
}

TEST(HmacSha256, StreamedVerify) {
    Hmac<Sha256> m(as_bytes("k"));
    auto tag = Hmac<Sha256>::mac(as_bytes("k"), as_bytes("hello world"));
    m.update(as_bytes("hello "));
    m.update(as_bytes("world"));
    EXPECT_TRUE(m.verify_final(tag).ok());
    // verify_final leaves the object keyed and empty, like final().
    m.update(as_bytes("hello world"));
    EXPECT_TRUE(m.verify_final(tag).ok());
    m.update(as_bytes("hello worle"));
    EXPECT_FALSE(m.verify_final(tag).ok());
}

}  // namespace
}  // namespace keel::crypto
