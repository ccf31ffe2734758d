// Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3) in strict
// DER (X.690 §10): definite minimal lengths, minimal two's-complement integers, no
// negative values, nothing after the SEQUENCE. Anything else is Errc::malformed.
#include <string>

#include "crypto/ec/ecdsa.h"

namespace keel::crypto::ec {

namespace {

void put_length(Bytes& out, size_t len) {
    if (len < 0x80) {
        out.push_back(uint8_t(len));
    } else if (len < 0x100) {
        out.push_back(0x81);
        out.push_back(uint8_t(len));
    } else {
        out.push_back(0x82);
        out.push_back(uint8_t(len >> 8));
        out.push_back(uint8_t(len));
    }
}

// Minimal INTEGER for an unsigned big-endian value.
Bytes der_integer(ByteView v) {
    size_t i = 0;
    while (i + 1 < v.size() && v[i] == 0) i++;
    Bytes out{0x02};
    bool pad = i < v.size() && (v[i] & 0x80);
    put_length(out, v.size() - i + (pad ? 1 : 0));
    if (pad) out.push_back(0);
    out.insert(out.end(), v.begin() + ptrdiff_t(i), v.end());
    return out;
}

Error bad(const std::string& why) {
    return Error(Errc::malformed, "ECDSA signature: " + why);
}

// Reads tag + length at in[pos]; leaves pos at the contents. DER lengths: short form
// below 128, else 0x81/0x82 with no leading zero and a value that needed the form.
Result<size_t> read_header(ByteView in, size_t& pos, uint8_t tag) {
    if (pos + 2 > in.size()) return bad("truncated");
    if (in[pos] != tag) return bad("unexpected tag");
    uint8_t first = in[pos + 1];
    pos += 2;
    size_t len;
    if (first < 0x80) {
        len = first;
    } else if (first == 0x81) {
        if (pos + 1 > in.size()) return bad("truncated length");
        len = in[pos];
        pos += 1;
        if (len < 0x80) return bad("non-minimal length");
    } else if (first == 0x82) {
        if (pos + 2 > in.size()) return bad("truncated length");
        len = size_t(in[pos]) << 8 | in[pos + 1];
        pos += 2;
        if (len < 0x100) return bad("non-minimal length");
    } else {
        return bad("unsupported length form");
    }
    if (len > in.size() - pos) return bad("length exceeds input");
    return len;
}

// One INTEGER into out[0..width) as an unsigned big-endian value.
Result<void> read_integer(ByteView in, size_t& pos, size_t width, uint8_t* out) {
    auto len = read_header(in, pos, 0x02);
    if (!len) return len.error();
    ByteView v = in.subspan(pos, *len);
    pos += *len;
    if (v.empty()) return bad("empty INTEGER");
    if (v[0] & 0x80) return bad("negative INTEGER");
    if (v.size() > 1 && v[0] == 0 && !(v[1] & 0x80)) return bad("non-minimal INTEGER");
    if (v[0] == 0) v = v.subspan(1);
    if (v.size() > width) return bad("INTEGER too large for the curve");
    size_t zeros = width - v.size();
    for (size_t i = 0; i < zeros; i++) out[i] = 0;
    for (size_t i = 0; i < v.size(); i++) out[zeros + i] = v[i];
    return ok();
}

}  // namespace

Bytes ecdsa_der_from_raw(ByteView r, ByteView s) {
    Bytes ri = der_integer(r), si = der_integer(s);
    Bytes out{0x30};
    put_length(out, ri.size() + si.size());
    out.insert(out.end(), ri.begin(), ri.end());
    out.insert(out.end(), si.begin(), si.end());
    return out;
}

Result<Bytes> ecdsa_raw_from_der(ByteView der, size_t width) {
    size_t pos = 0;
    auto len = read_header(der, pos, 0x30);
    if (!len) return len.error();
    if (pos + *len != der.size()) return bad("trailing bytes after SEQUENCE");
    Bytes raw(2 * width);
    KEEL_TRY(read_integer(der, pos, width, raw.data()));
    KEEL_TRY(read_integer(der, pos, width, raw.data() + width));
    if (pos != der.size()) return bad("trailing bytes inside SEQUENCE");
    return raw;
}

}  // namespace keel::crypto::ec
