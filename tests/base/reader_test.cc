#include "base/reader.h"

#include <gtest/gtest.h>

namespace keel {
namespace {

TEST(Reader, ReadsBigEndianIntegers) {
    const uint8_t data[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    Reader r(data);
    uint8_t a;
    uint16_t b;
    uint32_t c, d;
    uint64_t e;
    ASSERT_TRUE(r.u8(&a));
    ASSERT_TRUE(r.u16(&b));
    ASSERT_TRUE(r.u24(&c));
    ASSERT_TRUE(r.u32(&d));
    ASSERT_TRUE(r.u64(&e));
    EXPECT_EQ(a, 1);
    EXPECT_EQ(b, 0x0203);
    EXPECT_EQ(c, 0x040506u);
    EXPECT_EQ(d, 0x0708090au);
    EXPECT_EQ(e, 0x0b0c0d0e0f101112ull);
    EXPECT_EQ(r.remaining(), 2u);
}

TEST(Reader, OverReadFailsAndConsumesNothing) {
    const uint8_t data[] = {1, 2, 3};
    Reader r(data);
    uint32_t v;
    EXPECT_FALSE(r.u32(&v));
    EXPECT_EQ(r.remaining(), 3u);
    ByteView b;
    EXPECT_FALSE(r.bytes(4, &b));
    EXPECT_FALSE(r.skip(SIZE_MAX));
    EXPECT_EQ(r.remaining(), 3u);
}

TEST(Reader, PrefixedFieldIsBoundedSubReader) {
    const uint8_t data[] = {0, 2, 0xaa, 0xbb, 0xcc};
    Reader r(data);
    Reader sub;
    ASSERT_TRUE(r.prefixed16(&sub));
    EXPECT_EQ(sub.remaining(), 2u);
    uint32_t v;
    EXPECT_FALSE(sub.u24(&v));  // cannot read into the parent's next byte
    EXPECT_EQ(r.remaining(), 1u);
}

TEST(Reader, AbsurdPrefixLengthFailsAndConsumesNothing) {
    const uint8_t data[] = {0xff, 0xff, 0xff, 1, 2};
    Reader r(data);
    Reader sub;
    EXPECT_FALSE(r.prefixed24(&sub));
    EXPECT_FALSE(r.prefixed16(&sub));
    EXPECT_EQ(r.remaining(), 5u);
    ASSERT_TRUE(r.prefixed8(&sub) == false);  // 0xff bytes needed, 4 left
}

TEST(Reader, EmptyInputFailsEveryRead) {
    Reader r{ByteView{}};
    uint8_t v;
    Reader sub;
    EXPECT_FALSE(r.u8(&v));
    EXPECT_FALSE(r.prefixed8(&sub));
    EXPECT_TRUE(r.rest().empty());
}

TEST(Reader, CopyAndRest) {
    const uint8_t data[] = {1, 2, 3, 4};
    Reader r(data);
    uint8_t two[2];
    ASSERT_TRUE(r.copy(two));
    EXPECT_EQ(two[1], 2);
    ByteView rest = r.rest();
    ASSERT_EQ(rest.size(), 2u);
    EXPECT_EQ(rest[0], 3);
    EXPECT_TRUE(r.empty());
}

}  // namespace
}  // namespace keel
