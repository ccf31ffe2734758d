// ChaCha20-Poly1305 and XChaCha20-Poly1305: RFC 8439 §2.8.2 and A.5, the XChaCha
// draft's vector, Wycheproof on every backend pair, and the aead.h bad-input contract.
#include "crypto/chacha/chacha20_poly1305.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/crypto/chacha/rfc_texts.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;
using test::unhex;

struct Pair {
    std::string name;
    detail::ChaCha20Xor chacha;
    detail::Poly1305Blocks poly;
};

std::vector<Pair> backend_pairs() {
    std::vector<Pair> out;
    for (const auto& c : detail::chacha20_backends()) {
        for (const auto& p : detail::poly1305_backends()) {
            out.push_back({std::string(c.name) + "+" + p.name, c.xor_fn, p.blocks});
        }
    }
    return out;
}

template <class Aead>
void check_known_answer(const Pair& b, ByteView key, ByteView nonce, ByteView aad, ByteView pt,
                        const std::string& ct_hex, const std::string& tag_hex) {
    auto a = Aead::create(key, b.chacha, b.poly);
    ASSERT_TRUE(a.ok());
    Bytes io(pt.begin(), pt.end());
    uint8_t tag[16];
    ASSERT_TRUE(a->seal(nonce, aad, io, tag).ok());
    EXPECT_EQ(hex(io), ct_hex) << b.name;
    EXPECT_EQ(hex(ByteView(tag, 16)), tag_hex) << b.name;
    ASSERT_TRUE(a->open(nonce, aad, io, ByteView(tag, 16)).ok()) << b.name;
    EXPECT_EQ(io, Bytes(pt.begin(), pt.end())) << b.name;
}

TEST(ChaCha20Poly1305, Rfc8439Section282) {
    std::string pt = test_text::kSunscreen;
    for (const auto& b : backend_pairs()) {
        check_known_answer<ChaCha20Poly1305>(
            b, unhex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"),
            unhex("070000004041424344454647"), unhex("50515253c0c1c2c3c4c5c6c7"), as_bytes(pt),
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
            "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
            "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
            "3ff4def08e4b7a9de576d26586cec64b6116",
            "1ae10b594f09e26a7e902ecbd0600691");
    }
}

TEST(ChaCha20Poly1305, Rfc8439AppendixA5Decryption) {
    Bytes pt = unhex(
        "496e7465726e65742d4472616674732061726520647261667420646f63756d65"
        "6e74732076616c696420666f722061206d6178696d756d206f6620736978206d"
        "6f6e74687320616e64206d617920626520757064617465642c207265706c6163"
        "65642c206f72206f62736f6c65746564206279206f7468657220646f63756d65"
        "6e747320617420616e792074696d652e20497420697320696e617070726f7072"
        "6961746520746f2075736520496e7465726e65742d4472616674732061732072"
        "65666572656e6365206d6174657269616c206f7220746f206369746520746865"
        "6d206f74686572207468616e206173202fe2809c776f726b20696e2070726f67"
        "726573732e2fe2809d");
    for (const auto& b : backend_pairs()) {
        check_known_answer<ChaCha20Poly1305>(
            b, unhex("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0"),
            unhex("000000000102030405060708"), unhex("f33388860000000000004e91"), pt,
            "64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb2"
            "4c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
            "332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855"
            "9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4"
            "b9166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523e"
            "af4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a"
            "0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a10"
            "49e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29"
            "a6ad5cb4022b02709b",
            "eead9d67890cbb22392336fea1851f38");
    }
}

// draft-irtf-cfrg-xchacha §A.3.1.
TEST(XChaCha20Poly1305, DraftVector) {
    std::string pt = test_text::kSunscreen;
    for (const auto& b : backend_pairs()) {
        check_known_answer<XChaCha20Poly1305>(
            b, unhex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"),
            unhex("404142434445464748494a4b4c4d4e4f5051525354555657"),
            unhex("50515253c0c1c2c3c4c5c6c7"), as_bytes(pt),
            "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"
            "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"
            "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
            "21f9664c97637da9768812f615c68b13b52e",
            "c0875924c1c7987947deafd8780acf49");
    }
}

// Wycheproof: every case on every backend pair. A case with a nonce length the
// mode does not take must be refused with invalid_argument before any byte changes.
template <class Aead>
void run_wycheproof(const char* file) {
    const auto& root = test::load_vectors(file);
    size_t checked = 0;
    for (const auto& b : backend_pairs()) {
        for (const auto& group : root["testGroups"].as_array()) {
            for (const auto& t : group["tests"].as_array()) {
                const std::string id = b.name + " tcId " + std::to_string(t["tcId"].as_int());
                Bytes key = t["key"].as_hex(), iv = t["iv"].as_hex(), aad = t["aad"].as_hex();
                Bytes msg = t["msg"].as_hex(), ct = t["ct"].as_hex(), tag = t["tag"].as_hex();
                const bool valid = t["result"].as_string() == "valid";
                auto a = Aead::create(key, b.chacha, b.poly);
                ASSERT_TRUE(a.ok()) << id;
                checked++;
                if (iv.size() != Aead::kNonceSize) {
                    ASSERT_FALSE(valid) << id;
                    Bytes io = ct;
                    auto r = a->open(iv, aad, io, tag);
                    ASSERT_FALSE(r.ok()) << id;
                    EXPECT_EQ(r.error().code(), Errc::invalid_argument) << id;
                    EXPECT_EQ(io, ct) << id;
                    uint8_t out_tag[16];
                    Bytes io2 = msg;
                    EXPECT_EQ(a->seal(iv, aad, io2, out_tag).error().code(), Errc::invalid_argument)
                        << id;
                    EXPECT_EQ(io2, msg) << id;
                    continue;
                }
                if (valid) {
                    Bytes io = msg;
                    uint8_t out_tag[16];
                    ASSERT_TRUE(a->seal(iv, aad, io, out_tag).ok()) << id;
                    EXPECT_EQ(io, ct) << id;
                    EXPECT_EQ(hex(ByteView(out_tag, 16)), hex(tag)) << id;
                }
                Bytes io = ct;
                auto r = a->open(iv, aad, io, tag);
                EXPECT_EQ(r.ok(), valid) << id;
                if (valid) {
                    EXPECT_EQ(io, msg) << id;
                } else {
                    EXPECT_EQ(r.error().code(), Errc::auth_failed) << id;
                    EXPECT_EQ(io, Bytes(ct.size(), 0)) << id << ": plaintext released";
                }
            }
        }
    }
    EXPECT_GT(checked, 300u);
}

