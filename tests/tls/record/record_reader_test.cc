#include "tls/record/record_reader.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "tls/alert.h"

namespace keel::tls {
namespace {

struct Rec {
    uint8_t type;
    uint16_t version;
    Bytes body;
};

Bytes frame(const Rec& r) {
    Bytes out(5 + r.body.size());
    out[0] = r.type;
    out[1] = static_cast<uint8_t>(r.version >> 8);
    out[2] = static_cast<uint8_t>(r.version);
    out[3] = static_cast<uint8_t>(r.body.size() >> 8);
    out[4] = static_cast<uint8_t>(r.body.size());
    std::copy(r.body.begin(), r.body.end(), out.begin() + 5);
    return out;
}

Bytes frame_all(const std::vector<Rec>& recs) {
    Bytes out;
    for (const auto& r : recs) {
        Bytes f = frame(r);
        out.insert(out.end(), f.begin(), f.end());
    }
    return out;
}

Bytes pattern(size_t n, uint8_t seed) {
    Bytes b(n);
    for (size_t i = 0; i < n; i++) b[i] = static_cast<uint8_t>(seed + i * 7);
    return b;
}

// A plaintext stream: handshake fragments of many sizes, an alert, a CCS.
std::vector<Rec> sample_records() {
    std::vector<Rec> recs;
    for (size_t n : {1, 2, 4, 5, 6, 100, 255, 256, 257, 1000, 4096, 16383, 16384}) {
        recs.push_back({22, 0x0303, pattern(n, static_cast<uint8_t>(n))});
    }
    recs.push_back({21, 0x0303, {1, 0}});
    recs.push_back({20, 0x0303, {1}});
    recs.push_back({22, 0x0303, pattern(3, 9)});
    return recs;
}

// Feeds `stream` in chunks of `chunk` bytes, taking every record as it completes.
std::vector<Rec> read_all(RecordReader& reader, ByteView stream, size_t chunk) {
    std::vector<Rec> got;
    while (true) {
        auto rec = reader.next();
        EXPECT_TRUE(rec.ok()) << rec.error().to_string();
        if (!rec.ok()) return got;
        if (*rec) {
            const Record& r = **rec;
            EXPECT_EQ(r.header.size(), kRecordHeaderSize);
            EXPECT_EQ(r.header[0], static_cast<uint8_t>(r.type));
            got.push_back({static_cast<uint8_t>(r.type), r.version,
                           Bytes(r.fragment.begin(), r.fragment.end())});
            continue;
        }
        if (stream.empty()) return got;
        size_t n = reader.feed(stream.first(std::min(chunk, stream.size())));
        EXPECT_GT(n, 0u);
        EXPECT_LE(reader.buffered(), reader.capacity());
        stream = stream.subspan(n);
    }
}

void expect_same(const std::vector<Rec>& got, const std::vector<Rec>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < want.size(); i++) {
        EXPECT_EQ(got[i].type, want[i].type) << i;
        EXPECT_EQ(got[i].version, want[i].version) << i;
        EXPECT_EQ(got[i].body, want[i].body) << i;
    }
}

TEST(RecordReader, ReassemblesAtEveryChunkSize) {
    const auto want = sample_records();
    const Bytes stream = frame_all(want);
    std::vector<size_t> chunks;
    for (size_t c = 1; c <= 600; c++) chunks.push_back(c);
    for (size_t c : {1023, 4096, 16389, 16645, 20000, 65536}) chunks.push_back(c);
    chunks.push_back(stream.size());
    for (size_t c : chunks) {
        RecordReader reader;
        expect_same(read_all(reader, stream, c), want);
        EXPECT_EQ(reader.buffered(), 0u) << c;
    }
}

TEST(RecordReader, RandomSplitsAndZeroCopyFeeding) {
    const auto want = sample_records();
    const Bytes stream = frame_all(want);
    std::mt19937 rng(7);
    for (int round = 0; round < 50; round++) {
        RecordReader reader;
        std::vector<Rec> got;
        size_t pos = 0;
        while (true) {
            auto rec = reader.next();
            ASSERT_TRUE(rec.ok());
            if (*rec) {
                got.push_back({static_cast<uint8_t>((*rec)->type), (*rec)->version,
                               Bytes((*rec)->fragment.begin(), (*rec)->fragment.end())});
                continue;
            }
            if (pos == stream.size()) break;
            MutableByteView space = reader.space();
            size_t n = std::min<size_t>({space.size(), stream.size() - pos, rng() % 3000 + 1});
            std::copy_n(stream.begin() + pos, n, space.begin());
            reader.commit(n);
            pos += n;
        }
        expect_same(got, want);
    }
}

TEST(RecordReader, BufferIsCappedAndFeedTakesWhatFits) {
    std::vector<Rec> recs;
    for (int i = 0; i < 8; i++)
        recs.push_back({22, 0x0303, pattern(16384, static_cast<uint8_t>(i))});
    const Bytes stream = frame_all(recs);
    RecordReader reader;
    size_t took = reader.feed(stream);
    EXPECT_EQ(took, reader.capacity());
    EXPECT_LT(took, stream.size());
    EXPECT_EQ(reader.feed(ByteView(stream).subspan(took)), 0u);  // full until drained
    RecordReader again;
    expect_same(read_all(again, stream, stream.size()), recs);
}

TEST(RecordReader, OneByteAtATimeNeedsEveryByte) {
    const Bytes stream = frame({22, 0x0303, pattern(300, 1)});
    RecordReader reader;
    for (size_t i = 0; i + 1 < stream.size(); i++) {
        ASSERT_EQ(reader.feed(ByteView(&stream[i], 1)), 1u);
        auto rec = reader.next();
        ASSERT_TRUE(rec.ok());
        EXPECT_FALSE(rec->has_value()) << i;
    }
    ASSERT_EQ(reader.feed(ByteView(&stream.back(), 1)), 1u);
    auto rec = reader.next();
    ASSERT_TRUE(rec.ok() && rec->has_value());
    EXPECT_EQ((*rec)->fragment.size(), 300u);
}

// The alert a stream earns; the header alone must be enough for header errors.
Alert alert_for(const Bytes& stream, bool prot = false,
                RecordVersionRule rule = RecordVersionRule::exact_0303) {
    RecordReader reader;
    reader.set_protected(prot);
    reader.set_version_rule(rule);
    reader.feed(stream);
    auto rec = reader.next();
    EXPECT_FALSE(rec.ok());
    if (rec.ok()) return Alert::close_notify;
    EXPECT_EQ(rec.error().code(), Errc::tls_alert);
    // The failure is sticky.
    auto again = reader.next();
    EXPECT_FALSE(again.ok());
    return alert_of(rec.error());
}

bool accepts(const Bytes& stream, bool prot = false,
             RecordVersionRule rule = RecordVersionRule::exact_0303) {
    RecordReader reader;
    reader.set_protected(prot);
    reader.set_version_rule(rule);
    reader.feed(stream);
    auto rec = reader.next();
    return rec.ok() && rec->has_value();
}

Bytes header_only(uint8_t type, uint16_t version, size_t len) {
    return {type, static_cast<uint8_t>(version >> 8), static_cast<uint8_t>(version),
            static_cast<uint8_t>(len >> 8), static_cast<uint8_t>(len)};
}

TEST(RecordReader, UnknownContentTypeIsUnexpectedMessage) {
    for (int t : {0, 1, 19, 24, 25, 0x80, 0xff}) {
        EXPECT_EQ(alert_for(frame({static_cast<uint8_t>(t), 0x0303, {1, 2}})),
                  Alert::unexpected_message)
            << t;
        EXPECT_EQ(alert_for(header_only(static_cast<uint8_t>(t), 0x0303, 10), true),
                  Alert::unexpected_message)
            << t;
    }
}

TEST(RecordReader, PlaintextLengthLimitIs2To14) {
    EXPECT_TRUE(accepts(frame({22, 0x0303, pattern(16384, 0)})));
    EXPECT_EQ(alert_for(header_only(22, 0x0303, 16385)), Alert::record_overflow);
    EXPECT_EQ(alert_for(header_only(21, 0x0303, 0xffff)), Alert::record_overflow);
    // Plaintext CCS stays under the plaintext limit even once protected.
    EXPECT_EQ(alert_for(header_only(20, 0x0303, 16385), true), Alert::record_overflow);
}

TEST(RecordReader, CiphertextLengthLimitIs2To14Plus256) {
    EXPECT_TRUE(accepts(frame({23, 0x0303, pattern(16384 + 256, 0)}), true));
    EXPECT_EQ(alert_for(header_only(23, 0x0303, 16384 + 257), true), Alert::record_overflow);
    EXPECT_EQ(alert_for(header_only(22, 0x0303, 16384 + 257), true), Alert::record_overflow);
    // application_data is protected even before read keys (skipped 0-RTT records).
    EXPECT_TRUE(accepts(frame({23, 0x0303, pattern(16384 + 256, 0)}), false));
    EXPECT_EQ(alert_for(header_only(23, 0x0303, 16384 + 257), false), Alert::record_overflow);
}

TEST(RecordReader, EmptyOrMalformedPlaintextContent) {
    EXPECT_EQ(alert_for(frame({22, 0x0303, {}})), Alert::unexpected_message);
    EXPECT_EQ(alert_for(frame({21, 0x0303, {}})), Alert::unexpected_message);
    EXPECT_EQ(alert_for(frame({21, 0x0303, {2}})), Alert::decode_error);
    EXPECT_EQ(alert_for(frame({21, 0x0303, {2, 10, 1}})), Alert::decode_error);
    EXPECT_EQ(alert_for(frame({21, 0x0303, {1, 0, 1, 0}})), Alert::decode_error);
    EXPECT_EQ(alert_for(frame({20, 0x0303, {}})), Alert::unexpected_message);
    EXPECT_EQ(alert_for(frame({20, 0x0303, {2}})), Alert::unexpected_message);
    EXPECT_EQ(alert_for(frame({20, 0x0303, {1, 1}})), Alert::unexpected_message);
    EXPECT_EQ(alert_for(frame({20, 0x0303, {0}}), true), Alert::unexpected_message);
    // Empty application data is allowed (and protected records are opened later).
    EXPECT_TRUE(accepts(frame({23, 0x0303, {}})));
    EXPECT_TRUE(accepts(frame({22, 0x0303, {}}), true));  // open() rejects it
}

TEST(RecordReader, LegacyRecordVersion) {
    const auto hs = [](uint16_t v) { return frame({22, v, {1, 0, 0, 0}}); };
    EXPECT_TRUE(accepts(hs(0x0303)));
    EXPECT_TRUE(accepts(hs(0x0303), false, RecordVersionRule::first_client_hello));
    EXPECT_TRUE(accepts(hs(0x0301), false, RecordVersionRule::first_client_hello));
    EXPECT_EQ(alert_for(hs(0x0301)), Alert::protocol_version);
    for (uint16_t v : {0x0300, 0x0302, 0x0304, 0x0203, 0x0103, 0x7f1c, 0xfefd, 0x0000}) {
        EXPECT_EQ(alert_for(hs(v)), Alert::protocol_version) << v;
        EXPECT_EQ(alert_for(hs(v), false, RecordVersionRule::first_client_hello),
                  Alert::protocol_version)
            << v;
    }
    // Checked on the header alone, before the body arrives.
    EXPECT_EQ(alert_for(header_only(22, 0x0302, 100)), Alert::protocol_version);
}

TEST(RecordReader, RuleChangeAppliesToRecordsNotYetTaken) {
    Bytes stream = frame({22, 0x0301, {1, 0, 0, 0}});
    Bytes second = frame({22, 0x0301, {2, 0, 0, 0}});
    stream.insert(stream.end(), second.begin(), second.end());
    RecordReader reader;
    reader.set_version_rule(RecordVersionRule::first_client_hello);
    reader.feed(stream);
    auto first = reader.next();
    ASSERT_TRUE(first.ok() && first->has_value());
    reader.set_version_rule(RecordVersionRule::exact_0303);
    auto next = reader.next();
    ASSERT_FALSE(next.ok());
    EXPECT_EQ(alert_of(next.error()), Alert::protocol_version);
}

TEST(RecordReader, SmallCapacityIsRaisedToOneLargestRecord) {
    RecordReader reader(10);
    EXPECT_GE(reader.capacity(), kMaxTls13Record);
    const Bytes big = frame({23, 0x0303, pattern(16384 + 256, 3)});
    EXPECT_EQ(reader.feed(big), big.size());
    auto rec = reader.next();
    ASSERT_TRUE(rec.ok() && rec->has_value());
}

TEST(RecordReader, LargerExpansionGrowsTheBuffer) {
    RecordReader reader;
    reader.feed(header_only(22, 0x0303, 4));
    reader.set_protected(true, kMaxTls12Expansion);
    EXPECT_GE(reader.capacity(), kRecordHeaderSize + kMaxPlaintext + kMaxTls12Expansion);
    EXPECT_EQ(reader.buffered(), 5u);
    const Bytes body = pattern(4, 1);
    reader.feed(body);
    auto first = reader.next();
    ASSERT_TRUE(first.ok() && first->has_value());
    EXPECT_EQ(Bytes((*first)->fragment.begin(), (*first)->fragment.end()), body);
    const Bytes big = frame({23, 0x0303, pattern(16384 + 2048, 2)});
    EXPECT_EQ(reader.feed(big), big.size());
    auto rec = reader.next();
    ASSERT_TRUE(rec.ok() && rec->has_value());
    EXPECT_EQ((*rec)->fragment.size(), 16384u + 2048u);
    reader.feed(header_only(23, 0x0303, 16384 + 2049));
    auto over = reader.next();
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(alert_of(over.error()), Alert::record_overflow);
}

}  // namespace
}  // namespace keel::tls
