#include "base/writer.h"

#include <gtest/gtest.h>

#include "base/reader.h"

namespace keel {
namespace {

TEST(Writer, NestedPrefixesRoundTripThroughReader) {
    Writer w;
    w.u8(7);
    auto outer = w.open16();
    w.u24(0x010203);
    auto inner = w.open8();
    w.bytes(as_bytes("abc"));
    w.close(inner);
    w.close(outer);
    ASSERT_TRUE(w.ok());

    Reader r(w.view());
    uint8_t tag;
    Reader o, i;
    uint32_t v;
    ASSERT_TRUE(r.u8(&tag));
    ASSERT_TRUE(r.prefixed16(&o));
    ASSERT_TRUE(o.u24(&v));
    ASSERT_TRUE(o.prefixed8(&i));
    EXPECT_EQ(v, 0x010203u);
    EXPECT_EQ(i.remaining(), 3u);
    EXPECT_TRUE(o.empty());
    EXPECT_TRUE(r.empty());
}

TEST(Writer, FieldLongerThanPrefixFails) {
    Writer w;
    auto f = w.open8();
    w.zeros(256);
    w.close(f);
    EXPECT_FALSE(w.ok());
}

TEST(Writer, ValueTooWideForU24Fails) {
    Writer w;
    w.u24(1u << 24);
    EXPECT_FALSE(w.ok());
}

}  // namespace
}  // namespace keel
