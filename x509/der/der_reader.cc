// Strict DER decoding (X.690 §8 with the §10 restrictions).
#include <string>

#include "x509/der/der.h"
#include "x509/der/time.h"

namespace keel::x509::der {

namespace {

Error bad(std::string detail) { return Error(Errc::malformed, "DER: " + std::move(detail)); }

std::string tag_hex(uint8_t tag) {
    static const char kHex[] = "0123456789abcdef";
    return std::string("0x") + kHex[tag >> 4] + kHex[tag & 15];
}

}  // namespace

std::optional<uint8_t> Reader::peek_tag() const {
    if (data_.empty()) return std::nullopt;
    return data_[0];
}

Result<Element> Reader::any() {
    if (data_.size() < 2) return bad(data_.empty() ? "missing element" : "truncated header");
    const uint8_t tag = data_[0];
    // High tag numbers (low five bits all ones) never occur in X.509.
    if ((tag & 0x1f) == 0x1f) return bad("multi-byte tag " + tag_hex(tag));
    size_t pos = 1;
    const uint8_t first = data_[pos++];
    size_t len = 0;
    if (first < 0x80) {
        len = first;
    } else {
        const size_t n = first & 0x7f;
        // 0x80 is BER's indefinite length; more than four length octets is beyond any
        // object we accept (and 0xff is reserved).
        if (n == 0) return bad("indefinite length");
        if (n > 4) return bad("length of length " + std::to_string(n));
        if (data_.size() - pos < n) return bad("truncated length");
        if (data_[pos] == 0) return bad("non-minimal length (leading zero)");
        for (size_t i = 0; i < n; ++i) len = (len << 8) | data_[pos++];
        if (len < 0x80) return bad("non-minimal length (long form under 128)");
    }
    if (data_.size() - pos < len) return bad("element of length " + std::to_string(len) + " overruns its parent");
    Element e;
    e.tag = tag;
    e.contents = data_.subspan(pos, len);
    e.encoding = data_.first(pos + len);
    data_ = data_.subspan(pos + len);
    return e;
}

Result<Element> Reader::element(uint8_t tag) {
    if (data_.empty()) return bad("missing element with tag " + tag_hex(tag));
    if (data_[0] != tag) return bad("expected tag " + tag_hex(tag) + ", found " + tag_hex(data_[0]));
    return any();
}

Result<ByteView> Reader::read(uint8_t tag) {
    KEEL_TRY_ASSIGN(Element e, element(tag));
    return e.contents;
}

Result<Reader> Reader::constructed(uint8_t tag) {
    if (!(tag & kConstructed)) return Error(Errc::invalid_argument, "DER: constructed() with a primitive tag");
    if (depth_ + 1 > kMaxDepth) return bad("nesting deeper than " + std::to_string(kMaxDepth));
    KEEL_TRY_ASSIGN(ByteView contents, read(tag));
    return Reader(contents, depth_ + 1);
}

Result<std::optional<Reader>> Reader::optional_constructed(uint8_t tag) {
    if (!next_is(tag)) return std::optional<Reader>();
    KEEL_TRY_ASSIGN(Reader r, constructed(tag));
    return std::optional<Reader>(r);
}

Result<std::optional<ByteView>> Reader::optional(uint8_t tag) {
    if (!next_is(tag)) return std::optional<ByteView>();
    KEEL_TRY_ASSIGN(ByteView v, read(tag));
    return std::optional<ByteView>(v);
}

Result<bool> Reader::boolean() {
    KEEL_TRY_ASSIGN(ByteView v, read(kBoolean));
    if (v.size() != 1) return bad("BOOLEAN of length " + std::to_string(v.size()));
    if (v[0] != 0x00 && v[0] != 0xff) return bad("BOOLEAN neither 00 nor FF");
    return v[0] == 0xff;
}

Result<bool> Reader::boolean_default_false() {
    if (!next_is(kBoolean)) return false;
    KEEL_TRY_ASSIGN(bool v, boolean());
    if (!v) return bad("BOOLEAN DEFAULT FALSE encoded as FALSE");
    return true;
}

Result<ByteView> Reader::integer() {
    KEEL_TRY_ASSIGN(ByteView v, read(kInteger));
    if (v.empty()) return bad("empty INTEGER");
    // Minimal two's complement: the first nine bits are not all equal (X.690 §8.3.2).
    if (v.size() > 1 && ((v[0] == 0x00 && !(v[1] & 0x80)) || (v[0] == 0xff && (v[1] & 0x80))))
        return bad("non-minimal INTEGER");
    return v;
}

Result<ByteView> Reader::unsigned_integer() {
    KEEL_TRY_ASSIGN(ByteView v, integer());
    if (v[0] & 0x80) return bad("negative INTEGER where a non-negative one is required");
    if (v.size() > 1 && v[0] == 0) v = v.subspan(1);
    return v;
}

Result<int64_t> Reader::small_unsigned() {
    KEEL_TRY_ASSIGN(ByteView v, unsigned_integer());
    if (v.size() > 8 || (v.size() == 8 && (v[0] & 0x80))) return bad("INTEGER too large");
    int64_t x = 0;
    for (uint8_t b : v) x = (x << 8) | b;
    return x;
}

Result<int64_t> Reader::enumerated() {
    KEEL_TRY_ASSIGN(ByteView v, read(kEnumerated));
    if (v.empty()) return bad("empty ENUMERATED");
    if (v.size() > 1 && ((v[0] == 0x00 && !(v[1] & 0x80)) || (v[0] == 0xff && (v[1] & 0x80))))
        return bad("non-minimal ENUMERATED");
    if (v[0] & 0x80) return bad("negative ENUMERATED");
    if (v.size() > 5 || (v.size() == 5 && v[0] != 0)) return bad("ENUMERATED too large");
    int64_t x = 0;
    for (uint8_t b : v) x = (x << 8) | b;
    return x;
}

Result<BitString> Reader::bit_string() {
    KEEL_TRY_ASSIGN(ByteView v, read(kBitString));
    if (v.empty()) return bad("BIT STRING without the unused-bits octet");
    const uint8_t unused = v[0];
    if (unused > 7) return bad("BIT STRING with more than 7 unused bits");
    ByteView bits = v.subspan(1);
    if (bits.empty() && unused != 0) return bad("empty BIT STRING with unused bits");
    // DER: the unused bits are zero (X.690 §11.2.1).
    if (unused != 0 && (bits.back() & ((1u << unused) - 1)) != 0) return bad("BIT STRING padding bits not zero");
    return BitString{bits, unused};
}

Result<ByteView> Reader::bit_string_octets() {
    KEEL_TRY_ASSIGN(BitString b, bit_string());
    if (b.unused_bits != 0) return bad("BIT STRING is not a whole number of octets");
    return b.bytes;
}

Result<Oid> Reader::oid() {
    KEEL_TRY_ASSIGN(ByteView v, read(kOid));
    return Oid::from_der(v);
}

Result<void> Reader::null() {
    KEEL_TRY_ASSIGN(ByteView v, read(kNull));
    if (!v.empty()) return bad("NULL with contents");
    return ok();
}

Result<int64_t> Reader::time() {
    if (next_is(kUtcTime)) {
        KEEL_TRY_ASSIGN(ByteView v, read(kUtcTime));
        return parse_utc_time(v);
    }
    // RFC 5280 §4.1.2.5 asks CAs to use UTCTime through 2049, but certificates in the
    // wild use GeneralizedTime for such dates too; the instant is unambiguous, so accept it.
    return generalized_time();
}

Result<int64_t> Reader::generalized_time() {
    KEEL_TRY_ASSIGN(ByteView v, read(kGeneralizedTime));
    return parse_generalized_time(v);
}

Result<void> Reader::finish() const {
    if (!data_.empty()) return bad(std::to_string(data_.size()) + " trailing bytes");
    return ok();
}

Result<Reader> parse(ByteView der, uint8_t tag) {
    Reader outer(der);
    KEEL_TRY_ASSIGN(Reader inner, outer.constructed(tag));
    KEEL_TRY(outer.finish());
    return inner;
}

}  // namespace keel::x509::der
