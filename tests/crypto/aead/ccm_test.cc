#include "crypto/aead/ccm.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;
using test::unhex;

Bytes random_bytes(std::mt19937_64& rng, size_t n) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    return b;
}

struct Sealed {
    Bytes ct;
    Bytes tag;
};

Sealed seal(const AesCcm& ccm, ByteView nonce, ByteView aad, ByteView pt, size_t tag_len) {
    Sealed s{Bytes(pt.begin(), pt.end()), Bytes(tag_len)};
    auto r = ccm.seal(nonce, aad, s.ct, s.tag);
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return s;
}

struct Example {
    const char *key, *nonce, *aad, *pt, *ct, *tag;
};

// SP 800-38C Appendix C.1-C.3 and RFC 3610 §8 packet vectors #1-#3 (the first 8
// bytes of each RFC packet are the header, i.e. the AAD).
const Example kExamples[] = {
    {"404142434445464748494a4b4c4d4e4f", "10111213141516", "0001020304050607", "20212223",
     "7162015b", "4dac255d"},
    {"404142434445464748494a4b4c4d4e4f", "1011121314151617", "000102030405060708090a0b0c0d0e0f",
     "202122232425262728292a2b2c2d2e2f", "d2a1f0e051ea5f62081a7792073d593d", "1fc64fbfaccd"},
    {"404142434445464748494a4b4c4d4e4f", "101112131415161718191a1b",
     "000102030405060708090a0b0c0d0e0f10111213", "202122232425262728292a2b2c2d2e2f3031323334353637",
     "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5", "484392fbc1b09951"},
    {"c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000003020100a0a1a2a3a4a5", "0001020304050607",
     "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
     "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384", "17e8d12cfdf926e0"},
    {"c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000004030201a0a1a2a3a4a5", "0001020304050607",
     "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
     "72c91a36e135f8cf291ca894085c87e3cc15c439c9e43a3b", "a091d56e10400916"},
    {"c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000005040302a0a1a2a3a4a5", "0001020304050607",
     "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20",
     "51b1e5f44a197d1da46b0f8e2d282ae871e838bb64da859657", "4adaa76fbd9fb0c5"},
};

TEST(AesCcm, Sp80038cAndRfc3610Examples) {
    for (AesBackend b : Aes::backends()) {
        for (const auto& e : kExamples) {
            auto ccm = AesCcm::create(unhex(e.key), b);
            ASSERT_TRUE(ccm.ok());
            const Bytes nonce = unhex(e.nonce), aad = unhex(e.aad);
            Sealed s = seal(*ccm, nonce, aad, unhex(e.pt), std::string(e.tag).size() / 2);
            EXPECT_EQ(hex(s.ct), e.ct) << aes_backend_name(b);
            EXPECT_EQ(hex(s.tag), e.tag) << aes_backend_name(b);
            ASSERT_TRUE(ccm->open(nonce, aad, s.ct, s.tag).ok());
            EXPECT_EQ(hex(s.ct), e.pt);
        }
    }
}

// SP 800-38C C.4: 2^16 bytes of AAD, which takes the 0xff 0xfe length encoding.
TEST(AesCcm, Sp80038cExample4LongAad) {
    Bytes aad(65536);
    for (size_t i = 0; i < aad.size(); i++) aad[i] = static_cast<uint8_t>(i);
    const Bytes nonce = unhex("101112131415161718191a1b1c");
    for (AesBackend b : Aes::backends()) {
        auto ccm = AesCcm::create(unhex("404142434445464748494a4b4c4d4e4f"), b);
        ASSERT_TRUE(ccm.ok());
        Sealed s =
            seal(*ccm, nonce, aad,
                 unhex("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"), 14);
        EXPECT_EQ(hex(s.ct), "69915dad1e84c6376a68c2967e4dab615ae0fd1faec44cc484828529463ccf72");
        EXPECT_EQ(hex(s.tag), "b4ac6bec93e8598e7f0dadbcea5b");
    }
}

