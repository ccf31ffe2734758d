// SLH-DSA signing: known answers from an independent implementation
// (vectors/kat/slhdsa_sign.json, made by vectors/kat/gen_slhdsa.mjs with
// @noble/post-quantum), for all twelve parameter sets; then round trips, bit flips
// and bad input. The s-sets sign slowly, so they sign once (their known answer) and
// reuse that signature; the f-sets run every variant.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "crypto/hash/sha256.h"
#include "crypto/rng.h"
#include "pq/slhdsa/slhdsa.h"
#include "tests/vectors/json.h"

namespace keel::pq {
namespace {

using test::Json;
using test::load_vectors;

// Hands out fixed bytes, so hedged signing can be checked against a known answer.
class FixedRng final : public crypto::Rng {
  public:
    explicit FixedRng(Bytes b) : b_(std::move(b)) {}
    Result<void> generate(MutableByteView out) override {
        if (out.size() != b_.size()) return Error(Errc::invalid_argument, "FixedRng size");
        std::memcpy(out.data(), b_.data(), out.size());
        return ok();
    }

  private:
    Bytes b_;
};

bool is_fast(SlhDsaParams p) {
    return std::string(slhdsa_name(p)).back() == 'f';
}

Result<SlhDsaPreHash> prehash_from_name(const std::string& s) {
    if (s == "SHA-256") return SlhDsaPreHash::sha256;
    if (s == "SHA-512") return SlhDsaPreHash::sha512;
    if (s == "SHAKE128") return SlhDsaPreHash::shake128;
    if (s == "SHAKE256") return SlhDsaPreHash::shake256;
    return Error(Errc::unsupported, s);
}

void expect_answer(const Json& want, const Result<Bytes>& sig) {
    ASSERT_TRUE(sig.ok()) << sig.error().to_string();
    EXPECT_EQ(sig->size(), static_cast<size_t>(want["length"].as_int()));
    EXPECT_EQ(test::hex(ByteView(*sig).subspan(0, 64)), want["head"].as_string());
    EXPECT_EQ(test::hex(crypto::Sha256::hash(*sig)), want["sha256"].as_string());
}

// Flips single bits in R, the FORS part, the hypertree part and the last byte.
void expect_bit_flips_fail(const SlhDsaPublicKey& pk, ByteView msg, const Bytes& sig,
                           ByteView ctx) {
    const auto sz = slhdsa_sizes(pk.params());
    const size_t spots[] = {0, sz.n + 3, sz.n + 200, sig.size() / 2, sig.size() - 1};
    for (size_t at : spots) {
        Bytes bad = sig;
        bad[at] ^= 0x10;
        auto r = pk.verify(msg, bad, ctx);
        ASSERT_FALSE(r.ok()) << "flip at " << at;
        EXPECT_EQ(r.error().code(), Errc::auth_failed);
    }
}

void known_answers(bool slow_sets) {
    const Json& root = load_vectors("kat/slhdsa_sign.json");
    size_t sets = 0;
    for (const Json& t : root["tests"].as_array()) {
        SCOPED_TRACE(t["parameterSet"].as_string());
        auto params = slhdsa_params_from_name(t["parameterSet"].as_string());
        ASSERT_TRUE(params.ok());
        if (is_fast(*params) == slow_sets) continue;
        const size_t n = slhdsa_sizes(*params).n;
        Bytes seed = t["seed"].as_hex(), msg = t["message"].as_hex(), ctx = t["context"].as_hex();
        ByteView s(seed);
        auto sk = SlhDsaPrivateKey::from_seeds(*params, s.subspan(0, n), s.subspan(n, n),
                                               s.subspan(2 * n, n));
        ASSERT_TRUE(sk.ok());
        EXPECT_EQ(test::hex(sk->bytes()), t["sk"].as_string());
        const SlhDsaPublicKey pk = sk->public_key();
        EXPECT_EQ(test::hex(pk.bytes()), t["pk"].as_string());

        auto det = sk->sign_deterministic(msg, ctx);
        expect_answer(t["pure_det"], det);
        ASSERT_TRUE(det.ok());
        EXPECT_TRUE(pk.verify(msg, *det, ctx).ok());
        Bytes other = msg;
        other[0] ^= 1;
        EXPECT_EQ(pk.verify(other, *det, ctx).error().code(), Errc::auth_failed);
        expect_bit_flips_fail(pk, msg, *det, ctx);
        sets++;
        if (!is_fast(*params)) continue;

        FixedRng rng(t["addrnd"].as_hex());
        auto hedged = sk->sign(msg, rng, ctx);
        expect_answer(t["pure_rand"], hedged);
        EXPECT_TRUE(pk.verify(msg, *hedged, ctx).ok());

        auto ph = prehash_from_name(t["prehash"].as_string());
        ASSERT_TRUE(ph.ok());
        auto pre = sk->sign_prehash_deterministic(msg, *ph, ctx);
        expect_answer(t["prehash_det"], pre);
        EXPECT_TRUE(pk.verify_prehash(msg, *pre, *ph, ctx).ok());
        // A pre-hash signature is no pure signature, and the other way round.
        EXPECT_FALSE(pk.verify(msg, *pre, ctx).ok());
        EXPECT_FALSE(pk.verify_prehash(msg, *det, *ph, ctx).ok());

        auto internal = sk->sign_internal(msg);
        expect_answer(t["internal_det"], internal);
        EXPECT_TRUE(pk.verify_internal(msg, *internal).ok());
    }
    EXPECT_EQ(sets, 6u);
}

// The s-sets sign once each (seconds under the portable backends): native only.
TEST(SlhDsaSign, KnownAnswersFastSets) {
    known_answers(false);
}
TEST(SlhDsaSign, KnownAnswersSlowSets) {
    known_answers(true);
}

constexpr SlhDsaParams kFast[] = {SlhDsaParams::sha2_128f,  SlhDsaParams::sha2_192f,
                                  SlhDsaParams::sha2_256f,  SlhDsaParams::shake_128f,
                                  SlhDsaParams::shake_192f, SlhDsaParams::shake_256f};

TEST(SlhDsaSign, RoundTripsAndBadInputFastSets) {
    for (SlhDsaParams p : kFast) {
        SCOPED_TRACE(std::string(slhdsa_name(p)));
        auto sk = SlhDsaPrivateKey::generate(crypto::default_rng(), p);
        ASSERT_TRUE(sk.ok());
        const SlhDsaPublicKey pk = sk->public_key();
        const auto sz = slhdsa_sizes(p);
        EXPECT_EQ(pk.bytes().size(), sz.public_key);
        EXPECT_EQ(sk->bytes().size(), sz.private_key);
        const Bytes msg = {'k', 'e', 'e', 'l'}, ctx(255, 0xc3);

        auto sig = sk->sign(msg, crypto::default_rng(), ctx);
        ASSERT_TRUE(sig.ok());
        EXPECT_EQ(sig->size(), sz.signature);
        EXPECT_TRUE(pk.verify(msg, *sig, ctx).ok());
        // Another context, or none, fails.
        EXPECT_EQ(pk.verify(msg, *sig).error().code(), Errc::auth_failed);
        // Hedged signing differs from one call to the next.
        auto sig2 = sk->sign(msg, crypto::default_rng(), ctx);
        ASSERT_TRUE(sig2.ok());
        EXPECT_NE(*sig, *sig2);
        EXPECT_TRUE(pk.verify(msg, *sig2, ctx).ok());

        // Wrong signature lengths are malformed.
        Bytes longer = *sig;
        longer.push_back(0);
        EXPECT_EQ(pk.verify(msg, longer, ctx).error().code(), Errc::malformed);
        Bytes shorter(sig->begin(), sig->end() - 1);
        EXPECT_EQ(pk.verify(msg, shorter, ctx).error().code(), Errc::malformed);
        EXPECT_EQ(pk.verify(msg, {}, ctx).error().code(), Errc::malformed);

        // A context over 255 bytes is refused on both sides.
        const Bytes big_ctx(256, 1);
        EXPECT_EQ(sk->sign(msg, crypto::default_rng(), big_ctx).error().code(),
                  Errc::invalid_argument);
        EXPECT_EQ(sk->sign_deterministic(msg, big_ctx).error().code(), Errc::invalid_argument);
        EXPECT_EQ(pk.verify(msg, *sig, big_ctx).error().code(), Errc::invalid_argument);
        EXPECT_EQ(
            sk->sign_prehash_deterministic(msg, SlhDsaPreHash::sha256, big_ctx).error().code(),
            Errc::invalid_argument);

        // Another key does not verify it.
        auto sk2 = SlhDsaPrivateKey::generate(crypto::default_rng(), p);
        ASSERT_TRUE(sk2.ok());
        EXPECT_EQ(sk2->public_key().verify(msg, *sig, ctx).error().code(), Errc::auth_failed);

        // Key encodings round-trip; a wrong PK.root or length is refused.
        auto sk3 = SlhDsaPrivateKey::from_bytes(p, sk->bytes());
        ASSERT_TRUE(sk3.ok());
        EXPECT_EQ(test::hex(sk3->bytes()), test::hex(sk->bytes()));
        Bytes bad_sk(sk->bytes().begin(), sk->bytes().end());
        bad_sk.back() ^= 1;
        EXPECT_EQ(SlhDsaPrivateKey::from_bytes(p, bad_sk).error().code(), Errc::invalid_argument);
        bad_sk.pop_back();
        EXPECT_EQ(SlhDsaPrivateKey::from_bytes(p, bad_sk).error().code(), Errc::malformed);
        Bytes pk_bytes(pk.bytes().begin(), pk.bytes().end());
        pk_bytes.push_back(0);
        EXPECT_EQ(SlhDsaPublicKey::from_bytes(p, pk_bytes).error().code(), Errc::malformed);
        EXPECT_EQ(sk->sign_internal(msg, Bytes(sz.n + 1, 0)).error().code(),
                  Errc::invalid_argument);

        // Every pre-hash function round-trips and is bound to its OID.
        for (auto ph : {SlhDsaPreHash::sha256, SlhDsaPreHash::sha512, SlhDsaPreHash::shake128,
                        SlhDsaPreHash::shake256}) {
            auto s = sk->sign_prehash(msg, ph, crypto::default_rng(), ctx);
            ASSERT_TRUE(s.ok());
            EXPECT_TRUE(pk.verify_prehash(msg, *s, ph, ctx).ok());
            auto other =
                ph == SlhDsaPreHash::sha256 ? SlhDsaPreHash::sha512 : SlhDsaPreHash::sha256;
            EXPECT_FALSE(pk.verify_prehash(msg, *s, other, ctx).ok());
        }
    }
}

TEST(SlhDsaSign, NamesRoundTrip) {
    for (size_t i = 0; i < 12; i++) {
        auto p = static_cast<SlhDsaParams>(i);
        auto back = slhdsa_params_from_name(slhdsa_name(p));
        ASSERT_TRUE(back.ok());
        EXPECT_EQ(*back, p);
    }
    EXPECT_EQ(slhdsa_params_from_name("SLH-DSA-SHA2-512f").error().code(), Errc::unsupported);
    EXPECT_EQ(slhdsa_sizes(SlhDsaParams::sha2_128s).signature, 7856u);
    EXPECT_EQ(slhdsa_sizes(SlhDsaParams::shake_256f).signature, 49856u);
}

}  // namespace
}  // namespace keel::pq
