#include "crypto/hash/sha512.h"

#include <gtest/gtest.h>

#include "tests/crypto/hash/hash_test_util.h"

namespace keel::crypto {
namespace {

using test::digest_hex;

// FIPS 180-4 examples (NIST "SHA512.pdf", "SHA384.pdf", "SHA512_224.pdf",
// "SHA512_256.pdf" example values).
TEST(Sha512, FipsExamples) {
    EXPECT_EQ(digest_hex<Sha512>("abc"),
              "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
              "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
    EXPECT_EQ(digest_hex<Sha512>(""),
              "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
              "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
    EXPECT_EQ(digest_hex<Sha512>(test::k448),
              "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
              "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445");
    EXPECT_EQ(digest_hex<Sha512>(test::k896),
              "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
              "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
}

TEST(Sha384, FipsExamples) {
    EXPECT_EQ(digest_hex<Sha384>("abc"),
              "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
              "8086072ba1e7cc2358baeca134c825a7");
    EXPECT_EQ(digest_hex<Sha384>(""),
              "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
              "274edebfe76f65fbd51ad2f14898b95b");
    EXPECT_EQ(digest_hex<Sha384>(test::k896),
              "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
              "fcc7c71a557e2db966c3e9fa91746039");
}

TEST(Sha512_224, FipsExamples) {
    EXPECT_EQ(digest_hex<Sha512_224>("abc"),
              "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa");
    EXPECT_EQ(digest_hex<Sha512_224>(""),
              "6ed0dd02806fa89e25de060c19d3ac86cabb87d6a0ddd05c333b84f4");
    EXPECT_EQ(digest_hex<Sha512_224>(test::k896),
              "23fec5bb94d60b23308192640b0c453335d664734fe40e7268674af9");
}

TEST(Sha512_256, FipsExamples) {
    EXPECT_EQ(digest_hex<Sha512_256>("abc"),
              "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23");
    EXPECT_EQ(digest_hex<Sha512_256>(""),
              "c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a");
    EXPECT_EQ(digest_hex<Sha512_256>(test::k896),
              "3928e184fb8690f840da3988121d31be65cb9d3ef83ee6146feac861e19b563a");
}

TEST(Sha512, MillionAs) {
    const std::string chunk(1000, 'a');
    EXPECT_EQ(digest_hex<Sha512>(chunk, 1000),
              "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
              "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
    EXPECT_EQ(digest_hex<Sha384>(chunk, 1000),
              "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
              "07b8b3dc38ecc4ebae97ddd87f3d8985");
    EXPECT_EQ(digest_hex<Sha512_224>(chunk, 1000),
              "37ab331d76f0d36de422bd0edeb22a28accd487b7a8453ae965dd287");
    EXPECT_EQ(digest_hex<Sha512_256>(chunk, 1000),
              "9a59a052930187a97038cae692f30708aa6491923ef5194394dc68d56c74fb21");
}

// RFC 6234 §8.5 TEST4 ("01234567" x 80).
TEST(Sha512, Rfc6234Test4) {
    EXPECT_EQ(digest_hex<Sha512>(test::kRfc6234Test4Unit, 10),
              "89d05ba632c699c31231ded4ffc127d5a894dad412c0e024db872d1abd2ba814"
              "1a0f85072a9be1e2aa04cf33c765cb510813a39cd5a84c4acaa64d3f3fb7bae9");
    EXPECT_EQ(digest_hex<Sha384>(test::kRfc6234Test4Unit, 10),
              "2fc64a4f500ddb6828f6a3430b8dd72a368eb7f3a8322a70bc84275b9c0b3ab0"
              "0d27a5cc3c2d224aa6b61a0d79fb4596");
}

}  // namespace
}  // namespace keel::crypto
