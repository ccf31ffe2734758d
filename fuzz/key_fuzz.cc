// Every key parser of x509/key on the same bytes: SPKI, PKCS#8, PKCS#1, SEC 1 (with and
// without a curve), encrypted PKCS#8 (low iteration limit, so hostile counts cannot
// stall the fuzzer), signature AlgorithmIdentifiers, and the PEM front ends. Whatever
// parses must re-encode and parse again to the same key.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "x509/key/key_io.h"
#include "x509/key/sig_alg.h"

using namespace keel;
using namespace keel::x509;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const ByteView in(data, size);
    if (auto pub = PublicKey::from_spki(in); pub.ok()) {
        auto again = PublicKey::from_spki(pub->to_spki());
        if (!again.ok() || !(*again == *pub)) __builtin_trap();
    }
    for (auto parsed : {parse_pkcs8(in), parse_pkcs1_private(in), parse_sec1(in),
                        parse_sec1(in, crypto::ec::Curve::p256)}) {
        if (!parsed.ok()) continue;
        if (auto der = to_pkcs8(*parsed); der.ok()) {
            auto again = parse_pkcs8(der->view());
            if (!again.ok() || !(again->public_key() == parsed->public_key())) __builtin_trap();
        }
    }
    (void)decrypt_pkcs8(in, as_bytes("pw"), PbeLimits{64});
    if (auto alg = SignatureAlgorithm::parse(in); alg.ok()) {
        auto again = SignatureAlgorithm::parse(alg->to_der());
        if (!again.ok() || !(*again == *alg)) __builtin_trap();
    }
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)private_key_from_pem(text, as_bytes("pw"), PbeLimits{64});
    (void)public_key_from_pem(text);
    return 0;
}
