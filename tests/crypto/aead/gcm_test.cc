#include "crypto/aead/gcm.h"

#include <gtest/gtest.h>

#include <random>

#include "base/endian.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;
using test::unhex;

struct Sealed {
    Bytes ct;
    Bytes tag;
};

Sealed seal(const AesGcm& g, ByteView iv, ByteView aad, ByteView pt, size_t tag_len = 16) {
    Sealed s{Bytes(pt.begin(), pt.end()), Bytes(tag_len)};
    auto r = g.seal(iv, aad, s.ct, s.tag);
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return s;
}

Bytes random_bytes(std::mt19937_64& rng, size_t n) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    return b;
}

// The test cases of McGrew and Viega, "The Galois/Counter Mode of Operation (GCM)",
// Appendix B (also in the SP 800-38D validation material).
struct SpecCase {
    const char *key, *iv, *aad, *pt, *ct, *tag;
};
constexpr const char* kP64 =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
constexpr const char* kP60 =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
constexpr const char* kA = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
constexpr const char* kK128 = "feffe9928665731c6d6a8f9467308308";
constexpr const char* kK192 = "feffe9928665731c6d6a8f9467308308feffe9928665731c";
constexpr const char* kK256 = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
constexpr const char* kIv96 = "cafebabefacedbaddecaf888";
constexpr const char* kIv64 = "cafebabefacedbad";
constexpr const char* kIv480 =
    "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728"
    "c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b";
