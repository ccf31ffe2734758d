// ML-KEM unit, bad-input, key-exchange and backend-differential tests.
#include "pq/mlkem/mlkem.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

#include "crypto/sha3/sha3.h"
#include "pq/mlkem/internal/kem.h"
#include "tests/crypto/curve25519/test_rng.h"
#include "tests/vectors/json.h"

namespace keel::pq::mlkem {
namespace {

using crypto::test::ReplayRng;
using detail::kQ;
using detail::PolyBackend;
using keel::test::hex;

const ParamSet kAll[] = {ParamSet::mlkem512, ParamSet::mlkem768, ParamSet::mlkem1024};

// Compress_d by exact rational rounding, the FIPS 203 §4.2.1 definition.
TEST(MlkemPoly, CompressMatchesExactRoundingForEveryInput) {
    for (unsigned d : {1u, 4u, 5u, 10u, 11u}) {
        for (uint32_t x = 0; x < static_cast<uint32_t>(kQ); x++) {
            // round(2^d x / q) = floor((2^(d+1) x + q) / 2q)
            const uint32_t want = (((x << (d + 1)) + kQ) / (2 * kQ)) & ((1u << d) - 1);
            ASSERT_EQ(detail::compress_coeff(static_cast<uint16_t>(x), d), want) << d << " " << x;
        }
        for (uint32_t y = 0; y < (1u << d); y++) {
            const uint32_t want = ((y * kQ << 1) + (1u << d)) >> (d + 1);  // round(q y / 2^d)
            ASSERT_EQ(detail::decompress_coeff(static_cast<uint16_t>(y), d), want);
        }
    }
}

TEST(MlkemPoly, ZetasAreMontgomeryPowersOf17) {
    // kZetas[1] = 17^64 * 2^16 mod q; kZetas[0] = 2^16 mod q, centered.
    EXPECT_EQ(detail::kZetas[0], -1044);
    int64_t z64 = 1;
    for (int i = 0; i < 64; i++) z64 = z64 * 17 % kQ;
    int64_t m = z64 * 65536 % kQ;
    if (m > kQ / 2) m -= kQ;
    EXPECT_EQ(detail::kZetas[1], m);
}

// Every backend's compress agrees with portable on every input value 0..q-1.
TEST(MlkemBackends, CompressEveryValue) {
    for (const PolyBackend* be : detail::backends()) {
        SCOPED_TRACE(be->name);
        for (unsigned d : {1u, 4u, 5u, 10u, 11u}) {
            for (int base = 0; base < kQ; base += 256) {
                alignas(32) int16_t a[256];
                for (int i = 0; i < 256; i++) a[i] = static_cast<int16_t>((base + i) % kQ);
                uint8_t o1[352], o2[352];
                detail::kPortable.compress(o1, a, d);
                be->compress(o2, a, d);
                ASSERT_EQ(0, std::memcmp(o1, o2, 32 * d)) << d << " " << base;
            }
        }
    }
}

// NTT then inverse NTT is the identity times 2^16 (the tomont factor) mod q.
TEST(MlkemPoly, NttRoundTrip) {
    std::mt19937 gen(7);
    for (const PolyBackend* be : detail::backends()) {
        SCOPED_TRACE(be->name);
        for (int it = 0; it < 50; it++) {
            alignas(32) int16_t a[256], r[256];
            for (auto& x : a)
                x = static_cast<int16_t>(static_cast<int>(gen() % (2 * kQ - 1)) - (kQ - 1));
            std::memcpy(r, a, sizeof a);
            be->ntt(r);
            be->reduce(r);
            be->invntt(r);
            be->reduce(r);
            for (int i = 0; i < 256; i++) {
                const int64_t want = ((static_cast<int64_t>(a[i]) * 65536) % kQ + kQ) % kQ;
                ASSERT_EQ(r[i], want) << i;
            }
        }
    }
}

// Each backend function against portable, on random inputs within the stated bounds,
// compared mod q (or byte for byte for the encodings).
TEST(MlkemBackends, FunctionsMatchPortable) {
    std::mt19937 gen(11);
    auto rnd = [&](int lo, int hi) {
        return static_cast<int16_t>(lo + static_cast<int>(gen() % (hi - lo + 1)));
    };
    auto modq = [](int x) { return ((x % kQ) + kQ) % kQ; };
    const PolyBackend& ref = detail::kPortable;
    for (const PolyBackend* be : detail::backends()) {
        SCOPED_TRACE(be->name);
        for (int it = 0; it < 300; it++) {
            alignas(32) int16_t a[256], x[256], y[256];
            for (int i = 0; i < 256; i++) a[i] = rnd(-(kQ - 1), kQ - 1);
            std::memcpy(x, a, sizeof a);
            std::memcpy(y, a, sizeof a);
            ref.ntt(x);
            be->ntt(y);
            for (int i = 0; i < 256; i++) {
                ASSERT_LT(std::abs(y[i]), 8 * kQ);
                ASSERT_EQ(modq(x[i]), modq(y[i])) << "ntt " << i;
            }
            std::memcpy(x, a, sizeof a);
            std::memcpy(y, a, sizeof a);
            ref.invntt(x);
            be->invntt(y);
            for (int i = 0; i < 256; i++) {
                ASSERT_LT(std::abs(y[i]), kQ);
                ASSERT_EQ(modq(x[i]), modq(y[i])) << "invntt " << i;
            }
            for (int i = 0; i < 256; i++) a[i] = rnd(-32768, 32767);
            std::memcpy(x, a, sizeof a);
            std::memcpy(y, a, sizeof a);
            ref.reduce(x);
            be->reduce(y);
            ASSERT_EQ(0, std::memcmp(x, y, sizeof x)) << "reduce";

            // basemul_acc for k = 2..4 with a in [0, 4096), b in (-q, q).
            const unsigned k = 2 + it % 3;
            alignas(32) int16_t av[4 * 256], bv[4 * 256], c1[4 * 128], c2[4 * 128];
            for (unsigned i = 0; i < 256 * k; i++) av[i] = rnd(0, 4095);
            for (unsigned i = 0; i < 256 * k; i++) bv[i] = rnd(-(kQ - 1), kQ - 1);
            for (unsigned j = 0; j < k; j++) {
                ref.mulcache(c1 + 128 * j, bv + 256 * j);
                be->mulcache(c2 + 128 * j, bv + 256 * j);
            }
            for (unsigned i = 0; i < 128 * k; i++)
                ASSERT_EQ(modq(c1[i]), modq(c2[i])) << "mulcache";
            ref.basemul_acc(x, av, bv, c1, k);
            be->basemul_acc(y, av, bv, c2, k);
            for (int i = 0; i < 256; i++) {
                ASSERT_LT(std::abs(y[i]), kQ);
                ASSERT_EQ(modq(x[i]), modq(y[i])) << "basemul " << i;
            }

            uint8_t buf[768], o1[384], o2[384];
            for (auto& v : buf) v = static_cast<uint8_t>(gen());
            ref.cbd2(x, buf);
            be->cbd2(y, buf);
            ASSERT_EQ(0, std::memcmp(x, y, sizeof x)) << "cbd2";
            ref.cbd3(x, buf);
            be->cbd3(y, buf);
            ASSERT_EQ(0, std::memcmp(x, y, sizeof x)) << "cbd3";
            for (unsigned d : {1u, 4u, 5u, 10u, 11u}) {
                for (int i = 0; i < 256; i++) a[i] = rnd(0, kQ - 1);
                ref.compress(o1, a, d);
                be->compress(o2, a, d);
                ASSERT_EQ(0, std::memcmp(o1, o2, 32 * d)) << "compress " << d;
                ref.decompress(x, buf, d);
                be->decompress(y, buf, d);
                ASSERT_EQ(0, std::memcmp(x, y, sizeof x)) << "decompress " << d;
            }
            ref.tobytes(o1, a);
            be->tobytes(o2, a);
            ASSERT_EQ(0, std::memcmp(o1, o2, 384)) << "tobytes";
            ref.frombytes(x, buf);
            be->frombytes(y, buf);
            ASSERT_EQ(0, std::memcmp(x, y, sizeof x)) << "frombytes";
            // Rejection sampling over buffers of every length up to 3 blocks, with
            // small and full targets.
            const unsigned buflen = 3 * (gen() % 169);
            const unsigned want = it % 2 ? 256 : gen() % 257;
            int16_t r1[256 + 16], r2[256 + 16];
            const unsigned n1 = ref.rej_uniform(r1, want, buf, buflen);
            const unsigned n2 = be->rej_uniform(r2, want, buf, buflen);
            ASSERT_EQ(n1, n2) << "rej_uniform";
            ASSERT_EQ(0, std::memcmp(r1, r2, 2 * n1)) << "rej_uniform";
        }
    }
}

// Whole-KEM differential: keygen/encaps/decaps (valid and random ciphertexts) byte-equal
// on every backend, 10k random seeds spread over the three parameter sets.
TEST(MlkemBackends, KemMatchesPortableOnRandomSeeds) {
    const auto list = detail::backends();
    if (list.size() < 2) GTEST_SKIP() << "only the portable backend on this CPU / cap";
    ReplayRng rng({}, 99);
    for (int it = 0; it < 10000; it++) {
        const ParamSet ps = kAll[it % 3];
        const Params p = params(ps);
        uint8_t seed[64], m[32];
        ASSERT_TRUE(rng.generate(seed).ok());
        ASSERT_TRUE(rng.generate(m).ok());
        auto kp0 = detail::keygen_from_seed(detail::kPortable, ps, seed);
        auto enc0 = detail::encaps_internal(detail::kPortable, ps, kp0->ek, m);
        Bytes bad = enc0->c;
        bad[it % bad.size()] ^= static_cast<uint8_t>(1 + it % 255);
        auto dec0 = detail::decaps(detail::kPortable, ps, kp0->dk.view(), enc0->c);
        auto rej0 = detail::decaps(detail::kPortable, ps, kp0->dk.view(), bad);
        ASSERT_EQ(0, std::memcmp(dec0->data(), enc0->k.data(), 32));
        ASSERT_NE(0, std::memcmp(rej0->data(), enc0->k.data(), 32));
        for (size_t b = 1; b < list.size(); b++) {
            const PolyBackend& be = *list[b];
            auto kp = detail::keygen_from_seed(be, ps, seed);
            ASSERT_EQ(kp->ek, kp0->ek) << be.name << " " << it;
            ASSERT_EQ(0, std::memcmp(kp->dk.data(), kp0->dk.data(), p.dk_size()));
            auto enc = detail::encaps_internal(be, ps, kp0->ek, m);
            ASSERT_EQ(enc->c, enc0->c) << be.name << " " << it;
            ASSERT_EQ(0, std::memcmp(enc->k.data(), enc0->k.data(), 32));
            auto dec = detail::decaps(be, ps, kp0->dk.view(), enc0->c);
            ASSERT_EQ(0, std::memcmp(dec->data(), dec0->data(), 32));
            auto rej = detail::decaps(be, ps, kp0->dk.view(), bad);
            ASSERT_EQ(0, std::memcmp(rej->data(), rej0->data(), 32)) << be.name << " " << it;
        }
    }
}

TEST(Mlkem, RoundTripThroughPublicApi) {
    ReplayRng rng({}, 5);
    for (ParamSet ps : kAll) {
        const Params p = params(ps);
        auto kp = keygen(ps, rng);
        ASSERT_TRUE(kp.ok());
        EXPECT_EQ(kp->ek.size(), p.ek_size());
        EXPECT_EQ(kp->dk.size(), p.dk_size());
        EXPECT_TRUE(check_ek(ps, kp->ek).ok());
        EXPECT_TRUE(check_dk(ps, kp->dk.view()).ok());
        auto enc = encaps(ps, kp->ek, rng);
        ASSERT_TRUE(enc.ok());
        EXPECT_EQ(enc->c.size(), p.ct_size());
        auto k = decaps(ps, kp->dk.view(), enc->c);
        ASSERT_TRUE(k.ok());
        EXPECT_EQ(hex(k->view()), hex(enc->k.view()));
    }
}

TEST(Mlkem, RejectsWrongLengthsAndBadKeys) {
    ReplayRng rng({}, 6);
    for (ParamSet ps : kAll) {
        const Params p = params(ps);
        auto kp = keygen(ps, rng);
        ASSERT_TRUE(kp.ok());
        const Bytes ek = kp->ek;
        const Bytes dk(kp->dk.data(), kp->dk.data() + kp->dk.size());
        auto enc = encaps(ps, ek, rng);
        ASSERT_TRUE(enc.ok());
        // Wrong lengths: one short, one long, empty, for ek, dk, c and seed.
        for (long delta : {-1L, 1L}) {
            Bytes e2 = ek, d2 = dk, c2 = enc->c;
            e2.resize(ek.size() + delta);
            d2.resize(dk.size() + delta);
            c2.resize(enc->c.size() + delta);
            EXPECT_EQ(encaps(ps, e2, rng).error().code(), Errc::malformed);
            EXPECT_EQ(check_ek(ps, e2).error().code(), Errc::malformed);
            EXPECT_EQ(decaps(ps, d2, enc->c).error().code(), Errc::malformed);
            EXPECT_EQ(check_dk(ps, d2).error().code(), Errc::malformed);
            EXPECT_EQ(decaps(ps, dk, c2).error().code(), Errc::malformed);
            Bytes seed(64 + delta, 1);
            EXPECT_EQ(keygen_from_seed(ps, seed).error().code(), Errc::malformed);
            EXPECT_EQ(decaps_seed(ps, seed, enc->c).error().code(), Errc::malformed);
        }
        EXPECT_FALSE(encaps(ps, Bytes(), rng).ok());
        EXPECT_FALSE(decaps(ps, Bytes(), Bytes()).ok());
        // Truncated ciphertexts of every shorter length are rejected.
        for (size_t n = 0; n < p.ct_size(); n += 97) {
            EXPECT_EQ(decaps(ps, dk, ByteView(enc->c).first(n)).error().code(), Errc::malformed);
        }
        // A coefficient >= q (each 12-bit slot in turn set to q .. 4095) fails §7.2.
        for (size_t slot = 0; slot < 256 * p.k; slot += 37) {
            for (uint16_t v : {static_cast<uint16_t>(kQ), static_cast<uint16_t>(4095)}) {
                Bytes e2 = ek;
                uint8_t* t = e2.data() + 3 * (slot / 2);
                if (slot % 2 == 0) {
                    t[0] = static_cast<uint8_t>(v);
                    t[1] = static_cast<uint8_t>((t[1] & 0xf0) | (v >> 8));
                } else {
                    t[1] = static_cast<uint8_t>((t[1] & 0x0f) | ((v & 0xf) << 4));
                    t[2] = static_cast<uint8_t>(v >> 4);
                }
                EXPECT_EQ(check_ek(ps, e2).error().code(), Errc::invalid_argument);
                EXPECT_EQ(encaps(ps, e2, rng).error().code(), Errc::invalid_argument);
            }
        }
        // The rho part of ek is not range-checked: any bytes are fine.
        Bytes e3 = ek;
        e3.back() ^= 0xff;
        EXPECT_TRUE(check_ek(ps, e3).ok());
        // A dk whose H(ek) or embedded ek was altered fails §7.3.
        Bytes d3 = dk;
        d3[384 * p.k + p.ek_size()] ^= 1;
        EXPECT_EQ(decaps(ps, d3, enc->c).error().code(), Errc::invalid_argument);
        Bytes d4 = dk;
        d4[384 * p.k + 5] ^= 1;
        EXPECT_EQ(check_dk(ps, d4).error().code(), Errc::invalid_argument);
        // A modified ciphertext is not an error: it gives the implicit-rejection key.
        Bytes c3 = enc->c;
        c3[0] ^= 1;
        auto k = decaps(ps, dk, c3);
        ASSERT_TRUE(k.ok());
        EXPECT_NE(hex(k->view()), hex(enc->k.view()));
    }
}

// The implicit-rejection key is J(z || c) = SHAKE256(z || c)[0:32] (FIPS 203 Alg. 18).
TEST(Mlkem, ImplicitRejectionKeyIsJOfZAndC) {
    ReplayRng rng({}, 8);
    for (ParamSet ps : kAll) {
        const Params p = params(ps);
        auto kp = keygen(ps, rng);
        ASSERT_TRUE(kp.ok());
        Bytes c(p.ct_size(), 0x5c);
        auto k = decaps(ps, kp->dk.view(), c);
        ASSERT_TRUE(k.ok());
        Bytes zc(kp->dk.data() + p.dk_size() - 32, kp->dk.data() + p.dk_size());
        zc.insert(zc.end(), c.begin(), c.end());
        uint8_t want[32];
        crypto::Shake256::hash(zc, want);
        EXPECT_EQ(hex(k->view()), hex(ByteView(want)));
    }
}

TEST(MlkemKx, RoundTripsForEveryGroup) {
    ReplayRng rng({}, 9);
    for (ParamSet ps : kAll) {
        const Params p = params(ps);
        auto st = kx_generate(ps, rng);
        ASSERT_TRUE(st.ok());
        EXPECT_EQ(st->group, named_group(ps));
        EXPECT_EQ(st->share.size(), p.ek_size());
        auto srv = kx_respond(ps, st->share, rng);
        ASSERT_TRUE(srv.ok());
        EXPECT_EQ(srv->share.size(), p.ct_size());
        auto sec = kx_finish(ps, *st, srv->share);
        ASSERT_TRUE(sec.ok());
        EXPECT_EQ(sec->size(), 32u);
        EXPECT_EQ(hex(sec->view()), hex(srv->shared_secret.view()));
        // Bad shares.
        Bytes short_share(st->share.begin(), st->share.end() - 1);
        EXPECT_EQ(kx_respond(ps, short_share, rng).error().code(), Errc::malformed);
        Bytes high = st->share;
        high[0] = 0xff;
        high[1] |= 0x0f;  // first coefficient 4095
        EXPECT_EQ(kx_respond(ps, high, rng).error().code(), Errc::invalid_argument);
        Bytes short_ct(srv->share.begin(), srv->share.end() - 1);
        EXPECT_EQ(kx_finish(ps, *st, short_ct).error().code(), Errc::malformed);
        // A state of another group is refused.
        const ParamSet other = ps == ParamSet::mlkem768 ? ParamSet::mlkem512 : ParamSet::mlkem768;
        EXPECT_FALSE(kx_finish(other, *st, srv->share).ok());
    }
}

}  // namespace
}  // namespace keel::pq::mlkem
