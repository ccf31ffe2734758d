// Key encodings (x509/key/key_io.h, PublicKey::from_spki/to_spki, SignatureAlgorithm):
// OpenSSL-made files under vectors/keys/ parse, re-encode byte-for-byte where the format
// is canonical, verify OpenSSL's signatures; every type round-trips; bad input fails
// cleanly.
#include <gtest/gtest.h>

#include <string>

#include "tests/crypto/rsa/test_rng.h"
#include "tests/vectors/json.h"
#include "x509/der/pem.h"
#include "x509/key/internal/key_impl.h"
#include "x509/key/key_io.h"
#include "x509/key/sig_alg.h"

namespace keel::x509 {
namespace {

using crypto::SignatureScheme;
using crypto::test::TestRng;
using keel::test::hex;

const char kPassword[] = "keel-test-password";

Bytes file(const std::string& name) {
    const std::string s = keel::test::read_vector_file("keys/" + name);
    return Bytes(s.begin(), s.end());
}
std::string text(const std::string& name) {
    return keel::test::read_vector_file("keys/" + name);
}

struct OpensslKey {
    const char* name;
    KeyType type;
    const char* sig;  // OpenSSL's signature over msg.bin, or ""
    SignatureScheme scheme;
};

const OpensslKey kKeys[] = {
    {"rsa2048", KeyType::rsa, "rsa2048.pkcs1_sha256.sig", SignatureScheme::rsa_pkcs1_sha256},
    {"rsa_pss", KeyType::rsa_pss, "rsa_pss.pss_sha256.sig", SignatureScheme::rsa_pss_pss_sha256},
    {"rsa_pss_sha384", KeyType::rsa_pss, "rsa_pss_sha384.pss_sha384.sig",
     SignatureScheme::rsa_pss_pss_sha384},
    {"ec_p_256", KeyType::ec, "ec_p_256.sha256.sig", SignatureScheme::ecdsa_secp256r1_sha256},
    {"ec_p_384", KeyType::ec, "ec_p_384.sha384.sig", SignatureScheme::ecdsa_secp384r1_sha384},
    {"ec_p_521", KeyType::ec, "ec_p_521.sha512.sig", SignatureScheme::ecdsa_secp521r1_sha512},
    {"ec_brainpoolp256r1", KeyType::ec, "ec_brainpoolp256r1.sha256.sig",
     SignatureScheme::ecdsa_brainpoolP256r1tls13_sha256},
    {"ec_brainpoolp384r1", KeyType::ec, "ec_brainpoolp384r1.sha384.sig",
     SignatureScheme::ecdsa_brainpoolP384r1tls13_sha384},
    {"ec_brainpoolp512r1", KeyType::ec, "ec_brainpoolp512r1.sha512.sig",
     SignatureScheme::ecdsa_brainpoolP512r1tls13_sha512},
    {"ed25519", KeyType::ed25519, "ed25519.sig", SignatureScheme::eddsa_ed25519},
    {"ed448", KeyType::ed448, "ed448.sig", SignatureScheme::eddsa_ed448},
    {"x25519", KeyType::x25519, "", SignatureScheme::eddsa_ed25519},
    {"x448", KeyType::x448, "", SignatureScheme::eddsa_ed25519},
};

TEST(KeyIo, OpensslKeysParseAndReencode) {
    const Bytes msg = file("msg.bin");
    for (const OpensslKey& k : kKeys) {
        SCOPED_TRACE(k.name);
        const std::string base = k.name;
        auto pkcs8 = parse_pkcs8(file(base + ".der"));
        ASSERT_TRUE(pkcs8.ok()) << pkcs8.error().to_string();
        EXPECT_EQ(pkcs8->type(), k.type);
        auto from_pem = private_key_from_pem(text(base + ".pem"));
        ASSERT_TRUE(from_pem.ok()) << from_pem.error().to_string();
        EXPECT_TRUE(from_pem->public_key() == pkcs8->public_key());

        // SPKI: parse OpenSSL's, and write the same bytes back.
        const Bytes spki = file(base + ".pub.der");
        auto pub = PublicKey::from_spki(spki);
        ASSERT_TRUE(pub.ok()) << pub.error().to_string();
        EXPECT_TRUE(*pub == pkcs8->public_key());
        EXPECT_EQ(hex(pub->to_spki()), hex(spki));
        auto pub_pem = public_key_from_pem(text(base + ".pub.pem"));
        ASSERT_TRUE(pub_pem.ok());
        EXPECT_TRUE(*pub_pem == *pub);
        EXPECT_EQ(public_key_to_pem(*pub), text(base + ".pub.pem"));

        // PKCS#8 v1 as OpenSSL writes it comes back byte for byte.
        auto again = to_pkcs8(*pkcs8);
        ASSERT_TRUE(again.ok()) << again.error().to_string();
        EXPECT_EQ(hex(again->view()), hex(file(base + ".der")));

        if (*k.sig != '\0') {
            auto r = pub->verify(k.scheme, msg, file(k.sig));
            EXPECT_TRUE(r.ok()) << r.error().to_string();
            Bytes bad_msg = msg;
            bad_msg[0] ^= 1;
            EXPECT_EQ(pub->verify(k.scheme, bad_msg, file(k.sig)).error().code(),
                      Errc::auth_failed);
        }
    }
    // rsa2048 under PSS-rsae too (OpenSSL's dgst -sigopt rsa_padding_mode:pss).
    auto rsa = PublicKey::from_spki(file("rsa2048.pub.der"));
    ASSERT_TRUE(rsa.ok());
    EXPECT_TRUE(
        rsa->verify(SignatureScheme::rsa_pss_rsae_sha384, msg, file("rsa2048.pss_sha384.sig"))
            .ok());
    // The PSS-restricted key carries SHA-384 / MGF1-SHA-384 / salt 48.
    auto pss = PublicKey::from_spki(file("rsa_pss_sha384.pub.der"));
    ASSERT_TRUE(pss.ok());
    auto r = pss->pss_restriction();
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->hash, crypto::HashAlg::sha384);
    EXPECT_EQ(r->mgf1_hash, crypto::HashAlg::sha384);
    EXPECT_EQ(r->min_salt_len, 48u);
    EXPECT_FALSE(pss->supports(SignatureScheme::rsa_pss_pss_sha256));
    EXPECT_TRUE(pss->supports(SignatureScheme::rsa_pss_pss_sha384));
}

TEST(KeyIo, TraditionalFormats) {
    auto pkcs1 = private_key_from_pem(text("rsa2048.pkcs1.pem"));
    ASSERT_TRUE(pkcs1.ok()) << pkcs1.error().to_string();
    auto pkcs8 = parse_pkcs8(file("rsa2048.der"));
    ASSERT_TRUE(pkcs8.ok());
    EXPECT_TRUE(pkcs1->public_key() == pkcs8->public_key());
    // Our PKCS#1 output (dp, dq, qinv recomputed) equals OpenSSL's.
    auto out = private_key_to_pem(*pkcs8, PrivateKeyPem::pkcs1);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(*out, text("rsa2048.pkcs1.pem"));

    for (const char* c : {"ec_p_256", "ec_p_384", "ec_p_521", "ec_brainpoolp256r1",
                          "ec_brainpoolp384r1", "ec_brainpoolp512r1"}) {
        SCOPED_TRACE(c);
        auto sec1 = private_key_from_pem(text(std::string(c) + ".sec1.pem"));
        ASSERT_TRUE(sec1.ok()) << sec1.error().to_string();
        auto p8 = parse_pkcs8(file(std::string(c) + ".der"));
        ASSERT_TRUE(p8.ok());
        EXPECT_TRUE(sec1->public_key() == p8->public_key());
        auto again = private_key_to_pem(*sec1, PrivateKeyPem::sec1);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(*again, text(std::string(c) + ".sec1.pem"));
    }
}

TEST(KeyIo, EncryptedOpensslKeys) {
    const ByteView pw = as_bytes(kPassword);
    for (const char* name :
         {"rsa2048.enc_aes256_sha256", "ec_p_256.enc_aes256_sha256", "ed25519.enc_aes256_sha256",
          "x448.enc_aes256_sha256", "ec_p_384.enc_aes128_sha1", "ed448.enc_aes128_sha1"}) {
        SCOPED_TRACE(name);
        const std::string base = std::string(name).substr(0, std::string(name).find('.'));
        auto k = private_key_from_pem(text(std::string(name) + ".pem"), pw);
        ASSERT_TRUE(k.ok()) << k.error().to_string();
        auto plain = parse_pkcs8(file(base + ".der"));
        ASSERT_TRUE(plain.ok());
        EXPECT_TRUE(k->public_key() == plain->public_key());
        // Wrong and missing passwords.
        auto wrong = private_key_from_pem(text(std::string(name) + ".pem"), as_bytes("nope"));
        ASSERT_FALSE(wrong.ok());
        EXPECT_EQ(wrong.error().code(), Errc::auth_failed);
        EXPECT_FALSE(private_key_from_pem(text(std::string(name) + ".pem")).ok());
    }
    auto gk = private_key_from_pem(text("ec_p_256_genpkey.enc.pem"), pw);
    ASSERT_TRUE(gk.ok()) << gk.error().to_string();
    EXPECT_EQ(hex(gk->public_key().to_spki()), hex(file("ec_p_256_genpkey.pub.der")));
    // A hostile iteration count is refused before any work.
    auto blocks = pem_decode_all(text("ed448.enc_aes128_sha1.pem"));
    ASSERT_TRUE(blocks.ok());
    auto limited = decrypt_pkcs8((*blocks)[0].der.view(), pw, PbeLimits{10});
    ASSERT_FALSE(limited.ok());
    EXPECT_EQ(limited.error().code(), Errc::limit_exceeded);
}

// Every key type: SPKI, PKCS#8 v1 and v2, both PQ forms, encrypted PKCS#8.
TEST(KeyIo, EveryTypeRoundTrips) {
    TestRng rng(11);
    auto rsa = parse_pkcs8(file("rsa2048.der"));
    ASSERT_TRUE(rsa.ok());
    std::vector<PrivateKey> keys = {*rsa};
    auto pss = parse_pkcs8(file("rsa_pss_sha384.der"));
    ASSERT_TRUE(pss.ok());
    keys.push_back(*pss);
    for (unsigned t = static_cast<unsigned>(KeyType::ec); t < kKeyTypeCount; t++) {
        auto k = PrivateKey::generate(static_cast<KeyType>(t), rng);
        ASSERT_TRUE(k.ok());
        keys.push_back(*k);
    }
    for (const PrivateKey& key : keys) {
        SCOPED_TRACE(std::string(key_type_name(key.type())));
        auto spki = PublicKey::from_spki(key.public_key().to_spki());
        ASSERT_TRUE(spki.ok()) << spki.error().to_string();
        EXPECT_TRUE(*spki == key.public_key());
        // The three private forms only differ for ML-DSA and ML-KEM; parsing an SLH-DSA
        // key recomputes its root, so the other types take one form.
        const bool forms = detail::is_mldsa(key.type()) || detail::is_mlkem(key.type());
        for (bool v2 : {false, true}) {
            for (PqKeyForm form : {PqKeyForm::seed, PqKeyForm::expanded, PqKeyForm::both}) {
                if (!forms && form != PqKeyForm::seed) continue;
                auto der = to_pkcs8(key, {.include_public_key = v2, .pq_form = form});
                ASSERT_TRUE(der.ok()) << der.error().to_string();
                auto back = parse_pkcs8(der->view());
                ASSERT_TRUE(back.ok()) << back.error().to_string();
                EXPECT_TRUE(back->public_key() == key.public_key());
                EXPECT_EQ(back->type(), key.type());
            }
        }
        auto enc = encrypt_pkcs8(key, as_bytes("pw"), rng, {.iterations = 1000});
        ASSERT_TRUE(enc.ok());
        auto dec = decrypt_pkcs8(*enc, as_bytes("pw"));
        ASSERT_TRUE(dec.ok()) << dec.error().to_string();
        EXPECT_TRUE(dec->public_key() == key.public_key());
        EXPECT_EQ(decrypt_pkcs8(*enc, as_bytes("pW")).error().code(), Errc::auth_failed);
    }
    // SHA-1 / AES-128 variant and PEM.
    auto pem =
        private_key_to_pem(keys[2], PrivateKeyPem::encrypted_pkcs8, as_bytes("pw"), &rng,
                           {.prf = crypto::HashAlg::sha1, .aes_key_bytes = 16, .iterations = 500});
    ASSERT_TRUE(pem.ok());
    auto back = private_key_from_pem(*pem, as_bytes("pw"));
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(back->public_key() == keys[2].public_key());
    // Callback keys have nothing to write.
    auto cb = PrivateKey::from_callback(keys[2].public_key(), nullptr);
    EXPECT_EQ(to_pkcs8(cb).error().code(), Errc::invalid_argument);
    EXPECT_FALSE(to_pkcs1_private(keys[2]).ok());
    EXPECT_FALSE(to_sec1(keys[0]).ok());
}

// ML-DSA / ML-KEM "both" forms must agree (RFC 9881 §6).
TEST(KeyIo, PqBothFormMustAgree) {
    TestRng rng(12);
    for (KeyType t : {KeyType::mldsa44, KeyType::mlkem768}) {
        auto a = PrivateKey::generate(t, rng);
        auto b = PrivateKey::generate(t, rng);
        ASSERT_TRUE(a.ok() && b.ok());
        auto da = to_pkcs8(*a, {.pq_form = PqKeyForm::both});
        auto db = to_pkcs8(*b, {.pq_form = PqKeyForm::expanded});
        ASSERT_TRUE(da.ok() && db.ok());
        // Splice b's expanded key after a's seed: same lengths, so the DER stays valid.
        Bytes mixed(da->view().begin(), da->view().end());
        const ByteView eb = db->view();
        const size_t exp_len = std::get_if<detail::MlKemPrivate>(&b->impl().key)
                                   ? std::get<detail::MlKemPrivate>(b->impl().key).dk.size()
                                   : std::get<pq::MlDsaPrivateKey>(b->impl().key).bytes().size();
        std::copy(eb.end() - exp_len, eb.end(), mixed.end() - exp_len);
        auto r = parse_pkcs8(mixed);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::invalid_argument);
    }
}

