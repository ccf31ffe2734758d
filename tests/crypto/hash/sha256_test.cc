#include "crypto/hash/sha256.h"

#include <gtest/gtest.h>

#include "tests/crypto/hash/hash_test_util.h"

namespace keel::crypto {
namespace {

using test::digest_hex;

// FIPS 180-4 examples (NIST "SHA256.pdf" / "SHA224.pdf" example values).
TEST(Sha256, FipsExamples) {
    EXPECT_EQ(digest_hex<Sha256>("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(digest_hex<Sha256>(""),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(digest_hex<Sha256>(test::k448),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(digest_hex<Sha256>(test::k896),
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha224, FipsExamples) {
    EXPECT_EQ(digest_hex<Sha224>("abc"),
              "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
    EXPECT_EQ(digest_hex<Sha224>(""), "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f");
    EXPECT_EQ(digest_hex<Sha224>(test::k448),
              "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525");
}

TEST(Sha256, MillionAs) {
    EXPECT_EQ(digest_hex<Sha256>(std::string(1000, 'a'), 1000),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    EXPECT_EQ(digest_hex<Sha224>(std::string(1000, 'a'), 1000),
              "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67");
}

// RFC 6234 §8.5 TEST4 ("01234567" x 80).
TEST(Sha256, Rfc6234Test4) {
    EXPECT_EQ(digest_hex<Sha256>(test::kRfc6234Test4Unit, 10),
              "594847328451bdfa85056225462cc1d867d877fb388df0ce35f25ab5562bfbb5");
    EXPECT_EQ(digest_hex<Sha224>(test::kRfc6234Test4Unit, 10),
              "567f69f168cd7844e65259ce658fe7aadfa25216e68eca0eb7ab8262");
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
