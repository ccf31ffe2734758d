// RSA under valgrind: every private component poisoned (d, p, q, dp, dq, qinv), then
// the private operation, signing, and the TLS implicit-rejection decryption with the
// ciphertext poisoned too: no branch or index may depend on padding validity.
#include "crypto/rsa/rsa.h"
#include "tests/crypto/rsa/test_rng.h"
#include "tests/ct/harness.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using ct_test::declassify;
using ct_test::poison;

struct KeyBytes {
    Bytes n, e, d, p, q, dp, dq, qinv;
};

KeyBytes load_key() {
    const auto& root = keel::test::load_vectors("wycheproof/rsa_pkcs1_2048_test.json");
    const auto& k = root["testGroups"][0]["privateKey"];
    auto h = [&](const char* name) { return keel::test::unhex(k[name].as_string()); };
    return {h("modulus"), h("publicExponent"), h("privateExponent"), h("prime1"),
            h("prime2"),  h("exponent1"),      h("exponent2"),       h("coefficient")};
}

RsaPrivateKey poisoned_key(KeyBytes& kb) {
    for (Bytes* v : {&kb.d, &kb.p, &kb.q, &kb.dp, &kb.dq, &kb.qinv}) poison(*v);
    auto key = RsaPrivateKey::from_components(kb.n, kb.e, kb.d, kb.p, kb.q, kb.dp, kb.dq, kb.qinv);
    EXPECT_TRUE(key.ok());
    return std::move(key.value());
}

TEST(RsaCt, PrivateOperationAndSigning) {
    KEEL_REQUIRE_VALGRIND();
    KeyBytes kb = load_key();
    RsaPrivateKey key = poisoned_key(kb);
    test::TestRng rng(1);
    Bytes input(256, 0x42);
    auto m = key.raw_private(input, rng);
    ASSERT_TRUE(m.ok());
    declassify(m->view());
    Bytes msg = {1, 2, 3};
    auto sig = key.sign_pkcs1(HashAlg::sha256, msg, rng);
    ASSERT_TRUE(sig.ok());
    declassify(*sig);
    EXPECT_TRUE(key.public_key().verify_pkcs1(HashAlg::sha256, msg, *sig).ok());
    PssParams pss;
    auto sig2 = key.sign_pss(msg, pss, rng);
    ASSERT_TRUE(sig2.ok());
    declassify(*sig2);
}

TEST(RsaCt, TlsPremasterImplicitRejection) {
    KEEL_REQUIRE_VALGRIND();
    KeyBytes kb = load_key();
    RsaPrivateKey key = poisoned_key(kb);
    test::TestRng rng(2);
    Bytes pms(48, 0x03);
    auto good_ct = key.public_key().encrypt_pkcs1(pms, rng);
    ASSERT_TRUE(good_ct.ok());
    Bytes bad_ct = *good_ct;
    bad_ct[10] ^= 0x40;
    auto short_ct = key.public_key().encrypt_pkcs1(Bytes(20, 3), rng);
    ASSERT_TRUE(short_ct.ok());
    for (Bytes c : {*good_ct, bad_ct, *short_ct}) {
        poison(c);
        auto out = key.decrypt_tls_premaster(c, 0x0303, rng);
        declassify(out.view());
    }
}

TEST(RsaCt, OaepDecryptDoesNotBranchBeforeTheVerdict) {
    KEEL_REQUIRE_VALGRIND();
    KeyBytes kb = load_key();
    RsaPrivateKey key = poisoned_key(kb);
    test::TestRng rng(3);
    OaepParams p;
    auto c = key.public_key().encrypt_oaep(Bytes(16, 7), p, rng);
    ASSERT_TRUE(c.ok());
    auto m = key.decrypt_oaep(*c, p, rng);
    ASSERT_TRUE(m.ok());
    declassify(m->view());
}

}  // namespace
}  // namespace keel::crypto
