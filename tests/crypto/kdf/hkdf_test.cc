#include "crypto/kdf/hkdf.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;
using test::unhex;

Bytes range(int from, int to) {
    Bytes b;
    for (int i = from; i < to; i++) b.push_back(static_cast<uint8_t>(i));
    return b;
}

struct Rfc5869Case {
    Bytes ikm, salt, info;
    std::string prk, okm;
};

// RFC 5869 Appendix A.1-A.3 (the SHA-256 cases; A.4-A.7 are SHA-1).
TEST(HkdfSha256, Rfc5869) {
    Rfc5869Case cases[] = {
        {Bytes(22, 0x0b), range(0x00, 0x0d), range(0xf0, 0xfa),
         "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
         "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
        {range(0x00, 0x50), range(0x60, 0xb0), range(0xb0, 0x100),
         "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
         "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65"
         "e"
         "590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"},
        {Bytes(22, 0x0b),
         {},
         {},
         "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
         "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
    };
    int n = 1;
    for (const auto& c : cases) {
        SCOPED_TRACE("RFC 5869 A." + std::to_string(n++));
        auto prk = hkdf_extract<Sha256>(c.salt, c.ikm);
        EXPECT_EQ(hex(prk.view()), c.prk);
        Bytes okm(c.okm.size() / 2);
        ASSERT_TRUE(hkdf_expand<Sha256>(prk.view(), c.info, okm).ok());
        EXPECT_EQ(hex(okm), c.okm);
        Bytes again(okm.size());
        ASSERT_TRUE(hkdf<Sha256>(c.salt, c.ikm, c.info, again).ok());
        EXPECT_EQ(again, okm);
    }
}

// RFC 5869 Appendix A.4-A.7 (SHA-1; A.7 leaves the salt out: HashLen zeros).
TEST(HkdfSha1, Rfc5869) {
    Rfc5869Case cases[] = {
        {Bytes(11, 0x0b), range(0x00, 0x0d), range(0xf0, 0xfa), "",
         "085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f155fda2c22e422478d305f3f896"},
        {range(0x00, 0x50), range(0x60, 0xb0), range(0xb0, 0x100), "",
         "0bd770a74d1160f7c9f12cd5912a06ebff6adcae899d92191fe4305673ba2ffe8fa3f1a4e5ad79f3f334b3b2"
         "02b2173c486ea37ce3d397ed034c7f9dfeb15c5e927336d0441f4c4300e2cff0d0900b52d3b4"},
        {Bytes(22, 0x0b),
         {},
         {},
         "",
         "0ac1af7002b3d761d1e55298da9d0506b9ae52057220a306e07b6b87e8df21d0ea00033de03984d34918"},
        {Bytes(22, 0x0c),
         {},
         {},
         "",
         "2c91117204d745f3500d636a62f64f0ab3bae548aa53d423b0d1f27ebba6f5e5673a081d70cce7acfc48"},
    };
    int n = 4;
    for (const auto& c : cases) {
        SCOPED_TRACE("RFC 5869 A." + std::to_string(n++));
        Bytes okm(c.okm.size() / 2);
        ASSERT_TRUE(hkdf<Sha1>(c.salt, c.ikm, c.info, okm).ok());
        EXPECT_EQ(hex(okm), c.okm);
    }
}

// Wycheproof HkdfTest: empty salt means the default salt; invalid = size > 255*HashLen.
template <class H>
void check_wycheproof(const std::string& file) {
    const auto& root = test::load_vectors("wycheproof/" + file);
    size_t ran = 0;
    for (const auto& group : root["testGroups"].as_array()) {
        for (const auto& t : group["tests"].as_array()) {
            SCOPED_TRACE(file + " tcId " + std::to_string(t["tcId"].as_int()));
            Bytes okm(static_cast<size_t>(t["size"].as_int()), 0xee);
            auto r = hkdf<H>(t["salt"].as_hex(), t["ikm"].as_hex(), t["info"].as_hex(), okm);
            if (t["result"].as_string() == "valid") {
                ASSERT_TRUE(r.ok()) << r.error().to_string();
                EXPECT_EQ(hex(okm), hex(t["okm"].as_hex()));
            } else {
                ASSERT_FALSE(r.ok());
                EXPECT_EQ(r.error().code(), Errc::limit_exceeded);
                // Checked before any byte is written.
                EXPECT_EQ(okm, Bytes(okm.size(), 0xee));
            }
            ran++;
        }
    }
    EXPECT_EQ(ran, static_cast<size_t>(root["numberOfTests"].as_int()));
}

TEST(HkdfSha256, Wycheproof) {
    check_wycheproof<Sha256>("hkdf_sha256_test.json");
}
TEST(HkdfSha1, Wycheproof) {
    check_wycheproof<Sha1>("hkdf_sha1_test.json");
}
TEST(HkdfSha384, Wycheproof) {
    check_wycheproof<Sha384>("hkdf_sha384_test.json");
}
TEST(HkdfSha512, Wycheproof) {
    check_wycheproof<Sha512>("hkdf_sha512_test.json");
}

// T(i) chaining written out by hand, to check expand at every length up to 255 blocks
// (every block boundary, the partial last block, the 255-block maximum).
template <class H>
Bytes expand_by_definition(ByteView prk, ByteView info, size_t len) {
    Bytes out, t;
    for (uint8_t i = 1; out.size() < len; i++) {
        Bytes in(t);
        in.insert(in.end(), info.begin(), info.end());
        in.push_back(i);
        auto d = Hmac<H>::mac(prk, in);
        t.assign(d.begin(), d.end());
        out.insert(out.end(), t.begin(), t.end());
    }
    out.resize(len);
    return out;
}

TEST(HkdfSha256, ExpandEveryLengthMatchesDefinition) {
    std::mt19937 rng(5869);
    Bytes prk(32), info(13);
    for (auto& b : prk) b = static_cast<uint8_t>(rng());
    for (auto& b : info) b = static_cast<uint8_t>(rng());
    Bytes all = expand_by_definition<Sha256>(prk, info, kHkdfMaxOutput<Sha256>);
    for (size_t len = 0; len <= kHkdfMaxOutput<Sha256>; len += (len < 200 ? 1 : 97)) {
        Bytes out(len);
        ASSERT_TRUE(hkdf_expand<Sha256>(prk, info, out).ok());
        ASSERT_EQ(out, Bytes(all.begin(), all.begin() + static_cast<ptrdiff_t>(len))) << len;
    }
    Bytes max(kHkdfMaxOutput<Sha256>);
    ASSERT_TRUE(hkdf_expand<Sha256>(prk, info, max).ok());
    EXPECT_EQ(max, all);
}

TEST(HkdfSha256, ExpandRejectsOverLongOutput) {
    Bytes prk(32, 1);
    for (size_t len : {kHkdfMaxOutput<Sha256> + 1, kHkdfMaxOutput<Sha256> + 32, size_t{100000}}) {
        Bytes out(len, 0xee);
        auto r = hkdf_expand<Sha256>(prk, {}, out);
        ASSERT_FALSE(r.ok()) << len;
        EXPECT_EQ(r.error().code(), Errc::limit_exceeded);
        EXPECT_EQ(out, Bytes(len, 0xee));
    }
}

TEST(HkdfSha256, ExpandRejectsShortPrk) {
    Bytes out(16);
    for (size_t n : {size_t{0}, size_t{1}, size_t{31}}) {
        auto r = hkdf_expand<Sha256>(Bytes(n, 1), {}, out);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::invalid_argument);
    }
    EXPECT_TRUE(hkdf_expand<Sha256>(Bytes(33, 1), {}, out).ok());
}

TEST(HkdfSha256, ExpandMayOverwriteItsPrk) {
    Bytes prk(32, 0x42), want(32);
    ASSERT_TRUE(hkdf_expand<Sha256>(prk, as_bytes("upd"), want).ok());
    ASSERT_TRUE(hkdf_expand<Sha256>(prk, as_bytes("upd"), prk).ok());
    EXPECT_EQ(prk, want);
}

TEST(HkdfSha256, EmptySaltEqualsHashLenZeros) {
    auto a = hkdf_extract<Sha256>({}, as_bytes("ikm"));
    auto b = hkdf_extract<Sha256>(Bytes(32, 0), as_bytes("ikm"));
    EXPECT_EQ(hex(a.view()), hex(b.view()));
}

// RFC 8448 §3 (Simple 1-RTT Handshake), the server key schedule. Hex values copied
// from /work/shared/reference/rfc8448-tls13-traces.txt.
TEST(HkdfSha256, Rfc8448EarlySecretAndDerived) {
    // extract secret "early": salt 0, IKM 32 zero octets.
    auto early = hkdf_extract<Sha256>({}, Bytes(32, 0));
    EXPECT_EQ(hex(early.view()),
              "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
    // derive secret for handshake "tls13 derived" with Hash("").
    auto empty_hash = Sha256::hash({});
    auto derived = derive_secret<Sha256>(early.view(), "derived", empty_hash);
    ASSERT_TRUE(derived.ok());
    EXPECT_EQ(hex(derived->view()),
              "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");
}

TEST(HkdfSha256, Rfc8448HandshakeTrafficSecrets) {
    // extract secret "handshake": salt = derived secret, IKM = the (EC)DHE shared secret.
    Bytes salt = unhex("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");
    Bytes ikm = unhex("1bea3fdfd25f94033804b68997a55d1931dc51124ad7f6e28959bb4672e3bd13");
    auto hs = hkdf_extract<Sha256>(salt, ikm);
    EXPECT_EQ(hex(hs.view()), "f2c66e28ed535dfb8721b7145ca51c8bc058514f79aa881d0d32cbe1341a2e45");
    // Transcript hash of ClientHello..ServerHello, as printed in the trace.
    Bytes hello_hash = unhex("3d35f3eba0aabf5d9661236e3b5bb938fdc32f409cc27c55499e1f0baa3abd8f");
    auto c_hs = derive_secret<Sha256>(hs.view(), "c hs traffic", hello_hash);
    auto s_hs = derive_secret<Sha256>(hs.view(), "s hs traffic", hello_hash);
    ASSERT_TRUE(c_hs.ok() && s_hs.ok());
    EXPECT_EQ(hex(c_hs->view()),
              "d7c28b57a857e961b5bf3e1d7b18d02757c4f97acb66a23372e5a7f3d0a71e07");
    EXPECT_EQ(hex(s_hs->view()),
              "3031e9c2c26ecc154bc36826e87feeff8f4547df52596747b2dcabf92b18fb59");
    // derive secret for master "tls13 derived", then extract "master" with IKM 0.
    auto derived = derive_secret<Sha256>(hs.view(), "derived", Sha256::hash({}));
    ASSERT_TRUE(derived.ok());
    EXPECT_EQ(hex(derived->view()),
              "6aac276f77177e737a1fe91dcf0d2ec9cb4fcead8690703a15348b5e5220cafa");
    auto master = hkdf_extract<Sha256>(derived->view(), Bytes(32, 0));
    EXPECT_EQ(hex(master.view()),
              "a12970d9b27a3d59b6ecc1530d284073bd745ddc68d994e7a6ee70881b3d6da6");
}

TEST(HkdfSha256, Rfc8448TrafficKeyIvAndFinished) {
    Bytes s_hs = unhex("3031e9c2c26ecc154bc36826e87feeff8f4547df52596747b2dcabf92b18fb59");
    Bytes key(16), iv(12), finished(32);
    ASSERT_TRUE(hkdf_expand_label<Sha256>(s_hs, "key", {}, key).ok());
    ASSERT_TRUE(hkdf_expand_label<Sha256>(s_hs, "iv", {}, iv).ok());
    ASSERT_TRUE(hkdf_expand_label<Sha256>(s_hs, "finished", {}, finished).ok());
    EXPECT_EQ(hex(key), "4d15c00e47317fe99c714f8ebd92c4d1");
    EXPECT_EQ(hex(iv), "18223084735f2f2d8588caaa");
    EXPECT_EQ(hex(finished), "2456e4d4c3cc526cad20c011327277e2b8834df514fa50db921101293cc627a8");
}

TEST(HkdfSha256, ExpandLabelRejectsOversizedFields) {
    Bytes secret(32, 3), out(32);
    std::string long_label(250, 'a');  // "tls13 " + 250 > 255
    EXPECT_EQ(hkdf_expand_label<Sha256>(secret, long_label, {}, out).error().code(),
              Errc::invalid_argument);
    EXPECT_TRUE(hkdf_expand_label<Sha256>(secret, std::string(249, 'a'), {}, out).ok());
    EXPECT_EQ(hkdf_expand_label<Sha256>(secret, "key", Bytes(256, 0), out).error().code(),
              Errc::invalid_argument);
    EXPECT_TRUE(hkdf_expand_label<Sha256>(secret, "key", Bytes(255, 0), out).ok());
    Bytes huge(0x10000);
    EXPECT_EQ(hkdf_expand_label<Sha256>(secret, "key", {}, huge).error().code(),
              Errc::invalid_argument);
}

}  // namespace
}  // namespace keel::crypto
