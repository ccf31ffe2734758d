// Reader: the only way parsers touch wire bytes (STYLE.md, after BoringSSL's CBS).
// Every read is bounds-checked and either consumes exactly what it returns or
// consumes nothing and returns false. Length-prefixed fields become sub-readers,
// so a parser can never read past the field it is in.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"

namespace keel {

class Reader {
public:
    Reader() = default;
    explicit Reader(ByteView data) : data_(data) {}

    size_t remaining() const { return data_.size(); }
    bool empty() const { return data_.empty(); }
    // The unread bytes, without consuming them.
    ByteView peek_rest() const { return data_; }

    [[nodiscard]] bool u8(uint8_t* out);
    [[nodiscard]] bool u16(uint16_t* out);
    [[nodiscard]] bool u24(uint32_t* out);
    [[nodiscard]] bool u32(uint32_t* out);
    [[nodiscard]] bool u48(uint64_t* out);
    [[nodiscard]] bool u64(uint64_t* out);

    [[nodiscard]] bool bytes(size_t n, ByteView* out);
    [[nodiscard]] bool copy(MutableByteView out);
    [[nodiscard]] bool skip(size_t n);

    // A field preceded by a 1-, 2- or 3-byte big-endian length (RFC 8446 §3.4).
    [[nodiscard]] bool prefixed8(Reader* out);
    [[nodiscard]] bool prefixed16(Reader* out);
    [[nodiscard]] bool prefixed24(Reader* out);

    // Consumes everything left.
    ByteView rest();

private:
    [[nodiscard]] bool be(size_t n, uint64_t* out);
    [[nodiscard]] bool prefixed(size_t len_bytes, Reader* out);

    ByteView data_;
};

}  // namespace keel