const SpecCase kSpecCases[] = {
    // 1-6: AES-128.
    {"00000000000000000000000000000000", "000000000000000000000000", "", "", "",
     "58e2fccefa7e3061367f1d57a4e7455a"},
    {"00000000000000000000000000000000", "000000000000000000000000", "",
     "00000000000000000000000000000000", "0388dace60b6a392f328c2b971b2fe78",
     "ab6e47d42cec13bdf53a67b21257bddf"},
    {kK128, kIv96, "", kP64,
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
     "4d5c2af327cd64a62cf35abd2ba6fab4"},
    {kK128, kIv96, kA, kP60,
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {kK128, kIv64, kA, kP60,
     "61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c7423"
     "73806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598",
     "3612d2e79e3b0785561be14aaca2fccb"},
    {kK128, kIv480, kA, kP60,
     "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca7"
     "01e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5",
     "619cc5aefffe0bfa462af43c1699d050"},
    // 7-12: AES-192.
    {"000000000000000000000000000000000000000000000000", "000000000000000000000000", "", "", "",
     "cd33b28ac773f74ba00ed1f312572435"},
    {"000000000000000000000000000000000000000000000000", "000000000000000000000000", "",
     "00000000000000000000000000000000", "98e7247c07f0fe411c267e4384b0f600",
     "2ff58d80033927ab8ef4d4587514f0fb"},
    {kK192, kIv96, "", kP64,
     "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c"
     "7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710acade256",
     "9924a7c8587336bfb118024db8674a14"},
    {kK192, kIv96, kA, kP60,
     "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c"
     "7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710",
     "2519498e80f1478f37ba55bd6d27618c"},
    {kK192, kIv64, kA, kP60,
     "0f10f599ae14a154ed24b36e25324db8c566632ef2bbb34f8347280fc4507057"
     "fddc29df9a471f75c66541d4d4dad1c9e93a19a58e8b473fa0f062f7",
     "65dcc57fcf623a24094fcca40d3533f8"},
    {kK192, kIv480, kA, kP60,
     "d27e88681ce3243c4830165a8fdcf9ff1de9a1d8e6b447ef6ef7b79828666e45"
     "81e79012af34ddd9e2f037589b292db3e67c036745fa22e7e9b7373b",
     "dcf566ff291c25bbb8568fc3d376a6d9"},
    // 13-18: AES-256.
    {"0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
     "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
    {"0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
     "", "00000000000000000000000000000000", "cea7403d4d606b6e074ec5d3baf39d18",
     "d0d1c8a799996bf0265b98b5d48ab919"},
    {kK256, kIv96, "", kP64,
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
     "b094dac5d93471bdec1a502270e3cc6c"},
    {kK256, kIv96, kA, kP60,
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
    {kK256, kIv64, kA, kP60,
     "c3762df1ca787d32ae47c13bf19844cbaf1ae14d0b976afac52ff7d79bba9de0"
     "feb582d33934a4f0954cc2363bc73f7862ac430e64abe499f47c9b1f",
     "3a337dbf46a792c45e454913fe2ea8f2"},
    {kK256, kIv480, kA, kP60,
     "5a8def2f0c9e53f1f75d7853659e2a20eeb2b22aafde6419a058ab4f6f746bf4"
     "0fc0c3b780f244452da3ebf1c5d82cdea2418997200ef82e44ae7e3f",
     "a44a8266ee1c8eb0c8b5d4cf5ae9f19a"},
};

TEST(AesGcm, SpecTestCases1To18) {
    for (GcmBackend b : AesGcm::backends()) {
        int n = 0;
        for (const SpecCase& c : kSpecCases) {
            n++;
            auto g = AesGcm::create(unhex(c.key), b);
            ASSERT_TRUE(g.ok());
            const Bytes iv = unhex(c.iv), aad = unhex(c.aad), pt = unhex(c.pt);
            Sealed s = seal(*g, iv, aad, pt);
            EXPECT_EQ(hex(s.ct), c.ct) << "case " << n << " " << gcm_backend_name(b);
            EXPECT_EQ(hex(s.tag), c.tag) << "case " << n << " " << gcm_backend_name(b);
            ASSERT_TRUE(g->open(iv, aad, s.ct, s.tag).ok());
            EXPECT_EQ(s.ct, pt);
        }
    }
}

TEST(AesGcm, Wycheproof) {
    const auto& doc = test::load_vectors("wycheproof/aes_gcm_test.json");
    size_t checked = 0;
    for (GcmBackend b : AesGcm::backends()) {
        for (const auto& group : doc["testGroups"].as_array()) {
            for (const auto& t : group["tests"].as_array()) {
                const Bytes key = t["key"].as_hex(), iv = t["iv"].as_hex(), aad = t["aad"].as_hex(),
                            msg = t["msg"].as_hex(), ct = t["ct"].as_hex(), tag = t["tag"].as_hex();
                const std::string id =
                    "tcId " + std::to_string(t["tcId"].as_int()) + " " + gcm_backend_name(b);
                const bool valid = t["result"].as_string() != "invalid";
                auto g = AesGcm::create(key, b);
                ASSERT_TRUE(g.ok()) << id;
                if (valid) {
                    Sealed s = seal(*g, iv, aad, msg, tag.size());
                    EXPECT_EQ(s.ct, ct) << id;
                    EXPECT_EQ(s.tag, tag) << id;
                }
                Bytes buf = ct;
                auto r = g->open(iv, aad, buf, tag);
                EXPECT_EQ(r.ok(), valid) << id;
                if (valid) {
                    EXPECT_EQ(buf, msg) << id;
                } else if (iv.empty()) {
                    // An argument error is reported before in_out is touched.
                    EXPECT_EQ(r.error().code(), Errc::invalid_argument) << id;
                    EXPECT_EQ(buf, ct) << id;
                } else {
                    EXPECT_EQ(r.error().code(), Errc::auth_failed) << id;
                    EXPECT_EQ(buf, Bytes(ct.size(), 0)) << id << ": output not wiped";
                }
                checked++;
            }
        }
    }
    EXPECT_EQ(checked, 316 * AesGcm::backends().size());
}

// Every backend against portable, on lengths around the block (16) and stride (128 and
// 256 byte) boundaries and on random shapes.
void check_against_portable(std::mt19937_64& rng, size_t key_len, size_t iv_len, size_t aad_len,
                            size_t text_len) {
    const Bytes key = random_bytes(rng, key_len), iv = random_bytes(rng, iv_len),
                aad = random_bytes(rng, aad_len), pt = random_bytes(rng, text_len);
    const size_t tag_len = 12 + rng() % 5;
    auto ref = AesGcm::create(key, GcmBackend::portable);
    ASSERT_TRUE(ref.ok());
    const Sealed want = seal(*ref, iv, aad, pt, tag_len);
    {
        Bytes back = want.ct;
        ASSERT_TRUE(ref->open(iv, aad, back, want.tag).ok());
        ASSERT_EQ(back, pt);
    }
    for (GcmBackend b : AesGcm::backends()) {
        if (b == GcmBackend::portable) continue;
        auto g = AesGcm::create(key, b);
        ASSERT_TRUE(g.ok());
        Sealed got = seal(*g, iv, aad, pt, tag_len);
        ASSERT_EQ(got.ct, want.ct) << gcm_backend_name(b) << " key " << key_len << " iv " << iv_len
                                   << " aad " << aad_len << " text " << text_len;
        ASSERT_EQ(got.tag, want.tag) << gcm_backend_name(b) << " text " << text_len;
        ASSERT_TRUE(g->open(iv, aad, got.ct, got.tag).ok());
        ASSERT_EQ(got.ct, pt) << gcm_backend_name(b);
    }
}

TEST(AesGcm, BackendsMatchPortableAtBoundaries) {
    std::mt19937_64 rng(7);
    for (size_t len = 0; len <= 600; len++) {
        check_against_portable(rng, 16, 12, len % 37, len);
    }
    for (size_t base : {1024u, 2048u, 4096u}) {
        for (size_t len = base - 20; len <= base + 20; len++) {
            check_against_portable(rng, 32, 12, 13, len);
        }
    }
    for (size_t aad = 0; aad <= 300; aad++) check_against_portable(rng, 24, 12, aad, 17);
    for (size_t iv = 1; iv <= 300; iv++) check_against_portable(rng, 16, iv, 20, 64);
}

TEST(AesGcm, BackendsMatchPortableRandom) {
    std::mt19937_64 rng(8);
    // With only the portable backend (KEEL_CPU=portable) there is nothing to compare
    // against; a tenth of the cases still checks open(seal(x)) == x.
    const int cases = AesGcm::backends().size() > 1 ? 10000 : 1000;
    for (int i = 0; i < cases; i++) {
        const size_t key_len = 16 + 8 * (rng() % 3);
        const size_t iv_len = (rng() % 2) ? 12 : 1 + rng() % 64;
        const size_t aad_len = rng() % 301;
        const size_t text_len = rng() % 5001;
        check_against_portable(rng, key_len, iv_len, aad_len, text_len);
    }
}

TEST(AesGcm, StitchedPathWrapsCounterMod2To32) {
    // A non-96-bit IV can put J0's counter word anywhere, including just below 2^32
    // (Wycheproof's CounterWrap vectors). Drive the stitched VAES loop directly with
    // such counters and compare with CTR (which wraps, see aes_test) plus GHASH.
    if (AesGcm::backends().back() != GcmBackend::vaes512) GTEST_SKIP() << "no VAES";
    std::mt19937_64 rng(9);
    for (uint32_t start : {0xffffffffu, 0xfffffff0u, 0xffffffe1u, 0xffffff00u}) {
        const Bytes key = random_bytes(rng, 16);
        auto aes = Aes::create(key, AesBackend::vaes512);
        ASSERT_TRUE(aes.ok());
        detail::GhashKey gk{};
        uint8_t h[16] = {};
        aes->encrypt_blocks(h, h, 1);
        gk.h[1] = load_be64(h);
        gk.h[0] = load_be64(h + 8);
        detail::ghash_init_powers(gk);
        for (size_t blocks : {1u, 15u, 16u, 17u, 32u, 47u, 70u}) {
            Bytes ctr = random_bytes(rng, 16);
            store_be32(ctr.data() + 12, start);
            const Bytes pt = random_bytes(rng, 16 * blocks);
            Bytes want(pt.size());
            aes->ctr32(ctr.data(), pt.data(), want.data(), pt.size());
            uint64_t y_want[2] = {1, 2};
            detail::ghash_portable(gk, y_want, want.data(), blocks);

            Bytes got(pt.size());
            uint64_t y[2] = {1, 2};
            detail::gcm_seal_vaes512(aes->schedule(), gk, ctr.data(), pt.data(), got.data(), blocks,
                                     y);
            EXPECT_EQ(got, want) << start << " " << blocks;
            EXPECT_EQ(y[0], y_want[0]);
            EXPECT_EQ(y[1], y_want[1]);
            Bytes back(pt.size());
            uint64_t y2[2] = {1, 2};
            detail::gcm_open_vaes512(aes->schedule(), gk, ctr.data(), got.data(), back.data(),
                                     blocks, y2);
            EXPECT_EQ(back, pt);
            EXPECT_EQ(y2[0], y_want[0]);
            EXPECT_EQ(y2[1], y_want[1]);
        }
    }
}

TEST(AesGcm, OpenRejectsTamperingAndWipes) {
    std::mt19937_64 rng(10);
    for (GcmBackend b : AesGcm::backends()) {
        const Bytes key = random_bytes(rng, 16), iv = random_bytes(rng, 12),
                    aad = random_bytes(rng, 20), pt = random_bytes(rng, 300);
        auto g = AesGcm::create(key, b);
        ASSERT_TRUE(g.ok());
        const Sealed s = seal(*g, iv, aad, pt);
        for (size_t bit = 0; bit < 128; bit += 7) {
            Bytes ct = s.ct, tag = s.tag;
            tag[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
            auto r = g->open(iv, aad, ct, tag);
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().code(), Errc::auth_failed);
            EXPECT_EQ(ct, Bytes(ct.size(), 0));
        }
        Bytes ct = s.ct;
        ct[299] ^= 1;
        EXPECT_FALSE(g->open(iv, aad, ct, s.tag).ok());
        EXPECT_EQ(ct, Bytes(ct.size(), 0));
        Bytes aad2 = aad;
        aad2[0] ^= 0x80;
        ct = s.ct;
        EXPECT_FALSE(g->open(iv, aad2, ct, s.tag).ok());
        // A truncated tag (a valid length, but not what was sealed) fails too.
        ct = s.ct;
        Bytes short_tag(s.tag.begin(), s.tag.begin() + 12);
        short_tag[11] ^= 1;
        EXPECT_FALSE(g->open(iv, aad, ct, short_tag).ok());
    }
}

TEST(AesGcm, TruncatedTagsArePrefixes) {
    std::mt19937_64 rng(11);
    const Bytes key = random_bytes(rng, 32), iv = random_bytes(rng, 12), pt = random_bytes(rng, 50);
    auto g = AesGcm::create(key);
    ASSERT_TRUE(g.ok());
    const Sealed full = seal(*g, iv, {}, pt, 16);
    for (size_t t = 12; t <= 16; t++) {
        const Sealed s = seal(*g, iv, {}, pt, t);
        EXPECT_EQ(s.tag, Bytes(full.tag.begin(), full.tag.begin() + t));
        Bytes ct = s.ct;
        EXPECT_TRUE(g->open(iv, {}, ct, s.tag).ok());
    }
}

TEST(AesGcm, BadInputIsRejectedBeforeTouchingData) {
    const Bytes key(16, 7), iv(12, 1);
    auto g = AesGcm::create(key);
    ASSERT_TRUE(g.ok());
    Bytes text(40, 0xab);
    Bytes tag(16);
    // Empty IV.
    auto r = g->seal({}, {}, text, tag);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::invalid_argument);
    r = g->open({}, {}, text, tag);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::invalid_argument);
    // Tag lengths outside 12..16, including the 4 and 8 bytes keel does not offer.
    for (size_t t : {0, 1, 4, 8, 11, 17, 32}) {
        Bytes bad(t);
        r = g->seal(iv, {}, text, bad);
        ASSERT_FALSE(r.ok()) << t;
        EXPECT_EQ(r.error().code(), Errc::invalid_argument);
        r = g->open(iv, {}, text, bad);
        ASSERT_FALSE(r.ok()) << t;
        EXPECT_EQ(r.error().code(), Errc::invalid_argument);
    }
    EXPECT_EQ(text, Bytes(40, 0xab));
    // Wrong key lengths.
    for (size_t n : {0, 8, 15, 20, 31, 33}) {
        auto bad = AesGcm::create(Bytes(n, 1));
        ASSERT_FALSE(bad.ok());
        EXPECT_EQ(bad.error().code(), Errc::invalid_argument);
    }
}

TEST(AesGcm, PlaintextLimit) {
    // A span just past 2^36 - 32 bytes is refused before any byte is read, so no
    // memory of that size is needed: the check looks only at the length.
    const Bytes key(16, 7), iv(12, 1);
    auto g = AesGcm::create(key);
    ASSERT_TRUE(g.ok());
    uint8_t dummy = 0x5a;
    MutableByteView huge(&dummy, static_cast<size_t>(AesGcm::kMaxPlaintext + 1));
    Bytes tag(16);
    auto r = g->seal(iv, {}, huge, tag);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::limit_exceeded);
    r = g->open(iv, {}, huge, tag);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::limit_exceeded);
    EXPECT_EQ(dummy, 0x5a);
}

TEST(AesGcm, BackendSelection) {
    ASSERT_FALSE(AesGcm::backends().empty());
    EXPECT_EQ(AesGcm::backends().front(), GcmBackend::portable);
    auto g = AesGcm::create(Bytes(16, 0));
    ASSERT_TRUE(g.ok());
    EXPECT_EQ(g->backend(), AesGcm::backends().back());
}

}  // namespace
}  // namespace keel::crypto
