// HMAC and HKDF must not branch on or index with their secrets: the HMAC key (every
// length class: short, exactly one block, hashed), the message when it is secret, the
// tag under verification, HKDF's IKM, salt and PRK, and the TLS 1.3 secrets fed to
// HKDF-Expand-Label. Each result is declassified and compared with an unpoisoned run,
// so a test also fails if poisoning changed the answer.
#include <string>
#include <vector>

#include "crypto/hash/sha256.h"
#include "crypto/kdf/hkdf.h"
#include "crypto/kdf/pbkdf2.h"
#include "crypto/kdf/tls_prf.h"
#include "crypto/mac/hmac.h"
#include "tests/ct/harness.h"

namespace keel::crypto {
namespace {

using ct_test::declassify;
using ct_test::poison;

Bytes pattern(size_t n, uint8_t seed) {
    Bytes b(n);
    for (size_t i = 0; i < n; i++) b[i] = static_cast<uint8_t>(seed + 31 * i);
    return b;
}

Bytes to_bytes(ByteView v) {
    return Bytes(v.begin(), v.end());
}

// Key lengths: empty, short, one below/at/above the block (above: hashed first), long.
const size_t kKeyLens[] = {0, 1, 20, 32, 63, 64, 65, 131};

TEST(CtHmac, Sha256OneShotWithSecretKey) {
    KEEL_REQUIRE_VALGRIND();
    Bytes msg = pattern(100, 1);
    for (size_t n : kKeyLens) {
        Bytes key = pattern(n, 7);
        auto want = Hmac<Sha256>::mac(key, msg);
        poison(key);
        auto tag = Hmac<Sha256>::mac(key, msg);
        declassify(tag);
        declassify(key);
        EXPECT_EQ(tag, want) << n;
    }
}

TEST(CtHmac, Sha256StreamingWithSecretKeyAndMessage) {
    KEEL_REQUIRE_VALGRIND();
    for (size_t n : kKeyLens) {
        Bytes key = pattern(n, 9);
        Bytes msg = pattern(200, 3);
        auto want = Hmac<Sha256>::mac(key, msg);
        poison(key);
        poison(msg);
        Hmac<Sha256> m(key);
        // Splits across block boundaries: buffering depends on lengths only.
        m.update(ByteView(msg.data(), 1));
        m.update(ByteView(msg.data() + 1, 70));
        m.update(ByteView(msg.data() + 71, 129));
        auto tag = m.final();
        declassify(tag);
        EXPECT_EQ(tag, want) << n;
        // Reuse after final(): the keyed state is restored without touching the key.
        m.update(msg);
        auto again = m.final();
        declassify(again);
        EXPECT_EQ(again, want) << n;
        declassify(key);
    }
}

TEST(CtHmac, Sha224WithSecretKey) {
    KEEL_REQUIRE_VALGRIND();
    Bytes key = pattern(80, 2), msg = pattern(10, 4);
    auto want = Hmac<Sha224>::mac(key, msg);
    poison(key);
    auto tag = Hmac<Sha224>::mac(key, msg);
    declassify(tag);
    EXPECT_EQ(tag, want);
}

TEST(CtHmac, VerifyComparesTagWithoutBranching) {
    KEEL_REQUIRE_VALGRIND();
    Bytes key = pattern(32, 5), msg = pattern(64, 6);
    auto good = Hmac<Sha256>::mac(key, msg);
    for (size_t flip = 0; flip <= good.size(); flip++) {
        // flip == good.size(): the right tag; otherwise one byte differs, at every
        // position, so an early-exit comparison would show up as a secret branch.
        Bytes tag(good.begin(), good.end());
        if (flip < tag.size()) tag[flip] ^= 0x80;
        Bytes k = key;
        poison(k);
        poison(tag);
        auto r = Hmac<Sha256>::verify(k, msg, tag);
        EXPECT_EQ(r.ok(), flip == good.size()) << flip;
    }
}

TEST(CtHmac, VerifyTruncatedTagWithoutBranching) {
    KEEL_REQUIRE_VALGRIND();
    Bytes key = pattern(16, 8), msg = pattern(3, 9);
    auto full = Hmac<Sha256>::mac(key, msg);
    Bytes tag(full.begin(), full.begin() + 16);
    Bytes bad = tag;
    bad[15] ^= 1;
    poison(key);
    poison(tag);
    poison(bad);
    EXPECT_TRUE(Hmac<Sha256>::verify(key, msg, tag, 16).ok());
    EXPECT_FALSE(Hmac<Sha256>::verify(key, msg, bad, 16).ok());
    // Length checks are public and happen before any secret is compared.
    EXPECT_FALSE(Hmac<Sha256>::verify(key, msg, tag).ok());
}

TEST(CtHkdf, ExtractWithSecretIkmAndSalt) {
    KEEL_REQUIRE_VALGRIND();
    for (size_t salt_len : {size_t{0}, size_t{13}, size_t{32}, size_t{80}}) {
        Bytes salt = pattern(salt_len, 11), ikm = pattern(48, 12);
        auto want = hkdf_extract<Sha256>(salt, ikm);
        poison(salt);
        poison(ikm);
        auto prk = hkdf_extract<Sha256>(salt, ikm);
        declassify(prk.view());
        EXPECT_EQ(to_bytes(prk.view()), to_bytes(want.view())) << salt_len;
    }
}

TEST(CtHkdf, ExpandWithSecretPrk) {
    KEEL_REQUIRE_VALGRIND();
    Bytes info = pattern(10, 13);
    for (size_t len : {size_t{1}, size_t{32}, size_t{33}, size_t{100}, size_t{255 * 32}}) {
        Bytes prk = pattern(32, 14);
        Bytes want(len), out(len);
        ASSERT_TRUE(hkdf_expand<Sha256>(prk, info, want).ok());
        poison(prk);
        ASSERT_TRUE(hkdf_expand<Sha256>(prk, info, out).ok());
        declassify(out);
        EXPECT_EQ(out, want) << len;
    }
}

TEST(CtHkdf, ExpandLabelAndDeriveSecretWithSecretInput) {
    KEEL_REQUIRE_VALGRIND();
    Bytes secret = pattern(32, 15);
    auto th = Sha256::hash(as_bytes("transcript"));
    Bytes want_key(16);
    ASSERT_TRUE(hkdf_expand_label<Sha256>(secret, "key", {}, want_key).ok());
    auto want_derived = derive_secret<Sha256>(secret, "c hs traffic", th);
    ASSERT_TRUE(want_derived.ok());

    poison(secret);
    Bytes key(16);
    ASSERT_TRUE(hkdf_expand_label<Sha256>(secret, "key", {}, key).ok());
    auto derived = derive_secret<Sha256>(secret, "c hs traffic", th);
    ASSERT_TRUE(derived.ok());
    declassify(key);
    declassify(derived->view());
    EXPECT_EQ(key, want_key);
    EXPECT_EQ(to_bytes(derived->view()), to_bytes(want_derived->view()));
}

TEST(CtTlsPrf, Tls12PrfWithSecretMasterSecret) {
    KEEL_REQUIRE_VALGRIND();
    Bytes seed = pattern(64, 16);
    for (size_t n : {size_t{0}, size_t{47}, size_t{48}, size_t{100}}) {
        Bytes secret = pattern(n, 17);
        Bytes want(104), out(104);
        tls12_prf<Sha256>(secret, "key expansion", seed, want);
        poison(secret);
        tls12_prf<Sha256>(secret, "key expansion", seed, out);
        declassify(out);
        EXPECT_EQ(out, want) << n;
    }
}

TEST(CtTlsPrf, Tls10CombinerWithSecretInput) {
    KEEL_REQUIRE_VALGRIND();
    Bytes secret = pattern(47, 18), seed = pattern(64, 19);
    Bytes want(48), out(48);
    tls10_prf<Sha256, Sha224>(secret, "master secret", seed, want);
    poison(secret);
    tls10_prf<Sha256, Sha224>(secret, "master secret", seed, out);
    declassify(out);
    EXPECT_EQ(out, want);
}

TEST(CtPbkdf2, SecretPassword) {
    KEEL_REQUIRE_VALGRIND();
    for (size_t n : {size_t{0}, size_t{8}, size_t{65}}) {
        Bytes password = pattern(n, 20), salt = pattern(16, 21);
        Bytes want(40), out(40);
        ASSERT_TRUE(pbkdf2<Sha256>(password, salt, 5, want).ok());
        poison(password);
        ASSERT_TRUE(pbkdf2<Sha256>(password, salt, 5, out).ok());
        declassify(out);
        EXPECT_EQ(out, want) << n;
    }
}

}  // namespace
}  // namespace keel::crypto
