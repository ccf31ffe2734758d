#include "crypto/curve25519/ed25519.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/curve25519/internal/ge25519.h"
#include "crypto/curve25519/internal/sc25519.h"
#include "tests/crypto/curve25519/test_rng.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using keel::test::hex;
using keel::test::unhex;
using test::ReplayRng;

struct Rfc8032Vector {
    Ed25519Variant variant;
    const char* seed;
    const char* pub;
    const char* msg;
    const char* ctx;
    const char* sig;
};

// RFC 8032 §7.1 (TEST 1, 2, 3), §7.2 (Ed25519ctx "foo", "bar"), §7.3 (Ed25519ph "abc").
const Rfc8032Vector kRfc8032[] = {
    {Ed25519Variant::pure, "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
     "1cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {Ed25519Variant::pure, "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72", "",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613"
     "d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {Ed25519Variant::pure, "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82", "",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760"
     "984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    {Ed25519Variant::ctx, "0305334e381af78f141cb666f6199f57bc3495335a256a95bd2a55bf546663f6",
     "dfc9425e4f968f7f0c29f0259cf5f9aed6851c2bb4ad8bfb860cfee0ab248292",
     "f726936d19c800494e3fdaff20b276a8", "666f6f",
     "55a4cc2f70a54e04288c5f4cd1e45a7bb520b36292911876cada7323198dd87a8b36950b95130022907a7fb7"
     "c4e9b2d5f6cca685a587b4b21f4b888e4e7edb0d"},
    {Ed25519Variant::ctx, "0305334e381af78f141cb666f6199f57bc3495335a256a95bd2a55bf546663f6",
     "dfc9425e4f968f7f0c29f0259cf5f9aed6851c2bb4ad8bfb860cfee0ab248292",
     "f726936d19c800494e3fdaff20b276a8", "626172",
     "fc60d5872fc46b3aa69f8b5b4351d5808f92bcc044606db097abab6dbcb1aee3216c48e8b3b66431b5b186d1"
     "d28f8ee15a5ca2df6668346291c2043d4eb3e90d"},
    {Ed25519Variant::ph, "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf", "616263", "",
     "98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d0"
     "62adf5aaa10b8c61e636062aaad11c2a26083406"},
};

TEST(Ed25519, Rfc8032Vectors) {
    for (const auto& v : kRfc8032) {
        SCOPED_TRACE(v.sig);
        auto key = Ed25519PrivateKey::from_bytes(unhex(v.seed));
        ASSERT_TRUE(key.ok());
        auto pub = key->public_key();
        EXPECT_EQ(hex(pub.bytes()), v.pub);
        const Bytes msg = unhex(v.msg), ctx = unhex(v.ctx);
        const Ed25519Params params{v.variant, ctx};
        auto sig = key->sign(msg, params);
        ASSERT_TRUE(sig.ok());
        EXPECT_EQ(hex(*sig), v.sig);
        auto parsed = Ed25519PublicKey::from_bytes(unhex(v.pub));
        ASSERT_TRUE(parsed.ok());
        EXPECT_TRUE(parsed->verify(msg, unhex(v.sig), params).ok());
        // The same signature under another scheme or context must fail.
        Ed25519Params other = params;
        if (v.variant == Ed25519Variant::pure) {
            other = {Ed25519Variant::ph, {}};
        } else {
            other.context = as_bytes("other");
        }
        auto r = parsed->verify(msg, unhex(v.sig), other);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::auth_failed);
    }
}

