// ChaCha20 and HChaCha20: RFC 8439 §2.3.2, §2.4.2, Appendix A.1, A.2 and A.4 and
// draft-irtf-cfrg-xchacha §2.2.1, on every backend this CPU may use; bad input.
#include "crypto/chacha/chacha20.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/crypto/chacha/rfc_texts.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;
using test::unhex;

Bytes zeros(size_t n) {
    return Bytes(n, 0);
}

Bytes xor_with(detail::ChaCha20Xor fn, ByteView key, ByteView nonce, uint32_t counter,
               ByteView in) {
    auto c = ChaCha20::create(key, fn);
    EXPECT_TRUE(c.ok());
    Bytes out(in.size());
    EXPECT_TRUE(c->xor_stream(nonce, counter, in, out).ok());
    return out;
}

struct KeystreamCase {
    const char* name;
    const char* key;
    const char* nonce;
    uint32_t counter;
    const char* keystream;
};

// Serialized block-function outputs (the keystream of one block).
constexpr KeystreamCase kBlocks[] = {
    {"§2.3.2", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
     "000000090000004a00000000", 1,
     "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
     "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e"},
    {"A.1 #1", "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", 0,
     "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
     "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"},
    {"A.1 #2", "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", 1,
     "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
     "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f"},
    {"A.1 #3", "0000000000000000000000000000000000000000000000000000000000000001",
     "000000000000000000000000", 1,
     "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a"
     "8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0"},
    {"A.1 #4", "00ff000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", 2,
     "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca"
     "13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096"},
    {"A.1 #5", "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000002", 0,
     "c2c64d378cd536374ae204b9ef933fcd1a8b2288b3dfa49672ab765b54ee27c7"
     "8a970e0e955c14f3a88e741b97c286f75f8fc299e8148362fa198a39531bed6d"},
    // §2.6.2 and A.4: the Poly1305 key is the first 32 bytes of block 0.
    {"§2.6.2", "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
     "000000000001020304050607", 0,
     "8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646"},
    {"A.4 #2", "0000000000000000000000000000000000000000000000000000000000000001",
     "000000000000000000000002", 0,
     "ecfa254f845f647473d3cb140da9e87606cb33066c447b87bc2666dde3fbb739"},
    {"A.4 #3", "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
     "000000000000000000000002", 0,
     "965e3bc6f9ec7ed9560808f4d229f94b137ff275ca9b3fcbdd59deaad23310ae"},
};

TEST(ChaCha20, BlockFunctionVectorsOnEveryBackend) {
    for (const auto& b : detail::chacha20_backends()) {
        for (const auto& c : kBlocks) {
            Bytes want = unhex(c.keystream);
            EXPECT_EQ(hex(xor_with(b.xor_fn, unhex(c.key), unhex(c.nonce), c.counter,
                                   zeros(want.size()))),
                      c.keystream)
                << b.name << " " << c.name;
        }
    }
}

struct EncryptCase {
    const char* name;
    const char* key;
    const char* nonce;
    uint32_t counter;
    std::string plaintext;
    const char* ciphertext;
};

TEST(ChaCha20, EncryptionVectorsOnEveryBackend) {
    const EncryptCase cases[] = {
        {"§2.4.2", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
         "000000000000004a00000000", 1, test_text::kSunscreen,
         "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
         "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
         "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
         "5af90bbf74a35be6b40b8eedf2785e42874d"},
        {"A.2 #1", "0000000000000000000000000000000000000000000000000000000000000000",
         "000000000000000000000000", 0, std::string(64, '\0'),
         "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
         "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"},
        {"A.2 #2", "0000000000000000000000000000000000000000000000000000000000000001",
         "000000000000000000000002", 1, test_text::kIetfSubmission,
         "a3fbf07df3fa2fde4f376ca23e82737041605d9f4f4f57bd8cff2c1d4b7955ec"
         "2a97948bd3722915c8f3d337f7d370050e9e96d647b7c39f56e031ca5eb6250d"
         "4042e02785ececfa4b4bb5e8ead0440e20b6e8db09d881a7c6132f420e527950"
         "42bdfa7773d8a9051447b3291ce1411c680465552aa6c405b7764d5e87bea85a"
         "d00f8449ed8f72d0d662ab052691ca66424bc86d2df80ea41f43abf937d3259d"
         "c4b2d0dfb48a6c9139ddd7f76966e928e635553ba76c5c879d7b35d49eb2e62b"
         "0871cdac638939e25e8a1e0ef9d5280fa8ca328b351c3c765989cbcf3daa8b6c"
         "cc3aaf9f3979c92b3720fc88dc95ed84a1be059c6499b9fda236e7e818b04b0b"
         "c39c1e876b193bfe5569753f88128cc08aaa9b63d1a16f80ef2554d7189c411f"
         "5869ca52c5b83fa36ff216b9c1d30062bebcfd2dc5bce0911934fda79a86f6e6"
         "98ced759c3ff9b6477338f3da4f9cd8514ea9982ccafb341b2384dd902f3d1ab"
         "7ac61dd29c6f21ba5b862f3730e37cfdc4fd806c22f221"},
        {"A.2 #3", "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
         "000000000000000000000002", 42, test_text::kJabberwock,
         "62e6347f95ed87a45ffae7426f27a1df5fb69110044c0d73118effa95b01e5cf"
         "166d3df2d721caf9b21e5fb14c616871fd84c54f9d65b283196c7fe4f60553eb"
         "f39c6402c42234e32a356b3e764312a61a5532055716ead6962568f87d3f3f77"
         "04c6a8d1bcd1bf4d50d6154b6da731b187b58dfd728afa36757a797ac188d1"},
    };
    for (const auto& b : detail::chacha20_backends()) {
        for (const auto& c : cases) {
            Bytes pt(c.plaintext.begin(), c.plaintext.end());
            EXPECT_EQ(hex(xor_with(b.xor_fn, unhex(c.key), unhex(c.nonce), c.counter, pt)),
                      c.ciphertext)
                << b.name << " " << c.name;
            // Decryption is the same operation (§2.4).
            Bytes back =
                xor_with(b.xor_fn, unhex(c.key), unhex(c.nonce), c.counter, unhex(c.ciphertext));
            EXPECT_EQ(back, pt) << b.name << " " << c.name;
        }
    }
}

