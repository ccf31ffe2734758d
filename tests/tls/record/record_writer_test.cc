#include "tls/record/record_writer.h"

#include <gtest/gtest.h>

#include <random>

#include "tls/alert.h"
#include "tls/record/record_reader.h"

namespace keel::tls {
namespace {

using crypto::AeadAlg;

RecordProtection prot(AeadAlg alg, uint8_t seed) {
    Bytes key(crypto::aead_key_size(alg), seed), iv(12, static_cast<uint8_t>(seed + 1));
    auto p = RecordProtection::tls13(alg, key, iv);
    EXPECT_TRUE(p.ok());
    return std::move(*p);
}

Bytes pattern(size_t n) {
    Bytes b(n);
    for (size_t i = 0; i < n; i++) b[i] = static_cast<uint8_t>(i * 13 + 5);
    return b;
}

struct Seen {
    ContentType type;
    uint16_t version;
    size_t wire_len;  // TLSPlaintext/TLSCiphertext.length
    Bytes content;
};

// Reads `stream` back: plaintext records as they are, protected ones opened with `read`.
std::vector<Seen> read_back(ByteView stream, RecordProtection* read, size_t chunk,
                            size_t limit = kMaxTls13InnerPlaintext) {
    RecordReader reader;
    reader.set_protected(read != nullptr);
    std::vector<Seen> out;
    while (true) {
        auto rec = reader.next();
        EXPECT_TRUE(rec.ok()) << rec.error().to_string();
        if (!rec.ok()) return out;
        if (!*rec) {
            if (stream.empty()) return out;
            size_t n = reader.feed(stream.first(std::min(chunk, stream.size())));
            stream = stream.subspan(n);
            continue;
        }
        const Record& r = **rec;
        if (read && r.type != ContentType::change_cipher_spec) {
            auto pt = read->open(r, limit);
            EXPECT_TRUE(pt.ok()) << pt.error().to_string();
            if (!pt.ok()) return out;
            out.push_back({pt->type, r.version, r.fragment.size(),
                           Bytes(pt->content.begin(), pt->content.end())});
        } else {
            out.push_back({r.type, r.version, r.fragment.size(),
                           Bytes(r.fragment.begin(), r.fragment.end())});
        }
    }
}

Bytes joined(const std::vector<Seen>& seen) {
    Bytes all;
    for (const auto& s : seen) all.insert(all.end(), s.content.begin(), s.content.end());
    return all;
}

TEST(RecordWriter, PlaintextHandshakeIsFragmentedAt2To14) {
    RecordWriter w;
    const Bytes msg = pattern(40000);
    Bytes out;
    ASSERT_TRUE(w.write(ContentType::handshake, msg, out).ok());
    EXPECT_EQ(out.size(), w.output_size(ContentType::handshake, msg.size()));
    auto seen = read_back(out, nullptr, out.size());
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0].wire_len, 16384u);
    EXPECT_EQ(seen[1].wire_len, 16384u);
    EXPECT_EQ(seen[2].wire_len, 40000u - 32768u);
    for (const auto& s : seen) {
        EXPECT_EQ(s.type, ContentType::handshake);
        EXPECT_EQ(s.version, 0x0303);
    }
    EXPECT_EQ(joined(seen), msg);
}

TEST(RecordWriter, InitialClientHelloMayUseVersion0301) {
    RecordWriter w;
    w.set_plaintext_version(kRecordVersionTls10);
    Bytes out;
    ASSERT_TRUE(w.write(ContentType::handshake, pattern(10), out).ok());
    EXPECT_EQ(out[1], 3);
    EXPECT_EQ(out[2], 1);
}

TEST(RecordWriter, ProtectedStreamRoundTripsAtEverySizeAndChunk) {
    for (AeadAlg alg : {AeadAlg::aes128_gcm, AeadAlg::chacha20_poly1305, AeadAlg::aes128_ccm8}) {
        RecordWriter w;
        w.set_protection(prot(alg, 1));
        RecordProtection r = prot(alg, 1);
        Bytes stream, want;
        for (size_t n : {1, 2, 100, 16383, 16384, 16385, 40000}) {
            Bytes data = pattern(n);
            ASSERT_TRUE(w.write(ContentType::application_data, data, stream).ok());
            want.insert(want.end(), data.begin(), data.end());
        }
        for (size_t chunk : {size_t{1}, size_t{7}, size_t{1000}, size_t{16406}, stream.size()}) {
            RecordProtection rr = prot(alg, 1);
            auto seen = read_back(stream, &rr, chunk);
            EXPECT_EQ(joined(seen), want) << chunk;
            for (const auto& s : seen) {
                EXPECT_EQ(s.type, ContentType::application_data);
                EXPECT_LE(s.content.size(), kMaxPlaintext);
                EXPECT_EQ(s.version, 0x0303);
            }
        }
    }
}

