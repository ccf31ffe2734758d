// DER private keys: PKCS#1 RSAPrivateKey (RFC 8017 A.1.2), SEC 1 ECPrivateKey
// (RFC 5915 §3) and PKCS#8 OneAsymmetricKey v1/v2 (RFC 5958 §2) for every key type.
// The forms are listed in x509/key/key_io.h.
#include <algorithm>
#include <array>
#include <string>

#include "base/ct.h"
#include "crypto/bn/bn.h"
#include "x509/key/internal/alg_id.h"
#include "x509/key/internal/key_impl.h"
#include "x509/key/key_io.h"

namespace keel::x509 {
namespace {

using crypto::ec::Curve;

Error bad(const std::string& what) {
    return Error(Errc::malformed, what);
}

SecretBytes take_secret(der::Writer& w) {
    Bytes b = w.take();
    SecretBytes out(b);
    secure_wipe(b.data(), b.size());
    return out;
}

// ---- PKCS#1 ----

Result<crypto::RsaPrivateKey> read_rsa_private(ByteView der) {
    KEEL_TRY_ASSIGN(der::Reader seq, der::parse(der, der::kSequence));
    KEEL_TRY_ASSIGN(int64_t version, seq.small_unsigned());
    if (version == 1) return Error(Errc::unsupported, "multi-prime RSA keys are not supported");
    if (version != 0) return bad("RSAPrivateKey version must be 0");
    ByteView f[8];
    for (ByteView& v : f) {
        KEEL_TRY_ASSIGN(v, seq.unsigned_integer());
    }
    KEEL_TRY(seq.finish());
    return crypto::RsaPrivateKey::from_components(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]);
}

Result<void> write_rsa_private(der::Writer& w, const crypto::RsaPrivateKey& k) {
    if (!k.has_crt()) {
        return Error(Errc::unsupported, "RSA key without its primes cannot be written");
    }
    const auto pub = k.public_key();
    const SecretBytes d = k.d_bytes(), p = k.p_bytes(), q = k.q_bytes();
    // p and q are odd, so p - 1 and q - 1 only change the last byte.
    SecretBytes p1(p.view()), q1(q.view());
    p1.data()[p1.size() - 1] ^= 1;
    q1.data()[q1.size() - 1] ^= 1;
    const SecretBytes dp = detail::ct_mod_bytes(d.view(), p1.view());
    const SecretBytes dq = detail::ct_mod_bytes(d.view(), q1.view());
    // qinv = q^-1 mod p (Fermat, p prime): constant time in p and q.
    auto pm = crypto::bn::Modulus::from_bytes(p.view());
    if (!pm) return pm.error();
    const SecretBytes q_mod_p = detail::ct_mod_bytes(q.view(), p.view());
    crypto::bn::Nat qr = crypto::bn::nat_from_bytes(q_mod_p.view(), pm->limbs());
    crypto::bn::Nat inv(pm->limbs());
    pm->inverse_prime(inv.data(), qr.data());
    SecretBytes qinv(p.size());
    crypto::bn::to_bytes(qinv.mutable_view(), inv.data(), pm->limbs());

    auto seq = w.sequence();
    w.small_unsigned(0);
    w.unsigned_integer(pub.n_bytes());
    w.unsigned_integer(pub.e_bytes());
    const std::array<const SecretBytes*, 6> parts = {&d, &p, &q, &dp, &dq, &qinv};
    for (const SecretBytes* v : parts) w.unsigned_integer(v->view());
    w.close(seq);
    return ok();
}

// ---- SEC 1 ----

Result<PrivateKey> read_ec_private(ByteView der, std::optional<Curve> curve) {
    KEEL_TRY_ASSIGN(der::Reader seq, der::parse(der, der::kSequence));
    KEEL_TRY_ASSIGN(int64_t version, seq.small_unsigned());
    if (version != 1) return bad("ECPrivateKey version must be 1 (RFC 5915)");
    KEEL_TRY_ASSIGN(ByteView scalar, seq.octet_string());
    KEEL_TRY_ASSIGN(auto params, seq.optional_constructed(der::context_constructed(0)));
    if (params) {
        if (!params->next_is(der::kOid)) {
            return Error(Errc::unsupported, "EC keys need a namedCurve (RFC 5915 §3)");
        }
        KEEL_TRY_ASSIGN(Oid o, params->oid());
        KEEL_TRY(params->finish());
        auto c = detail::curve_from_oid(o);
        if (!c) return Error(Errc::unsupported, "curve " + oid_name(o));
        if (curve && *curve != *c) return bad("ECPrivateKey curve differs from the algorithm's");
        curve = c;
    }
    KEEL_TRY_ASSIGN(auto pub, seq.optional_constructed(der::context_constructed(1)));
    KEEL_TRY(seq.finish());
    if (!curve) return bad("ECPrivateKey without a curve");
    // RFC 5915 §3: the scalar is ceiling(log2(n)/8) octets; shorter ones (an encoder
    // that dropped leading zeros) are padded, longer ones refused.
    const size_t n = crypto::ec::curve_bytes(*curve);
    if (scalar.size() > n || scalar.empty()) return bad("ECPrivateKey scalar has the wrong length");
    SecretBytes padded(n);
    for (size_t i = 0; i < scalar.size(); i++) padded.data()[n - scalar.size() + i] = scalar[i];
    KEEL_TRY_ASSIGN(PrivateKey key, PrivateKey::from_ec(*curve, padded.view()));
    if (pub) {
        KEEL_TRY_ASSIGN(ByteView point, pub->bit_string_octets());
        KEEL_TRY(pub->finish());
        KEEL_TRY_ASSIGN(Bytes decoded, crypto::ec::decode_point(*curve, point));
        if (ByteView(decoded).size() != key.public_key().raw().size() ||
            !std::equal(decoded.begin(), decoded.end(), key.public_key().raw().begin())) {
            return Error(Errc::invalid_argument, "ECPrivateKey public key does not match");
        }
    }
    return key;
}

void write_ec_private(der::Writer& w, const crypto::ec::EcdsaPrivateKey& k, bool with_curve) {
    auto seq = w.sequence();
    w.small_unsigned(1);
    w.octet_string(k.scalar());
    if (with_curve) {
        auto t = w.open(der::context_constructed(0));
        w.oid(detail::curve_oid(k.curve()));
        w.close(t);
    }
    auto t = w.open(der::context_constructed(1));
    w.bit_string(k.public_key().bytes());
    w.close(t);
    w.close(seq);
}

// ---- ML-DSA / ML-KEM CHOICE { seed [0], expandedKey, both } ----

struct SeedExpanded {
    std::optional<ByteView> seed;
    std::optional<ByteView> expanded;
};

Result<SeedExpanded> read_seed_choice(ByteView body) {
    der::Reader r(body);
    SeedExpanded out;
    KEEL_TRY_ASSIGN(der::Element e, r.any());
    KEEL_TRY(r.finish());
    if (e.tag == der::context(0)) {
        out.seed = e.contents;
    } else if (e.tag == der::kOctetString) {
        out.expanded = e.contents;
    } else if (e.tag == der::kSequence) {
        der::Reader both(e.contents);
        KEEL_TRY_ASSIGN(out.seed, both.octet_string());
        KEEL_TRY_ASSIGN(out.expanded, both.octet_string());
        KEEL_TRY(both.finish());
    } else {
        return bad("private key is none of seed, expandedKey, both");
    }
    return out;
}

void write_seed_choice(der::Writer& w, ByteView seed, ByteView expanded, PqKeyForm form) {
    if (seed.empty()) form = PqKeyForm::expanded;
    if (form == PqKeyForm::seed) {
        w.element(der::context(0), seed);
    } else if (form == PqKeyForm::expanded) {
        w.octet_string(expanded);
    } else {
        auto s = w.sequence();
        w.octet_string(seed);
        w.octet_string(expanded);
        w.close(s);
    }
}

Result<PrivateKey> read_pq_private(KeyType type, ByteView body) {
    KEEL_TRY_ASSIGN(SeedExpanded f, read_seed_choice(body));
    const size_t seed_len = detail::is_mldsa(type) ? 32 : 64;
    if (f.seed && f.seed->size() != seed_len) return bad("private key seed has the wrong length");
    KEEL_TRY_ASSIGN(PrivateKey key, PrivateKey::from_raw(type, f.seed ? *f.seed : *f.expanded));
    if (f.seed && f.expanded) {
        // "both": the expanded key must be the one the seed gives.
        KEEL_TRY_ASSIGN(PrivateKey other, PrivateKey::from_raw(type, *f.expanded));
        if (!(other.public_key() == key.public_key())) {
            return Error(Errc::invalid_argument, "seed and expandedKey disagree");
        }
        const auto& impl = key.impl();
        ByteView mine;
        if (auto* k = std::get_if<pq::MlDsaPrivateKey>(&impl.key)) mine = k->bytes().view();
        if (auto* k = std::get_if<detail::MlKemPrivate>(&impl.key)) mine = k->dk.view();
        if (!ct::equal(mine, *f.expanded)) {
            return Error(Errc::invalid_argument, "seed and expandedKey disagree");
        }
    }
    return key;
}

// ---- PKCS#8 ----

Result<void> check_public(const PrivateKey& key, ByteView given) {
    const PublicKey& pub = key.public_key();
    bool same = false;
    if (pub.type() == KeyType::rsa || pub.type() == KeyType::rsa_pss) {
        KEEL_TRY_ASSIGN(der::Reader body, der::parse(given, der::kSequence));
        KEEL_TRY_ASSIGN(ByteView n, body.unsigned_integer());
        KEEL_TRY_ASSIGN(ByteView e, body.unsigned_integer());
        KEEL_TRY(body.finish());
        const Bytes kn = pub.rsa_n(), ke = pub.rsa_e();
        same = Bytes(n.begin(), n.end()) == kn && Bytes(e.begin(), e.end()) == ke;
    } else if (auto c = pub.curve()) {
        KEEL_TRY_ASSIGN(Bytes point, crypto::ec::decode_point(*c, given));
        same = ByteView(point).size() == pub.raw().size() &&
               std::equal(point.begin(), point.end(), pub.raw().begin());
    } else {
        same = given.size() == pub.raw().size() &&
               std::equal(given.begin(), given.end(), pub.raw().begin());
    }
    if (!same) return Error(Errc::invalid_argument, "PKCS#8 publicKey does not match the key");
    return ok();
}

}  // namespace

