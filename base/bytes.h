// Byte buffers and views: the vocabulary every layer uses for wire data and keys.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace keel {

using ByteView = std::span<const uint8_t>;
using MutableByteView = std::span<uint8_t>;
using Bytes = std::vector<uint8_t>;

inline ByteView as_bytes(std::string_view s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace keel