// Every Wycheproof case on every AES backend: valid cases seal to ct||tag and open;
// invalid ones (bad nonce or tag size, modified tag or ciphertext) are rejected.
TEST(AesCcm, Wycheproof) {
    const auto& doc = test::load_vectors("wycheproof/aes_ccm_test.json");
    size_t cases = 0;
    for (AesBackend b : Aes::backends()) {
        for (const auto& group : doc["testGroups"].as_array()) {
            for (const auto& t : group["tests"].as_array()) {
                const std::string id = std::to_string(t["tcId"].as_int());
                auto ccm = AesCcm::create(t["key"].as_hex(), b);
                ASSERT_TRUE(ccm.ok()) << id;
                const Bytes iv = t["iv"].as_hex(), aad = t["aad"].as_hex();
                const Bytes msg = t["msg"].as_hex(), ct = t["ct"].as_hex();
                const Bytes tag = t["tag"].as_hex();
                const bool valid = t["result"].as_string() != "invalid";
                Bytes buf = ct;
                auto r = ccm->open(iv, aad, buf, tag);
                if (valid) {
                    ASSERT_TRUE(r.ok()) << id << " " << r.error().to_string();
                    EXPECT_EQ(buf, msg) << id;
                    Bytes out_tag(tag.size());
                    buf = msg;
                    ASSERT_TRUE(ccm->seal(iv, aad, buf, out_tag).ok()) << id;
                    EXPECT_EQ(buf, ct) << id;
                    EXPECT_EQ(out_tag, tag) << id;
                } else {
                    EXPECT_FALSE(r.ok()) << id;
                    if (r.ok()) continue;
                    if (r.error().code() == Errc::auth_failed) {
                        EXPECT_EQ(buf, Bytes(ct.size(), 0)) << id;
                    } else {
                        EXPECT_EQ(buf, ct) << id << ": rejected parameters must not touch";
                    }
                }
                cases++;
            }
        }
    }
    EXPECT_GE(cases, 552u);
}

// Each backend agrees with the portable one on random keys, nonce lengths, tag lengths
// and lengths around the 16-byte block and 128-byte stride.
TEST(AesCcm, BackendsMatchPortable) {
    std::mt19937_64 rng(3610);
    const auto backends = Aes::backends();
    const size_t kCases = backends.size() > 1 ? 10000 : 2000;
    for (size_t c = 0; c < kCases; c++) {
        const size_t key_len = 16 + 8 * (rng() % 3);
        const Bytes key = random_bytes(rng, key_len);
        const Bytes nonce = random_bytes(rng, 7 + rng() % 7);
        const size_t tag_len = 4 + 2 * (rng() % 7);
        auto pick_len = [&](size_t around) {
            if (rng() % 4 == 0) return static_cast<size_t>(rng() % (2 * around + 2));
            return around * (1 + rng() % 3) + rng() % 3 - 1;
        };
        const Bytes aad = random_bytes(rng, rng() % 3 == 0 ? 0 : pick_len(16));
        const Bytes pt = random_bytes(rng, pick_len(c % 2 ? 16 : 128));
        auto ref = AesCcm::create(key, AesBackend::portable);
        ASSERT_TRUE(ref.ok());
        Sealed want = seal(*ref, nonce, aad, pt, tag_len);
        for (AesBackend b : backends) {
            auto ccm = AesCcm::create(key, b);
            ASSERT_TRUE(ccm.ok());
            Sealed got = seal(*ccm, nonce, aad, pt, tag_len);
            ASSERT_EQ(got.ct, want.ct) << aes_backend_name(b) << " case " << c;
            ASSERT_EQ(got.tag, want.tag) << aes_backend_name(b) << " case " << c;
            Bytes buf = got.ct;
            ASSERT_TRUE(ccm->open(nonce, aad, buf, got.tag).ok());
            ASSERT_EQ(buf, pt);
        }
    }
}

TEST(AesCcm, CreateRejectsBadKeyLength) {
    for (size_t n : {0, 8, 15, 17, 31, 33}) {
        auto ccm = AesCcm::create(Bytes(n, 1));
        ASSERT_FALSE(ccm.ok()) << n;
        EXPECT_EQ(ccm.error().code(), Errc::invalid_argument);
    }
}

