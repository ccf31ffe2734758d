// Encrypted PKCS#8 (RFC 5958 §3 EncryptedPrivateKeyInfo with PBES2, RFC 8018 §6.2:
// PBKDF2 with HMAC-SHA1 or HMAC-SHA-256, AES-128-CBC or AES-256-CBC, PKCS#7 padding)
// and the PEM wrappers of every key format (RFC 7468).
#include <string>

#include "base/ct.h"
#include "crypto/cbc/cbc.h"
#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "crypto/kdf/pbkdf2.h"
#include "x509/der/pem.h"
#include "x509/key/internal/alg_id.h"
#include "x509/key/key_io.h"

namespace keel::x509 {
namespace {

Error bad(const std::string& what) {
    return Error(Errc::malformed, what);
}

struct Pbes2 {
    ByteView salt;
    uint32_t iterations = 0;
    crypto::HashAlg prf = crypto::HashAlg::sha1;
    size_t key_bytes = 0;
    ByteView iv;
};

Result<Pbes2> read_pbes2(der::Reader& alg) {
    KEEL_TRY_ASSIGN(Oid o, alg.oid());
    if (!(o == oid::kPbes2)) {
        return Error(Errc::unsupported, "encryption scheme " + oid_name(o) + " (only PBES2)");
    }
    KEEL_TRY_ASSIGN(der::Reader params, alg.sequence());
    KEEL_TRY(alg.finish());
    Pbes2 p;
    // keyDerivationFunc: PBKDF2 with PBKDF2-params (RFC 8018 A.2).
    KEEL_TRY_ASSIGN(der::Reader kdf, params.sequence());
    KEEL_TRY_ASSIGN(Oid kdf_oid, kdf.oid());
    if (!(kdf_oid == oid::kPbkdf2)) {
        return Error(Errc::unsupported, "key derivation " + oid_name(kdf_oid) + " (only PBKDF2)");
    }
    KEEL_TRY_ASSIGN(der::Reader kp, kdf.sequence());
    KEEL_TRY(kdf.finish());
    KEEL_TRY_ASSIGN(p.salt, kp.octet_string());
    KEEL_TRY_ASSIGN(int64_t iterations, kp.small_unsigned());
    if (iterations < 1 || iterations > 0xffffffff)
        return bad("PBKDF2 iteration count out of range");
    p.iterations = static_cast<uint32_t>(iterations);
    std::optional<int64_t> key_length;
    if (kp.next_is(der::kInteger)) {
        KEEL_TRY_ASSIGN(int64_t kl, kp.small_unsigned());
        key_length = kl;
    }
    if (!kp.empty()) {
        KEEL_TRY_ASSIGN(der::Reader prf, kp.sequence());
        KEEL_TRY_ASSIGN(Oid prf_oid, prf.oid());
        if (prf_oid == oid::kHmacWithSha1) {
            p.prf = crypto::HashAlg::sha1;
        } else if (prf_oid == oid::kHmacWithSha256) {
            p.prf = crypto::HashAlg::sha256;
        } else {
            return Error(Errc::unsupported, "PBKDF2 PRF " + oid_name(prf_oid));
        }
        if (!prf.empty()) KEEL_TRY(prf.null());
        KEEL_TRY(prf.finish());
    }
    KEEL_TRY(kp.finish());
    // encryptionScheme: AES-CBC with a 16-byte IV (RFC 8018 B.2.5 / NIST CSOR).
    KEEL_TRY_ASSIGN(der::Reader enc, params.sequence());
    KEEL_TRY(params.finish());
    KEEL_TRY_ASSIGN(Oid enc_oid, enc.oid());
    if (enc_oid == oid::kAes128Cbc) {
        p.key_bytes = 16;
    } else if (enc_oid == oid::kAes256Cbc) {
        p.key_bytes = 32;
    } else {
        return Error(Errc::unsupported, "cipher " + oid_name(enc_oid));
    }
    KEEL_TRY_ASSIGN(p.iv, enc.octet_string());
    KEEL_TRY(enc.finish());
    if (p.iv.size() != 16) return bad("AES-CBC IV must be 16 bytes");
    if (key_length && static_cast<size_t>(*key_length) != p.key_bytes) {
        return bad("PBKDF2 keyLength does not match the cipher");
    }
    return p;
}

Result<SecretBytes> derive(ByteView password, const Pbes2& p) {
    SecretBytes key(p.key_bytes);
    if (p.prf == crypto::HashAlg::sha256) {
        KEEL_TRY(
            crypto::pbkdf2<crypto::Sha256>(password, p.salt, p.iterations, key.mutable_view()));
    } else {
        KEEL_TRY(crypto::pbkdf2<crypto::Sha1>(password, p.salt, p.iterations, key.mutable_view()));
    }
    return key;
}

Error wrong_password() {
    return Error(Errc::auth_failed, "wrong password or corrupted encrypted private key");
}

}  // namespace

Result<PrivateKey> decrypt_pkcs8(ByteView der, ByteView password, const PbeLimits& limits) {
    KEEL_TRY_ASSIGN(der::Reader seq, der::parse(der, der::kSequence));
    KEEL_TRY_ASSIGN(der::Reader alg, seq.sequence());
    KEEL_TRY_ASSIGN(ByteView data, seq.octet_string());
    KEEL_TRY(seq.finish());
    KEEL_TRY_ASSIGN(Pbes2 p, read_pbes2(alg));
    if (p.iterations > limits.max_iterations) {
        return Error(Errc::limit_exceeded,
                     "PBKDF2 iteration count " + std::to_string(p.iterations) + " above the limit");
    }
    if (data.empty() || data.size() % 16 != 0) return bad("encrypted key is not whole blocks");
    KEEL_TRY_ASSIGN(SecretBytes key, derive(password, p));
    KEEL_TRY_ASSIGN(crypto::AesCbc cbc, crypto::AesCbc::create(key.view()));
    SecretBytes plain(data.size());
    KEEL_TRY(cbc.decrypt(p.iv, data, plain.mutable_view()));
    // PKCS#7 padding (RFC 8018 §6.1.1 step 4), checked without branching on the bytes.
    const uint8_t pad = plain.data()[plain.size() - 1];
    uint8_t good = static_cast<uint8_t>(~ct::is_zero<uint8_t>(pad) & ct::lt<uint8_t>(pad, 17));
    for (size_t i = 0; i < 16; i++) {
        const uint8_t in_pad = ct::lt<uint8_t>(static_cast<uint8_t>(i), pad);
        good &= static_cast<uint8_t>(~in_pad |
                                     ct::eq<uint8_t>(plain.data()[plain.size() - 1 - i], pad));
    }
    if (ct::declassify(good) != 0xff) return wrong_password();
    auto k = parse_pkcs8(plain.view().first(plain.size() - pad));
    if (!k && k.error().code() == Errc::malformed) return wrong_password();
    return k;
}

Result<Bytes> encrypt_pkcs8(const PrivateKey& key, ByteView password, crypto::Rng& rng,
                            const PbeOptions& pbe, const Pkcs8Options& options) {
    if (pbe.prf != crypto::HashAlg::sha1 && pbe.prf != crypto::HashAlg::sha256) {
        return Error(Errc::invalid_argument, "PBKDF2 PRF must be SHA-1 or SHA-256");
    }
    if (pbe.aes_key_bytes != 16 && pbe.aes_key_bytes != 32) {
        return Error(Errc::invalid_argument, "AES key must be 16 or 32 bytes");
    }
    KEEL_TRY_ASSIGN(SecretBytes inner, to_pkcs8(key, options));
    uint8_t salt[16], iv[16];
    KEEL_TRY(rng.generate(salt));
    KEEL_TRY(rng.generate(iv));
    const Pbes2 p{ByteView(salt), pbe.iterations, pbe.prf, pbe.aes_key_bytes, ByteView(iv)};
    KEEL_TRY_ASSIGN(SecretBytes k, derive(password, p));
    KEEL_TRY_ASSIGN(crypto::AesCbc cbc, crypto::AesCbc::create(k.view()));
    // PKCS#7 padding to whole blocks (RFC 8018 §6.1.1 step 4).
    const size_t pad = 16 - inner.size() % 16;
    Bytes padded(inner.view().begin(), inner.view().end());
    padded.insert(padded.end(), pad, static_cast<uint8_t>(pad));
    const SecretBytes plain(padded);
    secure_wipe(padded.data(), padded.size());
    Bytes data(plain.size());
    KEEL_TRY(cbc.encrypt(p.iv, plain.view(), data));

    der::Writer w;
    auto seq = w.sequence();
    auto alg = w.sequence();
    w.oid(oid::kPbes2);
    auto params = w.sequence();
    auto kdf = w.sequence();
    w.oid(oid::kPbkdf2);
    auto kp = w.sequence();
    w.octet_string(p.salt);
    w.small_unsigned(p.iterations);
    if (p.prf != crypto::HashAlg::sha1) {  // DEFAULT algid-hmacWithSHA1 is left out
        auto prf = w.sequence();
        w.oid(oid::kHmacWithSha256);
        w.null();
        w.close(prf);
    }
    w.close(kp);
    w.close(kdf);
    auto enc = w.sequence();
    w.oid(p.key_bytes == 16 ? oid::kAes128Cbc : oid::kAes256Cbc);
    w.octet_string(p.iv);
    w.close(enc);
    w.close(params);
    w.close(alg);
    w.octet_string(data);
    w.close(seq);
    return w.take();
}

Result<PrivateKey> private_key_from_pem(std::string_view pem, ByteView password,
                                        const PbeLimits& limits) {
    KEEL_TRY_ASSIGN(auto blocks, pem_decode_all(pem));
    for (const PemBlock& b : blocks) {
        if (b.label == "PRIVATE KEY") return parse_pkcs8(b.der.view());
        if (b.label == "RSA PRIVATE KEY") return parse_pkcs1_private(b.der.view());
        if (b.label == "EC PRIVATE KEY") return parse_sec1(b.der.view());
        if (b.label == "ENCRYPTED PRIVATE KEY") {
            if (password.empty()) {
                return Error(Errc::invalid_argument, "encrypted private key needs a password");
            }
            return decrypt_pkcs8(b.der.view(), password, limits);
        }
    }
    return Error(Errc::malformed, "no private key block in the PEM text");
}

Result<std::string> private_key_to_pem(const PrivateKey& key, PrivateKeyPem format,
                                       ByteView password, crypto::Rng* rng, const PbeOptions& pbe) {
    switch (format) {
        case PrivateKeyPem::pkcs8: {
            KEEL_TRY_ASSIGN(SecretBytes der, to_pkcs8(key));
            return pem_encode("PRIVATE KEY", der.view());
        }
        case PrivateKeyPem::pkcs1: {
            KEEL_TRY_ASSIGN(SecretBytes der, to_pkcs1_private(key));
            return pem_encode("RSA PRIVATE KEY", der.view());
        }
        case PrivateKeyPem::sec1: {
            KEEL_TRY_ASSIGN(SecretBytes der, to_sec1(key));
            return pem_encode("EC PRIVATE KEY", der.view());
        }
        case PrivateKeyPem::encrypted_pkcs8: {
            if (password.empty() || rng == nullptr) {
                return Error(Errc::invalid_argument, "encryption needs a password and an rng");
            }
            KEEL_TRY_ASSIGN(Bytes der, encrypt_pkcs8(key, password, *rng, pbe));
            return pem_encode("ENCRYPTED PRIVATE KEY", der);
        }
    }
    return Error(Errc::invalid_argument, "unknown PEM key format");
}

Result<PublicKey> public_key_from_pem(std::string_view pem) {
    KEEL_TRY_ASSIGN(auto blocks, pem_decode_all(pem, "PUBLIC KEY"));
    if (blocks.empty()) return Error(Errc::malformed, "no PUBLIC KEY block in the PEM text");
    return PublicKey::from_spki(blocks.front().der.view());
}

std::string public_key_to_pem(const PublicKey& key) {
    return pem_encode("PUBLIC KEY", key.to_spki());
}

}  // namespace keel::x509
