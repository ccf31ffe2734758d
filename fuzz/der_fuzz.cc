// DER reader/writer: walk any input as a DER tree. Where the whole input parses, the
// writer must reproduce it byte for byte (strict DER has exactly one encoding), and every
// typed accessor must either succeed or fail cleanly on every primitive element.
#include <cstdlib>
#include <cstring>

#include "x509/der/der.h"

namespace {

using namespace keel;
using namespace keel::x509::der;

void probe_typed(const Element& e) {
    // Feed the element to every typed reader; only crashes and sanitizer reports matter.
    auto one = [&](auto read) {
        Reader r(e.encoding);
        (void)read(r);
    };
    one([](Reader& r) { return r.boolean(); });
    one([](Reader& r) { return r.integer(); });
    one([](Reader& r) { return r.small_unsigned(); });
    one([](Reader& r) { return r.enumerated(); });
    one([](Reader& r) { return r.bit_string(); });
    one([](Reader& r) { return r.oid(); });
    one([](Reader& r) { return r.null(); });
    one([](Reader& r) { return r.time(); });
    if (e.tag == kOid) {
        auto o = x509::Oid::from_der(e.contents);
        if (o) {
            // The dotted form parses back to the same OID.
            auto back = x509::Oid::from_string(o->to_string());
            if (!back || !(*back == *o)) abort();
            (void)x509::oid_name(*o);
        }
    }
}

bool walk(Reader& r, Writer& w) {
    while (!r.empty()) {
        auto e = r.any();
        if (!e) return false;
        if (e->tag & kConstructed) {
            Reader inner(e->contents);
            auto open = w.open(e->tag);
            if (!walk(inner, w)) return false;
            w.close(open);
        } else {
            probe_typed(*e);
            w.element(e->tag, e->contents);
        }
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    keel::ByteView in(data, size);
    Reader r(in);
    Writer w;
    if (walk(r, w)) {
        if (w.bytes().size() != size || (size && std::memcmp(w.bytes().data(), data, size) != 0)) abort();
    }
    // Depth-bounded typed descent, as certificate parsers do it.
    Reader top(in);
    for (int i = 0; i < 64 && !top.empty(); ++i) {
        auto seq = top.sequence();
        if (!seq) break;
        top = *seq;
    }
    return 0;
}
