// Result/Error, secrets, endian helpers and OS entropy.
#include <gtest/gtest.h>

#include "base/endian.h"
#include "base/entropy.h"
#include "base/result.h"
#include "base/secret.h"

namespace keel {
namespace {

Result<int> half(int x) {
    if (x % 2) return Error(Errc::invalid_argument, "odd");
    return x / 2;
}

Result<void> quarter(int x, int* out) {
    auto h = half(x);
    if (!h) return h.error();
    auto q = half(*h);
    if (!q) return q.error();
    *out = *q;
    return ok();
}

Result<void> chain(int x) {
    int q;
    KEEL_TRY(quarter(x, &q));
    return ok();
}

TEST(Result, CarriesValueOrError) {
    int q = 0;
    EXPECT_TRUE(quarter(8, &q).ok());
    EXPECT_EQ(q, 2);
    auto bad = quarter(6, &q);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code(), Errc::invalid_argument);
    EXPECT_EQ(bad.error().to_string(), "invalid_argument: odd");
    EXPECT_FALSE(chain(6).ok());
    EXPECT_TRUE(chain(4).ok());
}

TEST(Result, AlertTravelsWithTlsAlert) {
    Error e(Errc::tls_alert, "unexpected_message", 10);
    EXPECT_EQ(e.alert(), 10);
    EXPECT_EQ(errc_name(e.code()), "tls_alert");
}

TEST(Secret, WipesAndCopiesDeep) {
    SecretBytes a(as_bytes("key material"));
    SecretBytes b = a;
    EXPECT_EQ(b.size(), 12u);
    SecretBytes c = std::move(a);
    EXPECT_EQ(a.size(), 0u);
    EXPECT_EQ(c.view()[0], 'k');
    c.resize(4);
    EXPECT_EQ(c.view()[0], 0);

    uint8_t buf[16];
    std::fill(std::begin(buf), std::end(buf), 0xaa);
    secure_wipe(buf, sizeof buf);
    for (uint8_t v : buf) EXPECT_EQ(v, 0);
}

TEST(Endian, LoadsAndStores) {
    uint8_t b[8];
    store_be64(b, 0x0102030405060708ull);
    EXPECT_EQ(b[0], 1);
    EXPECT_EQ(load_be64(b), 0x0102030405060708ull);
    EXPECT_EQ(load_le64(b), 0x0807060504030201ull);
    store_le32(b, 0xa1b2c3d4);
    EXPECT_EQ(b[0], 0xd4);
    EXPECT_EQ(load_be32(b), 0xd4c3b2a1u);
    EXPECT_EQ(rotr32(1, 1), 0x80000000u);
    EXPECT_EQ(rotl64(1, 63), 0x8000000000000000ull);
}

TEST(Entropy, FillsLargeBuffersWithoutRepeating) {
    // getrandom returns at most 32 MiB - 1 per call on Linux; 1 MiB exercises the loop.
    std::vector<uint8_t> a(1 << 20), b(1 << 20);
    ASSERT_TRUE(os_entropy(a).ok());
    ASSERT_TRUE(os_entropy(b).ok());
    EXPECT_NE(a, b);
    size_t zeros = 0;
    for (uint8_t v : a) zeros += v == 0;
    EXPECT_LT(zeros, a.size() / 128);  // expected ~4096 of 1 MiB
    EXPECT_TRUE(os_entropy({}).ok());
}

}  // namespace
}  // namespace keel

namespace {
keel::Result<int> half(int v) {
    if (v % 2) return keel::Error(keel::Errc::invalid_argument, "odd");
    return v / 2;
}
keel::Result<int> quarter(int v) {
    KEEL_TRY_ASSIGN(int h, half(v));
    KEEL_TRY_ASSIGN(auto q, half(h));
    return q;
}
}  // namespace

TEST(Result, TryAssignBindsOrPropagates) {
    EXPECT_EQ(*quarter(8), 2);
    EXPECT_EQ(quarter(6).error().code(), keel::Errc::invalid_argument);
    EXPECT_EQ(quarter(5).error().detail(), "odd");
}
