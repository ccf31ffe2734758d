// PKCS#1 v1.5 (RFC 8017 §7.2, §8.2, §9.2): signatures, encryption, and the two
// decryptions (generic with an error; TLS premaster with implicit rejection).
#include <string>

#include "base/ct.h"
#include "crypto/hash/sha256.h"
#include "crypto/mac/hmac.h"
#include "crypto/rsa/internal/rsa_impl.h"

namespace keel::crypto {

using bn::Limb;
using bn::Nat;

namespace detail {

std::optional<ByteView> digest_info_prefix(HashAlg hash) {
    // DER DigestInfo ::= SEQUENCE { SEQUENCE { OID, NULL }, OCTET STRING digest }
    // (RFC 8017 §9.2 note 1; SHA-3 OIDs from NIST CSOR, 2.16.840.1.101.3.4.2.7..10).
    static const uint8_t kMd5[] = {0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48,
                                   0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00, 0x04, 0x10};
    static const uint8_t kSha1[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                    0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
    // SHA-2 / SHA-3: 30 (17 + hlen) 30 0d 06 09 60 86 48 01 65 03 04 02 <id> 05 00 04 hlen
    static uint8_t kNist[8][19];
    static const struct {
        HashAlg alg;
        uint8_t id;
        uint8_t hlen;
    } kIds[] = {{HashAlg::sha224, 0x04, 28},     {HashAlg::sha256, 0x01, 32},
                {HashAlg::sha384, 0x02, 48},     {HashAlg::sha512, 0x03, 64},
                {HashAlg::sha512_224, 0x05, 28}, {HashAlg::sha512_256, 0x06, 32},
                {HashAlg::sha3_224, 0x07, 28},   {HashAlg::sha3_256, 0x08, 32}};
    static const struct {
        HashAlg alg;
        uint8_t id;
        uint8_t hlen;
    } kIds3[] = {{HashAlg::sha3_384, 0x09, 48}, {HashAlg::sha3_512, 0x0a, 64}};
    static uint8_t kNist3[2][19];
    auto build = [](uint8_t* out, uint8_t id, uint8_t hlen) {
        const uint8_t tmpl[19] = {0x30, static_cast<uint8_t>(17 + hlen),
                                  0x30, 0x0d,
                                  0x06, 0x09,
                                  0x60, 0x86,
                                  0x48, 0x01,
                                  0x65, 0x03,
                                  0x04, 0x02,
                                  id,   0x05,
                                  0x00, 0x04,
                                  hlen};
        for (int i = 0; i < 19; i++) out[i] = tmpl[i];
    };
    if (hash == HashAlg::md5) return ByteView(kMd5);
    if (hash == HashAlg::sha1) return ByteView(kSha1);
    for (size_t i = 0; i < 8; i++) {
        if (kIds[i].alg == hash) {
            build(kNist[i], kIds[i].id, kIds[i].hlen);
            return ByteView(kNist[i], 19);
        }
    }
    for (size_t i = 0; i < 2; i++) {
        if (kIds3[i].alg == hash) {
            build(kNist3[i], kIds3[i].id, kIds3[i].hlen);
            return ByteView(kNist3[i], 19);
        }
    }
    return std::nullopt;
}

// EMSA-PKCS1-v1_5-ENCODE (§9.2): 00 01 FF..FF 00 DigestInfo, em_len bytes.
Result<Bytes> emsa_pkcs1_encode(HashAlg hash, ByteView digest, size_t em_len) {
    auto prefix = digest_info_prefix(hash);
    if (!prefix) return Error(Errc::unsupported, "no PKCS#1 DigestInfo for this hash");
    if (digest.size() != digest_size(hash)) {
        return Error(Errc::invalid_argument, "digest length does not match the hash");
    }
    size_t t_len = prefix->size() + digest.size();
    if (em_len < t_len + 11) {
        return Error(Errc::invalid_argument, "RSA modulus too short for this DigestInfo");
    }
    Bytes em(em_len, 0xff);
    em[0] = 0x00;
    em[1] = 0x01;
    size_t pos = em_len - t_len - 1;
    em[pos++] = 0x00;
    for (uint8_t b : *prefix) em[pos++] = b;
    for (uint8_t b : digest) em[pos++] = b;
    return em;
}

}  // namespace detail

// ---- signatures (§8.2) ----

Result<void> RsaPublicKey::verify_pkcs1_digest(HashAlg hash, ByteView digest,
                                               ByteView signature) const {
    // §8.2.2: length check, RSAVP1, then re-encode and compare: the decrypted block is
    // never parsed, so no lenient ASN.1 or padding parser can be fooled (Bleichenbacher
    // 2006 signature forgery).
    if (signature.size() != modulus_bytes()) {
        return Error(Errc::malformed, "RSA signature length differs from the modulus");
    }
    auto em = detail::rsa_public_op(*s_, signature);
    if (!em) return em.error();
    auto want = detail::emsa_pkcs1_encode(hash, digest, modulus_bytes());
    if (!want) return want.error();
    if (!ct::equal(*em, *want)) return Error(Errc::auth_failed, "RSA signature does not verify");
    return ok();
}

Result<void> RsaPublicKey::verify_pkcs1(HashAlg hash, ByteView message, ByteView signature) const {
    auto d = AnyHash::hash(hash, message);
    return verify_pkcs1_digest(hash, d.view(), signature);
}

Result<Bytes> RsaPrivateKey::sign_pkcs1_digest(HashAlg hash, ByteView digest, Rng& rng) const {
    auto em = detail::emsa_pkcs1_encode(hash, digest, modulus_bytes());
    if (!em) return em.error();
    auto s = raw_private(*em, rng);
    if (!s) return s.error();
    // The signature is public once computed.
    return Bytes(s->view().begin(), s->view().end());
}

Result<Bytes> RsaPrivateKey::sign_pkcs1(HashAlg hash, ByteView message, Rng& rng) const {
    auto d = AnyHash::hash(hash, message);
    return sign_pkcs1_digest(hash, d.view(), rng);
}

// ---- encryption (§7.2) ----

Result<Bytes> RsaPublicKey::encrypt_pkcs1(ByteView message, Rng& rng) const {
    const size_t k = modulus_bytes();
    if (message.size() + 11 > k) {
        return Error(Errc::invalid_argument, "message too long for RSAES-PKCS1-v1_5");
    }
    // EM = 00 02 PS 00 M, PS nonzero random bytes, at least 8.
    Bytes em(k, 0);
    em[1] = 0x02;
    size_t ps_len = k - message.size() - 3;
    for (size_t i = 0; i < ps_len; i++) {
        uint8_t b = 0;
        while (b == 0) KEEL_TRY(rng.generate(MutableByteView(&b, 1)));
        em[2 + i] = b;
    }
    for (size_t i = 0; i < message.size(); i++) em[3 + ps_len + i] = message[i];
    return detail::rsa_public_op(*s_, em);
}

namespace {

// Scans EM = 00 02 PS 00 M in constant time. Returns all-ones when well formed
// (PS at least 8 bytes); *msg_start is where M begins (valid only then).
uint8_t pkcs1_type2_scan(ByteView em, size_t* msg_start) {
    uint8_t good = ct::is_zero<uint8_t>(em[0]) & ct::eq<uint8_t>(em[1], 0x02);
    uint8_t looking = 0xff;  // still inside PS
    size_t zero_index = 0;
    for (size_t i = 2; i < em.size(); i++) {
        uint8_t is0 = ct::is_zero<uint8_t>(em[i]);
        uint8_t first = looking & is0;
        zero_index = ct::select<size_t>(static_cast<size_t>(0) - (first & 1), i, zero_index);
        looking &= static_cast<uint8_t>(~is0);
    }
    good &= static_cast<uint8_t>(~looking);  // a separator was found
    // PS must be at least 8 bytes: the separator sits at index >= 10.
    good &= static_cast<uint8_t>(~ct::lt<size_t>(zero_index, 10));
    *msg_start = zero_index + 1;
    return good;
}

}  // namespace

Result<SecretBytes> RsaPrivateKey::decrypt_pkcs1(ByteView ciphertext, Rng& rng) const {
    const size_t k = modulus_bytes();
    if (k < 11) return Error(Errc::invalid_argument, "RSA modulus too short");
    auto em = raw_private(ciphertext, rng);
    if (!em) return Error(Errc::auth_failed, "RSAES-PKCS1-v1_5 decryption error");
    size_t start = 0;
    uint8_t good = pkcs1_type2_scan(em->view(), &start);
    // This entry point reports the verdict; decrypt_tls_premaster must be used where
    // that would be an oracle.
    if (!ct::declassify(good)) return Error(Errc::auth_failed, "RSAES-PKCS1-v1_5 decryption error");
    start = ct::declassify(start);
    return SecretBytes(em->view().subspan(start));
}

Secret<48> RsaPrivateKey::decrypt_tls_premaster(ByteView ciphertext, uint16_t client_version,
                                                Rng& rng) const {
    const auto& s = *pub_;
    const size_t k = s.n.bytes();
    const size_t nl = s.n.limbs();

    // Synthetic premaster (implicit rejection, draft-irtf-cfrg-rsa-guidance §7):
    // KDK = HMAC-SHA256(SHA256(d), ciphertext left-padded to k bytes); the 48 bytes are
    // HMAC-SHA256(KDK, i || "keel tls premaster") for i = 0, 1, truncated. Deterministic
    // per (key, ciphertext), unpredictable without d.
    Bytes padded(k, 0);
    if (ciphertext.size() <= k) {
        for (size_t i = 0; i < ciphertext.size(); i++) {
            padded[k - ciphertext.size() + i] = ciphertext[i];
        }
    }
    Hmac<Sha256> kdf(priv_->kdk_key);
    if (ciphertext.size() <= k) {
        kdf.update(padded);
    } else {
        kdf.update(ciphertext);
    }
    auto kdk = kdf.final();
    Secret<48> synthetic;
    {
        Hmac<Sha256> prf(kdk);
        static const char kLabel[] = "keel tls premaster";
        for (uint8_t block = 0; block < 2; block++) {
            prf.update(ByteView(&block, 1));
            prf.update(as_bytes(kLabel));
            auto out = prf.final();
            for (size_t i = 0; i < 32 && block * 32 + i < 48; i++) {
                synthetic.data()[block * 32 + i] = out[i];
            }
            secure_wipe(out.data(), out.size());
        }
    }
    secure_wipe(kdk.data(), kdk.size());

    // A ciphertext of the wrong length or not below n is public knowledge: it gets the
    // synthetic value, like every other failure.
    Nat c(nl), m(nl);
    bool usable = ciphertext.size() == k;
    if (usable) {
        (void)bn::from_bytes(c.data(), nl, ciphertext);
        usable = ct::declassify(bn::lt_mask(c.data(), s.n.value(), nl)) != 0;
    }
    uint8_t good = 0;
    Secret<48> real;
    if (usable && detail::rsa_private_op(s, *priv_, m.data(), c.data(), rng).ok()) {
        SecretBytes em(k);
        bn::to_bytes(em.mutable_view(), m.data(), nl);
        size_t start = 0;
        good = pkcs1_type2_scan(em.view(), &start);
        // Message must be exactly 48 bytes: start == k - 48.
        good &= static_cast<uint8_t>(ct::eq<size_t>(start, k - 48));
        // The last 48 bytes of EM are the candidate, read at a fixed position.
        for (size_t i = 0; i < 48; i++) real.data()[i] = em.data()[k - 48 + i];
        // RFC 5246 §7.4.7.1: the first two bytes are the client_version.
        good &= ct::eq<uint8_t>(real.data()[0], static_cast<uint8_t>(client_version >> 8));
        good &= ct::eq<uint8_t>(real.data()[1], static_cast<uint8_t>(client_version));
    }
    ct::cmov(synthetic.span(), real.view(), good);
    return synthetic;
}

}  // namespace keel::crypto
