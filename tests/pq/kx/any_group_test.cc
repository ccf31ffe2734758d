// The key-exchange dispatch (pq/kx/any_group.h): every group round-trips through the
// one interface, bad shares of every kind come back as clean errors, unknown groups are
// unsupported, and the shared-key pair for hybrid + classical offers really shares it.
#include "pq/kx/any_group.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/curve25519/x25519.h"
#include "crypto/dh/dh.h"
#include "crypto/ec/ec.h"
#include "tests/crypto/rsa/test_rng.h"
#include "tests/vectors/json.h"

namespace keel::pq {
namespace {

using crypto::NamedGroup;
using crypto::test::TestRng;
using keel::test::hex;

struct Sizes {
    NamedGroup group;
    size_t client_share, server_share, secret;
};

// RFC 8446 §4.2.8.1-2, FIPS 203 Table 3, draft-ietf-tls-ecdhe-mlkem.
const Sizes kSizes[] = {
    {NamedGroup::secp256r1, 65, 65, 32},
    {NamedGroup::secp384r1, 97, 97, 48},
    {NamedGroup::secp521r1, 133, 133, 66},
    {NamedGroup::x25519, 32, 32, 32},
    {NamedGroup::x448, 56, 56, 56},
    {NamedGroup::brainpoolP256r1tls13, 65, 65, 32},
    {NamedGroup::brainpoolP384r1tls13, 97, 97, 48},
    {NamedGroup::brainpoolP512r1tls13, 129, 129, 64},
    {NamedGroup::ffdhe2048, 256, 256, 256},
    {NamedGroup::ffdhe3072, 384, 384, 384},
    {NamedGroup::ffdhe4096, 512, 512, 512},
    {NamedGroup::ffdhe6144, 768, 768, 768},
    {NamedGroup::ffdhe8192, 1024, 1024, 1024},
    {NamedGroup::mlkem512, 800, 768, 32},
    {NamedGroup::mlkem768, 1184, 1088, 32},
    {NamedGroup::mlkem1024, 1568, 1568, 32},
    {NamedGroup::secp256r1mlkem768, 65 + 1184, 65 + 1088, 64},
    {NamedGroup::x25519mlkem768, 1184 + 32, 1088 + 32, 64},
    {NamedGroup::secp384r1mlkem1024, 97 + 1568, 97 + 1568, 80},
};

std::string name_of(NamedGroup g) {
    return std::string(group_name(g));
}

TEST(AnyGroup, EveryGroupRoundTrips) {
    TestRng rng(1);
    EXPECT_EQ(supported_groups().size(), std::size(kSizes));
    for (const Sizes& s : kSizes) {
        SCOPED_TRACE(name_of(s.group));
        ASSERT_TRUE(group_supported(s.group));
        auto st = kx_generate(s.group, rng);
        ASSERT_TRUE(st.ok()) << st.error().to_string();
        EXPECT_EQ(st->group, s.group);
        EXPECT_EQ(st->share.size(), s.client_share);
        auto srv = kx_respond(s.group, st->share, rng);
        ASSERT_TRUE(srv.ok()) << srv.error().to_string();
        EXPECT_EQ(srv->share.size(), s.server_share);
        EXPECT_EQ(srv->shared_secret.size(), s.secret);
        auto ss = kx_finish(*st, srv->share);
        ASSERT_TRUE(ss.ok()) << ss.error().to_string();
        EXPECT_EQ(hex(ss->view()), hex(srv->shared_secret.view()));

        // A second exchange gives a different secret: the dispatch is not replaying state.
        auto st2 = kx_generate(s.group, rng);
        ASSERT_TRUE(st2.ok());
        auto srv2 = kx_respond(s.group, st2->share, rng);
        ASSERT_TRUE(srv2.ok());
        EXPECT_NE(hex(srv2->shared_secret.view()), hex(srv->shared_secret.view()));
    }
}

TEST(AnyGroup, EveryGroupRejectsWrongLengthShares) {
    TestRng rng(2);
    for (const Sizes& s : kSizes) {
        SCOPED_TRACE(name_of(s.group));
        auto st = kx_generate(s.group, rng);
        ASSERT_TRUE(st.ok());
        auto srv = kx_respond(s.group, st->share, rng);
        ASSERT_TRUE(srv.ok());
        for (long delta : {-1L, 1L, -static_cast<long>(s.client_share)}) {
            Bytes client = st->share;
            client.resize(client.size() + delta, 0x01);
            auto r = kx_respond(s.group, client, rng);
            ASSERT_FALSE(r.ok()) << delta;
            EXPECT_TRUE(r.error().code() == Errc::malformed ||
                        r.error().code() == Errc::invalid_argument)
                << r.error().to_string();
        }
        for (long delta : {-1L, 1L, -static_cast<long>(s.server_share)}) {
            Bytes server = srv->share;
            server.resize(server.size() + delta, 0x01);
            auto r = kx_finish(*st, server);
            ASSERT_FALSE(r.ok()) << delta;
            EXPECT_TRUE(r.error().code() == Errc::malformed ||
                        r.error().code() == Errc::invalid_argument)
                << r.error().to_string();
        }
    }
}

// An uncompressed point (1, 1) is on none of the curves; neither is a compressed one,
// which TLS 1.3 forbids (RFC 8446 §4.2.8.2).
TEST(AnyGroup, EcGroupsRejectOffCurveAndCompressedPoints) {
    TestRng rng(3);
    for (NamedGroup g : {NamedGroup::secp256r1, NamedGroup::secp384r1, NamedGroup::secp521r1,
                         NamedGroup::brainpoolP256r1tls13, NamedGroup::brainpoolP384r1tls13,
                         NamedGroup::brainpoolP512r1tls13}) {
        SCOPED_TRACE(name_of(g));
        auto st = kx_generate(g, rng);
        ASSERT_TRUE(st.ok());
        Bytes off(st->share.size(), 0);
        off[0] = 0x04;
        off[off.size() / 2] = 1;
        off.back() = 1;
        EXPECT_FALSE(kx_respond(g, off, rng).ok());
        EXPECT_FALSE(kx_finish(*st, off).ok());
        // A real point with one bit of Y flipped leaves the curve.
        Bytes flipped = st->share;
        flipped.back() ^= 1;
        EXPECT_FALSE(kx_respond(g, flipped, rng).ok());
        auto curve = crypto::ec::curve_for_group(g);
        ASSERT_TRUE(curve.has_value());
        auto compressed = crypto::ec::compress_point(*curve, st->share);
        ASSERT_TRUE(compressed.ok());
        EXPECT_FALSE(kx_respond(g, *compressed, rng).ok());
    }
    // The hybrid groups validate their EC half too.
    for (NamedGroup g : {NamedGroup::secp256r1mlkem768, NamedGroup::secp384r1mlkem1024}) {
        SCOPED_TRACE(name_of(g));
        auto st = kx_generate(g, rng);
        ASSERT_TRUE(st.ok());
        Bytes bad = st->share;
        bad[1] ^= 1;
        EXPECT_FALSE(kx_respond(g, bad, rng).ok());
    }
}

// RFC 7919 §5.1 / RFC 8446 §4.2.8.1: 1 < y < p - 1, padded to the prime's length.
TEST(AnyGroup, FfdheRejectsDegenerateValues) {
    TestRng rng(4);
    for (NamedGroup g : {NamedGroup::ffdhe2048, NamedGroup::ffdhe3072, NamedGroup::ffdhe4096,
                         NamedGroup::ffdhe6144, NamedGroup::ffdhe8192}) {
        SCOPED_TRACE(name_of(g));
        auto group = crypto::DhGroup::ffdhe(g);
        ASSERT_TRUE(group.ok());
        const Bytes p = group->p_bytes();
        ASSERT_EQ(p.size(), group->prime_bytes());
        Bytes zero(p.size(), 0);
        Bytes one(p.size(), 0);
        one.back() = 1;
        Bytes p_minus_1 = p;
        p_minus_1.back() -= 1;  // p is odd
        Bytes all_ff(p.size(), 0xff);
        auto st = kx_generate(g, rng);
        ASSERT_TRUE(st.ok());
        for (const Bytes& y : {zero, one, p_minus_1, p, all_ff}) {
            auto r = kx_respond(g, y, rng);
            ASSERT_FALSE(r.ok());
            EXPECT_TRUE(r.error().code() == Errc::invalid_argument ||
                        r.error().code() == Errc::malformed);
            EXPECT_FALSE(kx_finish(*st, y).ok());
        }
        Bytes two(p.size(), 0);
        two.back() = 2;
        EXPECT_TRUE(kx_respond(g, two, rng).ok());
    }
}

// RFC 8446 §7.4.2: an all-zero X25519/X448 result must be refused. Small-order u-values
// (RFC 7748 §5: 0, 1 and the order-8 points) force it.
TEST(AnyGroup, MontgomeryGroupsRejectAllZeroSecret) {
    TestRng rng(5);
    for (NamedGroup g : {NamedGroup::x25519, NamedGroup::x448}) {
        SCOPED_TRACE(name_of(g));
        auto st = kx_generate(g, rng);
        ASSERT_TRUE(st.ok());
        const size_t n = st->share.size();
        Bytes zero(n, 0);
        Bytes one(n, 0);
        one[0] = 1;
        for (const Bytes& u : {zero, one}) {
            auto r = kx_respond(g, u, rng);
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().code(), Errc::invalid_argument);
            auto f = kx_finish(*st, u);
            ASSERT_FALSE(f.ok());
            EXPECT_EQ(f.error().code(), Errc::invalid_argument);
        }
    }
    // An X25519 point of order 8 (RFC 7748 §5 / Curve25519 small-order list).
    const Bytes order8 =
        keel::test::unhex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
    auto r = kx_respond(NamedGroup::x25519, order8, rng);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), Errc::invalid_argument);
    // The hybrid group checks its X25519 half the same way.
    auto st = kx_generate(NamedGroup::x25519mlkem768, rng);
    ASSERT_TRUE(st.ok());
    Bytes client = st->share;
    std::fill(client.end() - 32, client.end(), 0);
    EXPECT_FALSE(kx_respond(NamedGroup::x25519mlkem768, client, rng).ok());
}

