// DER encoding. A constructed element is written as tag + placeholder; close() inserts
// the minimal length once the contents are known (certificates are small, so moving the
// contents by a few bytes is cheaper than a two-pass size computation).
#include <algorithm>
#include <vector>

#include "x509/der/der.h"
#include "x509/der/time.h"

namespace keel::x509::der {

namespace {

void append_length(Bytes& out, size_t len) {
    if (len < 0x80) {
        out.push_back(static_cast<uint8_t>(len));
        return;
    }
    uint8_t tmp[8];
    size_t n = 0;
    for (size_t v = len; v != 0; v >>= 8) tmp[n++] = static_cast<uint8_t>(v);
    out.push_back(static_cast<uint8_t>(0x80 | n));
    while (n > 0) out.push_back(tmp[--n]);
}

// Splits well-formed DER (our own output) into its top-level elements.
std::vector<ByteView> split_elements(ByteView data) {
    std::vector<ByteView> out;
    Reader r(data);
    while (!r.empty()) {
        auto e = r.any();
        if (!e) break;  // cannot happen for bytes this writer produced
        out.push_back(e->encoding);
    }
    return out;
}

}  // namespace

Writer::Open Writer::open(uint8_t tag) {
    out_.push_back(tag);
    return Open{out_.size(), false};
}

Writer::Open Writer::set_of() {
    out_.push_back(kSet);
    return Open{out_.size(), true};
}

void Writer::close(Open o) {
    const size_t len = out_.size() - o.start;
    if (o.sort_set_of && len > 0) {
        // X.690 §11.6: SET OF components in ascending order of their encodings, compared
        // as octet strings with the shorter one padded at its end by zeros.
        std::vector<ByteView> parts = split_elements(ByteView(out_).subspan(o.start));
        std::vector<Bytes> owned;
        owned.reserve(parts.size());
        for (ByteView p : parts) owned.emplace_back(p.begin(), p.end());
        std::stable_sort(owned.begin(), owned.end(), [](const Bytes& a, const Bytes& b) {
            const size_t n = std::max(a.size(), b.size());
            for (size_t i = 0; i < n; ++i) {
                const uint8_t x = i < a.size() ? a[i] : 0;
                const uint8_t y = i < b.size() ? b[i] : 0;
                if (x != y) return x < y;
            }
            return false;
        });
        out_.resize(o.start);
        for (const Bytes& p : owned) out_.insert(out_.end(), p.begin(), p.end());
    }
    Bytes len_bytes;
    append_length(len_bytes, len);
    out_.insert(out_.begin() + static_cast<std::ptrdiff_t>(o.start), len_bytes.begin(), len_bytes.end());
}

void Writer::element(uint8_t tag, ByteView contents) {
    out_.push_back(tag);
    append_length(out_, contents.size());
    out_.insert(out_.end(), contents.begin(), contents.end());
}

void Writer::boolean(bool v) {
    const uint8_t b = v ? 0xff : 0x00;
    element(kBoolean, ByteView(&b, 1));
}

void Writer::unsigned_integer(ByteView magnitude) {
    size_t skip = 0;
    while (skip + 1 < magnitude.size() && magnitude[skip] == 0) ++skip;
    ByteView m = magnitude.subspan(skip);
    Bytes contents;
    if (m.empty()) {
        contents.push_back(0);
    } else {
        if (m[0] & 0x80) contents.push_back(0);  // keep it non-negative
        contents.insert(contents.end(), m.begin(), m.end());
    }
    element(kInteger, contents);
}

void Writer::small_unsigned(uint64_t v) {
    uint8_t be[8];
    for (int i = 7; i >= 0; --i, v >>= 8) be[i] = static_cast<uint8_t>(v);
    unsigned_integer(be);
}

void Writer::enumerated(uint64_t v) {
    Writer tmp;
    tmp.small_unsigned(v);
    Bytes b = tmp.take();
    b[0] = kEnumerated;  // same contents rules as INTEGER
    raw(b);
}

void Writer::bit_string(ByteView bytes, uint8_t unused_bits) {
    Bytes contents;
    contents.reserve(bytes.size() + 1);
    contents.push_back(unused_bits);
    contents.insert(contents.end(), bytes.begin(), bytes.end());
    if (unused_bits != 0 && contents.size() > 1)
        contents.back() &= static_cast<uint8_t>(0xff << unused_bits);  // DER: padding bits zero
    element(kBitString, contents);
}

void Writer::time(int64_t t) {
    // 1950-01-01 and 2050-01-01 in Unix seconds.
    const bool utc = t >= -631152000 && t < 2524608000;
    string(utc ? kUtcTime : kGeneralizedTime, format_der_time(t, utc));
}

}  // namespace keel::x509::der