TEST(KeyIo, BadInputFailsCleanly) {
    const Bytes good = file("ec_p_256.der");
    ASSERT_TRUE(parse_pkcs8(good).ok());
    // Every truncation.
    for (size_t n = 0; n < good.size(); n++) {
        EXPECT_FALSE(parse_pkcs8(ByteView(good).first(n)).ok()) << n;
    }
    // Trailing data.
    Bytes trailing = good;
    trailing.push_back(0);
    EXPECT_FALSE(parse_pkcs8(trailing).ok());
    // Version 2 is unknown; v1 (0) with a publicKey is refused.
    Bytes v = good;
    ASSERT_EQ(v[3], 0x02);  // version INTEGER
    v[5] = 2;
    EXPECT_EQ(parse_pkcs8(v).error().code(), Errc::malformed);
    // Wrong algorithm OID: id-ecPublicKey -> an unknown arc.
    Bytes o = good;
    for (size_t i = 0; i + 7 < o.size(); i++) {
        if (o[i] == 0x2a && o[i + 1] == 0x86 && o[i + 2] == 0x48 && o[i + 3] == 0xce &&
            o[i + 4] == 0x3d && o[i + 5] == 0x02 && o[i + 6] == 0x01) {
            o[i + 6] = 0x05;
            break;
        }
    }
    EXPECT_EQ(parse_pkcs8(o).error().code(), Errc::unsupported);
    // Flip bits through the whole encoding: never a crash, and a key that parses is
    // a valid key of some type.
    for (size_t i = 0; i < good.size(); i++) {
        Bytes f = good;
        f[i] ^= 0x10;
        (void)parse_pkcs8(f);
    }
    // SPKI: trailing data, truncation, wrong unused-bits count.
    const Bytes spki = file("ed25519.pub.der");
    Bytes st = spki;
    st.push_back(0);
    EXPECT_FALSE(PublicKey::from_spki(st).ok());
    EXPECT_FALSE(PublicKey::from_spki(ByteView(spki).first(spki.size() - 1)).ok());
    Bytes ub = spki;
    ub[ub.size() - 33] = 1;  // BIT STRING unused bits
    EXPECT_FALSE(PublicKey::from_spki(ub).ok());
    // Ed25519 AlgorithmIdentifier with NULL parameters (RFC 8410 §3 forbids them).
    const Bytes with_null = keel::test::unhex(
        "302c300706032b6570050003210019bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166"
        "e1");
    EXPECT_FALSE(PublicKey::from_spki(with_null).ok());
    // PKCS#1 version 1 (multi-prime) is unsupported; SEC1 version 2 malformed.
    auto pkcs1 = pem_decode_all(text("rsa2048.pkcs1.pem"));
    ASSERT_TRUE(pkcs1.ok());
    Bytes p1((*pkcs1)[0].der.view().begin(), (*pkcs1)[0].der.view().end());
    ASSERT_EQ(p1[4], 0x02);
    p1[6] = 1;
    EXPECT_EQ(parse_pkcs1_private(p1).error().code(), Errc::unsupported);
    auto sec1 = pem_decode_all(text("ec_p_256.sec1.pem"));
    ASSERT_TRUE(sec1.ok());
    Bytes s1((*sec1)[0].der.view().begin(), (*sec1)[0].der.view().end());
    ASSERT_EQ(s1[2], 0x02);
    s1[4] = 2;
    EXPECT_EQ(parse_sec1(s1).error().code(), Errc::malformed);
    // A SEC1 key whose publicKey is another point.
    Bytes s2((*sec1)[0].der.view().begin(), (*sec1)[0].der.view().end());
    s2[s2.size() - 1] ^= 1;
    EXPECT_FALSE(parse_sec1(s2).ok());
    // Encrypted: a corrupted ciphertext block is a wrong password, not a crash.
    auto enc = pem_decode_all(text("ec_p_256.enc_aes256_sha256.pem"));
    ASSERT_TRUE(enc.ok());
    Bytes e((*enc)[0].der.view().begin(), (*enc)[0].der.view().end());
    e[e.size() - 5] ^= 0x01;
    EXPECT_EQ(decrypt_pkcs8(e, as_bytes(kPassword)).error().code(), Errc::auth_failed);
    // PEM with no key block.
    EXPECT_FALSE(private_key_from_pem("no pem here").ok());
    EXPECT_FALSE(public_key_from_pem(text("ed25519.pem")).ok());
}

