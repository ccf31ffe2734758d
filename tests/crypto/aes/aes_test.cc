#include "crypto/aes/aes.h"

#include <gtest/gtest.h>

#include <array>
#include <random>

#include "base/endian.h"
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

// FIPS 197 Appendix C.1-C.3.
TEST(Aes, Fips197AppendixC) {
    const Bytes pt = unhex("00112233445566778899aabbccddeeff");
    const struct {
        const char* key;
        const char* ct;
    } cases[] = {
        {"000102030405060708090a0b0c0d0e0f", "69c4e0d86a7b0430d8cdb78070b4c55a"},
        {"000102030405060708090a0b0c0d0e0f1011121314151617", "dda97ca4864cdfe06eaf70a0ec0d7191"},
        {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
         "8ea2b7ca516745bfeafc49904b496089"},
    };
    for (AesBackend b : Aes::backends()) {
        for (const auto& c : cases) {
            auto aes = Aes::create(unhex(c.key), b);
            ASSERT_TRUE(aes.ok());
            EXPECT_EQ(aes->backend(), b);
            uint8_t out[16], back[16];
            aes->encrypt_blocks(pt.data(), out, 1);
            EXPECT_EQ(hex(ByteView(out, 16)), c.ct) << aes_backend_name(b);
            aes->decrypt_blocks(out, back, 1);
            EXPECT_EQ(hex(ByteView(back, 16)), hex(pt)) << aes_backend_name(b);
        }
    }
}

// FIPS 197 Appendix A.1: the last round key of the AES-128 example expansion.
TEST(Aes, KeyExpansionAppendixA) {
    auto aes = Aes::create(unhex("2b7e151628aed2a6abf7158809cf4f3c"), AesBackend::portable);
    ASSERT_TRUE(aes.ok());
    EXPECT_EQ(hex(ByteView(aes->schedule().enc + 160, 16)), "d014f9a8c9ee2589e13f0cc8b6630ca6");
    auto aes256 =
        Aes::create(unhex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"),
                    AesBackend::portable);
    ASSERT_TRUE(aes256.ok());
    EXPECT_EQ(hex(ByteView(aes256->schedule().enc + 224, 16)), "fe4890d1e6188d0b046df344706c631e");
}

