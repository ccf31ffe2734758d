// Constant time (DESIGN.md §5) for ChaCha20, Poly1305 and the ChaCha20-Poly1305 tag
// check, on every backend valgrind lets this process see. Valgrind does not emulate
// AVX-512, and its cpuid hides it, so the AVX-512 and IFMA backends drop out of the
// backend lists here; portable and AVX2 are what this run can prove.
#include "tests/ct/harness.h"

#include <cstring>

#include "crypto/chacha/chacha20.h"
#include "crypto/chacha/chacha20_poly1305.h"
#include "crypto/chacha/poly1305.h"

namespace keel {
namespace {

using crypto::ChaCha20;
using crypto::ChaCha20Poly1305;
using crypto::Poly1305;
using crypto::XChaCha20Poly1305;

// Lengths that reach each code path: partial block, short tail passes, 8- and
// 16-block passes and the fused bulk.
constexpr size_t kLengths[] = {1, 63, 200, 700, 1100, 2100};

TEST(CtChaCha, ChaCha20KeyPoisoned) {
    KEEL_REQUIRE_VALGRIND();
    for (const auto& b : crypto::detail::chacha20_backends()) {
        for (size_t len : kLengths) {
            uint8_t key[32];
            for (int i = 0; i < 32; i++) key[i] = static_cast<uint8_t>(i * 5 + 1);
            ct_test::poison(key);
            auto c = ChaCha20::create(key, b.xor_fn);
            ASSERT_TRUE(c.ok());
            Bytes nonce(12, 3), in(len, 0x21), out(len);
            ASSERT_TRUE(c->xor_stream(nonce, 7, in, out).ok());
            ct_test::declassify(out);
            EXPECT_NE(out, in) << b.name;
        }
    }
}

TEST(CtChaCha, HChaCha20KeyPoisoned) {
    KEEL_REQUIRE_VALGRIND();
    uint8_t key[32] = {9, 8, 7}, in[16] = {1}, out[32];
    ct_test::poison(key);
    crypto::detail::hchacha20(key, in, out);
    ct_test::declassify(out);
    EXPECT_NE(out[0] | out[31], 0);
}

TEST(CtChaCha, Poly1305KeyAndMessagePoisoned) {
    KEEL_REQUIRE_VALGRIND();
    for (const auto& b : crypto::detail::poly1305_backends()) {
        for (size_t len : kLengths) {
            uint8_t key[32];
            for (int i = 0; i < 32; i++) key[i] = static_cast<uint8_t>(0xf0 ^ i);
            Bytes msg(len);
            for (size_t i = 0; i < len; i++) msg[i] = static_cast<uint8_t>(i * 7);
            ct_test::poison(key);
            ct_test::poison(msg);
            Poly1305 p(key, b.blocks);
            p.update(ByteView(msg).first(len / 3));
            p.update(ByteView(msg).subspan(len / 3));
            Poly1305::Tag t = p.final();
            ct_test::declassify(t);
            EXPECT_NE(t, Poly1305::Tag{}) << b.name;
        }
    }
}

// Seal and open with the key poisoned: the only secret-dependent decision is the tag
// verdict, which ct::equal declassifies; a bad tag must take the same path shape.
template <class Aead>
void check_aead() {
    for (const auto& c : crypto::detail::chacha20_backends()) {
        for (const auto& p : crypto::detail::poly1305_backends()) {
            for (size_t len : kLengths) {
                uint8_t key[32];
                for (int i = 0; i < 32; i++) key[i] = static_cast<uint8_t>(i + 100);
                ct_test::poison(key);
                auto a = Aead::create(key, c.xor_fn, p.blocks);
                ASSERT_TRUE(a.ok());
                Bytes nonce(Aead::kNonceSize, 1), aad(13, 2), msg(len, 0x33);
                Bytes io = msg;
                uint8_t tag[16];
                ASSERT_TRUE(a->seal(nonce, aad, io, tag).ok());
                ct_test::declassify(io);
                ct_test::declassify(ByteView(tag, 16));
                const Bytes sealed = io;
                EXPECT_TRUE(a->open(nonce, aad, io, ByteView(tag, 16)).ok());
                ct_test::declassify(io);
                EXPECT_EQ(io, msg);
                tag[5] ^= 1;
                io = sealed;
                EXPECT_FALSE(a->open(nonce, aad, io, ByteView(tag, 16)).ok());
                ct_test::declassify(io);
                EXPECT_EQ(io, Bytes(len, 0));
            }
        }
    }
}

TEST(CtChaCha, ChaCha20Poly1305KeyPoisoned) {
    KEEL_REQUIRE_VALGRIND();
    check_aead<ChaCha20Poly1305>();
}

TEST(CtChaCha, XChaCha20Poly1305KeyPoisoned) {
    KEEL_REQUIRE_VALGRIND();
    check_aead<XChaCha20Poly1305>();
}

}  // namespace
}  // namespace keel
