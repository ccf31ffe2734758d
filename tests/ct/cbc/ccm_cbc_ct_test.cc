// AES-CCM, AES-CBC and the TLS 1.2 CBC record open must not branch on or index with
// secrets. Keys, plaintexts, tags under verification and decrypted records are
// poisoned; each result is declassified and compared with an unpoisoned run.
//
// The record-open test is the Lucky 13 proof: the decrypted record, its padding
// length byte included, is poisoned, so any branch or table index on the padding or
// content length is a memcheck error.
#include <string>

#include "crypto/aead/ccm.h"
#include "crypto/cbc/cbc.h"
#include "crypto/cbc/cbc_record.h"
#include "tests/ct/harness.h"

namespace keel::crypto {
namespace {

using ct_test::declassify;
using ct_test::poison;

Bytes pattern(size_t n, uint8_t seed) {
    Bytes b(n);
    for (size_t i = 0; i < n; i++) b[i] = static_cast<uint8_t>(seed + 31 * i + (i >> 3));
    return b;
}

// Backends valgrind can run: portable and AES-NI (memcheck has no AVX-512).
std::vector<AesBackend> ct_backends() {
    std::vector<AesBackend> out;
    for (AesBackend b : Aes::backends()) {
        if (b != AesBackend::vaes512) out.push_back(b);
    }
    return out;
}

TEST(CtCcm, SealWithSecretKeyAndPlaintext) {
    KEEL_REQUIRE_VALGRIND();
    const Bytes nonce = pattern(12, 1), aad = pattern(13, 2);
    for (AesBackend b : ct_backends()) {
        for (size_t len : {0, 5, 16, 37, 128, 129}) {
            Bytes key = pattern(16, 3), pt = pattern(len, 4), tag(16);
            auto ref = AesCcm::create(key, b);
            ASSERT_TRUE(ref.ok());
            Bytes want = pt, want_tag(16);
            ASSERT_TRUE(ref->seal(nonce, aad, want, want_tag).ok());

            poison(key);
            auto ccm = AesCcm::create(key, b);
            ASSERT_TRUE(ccm.ok());
            poison(pt);
            ASSERT_TRUE(ccm->seal(nonce, aad, pt, tag).ok());
            declassify(pt);
            declassify(tag);
            EXPECT_EQ(pt, want) << len;
            EXPECT_EQ(tag, want_tag) << len;
        }
    }
}

// Open with a secret key and a secret tag: only the verdict may be public. A wrong tag
// takes the same path up to the verdict.
TEST(CtCcm, OpenWithSecretKeyAndTag) {
    KEEL_REQUIRE_VALGRIND();
    const Bytes nonce = pattern(13, 5), aad = pattern(20, 6);
    for (AesBackend b : ct_backends()) {
        for (size_t tag_len : {8, 16}) {
            Bytes key = pattern(32, 7);
            auto ref = AesCcm::create(key, b);
            ASSERT_TRUE(ref.ok());
            const Bytes pt = pattern(50, 8);
            Bytes ct = pt, tag(tag_len);
            ASSERT_TRUE(ref->seal(nonce, aad, ct, tag).ok());

            poison(key);
            auto ccm = AesCcm::create(key, b);
            ASSERT_TRUE(ccm.ok());
            Bytes buf = ct;
            poison(tag);
            EXPECT_TRUE(ccm->open(nonce, aad, buf, tag).ok());
            declassify(buf);
            EXPECT_EQ(buf, pt);
            Bytes bad_tag = tag;
            declassify(bad_tag);
            bad_tag[tag_len - 1] ^= 1;
            poison(bad_tag);
            buf = ct;
            EXPECT_FALSE(ccm->open(nonce, aad, buf, bad_tag).ok());
            declassify(buf);
            EXPECT_EQ(buf, Bytes(buf.size(), 0));
        }
    }
}

TEST(CtCbc, EncryptDecryptWithSecretKeyAndData) {
    KEEL_REQUIRE_VALGRIND();
    const Bytes iv = pattern(16, 9);
    for (AesBackend b : ct_backends()) {
        Bytes key = pattern(16, 10), pt = pattern(160, 11);
        auto ref = AesCbc::create(key, b);
        ASSERT_TRUE(ref.ok());
        Bytes want(pt.size());
        ASSERT_TRUE(ref->encrypt(iv, pt, want).ok());

        poison(key);
        auto cbc = AesCbc::create(key, b);
        ASSERT_TRUE(cbc.ok());
        poison(pt);
        Bytes ct(pt.size());
        ASSERT_TRUE(cbc->encrypt(iv, pt, ct).ok());
        declassify(ct);
        EXPECT_EQ(ct, want);
        Bytes back(ct.size());
        ASSERT_TRUE(cbc->decrypt(iv, ct, back).ok());
        declassify(back);
        declassify(pt);
        EXPECT_EQ(back, pt);
    }
}

// content || MAC || pad + 1 bytes of pad, built with the (public-length) seal MAC.
Bytes make_record(const CbcRecordMac& mac, const TlsRecordHeader& h, size_t len, size_t pad) {
    Bytes r = pattern(len, static_cast<uint8_t>(len));
    Bytes m(mac.mac_size());
    EXPECT_TRUE(mac.mac(h, r, m).ok());
    r.insert(r.end(), m.begin(), m.end());
    r.insert(r.end(), pad + 1, static_cast<uint8_t>(pad));
    return r;
}

// Lucky 13: same record length n, different secret padding lengths, good and bad
// records; everything in the record and the MAC key poisoned.
TEST(CtCbcRecord, OpenIsConstantTimeInPaddingAndContent) {
    KEEL_REQUIRE_VALGRIND();
    const TlsRecordHeader h{42, 23, 0x0303};
    for (CbcMacAlg alg : {CbcMacAlg::hmac_sha1, CbcMacAlg::hmac_sha256, CbcMacAlg::hmac_sha384}) {
        Bytes key = pattern(32, 12);
        poison(key);
        auto mac = CbcRecordMac::create(alg, key);
        ASSERT_TRUE(mac.ok());
        const size_t n = 320;  // a fixed record length: pads trade places with content
        for (size_t pad : {0, 1, 17, 100, 255}) {
            if (n < pad + 1 + mac->mac_size()) continue;
            const size_t len = n - 1 - pad - mac->mac_size();
            Bytes rec = make_record(*mac, h, len, pad);
            ASSERT_EQ(rec.size(), n);
            for (int variant = 0; variant < 3; variant++) {
                Bytes r = rec;
                if (variant == 1) r[len] ^= 1;               // bad MAC
                if (variant == 2 && pad > 0) r[n - 2] ^= 1;  // bad padding
                poison(r);
                auto got = mac->open(h, r);
                const bool should = variant == 0 || (variant == 2 && pad == 0);
                ASSERT_EQ(got.ok(), should) << pad << " " << variant;
                if (got.ok()) {
                    EXPECT_EQ(*got, len);
                }
            }
        }
        // A short record (n < 256 + MAC) and a long one (the direct-hash prefix).
        for (size_t len : {0, 2000}) {
            Bytes r = make_record(*mac, h, len, 9);
            poison(r);
            auto got = mac->open(h, r);
            ASSERT_TRUE(got.ok());
            EXPECT_EQ(*got, len);
        }
    }
}

}  // namespace
}  // namespace keel::crypto