// FIPS 203 §7.2: every coefficient of ek below q; §7.3: ciphertext of exact length.
TEST(AnyGroup, MlkemGroupsRejectBadKeysAndCiphertexts) {
    TestRng rng(6);
    for (NamedGroup g : {NamedGroup::mlkem512, NamedGroup::mlkem768, NamedGroup::mlkem1024,
                         NamedGroup::x25519mlkem768, NamedGroup::secp256r1mlkem768,
                         NamedGroup::secp384r1mlkem1024}) {
        SCOPED_TRACE(name_of(g));
        auto st = kx_generate(g, rng);
        ASSERT_TRUE(st.ok());
        // 0xff 0xff 0xff encodes two 12-bit coefficients 4095 >= q = 3329. The ek sits
        // first in the pure and X25519 groups, after the EC point in the NIST hybrids.
        const size_t ek_at = g == NamedGroup::secp256r1mlkem768    ? 65
                             : g == NamedGroup::secp384r1mlkem1024 ? 97
                                                                   : 0;
        Bytes bad = st->share;
        bad[ek_at] = bad[ek_at + 1] = bad[ek_at + 2] = 0xff;
        auto r = kx_respond(g, bad, rng);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::invalid_argument) << r.error().to_string();

        auto srv = kx_respond(g, st->share, rng);
        ASSERT_TRUE(srv.ok());
        for (size_t cut : {1u, 32u}) {
            Bytes ct(srv->share.begin(), srv->share.end() - cut);
            auto f = kx_finish(*st, ct);
            ASSERT_FALSE(f.ok());
            EXPECT_EQ(f.error().code(), Errc::malformed);
        }
        // A corrupted ciphertext of the right length decapsulates to another key
        // (implicit rejection), never to the server's and never to an error.
        if (g == NamedGroup::mlkem512 || g == NamedGroup::mlkem768 || g == NamedGroup::mlkem1024) {
            Bytes ct = srv->share;
            ct[10] ^= 0x40;
            auto f = kx_finish(*st, ct);
            ASSERT_TRUE(f.ok());
            EXPECT_NE(hex(f->view()), hex(srv->shared_secret.view()));
        }
    }
}

