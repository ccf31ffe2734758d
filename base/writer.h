// Writer: the only way encoders build wire bytes. Length prefixes are reserved,
// then filled in when the field closes; a field that outgrows its prefix makes the
// writer fail (ok() == false) instead of emitting a wrong length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "base/bytes.h"

namespace keel {

class Writer {
public:
    // Opaque handle for an open length-prefixed field.
    struct Field {
        size_t len_pos;
        size_t len_bytes;
    };

    Writer() = default;

    void u8(uint8_t v) { out_.push_back(v); }
    void u16(uint16_t v) { be(v, 2); }
    void u24(uint32_t v);
    void u32(uint32_t v) { be(v, 4); }
    void u48(uint64_t v);
    void u64(uint64_t v) { be(v, 8); }
    void bytes(ByteView v) { out_.insert(out_.end(), v.begin(), v.end()); }
    void zeros(size_t n) { out_.insert(out_.end(), n, 0); }

    Field open8() { return open(1); }
    Field open16() { return open(2); }
    Field open24() { return open(3); }
    void close(Field f);

    // false when a value did not fit its field (sticky).
    bool ok() const { return ok_; }
    size_t size() const { return out_.size(); }
    ByteView view() const { return out_; }
    Bytes take() { return std::move(out_); }

private:
    void be(uint64_t v, size_t n);
    Field open(size_t len_bytes);

    Bytes out_;
    bool ok_ = true;
};

}  // namespace keel
