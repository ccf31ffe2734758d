#include "tls/record/tls13_protection.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "crypto/kdf/hkdf.h"
#include "tests/vectors/json.h"
#include "tls/alert.h"
#include "tls/record/record_reader.h"

namespace keel::tls {
namespace {

using crypto::AeadAlg;

struct Suite {
    AeadAlg alg;
    size_t key_len;
    bool sha384;
};

// The AEADs of every TLS 1.3 cipher suite (RFC 8446 §B.4).
constexpr Suite kSuites[] = {
    {AeadAlg::aes128_gcm, 16, false},         // TLS_AES_128_GCM_SHA256
    {AeadAlg::aes256_gcm, 32, true},          // TLS_AES_256_GCM_SHA384
    {AeadAlg::chacha20_poly1305, 32, false},  // TLS_CHACHA20_POLY1305_SHA256
    {AeadAlg::aes128_ccm, 16, false},         // TLS_AES_128_CCM_SHA256
    {AeadAlg::aes128_ccm8, 16, false},        // TLS_AES_128_CCM_8_SHA256
};

struct Keys {
    Bytes key, iv;
};

// §7.3: key = HKDF-Expand-Label(secret, "key", "", key_length), iv likewise with "iv".
Keys traffic_keys(const Suite& s, uint8_t seed) {
    Bytes secret(s.sha384 ? 48 : 32);
    for (size_t i = 0; i < secret.size(); i++) secret[i] = static_cast<uint8_t>(seed * 31 + i);
    Keys k{Bytes(s.key_len), Bytes(12)};
    if (s.sha384) {
        EXPECT_TRUE(crypto::hkdf_expand_label<crypto::Sha384>(secret, "key", {}, k.key).ok());
        EXPECT_TRUE(crypto::hkdf_expand_label<crypto::Sha384>(secret, "iv", {}, k.iv).ok());
    } else {
        EXPECT_TRUE(crypto::hkdf_expand_label<crypto::Sha256>(secret, "key", {}, k.key).ok());
        EXPECT_TRUE(crypto::hkdf_expand_label<crypto::Sha256>(secret, "iv", {}, k.iv).ok());
    }
    return k;
}

Tls13RecordProtection make(const Suite& s, const Keys& k) {
    auto p = Tls13RecordProtection::create(s.alg, k.key, k.iv);
    EXPECT_TRUE(p.ok()) << p.error().to_string();
    return std::move(*p);
}

Bytes seal(Tls13RecordProtection& p, ContentType type, ByteView content, size_t pad = 0) {
    Bytes rec(p.sealed_size(content.size(), pad), 0xee);
    std::copy(content.begin(), content.end(), rec.begin() + 5);
    auto r = p.seal(type, content.size(), pad, rec);
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return rec;
}

// Runs the record through a protected RecordReader (as the engine will) and opens it.
struct Opened {
    Result<Plaintext> result = Error(Errc::malformed);
    Bytes content;
    ContentType type = ContentType::invalid;
};
Opened open(Tls13RecordProtection& p, Bytes& rec, size_t limit = kMaxTls13InnerPlaintext) {
    RecordReader reader;
    reader.set_protected(true);
    EXPECT_EQ(reader.feed(rec), rec.size());
    auto got = reader.next();
    EXPECT_TRUE(got.ok() && got->has_value());
    Opened o;
    o.result = p.open(**got, limit);
    if (o.result) {
        o.type = o.result->type;
        o.content.assign(o.result->content.begin(), o.result->content.end());
    }
    return o;
}

Alert alert_from(const Opened& o) {
    EXPECT_FALSE(o.result.ok());
    return o.result.ok() ? Alert::close_notify : alert_of(o.result.error());
}

Bytes random_bytes(std::mt19937& rng, size_t n) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    return b;
}

// The record by hand from the raw AEAD: nonce = iv XOR padded seq, aad = header.
Bytes reference_record(const Suite& s, const Keys& k, uint64_t seq, ContentType type,
                       ByteView content, size_t pad, size_t tag_len) {
    auto aead = crypto::Aead::create(s.alg, k.key);
    EXPECT_TRUE(aead.ok());
    Bytes inner(content.begin(), content.end());
    inner.push_back(static_cast<uint8_t>(type));
    inner.resize(inner.size() + pad, 0);
    size_t len = inner.size() + tag_len;
    Bytes out = {23, 3, 3, static_cast<uint8_t>(len >> 8), static_cast<uint8_t>(len)};
    Bytes nonce = k.iv;
    for (int i = 0; i < 8; i++) nonce[11 - i] ^= static_cast<uint8_t>(seq >> (8 * i));
    Bytes tag(tag_len);
    EXPECT_TRUE(aead->seal(nonce, out, inner, tag).ok());
    out.insert(out.end(), inner.begin(), inner.end());
    out.insert(out.end(), tag.begin(), tag.end());
    return out;
}

// A record whose inner plaintext is `inner` exactly (for malformed insides).
Bytes raw_inner_record(const Suite& s, const Keys& k, uint64_t seq, ByteView inner) {
    auto aead = crypto::Aead::create(s.alg, k.key);
    size_t tag_len = crypto::aead_tag_size(s.alg);
    Bytes body(inner.begin(), inner.end());
    size_t len = body.size() + tag_len;
    Bytes out = {23, 3, 3, static_cast<uint8_t>(len >> 8), static_cast<uint8_t>(len)};
    Bytes nonce = k.iv;
    for (int i = 0; i < 8; i++) nonce[11 - i] ^= static_cast<uint8_t>(seq >> (8 * i));
    Bytes tag(tag_len);
    EXPECT_TRUE(aead->seal(nonce, out, body, tag).ok());
    out.insert(out.end(), body.begin(), body.end());
    out.insert(out.end(), tag.begin(), tag.end());
    return out;
}

class EverySuite : public ::testing::TestWithParam<Suite> {};

TEST_P(EverySuite, SealMatchesTheRawAeadAndRoundTrips) {
    const Suite s = GetParam();
    const Keys k = traffic_keys(s, 1);
    auto w = make(s, k), r = make(s, k);
    std::mt19937 rng(static_cast<unsigned>(s.alg));
    const ContentType types[] = {ContentType::application_data, ContentType::handshake,
                                 ContentType::alert};
    std::vector<size_t> sizes = {0,  1,   2,   15,   16,   17,    63,   64,
                                 65, 255, 256, 1000, 4095, 16383, 16384};
    uint64_t seq = 0;
    for (size_t n : sizes) {
        for (size_t pad : {size_t{0}, size_t{1}, size_t{7}, size_t{300}}) {
            if (n + 1 + pad > kMaxTls13InnerPlaintext) continue;
            ContentType t = types[seq % 3];
            if (t == ContentType::alert) t = n == 2 ? t : ContentType::application_data;
            if (t == ContentType::handshake && n == 0) t = ContentType::application_data;
            Bytes content = random_bytes(rng, n);
            ASSERT_EQ(w.sequence(), seq);
            Bytes rec = seal(w, t, content, pad);
            EXPECT_EQ(rec, reference_record(s, k, seq, t, content, pad, w.tag_size()))
                << n << " " << pad;
            Opened o = open(r, rec);
            ASSERT_TRUE(o.result.ok()) << o.result.error().to_string();
            EXPECT_EQ(o.type, t);
            EXPECT_EQ(o.content, content);
            seq++;
            EXPECT_EQ(r.sequence(), seq);
        }
    }
}

TEST_P(EverySuite, SameContentDiffersPerSequenceNumber) {
    const Suite s = GetParam();
    auto w = make(s, traffic_keys(s, 2));
    Bytes content(100, 0x41);
    Bytes a = seal(w, ContentType::application_data, content);
    Bytes b = seal(w, ContentType::application_data, content);
    EXPECT_NE(a, b);
}

TEST_P(EverySuite, TamperingIsBadRecordMacAndDoesNotAdvance) {
    const Suite s = GetParam();
    const Keys k = traffic_keys(s, 3);
    auto w = make(s, k), r = make(s, k);
    Bytes content(50, 0x5a);
    Bytes good = seal(w, ContentType::application_data, content);
    for (size_t i = 3; i < good.size(); i++) {
        if (i == 3 || i == 4) continue;  // length bytes: the reader would re-frame
        Bytes bad = good;
        bad[i] ^= 0x01;
        EXPECT_EQ(alert_from(open(r, bad)), Alert::bad_record_mac) << i;
        EXPECT_EQ(r.sequence(), 0u);
    }
    // Wrong key, wrong sequence number.
    auto other = make(s, traffic_keys(s, 4));
    Bytes copy = good;
    EXPECT_EQ(alert_from(open(other, copy)), Alert::bad_record_mac);
    r.set_sequence_for_testing(1);
    copy = good;
    EXPECT_EQ(alert_from(open(r, copy)), Alert::bad_record_mac);
    r.set_sequence_for_testing(0);
    copy = good;
    Opened o = open(r, copy);
    ASSERT_TRUE(o.result.ok());
    EXPECT_EQ(o.content, content);
}

TEST_P(EverySuite, ShortRecordsAreBadRecordMac) {
    const Suite s = GetParam();
    auto r = make(s, traffic_keys(s, 5));
    for (size_t n = 0; n < r.tag_size(); n++) {
        Bytes rec = {23, 3, 3, 0, static_cast<uint8_t>(n)};
        rec.resize(5 + n, 0);
        EXPECT_EQ(alert_from(open(r, rec)), Alert::bad_record_mac) << n;
    }
}

TEST_P(EverySuite, MalformedInnerPlaintext) {
    const Suite s = GetParam();
    const Keys k = traffic_keys(s, 6);
    auto r = make(s, k);
    struct Case {
        Bytes inner;
        Alert alert;
    };
    const std::vector<Case> cases = {
        {{}, Alert::unexpected_message},                   // no content type at all
        {{0, 0, 0, 0}, Alert::unexpected_message},         // all zeros
        {{1, 2, 3, 24, 0, 0}, Alert::unexpected_message},  // heartbeat: unknown type
        {{1, 2, 3, 0x7f}, Alert::unexpected_message},      // unknown type
        {{1, 20}, Alert::unexpected_message},              // protected change_cipher_spec
        {{22}, Alert::unexpected_message},                 // empty handshake
        {{22, 0, 0, 0}, Alert::unexpected_message},        // empty handshake, padded
        {{21, 0}, Alert::unexpected_message},              // empty alert
        {{1, 21}, Alert::decode_error},                    // one-byte alert
        {{1, 0, 1, 21, 0}, Alert::decode_error},           // three-byte alert
    };
    for (const auto& c : cases) {
        Bytes rec = raw_inner_record(s, k, r.sequence(), c.inner);
        EXPECT_EQ(alert_from(open(r, rec)), c.alert) << test::hex(c.inner);
    }
    // Empty application data with padding is fine (§5.1, §5.4).
    Bytes ok = raw_inner_record(s, k, r.sequence(), Bytes{23, 0, 0});
    Opened o = open(r, ok);
    ASSERT_TRUE(o.result.ok());
    EXPECT_EQ(o.type, ContentType::application_data);
    EXPECT_TRUE(o.content.empty());
}

TEST_P(EverySuite, InnerPlaintextOverLimitIsRecordOverflow) {
    const Suite s = GetParam();
    const Keys k = traffic_keys(s, 7);
    auto r = make(s, k);
    // 2^14 + 1 bytes of inner plaintext is the most; one more overflows, even if it is
    // padding (§5.4: the limit covers the full TLSInnerPlaintext).
    Bytes inner(kMaxTls13InnerPlaintext, 0x33);
    inner.back() = 23;
    Bytes rec = raw_inner_record(s, k, r.sequence(), inner);
    ASSERT_TRUE(open(r, rec).result.ok());
    inner.push_back(0);
    rec = raw_inner_record(s, k, r.sequence(), inner);
    EXPECT_EQ(alert_from(open(r, rec)), Alert::record_overflow);
    // A record_size_limit we advertised (RFC 8449): 100 bytes of inner plaintext.
    auto r2 = make(s, k);
    Bytes small(100, 0x44);
    small.back() = 23;
    rec = raw_inner_record(s, k, 0, small);
    ASSERT_TRUE(open(r2, rec, 100).result.ok());
    small.push_back(0);
    rec = raw_inner_record(s, k, 1, small);
    EXPECT_EQ(alert_from(open(r2, rec, 100)), Alert::record_overflow);
}

INSTANTIATE_TEST_SUITE_P(Tls13, EverySuite, ::testing::ValuesIn(kSuites), [](const auto& info) {
    std::string n = crypto::aead_name(info.param.alg);
    for (auto& c : n) {
        if (c == '-') c = '_';
    }
    return n;
});

const Suite kGcm = kSuites[0];
const Suite kChacha = kSuites[2];

TEST(Tls13RecordProtection, OuterTypeMustBeApplicationData) {
    const Keys k = traffic_keys(kGcm, 8);
    auto w = make(kGcm, k), r = make(kGcm, k);
    Bytes rec = seal(w, ContentType::handshake, Bytes{1, 2, 3});
    rec[0] = 22;
    Record view{ContentType::handshake, 0x0303, ByteView(rec).first(5),
                MutableByteView(rec).subspan(5)};
    auto got = r.open(view);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(alert_of(got.error()), Alert::unexpected_message);
}

TEST(Tls13RecordProtection, SealRefusesWhatMayNotBeSent) {
    auto w = make(kGcm, traffic_keys(kGcm, 9));
    const auto refuses = [&](ContentType t, size_t n, size_t pad, size_t buf) {
        Bytes rec(buf);
        auto r = w.seal(t, n, pad, rec);
        EXPECT_FALSE(r.ok());
        return !r.ok() && alert_of(r.error()) == Alert::internal_error;
    };
    EXPECT_TRUE(refuses(ContentType::handshake, 0, 0, w.sealed_size(0, 0)));
    EXPECT_TRUE(refuses(ContentType::handshake, 0, 5, w.sealed_size(0, 5)));
    EXPECT_TRUE(refuses(ContentType::alert, 0, 0, w.sealed_size(0, 0)));
    EXPECT_TRUE(refuses(ContentType::invalid, 4, 0, w.sealed_size(4, 0)));
    EXPECT_TRUE(refuses(static_cast<ContentType>(24), 4, 0, w.sealed_size(4, 0)));
    EXPECT_TRUE(refuses(ContentType::application_data, 16385, 0, w.sealed_size(16385, 0)));
    EXPECT_TRUE(refuses(ContentType::application_data, 16384, 1, w.sealed_size(16384, 1)));
    EXPECT_TRUE(refuses(ContentType::application_data, 10, 16375, w.sealed_size(10, 16375)));
    EXPECT_TRUE(refuses(ContentType::application_data, 10, ~size_t{0} - 5, 100));
    EXPECT_TRUE(refuses(ContentType::application_data, 10, 0, w.sealed_size(10, 0) - 1));
    EXPECT_TRUE(refuses(ContentType::application_data, 10, 0, w.sealed_size(10, 0) + 1));
    EXPECT_EQ(w.sequence(), 0u);
    Bytes ok(w.sealed_size(10, 16374));
    EXPECT_TRUE(w.seal(ContentType::application_data, 10, 16374, ok).ok());
}

TEST(Tls13RecordProtection, SequenceNumberNeverWraps) {
    for (const Suite& s : {kGcm, kChacha}) {
        const Keys k = traffic_keys(s, 10);
        auto w = make(s, k), r = make(s, k);
        const uint64_t last = Tls13RecordProtection::kMaxRecords - 1;
        w.set_sequence_for_testing(last);
        r.set_sequence_for_testing(last);
        EXPECT_EQ(w.records_left(), 1u);
        Bytes rec = seal(w, ContentType::application_data, Bytes{9, 9});
        EXPECT_EQ(rec, reference_record(s, k, last, ContentType::application_data, Bytes{9, 9}, 0,
                                        w.tag_size()));
        EXPECT_EQ(w.records_left(), 0u);
        Bytes more(w.sealed_size(2, 0));
        auto refused = w.seal(ContentType::application_data, 2, 0, more);
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(alert_of(refused.error()), Alert::internal_error);
        ASSERT_TRUE(open(r, rec).result.ok());
        Bytes again = rec;
        EXPECT_FALSE(open(r, again).result.ok());
        EXPECT_EQ(r.records_left(), 0u);
    }
}

TEST(Tls13RecordProtection, AeadUsageLimits) {
    auto gcm = make(kGcm, traffic_keys(kGcm, 11));
    EXPECT_EQ(gcm.records_until_key_update(), Tls13RecordProtection::kAesRecordLimit);
    EXPECT_FALSE(gcm.key_update_due());
    gcm.set_sequence_for_testing(Tls13RecordProtection::kAesRecordLimit - 1);
    EXPECT_EQ(gcm.records_until_key_update(), 1u);
    EXPECT_FALSE(gcm.key_update_due());
    Bytes rec = seal(gcm, ContentType::application_data, Bytes{1});
    EXPECT_TRUE(gcm.key_update_due());
    EXPECT_EQ(gcm.records_until_key_update(), 0u);
    // 2^24.5 rounded down.
    EXPECT_LE(static_cast<double>(Tls13RecordProtection::kAesRecordLimit), std::pow(2.0, 24.5));
    EXPECT_GT(static_cast<double>(Tls13RecordProtection::kAesRecordLimit + 1), std::pow(2.0, 24.5));
    auto cc = make(kChacha, traffic_keys(kChacha, 11));
    cc.set_sequence_for_testing(uint64_t{1} << 40);
    EXPECT_FALSE(cc.key_update_due());
    for (const Suite& s : kSuites) {
        auto p = make(s, traffic_keys(s, 12));
        p.set_sequence_for_testing(Tls13RecordProtection::kAesRecordLimit);
        EXPECT_EQ(p.key_update_due(), s.alg != AeadAlg::chacha20_poly1305);
    }
}

TEST(Tls13RecordProtection, KeyChangeStartsAtSequenceZero) {
    const Suite s = kGcm;
    const Keys hs = traffic_keys(s, 13), app = traffic_keys(s, 14);
    auto w = make(s, hs);
    seal(w, ContentType::handshake, Bytes{20, 0, 0, 1, 7});
    seal(w, ContentType::handshake, Bytes{20, 0, 0, 1, 8});
    EXPECT_EQ(w.sequence(), 2u);
    w = make(s, app);
    EXPECT_EQ(w.sequence(), 0u);
    Bytes rec = seal(w, ContentType::application_data, Bytes{1, 2, 3});
    EXPECT_EQ(rec, reference_record(s, app, 0, ContentType::application_data, Bytes{1, 2, 3}, 0,
                                    w.tag_size()));
}

TEST(Tls13RecordProtection, CreateRejectsWhatTls13DoesNotUse) {
    const Bytes k16(16), k32(32), iv(12);
    for (AeadAlg a : {AeadAlg::xchacha20_poly1305, AeadAlg::aes256_ccm, AeadAlg::aes256_ccm8}) {
        auto p = Tls13RecordProtection::create(a, k32, iv);
        ASSERT_FALSE(p.ok());
        EXPECT_EQ(alert_of(p.error()), Alert::internal_error);
    }
    EXPECT_FALSE(Tls13RecordProtection::create(AeadAlg::aes128_gcm, k16, Bytes(11)).ok());
    EXPECT_FALSE(Tls13RecordProtection::create(AeadAlg::aes128_gcm, k16, Bytes(13)).ok());
    EXPECT_FALSE(Tls13RecordProtection::create(AeadAlg::aes128_gcm, k32, iv).ok());
    EXPECT_FALSE(Tls13RecordProtection::create(AeadAlg::chacha20_poly1305, k16, iv).ok());
    EXPECT_TRUE(Tls13RecordProtection::create(AeadAlg::aes128_gcm, k16, iv).ok());
}

}  // namespace
}  // namespace keel::tls