Result<PrivateKey> parse_pkcs1_private(ByteView der) {
    KEEL_TRY_ASSIGN(crypto::RsaPrivateKey k, read_rsa_private(der));
    return PrivateKey::from_rsa(k);
}

Result<SecretBytes> to_pkcs1_private(const PrivateKey& key) {
    auto* k = std::get_if<crypto::RsaPrivateKey>(&key.impl().key);
    if (k == nullptr) return Error(Errc::invalid_argument, "not an RSA private key");
    der::Writer w;
    KEEL_TRY(write_rsa_private(w, *k));
    return take_secret(w);
}

Result<PrivateKey> parse_sec1(ByteView der, std::optional<Curve> curve) {
    return read_ec_private(der, curve);
}

Result<SecretBytes> to_sec1(const PrivateKey& key) {
    auto* k = std::get_if<crypto::ec::EcdsaPrivateKey>(&key.impl().key);
    if (k == nullptr) return Error(Errc::invalid_argument, "not an EC private key");
    der::Writer w;
    write_ec_private(w, *k, true);
    return take_secret(w);
}

Result<PrivateKey> parse_pkcs8(ByteView der) {
    KEEL_TRY_ASSIGN(der::Reader seq, der::parse(der, der::kSequence));
    KEEL_TRY_ASSIGN(int64_t version, seq.small_unsigned());
    if (version != 0 && version != 1) return bad("OneAsymmetricKey version must be 0 or 1");
    KEEL_TRY_ASSIGN(der::Reader alg, seq.sequence());
    KEEL_TRY_ASSIGN(ByteView body, seq.octet_string());
    // attributes [0] IMPLICIT SET OF Attribute: carried by some tools, not used here.
    KEEL_TRY(seq.optional_constructed(der::context_constructed(0)));
    KEEL_TRY_ASSIGN(auto pub, seq.optional(der::context(1)));
    KEEL_TRY(seq.finish());
    if (pub && version != 1) return bad("publicKey needs OneAsymmetricKey v2 (RFC 5958 §2)");

    KEEL_TRY_ASSIGN(Oid o, alg.oid());
    auto type = detail::key_type_from_oid(o);
    if (!type) return Error(Errc::unsupported, "private key algorithm " + oid_name(o));

    Result<PrivateKey> key = Error(Errc::unsupported, "key type");
    switch (*type) {
        case KeyType::rsa:
        case KeyType::rsa_pss: {
            std::optional<PssRestriction> restriction;
            if (*type == KeyType::rsa) {
                KEEL_TRY(alg.null());
            } else if (!alg.empty()) {
                KEEL_TRY_ASSIGN(detail::PssParams p, detail::read_pss_params(alg));
                restriction = PssRestriction{p.hash, p.mgf1_hash, p.salt_len};
            }
            KEEL_TRY(alg.finish());
            KEEL_TRY_ASSIGN(crypto::RsaPrivateKey k, read_rsa_private(body));
            key = PrivateKey::from_rsa(k, *type, restriction);
            break;
        }
        case KeyType::ec: {
            if (!alg.next_is(der::kOid)) {
                return Error(Errc::unsupported, "EC keys need a namedCurve (RFC 5480 §2.1.1)");
            }
            KEEL_TRY_ASSIGN(Oid co, alg.oid());
            KEEL_TRY(alg.finish());
            auto curve = detail::curve_from_oid(co);
            if (!curve) return Error(Errc::unsupported, "curve " + oid_name(co));
            key = read_ec_private(body, curve);
            break;
        }
        case KeyType::ed25519:
        case KeyType::ed448:
        case KeyType::x25519:
        case KeyType::x448: {
            KEEL_TRY(detail::expect_no_params(alg, "private key"));
            der::Reader inner(body);
            KEEL_TRY_ASSIGN(ByteView raw, inner.octet_string());  // CurvePrivateKey
            KEEL_TRY(inner.finish());
            key = PrivateKey::from_raw(*type, raw);
            break;
        }
        default:
            KEEL_TRY(detail::expect_no_params(alg, "private key"));
            if (detail::is_slhdsa(*type)) {
                key = PrivateKey::from_raw(*type, body);
            } else {
                key = read_pq_private(*type, body);
            }
    }
    if (!key) return key.error();
    if (pub) {
        // [1] IMPLICIT BIT STRING: the unused-bits octet, then the key.
        if (pub->empty() || (*pub)[0] != 0) return bad("PKCS#8 publicKey is not whole octets");
        KEEL_TRY(check_public(*key, pub->subspan(1)));
    }
    return key;
}

