// DER reader and writer: every strictness rule of X.690 §10 on its own, round trips, and
// real certificates from OpenSSL walked element by element and re-encoded.
#include <gtest/gtest.h>

#include <random>

#include "tests/vectors/json.h"
#include "x509/der/der.h"
#include "x509/der/pem.h"

namespace keel::x509::der {
namespace {

using test::hex;
// Hex with optional spaces between fields, for readability.
Bytes hx(std::string s) {
    std::erase(s, ' ');
    return test::unhex(s);
}

Errc first_error(Bytes der) {
    Reader r(der);
    auto e = r.any();
    return e ? Errc::closed : e.error().code();  // `closed` marks "no error" here
}

TEST(DerReader, ShortAndLongLengths) {
    for (size_t len : {0u, 1u, 127u, 128u, 255u, 256u, 65535u, 65536u, 70000u}) {
        Writer w;
        Bytes contents(len, 0xab);
        w.octet_string(contents);
        Bytes der = w.take();
        Reader r(der);
        auto v = r.octet_string();
        ASSERT_TRUE(v) << len << ": " << v.error().to_string();
        EXPECT_EQ(v->size(), len);
        EXPECT_TRUE(r.finish());
        // Minimal length octets: 1 under 128, then 1 + bytes needed.
        size_t expect_header = len < 128 ? 2 : len < 256 ? 3 : len < 65536 ? 4 : 5;
        EXPECT_EQ(der.size(), len + expect_header);
    }
}

TEST(DerReader, RejectsNonDerLengths) {
    EXPECT_EQ(first_error(hx("3080")), Errc::malformed);                   // indefinite
    EXPECT_EQ(first_error(hx("04810541424344 45")), Errc::malformed);      // long form < 128
    EXPECT_EQ(first_error(hx("0482008041")), Errc::malformed);             // leading zero octet
    EXPECT_EQ(first_error(hx("04850000000001ff")), Errc::malformed);       // 5 length octets
    EXPECT_EQ(first_error(hx("0403aabb")), Errc::malformed);               // overruns
    EXPECT_EQ(first_error(hx("04")), Errc::malformed);                     // truncated header
    EXPECT_EQ(first_error(hx("048201")), Errc::malformed);                 // truncated length
    EXPECT_EQ(first_error(hx("1f0100")), Errc::malformed);                 // high tag number
    EXPECT_EQ(first_error(hx("0400")), Errc::closed);                      // fine
}

TEST(DerReader, Booleans) {
    EXPECT_EQ(*Reader(hx("0101ff")).boolean(), true);
    EXPECT_EQ(*Reader(hx("010100")).boolean(), false);
    EXPECT_FALSE(Reader(hx("010101")).boolean());    // BER true
    EXPECT_FALSE(Reader(hx("0102ffff")).boolean());  // wrong length
    EXPECT_FALSE(Reader(hx("0100")).boolean());
    // DEFAULT FALSE: absent is false, explicit TRUE is true, explicit FALSE is not DER.
    EXPECT_EQ(*Reader(hx("0400")).boolean_default_false(), false);
    EXPECT_EQ(*Reader(hx("0101ff")).boolean_default_false(), true);
    EXPECT_FALSE(Reader(hx("010100")).boolean_default_false());
}

TEST(DerReader, Integers) {
    EXPECT_EQ(hex(*Reader(hx("020100")).integer()), "00");
    EXPECT_EQ(hex(*Reader(hx("0202 0080")).integer()), "0080");
    EXPECT_EQ(hex(*Reader(hx("0202 0080")).unsigned_integer()), "80");
    EXPECT_EQ(hex(*Reader(hx("020100")).unsigned_integer()), "00");
    EXPECT_EQ(*Reader(hx("02020100")).small_unsigned(), 256);
    EXPECT_FALSE(Reader(hx("0200")).integer());            // empty
    EXPECT_FALSE(Reader(hx("0202007f")).integer());        // non-minimal positive
    EXPECT_FALSE(Reader(hx("0202ff80")).integer());        // non-minimal negative
    EXPECT_TRUE(Reader(hx("0201ff")).integer());           // -1 is a fine INTEGER...
    EXPECT_FALSE(Reader(hx("0201ff")).unsigned_integer()); // ...but not an unsigned one
    EXPECT_FALSE(Reader(hx("0209 008000000000000000")).small_unsigned());  // 2^63
    EXPECT_EQ(*Reader(hx("0208 7fffffffffffffff")).small_unsigned(), INT64_MAX);
    EXPECT_EQ(*Reader(hx("0a0105")).enumerated(), 5);
    EXPECT_FALSE(Reader(hx("0a01ff")).enumerated());
}

TEST(DerReader, BitStrings) {
    const Bytes der = hx("03020780");  // views into it must outlive the reader
    auto b = Reader(der).bit_string();
    ASSERT_TRUE(b);
    EXPECT_EQ(b->unused_bits, 7);
    EXPECT_EQ(hex(b->bytes), "80");
    EXPECT_FALSE(Reader(hx("03020781")).bit_string());   // padding bit set
    EXPECT_FALSE(Reader(hx("03020880")).bit_string());   // 8 unused bits
    EXPECT_FALSE(Reader(hx("030101")).bit_string());     // unused bits, no octets
    EXPECT_FALSE(Reader(hx("0300")).bit_string());       // no unused-bits octet
    EXPECT_TRUE(Reader(hx("030100")).bit_string());      // empty is fine
    EXPECT_FALSE(Reader(hx("03020780")).bit_string_octets());
    EXPECT_EQ(hex(*Reader(hx("030300abcd")).bit_string_octets()), "abcd");
}

TEST(DerReader, NullOidAndTags) {
    EXPECT_TRUE(Reader(hx("0500")).null());
    EXPECT_FALSE(Reader(hx("050100")).null());
    auto o = Reader(hx("06092a864886f70d010101")).oid();
    ASSERT_TRUE(o);
    EXPECT_EQ(*o, oid::kRsaEncryption);
    EXPECT_FALSE(Reader(hx("0600")).oid());
    EXPECT_FALSE(Reader(hx("0603 2a8001")).oid());  // non-minimal arc
    EXPECT_FALSE(Reader(hx("0602 2a86")).oid());    // truncated arc
    // Wrong tag, and optional fields.
    const Bytes der = hx("a003020101 0400");
    Reader r(der);
    EXPECT_FALSE(Reader(hx("0400")).read(kInteger));
    auto opt = r.optional_constructed(context_constructed(0));
    ASSERT_TRUE(opt && opt->has_value());
    EXPECT_EQ(*(*opt)->small_unsigned(), 1);
    auto absent = r.optional_constructed(context_constructed(1));
    ASSERT_TRUE(absent);
    EXPECT_FALSE(absent->has_value());
    EXPECT_FALSE(r.finish());  // the OCTET STRING is still there
    EXPECT_TRUE(r.octet_string());
    EXPECT_TRUE(r.finish());
}

TEST(DerReader, NestingIsBounded) {
    // 40 nested SEQUENCEs: fine as bytes, refused past kMaxDepth.
    Bytes der;
    for (int i = 0; i < 40; ++i) {
        Bytes outer = {kSequence, static_cast<uint8_t>(der.size())};
        outer.insert(outer.end(), der.begin(), der.end());
        der = outer;
    }
    Reader r(der);
    Errc err = Errc::closed;
    for (int depth = 0; depth < 40; ++depth) {
        auto inner = r.sequence();
        if (!inner) {
            err = inner.error().code();
            EXPECT_EQ(depth, kMaxDepth);
            break;
        }
        r = *inner;
    }
    EXPECT_EQ(err, Errc::malformed);
}

TEST(DerReader, ParseRequiresExactlyOneElement) {
    EXPECT_TRUE(parse(hx("3003020101"), kSequence));
    EXPECT_FALSE(parse(hx("3003020101 00"), kSequence));
    EXPECT_FALSE(parse(hx("3103020101"), kSequence));
}

TEST(DerWriter, IntegersAreMinimal) {
    auto enc = [](Bytes mag) {
        Writer w;
        w.unsigned_integer(mag);
        return hex(w.take());
    };
    EXPECT_EQ(enc({}), "020100");
    EXPECT_EQ(enc({0, 0, 0}), "020100");
    EXPECT_EQ(enc({0x7f}), "02017f");
    EXPECT_EQ(enc({0x80}), "02020080");
    EXPECT_EQ(enc({0, 0, 0x01, 0x00}), "02020100");
    Writer w;
    w.small_unsigned(0);
    w.small_unsigned(65537);
    w.enumerated(1);
    EXPECT_EQ(hex(w.take()), "020100" "0203010001" "0a0101");
}

TEST(DerWriter, NestedLengthsAndSetOfOrder) {
    Writer w;
    auto seq = w.sequence();
    auto set = w.set_of();
    w.octet_string(hx("0202"));
    w.small_unsigned(5);
    w.octet_string(hx("01"));
    w.close(set);
    Bytes big(300, 7);
    w.octet_string(big);
    w.close(seq);
    Bytes der = w.take();
    auto r = parse(der, kSequence);
    ASSERT_TRUE(r) << r.error().to_string();
    auto s = r->set();
    ASSERT_TRUE(s);
    // Sorted by encoding: 02 01 05 < 04 01 01 < 04 02 02 02.
    EXPECT_EQ(*s->small_unsigned(), 5);
    EXPECT_EQ(hex(*s->octet_string()), "01");
    EXPECT_EQ(hex(*s->octet_string()), "0202");
    EXPECT_EQ(r->octet_string()->size(), 300u);
    EXPECT_TRUE(r->finish());
}

TEST(DerWriter, BitStringsAndTimes) {
    Writer w;
    w.bit_string(hx("ff"), 3);  // padding bits cleared
    w.time(0);                      // 1970: UTCTime
    w.time(2524608000);             // 2050-01-01: GeneralizedTime
    Bytes der = w.take();
    Reader r(der);
    auto b = r.bit_string();
    ASSERT_TRUE(b);
    EXPECT_EQ(hex(b->bytes), "f8");
    EXPECT_TRUE(r.next_is(kUtcTime));
    EXPECT_EQ(*r.time(), 0);
    EXPECT_TRUE(r.next_is(kGeneralizedTime));
    EXPECT_EQ(*r.time(), 2524608000);
}

// Rebuilds any DER tree through the writer; for valid DER the output equals the input.
Result<void> reencode(Reader& r, Writer& w) {
    while (!r.empty()) {
        KEEL_TRY_ASSIGN(Element e, r.any());
        if (e.tag & kConstructed) {
            Reader inner(e.contents);
            auto o = w.open(e.tag);
            KEEL_TRY(reencode(inner, w));
            w.close(o);
        } else {
            w.element(e.tag, e.contents);
        }
    }
    return ok();
}

TEST(DerRealCertificates, WalkAndReencode) {
    for (const char* name : {"x509/openssl-ec-p256.pem", "x509/openssl-rsa2048.pem", "x509/openssl-ed25519.pem"}) {
        auto blocks = pem_decode_all(test::read_vector_file(name), "CERTIFICATE");
        ASSERT_TRUE(blocks) << blocks.error().to_string();
        ASSERT_EQ(blocks->size(), 1u);
        ByteView der = (*blocks)[0].der.view();
        Reader r(der);
        Writer w;
        ASSERT_TRUE(reencode(r, w)) << name;
        EXPECT_EQ(hex(w.bytes()), hex(der)) << name;

        // The structure every certificate has: SEQUENCE { tbs, alg, BIT STRING }.
        auto cert = parse(der, kSequence);
        ASSERT_TRUE(cert);
        auto tbs = cert->element(kSequence);
        ASSERT_TRUE(tbs);
        auto tbs_r = parse(tbs->encoding, kSequence);
        ASSERT_TRUE(tbs_r);
        auto version = tbs_r->optional_constructed(context_constructed(0));
        ASSERT_TRUE(version && version->has_value());
        EXPECT_EQ(*(*version)->small_unsigned(), 2);  // v3
        EXPECT_TRUE(tbs_r->unsigned_integer());        // serial
        EXPECT_TRUE(tbs_r->sequence());                // signature alg
        EXPECT_TRUE(tbs_r->sequence());                // issuer
        auto validity = tbs_r->sequence();
        ASSERT_TRUE(validity);
        auto not_before = validity->time();
        auto not_after = validity->time();
        ASSERT_TRUE(not_before && not_after);
        EXPECT_GT(*not_before, 1700000000);  // made in 2026
        EXPECT_NEAR(static_cast<double>(*not_after - *not_before), 3650.0 * 86400, 86400);
        EXPECT_TRUE(cert->sequence());
        EXPECT_TRUE(cert->bit_string_octets());
        EXPECT_TRUE(cert->finish());
    }
}

TEST(DerRealCertificates, EveryTruncationFailsCleanly) {
    auto blocks = pem_decode_all(test::read_vector_file("x509/openssl-ec-p256.pem"));
    ASSERT_TRUE(blocks);
    ByteView der = (*blocks)[0].der.view();
    for (size_t n = 0; n < der.size(); ++n) {
        Reader r(der.first(n));
        Writer w;
        auto outer = r.any();
        EXPECT_FALSE(outer && r.empty() && outer->encoding.size() == der.size()) << n;
    }
}

}  // namespace
}  // namespace keel::x509::der
