// PEM/base64: decode any text; every block found must re-encode and decode to the same
// label and bytes, and base64 of the raw input must round-trip.
#include <cstdlib>
#include <string_view>

#include "x509/der/pem.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace keel;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto blocks = x509::pem_decode_all(text);
    if (blocks) {
        for (const auto& b : *blocks) {
            std::string again = x509::pem_encode(b.label, b.der.view());
            auto back = x509::pem_decode_all(again);
            if (!back || back->size() != 1 || (*back)[0].label != b.label ||
                (*back)[0].der.view().size() != b.der.view().size() ||
                !std::equal(b.der.view().begin(), b.der.view().end(), (*back)[0].der.view().begin()))
                abort();
        }
    }
    (void)x509::base64_decode(text);
    std::string enc = x509::base64_encode(ByteView(data, size));
    auto dec = x509::base64_decode(enc);
    if (!dec || dec->size() != size || !std::equal(dec->view().begin(), dec->view().end(), data)) abort();
    return 0;
}
