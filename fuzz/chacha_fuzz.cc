// ChaCha20, Poly1305, ChaCha20-Poly1305 and XChaCha20-Poly1305, differentially:
// input = key(32) | nonce(24) | counter(4) | aad_len(2) | split1(2) | split2(2) |
//         flip(2) | aad | text.
// Every backend must agree with portable, including across fuzzer-chosen Poly1305
// update splits; open(seal(x)) == x; a flipped bit fails and zeroes the output.
#include <cstdlib>
#include <cstring>
#include <vector>

#include "base/endian.h"
#include "crypto/chacha/chacha20.h"
#include "crypto/chacha/chacha20_poly1305.h"
#include "crypto/chacha/poly1305.h"

namespace {

using namespace keel;
using namespace keel::crypto;

constexpr size_t kHeader = 32 + 24 + 4 + 2 + 2 + 2 + 2;

uint16_t le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }

void check(bool ok) {
    if (!ok) std::abort();
}

template <class Aead>
void check_aead(ByteView key, ByteView nonce, ByteView aad, ByteView text, size_t flip) {
    Bytes want;
    uint8_t want_tag[16];
    bool first = true;
    for (const auto& c : detail::chacha20_backends()) {
        for (const auto& p : detail::poly1305_backends()) {
            auto a = Aead::create(key, c.xor_fn, p.blocks);
            check(a.ok());
            Bytes io(text.begin(), text.end());
            uint8_t tag[16];
            check(a->seal(nonce, aad, io, tag).ok());
            if (first) {
                want = io;
                std::memcpy(want_tag, tag, 16);
                first = false;
            } else {
                check(io == want && std::memcmp(tag, want_tag, 16) == 0);
            }
            Bytes sealed = io;
            check(a->open(nonce, aad, io, ByteView(tag, 16)).ok());
            check(std::equal(io.begin(), io.end(), text.begin(), text.end()));
            // Flip one bit of ciphertext or tag.
            io = sealed;
            size_t bit = flip % ((io.size() + 16) * 8);
            uint8_t* target = bit / 8 < io.size() ? &io[bit / 8] : &tag[bit / 8 - io.size()];
            *target ^= static_cast<uint8_t>(1u << (bit % 8));
            auto r = a->open(nonce, aad, io, ByteView(tag, 16));
            check(!r.ok() && r.error().code() == Errc::auth_failed);
            check(io == Bytes(io.size(), 0));
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < kHeader) return 0;
    ByteView key(data, 32), nonce24(data + 32, 24);
    uint32_t counter = load_le32(data + 56);
    size_t aad_len = le16(data + 60);
    size_t split1 = le16(data + 62), split2 = le16(data + 64);
    size_t flip = le16(data + 66);
    ByteView rest(data + kHeader, size - kHeader);
    aad_len = std::min(aad_len, rest.size());
    ByteView aad = rest.first(aad_len), text = rest.subspan(aad_len);
    ByteView nonce12 = nonce24.first(12);

    // ChaCha20 at a fuzzer-chosen counter; a wrapping request must fail everywhere.
    Bytes want(text.size());
    auto ref = ChaCha20::create(key, detail::chacha20_xor_portable);
    bool ok = ref->xor_stream(nonce12, counter, text, want).ok();
    for (const auto& b : detail::chacha20_backends()) {
        auto c = ChaCha20::create(key, b.xor_fn);
        Bytes got(text.size());
        auto r = c->xor_stream(nonce12, counter, text, got);
        check(r.ok() == ok);
        if (ok) check(got == want);
    }

    // Poly1305 with three fuzzer-chosen pieces.
    std::span<const uint8_t, 32> k(data, 32);
    Poly1305::Tag mac = Poly1305::mac(k, text);
    Poly1305 one(k, detail::poly1305_blocks_portable);
    one.update(text);
    check(one.final() == mac);
    size_t a = std::min(split1, text.size()), b = std::min(a + split2, text.size());
    for (const auto& p : detail::poly1305_backends()) {
        Poly1305 s(k, p.blocks);
        s.update(text.first(a));
        s.update(text.subspan(a, b - a));
        s.update(text.subspan(b));
        check(s.final() == mac);
    }

    check_aead<ChaCha20Poly1305>(key, nonce12, aad, text, flip);
    check_aead<XChaCha20Poly1305>(key, nonce24, aad, text, flip);
    return 0;
}
