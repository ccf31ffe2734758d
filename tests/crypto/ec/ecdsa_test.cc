// ECDSA: RFC 6979 §A.2.5-A.2.7 deterministic vectors (parsed from the RFC text), sign
// -> verify round trips on every curve and format, and malformed or out-of-range
// signatures.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/ec/ecdsa.h"
#include "tests/vectors/json.h"

namespace keel::crypto::ec {
namespace {

using test::hex;
using test::unhex;

struct Rfc6979Vector {
    Curve curve;
    std::string x, ux, uy, hash, message, r, s;
};

std::string pad(const std::string& h, size_t bytes) {
    return std::string(2 * bytes - std::min(2 * bytes, h.size()), '0') + h;
}

// Reads "field = HEX" lines with hex continuation lines, as the RFC prints them.
std::vector<Rfc6979Vector> load_rfc6979() {
    std::ifstream in(std::string(KEEL_VECTORS_DIR) + "/rfc6979/ecdsa_prime_a2.txt");
    EXPECT_TRUE(in.good()) << "missing vectors/rfc6979/ecdsa_prime_a2.txt";
    std::vector<Rfc6979Vector> out;
    Rfc6979Vector cur{};
    std::string* last = nullptr;
    std::string line;
    while (std::getline(in, line)) {
        size_t b = line.find_first_not_of(' ');
        std::string t = b == std::string::npos ? "" : line.substr(b);
        auto field = [&](const char* name, std::string& dst) {
            std::string prefix = std::string(name) + " = ";
            if (t.rfind(prefix, 0) != 0) return false;
            dst = t.substr(prefix.size());
            last = &dst;
            return true;
        };
        if (t.rfind("curve: NIST P-", 0) == 0) {
            if (!cur.r.empty()) out.push_back(cur);
            cur.r.clear();
            std::string bits = t.substr(14);
            cur.curve = bits == "256" ? Curve::p256 : bits == "384" ? Curve::p384 : Curve::p521;
            last = nullptr;
        } else if (t.rfind("With ", 0) == 0) {
            if (!cur.r.empty()) out.push_back(cur);
            size_t comma = t.find(", message = \"");
            cur.hash = t.substr(5, comma - 5);
            cur.message = t.substr(comma + 13, t.size() - comma - 13 - 2);
            cur.r.clear();
            cur.s.clear();
            last = nullptr;
        } else if (field("x", cur.x) || field("Ux", cur.ux) || field("Uy", cur.uy) ||
                   field("r", cur.r) || field("s", cur.s)) {
        } else if (t.rfind("k = ", 0) == 0 || t.empty()) {
            last = nullptr;
        } else if (last != nullptr &&
                   t.find_first_not_of("0123456789ABCDEF") == std::string::npos) {
            *last += t;
        }
    }
    if (!cur.r.empty()) out.push_back(cur);
    return out;
}

HashAlg hash_named(const std::string& name) {
    if (name == "SHA-1") return HashAlg::sha1;
    if (name == "SHA-224") return HashAlg::sha224;
    if (name == "SHA-256") return HashAlg::sha256;
    if (name == "SHA-384") return HashAlg::sha384;
    return HashAlg::sha512;
}

TEST(EcdsaRfc6979, AppendixA2PrimeCurves) {
    auto vectors = load_rfc6979();
    ASSERT_EQ(vectors.size(), 30u);  // 3 curves x 5 hashes x 2 messages
    for (const auto& v : vectors) {
        size_t n = curve_bytes(v.curve);
        std::string id = std::string(curve_name(v.curve)) + " " + v.hash + " " + v.message;
        auto key = EcdsaPrivateKey::from_bytes(v.curve, unhex(pad(v.x, n)));
        ASSERT_TRUE(key.ok()) << id;
        EXPECT_EQ(hex(key->public_key().bytes()),
                  "04" + hex(unhex(pad(v.ux, n))) + hex(unhex(pad(v.uy, n))))
            << id;
        auto sig =
            key->sign_deterministic(as_bytes(v.message), hash_named(v.hash), EcdsaFormat::p1363);
        ASSERT_TRUE(sig.ok()) << id;
        EXPECT_EQ(hex(*sig), hex(unhex(pad(v.r, n))) + hex(unhex(pad(v.s, n)))) << id;
        EXPECT_TRUE(key->public_key()
                        .verify(as_bytes(v.message), *sig, hash_named(v.hash), EcdsaFormat::p1363)
                        .ok())
            << id;
        // The same signature in DER verifies too, and round-trips through the parser.
        Bytes der = ecdsa_der_from_raw(ByteView(*sig).first(n), ByteView(*sig).subspan(n));
        auto raw = ecdsa_raw_from_der(der, n);
        ASSERT_TRUE(raw.ok()) << id;
        EXPECT_EQ(*raw, *sig) << id;
        EXPECT_TRUE(key->public_key().verify(as_bytes(v.message), der, hash_named(v.hash)).ok());
    }
}

// A deterministic generator so failures reproduce.
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

TEST(Ecdsa, SignVerifyRoundTripEveryCurveAndFormat) {
    TestRng rng(1);
    for (Curve c : kAllCurves) {
        for (int i = 0; i < 3; i++) {
            auto key = EcdsaPrivateKey::generate(c, rng);
            ASSERT_TRUE(key.ok());
            auto pub = key->public_key();
            Bytes msg(size_t(i * 17), uint8_t(i));
            HashAlg h = i % 3 == 0   ? HashAlg::sha256
                        : i % 3 == 1 ? HashAlg::sha384
                                     : HashAlg::sha512;
            for (EcdsaFormat f : {EcdsaFormat::der, EcdsaFormat::p1363}) {
                auto sig = key->sign(msg, rng, h, f);
                ASSERT_TRUE(sig.ok()) << curve_name(c);
                EXPECT_TRUE(pub.verify(msg, *sig, h, f).ok()) << curve_name(c);
                // Any flipped bit in the signature or the message must fail.
                for (size_t bit = size_t(i); bit < 8 * sig->size(); bit += 37) {
                    Bytes bad = *sig;
                    bad[bit / 8] ^= uint8_t(1u << (bit % 8));
                    EXPECT_FALSE(pub.verify(msg, bad, h, f).ok())
                        << curve_name(c) << " bit " << bit;
                }
                Bytes other = msg;
                other.push_back(1);
                EXPECT_EQ(pub.verify(other, *sig, h, f).error().code(), Errc::auth_failed);
                // The wrong hash fails as well.
                HashAlg h2 = h == HashAlg::sha256 ? HashAlg::sha384 : HashAlg::sha256;
                EXPECT_FALSE(pub.verify(msg, *sig, h2, f).ok());
            }
        }
    }
}

TEST(Ecdsa, HedgedSignaturesDifferButDeterministicOnesRepeat) {
    TestRng rng(2);
    auto key = EcdsaPrivateKey::generate(Curve::p256, rng);
    Bytes msg = {1, 2, 3};
    auto a = key->sign(msg, rng, HashAlg::sha256);
    auto b = key->sign(msg, rng, HashAlg::sha256);
    EXPECT_NE(*a, *b);
    EXPECT_EQ(*key->sign_deterministic(msg, HashAlg::sha256),
              *key->sign_deterministic(msg, HashAlg::sha256));
}

TEST(Ecdsa, RejectsOutOfRangeRAndS) {
    TestRng rng(3);
    for (Curve c : kAllCurves) {
        auto key = EcdsaPrivateKey::generate(c, rng);
        auto pub = key->public_key();
        size_t n = curve_bytes(c);
        Bytes msg = {9};
        auto sig = key->sign(msg, rng, HashAlg::sha256, EcdsaFormat::p1363);
        ASSERT_TRUE(sig.ok());
        Bytes zero(n, 0);
        Bytes r_zero = zero;
        r_zero.insert(r_zero.end(), sig->begin() + ptrdiff_t(n), sig->end());
        EXPECT_EQ(pub.verify(msg, r_zero, HashAlg::sha256, EcdsaFormat::p1363).error().code(),
                  Errc::auth_failed);
        Bytes s_zero(sig->begin(), sig->begin() + ptrdiff_t(n));
        s_zero.insert(s_zero.end(), zero.begin(), zero.end());
        EXPECT_EQ(pub.verify(msg, s_zero, HashAlg::sha256, EcdsaFormat::p1363).error().code(),
                  Errc::auth_failed);
        Bytes big(2 * n, 0xff);
        EXPECT_EQ(pub.verify(msg, big, HashAlg::sha256, EcdsaFormat::p1363).error().code(),
                  Errc::auth_failed);
        EXPECT_FALSE(pub.verify(msg, Bytes(sig->begin(), sig->end() - 1), HashAlg::sha256,
                                EcdsaFormat::p1363)
                         .ok());
    }
}

TEST(Ecdsa, RejectsMalformedDer) {
    TestRng rng(4);
    auto key = EcdsaPrivateKey::generate(Curve::p256, rng);
    auto pub = key->public_key();
    Bytes msg = {7};
    auto der = *key->sign(msg, rng, HashAlg::sha256);
    ASSERT_TRUE(pub.verify(msg, der, HashAlg::sha256).ok());
    auto expect_malformed = [&](const Bytes& sig, const char* what) {
        auto r = pub.verify(msg, sig, HashAlg::sha256);
        ASSERT_FALSE(r.ok()) << what;
        EXPECT_EQ(r.error().code(), Errc::malformed) << what;
    };
    Bytes t = der;
    t.push_back(0);
    expect_malformed(t, "trailing byte");
    expect_malformed(Bytes(der.begin(), der.end() - 1), "truncated");
    expect_malformed({}, "empty");
    t = der;
    t[0] = 0x31;
    expect_malformed(t, "SET instead of SEQUENCE");
    t = der;
    t[1] = uint8_t(t[1] + 1);
    expect_malformed(t, "SEQUENCE length too long");
    // Long-form length for a short SEQUENCE.
    t = {0x30, 0x81, der[1]};
    t.insert(t.end(), der.begin() + 2, der.end());
    expect_malformed(t, "non-minimal length");
    // r with a superfluous leading zero.
    Bytes r(der.begin() + 4, der.begin() + 4 + der[3]);
    Bytes rest(der.begin() + 4 + der[3], der.end());
    Bytes padded = {0x02, uint8_t(r.size() + 1), 0x00};
    padded.insert(padded.end(), r.begin(), r.end());
    if (!(r[0] & 0x80) && r[0] != 0) {
        Bytes seq = {0x30, uint8_t(padded.size() + rest.size())};
        seq.insert(seq.end(), padded.begin(), padded.end());
        seq.insert(seq.end(), rest.begin(), rest.end());
        expect_malformed(seq, "non-minimal INTEGER");
    }
    expect_malformed({0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01}, "negative r");
    expect_malformed({0x30, 0x05, 0x02, 0x00, 0x02, 0x01, 0x01}, "empty INTEGER");
    expect_malformed({0x30, 0x03, 0x02, 0x01, 0x01}, "missing s");
    expect_malformed({0x30, 0x09, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01},
                     "three INTEGERs");
    Bytes huge = {0x30, 0x26, 0x02, 0x21, 0x01};
    huge.insert(huge.end(), 32, 0x11);
    huge.insert(huge.end(), {0x02, 0x01, 0x01});
    expect_malformed(huge, "r wider than the curve");
    EXPECT_EQ(pub.verify(msg, Bytes(63, 1), HashAlg::sha256, EcdsaFormat::p1363).error().code(),
              Errc::malformed);
}

TEST(Ecdsa, RejectsBadPrivateKeys) {
    EXPECT_FALSE(EcdsaPrivateKey::from_bytes(Curve::p256, Bytes(32, 0)).ok());
    EXPECT_FALSE(EcdsaPrivateKey::from_bytes(Curve::p256, Bytes(32, 0xff)).ok());
    EXPECT_FALSE(EcdsaPrivateKey::from_bytes(Curve::p256, Bytes(31, 1)).ok());
    EXPECT_FALSE(EcdsaPrivateKey::from_bytes(Curve::p521, Bytes(66, 0xff)).ok());
    Bytes one(32, 0);
    one[31] = 1;
    EXPECT_TRUE(EcdsaPrivateKey::from_bytes(Curve::p256, one).ok());
}

}  // namespace
}  // namespace keel::crypto::ec