TEST(AnyGroup, UnknownGroupIsUnsupported) {
    TestRng rng(7);
    for (uint16_t code : {0x0000, 0x0016, 0x0105, 0x0203, 0x11ee, 0x6399, 0xffff}) {
        const auto g = static_cast<NamedGroup>(code);
        EXPECT_FALSE(group_supported(g));
        EXPECT_EQ(group_name(g), "unknown");
        auto st = kx_generate(g, rng);
        ASSERT_FALSE(st.ok());
        EXPECT_EQ(st.error().code(), Errc::unsupported);
        auto srv = kx_respond(g, Bytes(32, 9), rng);
        ASSERT_FALSE(srv.ok());
        EXPECT_EQ(srv.error().code(), Errc::unsupported);
        crypto::KxClientState fake{g, Bytes(32, 9), SecretBytes(Bytes(32, 1))};
        auto ss = kx_finish(fake, Bytes(32, 9));
        ASSERT_FALSE(ss.ok());
        EXPECT_EQ(ss.error().code(), Errc::unsupported);
    }
}

// A state of one group handed in as another (the engine mixing up its key shares)
// must fail, not compute a secret over the wrong key.
TEST(AnyGroup, FinishRejectsStateOfAnotherGroup) {
    TestRng rng(8);
    auto a = kx_generate(NamedGroup::x25519, rng);
    ASSERT_TRUE(a.ok());
    auto srv = kx_respond(NamedGroup::x448, Bytes(a->share.begin(), a->share.end()), rng);
    EXPECT_FALSE(srv.ok());  // 32 bytes is not an X448 share
    crypto::KxClientState relabelled = *a;
    relabelled.group = NamedGroup::x448;
    auto srv448 = kx_generate(NamedGroup::x448, rng);
    ASSERT_TRUE(srv448.ok());
    EXPECT_FALSE(kx_finish(relabelled, srv448->share).ok());
    crypto::KxClientState as_mlkem = *a;
    as_mlkem.group = NamedGroup::mlkem768;
    EXPECT_FALSE(kx_finish(as_mlkem, Bytes(1088, 0)).ok());
}