// A scalar reference cipher written from the spec's definitions (FIPS 197 §5.1): the
// S-box computed as inverse-then-affine, not taken from a table, so the bitsliced
// circuit is checked against the definition on random keys and blocks.
uint8_t gf_mul(uint8_t a, uint8_t b) {
    uint8_t r = 0;
    for (int i = 0; i < 8; i++) {
        if (b & 1) r ^= a;
        a = static_cast<uint8_t>((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}
uint8_t ref_sbox_slow(uint8_t x) {
    uint8_t inv = 0;
    for (int c = 1; c < 256; c++) {
        if (gf_mul(x, static_cast<uint8_t>(c)) == 1) inv = static_cast<uint8_t>(c);
    }
    uint8_t s = 0x63;
    for (int i = 0; i < 8; i++) {
        int bit = ((inv >> i) ^ (inv >> ((i + 4) % 8)) ^ (inv >> ((i + 5) % 8)) ^
                   (inv >> ((i + 6) % 8)) ^ (inv >> ((i + 7) % 8))) &
                  1;
        s ^= static_cast<uint8_t>(bit << i);
    }
    return s;
}
uint8_t ref_sbox(uint8_t x) {
    static const auto table = [] {
        std::array<uint8_t, 256> t;
        for (int i = 0; i < 256; i++) t[i] = ref_sbox_slow(static_cast<uint8_t>(i));
        return t;
    }();
    return table[x];
}
void ref_encrypt(const uint8_t* rk, unsigned nr, const uint8_t in[16], uint8_t out[16]) {
    uint8_t s[16];
    for (int i = 0; i < 16; i++) s[i] = in[i] ^ rk[i];
    for (unsigned r = 1; r <= nr; r++) {
        uint8_t t[16];
        for (int c = 0; c < 4; c++)
            for (int row = 0; row < 4; row++)
                t[4 * c + row] = ref_sbox(s[4 * ((c + row) % 4) + row]);
        if (r != nr) {
            for (int c = 0; c < 4; c++) {
                uint8_t* a = t + 4 * c;
                uint8_t b0 = a[0], b1 = a[1], b2 = a[2], b3 = a[3];
                a[0] = gf_mul(2, b0) ^ gf_mul(3, b1) ^ b2 ^ b3;
                a[1] = b0 ^ gf_mul(2, b1) ^ gf_mul(3, b2) ^ b3;
                a[2] = b0 ^ b1 ^ gf_mul(2, b2) ^ gf_mul(3, b3);
                a[3] = gf_mul(3, b0) ^ b1 ^ b2 ^ gf_mul(2, b3);
            }
        }
        for (int i = 0; i < 16; i++) s[i] = t[i] ^ rk[16 * r + i];
    }
    std::copy(s, s + 16, out);
}

TEST(Aes, MatchesScalarReference) {
    std::mt19937_64 rng(1);
    for (size_t key_len : {16, 24, 32}) {
        for (int iter = 0; iter < 20; iter++) {
            Bytes key = random_bytes(rng, key_len);
            Bytes pt = random_bytes(rng, 16 * 5);
            for (AesBackend b : Aes::backends()) {
                auto aes = Aes::create(key, b);
                ASSERT_TRUE(aes.ok());
                Bytes ct(pt.size());
                aes->encrypt_blocks(pt.data(), ct.data(), 5);
                for (int i = 0; i < 5; i++) {
                    uint8_t want[16];
                    ref_encrypt(aes->schedule().enc, aes->rounds(), pt.data() + 16 * i, want);
                    ASSERT_EQ(hex(ByteView(ct.data() + 16 * i, 16)), hex(ByteView(want, 16)))
                        << aes_backend_name(b);
                }
            }
        }
    }
}

TEST(Aes, BackendsAgreeOnBlocksAndCtr) {
    std::mt19937_64 rng(2);
    for (int iter = 0; iter < 300; iter++) {
        const size_t key_len = 16 + 8 * (rng() % 3);
        Bytes key = random_bytes(rng, key_len);
        const size_t blocks = rng() % 40;
        const size_t len = iter < 100 ? static_cast<size_t>(iter * 7 % 600) : rng() % 2000;
        Bytes pt = random_bytes(rng, std::max(16 * blocks, len));
        Bytes counter = random_bytes(rng, 16);
        if (iter % 4 == 0) store_be32(counter.data() + 12, 0xfffffff0u + (rng() % 16));
        auto ref = Aes::create(key, AesBackend::portable);
        ASSERT_TRUE(ref.ok());
        Bytes want_ecb(16 * blocks), want_ctr(len), want_dec(16 * blocks);
        ref->encrypt_blocks(pt.data(), want_ecb.data(), blocks);
        ref->decrypt_blocks(pt.data(), want_dec.data(), blocks);
        ref->ctr32(counter.data(), pt.data(), want_ctr.data(), len);
        // CTR keystream block i is E(counter with its last word + i mod 2^32).
        if (len >= 32) {
            uint8_t c1[16], ks[16];
            std::copy(counter.begin(), counter.end(), c1);
            store_be32(c1 + 12, load_be32(counter.data() + 12) + 1);
            ref->encrypt_blocks(c1, ks, 1);
            for (int i = 0; i < 16; i++) ASSERT_EQ(want_ctr[16 + i], pt[16 + i] ^ ks[i]);
        }
        for (AesBackend b : Aes::backends()) {
            auto aes = Aes::create(key, b);
            ASSERT_TRUE(aes.ok());
            Bytes ecb(16 * blocks), ctr(len), dec(16 * blocks);
            aes->encrypt_blocks(pt.data(), ecb.data(), blocks);
            aes->decrypt_blocks(pt.data(), dec.data(), blocks);
            aes->ctr32(counter.data(), pt.data(), ctr.data(), len);
            EXPECT_EQ(ecb, want_ecb) << aes_backend_name(b);
            EXPECT_EQ(dec, want_dec) << aes_backend_name(b);
            EXPECT_EQ(ctr, want_ctr) << aes_backend_name(b) << " len " << len;
            // In place.
            Bytes inplace(pt.begin(), pt.begin() + len);
            aes->ctr32(counter.data(), inplace.data(), inplace.data(), len);
            EXPECT_EQ(inplace, want_ctr) << aes_backend_name(b);
        }
    }
}

TEST(Aes, RejectsBadKeyLength) {
    for (size_t n : {0, 1, 15, 17, 23, 25, 31, 33, 64}) {
        Bytes key(n, 1);
        auto aes = Aes::create(key);
        ASSERT_FALSE(aes.ok());
        EXPECT_EQ(aes.error().code(), Errc::invalid_argument);
    }
}

TEST(Aes, BackendListStartsPortable) {
    ASSERT_FALSE(Aes::backends().empty());
    EXPECT_EQ(Aes::backends().front(), AesBackend::portable);
    auto aes = Aes::create(Bytes(16, 0));
    ASSERT_TRUE(aes.ok());
    EXPECT_EQ(aes->backend(), Aes::backends().back());
}

}  // namespace
}  // namespace keel::crypto