Result<SecretBytes> to_pkcs8(const PrivateKey& key, const Pkcs8Options& options) {
    const auto& impl = key.impl();
    if (key.is_callback()) return Error(Errc::invalid_argument, "a callback key has no secrets");
    const PublicKey& pub = key.public_key();
    der::Writer body;
    if (auto* k = std::get_if<crypto::RsaPrivateKey>(&impl.key)) {
        KEEL_TRY(write_rsa_private(body, *k));
    } else if (auto* k = std::get_if<crypto::ec::EcdsaPrivateKey>(&impl.key)) {
        write_ec_private(body, *k, false);
    } else if (auto* k = std::get_if<crypto::Ed25519PrivateKey>(&impl.key)) {
        body.octet_string(k->seed().view());
    } else if (auto* k = std::get_if<crypto::Ed448PrivateKey>(&impl.key)) {
        body.octet_string(k->seed().view());
    } else if (auto* k = std::get_if<detail::MontgomeryPrivate>(&impl.key)) {
        body.octet_string(k->scalar.view());
    } else if (auto* k = std::get_if<pq::MlDsaPrivateKey>(&impl.key)) {
        auto seed = k->seed();
        write_seed_choice(body, seed ? seed->view() : ByteView{}, k->bytes().view(),
                          options.pq_form);
    } else if (auto* k = std::get_if<detail::MlKemPrivate>(&impl.key)) {
        write_seed_choice(body, k->seed.view(), k->dk.view(), options.pq_form);
    } else if (auto* k = std::get_if<pq::SlhDsaPrivateKey>(&impl.key)) {
        body.raw(k->bytes());
    } else {
        return Error(Errc::invalid_argument, "key has no private form");
    }
    SecretBytes inner = take_secret(body);

    der::Writer w;
    auto seq = w.sequence();
    w.small_unsigned(options.include_public_key ? 1 : 0);
    auto alg = w.sequence();
    w.oid(detail::key_type_oid(key.type()));
    if (key.type() == KeyType::rsa) w.null();
    if (auto r = pub.pss_restriction()) {
        detail::write_pss_params(w, {r->hash, r->mgf1_hash, r->min_salt_len});
    }
    if (auto c = pub.curve()) w.oid(detail::curve_oid(*c));
    w.close(alg);
    w.octet_string(inner.view());
    if (options.include_public_key) {
        Bytes bits{0};
        if (key.type() == KeyType::rsa || key.type() == KeyType::rsa_pss) {
            der::Writer rsa;
            auto s = rsa.sequence();
            rsa.unsigned_integer(pub.rsa_n());
            rsa.unsigned_integer(pub.rsa_e());
            rsa.close(s);
            bits.insert(bits.end(), rsa.bytes().begin(), rsa.bytes().end());
        } else {
            bits.insert(bits.end(), pub.raw().begin(), pub.raw().end());
        }
        w.element(der::context(1), bits);
    }
    w.close(seq);
    return take_secret(w);
}

}  // namespace keel::x509