TEST(ChaCha20Poly1305, Wycheproof) {
    run_wycheproof<ChaCha20Poly1305>("wycheproof/chacha20_poly1305_test.json");
}

TEST(XChaCha20Poly1305, Wycheproof) {
    run_wycheproof<XChaCha20Poly1305>("wycheproof/xchacha20_poly1305_test.json");
}

template <class Aead>
void check_bad_input() {
    for (size_t n : {0, 16, 31, 33}) {
        auto bad = Aead::create(Bytes(n, 1));
        ASSERT_FALSE(bad.ok());
        EXPECT_EQ(bad.error().code(), Errc::invalid_argument);
    }
    auto a = Aead::create(Bytes(32, 3));
    ASSERT_TRUE(a.ok());
    Bytes nonce(Aead::kNonceSize, 5), aad(7, 1);
    Bytes msg(100);
    for (size_t i = 0; i < msg.size(); i++) msg[i] = static_cast<uint8_t>(i);
    Bytes io = msg;
    uint8_t tag[17];
    // Wrong nonce lengths and tag lengths: refused, nothing written.
    for (size_t n : {0, 8, 11, 12, 13, 23, 24, 25}) {
        if (n == Aead::kNonceSize) continue;
        auto r = a->seal(Bytes(n, 0), aad, io, MutableByteView(tag, 16));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::invalid_argument);
        EXPECT_EQ(io, msg);
    }
    for (size_t t : {0, 8, 15, 17}) {
        auto r = a->seal(nonce, aad, io, MutableByteView(tag, t));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::invalid_argument);
        EXPECT_EQ(io, msg);
    }
    ASSERT_TRUE(a->seal(nonce, aad, io, MutableByteView(tag, 16)).ok());
    const Bytes ct = io;
    // Truncated tags are refused before decrypting.
    for (size_t t : {0, 1, 8, 12, 15}) {
        Bytes work = ct;
        auto r = a->open(nonce, aad, work, ByteView(tag, t));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::invalid_argument);
        EXPECT_EQ(work, ct);
    }
    // Any flipped bit in tag, ciphertext, aad or nonce: auth_failed and zeros.
    auto expect_reject = [&](ByteView n, ByteView ad, Bytes work, ByteView tg) {
        auto r = a->open(n, ad, work, tg);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::auth_failed);
        EXPECT_EQ(work, Bytes(work.size(), 0));
    };
    for (size_t bit = 0; bit < 128; bit += 9) {
        uint8_t t2[16];
        std::copy(tag, tag + 16, t2);
        t2[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
        expect_reject(nonce, aad, ct, ByteView(t2, 16));
    }
    for (size_t i = 0; i < ct.size(); i += 11) {
        Bytes c2 = ct;
        c2[i] ^= 0x40;
        expect_reject(nonce, aad, c2, ByteView(tag, 16));
    }
    Bytes aad2 = aad;
    aad2[3] ^= 1;
    expect_reject(nonce, aad2, ct, ByteView(tag, 16));
    Bytes nonce2 = nonce;
    nonce2.back() ^= 0x80;
    expect_reject(nonce2, aad, ct, ByteView(tag, 16));
    // And the untouched inputs still open.
    Bytes work = ct;
    ASSERT_TRUE(a->open(nonce, aad, work, ByteView(tag, 16)).ok());
    EXPECT_EQ(work, msg);
}

TEST(ChaCha20Poly1305, BadInput) {
    check_bad_input<ChaCha20Poly1305>();
}
TEST(XChaCha20Poly1305, BadInput) {
    check_bad_input<XChaCha20Poly1305>();
}

// RFC 8439 §2.8: at most 2^32 - 1 blocks of message. Checked from the length alone,
// before any byte is read or written, so a span that claims the size is enough.
template <class Aead>
void check_length_limit() {
    auto a = Aead::create(Bytes(32, 3));
    ASSERT_TRUE(a.ok());
    Bytes nonce(Aead::kNonceSize, 0);
    uint8_t byte = 0x5a, tag[16] = {};
    MutableByteView huge(&byte, static_cast<size_t>(Aead::kMaxMessage + 1));
    auto r = a->seal(nonce, {}, huge, tag);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::limit_exceeded);
    r = a->open(nonce, {}, huge, ByteView(tag, 16));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::limit_exceeded);
    EXPECT_EQ(byte, 0x5a);
    EXPECT_EQ(Aead::kMaxMessage, 274877906880u);
}

TEST(ChaCha20Poly1305, RejectsMessageBeyondCounterLimit) {
    check_length_limit<ChaCha20Poly1305>();
}
TEST(XChaCha20Poly1305, RejectsMessageBeyondCounterLimit) {
    check_length_limit<XChaCha20Poly1305>();
}

}  // namespace
}  // namespace keel::crypto
