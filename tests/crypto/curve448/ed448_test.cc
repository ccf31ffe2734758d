#include "crypto/curve448/ed448.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/curve448/internal/ge448.h"
#include "tests/crypto/curve25519/test_rng.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using keel::test::hex;
using keel::test::unhex;
using test::ReplayRng;

struct Rfc8032Vector {
    bool prehash;
    const char* seed;
    const char* pub;
    const char* msg;
    const char* ctx;
    const char* sig;
};

// RFC 8032 §7.4 (Blank; 1 octet with context "foo") and §7.5 (Ed448ph "abc", without
// and with context "foo").
const Rfc8032Vector kRfc8032[] = {
    {false,
     "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b9"
     "4492f8f032e7549a20098f95b",
     "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df"
     "1e50f6cd1fa1abeafe8256180",
     "", "",
     "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f2b233f034f628281f2fd7a22d"
     "dd47d7828c59bd0a21bfd3980ff0d2028d4b18a9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda"
     "8530a113a0f4dbb61149f05a7363268c71d95808ff2e652600"},
    {false,
     "c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a"
     "659949ef8021e954e0a12274e",
     "43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4c"
     "b82169c235160627b4c3a9480",
     "03", "666f6f",
     "d4f8f6131770dd46f40867d6fd5d5055de43541f8c5e35abbcd001b32a89f7d2151f7647f11d8ca2ae279fb84"
     "2d607217fce6e042f6815ea000c85741de5c8da1144a6a1aba7f96de42505d7a7298524fda538fccbbb754f57"
     "8c1cad10d54d0d5428407e85dcbc98a49155c13764e66c3c00"},
    {true,
     "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42ef7822e0d5104127dc05d6dbe"
     "fde69e3ab2cec7c867c6e2c49",
     "259b71c19f83ef77a7abd26524cbdb3161b590a48f7d17de3ee0ba9c52beb743c09428a131d6b1b57303d90d8"
     "132c276d5ed3d5d01c0f53880",
     "616263", "",
     "822f6901f7480f3d5f562c592994d9693602875614483256505600bbc281ae381f54d6bce2ea911574932f52a"
     "4e6cadd78769375ec3ffd1b801a0d9b3f4030cd433964b6457ea39476511214f97469b57dd32dbc560a9a94d0"
     "0bff07620464a3ad203df7dc7ce360c3cd3696d9d9fab90f00"},
    {true,
     "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42ef7822e0d5104127dc05d6dbe"
     "fde69e3ab2cec7c867c6e2c49",
     "259b71c19f83ef77a7abd26524cbdb3161b590a48f7d17de3ee0ba9c52beb743c09428a131d6b1b57303d90d8"
     "132c276d5ed3d5d01c0f53880",
     "616263", "666f6f",
     "c32299d46ec8ff02b54540982814dce9a05812f81962b649d528095916a2aa481065b1580423ef927ecf0af58"
     "88f90da0f6a9a85ad5dc3f280d91224ba9911a3653d00e484e2ce232521481c8658df304bb7745a73514cdb9b"
     "f3e15784ab71284f8d0704a608c54a6b62d97beb511d132100"},
};

TEST(Ed448, Rfc8032Vectors) {
    for (const auto& v : kRfc8032) {
        SCOPED_TRACE(v.sig);
        auto key = Ed448PrivateKey::from_bytes(unhex(v.seed));
        ASSERT_TRUE(key.ok());
        EXPECT_EQ(hex(key->public_key().bytes()), v.pub);
        const Bytes msg = unhex(v.msg), ctx = unhex(v.ctx);
        const Ed448Params params{v.prehash, ctx};
        auto sig = key->sign(msg, params);
        ASSERT_TRUE(sig.ok());
        EXPECT_EQ(hex(*sig), v.sig);
        auto pub = Ed448PublicKey::from_bytes(unhex(v.pub));
        ASSERT_TRUE(pub.ok());
        EXPECT_TRUE(pub->verify(msg, unhex(v.sig), params).ok());
        auto r = pub->verify(msg, unhex(v.sig), {!v.prehash, ctx});
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::auth_failed);
        r = pub->verify(msg, unhex(v.sig), {v.prehash, as_bytes("bar")});
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::auth_failed);
    }
}

TEST(Ed448, Wycheproof) {
    const auto& doc = keel::test::load_vectors("wycheproof/ed448_test.json");
    size_t cases = 0;
    for (const auto& group : doc["testGroups"].as_array()) {
        auto key = Ed448PublicKey::from_bytes(group["publicKey"]["pk"].as_hex());
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
        }
    }
    EXPECT_EQ(cases, static_cast<size_t>(doc["numberOfTests"].as_int()));
}

