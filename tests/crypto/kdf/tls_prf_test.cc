#include "crypto/kdf/tls_prf.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "crypto/hash/md5.h"
#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "tests/crypto/kdf/kat_hashes.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;
using test::unhex;

// Known answers from `openssl kdf TLS1-PRF` (vectors/kat/gen_prf_pbkdf2.py).
TEST(Tls12Prf, OpensslKnownAnswers) {
    const auto& root = test::load_vectors("kat/prf_pbkdf2.json");
    size_t ran = 0;
    for (const auto& t : root["tls12_prf"].as_array()) {
        bool have =
            test_kat::with_hash(t["digest"].as_string(), [&]<class H>(std::type_identity<H>) {
                SCOPED_TRACE(t["digest"].as_string() + " " + t["label"].as_string());
                Bytes want = t["out"].as_hex();
                Bytes out(want.size());
                tls12_prf<H>(t["secret"].as_hex(), t["label"].as_string(), t["seed"].as_hex(), out);
                EXPECT_EQ(hex(out), hex(want));
            });
        ran += have;
    }
    EXPECT_EQ(ran, 18u);  // SHA-256 and SHA-384
}

// TLS 1.0/1.1: P_MD5 XOR P_SHA-1 (openssl's MD5-SHA1 TLS1-PRF).
TEST(Tls10Prf, OpensslKnownAnswers) {
    const auto& root = test::load_vectors("kat/prf_pbkdf2.json");
    size_t ran = 0;
    for (const auto& t : root["tls10_prf"].as_array()) {
        SCOPED_TRACE(t["label"].as_string());
        ASSERT_EQ(t["digest"].as_string(), "MD5-SHA1");
        Bytes want = t["out"].as_hex();
        Bytes out(want.size());
        tls10_prf<Md5, Sha1>(t["secret"].as_hex(), t["label"].as_string(), t["seed"].as_hex(), out);
        EXPECT_EQ(hex(out), hex(want));
        ran++;
    }
    EXPECT_EQ(ran, 9u);
}

// P_hash by its definition (RFC 5246 §5), one HMAC call per step, to check the keyed
// object reuse in detail::p_hash at every output length over several blocks.
Bytes p_hash_by_definition(ByteView secret, ByteView seed, size_t len) {
    Bytes out;
    Bytes a(seed.begin(), seed.end());
    while (out.size() < len) {
        auto next = Hmac<Sha256>::mac(secret, a);
        a.assign(next.begin(), next.end());
        Bytes in(a);
        in.insert(in.end(), seed.begin(), seed.end());
        auto block = Hmac<Sha256>::mac(secret, in);
        out.insert(out.end(), block.begin(), block.end());
    }
    out.resize(len);
    return out;
}

TEST(Tls12Prf, EveryLengthMatchesDefinition) {
    Bytes secret = unhex("0a0b0c0d0e0f");
    Bytes seed = unhex("00112233445566778899");
    Bytes label_seed(as_bytes("test label").begin(), as_bytes("test label").end());
    label_seed.insert(label_seed.end(), seed.begin(), seed.end());
    Bytes all = p_hash_by_definition(secret, label_seed, 200);
    for (size_t len = 0; len <= 200; len++) {
        Bytes out(len);
        tls12_prf<Sha256>(secret, "test label", seed, out);
        ASSERT_EQ(out, Bytes(all.begin(), all.begin() + static_cast<ptrdiff_t>(len))) << len;
    }
}

// The TLS 1.0 combiner (split, two P_hash streams, XOR) checked structurally with
// other hashes at every secret-length parity.
TEST(Tls10Prf, SplitAndXorMatchDefinition) {
    std::mt19937 rng(2246);
    for (size_t secret_len : {0, 1, 2, 3, 47, 48, 129}) {
        Bytes secret(secret_len);
        for (auto& b : secret) b = static_cast<uint8_t>(rng());
        size_t half = (secret_len + 1) / 2;
        Bytes s1(secret.begin(), secret.begin() + static_cast<ptrdiff_t>(half));
        Bytes s2(secret.end() - static_cast<ptrdiff_t>(half), secret.end());
        Bytes seed = unhex("a1a2a3");
        for (size_t len : {0, 1, 28, 29, 32, 33, 100}) {
            Bytes a(len), b(len), got(len);
            tls12_prf<Sha256>(s1, "L", seed, a);
            tls12_prf<Sha224>(s2, "L", seed, b);
            for (size_t i = 0; i < len; i++) a[i] ^= b[i];
            tls10_prf<Sha256, Sha224>(secret, "L", seed, got);
            ASSERT_EQ(got, a) << secret_len << " " << len;
        }
    }
}

}  // namespace
}  // namespace keel::crypto
