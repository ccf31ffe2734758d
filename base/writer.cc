#include "base/writer.h"

namespace keel {

void Writer::be(uint64_t v, size_t n) {
    for (size_t i = n; i-- > 0;) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void Writer::u24(uint32_t v) {
    if (v >> 24) ok_ = false;
    be(v, 3);
}

void Writer::u48(uint64_t v) {
    if (v >> 48) ok_ = false;
    be(v, 6);
}

Writer::Field Writer::open(size_t len_bytes) {
    Field f{out_.size(), len_bytes};
    zeros(len_bytes);
    return f;
}

void Writer::close(Field f) {
    size_t body = out_.size() - f.len_pos - f.len_bytes;
    if (body >> (8 * f.len_bytes)) {
        ok_ = false;
        return;
    }
    for (size_t i = 0; i < f.len_bytes; i++) {
        out_[f.len_pos + i] = static_cast<uint8_t>(body >> (8 * (f.len_bytes - 1 - i)));
    }
}

}  // namespace keel