TEST(ChaCha20, InPlaceMatchesOutOfPlace) {
    Bytes key(32, 7), nonce(12, 9), msg(3000);
    for (size_t i = 0; i < msg.size(); i++) msg[i] = static_cast<uint8_t>(i * 31);
    for (const auto& b : detail::chacha20_backends()) {
        Bytes out = xor_with(b.xor_fn, key, nonce, 5, msg);
        Bytes io = msg;
        auto c = ChaCha20::create(key, b.xor_fn);
        ASSERT_TRUE(c->xor_stream(nonce, 5, io, io).ok());
        EXPECT_EQ(io, out) << b.name;
    }
}

// draft-irtf-cfrg-xchacha §2.2.1.
TEST(HChaCha20, DraftVector) {
    Bytes key = unhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    Bytes in = unhex("000000090000004a0000000031415927");
    uint8_t out[32];
    detail::hchacha20(key.data(), in.data(), out);
    EXPECT_EQ(hex(ByteView(out, 32)),
              "82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc");
}

TEST(ChaCha20, CreateRejectsWrongKeyLength) {
    for (size_t n : {0, 16, 31, 33, 64}) {
        auto c = ChaCha20::create(Bytes(n, 1));
        ASSERT_FALSE(c.ok()) << n;
        EXPECT_EQ(c.error().code(), Errc::invalid_argument);
    }
}

TEST(ChaCha20, XorRejectsWrongNonceAndSizes) {
    auto c = ChaCha20::create(Bytes(32, 1));
    ASSERT_TRUE(c.ok());
    Bytes in(10, 0), out(10, 0xaa);
    for (size_t n : {0, 8, 11, 13, 24}) {
        auto r = c->xor_stream(Bytes(n, 0), 0, in, out);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::invalid_argument);
    }
    Bytes short_out(9);
    EXPECT_EQ(c->xor_stream(Bytes(12, 0), 0, in, short_out).error().code(), Errc::invalid_argument);
    EXPECT_EQ(out, Bytes(10, 0xaa));  // untouched on error
}

// RFC 8439 §2.4: the 32-bit block counter may not wrap within a message.
TEST(ChaCha20, XorRejectsCounterWrap) {
    auto c = ChaCha20::create(Bytes(32, 1));
    ASSERT_TRUE(c.ok());
    Bytes nonce(12, 0);
    Bytes in(129, 0), out(129, 0xaa);
    // Last block 0xffffffff holds up to 64 bytes.
    EXPECT_TRUE(
        c->xor_stream(nonce, 0xffffffff, ByteView(in).first(64), MutableByteView(out).first(64))
            .ok());
    auto r =
        c->xor_stream(nonce, 0xffffffff, ByteView(in).first(65), MutableByteView(out).first(65));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::limit_exceeded);
    EXPECT_EQ(out[64], 0xaa);
    EXPECT_TRUE(
        c->xor_stream(nonce, 0xfffffffe, ByteView(in).first(128), MutableByteView(out).first(128))
            .ok());
    EXPECT_EQ(c->xor_stream(nonce, 0xfffffffe, in, out).error().code(), Errc::limit_exceeded);
}

}  // namespace
}  // namespace keel::crypto
