// ChaCha20-Poly1305 (RFC 8439 §2.8) and XChaCha20-Poly1305.
//
// Long messages are fused, never two passes over the whole message: with AVX-512 and
// IFMA, chacha20_poly1305_avx512.cc interleaves the two inside each 1 KiB pass; with
// other backends the message goes in kChunk-byte pieces, each encrypted and then
// authenticated (or authenticated and then decrypted) while it is still in L1.
#include "crypto/chacha/chacha20_poly1305.h"

#include <cstring>

#include "base/ct.h"
#include "base/endian.h"
#include "base/secret.h"

namespace keel::crypto {
namespace {

constexpr size_t kChunk = 4096;  // a multiple of 64: each chunk starts on a block
constexpr size_t kShort = 192;   // up to here one 256-byte keystream call does it all

struct Backends {
    detail::ChaCha20Xor chacha;
    detail::Poly1305Blocks poly;
    detail::ChaChaPolyBulk bulk;  // may be null
};

// Absorbs n bytes, then zeros up to a 16-byte boundary (§2.8 padding1/padding2).
// The inputs are public (aad, ciphertext), so the padded copy needs no wipe.
void absorb_padded(detail::Poly1305State& st, detail::Poly1305Blocks poly, const uint8_t* p,
                   size_t n) {
    if (n >= 16) poly(st, p, n / 16);
    if (size_t rem = n % 16) {
        uint8_t b[16] = {};
        std::memcpy(b, p + n - rem, rem);
        poly(st, b, 1);
    }
}

Result<void> check_args(ByteView nonce, size_t nonce_size, size_t len, size_t tag_len) {
    if (nonce.size() != nonce_size) {
        return Error(Errc::invalid_argument, "ChaCha20-Poly1305 nonce has the wrong length");
    }
    if (tag_len != 16) {
        return Error(Errc::invalid_argument, "ChaCha20-Poly1305 tags are 16 bytes");
    }
    if (uint64_t{len} > ChaCha20Poly1305::kMaxMessage) {
        return Error(Errc::limit_exceeded, "ChaCha20-Poly1305 message exceeds 2^38 - 64 bytes");
    }
    return ok();
}

// Encrypts (seal) or decrypts (open) io in place and writes the tag of the
// ciphertext. §2.8: one-time Poly1305 key = first 32 bytes of block 0; the message
// uses blocks 1.. ; MAC over aad, pad, ciphertext, pad, le64 lengths.
void crypt_and_mac(const uint32_t key[8], const uint32_t nonce[3], Backends b, ByteView aad,
                   MutableByteView io, bool seal, uint8_t tag[16]) {
    uint8_t* p = io.data();
    const size_t len = io.size();
    detail::Poly1305State st;
    size_t off = 0;
    if (b.bulk != nullptr && len >= 1024) {
        // Block 0, the aad and the whole 1 KiB chunks in the fused path.
        off = len - len % 1024;
        b.bulk(key, nonce, st, aad, p, off, seal);
    } else {
        // Block 0; for a short message, block 0 and its whole keystream in one call.
        alignas(64) uint8_t ks[64 + kShort];
        const size_t ks_len = len <= kShort ? 64 + len : 32;
        std::memset(ks, 0, ks_len);
        b.chacha(key, nonce, 0, ks, ks, ks_len);
        detail::poly1305_init(st, ks);
        absorb_padded(st, b.poly, aad.data(), aad.size());
        if (len <= kShort) {
            if (!seal) absorb_padded(st, b.poly, p, len);
            for (size_t i = 0; i < len; i++) p[i] ^= ks[64 + i];
            if (seal) absorb_padded(st, b.poly, p, len);
            off = len;
        }
        secure_wipe(ks, ks_len);
    }
    // Every chunk but the last is a multiple of 64 (and 16) bytes long.
    for (; off < len; off += kChunk) {
        size_t n = std::min(kChunk, len - off);
        uint32_t counter = 1 + static_cast<uint32_t>(off / 64);
        if (!seal) absorb_padded(st, b.poly, p + off, n);
        b.chacha(key, nonce, counter, p + off, p + off, n);
        if (seal) absorb_padded(st, b.poly, p + off, n);
    }
    uint8_t lengths[16];
    store_le64(lengths, aad.size());
    store_le64(lengths + 8, len);
    b.poly(st, lengths, 1);
    detail::poly1305_finish(st, tag);  // also wipes st
}

void load_nonce(const uint8_t* n, uint32_t out[3]) {
    for (int i = 0; i < 3; i++) out[i] = load_le32(n + 4 * i);
}

Result<void> do_seal(const uint32_t key[8], const uint32_t nonce[3], Backends b, ByteView aad,
                     MutableByteView io, MutableByteView tag) {
    crypt_and_mac(key, nonce, b, aad, io, true, tag.data());
    return ok();
}

Result<void> do_open(const uint32_t key[8], const uint32_t nonce[3], Backends b, ByteView aad,
                     MutableByteView io, ByteView tag) {
    uint8_t want[16];
    crypt_and_mac(key, nonce, b, aad, io, false, want);
    // ct::equal compares every byte and declassifies only the verdict.
    bool good = ct::equal(ByteView(want, 16), tag);
    secure_wipe(want, sizeof want);
    if (!good) {
        // The plaintext was computed in place; it must not be released (aead.h).
        secure_wipe(io.data(), io.size());
        return Error(Errc::auth_failed, "ChaCha20-Poly1305 tag mismatch");
    }
    return ok();
}

// draft-irtf-cfrg-xchacha §2.3: subkey from HChaCha20, nonce 0^4 || nonce[16..24].
void xchacha_setup(const uint8_t key[32], const uint8_t* nonce24, uint32_t subkey[8],
                   uint32_t nonce[3]) {
    uint8_t sk[32];
    detail::hchacha20(key, nonce24, sk);
    detail::chacha20_load_key(sk, subkey);
    secure_wipe(sk, sizeof sk);
    nonce[0] = 0;
    nonce[1] = load_le32(nonce24 + 16);
    nonce[2] = load_le32(nonce24 + 20);
}

}  // namespace

namespace detail {
ChaChaPolyBulk chacha20_poly1305_bulk_for(ChaCha20Xor chacha, Poly1305Blocks poly) {
    if (chacha == chacha20_xor_avx512 && poly == poly1305_blocks_ifma) {
        return chacha20_poly1305_bulk_avx512;
    }
    return nullptr;
}
}  // namespace detail

Result<ChaCha20Poly1305> ChaCha20Poly1305::create(ByteView key) {
    return create(key, detail::chacha20_best(), detail::poly1305_best());
}

Result<ChaCha20Poly1305> ChaCha20Poly1305::create(ByteView key, detail::ChaCha20Xor chacha,
                                                  detail::Poly1305Blocks poly) {
    if (key.size() != kKeySize) {
        return Error(Errc::invalid_argument, "ChaCha20-Poly1305 key must be 32 bytes");
    }
    ChaCha20Poly1305 a(chacha, poly);
    detail::chacha20_load_key(key.data(), a.key_);
    return a;
}

ChaCha20Poly1305::~ChaCha20Poly1305() {
    secure_wipe(key_, sizeof key_);
}

Result<void> ChaCha20Poly1305::seal(ByteView nonce, ByteView aad, MutableByteView in_out,
                                    MutableByteView tag) const {
    KEEL_TRY(check_args(nonce, kNonceSize, in_out.size(), tag.size()));
    uint32_t n[3];
    load_nonce(nonce.data(), n);
    return do_seal(key_, n, {chacha_, poly_, bulk_}, aad, in_out, tag);
}

Result<void> ChaCha20Poly1305::open(ByteView nonce, ByteView aad, MutableByteView in_out,
                                    ByteView tag) const {
    KEEL_TRY(check_args(nonce, kNonceSize, in_out.size(), tag.size()));
    uint32_t n[3];
    load_nonce(nonce.data(), n);
    return do_open(key_, n, {chacha_, poly_, bulk_}, aad, in_out, tag);
}

Result<XChaCha20Poly1305> XChaCha20Poly1305::create(ByteView key) {
    return create(key, detail::chacha20_best(), detail::poly1305_best());
}

Result<XChaCha20Poly1305> XChaCha20Poly1305::create(ByteView key, detail::ChaCha20Xor chacha,
                                                    detail::Poly1305Blocks poly) {
    if (key.size() != kKeySize) {
        return Error(Errc::invalid_argument, "XChaCha20-Poly1305 key must be 32 bytes");
    }
    XChaCha20Poly1305 a(chacha, poly);
    std::memcpy(a.key_, key.data(), kKeySize);
    return a;
}

XChaCha20Poly1305::~XChaCha20Poly1305() {
    secure_wipe(key_, sizeof key_);
}

Result<void> XChaCha20Poly1305::seal(ByteView nonce, ByteView aad, MutableByteView in_out,
                                     MutableByteView tag) const {
    KEEL_TRY(check_args(nonce, kNonceSize, in_out.size(), tag.size()));
    uint32_t sk[8], n[3];
    xchacha_setup(key_, nonce.data(), sk, n);
    auto r = do_seal(sk, n, {chacha_, poly_, bulk_}, aad, in_out, tag);
    secure_wipe(sk, sizeof sk);
    return r;
}

Result<void> XChaCha20Poly1305::open(ByteView nonce, ByteView aad, MutableByteView in_out,
                                     ByteView tag) const {
    KEEL_TRY(check_args(nonce, kNonceSize, in_out.size(), tag.size()));
    uint32_t sk[8], n[3];
    xchacha_setup(key_, nonce.data(), sk, n);
    auto r = do_open(sk, n, {chacha_, poly_, bulk_}, aad, in_out, tag);
    secure_wipe(sk, sizeof sk);
    return r;
}

}  // namespace keel::crypto
