// Constant-time checks for AES and AES-GCM (run under valgrind, DESIGN.md §5): key,
// plaintext, H and tags are poisoned; memcheck reports any branch or memory index that
// depends on them. The portable backends are the ones whose constant-time behaviour is
// our code's doing; the AES-NI/PCLMUL backend runs too when valgrind exposes it.
#include <cstring>

#include "crypto/aead/gcm.h"
#include "crypto/aes/aes.h"
#include "tests/ct/harness.h"

namespace keel::crypto {
namespace {

using ct_test::declassify;
using ct_test::poison;

TEST(CtAes, PortableKeyScheduleAndBlocks) {
    KEEL_REQUIRE_VALGRIND();
    for (size_t key_len : {16u, 24u, 32u}) {
        uint8_t key[32], pt[16 * 9], ct[16 * 9], back[16 * 9];
        for (size_t i = 0; i < sizeof key; i++) key[i] = static_cast<uint8_t>(i);
        for (size_t i = 0; i < sizeof pt; i++) pt[i] = static_cast<uint8_t>(0x11 * i);
        poison(ByteView(key, key_len));
        poison(pt);
        auto aes = Aes::create(ByteView(key, key_len), AesBackend::portable);
        ASSERT_TRUE(aes.ok());
        aes->encrypt_blocks(pt, ct, 9);
        aes->decrypt_blocks(ct, back, 9);
        uint8_t counter[16] = {};
        poison(counter);
        aes->ctr32(counter, pt, ct, sizeof pt - 5);
        declassify(back);
        declassify(pt);
        EXPECT_EQ(std::memcmp(back, pt, sizeof pt), 0);
    }
}

TEST(CtAes, PortableGhash) {
    KEEL_REQUIRE_VALGRIND();
    detail::GhashKey k{};
    k.h[0] = 0x0123456789abcdef;
    k.h[1] = 0xfedcba9876543210;
    uint8_t data[16 * 5];
    for (size_t i = 0; i < sizeof data; i++) data[i] = static_cast<uint8_t>(i * 29);
    poison(ByteView(reinterpret_cast<const uint8_t*>(k.h), sizeof k.h));
    poison(data);
    detail::ghash_init_powers(k);
    uint64_t y[2] = {0, 0};
    detail::ghash_portable(k, y, data, 5);
    declassify(ByteView(reinterpret_cast<const uint8_t*>(y), sizeof y));
    EXPECT_NE(y[0] | y[1], 0u);
}

// Seal and open with key, nonce, plaintext and tag poisoned. The only value that may
// become public is whether the tag matched (ct::equal's declassification).
TEST(CtAes, GcmSealOpenAndTagCheck) {
    KEEL_REQUIRE_VALGRIND();
    for (GcmBackend b : AesGcm::backends()) {
        uint8_t key[16], iv[12], aad[13], text[100], tag[16];
        for (size_t i = 0; i < sizeof key; i++) key[i] = static_cast<uint8_t>(3 * i + 1);
        std::memset(iv, 7, sizeof iv);
        std::memset(aad, 9, sizeof aad);
        for (size_t i = 0; i < sizeof text; i++) text[i] = static_cast<uint8_t>(i);
        poison(key);
        poison(iv);
        poison(text);
        auto g = AesGcm::create(key, b);
        ASSERT_TRUE(g.ok());
        ASSERT_TRUE(g->seal(iv, aad, text, tag).ok());

        // Good tag: opens.
        uint8_t ct[100];
        std::memcpy(ct, text, sizeof ct);
        poison(tag);
        ASSERT_TRUE(g->open(iv, aad, text, tag).ok()) << gcm_backend_name(b);
        // Bad tag: refused, output wiped.
        tag[5] ^= 1;
        EXPECT_FALSE(g->open(iv, aad, ct, tag).ok());
        declassify(ct);
        for (uint8_t v : ct) EXPECT_EQ(v, 0);
    }
}

}  // namespace
}  // namespace keel::crypto
