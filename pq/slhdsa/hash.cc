// SLH-DSA hash functions: FIPS 205 §11.1 (SHAKE) and §11.2 (SHA2).
#include "pq/slhdsa/hash.h"

#include <array>
#include <cstring>

#include "base/endian.h"
#include "base/secret.h"
#include "crypto/mac/hmac.h"
#include "crypto/sha3/keccak.h"
#include "crypto/sha3/sha3.h"

namespace keel::pq::detail {

namespace {

constexpr uint32_t kIv256[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
constexpr uint64_t kIv512[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                                0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
                                0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};

// Largest T_l input: len * n = 67 * 32 bytes (WOTS+ public key) beats k * n = 35 * 32.
constexpr size_t kMaxIn = 67 * 32;
// Compressed ADRS (§11.2): 22 bytes.
constexpr size_t kAdrsC = 22;

void compress_adrs(const Adrs& a, uint8_t out[kAdrsC]) {
    out[0] = a.b[3];                   // layer: low byte
    std::memcpy(out + 1, a.b + 8, 8);  // tree: low 8 bytes
    out[9] = a.b[19];                  // type: low byte
    std::memcpy(out + 10, a.b + 20, 12);
}

// Finishes a SHA-256 whose first `prefix` bytes (a multiple of 64) are already in
// `st0`, over `len` more bytes; writes the first out_len digest bytes.
void sha256_resume(crypto::detail::Sha256Blocks f, const uint32_t st0[8], uint64_t prefix,
                   const uint8_t* d, size_t len, uint8_t* out, size_t out_len) {
    uint32_t st[8];
    std::memcpy(st, st0, sizeof st);
    size_t full = len / 64;
    if (full > 0) f(st, d, full);
    uint8_t blk[128] = {};
    size_t rem = len % 64;
    std::memcpy(blk, d + full * 64, rem);
    blk[rem] = 0x80;
    size_t nblk = rem + 9 <= 64 ? 1 : 2;
    store_be64(blk + nblk * 64 - 8, (prefix + len) * 8);
    f(st, blk, nblk);
    uint8_t dig[32];
    for (int i = 0; i < 8; i++) store_be32(dig + 4 * i, st[i]);
    std::memcpy(out, dig, out_len);
    secure_wipe(st, sizeof st);
    secure_wipe(blk, sizeof blk);
}

void sha512_resume(crypto::detail::Sha512Blocks f, const uint64_t st0[8], uint64_t prefix,
                   const uint8_t* d, size_t len, uint8_t* out, size_t out_len) {
    uint64_t st[8];
    std::memcpy(st, st0, sizeof st);
    size_t full = len / 128;
    if (full > 0) f(st, d, full);
    uint8_t blk[256] = {};
    size_t rem = len % 128;
    std::memcpy(blk, d + full * 128, rem);
    blk[rem] = 0x80;
    size_t nblk = rem + 17 <= 128 ? 1 : 2;
    store_be64(blk + nblk * 128 - 8, (prefix + len) * 8);  // high 64 bits stay zero
    f(st, blk, nblk);
    uint8_t dig[64];
    for (int i = 0; i < 8; i++) store_be64(dig + 8 * i, st[i]);
    std::memcpy(out, dig, out_len);
    secure_wipe(st, sizeof st);
    secure_wipe(blk, sizeof blk);
}

// MGF1 (RFC 8017 §B.2.1) over SHA-256 or SHA-512, as H_msg uses it (§11.2).
template <class H>
void mgf1(ByteView seed, uint8_t* out, size_t out_len) {
    uint8_t ctr[4];
    for (uint32_t c = 0; out_len > 0; c++) {
        store_be32(ctr, c);
        H h;
        h.update(seed);
        h.update(ByteView(ctr, 4));
        auto d = h.final();
        size_t take = out_len < d.size() ? out_len : d.size();
        std::memcpy(out, d.data(), take);
        out += take;
        out_len -= take;
    }
}

}  // namespace

SlhHash::SlhHash(const SlhParams& p, const uint8_t* pk_seed, const uint8_t* sk_seed)
    : p_(p),
      sha256_(crypto::detail::sha256_backends().back().blocks),
      sha512_(crypto::detail::best_sha512()) {
    std::memset(pk_seed_, 0, sizeof pk_seed_);
    std::memset(sk_seed_, 0, sizeof sk_seed_);
    std::memcpy(pk_seed_, pk_seed, p.n);
    if (sk_seed != nullptr) std::memcpy(sk_seed_, sk_seed, p.n);
    if (p.sha2) {
        // PK.seed || toByte(0, 64 - n) and PK.seed || toByte(0, 128 - n): one block each.
        uint8_t blk[128] = {};
        std::memcpy(blk, pk_seed, p.n);
        std::memcpy(seeded256_, kIv256, sizeof seeded256_);
        sha256_(seeded256_, blk, 1);
        std::memcpy(seeded512_, kIv512, sizeof seeded512_);
        sha512_(seeded512_, blk, 1);
    }
}

SlhHash::~SlhHash() {
    secure_wipe(sk_seed_, sizeof sk_seed_);
}

void SlhHash::thash_one(const Adrs& adrs, const uint8_t* in, size_t in_len, uint8_t* out) const {
    const size_t n = p_.n;
    if (p_.sha2) {
        uint8_t buf[kAdrsC + kMaxIn];
        compress_adrs(adrs, buf);
        std::memcpy(buf + kAdrsC, in, in_len);
        // F and PRF use SHA-256 in every category; H and T_l use SHA-512 for n > 16.
        if (n == 16 || in_len == n) {
            sha256_resume(sha256_, seeded256_, 64, buf, kAdrsC + in_len, out, n);
        } else {
            sha512_resume(sha512_, seeded512_, 128, buf, kAdrsC + in_len, out, n);
        }
        secure_wipe(buf, kAdrsC + in_len);
        return;
    }
    crypto::Shake256 x;
    (void)x.update(ByteView(pk_seed_, n));
    (void)x.update(ByteView(adrs.b, 32));
    (void)x.update(ByteView(in, in_len));
    x.squeeze(MutableByteView(out, n));
}

void SlhHash::thash_many(const Adrs* adrs, const uint8_t* in, size_t in_len, size_t in_stride,
                         uint8_t* out, size_t count) const {
    const size_t n = p_.n;
    size_t i = 0;
    if (p_.sha2 && kAdrsC + in_len + 17 <= 128) {
        // F, PRF and H fit one block after the seeded one: build the padded block in
        // place (FIPS 180-4 §5.1) and compress once from the precomputed state; the
        // block's tail (0x80, zeros, bit length) is the same for every call.
        const bool small = n == 16 || in_len == n;
        const size_t blk_len = small ? 64 : 128;
        const size_t used = kAdrsC + in_len;
        alignas(16) uint8_t blk[128] = {};
        blk[used] = 0x80;
        store_be64(blk + blk_len - 8, (blk_len + used) * 8);
        uint8_t dig[64];
        for (; i < count; i++) {
            compress_adrs(adrs[i], blk);
            std::memcpy(blk + kAdrsC, in + i * in_stride, in_len);
            if (small) {
                uint32_t st[8];
                std::memcpy(st, seeded256_, sizeof st);
                sha256_(st, blk, 1);
                for (size_t w = 0; w < n / 4; w++) store_be32(dig + 4 * w, st[w]);
            } else {
                uint64_t st[8];
                std::memcpy(st, seeded512_, sizeof st);
                sha512_(st, blk, 1);
                for (size_t w = 0; w < n / 8; w++) store_be64(dig + 8 * w, st[w]);
            }
            std::memcpy(out + i * n, dig, n);
        }
        secure_wipe(blk, sizeof blk);
        secure_wipe(dig, sizeof dig);
        return;
    }
    if (!p_.sha2 && count >= 2) {
        // SHAKE256 eight lanes at a time on the interleaved batch permutation
        // (keccak_x8: word i of state j at s[8 * i + j]). Each lane absorbs
        // PK.seed || ADRS || input with SHAKE's padding (FIPS 202 §5.1, §6.2); a short
        // last group repeats its first lane in the unused ones.
        constexpr size_t kRate = 136;
        const size_t blen = n + 32 + in_len;
        const size_t padded = (blen / kRate + 1) * kRate;
        alignas(64) uint64_t st[25 * 8];
        uint8_t buf[8][((32 + 32 + kMaxIn) / kRate + 1) * kRate];
        for (; i < count; i += 8) {
            const size_t lanes = count - i < 8 ? count - i : 8;
            for (size_t j = 0; j < 8; j++) {
                const size_t src = i + (j < lanes ? j : 0);
                uint8_t* b = buf[j];
                std::memcpy(b, pk_seed_, n);
                std::memcpy(b + n, adrs[src].b, 32);
                std::memcpy(b + n + 32, in + src * in_stride, in_len);
                std::memset(b + blen, 0, padded - blen);
                b[blen] ^= 0x1F;
                b[padded - 1] ^= 0x80;
            }
            std::memset(st, 0, sizeof st);
            for (size_t off = 0; off < padded; off += kRate) {
                for (size_t w = 0; w < kRate / 8; w++) {
                    for (size_t j = 0; j < 8; j++) st[8 * w + j] ^= load_le64(buf[j] + off + 8 * w);
                }
                crypto::detail::keccak_x8(st);
            }
            for (size_t j = 0; j < lanes; j++) {
                for (size_t w = 0; w < n / 8; w++)
                    store_le64(out + (i + j) * n + 8 * w, st[8 * w + j]);
            }
        }
        secure_wipe(st, sizeof st);
        secure_wipe(buf, sizeof buf);
        return;
    }
    for (; i < count; i++) thash_one(adrs[i], in + i * in_stride, in_len, out + i * n);
}

void slh_prf_msg(const SlhParams& p, const uint8_t* sk_prf, const uint8_t* opt_rand,
                 ByteView prefix, ByteView msg, uint8_t* out) {
    const size_t n = p.n;
    if (p.sha2) {
        // §11.2: Trunc_n(HMAC-SHA-256 or -512(SK.prf, opt_rand || M)).
        auto run = [&](auto mac) {
            mac.update(ByteView(opt_rand, n));
            mac.update(prefix);
            mac.update(msg);
            auto t = mac.final();
            std::memcpy(out, t.data(), n);
            secure_wipe(t.data(), t.size());
        };
        if (n == 16) {
            run(crypto::Hmac<crypto::Sha256>(ByteView(sk_prf, n)));
        } else {
            run(crypto::Hmac<crypto::Sha512>(ByteView(sk_prf, n)));
        }
        return;
    }
    crypto::Shake256 x;
    (void)x.update(ByteView(sk_prf, n));
    (void)x.update(ByteView(opt_rand, n));
    (void)x.update(prefix);
    (void)x.update(msg);
    x.squeeze(MutableByteView(out, n));
}

void slh_h_msg(const SlhParams& p, const uint8_t* r, const uint8_t* pk_seed, const uint8_t* pk_root,
               ByteView prefix, ByteView msg, uint8_t* out) {
    const size_t n = p.n;
    if (p.sha2) {
        // §11.2: MGF1-SHA-x(R || PK.seed || SHA-x(R || PK.seed || PK.root || M), m).
        auto run = [&](auto h) {
            using H = decltype(h);
            h.update(ByteView(r, n));
            h.update(ByteView(pk_seed, n));
            h.update(ByteView(pk_root, n));
            h.update(prefix);
            h.update(msg);
            auto inner = h.final();
            uint8_t seed[64 + 64];
            std::memcpy(seed, r, n);
            std::memcpy(seed + n, pk_seed, n);
            std::memcpy(seed + 2 * n, inner.data(), inner.size());
            mgf1<H>(ByteView(seed, 2 * n + inner.size()), out, p.m);
        };
        if (n == 16) {
            run(crypto::Sha256());
        } else {
            run(crypto::Sha512());
        }
        return;
    }
    crypto::Shake256 x;
    (void)x.update(ByteView(r, n));
    (void)x.update(ByteView(pk_seed, n));
    (void)x.update(ByteView(pk_root, n));
    (void)x.update(prefix);
    (void)x.update(msg);
    x.squeeze(MutableByteView(out, p.m));
}

// FIPS 205 Table 2.
const SlhParams kSlhParams[12] = {
    {"SLH-DSA-SHA2-128s", true, 16, 63, 7, 9, 12, 14, 30},
    {"SLH-DSA-SHA2-128f", true, 16, 66, 22, 3, 6, 33, 34},
    {"SLH-DSA-SHA2-192s", true, 24, 63, 7, 9, 14, 17, 39},
    {"SLH-DSA-SHA2-192f", true, 24, 66, 22, 3, 8, 33, 42},
    {"SLH-DSA-SHA2-256s", true, 32, 64, 8, 8, 14, 22, 47},
    {"SLH-DSA-SHA2-256f", true, 32, 68, 17, 4, 9, 35, 49},
    {"SLH-DSA-SHAKE-128s", false, 16, 63, 7, 9, 12, 14, 30},
    {"SLH-DSA-SHAKE-128f", false, 16, 66, 22, 3, 6, 33, 34},
    {"SLH-DSA-SHAKE-192s", false, 24, 63, 7, 9, 14, 17, 39},
    {"SLH-DSA-SHAKE-192f", false, 24, 66, 22, 3, 8, 33, 42},
    {"SLH-DSA-SHAKE-256s", false, 32, 64, 8, 8, 14, 22, 47},
    {"SLH-DSA-SHAKE-256f", false, 32, 68, 17, 4, 9, 35, 49},
};

}  // namespace keel::pq::detail
