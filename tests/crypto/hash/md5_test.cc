#include "crypto/hash/md5.h"

#include <gtest/gtest.h>

#include "tests/crypto/hash/hash_test_util.h"

namespace keel::crypto {
namespace {

using test::digest_hex;

// RFC 1321 Appendix A.5, the whole test suite.
TEST(Md5, Rfc1321TestSuite) {
    EXPECT_EQ(digest_hex<Md5>(""), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(digest_hex<Md5>("a"), "0cc175b9c0f1b6a831c399e269772661");
    EXPECT_EQ(digest_hex<Md5>("abc"), "900150983cd24fb0d6963f7d28e17f72");
    EXPECT_EQ(digest_hex<Md5>("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
    EXPECT_EQ(digest_hex<Md5>("abcdefghijklmnopqrstuvwxyz"), "c3fcd3d76192e4007dfb496cca67e13b");
    EXPECT_EQ(digest_hex<Md5>("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
              "d174ab98d277d9f5a5611c2c9f419d9f");
    EXPECT_EQ(digest_hex<Md5>("1234567890", 8), "57edf4a22be3c955ac49da2e2107b67a");
}

}  // namespace
}  // namespace keel::crypto
