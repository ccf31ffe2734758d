// P-256 backends (docs/backends.md) against the portable implementation: field
// operations on random and edge elements, then every CurveOps entry point — fixed-
// and variable-base multiplication, ECDSA sign/verify cores, point decoding — on
// random and edge scalars. Runs under every KEEL_CPU cap; backends the cap excludes
// are not listed and so not run.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "base/cpu.h"
#include "crypto/ec/internal/curve_impl.h"
#include "crypto/ec/internal/curve_ops.h"
#include "crypto/ec/internal/curve_params.h"
#include "crypto/ec/internal/p256_field.h"

namespace keel::crypto::ec::detail {
namespace {

using Ref = Mont<P256Params::Field>;
using Fe = Ref::Fe;

bool have_adx() {
    for (const auto& b : p256_backends())
        if (std::string_view(b.name) == "adx") return true;
    return false;
}

// Random element below p, biased toward the edges: limbs of all-zeros/all-ones and
// values near p, where carries and the final subtraction are exercised.
Fe random_fe(std::mt19937_64& g) {
    Fe r;
    switch (g() % 8) {
        case 0:
            for (auto& l : r) l = (g() & 1) ? ~u64(0) : 0;
            break;
        case 1:
            r = Ref::kM;
            r[0] -= 1 + g() % 1000;
            return r;
        case 2:
            r = Fe{};
            r[0] = g() % 4;
            return r;
        default:
            for (auto& l : r) l = g();
    }
    Ref::reduce_once(r, r);  // r < 2^256 < 2p
    return r;
}

TEST(EcBackends, P256AdxFieldMatchesPortable) {
    if (!have_adx()) GTEST_SKIP() << "adx backend not available under this KEEL_CPU";
    std::mt19937_64 g(256);
    for (int i = 0; i < 20000; i++) {
        Fe a = random_fe(g), b = random_fe(g), want, got;
        Ref::mul(want, a, b);
        P256AdxField::mul(got, a, b);
        ASSERT_EQ(want, got) << "mul " << i;
        Ref::mul(want, a, a);
        P256AdxField::sqr(got, a);
        ASSERT_EQ(want, got) << "sqr " << i;
        Ref::add(want, a, b);
        P256AdxField::add(got, a, b);
        ASSERT_EQ(want, got) << "add " << i;
        Ref::sub(want, a, b);
        P256AdxField::sub(got, a, b);
        ASSERT_EQ(want, got) << "sub " << i;
        Ref::neg(want, a);
        P256AdxField::neg(got, a);
        ASSERT_EQ(want, got) << "neg " << i;
        // In-place (aliased) operands.
        got = a;
        P256AdxField::mul(got, got, got);
        Ref::mul(want, a, a);
        ASSERT_EQ(want, got) << "aliased mul " << i;
        if (i % 64 == 0) {
            Ref::inv(want, a);
            P256AdxField::inv(got, a);
            ASSERT_EQ(want, got) << "inv " << i;
        }
    }
}

TEST(EcBackends, P256AdxOrderMatchesPortable) {
    if (!have_adx()) GTEST_SKIP() << "adx backend not available under this KEEL_CPU";
    using RefN = Mont<P256Params::Order>;
    std::mt19937_64 g(0x6e);
    for (int i = 0; i < 20000; i++) {
        RefN::Fe a, b, want, got;
        for (auto* x : {&a, &b}) {
            for (auto& l : *x) l = g() % 3 == 0 ? ~u64(0) : g();
            if (g() % 8 == 0) *x = RefN::m_minus(1 + g() % 4);
            RefN::reduce_once(*x, *x);  // < 2^256 < 2n
        }
        RefN::mul(want, a, b);
        P256AdxOrder::mul(got, a, b);
        ASSERT_EQ(want, got) << "mul " << i;
        RefN::mul(want, a, a);
        P256AdxOrder::sqr(got, a);
        ASSERT_EQ(want, got) << "sqr " << i;
        if (i % 64 == 0) {
            RefN::inv(want, a);
            P256AdxOrder::inv(got, a);
            ASSERT_EQ(want, got) << "inv " << i;
        }
    }
}

// Random scalar in [1, n-1] and edge scalars (1, 2, small window boundaries, n-1..n-3).
std::vector<std::array<uint8_t, 32>> scalars(std::mt19937_64& g, const CurveOps& ops, int n) {
    std::vector<std::array<uint8_t, 32>> out;
    for (uint8_t small : {1, 2, 3, 15, 16, 17, 31, 32, 33, 63, 64, 65}) {
        std::array<uint8_t, 32> k{};
        k[31] = small;
        out.push_back(k);
    }
    for (uint8_t sub : {1, 2, 3, 16, 17, 32}) {
        std::array<uint8_t, 32> k;
        std::copy(ops.order, ops.order + 32, k.begin());
        k[31] = uint8_t(k[31] - sub);  // n ends in 0x51: no borrow
        out.push_back(k);
    }
    while (int(out.size()) < n) {
        std::array<uint8_t, 32> k;
        for (auto& b : k) b = uint8_t(g());
        if (g() % 4 == 0) std::fill(k.begin() + 1 + g() % 30, k.end(), uint8_t(g() % 2 ? 0xff : 0));
        if (ops.scalar_valid(k.data())) out.push_back(k);
    }
    return out;
}

TEST(EcBackends, P256CurveOpsMatchPortable) {
    const CurveOps& ref = kP256Ops;
    std::mt19937_64 g(0x256);
    auto ks = scalars(g, ref, 300);
    for (const auto& b : p256_backends()) {
        SCOPED_TRACE(b.name);
        const CurveOps& ops = *b.ops;
        for (size_t i = 0; i < ks.size(); i++) {
            const uint8_t* k = ks[i].data();
            const uint8_t* d = ks[(i * 7 + 3) % ks.size()].data();
            uint8_t want[64], got[64];
            ref.base_mult(k, want);
            ops.base_mult(k, got);
            ASSERT_EQ(0, memcmp(want, got, 64)) << "base_mult " << i;

            // Peer point d·G (through the backend's own decoder).
            uint8_t peer[64], enc[65] = {0x04};
            ref.base_mult(d, peer);
            std::copy(peer, peer + 64, enc + 1);
            ASSERT_TRUE(ops.decode_point(ByteView(enc, 65), got));
            ASSERT_EQ(0, memcmp(peer, got, 64));
            uint8_t comp[33] = {uint8_t(0x02 | (peer[63] & 1))};
            std::copy(peer, peer + 32, comp + 1);
            ASSERT_TRUE(ops.decode_point(ByteView(comp, 33), got)) << "compressed " << i;
            ASSERT_EQ(0, memcmp(peer, got, 64));
            enc[64] ^= 1;  // off the curve
            ASSERT_FALSE(ops.decode_point(ByteView(enc, 65), got));

            ASSERT_TRUE(ref.ecdh(k, peer, want));
            ASSERT_TRUE(ops.ecdh(k, peer, got));
            ASSERT_EQ(0, memcmp(want, got, 32)) << "ecdh " << i;

            // Sign with key d, nonce k, hash e; verify with the public key d·G.
            uint8_t e[32];
            for (auto& x : e) x = uint8_t(g());
            uint8_t r1[32], s1[32], r2[32], s2[32];
            bool ok1 = ref.sign(d, e, k, r1, s1);
            bool ok2 = ops.sign(d, e, k, r2, s2);
            ASSERT_EQ(ok1, ok2);
            ASSERT_EQ(0, memcmp(r1, r2, 32)) << "sign r " << i;
            ASSERT_EQ(0, memcmp(s1, s2, 32)) << "sign s " << i;
            ASSERT_TRUE(ops.verify(peer, e, r2, s2)) << "verify " << i;
            e[i % 32] ^= uint8_t(1 << (i % 8));
            ASSERT_FALSE(ops.verify(peer, e, r2, s2)) << "verify bad hash " << i;
            ASSERT_EQ(ref.verify(peer, e, r1, s1), ops.verify(peer, e, r2, s2));
        }
    }
}

}  // namespace
}  // namespace keel::crypto::ec::detail
