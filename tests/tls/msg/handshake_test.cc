// HandshakeReader (reassembly, size limit, raw bytes) and the framing helpers.
#include "tls/msg/handshake.h"

#include <gtest/gtest.h>

#include "tests/vectors/json.h"
#include "tls/alert.h"
#include "tls/msg/messages.h"

namespace keel::tls {
namespace {

using keel::test::unhex;

Bytes msg(uint8_t type, size_t body_len, uint8_t fill = 0xaa) {
    Writer w;
    w.u8(type);
    w.u24(static_cast<uint32_t>(body_len));
    w.bytes(Bytes(body_len, fill));
    Bytes m = w.take();
    return m;
}

Alert alert(const Error& e) {
    return alert_of(e);
}

TEST(HandshakeReader, SeveralMessagesInOneRecord) {
    Bytes a = msg(20, 32, 1), b = msg(24, 1, 0), c = msg(5, 0);
    Bytes rec = a;
    rec.insert(rec.end(), b.begin(), b.end());
    rec.insert(rec.end(), c.begin(), c.end());
    HandshakeReader hr;
    ASSERT_TRUE(hr.feed(rec).ok());
    auto m1 = hr.next(), m2 = hr.next(), m3 = hr.next();
    ASSERT_TRUE(m1 && m2 && m3);
    EXPECT_EQ(m1->type, HandshakeType::finished);
    EXPECT_EQ(m1->raw, a);
    EXPECT_EQ(m1->body().size(), 32u);
    EXPECT_EQ(m2->type, HandshakeType::key_update);
    EXPECT_EQ(m2->raw, b);
    EXPECT_EQ(m3->type, HandshakeType::end_of_early_data);
    EXPECT_TRUE(m3->body().empty());
    EXPECT_FALSE(hr.next().has_value());
    EXPECT_FALSE(hr.has_partial());
}

TEST(HandshakeReader, MessageSpanningRecordsWaitsForTheLastByte) {
    Bytes m = msg(11, 40000);  // bigger than one record (2^14)
    HandshakeReader hr;
    for (size_t at = 0; at < m.size(); at += 16384) {
        EXPECT_FALSE(hr.next().has_value());
        ASSERT_TRUE(hr.feed(ByteView(m).subspan(at, std::min<size_t>(16384, m.size() - at))).ok());
        if (at + 16384 < m.size()) {
            EXPECT_TRUE(hr.has_partial());
        }
    }
    auto got = hr.next();
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->raw, m);
    EXPECT_FALSE(hr.has_partial());
}

TEST(HandshakeReader, HeaderSplitAcrossRecords) {
    Bytes m = msg(15, 10);
    HandshakeReader hr;
    ASSERT_TRUE(hr.feed(ByteView(m).first(1)).ok());
    EXPECT_TRUE(hr.has_partial());
    EXPECT_FALSE(hr.next().has_value());
    ASSERT_TRUE(hr.feed(ByteView(m).subspan(1, 2)).ok());
    EXPECT_FALSE(hr.next().has_value());
    ASSERT_TRUE(hr.feed(ByteView(m).subspan(3)).ok());
    auto got = hr.next();
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->raw, m);
}

TEST(HandshakeReader, RejectsZeroLengthFragment) {
    HandshakeReader hr;
    auto r = hr.feed({});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(alert(r.error()), Alert::unexpected_message);
}

TEST(HandshakeReader, OversizedMessageRejectedFromItsHeader) {
    HandshakeReader hr(1000);
    // Exactly the limit is fine.
    Bytes ok_msg = msg(11, 1000);
    ASSERT_TRUE(hr.feed(ok_msg).ok());
    ASSERT_TRUE(hr.next().has_value());
    // One more byte is refused as soon as the 4-byte header arrives.
    HandshakeReader hr2(1000);
    Bytes big = msg(11, 1001);
    auto r = hr2.feed(ByteView(big).first(4));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(alert(r.error()), Alert::handshake_failure);
}

TEST(HandshakeReader, OversizedSecondMessageInTheSameRecord) {
    HandshakeReader hr(100);
    Bytes rec = msg(20, 32);
    Bytes big = msg(11, 0xffffff);
    rec.insert(rec.end(), big.begin(), big.begin() + 6);
    auto r = hr.feed(rec);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(alert(r.error()), Alert::handshake_failure);
}

TEST(HandshakeReader, DefaultLimitIsErlangs256KiB) {
    HandshakeReader hr;
    EXPECT_TRUE(hr.feed(ByteView(msg(11, 256 * 1024)).first(4)).ok());
    HandshakeReader hr2;
    EXPECT_FALSE(hr2.feed(ByteView(msg(11, 256 * 1024 + 1)).first(4)).ok());
}

TEST(HandshakeFraming, WriteHandshakeAddsTheHeader) {
    Writer w;
    const uint8_t body[] = {1, 2, 3};
    write_handshake(w, HandshakeType::certificate_verify, body);
    EXPECT_EQ(Bytes(w.view().begin(), w.view().end()), unhex("0f000003010203"));
}

TEST(HandshakeFraming, MessageHashHeaderAndBody) {
    // RFC 8446 §4.4.1: handshake type 254, 00 00, Hash.length, then the hash.
    Bytes h(48, 0x5c);
    Bytes m = message_hash(h);
    ASSERT_EQ(m.size(), 52u);
    EXPECT_EQ(m[0], 254);
    EXPECT_EQ(m[1], 0);
    EXPECT_EQ(m[2], 0);
    EXPECT_EQ(m[3], 48);
    EXPECT_TRUE(std::equal(h.begin(), h.end(), m.begin() + 4));
}

TEST(HandshakeFraming, EncodeRejectsOverlongField) {
    // A 300-byte session id cannot fit its 1-byte length prefix.
    ClientHello ch{.legacy_session_id = Bytes(300, 1), .cipher_suites = {0x1301}};
    auto r = encode_message(ch);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(alert(r.error()), Alert::internal_error);
}

}  // namespace
}  // namespace keel::tls
