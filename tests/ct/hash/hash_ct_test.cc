// Hashes carry HMAC keys and TLS secrets, so every backend's compression must be
// constant-time in the message (DESIGN.md §5). Runs under valgrind: the message is
// poisoned, the digest declassified, then compared with an unpoisoned run.
#include "tests/ct/harness.h"

#include <vector>

#include "crypto/hash/md5.h"
#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"

namespace keel::crypto {
namespace {

// Lengths cover a partial block, exact blocks, the padding spill-over case and, for
// the two-block AVX2 schedule, both the paired and the lone-block paths.
constexpr size_t kLengths[] = {0, 3, 64, 111, 120, 128, 300, 384};

std::vector<uint8_t> message(size_t n) {
    std::vector<uint8_t> m(n);
    for (size_t i = 0; i < n; i++) m[i] = static_cast<uint8_t>(i * 29 + 3);
    return m;
}

template <class H, class Blocks>
void check_secret_input(Blocks blocks, const char* name) {
    for (size_t len : kLengths) {
        std::vector<uint8_t> m = message(len);
        H clean(blocks);
        clean.update(m);
        auto expected = clean.final();

        ct_test::poison(m);
        H h(blocks);
        h.update(ByteView(m).first(len / 3));
        h.update(ByteView(m).subspan(len / 3));
        auto d = h.final();
        ct_test::declassify(d);
        ct_test::declassify(m);
        EXPECT_EQ(d, expected) << name << " len " << len;
    }
}

TEST(HashCt, Sha1EveryBackend) {
    KEEL_REQUIRE_VALGRIND();
    for (const auto& b : detail::sha1_backends()) check_secret_input<Sha1>(b.blocks, b.name);
}

TEST(HashCt, Sha256EveryBackend) {
    KEEL_REQUIRE_VALGRIND();
    for (const auto& b : detail::sha256_backends()) check_secret_input<Sha256>(b.blocks, b.name);
}

TEST(HashCt, Sha512EveryBackend) {
    KEEL_REQUIRE_VALGRIND();
    for (const auto& b : detail::sha512_backends()) {
        check_secret_input<Sha512>(b.blocks, b.name);
        check_secret_input<Sha384>(b.blocks, b.name);
    }
}

TEST(HashCt, Md5) {
    KEEL_REQUIRE_VALGRIND();
    for (size_t len : kLengths) {
        std::vector<uint8_t> m = message(len);
        auto expected = Md5::hash(m);
        ct_test::poison(m);
        auto d = Md5::hash(m);
        ct_test::declassify(d);
        ct_test::declassify(m);
        EXPECT_EQ(d, expected) << "len " << len;
    }
}

}  // namespace
}  // namespace keel::crypto
