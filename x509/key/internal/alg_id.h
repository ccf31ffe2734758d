// AlgorithmIdentifier pieces shared by the SPKI, signature-algorithm and PKCS#8 codecs
// of x509/key: key-type OIDs, named curves, hash identifiers, RSASSA-PSS parameters.
#pragma once

#include <optional>

#include "crypto/ec/ec.h"
#include "crypto/hash/any_hash.h"
#include "x509/der/der.h"
#include "x509/key/key.h"

namespace keel::x509::detail {

// The OID naming a key type in an SPKI / PKCS#8 AlgorithmIdentifier (RFC 8017, 4055,
// 5480, 8410, 9881, 9909, draft-ietf-lamps-kyber-certificates).
const Oid& key_type_oid(KeyType type);
std::optional<KeyType> key_type_from_oid(const Oid& oid);

const Oid& curve_oid(crypto::ec::Curve curve);
std::optional<crypto::ec::Curve> curve_from_oid(const Oid& oid);

// Hashes allowed inside RSASSA-PSS parameters (RFC 4055 §2.1 plus SHA-224).
std::optional<crypto::HashAlg> pss_hash_from_oid(const Oid& oid);
const Oid& hash_oid(crypto::HashAlg hash);

// HashAlgorithm ::= AlgorithmIdentifier with NULL or absent parameters (RFC 4055 §2.1:
// implementations must accept both).
Result<crypto::HashAlg> read_hash_alg_id(der::Reader& r);
void write_hash_alg_id(der::Writer& w, crypto::HashAlg hash);

// RSASSA-PSS-params (RFC 4055 §3.1): hash, MGF1 hash, salt length; trailerField must be 1.
struct PssParams {
    crypto::HashAlg hash = crypto::HashAlg::sha1;
    crypto::HashAlg mgf1_hash = crypto::HashAlg::sha1;
    size_t salt_len = 20;
};
// `r` is positioned on the parameters SEQUENCE.
Result<PssParams> read_pss_params(der::Reader& r);
void write_pss_params(der::Writer& w, const PssParams& p);

// Parameters must be absent (RFC 5758 §3.2, RFC 8410 §3, RFC 9881, RFC 9909): the
// AlgorithmIdentifier reader after the OID must be empty.
Result<void> expect_no_params(const der::Reader& rest, const char* what);

// Constant-time a mod m over limb arrays (both big-endian bytes in and out), for the
// CRT exponents d mod (p-1) / (q-1) whose moduli are even. m must be nonzero.
SecretBytes ct_mod_bytes(ByteView a, ByteView m);

}  // namespace keel::x509::detail