TEST(Ed448, SignVerifyRoundTripAndBitFlips) {
    ReplayRng rng({}, 77);
    for (int i = 0; i < 6; i++) {
        auto key = Ed448PrivateKey::generate(rng);
        ASSERT_TRUE(key.ok());
        Bytes msg(static_cast<size_t>(i * 29));
        ASSERT_TRUE(rng.generate(msg).ok());
        auto sig = key->sign(msg, rng);
        ASSERT_TRUE(sig.ok());
        const auto pub = key->public_key();
        ASSERT_TRUE(pub.verify(msg, *sig).ok());
        for (size_t bit = 0; bit < 912; bit += (i == 0 ? 1 : 41)) {
            Bytes bad = *sig;
            bad[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
            auto r = pub.verify(msg, bad);
            ASSERT_FALSE(r.ok()) << bit;
            EXPECT_EQ(r.error().code(), Errc::auth_failed);
        }
        for (size_t bit = 0; bit < msg.size() * 8; bit += 13) {
            Bytes bad = msg;
            bad[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
            EXPECT_EQ(pub.verify(bad, *sig).error().code(), Errc::auth_failed);
        }
        for (size_t bit = 0; bit < 456; bit += (i == 0 ? 1 : 31)) {
            std::array<uint8_t, 57> bad = pub.bytes();
            bad[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
            auto other = Ed448PublicKey::from_bytes(bad);
            if (!other.ok()) {
                EXPECT_EQ(other.error().code(), Errc::malformed);
                continue;
            }
            EXPECT_EQ(other->verify(msg, *sig).error().code(), Errc::auth_failed);
        }
    }
}

TEST(Ed448, RejectsBadLengthsAndContexts) {
    auto key = Ed448PrivateKey::from_bytes(Bytes(57, 1));
    ASSERT_TRUE(key.ok());
    auto sig = key->sign(as_bytes("m"));
    ASSERT_TRUE(sig.ok());
    for (size_t n : {0, 1, 113, 115, 228}) {
        Bytes s = *sig;
        s.resize(n);
        EXPECT_EQ(key->public_key().verify(as_bytes("m"), s).error().code(), Errc::malformed);
    }
    for (size_t n : {0, 32, 56, 58}) {
        EXPECT_EQ(Ed448PrivateKey::from_bytes(Bytes(n, 1)).error().code(), Errc::invalid_argument);
        EXPECT_EQ(Ed448PublicKey::from_bytes(Bytes(n, 1)).error().code(), Errc::malformed);
    }
    const Bytes long_ctx(256, 'c');
    EXPECT_EQ(key->sign(as_bytes("m"), {false, long_ctx}).error().code(), Errc::invalid_argument);
    EXPECT_TRUE(key->sign(as_bytes("m"), {true, Bytes(255, 'c')}).ok());
}

TEST(Ed448, RejectsNonCanonicalSAndKeys) {
    auto key = Ed448PrivateKey::from_bytes(Bytes(57, 3));
    ASSERT_TRUE(key.ok());
    auto sig = key->sign(as_bytes("msg"));
    ASSERT_TRUE(sig.ok());
    // S + L: same value mod L, must be rejected (§5.2.7).
    const Bytes l = unhex(
        "f34458ab92c27823558fc58d72c26c219036d6ae49db4ec4e923ca7cffffffffffffffffffffffffffffff"
        "ffffffffffffffffffffffffff3f00");
    Bytes bad = *sig;
    unsigned carry = 0;
    for (int i = 0; i < 57; i++) {
        unsigned t = bad[57 + i] + l[i] + carry;
        bad[57 + i] = static_cast<uint8_t>(t);
        carry = t >> 8;
    }
    EXPECT_EQ(key->public_key().verify(as_bytes("msg"), bad).error().code(), Errc::auth_failed);
    // Nonzero bits in the last byte of S.
    bad = *sig;
    bad[113] = 1;
    EXPECT_EQ(key->public_key().verify(as_bytes("msg"), bad).error().code(), Errc::auth_failed);
    // y = p (non-canonical), and a last key byte with bits other than the sign.
    Bytes y_p(57, 0xff);
    y_p[28] = 0xfe;
    y_p[56] = 0;
    EXPECT_FALSE(Ed448PublicKey::from_bytes(y_p).ok());
    const auto pub = key->public_key();
    Bytes k(pub.bytes().begin(), pub.bytes().end());
    k[56] |= 1;
    EXPECT_FALSE(Ed448PublicKey::from_bytes(k).ok());
    // x = 0 (y = 1) with the sign bit set.
    Bytes id(57, 0);
    id[0] = 1;
    EXPECT_TRUE(Ed448PublicKey::from_bytes(id).ok());
    id[56] = 0x80;
    EXPECT_FALSE(Ed448PublicKey::from_bytes(id).ok());
}

TEST(Ed448, BaseMulMatchesDoubleScalarMul) {
    ReplayRng rng({}, 8);
    detail::Ge448 identity;
    detail::ge448::identity(identity);
    const uint8_t zero[56] = {};
    for (int i = 0; i < 40; i++) {
        uint8_t wide[114], a[56];
        ASSERT_TRUE(rng.generate(wide).ok());
        detail::sc448::reduce114(a, wide);
        detail::Ge448 p, q;
        detail::ge448::base_mul(p, a);
        detail::ge448::double_scalarmult_vartime(q, zero, identity, a);
        uint8_t e1[57], e2[57];
        detail::ge448::to_bytes(e1, p);
        detail::ge448::to_bytes(e2, q);
        EXPECT_EQ(hex(ByteView(e1, 57)), hex(ByteView(e2, 57)));
    }
}

}  // namespace
}  // namespace keel::crypto
