// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) for every key type:
//
//   rsa        rsaEncryption, NULL params; BIT STRING RSAPublicKey {n, e} (RFC 8017 A.1.1)
//   rsa_pss    id-RSASSA-PSS, params absent or RSASSA-PSS-params, which then restrict
//              the key (RFC 4055 §3.1); same key body
//   ec         id-ecPublicKey, namedCurve OID (RFC 5480 §2.1.1); BIT STRING SEC 1 point
//              (compressed accepted, written uncompressed)
//   ed25519, ed448, x25519, x448  no params; the raw key (RFC 8410 §4)
//   mldsa*     no params; pk (RFC 9881)
//   slhdsa_*   no params; PK.seed || PK.root (RFC 9909)
//   mlkem*     no params; ek (draft-ietf-lamps-kyber-certificates)
#include "x509/key/internal/alg_id.h"
#include "x509/key/internal/key_impl.h"

namespace keel::x509 {

Result<PublicKey> PublicKey::from_spki(ByteView der) {
    KEEL_TRY_ASSIGN(der::Reader spki, der::parse(der, der::kSequence));
    KEEL_TRY_ASSIGN(der::Reader alg, spki.sequence());
    KEEL_TRY_ASSIGN(ByteView key, spki.bit_string_octets());
    KEEL_TRY(spki.finish());
    KEEL_TRY_ASSIGN(Oid o, alg.oid());
    auto type = detail::key_type_from_oid(o);
    if (!type) return Error(Errc::unsupported, "public key algorithm " + oid_name(o));

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
            KEEL_TRY_ASSIGN(der::Reader body, der::parse(key, der::kSequence));
            KEEL_TRY_ASSIGN(ByteView n, body.unsigned_integer());
            KEEL_TRY_ASSIGN(ByteView e, body.unsigned_integer());
            KEEL_TRY(body.finish());
            return *type == KeyType::rsa ? PublicKey::rsa(n, e)
                                         : PublicKey::rsa_pss(n, e, restriction);
        }
        case KeyType::ec: {
            if (!alg.next_is(der::kOid)) {
                return Error(Errc::unsupported, "EC keys need a namedCurve (RFC 5480 §2.1.1)");
            }
            KEEL_TRY_ASSIGN(Oid curve_oid, alg.oid());
            KEEL_TRY(alg.finish());
            auto curve = detail::curve_from_oid(curve_oid);
            if (!curve) return Error(Errc::unsupported, "curve " + oid_name(curve_oid));
            return PublicKey::ec(*curve, key);
        }
        default:
            KEEL_TRY(detail::expect_no_params(alg, "public key"));
            return PublicKey::from_raw(*type, key);
    }
}

Bytes PublicKey::to_spki() const {
    der::Writer w;
    auto spki = w.sequence();
    auto alg = w.sequence();
    w.oid(detail::key_type_oid(type()));
    if (type() == KeyType::rsa) w.null();
    if (auto r = pss_restriction()) {
        detail::write_pss_params(w, {r->hash, r->mgf1_hash, r->min_salt_len});
    }
    if (auto c = curve()) w.oid(detail::curve_oid(*c));
    w.close(alg);
    if (type() == KeyType::rsa || type() == KeyType::rsa_pss) {
        der::Writer body;
        auto seq = body.sequence();
        body.unsigned_integer(rsa_n());
        body.unsigned_integer(rsa_e());
        body.close(seq);
        w.bit_string(body.bytes());
    } else {
        w.bit_string(raw());
    }
    w.close(spki);
    return w.take();
}

}  // namespace keel::x509
