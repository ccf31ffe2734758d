#include "base/ct.h"

namespace keel::ct {

void cmov(MutableByteView dst, ByteView src, uint8_t mask) {
    mask = value_barrier(mask);
    for (size_t i = 0; i < dst.size(); i++) {
        dst[i] = static_cast<uint8_t>(dst[i] ^ (mask & (dst[i] ^ src[i])));
    }
}

uint8_t eq_mask(ByteView a, ByteView b) {
    uint8_t diff = 0;
    for (size_t i = 0; i < a.size(); i++) diff |= static_cast<uint8_t>(a[i] ^ b[i]);
    return is_zero(diff);
}

bool equal(ByteView a, ByteView b) {
    if (a.size() != b.size()) return false;
    uint8_t mask = eq_mask(a, b);
    return declassify(mask) != 0;
}

uint8_t is_zero_mask(ByteView a) {
    uint8_t acc = 0;
    for (uint8_t v : a) acc |= v;
    return is_zero(acc);
}

}  // namespace keel::ct
