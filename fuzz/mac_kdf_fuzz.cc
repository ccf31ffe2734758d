// HMAC and HKDF under fuzzer-chosen inputs:
// - streaming HMAC over fuzzer-chosen splits equals the one-shot MAC, for a key whose
//   length crosses the block size (hashed keys), with SHA-256 and SHA-512, and the
//   keyed object gives the same tag again after final();
// - verify accepts the tag and rejects it with one bit flipped;
// - HKDF-Expand with a fuzzer-chosen length either fails with limit_exceeded (exactly
//   when the length is over 255*HashLen) or fills exactly that many bytes, and a shorter
//   request is a prefix of the longer one.
#include <cstdlib>
#include <cstring>
#include <vector>

#include "base/reader.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "crypto/kdf/hkdf.h"
#include "crypto/mac/hmac.h"

namespace {

using keel::ByteView;
using keel::Reader;
using namespace keel::crypto;

template <class H>
void check_hmac(ByteView key, ByteView msg, Reader& splits) {
    auto want = Hmac<H>::mac(key, msg);
    Hmac<H> m(key);
    for (int round = 0; round < 2; round++) {
        size_t pos = 0;
        while (pos < msg.size()) {
            uint8_t step = 0;
            if (!splits.u8(&step)) step = 255;
            size_t n = std::min<size_t>(msg.size() - pos, step);
            m.update(msg.subspan(pos, n));
            pos += n;
        }
        if (m.final() != want) std::abort();
    }
    if (!Hmac<H>::verify(key, msg, want).ok()) std::abort();
    auto bad = want;
    bad[msg.size() % bad.size()] ^= 0x01;
    if (Hmac<H>::verify(key, msg, bad).ok()) std::abort();
}

template <class H>
void check_hkdf(ByteView prk, ByteView info, size_t len) {
    std::vector<uint8_t> out(len, 0xee);
    auto r = hkdf_expand<H>(prk, info, out);
    bool too_long = len > kHkdfMaxOutput<H>;
    if (too_long || prk.size() < H::kDigestSize) {
        if (r.ok()) std::abort();
        for (uint8_t b : out) {
            if (b != 0xee) std::abort();
        }
        return;
    }
    if (!r.ok()) std::abort();
    size_t shorter = len / 2;
    std::vector<uint8_t> prefix(shorter);
    if (!hkdf_expand<H>(prk, info, prefix).ok()) std::abort();
    if (shorter && std::memcmp(prefix.data(), out.data(), shorter) != 0) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Reader r(ByteView(data, size));
    uint8_t key_len = 0, msg_sel = 0;
    uint16_t out_len = 0;
    ByteView key, msg;
    if (!r.u8(&key_len) || !r.u16(&out_len) || !r.u8(&msg_sel)) return 0;
    if (!r.bytes(std::min<size_t>(key_len, r.remaining()), &key)) return 0;
    if (!r.bytes(std::min<size_t>(msg_sel * 4u, r.remaining()), &msg)) return 0;
    Reader splits(r.rest());

    check_hmac<Sha256>(key, msg, splits);
    check_hmac<Sha512>(key, msg, splits);

    // Lengths up to 65535 cover both sides of 255*32 = 8160 and 255*64 = 16320.
    check_hkdf<Sha256>(key, msg, out_len);
    check_hkdf<Sha512>(key, msg, out_len % 20000);
    return 0;
}
