// The TLS record layer on hostile bytes. Three things per input:
// 1. The input as a byte stream into RecordReader, in chunks the input chooses; every
//    record it yields is opened with a fixed TLS 1.3 key. Every failure must be a TLS
//    alert, and every success must respect the RFC 8446 §5 limits.
// 2. The input as a TLSInnerPlaintext sealed under the fixed key and opened: reaches
//    the padding scan and content-type rules with arbitrary decrypted bytes.
// 3. The input as application data through RecordWriter and back, chunked: must round
//    trip exactly.
// Header: [flags][chunk seed]. flags bit 0: reader protected; bit 1: first_client_hello
// version rule; bits 2-3: the AEAD.
#include <cstdlib>
#include <cstring>
#include <optional>

#include "crypto/aead/any_aead.h"
#include "tls/alert.h"
#include "tls/record/record_reader.h"
#include "tls/record/record_writer.h"
#include "tls/record/tls13_protection.h"

namespace {

using keel::Bytes;
using keel::ByteView;
using keel::MutableByteView;
using keel::crypto::AeadAlg;
using namespace keel::tls;

void require(bool ok) {
    if (!ok) abort();
}

constexpr AeadAlg kAlgs[] = {AeadAlg::aes128_gcm, AeadAlg::chacha20_poly1305, AeadAlg::aes128_ccm,
                             AeadAlg::aes128_ccm8};

Tls13RecordProtection fixed_key(AeadAlg alg) {
    Bytes key(keel::crypto::aead_key_size(alg), 0x4b), iv(12, 0x1f);
    auto p = Tls13RecordProtection::create(alg, key, iv);
    require(p.ok());
    return std::move(*p);
}

void require_alert(const keel::Error& e) {
    require(e.code() == keel::Errc::tls_alert);
}

void check_plaintext(const Plaintext& pt) {
    require(pt.content.size() <= kMaxPlaintext);
    require(pt.type != ContentType::invalid && pt.type != ContentType::change_cipher_spec);
    if (pt.type == ContentType::alert) require(pt.content.size() == 2);
    if (pt.type == ContentType::handshake) require(!pt.content.empty());
}

void stream_into_reader(ByteView stream, uint8_t flags, uint8_t seed, AeadAlg alg) {
    RecordReader reader;
    reader.set_protected(flags & 1);
    reader.set_version_rule((flags & 2) ? RecordVersionRule::first_client_hello
                                        : RecordVersionRule::exact_0303);
    auto prot = fixed_key(alg);
    uint32_t state = seed | 1u;
    while (true) {
        auto rec = reader.next();
        if (!rec) {
            require_alert(rec.error());
            require(!reader.next().ok());  // sticky
            return;
        }
        if (*rec) {
            const Record& r = **rec;
            require(r.header.size() == kRecordHeaderSize);
            require(r.fragment.size() <= kMaxTls13Ciphertext);
            if (r.type == ContentType::application_data) {
                auto pt = prot.open(r);
                if (pt) {
                    check_plaintext(*pt);
                } else {
                    require_alert(pt.error());
                }
            }
            continue;
        }
        if (stream.empty()) return;
        state = state * 1103515245u + 12345u;
        const size_t chunk = 1 + (state >> 16) % 700;
        const size_t took = reader.feed(stream.first(std::min(chunk, stream.size())));
        require(took > 0);
        require(reader.buffered() <= reader.capacity());
        stream = stream.subspan(took);
    }
}

void inner_plaintext(ByteView inner, AeadAlg alg) {
    if (inner.size() > kMaxTls13Ciphertext - 16) return;
    Bytes key(keel::crypto::aead_key_size(alg), 0x4b), iv(12, 0x1f);
    auto aead = keel::crypto::Aead::create(alg, key);
    require(aead.ok());
    const size_t tag = aead->tag_size();
    const size_t len = inner.size() + tag;
    Bytes rec(kRecordHeaderSize + len);
    RecordHeader{ContentType::application_data, kRecordVersionTls12, static_cast<uint16_t>(len)}
        .write(MutableByteView(rec).first<kRecordHeaderSize>());
    if (!inner.empty()) std::memcpy(rec.data() + kRecordHeaderSize, inner.data(), inner.size());
    MutableByteView body = MutableByteView(rec).subspan(kRecordHeaderSize);
    require(aead->seal(iv, ByteView(rec).first(kRecordHeaderSize), body.first(inner.size()),
                       body.subspan(inner.size()))
                .ok());
    auto prot = fixed_key(alg);
    Record r{ContentType::application_data, kRecordVersionTls12,
             ByteView(rec).first(kRecordHeaderSize), body};
    auto pt = prot.open(r);
    if (!pt) {
        require_alert(pt.error());
        return;
    }
    check_plaintext(*pt);
    // The content is the input up to its last non-zero byte, which is the type.
    size_t end = inner.size();
    while (end > 0 && inner[end - 1] == 0) end--;
    require(end > 0 && static_cast<uint8_t>(pt->type) == inner[end - 1]);
    require(pt->content.size() == end - 1);
    require(std::memcmp(pt->content.data(), inner.data(), end - 1) == 0 || end == 1);
}

void round_trip(ByteView data, uint8_t seed, AeadAlg alg) {
    if (data.empty()) return;
    RecordWriter w;
    w.set_protection(RecordProtection(fixed_key(alg)));
    require(w.set_record_size_limit(64 + seed * 61).ok());
    w.set_padding_block(seed % 5 == 0 ? 0 : seed % 97);
    Bytes wire;
    require(w.write(ContentType::application_data, data, wire).ok());
    RecordReader reader;
    reader.set_protected(true);
    auto prot = fixed_key(alg);
    Bytes back;
    ByteView in = wire;
    const size_t chunk = 1 + seed * 37;
    while (true) {
        auto rec = reader.next();
        require(rec.ok());
        if (*rec) {
            auto pt = prot.open(**rec);
            require(pt.ok() && pt->type == ContentType::application_data);
            back.insert(back.end(), pt->content.begin(), pt->content.end());
            continue;
        }
        if (in.empty()) break;
        in = in.subspan(reader.feed(in.first(std::min(chunk, in.size()))));
    }
    require(back.size() == data.size() && std::memcmp(back.data(), data.data(), data.size()) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    const uint8_t flags = data[0], seed = data[1];
    const ByteView rest(data + 2, size - 2);
    const AeadAlg alg = kAlgs[(flags >> 2) & 3];
    stream_into_reader(rest, flags, seed, alg);
    inner_plaintext(rest, alg);
    round_trip(rest, seed, alg);
    return 0;
}