TEST(AnyGroup, NamesRoundTrip) {
    const char* names[] = {"secp256r1",
                           "secp384r1",
                           "secp521r1",
                           "x25519",
                           "x448",
                           "brainpoolP256r1tls13",
                           "brainpoolP384r1tls13",
                           "brainpoolP512r1tls13",
                           "ffdhe2048",
                           "ffdhe3072",
                           "ffdhe4096",
                           "ffdhe6144",
                           "ffdhe8192",
                           "mlkem512",
                           "mlkem768",
                           "mlkem1024",
                           "secp256r1mlkem768",
                           "x25519mlkem768",
                           "secp384r1mlkem1024"};
    ASSERT_EQ(std::size(names), supported_groups().size());
    for (size_t i = 0; i < std::size(names); i++) {
        auto g = group_from_name(names[i]);
        ASSERT_TRUE(g.has_value()) << names[i];
        EXPECT_EQ(*g, supported_groups()[i]);
        EXPECT_EQ(group_name(*g), names[i]);
    }
    EXPECT_EQ(group_from_name("x25519mlkem768"), NamedGroup::x25519mlkem768);
    EXPECT_EQ(static_cast<uint16_t>(*group_from_name("x25519mlkem768")), 0x11ec);
    EXPECT_FALSE(group_from_name("X25519").has_value());
    EXPECT_FALSE(group_from_name("").has_value());
    EXPECT_FALSE(group_from_name("secp256r1 ").has_value());
    EXPECT_FALSE(group_from_name("brainpoolP256r1").has_value());
}

