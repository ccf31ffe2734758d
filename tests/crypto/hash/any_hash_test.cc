#include "crypto/hash/any_hash.h"

#include <gtest/gtest.h>

#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

constexpr HashAlg kAll[] = {HashAlg::md5,        HashAlg::sha1,       HashAlg::sha224,
                            HashAlg::sha256,     HashAlg::sha384,     HashAlg::sha512,
                            HashAlg::sha512_224, HashAlg::sha512_256, HashAlg::sha3_224,
                            HashAlg::sha3_256,   HashAlg::sha3_384,   HashAlg::sha3_512};

template <class H>
Bytes concrete(ByteView data) {
    auto d = H::hash(data);
    return Bytes(d.begin(), d.end());
}

Bytes direct(HashAlg alg, ByteView data) {
    switch (alg) {
        case HashAlg::md5: return concrete<Md5>(data);
        case HashAlg::sha1: return concrete<Sha1>(data);
        case HashAlg::sha224: return concrete<Sha224>(data);
        case HashAlg::sha256: return concrete<Sha256>(data);
        case HashAlg::sha384: return concrete<Sha384>(data);
        case HashAlg::sha512: return concrete<Sha512>(data);
        case HashAlg::sha512_224: return concrete<Sha512_224>(data);
        case HashAlg::sha512_256: return concrete<Sha512_256>(data);
        case HashAlg::sha3_224: return concrete<Sha3_224>(data);
        case HashAlg::sha3_256: return concrete<Sha3_256>(data);
        case HashAlg::sha3_384: return concrete<Sha3_384>(data);
        case HashAlg::sha3_512: return concrete<Sha3_512>(data);
    }
    return {};
}

TEST(AnyHash, MatchesConcreteHashForEveryAlgorithm) {
    Bytes msg(1000);
    for (size_t i = 0; i < msg.size(); i++) msg[i] = static_cast<uint8_t>(i * 31 + 7);
    for (HashAlg alg : kAll) {
        for (size_t len : {0, 1, 55, 56, 64, 111, 112, 128, 135, 136, 144, 1000}) {
            ByteView m(msg.data(), len);
            AnyHash h(alg);
            h.update(m.first(len / 3));
            h.update(m.subspan(len / 3));
            AnyDigest d = h.final();
            EXPECT_EQ(d.size, digest_size(alg));
            EXPECT_EQ(Bytes(d.view().begin(), d.view().end()), direct(alg, m))
                << hash_name(alg) << " len " << len;
            // final() reset the object.
            h.update(m);
            EXPECT_EQ(test::hex(h.final().view()), test::hex(AnyHash::hash(alg, m).view()));
        }
    }
}

// An empty view may carry a null pointer; every hash must treat it as no input, also
// mid-block (the sanitizer build turns a null pointer into memcpy into a failure).
TEST(AnyHash, EmptyViewWithoutStorageIsNoInput) {
    for (HashAlg alg : kAll) {
        AnyHash h(alg);
        h.update(ByteView{});
        h.update(as_bytes("ab"));
        h.update(ByteView{});
        h.update(as_bytes("c"));
        EXPECT_EQ(test::hex(h.final().view()),
                  test::hex(AnyHash::hash(alg, as_bytes("abc")).view()))
            << hash_name(alg);
    }
}

TEST(AnyHash, KnownAnswersThroughRuntimeSelection) {
    EXPECT_EQ(test::hex(AnyHash::hash(HashAlg::sha384, as_bytes("abc")).view()),
              "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
              "8086072ba1e7cc2358baeca134c825a7");
    EXPECT_EQ(test::hex(AnyHash::hash(HashAlg::sha3_256, as_bytes("abc")).view()),
              "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
}

TEST(AnyHash, NamesRoundTripAndUnknownNamesFail) {
    for (HashAlg alg : kAll) {
        EXPECT_EQ(hash_from_name(hash_name(alg)), alg);
        EXPECT_LE(digest_size(alg), kMaxDigestSize);
        EXPECT_LE(block_size(alg), kMaxHashBlockSize);
    }
    EXPECT_EQ(block_size(HashAlg::sha3_256), 136u);
    EXPECT_EQ(block_size(HashAlg::sha384), 128u);
    EXPECT_FALSE(hash_from_name("sha999").has_value());
    EXPECT_FALSE(hash_from_name("SHA256").has_value());
}

}  // namespace
}  // namespace keel::crypto