TEST(RecordWriter, RecordSizeLimitCapsProtectedRecordsOnly) {
    for (size_t limit : {size_t{64}, size_t{65}, size_t{100}, size_t{1000}, size_t{16384},
                         size_t{16385}, size_t{20000}}) {
        RecordWriter w;
        ASSERT_TRUE(w.set_record_size_limit(limit).ok());
        Bytes hello;
        ASSERT_TRUE(w.write(ContentType::handshake, pattern(20000), hello).ok());
        auto plain = read_back(hello, nullptr, hello.size());
        EXPECT_EQ(plain[0].wire_len, 16384u);  // RFC 8449 §4: unprotected are not subject

        w.set_protection(prot(AeadAlg::aes256_gcm, 2));
        RecordProtection r = prot(AeadAlg::aes256_gcm, 2);
        const Bytes data = pattern(50000);
        Bytes out;
        ASSERT_TRUE(w.write(ContentType::application_data, data, out).ok());
        EXPECT_EQ(out.size(), w.output_size(ContentType::application_data, data.size()));
        const size_t inner_max = std::min(limit, kMaxTls13InnerPlaintext);
        auto seen = read_back(out, &r, 4096, inner_max);
        EXPECT_EQ(joined(seen), data);
        for (const auto& s : seen) EXPECT_LE(s.wire_len - 16, inner_max) << limit;
        EXPECT_EQ(seen[0].wire_len - 16, inner_max) << limit;
    }
}

TEST(RecordWriter, RecordSizeLimitBelow64IsIllegalParameter) {
    RecordWriter w;
    auto r = w.set_record_size_limit(63);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(alert_of(r.error()), Alert::illegal_parameter);
}

TEST(RecordWriter, PaddingFillsToTheBlockWithinTheLimit) {
    RecordWriter w;
    w.set_protection(prot(AeadAlg::aes128_gcm, 3));
    w.set_padding_block(256);
    RecordProtection r = prot(AeadAlg::aes128_gcm, 3);
    Bytes out, want;
    for (size_t n : {1, 255, 256, 300, 16384, 20000}) {
        Bytes d = pattern(n);
        ASSERT_TRUE(w.write(ContentType::application_data, d, out).ok());
        want.insert(want.end(), d.begin(), d.end());
    }
    auto seen = read_back(out, &r, out.size());
    EXPECT_EQ(joined(seen), want);
    for (const auto& s : seen) {
        const size_t inner = s.wire_len - 16;
        EXPECT_TRUE(inner % 256 == 0 || inner == kMaxTls13InnerPlaintext) << inner;
        EXPECT_GE(inner, s.content.size() + 1);
    }
}

TEST(RecordWriter, ChangeCipherSpecIsAlwaysPlaintext) {
    RecordWriter w;
    w.set_protection(prot(AeadAlg::aes128_gcm, 4));
    Bytes out;
    ASSERT_TRUE(w.write(ContentType::change_cipher_spec, Bytes{1}, out).ok());
    EXPECT_EQ(out, (Bytes{0x14, 3, 3, 0, 1, 1}));
    EXPECT_EQ(w.protection()->sequence(), 0u);
}

TEST(RecordWriter, KeyChangeRestartsTheSequence) {
    RecordWriter w;
    w.set_protection(prot(AeadAlg::aes128_gcm, 5));
    Bytes out;
    ASSERT_TRUE(w.write(ContentType::handshake, pattern(40000), out).ok());
    EXPECT_EQ(w.protection()->sequence(), 3u);
    w.set_protection(prot(AeadAlg::aes128_gcm, 6));
    EXPECT_EQ(w.protection()->sequence(), 0u);
}

TEST(RecordWriter, RefusesWhatMayNotBeSent) {
    RecordWriter w;
    Bytes out;
    const auto internal = [](const Result<void>& r) {
        return !r.ok() && alert_of(r.error()) == Alert::internal_error;
    };
    EXPECT_TRUE(internal(w.write(ContentType::application_data, pattern(5), out)));
    EXPECT_TRUE(internal(w.write(ContentType::handshake, Bytes{}, out)));
    EXPECT_TRUE(internal(w.write(ContentType::alert, Bytes{1}, out)));
    EXPECT_TRUE(internal(w.write(ContentType::alert, Bytes{1, 0, 0}, out)));
    EXPECT_TRUE(internal(w.write(ContentType::change_cipher_spec, Bytes{2}, out)));
    EXPECT_TRUE(internal(w.write(ContentType::invalid, Bytes{2}, out)));
    EXPECT_TRUE(out.empty());
    w.set_protection(prot(AeadAlg::aes128_gcm, 7));
    Bytes small(10);
    auto r = w.write(ContentType::application_data, pattern(5), MutableByteView(small));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(alert_of(r.error()), Alert::internal_error);
    EXPECT_TRUE(w.write(ContentType::application_data, Bytes{}, out).ok());
    EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace keel::tls
