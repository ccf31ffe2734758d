// Constant time (DESIGN.md §5) for TLS 1.3 record protection, under valgrind: the
// traffic key, the IV and the content are poisoned. Sealing must not branch on any of
// them (nonce construction, inner plaintext, header); opening must not branch on the
// decrypted content. The padding scan reads the record's tail byte by byte and
// declassifies each byte it tests: padding length and content type are what the
// receiver learns anyway, the content before them is never examined.
#include <cstring>

#include "tests/ct/harness.h"
#include "tls/record/tls13_protection.h"

namespace keel::tls {
namespace {

using crypto::AeadAlg;

constexpr AeadAlg kAlgs[] = {AeadAlg::aes128_gcm, AeadAlg::aes256_gcm, AeadAlg::chacha20_poly1305,
                             AeadAlg::aes128_ccm, AeadAlg::aes128_ccm8};

Tls13RecordProtection make(AeadAlg alg, bool poisoned) {
    Bytes key(crypto::aead_key_size(alg)), iv(12);
    for (size_t i = 0; i < key.size(); i++) key[i] = static_cast<uint8_t>(i * 7 + 3);
    for (size_t i = 0; i < iv.size(); i++) iv[i] = static_cast<uint8_t>(i * 11 + 5);
    if (poisoned) {
        ct_test::poison(key);
        ct_test::poison(iv);
    }
    auto p = Tls13RecordProtection::create(alg, key, iv);
    EXPECT_TRUE(p.ok());
    return std::move(*p);
}

Bytes seal(Tls13RecordProtection& p, ContentType type, size_t n, size_t pad, bool poisoned) {
    Bytes rec(p.sealed_size(n, pad));
    for (size_t i = 0; i < n; i++) rec[5 + i] = static_cast<uint8_t>(i * 13 + 1);
    if (poisoned) ct_test::poison(MutableByteView(rec).subspan(5, n));
    EXPECT_TRUE(p.seal(type, n, pad, rec).ok());
    ct_test::declassify(rec);
    return rec;
}

TEST(CtTls13Record, SealWithSecretKeyIvAndContent) {
    KEEL_REQUIRE_VALGRIND();
    for (AeadAlg alg : kAlgs) {
        auto secret = make(alg, true), plain = make(alg, false);
        for (size_t n : {1, 17, 300}) {
            for (size_t pad : {0, 9}) {
                Bytes a = seal(secret, ContentType::application_data, n, pad, true);
                Bytes b = seal(plain, ContentType::application_data, n, pad, false);
                EXPECT_EQ(a, b) << crypto::aead_name(alg);
            }
        }
    }
}

TEST(CtTls13Record, OpenWithSecretKeyAndIv) {
    KEEL_REQUIRE_VALGRIND();
    for (AeadAlg alg : kAlgs) {
        auto w = make(alg, false), r = make(alg, true);
        for (size_t n : {1, 17, 300}) {
            for (size_t pad : {0, 9}) {
                for (ContentType t : {ContentType::application_data, ContentType::handshake}) {
                    Bytes rec = seal(w, t, n, pad, false);
                    Record view{ContentType::application_data, 0x0303, ByteView(rec).first(5),
                                MutableByteView(rec).subspan(5)};
                    auto pt = r.open(view);
                    ASSERT_TRUE(pt.ok()) << crypto::aead_name(alg);
                    EXPECT_EQ(pt->type, t);
                    ct_test::declassify(pt->content);
                    ASSERT_EQ(pt->content.size(), n);
                    EXPECT_EQ(pt->content[n - 1], static_cast<uint8_t>((n - 1) * 13 + 1));
                }
            }
        }
        // A forged record: the failure path must not branch on secrets either.
        Bytes rec = seal(w, ContentType::application_data, 40, 0, false);
        rec[10] ^= 1;
        Record view{ContentType::application_data, 0x0303, ByteView(rec).first(5),
                    MutableByteView(rec).subspan(5)};
        EXPECT_FALSE(r.open(view).ok());
    }
}

}  // namespace
}  // namespace keel::tls
