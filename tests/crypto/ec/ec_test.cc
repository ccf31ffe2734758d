// Curve arithmetic and ECDH: scalar multiplication against a plain double-and-add
// reference, ECDH symmetry, point encodings and their validation, the TLS key
// exchange, and signatures with r or s equal to n.
#include <gtest/gtest.h>

#include <string>

#include "crypto/ec/ec.h"
#include "crypto/ec/ecdsa.h"
#include "crypto/ec/internal/curve_impl.h"
#include "crypto/ec/internal/curve_ops.h"
#include "crypto/ec/internal/curve_params.h"
#include "tests/vectors/json.h"

namespace keel::crypto::ec {
namespace {

using test::hex;

class TestRng final : public Rng {
  public:
    explicit TestRng(uint64_t seed) : state_(seed) {}
    Result<void> generate(MutableByteView out) override {
        for (auto& b : out) {
            state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
            b = uint8_t(state_ >> 56);
        }
        return ok();
    }

  private:
    uint64_t state_;
};

constexpr Curve kAllCurves[] = {Curve::p256,
                                Curve::p384,
                                Curve::p521,
                                Curve::brainpool_p256r1,
                                Curve::brainpool_p384r1,
                                Curve::brainpool_p512r1};

// Reference k·G: most-significant-bit-first double-and-add over the complete
// formulas, one bit at a time, variable time. Independent of the windows, digit
// recoding, tables and constant-time selection under test.
template <class C>
Bytes reference_base_mult(ByteView k) {
    using Impl = detail::CurveImpl<C, detail::Mont<typename C::Field>>;
    using Ops = typename Impl::Ops;
    typename Impl::Point acc = Ops::infinity();
    typename Impl::Point g{Impl::kG.x, Impl::kG.y, Impl::Field::kOne};
    for (uint8_t byte : k) {
        for (int bit = 7; bit >= 0; bit--) {
            Ops::dbl(acc, acc);
            if ((byte >> bit) & 1) Ops::add(acc, acc, g);
        }
    }
    Bytes xy(2 * Impl::kBytes);
    EXPECT_TRUE(Impl::store_affine(xy.data(), acc, true));
    Bytes out = {0x04};
    out.insert(out.end(), xy.begin(), xy.end());
    return out;
}

template <class C>
void check_scalar_mult(Curve curve, uint64_t seed) {
    TestRng rng(seed);
    size_t n = curve_bytes(curve);
    const auto& ops = detail::curve_ops(curve);
    std::vector<Bytes> scalars;
    // Edges: 1, 2, 15..17 (window boundaries), n-1, n-2, and values with long runs
    // of set bits that carry through every signed digit.
    for (uint8_t small : {1, 2, 15, 16, 17, 31, 32, 33}) {
        Bytes k(n, 0);
        k[n - 1] = small;
        scalars.push_back(k);
    }
    for (uint8_t sub : {1, 2, 3}) {
        Bytes k(ops.order, ops.order + n);
        k[n - 1] = uint8_t(k[n - 1] - sub);  // n ends in an odd byte > 3 on every curve
        scalars.push_back(k);
    }
    Bytes ones(n, 0);
    for (size_t i = n / 2; i < n; i++) ones[i] = 0xff;
    scalars.push_back(ones);
    for (int i = 0; i < 12; i++) {
        auto k = generate_scalar(curve, rng);
        scalars.emplace_back(k->view().begin(), k->view().end());
    }
    Bytes g_enc = reference_base_mult<C>(scalars[0]);  // 1·G
    for (const Bytes& k : scalars) {
        auto fixed = public_point(curve, k);
        ASSERT_TRUE(fixed.ok()) << curve_name(curve) << " " << hex(k);
        EXPECT_EQ(hex(*fixed), hex(reference_base_mult<C>(k)))
            << curve_name(curve) << " " << hex(k);
        // Variable base on G gives the same X coordinate.
        auto var = ecdh(curve, k, g_enc);
        ASSERT_TRUE(var.ok());
        EXPECT_EQ(hex(var->view()), hex(ByteView(*fixed).subspan(1, n))) << curve_name(curve);
    }
}

TEST(EcScalarMult, MatchesDoubleAndAddReference) {
    check_scalar_mult<detail::P256Params>(Curve::p256, 11);
    check_scalar_mult<detail::P384Params>(Curve::p384, 12);
    check_scalar_mult<detail::P521Params>(Curve::p521, 13);
    check_scalar_mult<detail::BrainpoolP256r1Params>(Curve::brainpool_p256r1, 14);
    check_scalar_mult<detail::BrainpoolP384r1Params>(Curve::brainpool_p384r1, 15);
    check_scalar_mult<detail::BrainpoolP512r1Params>(Curve::brainpool_p512r1, 16);
}

TEST(Ecdh, BothSidesAgreeOnEveryCurve) {
    TestRng rng(21);
    for (Curve c : kAllCurves) {
        for (int i = 0; i < 4; i++) {
            auto a = generate_scalar(c, rng);
            auto b = generate_scalar(c, rng);
            auto pa = public_point(c, a->view());
            auto pb = public_point(c, b->view());
            auto s1 = ecdh(c, a->view(), *pb);
            auto s2 = ecdh(c, b->view(), *pa);
            ASSERT_TRUE(s1.ok() && s2.ok());
            EXPECT_EQ(hex(s1->view()), hex(s2->view())) << curve_name(c);
            // Compressed peer points give the same secret.
            auto s3 = ecdh(c, a->view(), *compress_point(c, *pb));
            EXPECT_EQ(hex(s1->view()), hex(s3->view()));
        }
    }
}

TEST(EcPoint, CompressedRoundTripAndValidation) {
    TestRng rng(22);
    for (Curve c : kAllCurves) {
        size_t n = curve_bytes(c);
        for (int i = 0; i < 8; i++) {
            auto k = generate_scalar(c, rng);
            Bytes p = *public_point(c, k->view());
            Bytes comp = *compress_point(c, p);
            ASSERT_EQ(comp.size(), 1 + n);
            EXPECT_EQ(hex(*decode_point(c, comp)), hex(p));
            EXPECT_EQ(hex(*decode_point(c, p)), hex(p));
            // Off the curve: change y.
            Bytes bad = p;
            bad.back() ^= 1;
            EXPECT_EQ(decode_point(c, bad).error().code(), Errc::malformed);
            // Wrong prefix or length.
            bad = p;
            bad[0] = 0x06;
            EXPECT_FALSE(decode_point(c, bad).ok());
            EXPECT_FALSE(decode_point(c, ByteView(p).first(p.size() - 1)).ok());
            bad = p;
            bad.push_back(0);
            EXPECT_FALSE(decode_point(c, bad).ok());
            bad = comp;
            bad[0] = 0x04;
            EXPECT_FALSE(decode_point(c, bad).ok());
        }
        // Infinity, all-zero and coordinates >= p.
        EXPECT_FALSE(decode_point(c, Bytes{0x00}).ok());
        EXPECT_FALSE(decode_point(c, Bytes(1 + 2 * n, 0)).ok());
        Bytes big(1 + 2 * n, 0xff);
        big[0] = 0x04;
        EXPECT_FALSE(decode_point(c, big).ok());
        Bytes bigc(1 + n, 0xff);
        bigc[0] = 0x02;
        EXPECT_FALSE(decode_point(c, bigc).ok());
        EXPECT_FALSE(decode_point(c, Bytes{}).ok());
    }
}

TEST(EcPoint, RejectsXPlusPForm) {
    // The 66-byte P-521 encoding has 7 spare bits, so X + p is representable: it
    // names the same field element and must still be rejected (SEC 1 §2.3.4).
    TestRng rng(23);
    auto k = generate_scalar(Curve::p521, rng);
    Bytes p = *public_point(Curve::p521, k->view());
    // Add p = 2^521 - 1 to X (bytes 1..66): X + 2^521 - 1.
    // X + 2^521 - 1: set bit 521 (byte 1 holds bits 520..527), then subtract 1.
    Bytes bad = p;
    bad[1] |= 0x02;
    for (size_t i = 66; i >= 1; i--) {
        if (bad[i] != 0) {
            bad[i]--;
            break;
        }
        bad[i] = 0xff;
    }
    EXPECT_FALSE(decode_point(Curve::p521, bad).ok());
}

TEST(Ecdh, RejectsBadScalarsAndPoints) {
    TestRng rng(24);
    auto k = generate_scalar(Curve::p256, rng);
    Bytes p = *public_point(Curve::p256, k->view());
    EXPECT_EQ(ecdh(Curve::p256, Bytes(32, 0), p).error().code(), Errc::invalid_argument);
    EXPECT_EQ(ecdh(Curve::p256, Bytes(31, 1), p).error().code(), Errc::invalid_argument);
    Bytes order(detail::curve_ops(Curve::p256).order, detail::curve_ops(Curve::p256).order + 32);
    EXPECT_FALSE(ecdh(Curve::p256, order, p).ok());
    Bytes off = p;
    off[5] ^= 0x10;
    EXPECT_EQ(ecdh(Curve::p256, k->view(), off).error().code(), Errc::malformed);
    // A P-384 point is not a P-256 point.
    auto k384 = generate_scalar(Curve::p384, rng);
    EXPECT_FALSE(ecdh(Curve::p256, k->view(), *public_point(Curve::p384, k384->view())).ok());
}

TEST(EcKx, EveryGroupAgreesAndValidates) {
    TestRng rng(25);
    for (NamedGroup g : {NamedGroup::secp256r1, NamedGroup::secp384r1, NamedGroup::secp521r1,
                         NamedGroup::brainpoolP256r1tls13, NamedGroup::brainpoolP384r1tls13,
                         NamedGroup::brainpoolP512r1tls13}) {
        auto client = kx_generate(g, rng);
        ASSERT_TRUE(client.ok());
        auto server = kx_respond(g, client->share, rng);
        ASSERT_TRUE(server.ok());
        auto secret = kx_finish(*client, server->share);
        ASSERT_TRUE(secret.ok());
        EXPECT_EQ(hex(secret->view()), hex(server->shared_secret.view()));
        Curve c = *curve_for_group(g);
        EXPECT_EQ(secret->size(), curve_bytes(c));
        // Compressed shares are not allowed in TLS 1.3 (RFC 8446 §4.2.8.2).
        auto comp = compress_point(c, client->share);
        EXPECT_EQ(kx_respond(g, *comp, rng).error().code(), Errc::malformed);
        Bytes bad = server->share;
        bad.back() ^= 1;
        EXPECT_FALSE(kx_finish(*client, bad).ok());
        EXPECT_FALSE(kx_finish(*client, ByteView(server->share).first(10)).ok());
    }
    EXPECT_EQ(kx_generate(NamedGroup::x25519, rng).error().code(), Errc::invalid_argument);
}

TEST(Ecdsa, RejectsROrSEqualToOrder) {
    TestRng rng(26);
    for (Curve c : kAllCurves) {
        size_t n = curve_bytes(c);
        auto key = EcdsaPrivateKey::generate(c, rng);
        auto pub = key->public_key();
        Bytes msg = {1};
        Bytes sig = *key->sign(msg, rng, HashAlg::sha256, EcdsaFormat::p1363);
        Bytes order(detail::curve_ops(c).order, detail::curve_ops(c).order + n);
        Bytes r_n = order;
        r_n.insert(r_n.end(), sig.begin() + ptrdiff_t(n), sig.end());
        EXPECT_EQ(pub.verify(msg, r_n, HashAlg::sha256, EcdsaFormat::p1363).error().code(),
                  Errc::auth_failed);
        Bytes s_n(sig.begin(), sig.begin() + ptrdiff_t(n));
        s_n.insert(s_n.end(), order.begin(), order.end());
        EXPECT_EQ(pub.verify(msg, s_n, HashAlg::sha256, EcdsaFormat::p1363).error().code(),
                  Errc::auth_failed);
    }
}

}  // namespace
}  // namespace keel::crypto::ec
