#include "base/reader.h"

#include <cstring>

namespace keel {

bool Reader::be(size_t n, uint64_t* out) {
    if (data_.size() < n) return false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) v = (v << 8) | data_[i];
    data_ = data_.subspan(n);
    *out = v;
    return true;
}

bool Reader::u8(uint8_t* out) {
    uint64_t v;
    if (!be(1, &v)) return false;
    *out = static_cast<uint8_t>(v);
    return true;
}

bool Reader::u16(uint16_t* out) {
    uint64_t v;
    if (!be(2, &v)) return false;
    *out = static_cast<uint16_t>(v);
    return true;
}

bool Reader::u24(uint32_t* out) {
    uint64_t v;
    if (!be(3, &v)) return false;
    *out = static_cast<uint32_t>(v);
    return true;
}

bool Reader::u32(uint32_t* out) {
    uint64_t v;
    if (!be(4, &v)) return false;
    *out = static_cast<uint32_t>(v);
    return true;
}

bool Reader::u48(uint64_t* out) { return be(6, out); }
bool Reader::u64(uint64_t* out) { return be(8, out); }

bool Reader::bytes(size_t n, ByteView* out) {
    if (data_.size() < n) return false;
    *out = data_.first(n);
    data_ = data_.subspan(n);
    return true;
}

bool Reader::copy(MutableByteView out) {
    ByteView v;
    if (!bytes(out.size(), &v)) return false;
    if (!v.empty()) std::memcpy(out.data(), v.data(), v.size());
    return true;
}

bool Reader::skip(size_t n) {
    ByteView v;
    return bytes(n, &v);
}

bool Reader::prefixed(size_t len_bytes, Reader* out) {
    // Read length and body as one step: on failure nothing is consumed.
    Reader probe = *this;
    uint64_t len;
    ByteView body;
    if (!probe.be(len_bytes, &len) || !probe.bytes(static_cast<size_t>(len), &body)) return false;
    *this = probe;
    *out = Reader(body);
    return true;
}

bool Reader::prefixed8(Reader* out) { return prefixed(1, out); }
bool Reader::prefixed16(Reader* out) { return prefixed(2, out); }
bool Reader::prefixed24(Reader* out) { return prefixed(3, out); }

ByteView Reader::rest() {
    ByteView v = data_;
    data_ = {};
    return v;
}

}  // namespace keel
