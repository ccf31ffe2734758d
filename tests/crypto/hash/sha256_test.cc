#include "crypto/hash/sha256.h"

#include <gtest/gtest.h>

#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using test::hex;

// FIPS 180-4 examples (NIST "SHA256.pdf" / "SHA224.pdf" example values).
TEST(Sha256, FipsExamples) {
    EXPECT_EQ(hex(Sha256::hash(as_bytes("abc"))),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex(Sha256::hash(as_bytes(""))),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hex(Sha256::hash(
                  as_bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(hex(Sha224::hash(as_bytes("abc"))),
              "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
}

TEST(Sha256, MillionAs) {
    Sha256 h;
    std::string chunk(1000, 'a');
    for (int i = 0; i < 1000; i++) h.update(as_bytes(chunk));
    EXPECT_EQ(hex(h.final()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, FinalResetsForReuse) {
    Sha256 h;
    h.update(as_bytes("abc"));
    auto first = h.final();
    h.update(as_bytes("abc"));
    EXPECT_EQ(h.final(), first);
}

}  // namespace
}  // namespace keel::crypto