TEST(KeyIo, SignatureAlgorithmsRoundTripAndVerify) {
    TestRng rng(13);
    // OpenSSL encodings of common AlgorithmIdentifiers.
    struct Known {
        const char* der;
        SigAlgKind kind;
    };
    const Known known[] = {
        {"300d06092a864886f70d01010b0500", SigAlgKind::rsa_pkcs1},  // sha256WithRSA
        {"300a06082a8648ce3d040302", SigAlgKind::ecdsa},            // ecdsa-with-SHA256
        {"300506032b6570", SigAlgKind::eddsa},                      // Ed25519
        // RSASSA-PSS SHA-256 / MGF1-SHA-256 / salt 32 (RFC 4055 §6 style, NULL params)
        {"304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886"
         "f70d010108300d06096086480165030402010500a203020120",
         SigAlgKind::rsa_pss},
    };
    for (const Known& k : known) {
        const Bytes der = keel::test::unhex(k.der);
        auto a = SignatureAlgorithm::parse(der);
        ASSERT_TRUE(a.ok()) << k.der << ": " << a.error().to_string();
        EXPECT_EQ(a->kind, k.kind);
        EXPECT_EQ(hex(a->to_der()), k.der);
    }
    // sha256WithRSA with absent parameters is accepted (RFC 4055 §5).
    EXPECT_TRUE(SignatureAlgorithm::parse(keel::test::unhex("300b06092a864886f70d01010b")).ok());
    // ECDSA with NULL parameters is not (RFC 5758 §3.2); PSS without parameters neither.
    EXPECT_FALSE(SignatureAlgorithm::parse(keel::test::unhex("300c06082a8648ce3d0403020500")).ok());
    EXPECT_FALSE(SignatureAlgorithm::parse(keel::test::unhex("300b06092a864886f70d01010a")).ok());
    EXPECT_EQ(SignatureAlgorithm::parse(keel::test::unhex("300d06092a864886f70d0101040500"))
                  .error()
                  .code(),
              Errc::unsupported);  // md5WithRSA

    // Sign and verify under every scheme's X.509 twin, with keys of every family.
    auto rsa = parse_pkcs8(file("rsa2048.der"));
    auto ec = parse_pkcs8(file("ec_p_384.der"));
    ASSERT_TRUE(rsa.ok() && ec.ok());
    std::vector<PrivateKey> keys = {*rsa, *ec};
    for (KeyType t :
         {KeyType::ed25519, KeyType::ed448, KeyType::mldsa44, KeyType::slhdsa_sha2_128f}) {
        keys.push_back(*PrivateKey::generate(t, rng));
    }
    const Bytes tbs(300, 0x33);
    for (const PrivateKey& key : keys) {
        for (SignatureScheme s : crypto::kAllSignatureSchemes) {
            if (!key.supports(s)) continue;
            SCOPED_TRACE(std::string(crypto::scheme_name(s)));
            auto alg = SignatureAlgorithm::for_scheme(s);
            ASSERT_TRUE(alg.has_value());
            auto parsed = SignatureAlgorithm::parse(alg->to_der());
            ASSERT_TRUE(parsed.ok());
            EXPECT_TRUE(*parsed == *alg);
            auto sig = key.sign_x509(*alg, tbs, rng);
            ASSERT_TRUE(sig.ok()) << sig.error().to_string();
            EXPECT_TRUE(key.public_key().verify_x509(*alg, tbs, *sig).ok());
            Bytes bad = *sig;
            bad[bad.size() / 2] ^= 4;
            EXPECT_EQ(key.public_key().verify_x509(*alg, tbs, bad).error().code(),
                      Errc::auth_failed);
        }
    }
    // X.509 does not bind ECDSA hash to curve: a P-384 key signs with SHA-256.
    auto alg256 = SignatureAlgorithm::for_scheme(SignatureScheme::ecdsa_secp256r1_sha256);
    auto s = ec->sign_x509(*alg256, tbs, rng);
    ASSERT_TRUE(s.ok());
    EXPECT_TRUE(ec->public_key().verify_x509(*alg256, tbs, *s).ok());
    // But an RSA algorithm never fits an EC key, and PKCS#1 never fits an RSASSA-PSS key.
    auto pkcs1 = SignatureAlgorithm::for_scheme(SignatureScheme::rsa_pkcs1_sha256);
    EXPECT_EQ(ec->public_key().verify_x509(*pkcs1, tbs, *s).error().code(), Errc::invalid_argument);
    auto pss_key = parse_pkcs8(file("rsa_pss_sha384.der"));
    ASSERT_TRUE(pss_key.ok());
    EXPECT_EQ(pss_key->sign_x509(*pkcs1, tbs, rng).error().code(), Errc::invalid_argument);
    // The restricted key takes PSS-SHA384 with salt >= 48 only.
    SignatureAlgorithm p384 = *SignatureAlgorithm::for_scheme(SignatureScheme::rsa_pss_pss_sha384);
    p384.salt_len = 48;
    auto ps = pss_key->sign_x509(p384, tbs, rng);
    ASSERT_TRUE(ps.ok());
    EXPECT_TRUE(pss_key->public_key().verify_x509(p384, tbs, *ps).ok());
    p384.salt_len = 47;
    EXPECT_EQ(pss_key->public_key().verify_x509(p384, tbs, *ps).error().code(),
              Errc::invalid_argument);
}

}  // namespace
}  // namespace keel::x509