// RFC 8032 §7.1 TEST SHA(abc): a 64-byte message.
TEST(Ed25519, Rfc8032ShaAbc) {
    auto key = Ed25519PrivateKey::from_bytes(
        unhex("833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42"));
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(hex(key->public_key().bytes()),
              "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf");
    const Bytes msg = unhex(
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23"
        "a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
    auto sig = key->sign(msg);
    ASSERT_TRUE(sig.ok());
    EXPECT_EQ(hex(*sig),
              "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfb"
              "c7c66431e0303dca179c138ac17ad9bef1177331a704");
}

// Wycheproof ed25519_test.json: every case; invalid ones fail to parse or to verify.
TEST(Ed25519, Wycheproof) {
    const auto& doc = keel::test::load_vectors("wycheproof/ed25519_test.json");
    size_t cases = 0;
    for (const auto& group : doc["testGroups"].as_array()) {
        auto key = Ed25519PublicKey::from_bytes(group["publicKey"]["pk"].as_hex());
        for (const auto& t : group["tests"].as_array()) {
            SCOPED_TRACE("tcId " + std::to_string(t["tcId"].as_int()));
            cases++;
            const bool valid = t["result"].as_string() == "valid";
            if (!key.ok()) {
                EXPECT_FALSE(valid);
                continue;
            }
            auto r = key->verify(t["msg"].as_hex(), t["sig"].as_hex());
            EXPECT_EQ(r.ok(), valid);
            if (!r.ok()) {
                EXPECT_TRUE(r.error().code() == Errc::auth_failed ||
                            r.error().code() == Errc::malformed);
            }
        }
    }
    EXPECT_EQ(cases, static_cast<size_t>(doc["numberOfTests"].as_int()));
}

TEST(Ed25519, SignVerifyRoundTripAndBitFlips) {
    ReplayRng rng({}, 99);
    for (int i = 0; i < 12; i++) {
        auto key = Ed25519PrivateKey::generate(rng);
        ASSERT_TRUE(key.ok());
        Bytes msg(static_cast<size_t>(i * 13));
        ASSERT_TRUE(rng.generate(msg).ok());
        auto sig = key->sign(msg, rng);
        ASSERT_TRUE(sig.ok());
        const auto pub = key->public_key();
        ASSERT_TRUE(pub.verify(msg, *sig).ok());
        // Re-derived from the seed, the key signs identically (deterministic).
        auto again = Ed25519PrivateKey::from_bytes(key->seed().view());
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(hex(*again->sign(msg)), hex(*sig));
        for (size_t bit = 0; bit < 512; bit += (i == 0 ? 1 : 37)) {
            Bytes bad = *sig;
            bad[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
            auto r = pub.verify(msg, bad);
            ASSERT_FALSE(r.ok()) << bit;
            EXPECT_EQ(r.error().code(), Errc::auth_failed);
        }
        for (size_t bit = 0; bit < msg.size() * 8; bit += 11) {
            Bytes bad = msg;
            bad[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
            auto r = pub.verify(bad, *sig);
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().code(), Errc::auth_failed);
        }
        for (size_t bit = 0; bit < 256; bit += (i == 0 ? 1 : 29)) {
            std::array<uint8_t, 32> bad = pub.bytes();
            bad[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
            auto other = Ed25519PublicKey::from_bytes(bad);
            if (!other.ok()) {
                EXPECT_EQ(other.error().code(), Errc::malformed);
                continue;
            }
            auto r = other->verify(msg, *sig);
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().code(), Errc::auth_failed);
        }
    }
}

TEST(Ed25519, RejectsBadLengths) {
    auto key = Ed25519PrivateKey::from_bytes(Bytes(32, 1));
    ASSERT_TRUE(key.ok());
    auto sig = key->sign(as_bytes("m"));
    ASSERT_TRUE(sig.ok());
    for (size_t n : {0, 1, 63, 65, 128}) {
        Bytes s = *sig;
        s.resize(n);
        auto r = key->public_key().verify(as_bytes("m"), s);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::malformed);
    }
    for (size_t n : {0, 31, 33, 64}) {
        EXPECT_EQ(Ed25519PrivateKey::from_bytes(Bytes(n, 1)).error().code(),
                  Errc::invalid_argument);
        EXPECT_EQ(Ed25519PublicKey::from_bytes(Bytes(n, 1)).error().code(), Errc::malformed);
    }
}

TEST(Ed25519, RejectsBadContexts) {
    auto key = Ed25519PrivateKey::from_bytes(Bytes(32, 2));
    ASSERT_TRUE(key.ok());
    const Bytes long_ctx(256, 'c');
    EXPECT_EQ(key->sign(as_bytes("m"), {Ed25519Variant::ctx, {}}).error().code(),
              Errc::invalid_argument);
    EXPECT_EQ(key->sign(as_bytes("m"), {Ed25519Variant::ctx, long_ctx}).error().code(),
              Errc::invalid_argument);
    EXPECT_EQ(key->sign(as_bytes("m"), {Ed25519Variant::pure, as_bytes("c")}).error().code(),
              Errc::invalid_argument);
    EXPECT_TRUE(key->sign(as_bytes("m"), {Ed25519Variant::ph, {}}).ok());
    EXPECT_TRUE(key->sign(as_bytes("m"), {Ed25519Variant::ctx, Bytes(255, 'c')}).ok());
}

// S + L has the same value mod L; RFC 8032 §5.1.7 requires rejecting S >= L.
TEST(Ed25519, RejectsNonCanonicalS) {
    auto key = Ed25519PrivateKey::from_bytes(Bytes(32, 3));
    ASSERT_TRUE(key.ok());
    auto sig = key->sign(as_bytes("msg"));
    ASSERT_TRUE(sig.ok());
    const Bytes l = unhex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
    Bytes bad = *sig;
    unsigned carry = 0;
    for (int i = 0; i < 32; i++) {
        unsigned t = bad[32 + i] + l[i] + carry;
        bad[32 + i] = static_cast<uint8_t>(t);
        carry = t >> 8;
    }
    ASSERT_EQ(carry, 0u);
    auto r = key->public_key().verify(as_bytes("msg"), bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::auth_failed);
    // S = L exactly.
    std::copy(l.begin(), l.end(), bad.begin() + 32);
    EXPECT_FALSE(key->public_key().verify(as_bytes("msg"), bad).ok());
}

// y >= p and "x = 0 with the sign bit set" are invalid encodings (RFC 8032 §5.1.3).
TEST(Ed25519, RejectsNonCanonicalPublicKeys) {
    // y = p (encodes y = 0 non-canonically) and y = p + 1 (the identity, non-canonical).
    EXPECT_FALSE(Ed25519PublicKey::from_bytes(
                     unhex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"))
                     .ok());
    EXPECT_FALSE(Ed25519PublicKey::from_bytes(
                     unhex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"))
                     .ok());
    // y = 1 (x = 0) with the sign bit set.
    EXPECT_FALSE(Ed25519PublicKey::from_bytes(
                     unhex("0100000000000000000000000000000000000000000000000000000000000080"))
                     .ok());
    // y = 2: x^2 = 3 / (4d + 1) is not a square.
    EXPECT_FALSE(Ed25519PublicKey::from_bytes(
                     unhex("0200000000000000000000000000000000000000000000000000000000000000"))
                     .ok());
    // The identity (a small-order point) decodes: RFC 8032 does not exclude it.
    EXPECT_TRUE(Ed25519PublicKey::from_bytes(
                    unhex("0100000000000000000000000000000000000000000000000000000000000000"))
                    .ok());
}

// A signature by the identity key with R = [S]B verifies cofactorless only for k*A = 0;
// it must not verify for a real key.
TEST(Ed25519, SmallOrderKeyDoesNotVerifyForeignSignature) {
    auto key = Ed25519PrivateKey::from_bytes(Bytes(32, 4));
    ASSERT_TRUE(key.ok());
    auto sig = key->sign(as_bytes("x"));
    ASSERT_TRUE(sig.ok());
    auto id = Ed25519PublicKey::from_bytes(
        unhex("0100000000000000000000000000000000000000000000000000000000000000"));
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(id->verify(as_bytes("x"), *sig).error().code(), Errc::auth_failed);
}

// The constant-time fixed-base multiplication agrees with the variable-time
// double-scalar multiplication for random scalars.
TEST(Ed25519, BaseMulMatchesDoubleScalarMul) {
    ReplayRng rng({}, 5);
    detail::GeP3 identity;
    detail::ge25519::identity(identity);
    const uint8_t zero[32] = {};
    for (int i = 0; i < 200; i++) {
        uint8_t wide[64], a[32];
        ASSERT_TRUE(rng.generate(wide).ok());
        detail::sc25519::reduce64(a, wide);
        if (i == 0) std::fill(a, a + 32, 0);
        detail::GeP3 p;
        detail::ge25519::base_mul(p, a);
        detail::GeP2 q;
        detail::ge25519::double_scalarmult_vartime(q, zero, identity, a);
        uint8_t e1[32], e2[32];
        detail::ge25519::to_bytes(e1, p);
        detail::ge25519::to_bytes(e2, q);
        EXPECT_EQ(hex(ByteView(e1, 32)), hex(ByteView(e2, 32)));
    }
}

// muladd and reduce64 against schoolbook arithmetic on random inputs: (a*b + c) mod L
// computed as reduce64 of the 64-byte little-endian product plus c.
TEST(Ed25519, ScalarMulAddMatchesReduce) {
    ReplayRng rng({}, 6);
    for (int i = 0; i < 500; i++) {
        uint8_t a[32], b[32], c[32];
        ASSERT_TRUE(rng.generate(a).ok());
        ASSERT_TRUE(rng.generate(b).ok());
        ASSERT_TRUE(rng.generate(c).ok());
        a[31] &= 0x7f;
        b[31] &= 0x7f;
        c[31] &= 0x7f;
        if (i == 1) std::fill(a, a + 32, 0xff), a[31] = 0x7f;
        // Byte-wise schoolbook product into 64 bytes.
        uint32_t prod[65] = {};
        for (int x = 0; x < 32; x++) {
            for (int y = 0; y < 32; y++) prod[x + y] += a[x] * b[y];
        }
        for (int x = 0; x < 32; x++) prod[x] += c[x];
        uint8_t bytes[64];
        uint32_t carry = 0;
        for (int x = 0; x < 64; x++) {
            uint32_t t = prod[x] + carry;
            bytes[x] = static_cast<uint8_t>(t);
            carry = t >> 8;
        }
        ASSERT_EQ(carry, 0u);
        uint8_t want[32], got[32];
        detail::sc25519::reduce64(want, bytes);
        detail::sc25519::muladd(got, a, b, c);
        ASSERT_EQ(hex(ByteView(got, 32)), hex(ByteView(want, 32)));
        EXPECT_TRUE(detail::sc25519::is_canonical_vartime(got));
    }
}

}  // namespace
}  // namespace keel::crypto
