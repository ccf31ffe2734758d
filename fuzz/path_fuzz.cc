// Path building and validation over fuzzed certificates. Input: one options byte, then
// records of [flags (1)] [length (2, big-endian)] [certificate DER]; flag bit 0 makes
// a certificate a trust anchor, the first other one is the peer and the rest its chain.
// Any input must finish (bounded search) and keep these invariants:
//  - a verified path starts with the peer and ends with an anchor when anchored;
//  - with verify_none's fun every chain is accepted (Erlang verify_none).
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "x509/verify/verify.h"

namespace {

using namespace keel;
using namespace keel::x509;

void check(bool ok) {
    if (!ok) abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const uint8_t opts = data[0];
    size_t pos = 1;
    std::vector<Certificate> anchors, chain;
    while (pos + 3 <= size && chain.size() + anchors.size() < 64) {
        const uint8_t flags = data[pos];
        const size_t len = (size_t{data[pos + 1]} << 8) | data[pos + 2];
        pos += 3;
        if (len > size - pos) break;
        auto c = Certificate::parse(ByteView(data + pos, len));
        pos += len;
        if (!c) continue;
        ((flags & 1) ? anchors : chain).push_back(std::move(c).value());
    }
    if (chain.empty()) return 0;

    VerifyOptions o;
    o.trust_anchors = anchors;
    // A time inside the first certificate's validity unless the option says otherwise.
    o.time = (opts & 1) ? chain[0].not_before() : chain[0].not_after() + 1;
    o.max_depth = opts >> 4;
    o.purpose = static_cast<Purpose>((opts >> 1) % 3);
    o.allow_any_ca_purpose = (opts & 8) != 0;
    const Certificate leaf = chain[0];
    std::span<const Certificate> rest(chain.data() + 1, chain.size() - 1);

    auto r = verify_chain(leaf, rest, o);
    if (r) {
        check(!r->path.empty() && r->path.front() == leaf);
        if (r->anchored) {
            bool found = false;
            for (const Certificate& a : anchors) found = found || a == r->path.back();
            check(found || r->path.size() == 1);
        }
    } else {
        check(r.error().code() == Errc::bad_cert);
        check(!bad_cert_reason(r.error()).empty());
    }

    o.verify_fun = verify_none_fun();
    auto none = verify_chain(leaf, rest, o);
    check(none.ok() && none->path.front() == leaf);
    return 0;
}