// Issue 8: one ECDH key in both the hybrid and the classical key_share entry.
TEST(AnyGroup, SharedPairReusesTheClassicalKey) {
    TestRng rng(9);
    struct Case {
        NamedGroup hybrid, classical;
        bool ecdh_last;
        size_t pub, scalar;
    };
    const Case cases[] = {
        {NamedGroup::x25519mlkem768, NamedGroup::x25519, true, 32, 32},
        {NamedGroup::secp256r1mlkem768, NamedGroup::secp256r1, false, 65, 32},
        {NamedGroup::secp384r1mlkem1024, NamedGroup::secp384r1, false, 97, 48},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(name_of(c.hybrid));
        EXPECT_EQ(classical_component(c.hybrid), c.classical);
        for (int round = 0; round < 3; round++) {
            auto pair = kx_generate_pair(c.hybrid, rng);
            ASSERT_TRUE(pair.ok()) << pair.error().to_string();
            const auto& h = pair->hybrid;
            const auto& p = pair->classical;
            EXPECT_EQ(h.group, c.hybrid);
            EXPECT_EQ(p.group, c.classical);
            ASSERT_EQ(p.share.size(), c.pub);
            ASSERT_EQ(p.private_key.size(), c.scalar);
            const Bytes embedded = c.ecdh_last ? Bytes(h.share.end() - c.pub, h.share.end())
                                               : Bytes(h.share.begin(), h.share.begin() + c.pub);
            EXPECT_EQ(hex(embedded), hex(p.share));

            // The classical state's scalar really is the key behind its share.
            if (c.classical == NamedGroup::x25519) {
                uint8_t pub[32];
                crypto::x25519::scalarmult_base(
                    std::span<uint8_t, 32>(pub, 32),
                    std::span<const uint8_t, 32>(p.private_key.data(), 32));
                EXPECT_EQ(hex(ByteView(pub, 32)), hex(p.share));
            } else {
                auto curve = crypto::ec::curve_for_group(c.classical);
                auto pub = crypto::ec::public_point(*curve, p.private_key.view());
                ASSERT_TRUE(pub.ok());
                EXPECT_EQ(hex(*pub), hex(p.share));
            }

            // Whichever entry the server picks, the client finishes it.
            auto srv_plain = kx_respond(c.classical, p.share, rng);
            ASSERT_TRUE(srv_plain.ok());
            auto ss_plain = kx_finish(p, srv_plain->share);
            ASSERT_TRUE(ss_plain.ok());
            EXPECT_EQ(hex(ss_plain->view()), hex(srv_plain->shared_secret.view()));
            auto srv_h = kx_respond(c.hybrid, h.share, rng);
            ASSERT_TRUE(srv_h.ok());
            auto ss_h = kx_finish(h, srv_h->share);
            ASSERT_TRUE(ss_h.ok());
            EXPECT_EQ(hex(ss_h->view()), hex(srv_h->shared_secret.view()));

            // The ECDH half of the hybrid secret is what the classical key computes
            // against the server's ECDH half.
            const size_t ecdh_secret = c.scalar;
            const Bytes srv_ecdh = c.ecdh_last
                                       ? Bytes(srv_h->share.end() - c.pub, srv_h->share.end())
                                       : Bytes(srv_h->share.begin(), srv_h->share.begin() + c.pub);
            auto via_plain = kx_finish(p, srv_ecdh);
            ASSERT_TRUE(via_plain.ok());
            const ByteView hs = ss_h->view();
            const ByteView ecdh_part = c.ecdh_last ? hs.last(ecdh_secret) : hs.first(ecdh_secret);
            EXPECT_EQ(hex(via_plain->view()), hex(ecdh_part));
        }
    }
    for (NamedGroup g : {NamedGroup::x25519, NamedGroup::mlkem768, NamedGroup::ffdhe2048,
                         static_cast<NamedGroup>(0x1234)}) {
        EXPECT_FALSE(classical_component(g).has_value());
        auto r = kx_generate_pair(g, rng);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code(), Errc::unsupported);
    }
}

}  // namespace
}  // namespace keel::pq
