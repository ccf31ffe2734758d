// EC parsing and arithmetic on hostile input: fuzzer-chosen points into decoding and
// ECDH, fuzzer-chosen DER signatures into verification. Nothing may crash; a decoded
// point must re-encode to the same bytes, and a DER signature that parses must
// re-encode to the same bytes (strict DER is canonical).
//
// Input: [0] low 3 bits pick the curve, bit 3 picks the mode; the rest is the point
// or the signature.
#include <cstdint>
#include <cstdlib>

#include "crypto/ec/ec.h"
#include "crypto/ec/ecdsa.h"

namespace {

using keel::Bytes;
using keel::ByteView;
using namespace keel::crypto;
using namespace keel::crypto::ec;

constexpr Curve kCurves[] = {Curve::p256,
                             Curve::p384,
                             Curve::p521,
                             Curve::brainpool_p256r1,
                             Curve::brainpool_p384r1,
                             Curve::brainpool_p512r1};

Bytes fixed_scalar(Curve c) {
    Bytes k(curve_bytes(c), 0x11);
    k[0] = 0x01;
    return k;
}

void check(bool cond) {
    if (!cond) std::abort();
}

void fuzz_point(Curve c, ByteView in) {
    auto p = decode_point(c, in);
    auto shared = ecdh(c, fixed_scalar(c), in);
    check(p.ok() == shared.ok());
    if (!p.ok()) return;
    if (in[0] == 0x04) {
        check(*p == Bytes(in.begin(), in.end()));
    } else {
        auto comp = compress_point(c, *p);
        check(comp.ok() && *comp == Bytes(in.begin(), in.end()));
    }
    check(shared->size() == curve_bytes(c));
}

void fuzz_signature(Curve c, ByteView sig) {
    static Bytes msg = {'f', 'u', 'z', 'z'};
    auto key = EcdsaPrivateKey::from_bytes(c, fixed_scalar(c));
    check(key.ok());
    auto pub = key->public_key();
    auto v = pub.verify(msg, sig, HashAlg::sha256);
    auto raw = ecdsa_raw_from_der(sig, curve_bytes(c));
    if (raw.ok()) {
        size_t n = curve_bytes(c);
        Bytes again = ecdsa_der_from_raw(ByteView(*raw).first(n), ByteView(*raw).subspan(n));
        check(again == Bytes(sig.begin(), sig.end()));
        // P1363 of the same values must give the same verdict.
        auto v2 = pub.verify(msg, *raw, HashAlg::sha256, EcdsaFormat::p1363);
        check(v.ok() == v2.ok());
    } else {
        check(!v.ok() && v.error().code() == keel::Errc::malformed);
    }
    (void)pub.verify(msg, sig, HashAlg::sha256, EcdsaFormat::p1363);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    Curve c = kCurves[(data[0] & 7) % 6];
    ByteView rest(data + 1, size - 1);
    if (data[0] & 8) {
        fuzz_signature(c, rest);
    } else if (!rest.empty()) {
        fuzz_point(c, rest);
    }
    return 0;
}
