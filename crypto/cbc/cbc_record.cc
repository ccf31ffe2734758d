// TLS 1.2 CBC records: seal, and the constant-time open (see cbc_record.h for why).
#include "crypto/cbc/cbc_record.h"

#include <cstring>
#include <string>

#include "base/ct.h"
#include "base/endian.h"
#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "crypto/mac/hmac.h"

namespace keel::crypto {

namespace {

// A Merkle-Damgard hash seen at the compression-function level (FIPS 180-4): the
// open path needs to stop at a block chosen in secret, which the streaming hash
// classes cannot do without branching.
template <class W, size_t kWordsN, size_t kBlockN, size_t kLenN, size_t kDigestN, class H>
struct Md {
    using Word = W;
    using Hash = H;
    using Blocks = void (*)(W*, const uint8_t*, size_t);
    static constexpr size_t kWords = kWordsN;
    static constexpr size_t kBlock = kBlockN;
    static constexpr size_t kLenBytes = kLenN;  // width of the bit-length field
    static constexpr size_t kDigest = kDigestN;

    static void serialize(const W* st, uint8_t* out) {
        uint8_t full[kWords * sizeof(W)];
        for (size_t i = 0; i < kWords; i++) {
            if constexpr (sizeof(W) == 8) {
                store_be64(full + 8 * i, st[i]);
            } else {
                store_be32(full + 4 * i, st[i]);
            }
        }
        std::memcpy(out, full, kDigest);
        secure_wipe(full, sizeof full);
    }
};

// FIPS 180-4 §5.3.1, §5.3.3, §5.3.4 initial hash values.
constexpr uint32_t kSha1Iv[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
constexpr uint32_t kSha256Iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
constexpr uint64_t kSha384Iv[8] = {0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17,
                                   0x152fecd8f70e5939, 0x67332667ffc00b31, 0x8eb44a8768581511,
                                   0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4};

struct Sha1Md : Md<uint32_t, 5, 64, 8, 20, Sha1> {
    static const Word* iv() { return kSha1Iv; }
    static Blocks blocks() { return detail::sha1_backends().back().blocks; }
};
struct Sha256Md : Md<uint32_t, 8, 64, 8, 32, Sha256> {
    static const Word* iv() { return kSha256Iv; }
    static Blocks blocks() { return detail::sha256_backends().back().blocks; }
};
struct Sha384Md : Md<uint64_t, 8, 128, 16, 48, Sha384> {
    static const Word* iv() { return kSha384Iv; }
    static Blocks blocks() { return detail::best_sha512(); }
};

template <class M>
void load_state(typename M::Word* st, const uint64_t* slots) {
    for (size_t i = 0; i < M::kWords; i++) st[i] = static_cast<typename M::Word>(slots[i]);
}

// RFC 2104 §2: the chaining values after one block of K ^ ipad and of K ^ opad.
template <class M>
void keyed_states(ByteView key, uint64_t inner[8], uint64_t outer[8]) {
    uint8_t k[M::kBlock] = {};
    if (key.size() > M::kBlock) {
        auto d = M::Hash::hash(key);
        std::memcpy(k, d.data(), d.size());
        secure_wipe(d.data(), d.size());
    } else if (!key.empty()) {
        std::memcpy(k, key.data(), key.size());
    }
    for (int pass = 0; pass < 2; pass++) {
        uint8_t block[M::kBlock];
        for (size_t i = 0; i < M::kBlock; i++) block[i] = k[i] ^ (pass == 0 ? 0x36 : 0x5c);
        typename M::Word st[M::kWords];
        std::memcpy(st, M::iv(), sizeof st);
        M::blocks()(st, block, 1);
        uint64_t* out = pass == 0 ? inner : outer;
        for (size_t i = 0; i < M::kWords; i++) out[i] = st[i];
        secure_wipe(block, sizeof block);
        secure_wipe(st, sizeof st);
    }
    secure_wipe(k, sizeof k);
}

Error bad_record_mac() {
    return Error(Errc::auth_failed, "bad_record_mac");
}

void write_header(uint8_t out[13], const TlsRecordHeader& h, size_t len) {
    store_be64(out, h.seq);
    out[8] = h.type;
    store_be16(out + 9, h.version);
    store_be16(out + 11, static_cast<uint16_t>(len));
}

size_t mac_len(CbcMacAlg alg) {
    switch (alg) {
        case CbcMacAlg::hmac_sha1:
            return Sha1::kDigestSize;
        case CbcMacAlg::hmac_sha256:
            return Sha256::kDigestSize;
        case CbcMacAlg::hmac_sha384:
            return Sha384::kDigestSize;
    }
    return 0;
}

}  // namespace

Result<CbcRecordMac> CbcRecordMac::create(CbcMacAlg alg, ByteView mac_key) {
    CbcRecordMac m;
    m.alg_ = alg;
    m.key_ = SecretBytes(mac_key);
    switch (alg) {
        case CbcMacAlg::hmac_sha1:
            keyed_states<Sha1Md>(mac_key, m.inner_, m.outer_);
            break;
        case CbcMacAlg::hmac_sha256:
            keyed_states<Sha256Md>(mac_key, m.inner_, m.outer_);
            break;
        case CbcMacAlg::hmac_sha384:
            keyed_states<Sha384Md>(mac_key, m.inner_, m.outer_);
            break;
        default:
            return Error(Errc::invalid_argument, "unknown CBC record MAC");
    }
    return m;
}

size_t CbcRecordMac::mac_size() const {
    return mac_len(alg_);
}

Result<void> CbcRecordMac::mac(const TlsRecordHeader& h, ByteView content,
                               MutableByteView out) const {
    if (out.size() != mac_size()) {
        return Error(Errc::invalid_argument, "MAC output length " + std::to_string(out.size()) +
                                                 " is not " + std::to_string(mac_size()));
    }
    if (content.size() > 0xffff) {
        return Error(Errc::limit_exceeded, "record content does not fit the length field");
    }
    uint8_t hdr[13];
    write_header(hdr, h, content.size());
    auto run = [&](auto hmac) {
        hmac.update(ByteView(hdr, 13));
        if (!content.empty()) hmac.update(content);  // no null data pointer to memcpy
        return hmac.final_into(out);
    };
    switch (alg_) {
        case CbcMacAlg::hmac_sha1:
            return run(Hmac<Sha1>(key_.view()));
        case CbcMacAlg::hmac_sha256:
            return run(Hmac<Sha256>(key_.view()));
        case CbcMacAlg::hmac_sha384:
            return run(Hmac<Sha384>(key_.view()));
    }
    return Error(Errc::invalid_argument, "unknown CBC record MAC");
}

Result<size_t> CbcRecordMac::open(const TlsRecordHeader& h, ByteView decrypted) const {
    switch (alg_) {
        case CbcMacAlg::hmac_sha1:
            return open_ct<Sha1Md>(h, decrypted);
        case CbcMacAlg::hmac_sha256:
            return open_ct<Sha256Md>(h, decrypted);
        case CbcMacAlg::hmac_sha384:
            return open_ct<Sha384Md>(h, decrypted);
    }
    return bad_record_mac();
}

// Public: n = d.size(). Secret: the padding length byte `pad`, hence the content
// length L = n - 1 - mac - pad, the padding bytes, the content and the MAC. Every loop
// bound and memory index below is a function of n only.
template <class M>
Result<size_t> CbcRecordMac::open_ct(const TlsRecordHeader& h, ByteView d) const {
    using W = typename M::Word;
    constexpr size_t B = M::kBlock, ML = M::kDigest;
    const size_t n = d.size();
    if (n < ML + 1 || n > kMaxCiphertext) return bad_record_mac();
    const uint8_t* p = d.data();

    // §6.2.3.2: padding_length (0..255) bytes, each equal to padding_length, before it.
    const size_t pad = p[n - 1];
    const size_t lmax = n - 1 - ML;                       // content length when pad = 0
    const size_t lmin = n > ML + 256 ? n - ML - 256 : 0;  // when pad = 255
    size_t good = ~ct::lt(lmax, pad);
    // With bad padding, go on as if pad were 0: the work is the same either way.
    const size_t L = ct::select(good, lmax - pad, lmax);
    uint8_t pad_diff = 0;
    for (size_t i = n > 256 ? n - 256 : 0; i < n - 1; i++) {
        const uint8_t in_pad = static_cast<uint8_t>(~ct::lt(i, n - 1 - pad));
        pad_diff |= static_cast<uint8_t>((p[i] ^ pad) & in_pad);
    }
    good &= ct::is_zero(static_cast<size_t>(pad_diff));

    // Inner hash over header || content, with the header's length field = L. Message
    // byte j (after the K ^ ipad block) is hdr[j] for j < 13, then p[j - 13]. The padded
    // message ends in block kf = (13 + L + len_bytes) / B, somewhere in first..kmax.
    uint8_t hdr[13];
    write_header(hdr, h, L);  // the length bytes are secret data, never an index
    const auto blocks = M::blocks();
    W st[M::kWords], captured[M::kWords] = {};
    load_state<M>(st, inner_);
    const size_t first = (13 + lmin) / B;  // blocks before `first` are all content
    const size_t kmax = (13 + lmax + M::kLenBytes) / B;
    const size_t kf = (13 + L + M::kLenBytes) / B;  // B is a power of two: a shift
    const uint64_t bits = static_cast<uint64_t>(B + 13 + L) * 8;
    uint8_t blk[B];
    if (first > 0) {
        std::memcpy(blk, hdr, 13);
        std::memcpy(blk + 13, p, B - 13);
        blocks(st, blk, 1);
        blocks(st, p + B - 13, first - 1);
    }
    for (size_t k = first; k <= kmax; k++) {
        const uint8_t is_final8 = static_cast<uint8_t>(ct::eq(k, kf));
        for (size_t t = 0; t < B; t++) {
            const size_t j = k * B + t;
            const size_t end = ct::value_barrier(13 + L);  // see the MAC gather below
            uint8_t v = j < 13 ? hdr[j] : (j - 13 < n ? p[j - 13] : 0);
            v &= static_cast<uint8_t>(ct::lt(j, end));
            v |= static_cast<uint8_t>(0x80 & ct::eq(j, end));
            if (t >= B - M::kLenBytes) {
                const size_t from_end = B - 1 - t;  // bits is at most 64 bits wide
                const uint8_t len_byte =
                    from_end < 8 ? static_cast<uint8_t>(bits >> (8 * from_end)) : 0;
                v = ct::select(is_final8, len_byte, v);
            }
            blk[t] = v;
        }
        blocks(st, blk, 1);
        const W is_final = static_cast<W>(ct::eq(k, kf));
        for (size_t w = 0; w < M::kWords; w++)
            captured[w] = ct::select(is_final, st[w], captured[w]);
    }

    // Outer hash: one block, K ^ opad already absorbed; its length is public.
    uint8_t expected[ML];
    std::memset(blk, 0, B);
    M::serialize(captured, blk);
    blk[ML] = 0x80;
    const uint64_t outer_bits = static_cast<uint64_t>(B + ML) * 8;
    store_be64(blk + B - 8, outer_bits);
    load_state<M>(st, outer_);
    blocks(st, blk, 1);
    M::serialize(st, expected);

    // The received MAC starts at the secret offset L in [lmin, lmax]. Gather it into a
    // buffer rotated by (L - lmin) mod ML, at public positions, then rotate back by
    // scanning every position with masks.
    uint8_t rot[ML] = {};
    size_t r = 0;
    for (size_t i = lmin, pos = 0; i < n - 1; i++) {
        // The barrier stops the optimizer from rewriting i as (i - L) + L, which would
        // make the loop counter and the load address secret.
        const size_t l = ct::value_barrier(L);
        const size_t in_mac = ~ct::lt(i, l) & ct::lt(i, l + ML);
        rot[pos] |= static_cast<uint8_t>(p[i] & in_mac);
        r = ct::select(ct::eq(i, l), pos, r);
        pos = pos + 1 == ML ? 0 : pos + 1;
    }
    uint8_t diff = 0;
    for (size_t j = 0; j < ML; j++) {
        const size_t rj = ct::value_barrier(r) + j;  // as above: keep j the counter
        const size_t want = ct::select(ct::lt(rj, ML), rj, rj - ML);
        uint8_t b = 0;
        for (size_t s = 0; s < ML; s++) b |= static_cast<uint8_t>(rot[s] & ct::eq(s, want));
        diff |= static_cast<uint8_t>(b ^ expected[j]);
    }
    good &= ct::is_zero(static_cast<size_t>(diff));

    secure_wipe(st, sizeof st);
    secure_wipe(captured, sizeof captured);
    secure_wipe(blk, sizeof blk);
    secure_wipe(expected, sizeof expected);
    secure_wipe(rot, sizeof rot);
    // The verdict is public; so is the content length once the record is accepted.
    if (ct::declassify(good) == 0) return bad_record_mac();
    return ct::declassify(L);
}

size_t cbc_record_sealed_size(size_t content_len, size_t mac_size) {
    return AesCbc::kIvSize + (content_len + mac_size + 1 + 15) / 16 * 16;
}

Result<void> cbc_record_seal(const AesCbc& cbc, const CbcRecordMac& mac, const TlsRecordHeader& h,
                             ByteView iv, ByteView content, MutableByteView out) {
    const size_t ml = mac.mac_size();
    if (iv.size() != AesCbc::kIvSize) {
        return Error(Errc::invalid_argument, "CBC record IV must be 16 bytes");
    }
    if (content.size() > 16384) {
        return Error(Errc::limit_exceeded, "record content longer than 2^14 (RFC 5246 §6.2.1)");
    }
    if (out.size() != cbc_record_sealed_size(content.size(), ml)) {
        return Error(Errc::invalid_argument,
                     "CBC record output must be " +
                         std::to_string(cbc_record_sealed_size(content.size(), ml)) + " bytes");
    }
    uint8_t tag[48];
    KEEL_TRY(mac.mac(h, content, MutableByteView(tag, ml)));
    uint8_t* body = out.data() + AesCbc::kIvSize;
    const size_t body_len = out.size() - AesCbc::kIvSize;
    if (!content.empty()) std::memmove(body, content.data(), content.size());  // may overlap
    std::memcpy(out.data(), iv.data(), AesCbc::kIvSize);
    std::memcpy(body + content.size(), tag, ml);
    secure_wipe(tag, sizeof tag);
    // padding_length + 1 bytes, all equal to padding_length (§6.2.3.2).
    const size_t pad = body_len - content.size() - ml - 1;
    std::memset(body + content.size() + ml, static_cast<int>(pad), pad + 1);
    return cbc.encrypt(iv, ByteView(body, body_len), MutableByteView(body, body_len));
}

Result<ByteView> cbc_record_open(const AesCbc& cbc, const CbcRecordMac& mac,
                                 const TlsRecordHeader& h, MutableByteView record) {
    if (record.size() < 2 * AesCbc::kBlockSize || record.size() % AesCbc::kBlockSize != 0) {
        secure_wipe(record.data(), record.size());
        return bad_record_mac();
    }
    MutableByteView body = record.subspan(AesCbc::kIvSize);
    KEEL_TRY(cbc.decrypt(record.first(AesCbc::kIvSize), body, body));
    auto len = mac.open(h, body);
    if (!len) {
        secure_wipe(record.data(), record.size());
        return len.error();
    }
    return ByteView(body.data(), *len);
}

}  // namespace keel::crypto
