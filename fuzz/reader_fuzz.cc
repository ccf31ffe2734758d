// Reader/Writer: parse the input as nested TLS-style vectors (a 1-byte selector picks
// the prefix width), re-encode what was read through Writer, and require the bytes to
// match the consumed input exactly. Any over-read, wrong length or lost byte shows.
#include <cstdlib>
#include <cstring>

#include "base/reader.h"
#include "base/writer.h"

namespace {

using keel::Reader;
using keel::Writer;

bool walk(Reader& r, Writer& w, int depth) {
    while (!r.empty()) {
        uint8_t sel;
        if (!r.u8(&sel)) return false;
        w.u8(sel);
        Reader sub;
        Writer::Field f;
        switch (sel % 4) {
            case 0: {
                uint32_t v;
                if (!r.u24(&v)) return false;
                w.u24(v);
                continue;
            }
            case 1:
                if (!r.prefixed8(&sub)) return false;
                f = w.open8();
                break;
            case 2:
                if (!r.prefixed16(&sub)) return false;
                f = w.open16();
                break;
            default:
                if (!r.prefixed24(&sub)) return false;
                f = w.open24();
                break;
        }
        if (depth < 16) {
            if (!walk(sub, w, depth + 1)) {
                w.bytes(sub.rest());  // keep the unparsed tail verbatim
            }
        } else {
            w.bytes(sub.rest());
        }
        w.close(f);
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Reader r(keel::ByteView(data, size));
    Writer w;
    size_t before = r.remaining();
    bool complete = walk(r, w, 0);
    if (!w.ok()) std::abort();
    size_t consumed = before - r.remaining();
    // Failed reads consume nothing, so what was written is exactly what was consumed;
    // a complete walk consumed everything.
    if (w.size() != consumed || (consumed && std::memcmp(w.view().data(), data, consumed) != 0)) {
        std::abort();
    }
    if (complete && consumed != size) std::abort();
    return 0;
}
