// Times (RFC 5280 §4.1.2.5) and OIDs (X.690 §8.19).
#include <gtest/gtest.h>

#include <ctime>
#include <random>

#include "tests/vectors/json.h"
#include "x509/der/oid.h"
#include "x509/der/time.h"

namespace keel::x509 {
namespace {

Result<int64_t> utc(std::string_view s) { return parse_utc_time(as_bytes(s)); }
Result<int64_t> gen(std::string_view s) { return parse_generalized_time(as_bytes(s)); }

TEST(Time, KnownInstants) {
    EXPECT_EQ(*utc("700101000000Z"), 0);
    EXPECT_EQ(*utc("500101000000Z"), -631152000);     // 1950: YY >= 50 is 19YY
    EXPECT_EQ(*utc("491231235959Z"), 2524607999);     // 2049: YY < 50 is 20YY
    EXPECT_EQ(*gen("20500101000000Z"), 2524608000);
    EXPECT_EQ(*gen("20000229120000Z"), 951825600);    // leap day in a 400-year
    EXPECT_EQ(*gen("99991231235959Z"), 253402300799);
    EXPECT_EQ(*gen("19691231235959Z"), -1);
}

TEST(Time, RejectsWhatRfc5280Forbids) {
    for (const char* bad : {"7001010000Z", "700101000000", "700101000000+0100", "700101000000.5Z",
                            "701301000000Z", "700100000000Z", "700132000000Z", "700101240000Z",
                            "700101006000Z", "700101000060Z", "7a0101000000Z", "700101000000z"})
        EXPECT_FALSE(utc(bad)) << bad;
    for (const char* bad : {"20230229000000Z", "21000229000000Z", "2023010100000Z", "20230101000000.1Z",
                            "20230101000000+0000", "2023010100000000Z"})
        EXPECT_FALSE(gen(bad)) << bad;
    EXPECT_TRUE(gen("20240229000000Z"));
}

TEST(Time, MatchesTimegmAndRoundTrips) {
    std::mt19937_64 rng(7);
    for (int i = 0; i < 20000; ++i) {
        int64_t t = static_cast<int64_t>(rng() % 253402300800ull);  // 1970..9999
        if (i % 2) t -= 631152000;                                    // some before 1970
        struct tm tm {};
        time_t tt = static_cast<time_t>(t);
        gmtime_r(&tt, &tm);
        char buf[32];
        strftime(buf, sizeof buf, "%Y%m%d%H%M%SZ", &tm);
        if (t >= 0 || tm.tm_year + 1900 >= 1000) {
            auto p = gen(buf);
            ASSERT_TRUE(p) << buf;
            ASSERT_EQ(*p, t) << buf;
            ASSERT_EQ(format_der_time(t, false), buf);
        }
        if (tm.tm_year + 1900 >= 1950 && tm.tm_year + 1900 < 2050) {
            auto s = format_der_time(t, true);
            ASSERT_EQ(*utc(s), t) << s;
        }
        ASSERT_EQ(*parse_rfc3339(format_rfc3339(t)), t);
    }
}

TEST(Time, Rfc3339) {
    EXPECT_EQ(*parse_rfc3339("2026-11-23T15:04:05Z"), 1795446245);
    EXPECT_EQ(*parse_rfc3339("2026-11-23T16:04:05+01:00"), 1795446245);
    EXPECT_EQ(*parse_rfc3339("2026-11-23t15:04:05.999z"), 1795446245);
    EXPECT_EQ(format_rfc3339(1795446245), "2026-11-23T15:04:05Z");
    for (const char* bad : {"2026-11-23", "2026-11-23T15:04:05", "2026-02-30T00:00:00Z",
                            "2026-11-23T15:04:05+1:00", "2026-11-23T15:04:05Zx", "2026-11-23T15:04:05."})
        EXPECT_FALSE(parse_rfc3339(bad)) << bad;
}

TEST(Oid, ConstantsHaveTheirDerBytes) {
    EXPECT_EQ(test::hex(oid::kRsaEncryption.bytes()), "2a864886f70d010101");
    EXPECT_EQ(test::hex(oid::kSecp384r1.bytes()), "2b81040022");
    EXPECT_EQ(test::hex(oid::kEd25519.bytes()), "2b6570");
    EXPECT_EQ(test::hex(oid::kMlDsa65.bytes()), "608648016503040312");
    EXPECT_EQ(test::hex(oid::kDomainComponent.bytes()), "0992268993f22c640119");
}

TEST(Oid, DottedForms) {
    EXPECT_EQ(oid::kEcPublicKey.to_string(), "1.2.840.10045.2.1");
    EXPECT_EQ(oid::kDomainComponent.to_string(), "0.9.2342.19200300.100.1.25");
    EXPECT_EQ(*Oid::from_string("2.5.29.17"), oid::kSubjectAltName);
    EXPECT_EQ(Oid::from_string("2.999.3")->to_string(), "2.999.3");  // first octet > 127
    EXPECT_EQ(test::hex(Oid::from_string("2.999.3")->bytes()), "883703");
    for (const char* bad : {"", "1", "3.1", "1.40", "1..2", "1.2.", ".1.2", "1.02", "1.2.x",
                            "1.2.18446744073709551616"})
        EXPECT_FALSE(Oid::from_string(bad)) << bad;
}

TEST(Oid, NamesAndOrder) {
    EXPECT_EQ(oid_name(oid::kServerAuth), "serverAuth");
    EXPECT_EQ(oid_name(*Oid::from_string("1.2.3.4")), "1.2.3.4");
    EXPECT_EQ(*oid_from_name("subjectAltName"), oid::kSubjectAltName);
    EXPECT_FALSE(oid_from_name("noSuchThing"));
    EXPECT_TRUE(oid::kSha256 < oid::kSha384);
    EXPECT_FALSE(oid::kSha256 == oid::kSha384);
}

TEST(Oid, FromDerValidates) {
    EXPECT_TRUE(Oid::from_der(test::unhex("2a03")));
    EXPECT_FALSE(Oid::from_der({}));
    EXPECT_FALSE(Oid::from_der(test::unhex("2a80")));    // truncated
    EXPECT_FALSE(Oid::from_der(test::unhex("2a8001")));  // non-minimal
    EXPECT_FALSE(Oid::from_der(test::unhex("ffffffffffffffffffff7f")));  // > 64-bit arc
    EXPECT_FALSE(Oid::from_der(Bytes(41, 1)));
}

}  // namespace
}  // namespace keel::x509
