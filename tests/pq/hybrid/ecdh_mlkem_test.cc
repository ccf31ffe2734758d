#include "pq/hybrid/ecdh_mlkem.h"

#include <gtest/gtest.h>

#include "crypto/ec/ec.h"
#include "pq/mlkem/mlkem.h"
#include "tests/vectors/json.h"

namespace keel::pq {
namespace {

using crypto::NamedGroup;

struct Case {
    NamedGroup group;
    crypto::ec::Curve curve;
    mlkem::ParamSet kem;
    size_t point, scalar, ek, ct, dk;
};

constexpr Case kCases[] = {
    {NamedGroup::secp256r1mlkem768, crypto::ec::Curve::p256, mlkem::ParamSet::mlkem768, 65, 32,
     1184, 1088, 2400},
    {NamedGroup::secp384r1mlkem1024, crypto::ec::Curve::p384, mlkem::ParamSet::mlkem1024, 97, 48,
     1568, 1568, 3168},
};

ByteView part(ByteView v, size_t off, size_t len) { return v.subspan(off, len); }

TEST(EcdhMlkem, RoundTripAgreesOnBothGroups) {
    for (const Case& c : kCases) {
        auto client = ecdh_mlkem::kx_generate(c.group, crypto::default_rng());
        ASSERT_TRUE(client.ok()) << client.error().to_string();
        EXPECT_EQ(client->share.size(), c.point + c.ek);
        auto server = ecdh_mlkem::kx_respond(c.group, client->share, crypto::default_rng());
        ASSERT_TRUE(server.ok()) << server.error().to_string();
        EXPECT_EQ(server->share.size(), c.point + c.ct);
        auto secret = ecdh_mlkem::kx_finish(*client, server->share);
        ASSERT_TRUE(secret.ok()) << secret.error().to_string();
        EXPECT_EQ(secret->size(), c.scalar + 32);
        EXPECT_EQ(test::hex(secret->view()), test::hex(server->shared_secret.view()));
    }
}

// RFC 10024 puts ECDH first in both shares and in the secret. Recompute each half with
// the component APIs directly, so a swapped order cannot pass.
TEST(EcdhMlkem, EcdhComesFirstEverywhere) {
    for (const Case& c : kCases) {
        auto client = ecdh_mlkem::kx_generate(c.group, crypto::default_rng());
        ASSERT_TRUE(client.ok());
        ByteView priv = client->private_key.view();
        ASSERT_EQ(priv.size(), c.scalar + c.dk);
        ByteView scalar = priv.first(c.scalar), dk = priv.subspan(c.scalar);

        auto point = crypto::ec::public_point(c.curve, scalar);
        ASSERT_TRUE(point.ok());
        EXPECT_EQ(test::hex(*point), test::hex(part(client->share, 0, c.point)));
        EXPECT_TRUE(mlkem::check_ek(c.kem, part(client->share, c.point, c.ek)).ok());

        auto server = ecdh_mlkem::kx_respond(c.group, client->share, crypto::default_rng());
        ASSERT_TRUE(server.ok());
        auto ss = crypto::ec::ecdh(c.curve, scalar, part(server->share, 0, c.point));
        ASSERT_TRUE(ss.ok());
        auto k = mlkem::decaps(c.kem, dk, part(server->share, c.point, c.ct));
        ASSERT_TRUE(k.ok());
        EXPECT_EQ(test::hex(server->shared_secret.view()),
                  test::hex(ss->view()) + test::hex(k->view()));
    }
}

TEST(EcdhMlkem, RejectsBadShares) {
    for (const Case& c : kCases) {
        auto client = ecdh_mlkem::kx_generate(c.group, crypto::default_rng());
        ASSERT_TRUE(client.ok());
        Bytes share = client->share;

        Bytes shorter(share.begin(), share.end() - 1);
        EXPECT_EQ(ecdh_mlkem::kx_respond(c.group, shorter, crypto::default_rng()).error().code(),
                  Errc::malformed);

        Bytes off_curve = share;
        off_curve[c.point - 1] ^= 1;  // last byte of Y
        EXPECT_FALSE(ecdh_mlkem::kx_respond(c.group, off_curve, crypto::default_rng()).ok());

        Bytes compressed = share;
        compressed[0] = 0x02;  // TLS shares are uncompressed
        EXPECT_FALSE(ecdh_mlkem::kx_respond(c.group, compressed, crypto::default_rng()).ok());

        Bytes big_coeff = share;
        big_coeff[c.point] = 0xff;  // first 12-bit coefficient of t-hat becomes >= q
        big_coeff[c.point + 1] |= 0x0f;
        EXPECT_FALSE(ecdh_mlkem::kx_respond(c.group, big_coeff, crypto::default_rng()).ok());

        auto server = ecdh_mlkem::kx_respond(c.group, share, crypto::default_rng());
        ASSERT_TRUE(server.ok());
        Bytes bad_server = server->share;
        bad_server[1] ^= 0x40;  // X of the server's point
        EXPECT_FALSE(ecdh_mlkem::kx_finish(*client, bad_server).ok());
        Bytes long_server = server->share;
        long_server.push_back(0);
        EXPECT_EQ(ecdh_mlkem::kx_finish(*client, long_server).error().code(), Errc::malformed);
    }
}

TEST(EcdhMlkem, RejectsOtherGroups) {
    EXPECT_EQ(ecdh_mlkem::kx_generate(NamedGroup::x25519mlkem768, crypto::default_rng())
                  .error()
                  .code(),
              Errc::invalid_argument);
    auto x = ecdh_mlkem::kx_generate(NamedGroup::secp256r1mlkem768, crypto::default_rng());
    ASSERT_TRUE(x.ok());
    crypto::KxClientState wrong{NamedGroup::secp384r1mlkem1024, x->share,
                                SecretBytes(x->private_key.view())};
    EXPECT_FALSE(ecdh_mlkem::kx_finish(wrong, Bytes(97 + 1568, 4)).ok());
}

}  // namespace
}  // namespace keel::pq
