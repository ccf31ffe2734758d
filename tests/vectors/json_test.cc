#include "tests/vectors/json.h"

#include <gtest/gtest.h>

namespace keel::test {
namespace {

TEST(Json, ParsesNestedDocument) {
    auto j = Json::parse(R"({"a": [1, -2.5, true, null, "x\u00e9\n"], "b": {"c": "0A"}})");
    ASSERT_TRUE(j);
    EXPECT_EQ((*j)["a"].size(), 5u);
    EXPECT_EQ((*j)["a"][0].as_int(), 1);
    EXPECT_EQ((*j)["a"][1].as_number(), -2.5);
    EXPECT_TRUE((*j)["a"][2].as_bool());
    EXPECT_TRUE((*j)["a"][3].is_null());
    EXPECT_EQ((*j)["a"][4].as_string(), "x\xc3\xa9\n");
    EXPECT_EQ((*j)["b"]["c"].as_hex(), Bytes{0x0a});
    EXPECT_FALSE(j->has("z"));
}

TEST(Json, RejectsMalformedText) {
    for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "\"abc", "tru", "[1] 2", "\"\\q\"",
                            "{\"a\":1,}"}) {
        EXPECT_FALSE(Json::parse(bad)) << bad;
    }
    std::string deep(1000, '[');
    EXPECT_FALSE(Json::parse(deep));
}

TEST(Json, HexAcceptsBothCases) {
    EXPECT_EQ(unhex("aBcD"), (Bytes{0xab, 0xcd}));
    EXPECT_EQ(unhex(""), Bytes{});
    EXPECT_EQ(hex(Bytes{0xab, 0x01}), "ab01");
}

TEST(Json, LoadsWycheproofFile) {
    const Json& j = load_vectors("wycheproof/hmac_sha256_test.json");
    EXPECT_EQ(j["algorithm"].as_string(), "HMACSHA256");
    size_t n = 0;
    for (const Json& g : j["testGroups"].as_array()) n += g["tests"].size();
    EXPECT_EQ(static_cast<int64_t>(n), j["numberOfTests"].as_int());
}

}  // namespace
}  // namespace keel::test
