// Shared helpers for the handshake codecs: the two alerts parsers send and the
// bounded vector read of RFC 8446 §3.4 (`opaque x<min..max>`).
#pragma once

#include <cstddef>
#include <string>

#include "base/reader.h"
#include "tls/alert.h"

namespace keel::tls::detail {

// RFC 8446 §6.2: a field out of its specified range or a wrong message length.
inline Error decode_error(std::string detail) {
    return alert_error(Alert::decode_error, std::move(detail));
}

// RFC 8446 §6.2: a well-formed field holding a value the protocol forbids.
inline Error illegal_parameter(std::string detail) {
    return alert_error(Alert::illegal_parameter, std::move(detail));
}

// Reads a vector with a `len_bytes`-wide length prefix whose byte length lies in
// [min, max]. False (nothing consumed) on truncation or a length out of range.
inline bool read_vector(Reader& r, size_t len_bytes, size_t min, size_t max, Reader* out) {
    Reader probe = r;
    Reader body;
    bool ok = len_bytes == 1   ? probe.prefixed8(&body)
              : len_bytes == 2 ? probe.prefixed16(&body)
                               : probe.prefixed24(&body);
    if (!ok || body.remaining() < min || body.remaining() > max) return false;
    r = probe;
    *out = body;
    return true;
}

// The same for an opaque field, copied out.
inline bool read_opaque(Reader& r, size_t len_bytes, size_t min, size_t max, Bytes* out) {
    Reader body;
    if (!read_vector(r, len_bytes, min, max, &body)) return false;
    ByteView v = body.rest();
    out->assign(v.begin(), v.end());
    return true;
}

}  // namespace keel::tls::detail
