// DER (ITU-T X.690 §10) reader and writer: the only way the X.509 layer touches ASN.1.
//
// The reader is strict, because certificates are attacker input and BER leniency is
// where parsers disagree: definite minimal lengths only, single-byte tags (X.509 never
// needs tag numbers above 30), BOOLEAN as 00/FF, minimal INTEGER encodings, BIT STRING
// padding bits zero, and a nesting limit. Every read either returns what it parsed and
// consumes it, or returns an Errc::malformed error (and the reader must be abandoned).
//
//   der::Reader r(cert_der);
//   KEEL_TRY_ASSIGN(cert, r.sequence());       // Certificate ::= SEQUENCE {
//   KEEL_TRY_ASSIGN(tbs, cert.element(der::kSequence));   // raw TBS, header included
//
// The writer builds nested TLVs, filling in each length when its element closes;
// SET OF contents are sorted as DER requires.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "x509/der/oid.h"

namespace keel::x509::der {

// Tag bytes (class | constructed bit | number) for the universal types X.509 uses.
inline constexpr uint8_t kBoolean = 0x01;
inline constexpr uint8_t kInteger = 0x02;
inline constexpr uint8_t kBitString = 0x03;
inline constexpr uint8_t kOctetString = 0x04;
inline constexpr uint8_t kNull = 0x05;
inline constexpr uint8_t kOid = 0x06;
inline constexpr uint8_t kEnumerated = 0x0a;
inline constexpr uint8_t kUtf8String = 0x0c;
inline constexpr uint8_t kPrintableString = 0x13;
inline constexpr uint8_t kT61String = 0x14;
inline constexpr uint8_t kIa5String = 0x16;
inline constexpr uint8_t kUtcTime = 0x17;
inline constexpr uint8_t kGeneralizedTime = 0x18;
inline constexpr uint8_t kVisibleString = 0x1a;
inline constexpr uint8_t kUniversalString = 0x1c;
inline constexpr uint8_t kBmpString = 0x1e;
inline constexpr uint8_t kSequence = 0x30;
inline constexpr uint8_t kSet = 0x31;

inline constexpr uint8_t kConstructed = 0x20;
// [n] IMPLICIT on a primitive type, and [n] on a constructed one (EXPLICIT tags and
// IMPLICIT SEQUENCEs), n = 0..30.
constexpr uint8_t context(uint8_t n) { return static_cast<uint8_t>(0x80 | n); }
constexpr uint8_t context_constructed(uint8_t n) { return static_cast<uint8_t>(0xa0 | n); }

// Deeper nesting than any certificate needs; bounds recursion on hostile input.
inline constexpr int kMaxDepth = 32;

// One TLV as it appears in the input.
struct Element {
    uint8_t tag = 0;
    ByteView contents;  // the value bytes
    ByteView encoding;  // tag + length + value, e.g. the TBSCertificate a signature covers
};

struct BitString {
    ByteView bytes;           // the content octets after the unused-bits count
    uint8_t unused_bits = 0;  // 0..7, and the unused bits are zero (DER)
};

class Reader {
public:
    Reader() = default;
    explicit Reader(ByteView data) : data_(data) {}

    bool empty() const { return data_.empty(); }
    size_t remaining() const { return data_.size(); }
    // The tag of the next element, or nullopt when empty.
    std::optional<uint8_t> peek_tag() const;
    bool next_is(uint8_t tag) const { return peek_tag() == tag; }

    // Any element; the caller inspects the tag.
    Result<Element> any();
    // An element with exactly this tag.
    Result<Element> element(uint8_t tag);
    // The contents of an element with this tag.
    Result<ByteView> read(uint8_t tag);
    // A constructed element's contents as a sub-reader (one level deeper).
    Result<Reader> constructed(uint8_t tag);
    Result<Reader> sequence() { return constructed(kSequence); }
    Result<Reader> set() { return constructed(kSet); }
    // OPTIONAL fields: nullopt when the next tag differs (or nothing is left).
    Result<std::optional<Reader>> optional_constructed(uint8_t tag);
    Result<std::optional<ByteView>> optional(uint8_t tag);

    // BOOLEAN (00 or FF only).
    Result<bool> boolean();
    // `x BOOLEAN DEFAULT FALSE`: DER forbids encoding the default, so an explicit FALSE
    // is an error; absent means false.
    Result<bool> boolean_default_false();
    // INTEGER contents in minimal two's complement (at least one byte).
    Result<ByteView> integer();
    // A non-negative INTEGER as big-endian magnitude without the sign byte ("0" is {0}).
    Result<ByteView> unsigned_integer();
    // A non-negative INTEGER that fits in int64 (versions, path lengths, counts).
    Result<int64_t> small_unsigned();
    // ENUMERATED in 0..INT32_MAX (CRL reason codes, OCSP statuses).
    Result<int64_t> enumerated();
    Result<BitString> bit_string();
    // A BIT STRING that must carry whole octets (keys, signatures).
    Result<ByteView> bit_string_octets();
    Result<ByteView> octet_string() { return read(kOctetString); }
    Result<Oid> oid();
    Result<void> null();
    // UTCTime or GeneralizedTime under RFC 5280 §4.1.2.5 rules, as Unix seconds.
    Result<int64_t> time();
    // GeneralizedTime only (OCSP, CRL invalidityDate), RFC 5280 form, as Unix seconds.
    Result<int64_t> generalized_time();

    // Succeeds only when every byte was consumed: trailing data is an error.
    Result<void> finish() const;

private:
    Reader(ByteView data, int depth) : data_(data), depth_(depth) {}

    ByteView data_;
    int depth_ = 0;
};

// Parses a complete single element (nothing may follow it) and returns a reader over
// its contents: `der::parse(cert_der, der::kSequence)`.
Result<Reader> parse(ByteView der, uint8_t tag);

class Writer {
public:
    // Handle for an open constructed element.
    struct Open {
        size_t start;
        bool sort_set_of;
    };

    Open open(uint8_t tag);
    Open sequence() { return open(kSequence); }
    // SET OF: children are sorted by encoding when it closes (X.690 §11.6).
    Open set_of();
    void close(Open o);

    void element(uint8_t tag, ByteView contents);
    // Pre-encoded DER (a stored TBS, a public key's SPKI): appended as is.
    void raw(ByteView der) { out_.insert(out_.end(), der.begin(), der.end()); }
    void boolean(bool v);
    // A non-negative INTEGER from a big-endian magnitude (leading zeros allowed).
    void unsigned_integer(ByteView magnitude);
    void small_unsigned(uint64_t v);
    void enumerated(uint64_t v);
    void bit_string(ByteView bytes, uint8_t unused_bits = 0);
    void octet_string(ByteView v) { element(kOctetString, v); }
    void oid(const Oid& o) { element(kOid, o.bytes()); }
    void null() { element(kNull, {}); }
    void string(uint8_t tag, std::string_view s) { element(tag, as_bytes(s)); }
    // UTCTime for 1950..2049 and GeneralizedTime otherwise (RFC 5280 §4.1.2.5).
    void time(int64_t unix_seconds);

    const Bytes& bytes() const { return out_; }
    Bytes take() { return std::move(out_); }

private:
    Bytes out_;
};

}  // namespace keel::x509::der
