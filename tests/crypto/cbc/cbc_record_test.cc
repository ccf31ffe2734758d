#include "crypto/cbc/cbc_record.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>

#include "base/endian.h"
#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "crypto/mac/hmac.h"

namespace keel::crypto {
namespace {

const CbcMacAlg kAlgs[] = {CbcMacAlg::hmac_sha1, CbcMacAlg::hmac_sha256, CbcMacAlg::hmac_sha384};

Bytes random_bytes(std::mt19937_64& rng, size_t n) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    return b;
}

// RFC 5246 §6.2.3.1 MAC computed the plain way, with the HMAC classes.
Bytes ref_mac(CbcMacAlg alg, ByteView key, const TlsRecordHeader& h, ByteView content) {
    uint8_t hdr[13];
    store_be64(hdr, h.seq);
    hdr[8] = h.type;
    store_be16(hdr + 9, h.version);
    store_be16(hdr + 11, static_cast<uint16_t>(content.size()));
    auto run = [&](auto m) {
        m.update(ByteView(hdr, 13));
        if (!content.empty()) m.update(content);  // no null data pointer to memcpy
        auto d = m.final();
        return Bytes(d.begin(), d.end());
    };
    switch (alg) {
        case CbcMacAlg::hmac_sha1:
            return run(Hmac<Sha1>(key));
        case CbcMacAlg::hmac_sha256:
            return run(Hmac<Sha256>(key));
        default:
            return run(Hmac<Sha384>(key));
    }
}

// The straightforward, variable-time check (RFC 5246 §6.2.3.2) the constant-time one
// must agree with.
std::optional<size_t> ref_open(CbcMacAlg alg, ByteView key, const TlsRecordHeader& h, ByteView d) {
    const size_t ml = ref_mac(alg, key, h, {}).size();
    if (d.size() < ml + 1) return std::nullopt;
    const size_t pad = d.back();
    if (pad + 1 + ml > d.size()) return std::nullopt;
    for (size_t i = d.size() - 1 - pad; i < d.size(); i++) {
        if (d[i] != pad) return std::nullopt;
    }
    const size_t len = d.size() - 1 - pad - ml;
    if (ref_mac(alg, key, h, d.first(len)) != Bytes(d.begin() + len, d.begin() + len + ml)) {
        return std::nullopt;
    }
    return len;
}

// content || MAC || pad + 1 bytes of value pad.
Bytes make_record(CbcMacAlg alg, ByteView key, const TlsRecordHeader& h, ByteView content,
                  size_t pad) {
    Bytes r(content.begin(), content.end());
    Bytes m = ref_mac(alg, key, h, content);
    r.insert(r.end(), m.begin(), m.end());
    r.insert(r.end(), pad + 1, static_cast<uint8_t>(pad));
    return r;
}

CbcRecordMac make_mac(CbcMacAlg alg, ByteView key) {
    auto m = CbcRecordMac::create(alg, key);
    EXPECT_TRUE(m.ok());
    return std::move(*m);
}

void expect_bad(const Result<size_t>& r, const std::string& what) {
    ASSERT_FALSE(r.ok()) << what;
    EXPECT_EQ(r.error().code(), Errc::auth_failed) << what;
    EXPECT_EQ(r.error().detail(), "bad_record_mac") << what;
}

TEST(CbcRecord, AcceptsEveryPaddingLength) {
    std::mt19937_64 rng(1);
    const TlsRecordHeader h{0x0102030405060708, 23, 0x0303};
    for (CbcMacAlg alg : kAlgs) {
        const Bytes key = random_bytes(rng, 32);
        const CbcRecordMac mac = make_mac(alg, key);
        for (size_t len : {0, 1, 13, 51, 64, 115, 128, 300, 1000}) {
            const Bytes content = random_bytes(rng, len);
            for (size_t pad = 0; pad < 256; pad++) {
                const Bytes rec = make_record(alg, key, h, content, pad);
                auto r = mac.open(h, rec);
                ASSERT_TRUE(r.ok()) << len << " " << pad;
                EXPECT_EQ(*r, len);
            }
        }
    }
}

TEST(CbcRecord, RejectsEveryBadPaddingBytePosition) {
    std::mt19937_64 rng(2);
    const TlsRecordHeader h{7, 23, 0x0303};
    for (CbcMacAlg alg : kAlgs) {
        const Bytes key = random_bytes(rng, 20);
        const CbcRecordMac mac = make_mac(alg, key);
        const Bytes content = random_bytes(rng, alg == CbcMacAlg::hmac_sha256 ? 77 : 20);
        for (size_t pad = 1; pad < 256; pad++) {
            const Bytes good = make_record(alg, key, h, content, pad);
            // Every padding byte before the length byte, each changed in one bit.
            for (size_t i = good.size() - 1 - pad; i < good.size() - 1; i++) {
                Bytes bad = good;
                bad[i] ^= static_cast<uint8_t>(1u << (i % 8));
                expect_bad(mac.open(h, bad), std::to_string(pad) + " at " + std::to_string(i));
            }
        }
    }
}

TEST(CbcRecord, RejectsBadMacAndContentAndHeader) {
    std::mt19937_64 rng(3);
    const TlsRecordHeader h{99, 23, 0x0303};
    for (CbcMacAlg alg : kAlgs) {
        const Bytes key = random_bytes(rng, 48);
        const CbcRecordMac mac = make_mac(alg, key);
        const Bytes content = random_bytes(rng, 40);
        for (size_t pad : {0, 3, 255}) {
            const Bytes good = make_record(alg, key, h, content, pad);
            ASSERT_TRUE(mac.open(h, good).ok());
            for (size_t i = 0; i < content.size() + mac.mac_size(); i++) {
                Bytes bad = good;
                bad[i] ^= 0x40;
                expect_bad(mac.open(h, bad), "byte " + std::to_string(i));
            }
            expect_bad(mac.open({100, 23, 0x0303}, good), "seq");
            expect_bad(mac.open({99, 22, 0x0303}, good), "type");
            expect_bad(mac.open({99, 23, 0x0302}, good), "version");
        }
    }
}

// The padding length byte one off in either direction, records one byte short or
// long, and records too short to hold a MAC and a padding length byte.
TEST(CbcRecord, RejectsOffByOneLengths) {
    std::mt19937_64 rng(4);
    const TlsRecordHeader h{5, 23, 0x0303};
    for (CbcMacAlg alg : kAlgs) {
        const Bytes key = random_bytes(rng, 32);
        const CbcRecordMac mac = make_mac(alg, key);
        const size_t ml = mac.mac_size();
        for (size_t pad : {0, 1, 2, 15, 16, 200, 254, 255}) {
            const Bytes content = random_bytes(rng, 33);
            const Bytes good = make_record(alg, key, h, content, pad);
            Bytes more = good, less = good;
            more.back() = static_cast<uint8_t>(pad + 1);
            less.back() = static_cast<uint8_t>(pad - 1);
            if (pad < 255) expect_bad(mac.open(h, more), "pad+1 " + std::to_string(pad));
            if (pad > 0) expect_bad(mac.open(h, less), "pad-1 " + std::to_string(pad));
            expect_bad(mac.open(h, ByteView(good).subspan(1)), "one short at the front");
            expect_bad(mac.open(h, ByteView(good).first(good.size() - 1)), "one short");
            Bytes longer = good;
            longer.push_back(static_cast<uint8_t>(pad));
            expect_bad(mac.open(h, longer), "one long");
        }
        for (size_t n = 0; n <= ml; n++) {
            expect_bad(mac.open(h, Bytes(n, 0)), "too short " + std::to_string(n));
        }
        // The shortest valid record: empty content, MAC, padding length 0.
        const Bytes shortest = make_record(alg, key, h, {}, 0);
        EXPECT_EQ(shortest.size(), ml + 1);
        auto r = mac.open(h, shortest);
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(*r, 0u);
        // Padding that claims more bytes than the record has.
        Bytes claim = shortest;
        claim.back() = static_cast<uint8_t>(ml + 1);
        expect_bad(mac.open(h, claim), "padding longer than the record");
        expect_bad(mac.open(h, Bytes(CbcRecordMac::kMaxCiphertext + 1, 0)), "too long");
    }
}

// Random records, well-formed and not, long and short: the constant-time open accepts
// exactly what the plain reference accepts.
TEST(CbcRecord, AgreesWithReferenceOnRandomRecords) {
    std::mt19937_64 rng(5);
    for (CbcMacAlg alg : kAlgs) {
        const Bytes key = random_bytes(rng, 1 + rng() % 150);  // includes hashed keys
        const CbcRecordMac mac = make_mac(alg, key);
        for (int c = 0; c < 400; c++) {
            const TlsRecordHeader h{rng(), static_cast<uint8_t>(rng()),
                                    static_cast<uint16_t>(rng())};
            const size_t len = c % 10 == 0 ? rng() % 16385 : rng() % 400;
            Bytes rec = make_record(alg, key, h, random_bytes(rng, len), rng() % 256);
            switch (rng() % 4) {
                case 0:
                    break;
                case 1:
                    rec[rng() % rec.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
                    break;
                case 2:
                    rec.back() = static_cast<uint8_t>(rng());
                    break;
                default:
                    rec = random_bytes(rng, rng() % 600);
            }
            const auto want = ref_open(alg, key, h, rec);
            const auto got = mac.open(h, rec);
            ASSERT_EQ(got.ok(), want.has_value()) << c;
            if (got.ok()) {
                EXPECT_EQ(*got, *want);
            }
        }
    }
}

TEST(CbcRecord, MacMatchesHmac) {
    std::mt19937_64 rng(6);
    for (CbcMacAlg alg : kAlgs) {
        const Bytes key = random_bytes(rng, 32);
        const CbcRecordMac mac = make_mac(alg, key);
        const TlsRecordHeader h{rng(), 23, 0x0303};
        const Bytes content = random_bytes(rng, 100);
        Bytes out(mac.mac_size());
        ASSERT_TRUE(mac.mac(h, content, out).ok());
        EXPECT_EQ(out, ref_mac(alg, key, h, content));
        Bytes wrong(mac.mac_size() + 1);
        EXPECT_FALSE(mac.mac(h, content, wrong).ok());
    }
}

// Seal then CBC-decrypt and open, on every AES backend; any flipped ciphertext bit
// fails with bad_record_mac and zeroes the record.
TEST(CbcRecord, SealOpenRoundTrip) {
    std::mt19937_64 rng(7);
    for (AesBackend b : Aes::backends()) {
        for (CbcMacAlg alg : kAlgs) {
            auto cbc = AesCbc::create(random_bytes(rng, 16 + 16 * (rng() % 2)), b);
            ASSERT_TRUE(cbc.ok());
            const Bytes key = random_bytes(rng, 32);
            const CbcRecordMac mac = make_mac(alg, key);
            for (size_t len : {0, 1, 15, 16, 17, 31, 32, 33, 100, 1000, 16384}) {
                const TlsRecordHeader h{len, 23, 0x0303};
                const Bytes content = random_bytes(rng, len);
                Bytes rec(cbc_record_sealed_size(len, mac.mac_size()));
                EXPECT_EQ(rec.size() % 16, 0u);
                ASSERT_TRUE(
                    cbc_record_seal(*cbc, mac, h, random_bytes(rng, 16), content, rec).ok());
                Bytes copy = rec;
                auto opened = cbc_record_open(*cbc, mac, h, copy);
                ASSERT_TRUE(opened.ok()) << len;
                EXPECT_EQ(Bytes(opened->begin(), opened->end()), content);
                // Decrypting by hand gives content || MAC || minimal padding.
                Bytes body(rec.begin() + 16, rec.end());
                ASSERT_TRUE(cbc->decrypt(ByteView(rec).first(16), body, body).ok());
                EXPECT_EQ(body.size() - 1 - body.back() - mac.mac_size(), len);
                EXPECT_LT(body.back(), 16);
                Bytes bad = rec;
                bad[16 + rng() % (rec.size() - 16)] ^= 0x01;
                auto r = cbc_record_open(*cbc, mac, h, bad);
                ASSERT_FALSE(r.ok());
                EXPECT_EQ(r.error().code(), Errc::auth_failed);
                EXPECT_EQ(bad, Bytes(bad.size(), 0));
            }
        }
    }
}

TEST(CbcRecord, OpenRejectsMalformedCiphertextLengths) {
    auto cbc = AesCbc::create(Bytes(16, 1));
    ASSERT_TRUE(cbc.ok());
    const CbcRecordMac mac = make_mac(CbcMacAlg::hmac_sha1, Bytes(20, 2));
    for (size_t n : {0, 15, 16, 17, 47}) {
        Bytes rec(n, 3);
        auto r = cbc_record_open(*cbc, mac, {0, 23, 0x0303}, rec);
        ASSERT_FALSE(r.ok()) << n;
        EXPECT_EQ(r.error().code(), Errc::auth_failed);
    }
    Bytes out(10);
    EXPECT_FALSE(cbc_record_seal(*cbc, mac, {0, 23, 0x0303}, Bytes(16, 0), Bytes(5), out).ok());
    Bytes big(cbc_record_sealed_size(16385, 20));
    auto r = cbc_record_seal(*cbc, mac, {0, 23, 0x0303}, Bytes(16, 0), Bytes(16385), big);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::limit_exceeded);
}

}  // namespace
}  // namespace keel::crypto
