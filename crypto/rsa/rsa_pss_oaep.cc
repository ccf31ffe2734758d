// MGF1 (RFC 8017 §B.2.1), RSASSA-PSS (§8.1, EMSA-PSS §9.1) and RSAES-OAEP (§7.1).
#include <string>

#include "base/ct.h"
#include "crypto/rsa/internal/rsa_impl.h"

namespace keel::crypto {

using bn::Limb;

namespace detail {

void mgf1_xor(HashAlg hash, ByteView seed, MutableByteView out) {
    AnyHash h(hash);
    size_t done = 0;
    for (uint32_t counter = 0; done < out.size(); counter++) {
        const uint8_t c[4] = {static_cast<uint8_t>(counter >> 24),
                              static_cast<uint8_t>(counter >> 16),
                              static_cast<uint8_t>(counter >> 8), static_cast<uint8_t>(counter)};
        h.update(seed);
        h.update(ByteView(c, 4));
        AnyDigest d = h.final();
        for (size_t i = 0; i < d.size && done < out.size(); i++) out[done++] ^= d.bytes[i];
        secure_wipe(d.bytes.data(), d.bytes.size());
    }
}

}  // namespace detail

namespace {

// H = Hash(0^8 || mHash || salt) (§9.1.1 steps 5-6).
AnyDigest pss_hash(HashAlg hash, ByteView m_hash, ByteView salt) {
    static const uint8_t kZeros[8] = {};
    AnyHash h(hash);
    h.update(ByteView(kZeros, 8));
    h.update(m_hash);
    // An empty salt (sLen = 0) may have a null data pointer; the hash engine must not
    // see it after buffered bytes (memcpy from null is undefined even for 0 bytes).
    if (!salt.empty()) h.update(salt);
    return h.final();
}

}  // namespace

// ---- RSASSA-PSS ----

Result<void> RsaPublicKey::verify_pss_digest(ByteView m_hash, ByteView signature,
                                             const PssParams& p) const {
    const Error bad(Errc::auth_failed, "RSA-PSS signature does not verify");
    const size_t k = modulus_bytes();
    if (signature.size() != k) {
        return Error(Errc::malformed, "RSA signature length differs from the modulus");
    }
    const size_t h_len = digest_size(p.hash);
    if (m_hash.size() != h_len) return Error(Errc::invalid_argument, "digest length mismatch");
    auto full = detail::rsa_public_op(*s_, signature);
    if (!full) return full.error();
    // §8.1.2 step 2c / §9.1.2: EM is emLen = ceil((modBits - 1) / 8) bytes; when that is
    // one less than k, the dropped leading byte must be zero.
    const size_t em_bits = modulus_bits() - 1;
    const size_t em_len = (em_bits + 7) / 8;
    ByteView em(full->data() + (k - em_len), em_len);
    if (em_len < k && (*full)[0] != 0) return bad;
    if (em_len < h_len + 2) return bad;
    if (em[em_len - 1] != 0xbc) return bad;
    const size_t db_len = em_len - h_len - 1;
    Bytes db(em.begin(), em.begin() + db_len);
    ByteView h(em.data() + db_len, h_len);
    const unsigned top_bits = static_cast<unsigned>(8 * em_len - em_bits);  // 0..7
    const uint8_t top_mask = static_cast<uint8_t>(0xff >> top_bits);
    if ((db[0] & ~top_mask) != 0) return bad;
    detail::mgf1_xor(p.mgf1_hash, h, db);
    db[0] &= top_mask;

    size_t salt_len = p.salt_len;
    if (p.auto_salt_len) {
        size_t i = 0;
        while (i < db_len && db[i] == 0) i++;
        if (i == db_len || db[i] != 0x01) return bad;
        salt_len = db_len - i - 1;
    } else {
        if (em_len < h_len + salt_len + 2) return bad;
        const size_t ps_len = db_len - salt_len - 1;
        for (size_t i = 0; i < ps_len; i++) {
            if (db[i] != 0) return bad;
        }
        if (db[ps_len] != 0x01) return bad;
    }
    ByteView salt(db.data() + db_len - salt_len, salt_len);
    AnyDigest h2 = pss_hash(p.hash, m_hash, salt);
    if (!ct::equal(h2.view(), h)) return bad;
    return ok();
}

Result<void> RsaPublicKey::verify_pss(ByteView message, ByteView signature,
                                      const PssParams& p) const {
    AnyDigest d = AnyHash::hash(p.hash, message);
    return verify_pss_digest(d.view(), signature, p);
}

Result<Bytes> RsaPrivateKey::sign_pss_digest(ByteView m_hash, const PssParams& p, Rng& rng) const {
    const size_t k = modulus_bytes();
    const size_t h_len = digest_size(p.hash);
    if (m_hash.size() != h_len) return Error(Errc::invalid_argument, "digest length mismatch");
    const size_t em_bits = modulus_bits() - 1;
    const size_t em_len = (em_bits + 7) / 8;
    if (em_len < h_len + p.salt_len + 2) {
        return Error(Errc::invalid_argument, "RSA modulus too short for this PSS salt length");
    }
    Bytes salt(p.salt_len);
    KEEL_TRY(rng.generate(salt));
    AnyDigest h = pss_hash(p.hash, m_hash, salt);
    // EM = maskedDB || H || 0xbc with DB = PS || 0x01 || salt (§9.1.1 steps 7-12).
    Bytes full(k, 0);
    MutableByteView em(full.data() + (k - em_len), em_len);
    const size_t db_len = em_len - h_len - 1;
    em[db_len - p.salt_len - 1] = 0x01;
    for (size_t i = 0; i < p.salt_len; i++) em[db_len - p.salt_len + i] = salt[i];
    detail::mgf1_xor(p.mgf1_hash, h.view(), em.subspan(0, db_len));
    em[0] &= static_cast<uint8_t>(0xff >> (8 * em_len - em_bits));
    for (size_t i = 0; i < h_len; i++) em[db_len + i] = h.bytes[i];
    em[em_len - 1] = 0xbc;
    auto s = raw_private(full, rng);
    if (!s) return s.error();
    return Bytes(s->view().begin(), s->view().end());
}

Result<Bytes> RsaPrivateKey::sign_pss(ByteView message, const PssParams& p, Rng& rng) const {
    AnyDigest d = AnyHash::hash(p.hash, message);
    return sign_pss_digest(d.view(), p, rng);
}

// ---- RSAES-OAEP ----

Result<Bytes> RsaPublicKey::encrypt_oaep(ByteView message, const OaepParams& p, Rng& rng) const {
    const size_t k = modulus_bytes();
    const size_t h_len = digest_size(p.hash);
    if (k < 2 * h_len + 2 || message.size() > k - 2 * h_len - 2) {
        return Error(Errc::invalid_argument, "message too long for RSAES-OAEP");
    }
    // EM = 00 || maskedSeed || maskedDB, DB = lHash || PS || 01 || M (§7.1.1 step 2).
    Bytes em(k, 0);
    MutableByteView seed(em.data() + 1, h_len);
    MutableByteView db(em.data() + 1 + h_len, k - h_len - 1);
    AnyDigest l_hash = AnyHash::hash(p.hash, p.label);
    for (size_t i = 0; i < h_len; i++) db[i] = l_hash.bytes[i];
    db[db.size() - message.size() - 1] = 0x01;
    for (size_t i = 0; i < message.size(); i++) db[db.size() - message.size() + i] = message[i];
    KEEL_TRY(rng.generate(seed));
    detail::mgf1_xor(p.mgf1_hash, seed, db);
    detail::mgf1_xor(p.mgf1_hash, db, seed);
    return detail::rsa_public_op(*s_, em);
}

Result<SecretBytes> RsaPrivateKey::decrypt_oaep(ByteView ciphertext, const OaepParams& p,
                                                Rng& rng) const {
    const Error bad(Errc::auth_failed, "RSAES-OAEP decryption error");
    const size_t k = modulus_bytes();
    const size_t h_len = digest_size(p.hash);
    if (k < 2 * h_len + 2) return Error(Errc::invalid_argument, "RSA modulus too short for OAEP");
    if (ciphertext.size() != k) return bad;
    auto em_r = raw_private(ciphertext, rng);
    if (!em_r) return bad;
    SecretBytes& em = em_r.value();
    MutableByteView seed(em.data() + 1, h_len);
    MutableByteView db(em.data() + 1 + h_len, k - h_len - 1);
    // §7.1.2 step 3: unmask, then check Y = 0, lHash' = lHash and the 01 separator
    // with masks only, and report a single error (Manger's attack needs the
    // distinction between them).
    detail::mgf1_xor(p.mgf1_hash, db, seed);
    detail::mgf1_xor(p.mgf1_hash, seed, db);
    AnyDigest l_hash = AnyHash::hash(p.hash, p.label);
    uint8_t good = ct::is_zero<uint8_t>(em.data()[0]);
    good &= ct::eq_mask(ByteView(db.data(), h_len), l_hash.view());
    uint8_t looking = 0xff;
    size_t one_index = 0;
    for (size_t i = h_len; i < db.size(); i++) {
        uint8_t is0 = ct::is_zero<uint8_t>(db[i]);
        uint8_t is1 = ct::eq<uint8_t>(db[i], 0x01);
        uint8_t found = looking & is1;
        one_index = ct::select<size_t>(static_cast<size_t>(0) - (found & 1), i, one_index);
        // Any byte other than 00 before the separator is an error.
        good &= static_cast<uint8_t>(
            ~(looking & static_cast<uint8_t>(~is0) & static_cast<uint8_t>(~is1)));
        looking &= static_cast<uint8_t>(~is1);
    }
    good &= static_cast<uint8_t>(~looking);
    if (!ct::declassify(good)) return bad;
    // The message length becomes public with a successful decryption.
    one_index = ct::declassify(one_index);
    return SecretBytes(ByteView(db.data() + one_index + 1, db.size() - one_index - 1));
}

}  // namespace keel::crypto
