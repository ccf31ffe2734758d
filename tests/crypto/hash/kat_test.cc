// Known answers from an independent implementation (vectors/kat/sha2_md5.json, made
// by vectors/kat/gen_sha2_md5.sh with `openssl dgst`): every length 0..300 and a few
// long messages, for every hash and every backend this CPU may use.
#include <gtest/gtest.h>

#include "crypto/hash/md5.h"
#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "tests/vectors/json.h"

namespace keel::crypto {
namespace {

using keel::test::hex;
using keel::test::Json;

const Bytes& stream() {
    static const Bytes s = keel::test::load_vectors("kat/sha2_md5.json")["stream"].as_hex();
    return s;
}

const Json& answers(const char* alg) {
    const Json& list = keel::test::load_vectors("kat/sha2_md5.json")["hashes"][alg];
    EXPECT_GT(list.size(), 300u) << alg;
    return list;
}

ByteView message(const Json& v) {
    size_t len = static_cast<size_t>(v["len"].as_int());
    EXPECT_LE(len, stream().size());
    return ByteView(stream()).first(len);
}

// One-shot through the dispatched backend.
template <class H>
void check_dispatched(const char* alg) {
    for (const Json& v : answers(alg).as_array()) {
        EXPECT_EQ(hex(H::hash(message(v))), v["digest"].as_string())
            << alg << " len " << v["len"].as_int();
    }
}

// Streaming through each backend, split at the middle so both the buffered and the
// direct paths of update() run.
template <class H, class Backends>
void check_backends(const char* alg, Backends backends) {
    for (const auto& b : backends) {
        for (const Json& v : answers(alg).as_array()) {
            ByteView m = message(v);
            H h(b.blocks);
            h.update(m.first(m.size() / 2));
            h.update(m.subspan(m.size() / 2));
            EXPECT_EQ(hex(h.final()), v["digest"].as_string())
                << alg << " backend " << b.name << " len " << m.size();
        }
    }
}

TEST(HashKat, Md5) {
    check_dispatched<Md5>("md5");
}

TEST(HashKat, Sha1) {
    check_dispatched<Sha1>("sha1");
    check_backends<Sha1>("sha1", detail::sha1_backends());
}

TEST(HashKat, Sha224) {
    check_dispatched<Sha224>("sha224");
    check_backends<Sha224>("sha224", detail::sha256_backends());
}

TEST(HashKat, Sha256) {
    check_dispatched<Sha256>("sha256");
    check_backends<Sha256>("sha256", detail::sha256_backends());
}

TEST(HashKat, Sha384) {
    check_dispatched<Sha384>("sha384");
    check_backends<Sha384>("sha384", detail::sha512_backends());
}

TEST(HashKat, Sha512) {
    check_dispatched<Sha512>("sha512");
    check_backends<Sha512>("sha512", detail::sha512_backends());
}

TEST(HashKat, Sha512_224) {
    check_dispatched<Sha512_224>("sha512-224");
    check_backends<Sha512_224>("sha512-224", detail::sha512_backends());
}

TEST(HashKat, Sha512_256) {
    check_dispatched<Sha512_256>("sha512-256");
    check_backends<Sha512_256>("sha512-256", detail::sha512_backends());
}

}  // namespace
}  // namespace keel::crypto