TEST(AesCcm, RejectsNonceOutside7To13) {
    auto ccm = AesCcm::create(Bytes(16, 7));
    ASSERT_TRUE(ccm.ok());
    for (size_t n : {0, 1, 6, 14, 16}) {
        Bytes buf(20, 0x33), tag(16);
        auto r = ccm->seal(Bytes(n, 1), {}, buf, tag);
        ASSERT_FALSE(r.ok()) << n;
        EXPECT_EQ(r.error().code(), Errc::invalid_argument);
        EXPECT_EQ(buf, Bytes(20, 0x33));
        r = ccm->open(Bytes(n, 1), {}, buf, tag);
        ASSERT_FALSE(r.ok()) << n;
        EXPECT_EQ(r.error().code(), Errc::invalid_argument);
        EXPECT_EQ(buf, Bytes(20, 0x33));
    }
}

TEST(AesCcm, RejectsTagLengthsOutsideTheList) {
    auto ccm = AesCcm::create(Bytes(16, 7));
    ASSERT_TRUE(ccm.ok());
    for (size_t t = 0; t <= 20; t++) {
        const bool allowed = t >= 4 && t <= 16 && t % 2 == 0;
        Bytes buf(5, 0x44), tag(t);
        auto r = ccm->seal(Bytes(12, 1), {}, buf, tag);
        EXPECT_EQ(r.ok(), allowed) << t;
        if (!allowed) {
            EXPECT_EQ(r.error().code(), Errc::invalid_argument);
            EXPECT_EQ(buf, Bytes(5, 0x44));
        }
    }
}

// q = 15 - n bytes hold the payload length: a 13-byte nonce leaves 2 bytes, so
// 65535 bytes is the most it can carry (SP 800-38C §A.1).
TEST(AesCcm, RejectsPayloadTooLongForLengthField) {
    auto ccm = AesCcm::create(Bytes(16, 7));
    ASSERT_TRUE(ccm.ok());
    Bytes buf(65536, 0x55), tag(16);
    auto r = ccm->seal(Bytes(13, 1), {}, buf, tag);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::limit_exceeded);
    EXPECT_EQ(buf, Bytes(65536, 0x55));
    r = ccm->open(Bytes(13, 1), {}, buf, tag);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::limit_exceeded);
    buf.pop_back();
    Bytes orig = buf;
    ASSERT_TRUE(ccm->seal(Bytes(13, 1), {}, buf, tag).ok());
    ASSERT_TRUE(ccm->open(Bytes(13, 1), {}, buf, tag).ok());
    EXPECT_EQ(buf, orig);
}

// Any flipped bit in ciphertext, tag, nonce or AAD fails with auth_failed and zeroes
// the output.
TEST(AesCcm, TamperingFailsAndZeroesOutput) {
    std::mt19937_64 rng(8);
    for (AesBackend b : Aes::backends()) {
        auto ccm = AesCcm::create(random_bytes(rng, 16), b);
        ASSERT_TRUE(ccm.ok());
        const Bytes nonce = random_bytes(rng, 12), aad = random_bytes(rng, 13);
        const Bytes pt = random_bytes(rng, 37);
        for (size_t tag_len : {8, 16}) {
            const Sealed s = seal(*ccm, nonce, aad, pt, tag_len);
            for (int what = 0; what < 4; what++) {
                for (size_t bit = 0; bit < 8 * 8; bit += 7) {
                    Bytes ct = s.ct, tag = s.tag, n = nonce, a = aad;
                    Bytes& target = what == 0 ? ct : what == 1 ? tag : what == 2 ? n : a;
                    target[(bit / 8) % target.size()] ^= static_cast<uint8_t>(1 << (bit % 8));
                    auto r = ccm->open(n, a, ct, tag);
                    ASSERT_FALSE(r.ok()) << what << " " << bit;
                    EXPECT_EQ(r.error().code(), Errc::auth_failed);
                    EXPECT_EQ(ct, Bytes(ct.size(), 0));
                }
            }
            // A tag cut short is a different tag length: the MAC changes with t.
            Bytes ct = s.ct;
            auto r = ccm->open(nonce, aad, ct, ByteView(s.tag.data(), tag_len - 2));
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().code(), Errc::auth_failed);
        }
    }
}

}  // namespace
}  // namespace keel::crypto
