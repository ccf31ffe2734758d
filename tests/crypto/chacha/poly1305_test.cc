// Poly1305: RFC 8439 §2.5.2 and Appendix A.3 on every backend, streaming splits, and
// bad input.
#include "crypto/chacha/poly1305.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/crypto/chacha/rfc_texts.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;
using test::unhex;

Bytes as_vec(std::string_view s) {
    return Bytes(s.begin(), s.end());
}

Poly1305::Tag mac_with(detail::Poly1305Blocks fn, ByteView key, ByteView msg) {
    Poly1305 p(key.first<32>(), fn);
    p.update(msg);
    return p.final();
}

struct MacCase {
    const char* name;
    const char* key;
    Bytes msg;
    const char* tag;
};

std::vector<MacCase> rfc_cases() {
    const char* k4 = "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0";
    return {
        {"§2.5.2", "85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b",
         as_vec("Cryptographic Forum Research Group"), "a8061dc1305136c6c22b8baf0c0127a9"},
        {"A.3 #1", "0000000000000000000000000000000000000000000000000000000000000000", Bytes(64, 0),
         "00000000000000000000000000000000"},
        {"A.3 #2", "0000000000000000000000000000000036e5f6b5c5e06070f0efca96227a863e",
         as_vec(test_text::kIetfSubmission), "36e5f6b5c5e06070f0efca96227a863e"},
        {"A.3 #3", "36e5f6b5c5e06070f0efca96227a863e00000000000000000000000000000000",
         as_vec(test_text::kIetfSubmission), "f3477e7cd95417af89a6b8794c310cf0"},
        {"A.3 #4", k4, as_vec(test_text::kJabberwock), "4541669a7eaaee61e708dc7cbcc5eb62"},
        {"A.3 #5", "0200000000000000000000000000000000000000000000000000000000000000",
         unhex("ffffffffffffffffffffffffffffffff"), "03000000000000000000000000000000"},
        {"A.3 #6", "02000000000000000000000000000000ffffffffffffffffffffffffffffffff",
         unhex("02000000000000000000000000000000"), "03000000000000000000000000000000"},
        {"A.3 #7", "0100000000000000000000000000000000000000000000000000000000000000",
         unhex("ffffffffffffffffffffffffffffffff"
               "f0ffffffffffffffffffffffffffffff"
               "11000000000000000000000000000000"),
         "05000000000000000000000000000000"},
        {"A.3 #8", "0100000000000000000000000000000000000000000000000000000000000000",
         unhex("ffffffffffffffffffffffffffffffff"
               "fbfefefefefefefefefefefefefefefe"
               "01010101010101010101010101010101"),
         "00000000000000000000000000000000"},
        {"A.3 #9", "0200000000000000000000000000000000000000000000000000000000000000",
         unhex("fdffffffffffffffffffffffffffffff"), "faffffffffffffffffffffffffffffff"},
        {"A.3 #10", "0100000000000000040000000000000000000000000000000000000000000000",
         unhex("e33594d7505e43b90000000000000000"
               "3394d7505e4379cd0100000000000000"
               "00000000000000000000000000000000"
               "01000000000000000000000000000000"),
         "14000000000000005500000000000000"},
        {"A.3 #11", "0100000000000000040000000000000000000000000000000000000000000000",
         unhex("e33594d7505e43b90000000000000000"
               "3394d7505e4379cd0100000000000000"
               "00000000000000000000000000000000"),
         "13000000000000000000000000000000"},
    };
}

TEST(Poly1305, RfcVectorsOnEveryBackend) {
    for (const auto& b : detail::poly1305_backends()) {
        for (const auto& c : rfc_cases()) {
            EXPECT_EQ(hex(mac_with(b.blocks, unhex(c.key), c.msg)), c.tag)
                << b.name << " " << c.name;
        }
    }
}

TEST(Poly1305, DefaultBackendAndOneShot) {
    for (const auto& c : rfc_cases()) {
        Bytes key = unhex(c.key);
        EXPECT_EQ(hex(Poly1305::mac(std::span<const uint8_t, 32>(key.data(), 32), c.msg)), c.tag)
            << c.name;
    }
}

// Every split point of a message long enough for the vector path matches one shot.
TEST(Poly1305, StreamingSplitsMatchOneShot) {
    Bytes key(32), msg(700);
    for (size_t i = 0; i < key.size(); i++) key[i] = static_cast<uint8_t>(0xa0 + i);
    for (size_t i = 0; i < msg.size(); i++) msg[i] = static_cast<uint8_t>(i * 13 + 1);
    for (const auto& b : detail::poly1305_backends()) {
        Poly1305::Tag want = mac_with(b.blocks, key, msg);
        EXPECT_EQ(want, mac_with(detail::poly1305_blocks_portable, key, msg)) << b.name;
        for (size_t a = 0; a <= msg.size(); a += 7) {
            for (size_t c = a; c <= msg.size(); c += 61) {
                Poly1305 p(std::span<const uint8_t, 32>(key.data(), 32), b.blocks);
                p.update(ByteView(msg).subspan(0, a));
                p.update(ByteView(msg).subspan(a, c - a));
                p.update(ByteView(msg).subspan(c));
                ASSERT_EQ(p.final(), want) << b.name << " split " << a << "/" << c;
            }
        }
    }
}

TEST(Poly1305, CreateRejectsWrongKeyLength) {
    for (size_t n : {0, 16, 31, 33}) {
        auto p = Poly1305::create(Bytes(n, 1));
        ASSERT_FALSE(p.ok()) << n;
        EXPECT_EQ(p.error().code(), Errc::invalid_argument);
    }
    EXPECT_TRUE(Poly1305::create(Bytes(32, 1)).ok());
}

}  // namespace
}  // namespace keel::crypto
