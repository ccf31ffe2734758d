// Key-type and curve OIDs, hash AlgorithmIdentifiers and RSASSA-PSS parameters
// (RFC 4055 §2.1, §3.1), shared by the codecs of x509/key.
#include <array>

#include "crypto/bn/bn.h"
#include "x509/key/internal/alg_id.h"

namespace keel::x509::detail {
namespace {

using crypto::HashAlg;
using crypto::ec::Curve;

// In KeyType order.
constexpr std::array<Oid, kKeyTypeCount> kKeyOids = {
    oid::kRsaEncryption,   oid::kRsassaPss,
    oid::kEcPublicKey,     oid::kEd25519,
    oid::kEd448,           oid::kMlDsa44,
    oid::kMlDsa65,         oid::kMlDsa87,
    oid::kSlhDsaSha2_128s, oid::kSlhDsaSha2_128f,
    oid::kSlhDsaSha2_192s, oid::kSlhDsaSha2_192f,
    oid::kSlhDsaSha2_256s, oid::kSlhDsaSha2_256f,
    oid::kSlhDsaShake128s, oid::kSlhDsaShake128f,
    oid::kSlhDsaShake192s, oid::kSlhDsaShake192f,
    oid::kSlhDsaShake256s, oid::kSlhDsaShake256f,
    oid::kX25519,          oid::kX448,
    oid::kMlKem512,        oid::kMlKem768,
    oid::kMlKem1024,
};

// In Curve order.
constexpr std::array<Oid, 6> kCurveOids = {oid::kSecp256r1,       oid::kSecp384r1,
                                           oid::kSecp521r1,       oid::kBrainpoolP256r1,
                                           oid::kBrainpoolP384r1, oid::kBrainpoolP512r1};

constexpr Oid kSha224Oid = oid::kSha224;

Error bad(const std::string& what) {
    return Error(Errc::malformed, what);
}

}  // namespace

const Oid& key_type_oid(KeyType type) {
    return kKeyOids[static_cast<size_t>(type)];
}

std::optional<KeyType> key_type_from_oid(const Oid& o) {
    for (size_t i = 0; i < kKeyOids.size(); i++) {
        if (kKeyOids[i] == o) return static_cast<KeyType>(i);
    }
    return std::nullopt;
}

const Oid& curve_oid(Curve c) {
    return kCurveOids[static_cast<size_t>(c)];
}

std::optional<Curve> curve_from_oid(const Oid& o) {
    for (size_t i = 0; i < kCurveOids.size(); i++) {
        if (kCurveOids[i] == o) return static_cast<Curve>(i);
    }
    return std::nullopt;
}

std::optional<HashAlg> pss_hash_from_oid(const Oid& o) {
    if (o == oid::kSha1) return HashAlg::sha1;
    if (o == kSha224Oid) return HashAlg::sha224;
    if (o == oid::kSha256) return HashAlg::sha256;
    if (o == oid::kSha384) return HashAlg::sha384;
    if (o == oid::kSha512) return HashAlg::sha512;
    return std::nullopt;
}

const Oid& hash_oid(HashAlg h) {
    static constexpr Oid kSha1 = oid::kSha1, kSha256 = oid::kSha256, kSha384 = oid::kSha384,
                         kSha512 = oid::kSha512;
    switch (h) {
        case HashAlg::sha224:
            return kSha224Oid;
        case HashAlg::sha256:
            return kSha256;
        case HashAlg::sha384:
            return kSha384;
        case HashAlg::sha512:
            return kSha512;
        default:
            return kSha1;
    }
}

Result<HashAlg> read_hash_alg_id(der::Reader& r) {
    KEEL_TRY_ASSIGN(der::Reader alg, r.sequence());
    KEEL_TRY_ASSIGN(Oid o, alg.oid());
    auto h = pss_hash_from_oid(o);
    if (!h) return Error(Errc::unsupported, "hash algorithm " + oid_name(o) + " not supported");
    if (!alg.empty()) KEEL_TRY(alg.null());
    KEEL_TRY(alg.finish());
    return *h;
}

void write_hash_alg_id(der::Writer& w, HashAlg h) {
    auto s = w.sequence();
    w.oid(hash_oid(h));
    w.null();  // RFC 4055 §2.1: "SHOULD" write NULL, as OpenSSL does
    w.close(s);
}

Result<PssParams> read_pss_params(der::Reader& r) {
    PssParams p;
    KEEL_TRY_ASSIGN(der::Reader seq, r.sequence());
    KEEL_TRY_ASSIGN(auto hash, seq.optional_constructed(der::context_constructed(0)));
    if (hash) {
        KEEL_TRY_ASSIGN(p.hash, read_hash_alg_id(*hash));
        KEEL_TRY(hash->finish());
    }
    KEEL_TRY_ASSIGN(auto mgf, seq.optional_constructed(der::context_constructed(1)));
    if (mgf) {
        KEEL_TRY_ASSIGN(der::Reader alg, mgf->sequence());
        KEEL_TRY(mgf->finish());
        KEEL_TRY_ASSIGN(Oid o, alg.oid());
        if (!(o == oid::kMgf1)) {
            return Error(Errc::unsupported, "mask generation function " + oid_name(o));
        }
        KEEL_TRY_ASSIGN(p.mgf1_hash, read_hash_alg_id(alg));
        KEEL_TRY(alg.finish());
    } else {
        p.mgf1_hash = HashAlg::sha1;
    }
    KEEL_TRY_ASSIGN(auto salt, seq.optional_constructed(der::context_constructed(2)));
    if (salt) {
        KEEL_TRY_ASSIGN(int64_t s, salt->small_unsigned());
        KEEL_TRY(salt->finish());
        if (s > 1024) return bad("RSASSA-PSS salt length out of range");
        p.salt_len = static_cast<size_t>(s);
    }
    KEEL_TRY_ASSIGN(auto trailer, seq.optional_constructed(der::context_constructed(3)));
    if (trailer) {
        KEEL_TRY_ASSIGN(int64_t t, trailer->small_unsigned());
        KEEL_TRY(trailer->finish());
        if (t != 1) return bad("RSASSA-PSS trailerField must be 1 (RFC 4055 §3.1)");
    }
    KEEL_TRY(seq.finish());
    return p;
}

// DER leaves out fields equal to their DEFAULT (X.690 §11.5).
void write_pss_params(der::Writer& w, const PssParams& p) {
    auto seq = w.sequence();
    if (p.hash != HashAlg::sha1) {
        auto t = w.open(der::context_constructed(0));
        write_hash_alg_id(w, p.hash);
        w.close(t);
    }
    if (p.mgf1_hash != HashAlg::sha1) {
        auto t = w.open(der::context_constructed(1));
        auto alg = w.sequence();
        w.oid(oid::kMgf1);
        write_hash_alg_id(w, p.mgf1_hash);
        w.close(alg);
        w.close(t);
    }
    if (p.salt_len != 20) {
        auto t = w.open(der::context_constructed(2));
        w.small_unsigned(p.salt_len);
        w.close(t);
    }
    w.close(seq);
}

Result<void> expect_no_params(const der::Reader& rest, const char* what) {
    if (!rest.empty()) {
        return bad(std::string(what) + ": AlgorithmIdentifier parameters must be absent");
    }
    return ok();
}

// Shift-and-subtract, one bit of a at a time, with masks: the running remainder r
// stays below 2m, so one conditional subtraction per bit keeps it below m.
SecretBytes ct_mod_bytes(ByteView a, ByteView m) {
    namespace bn = crypto::bn;
    const size_t an = bn::limbs_for_bits(8 * a.size());
    const size_t mn = bn::limbs_for_bits(8 * m.size()) + 1;
    bn::Nat av = bn::nat_from_bytes(a, an);
    bn::Nat mv = bn::nat_from_bytes(m, mn);
    bn::Nat r(mn), t(mn);
    for (size_t i = 8 * a.size(); i-- > 0;) {
        // r = 2r + bit
        bn::Limb carry = bn::bit(av.data(), i);
        for (size_t j = 0; j < mn; j++) {
            const bn::Limb next = r[j] >> 63;
            r[j] = (r[j] << 1) | carry;
            carry = next;
        }
        const bn::Limb borrow = bn::sub(t.data(), r.data(), mv.data(), mn);
        bn::cmov(r.data(), t.data(), mn, borrow - 1);  // borrow 0 -> r >= m -> take t
    }
    SecretBytes out(m.size());
    bn::to_bytes(out.mutable_view(), r.data(), mn);
    return out;
}

}  // namespace keel::x509::detail
