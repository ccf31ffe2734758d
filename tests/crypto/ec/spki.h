// Just enough DER to read an EC SubjectPublicKeyInfo (RFC 5480 §2) in the Wycheproof
// ECDH files: SEQUENCE { SEQUENCE { OID ecPublicKey, OID namedCurve }, BIT STRING }.
// Strict: minimal lengths, nothing trailing, no unused bits. Explicit curve
// parameters (specifiedCurve) are not supported, so those keys are rejected.
// Test-only: X.509 proper lives in x509/.
#pragma once

#include <optional>

#include "base/bytes.h"
#include "crypto/ec/ec.h"

namespace keel::test {

struct Spki {
    crypto::ec::Curve curve;
    Bytes point;
};

namespace spki_detail {
inline bool read_tlv(ByteView in, size_t& pos, uint8_t tag, ByteView& out) {
    if (pos + 2 > in.size() || in[pos] != tag) return false;
    size_t len = in[pos + 1];
    pos += 2;
    if (len == 0x81) {
        if (pos + 1 > in.size()) return false;
        len = in[pos++];
        if (len < 0x80) return false;
    } else if (len == 0x82) {
        if (pos + 2 > in.size()) return false;
        len = size_t(in[pos]) << 8 | in[pos + 1];
        pos += 2;
        if (len < 0x100) return false;
    } else if (len >= 0x80) {
        return false;
    }
    if (len > in.size() - pos) return false;
    out = in.subspan(pos, len);
    pos += len;
    return true;
}
inline bool eq(ByteView a, std::initializer_list<uint8_t> b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}
}  // namespace spki_detail

inline std::optional<Spki> parse_ec_spki(ByteView der) {
    using namespace spki_detail;
    using crypto::ec::Curve;
    size_t pos = 0;
    ByteView outer, alg, key, oid, curve_oid;
    if (!read_tlv(der, pos, 0x30, outer) || pos != der.size()) return std::nullopt;
    pos = 0;
    if (!read_tlv(outer, pos, 0x30, alg) || !read_tlv(outer, pos, 0x03, key) || pos != outer.size())
        return std::nullopt;
    pos = 0;
    if (!read_tlv(alg, pos, 0x06, oid) || !read_tlv(alg, pos, 0x06, curve_oid) || pos != alg.size())
        return std::nullopt;
    if (!eq(oid, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01})) return std::nullopt;
    std::optional<Curve> curve;
    if (eq(curve_oid, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07})) curve = Curve::p256;
    if (eq(curve_oid, {0x2b, 0x81, 0x04, 0x00, 0x22})) curve = Curve::p384;
    if (eq(curve_oid, {0x2b, 0x81, 0x04, 0x00, 0x23})) curve = Curve::p521;
    if (eq(curve_oid, {0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07}))
        curve = Curve::brainpool_p256r1;
    if (eq(curve_oid, {0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0b}))
        curve = Curve::brainpool_p384r1;
    if (eq(curve_oid, {0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0d}))
        curve = Curve::brainpool_p512r1;
    if (!curve || key.empty() || key[0] != 0) return std::nullopt;
    return Spki{*curve, Bytes(key.begin() + 1, key.end())};
}

}  // namespace keel::test
