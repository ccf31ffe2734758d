// AES-GCM (SP 800-38D §7): argument checks, J0, the length block, the tag, and
// backend dispatch for the bulk work.
#include "crypto/aead/gcm.h"

#include <cstring>

#include "base/cpu.h"
#include "base/ct.h"
#include "base/endian.h"
#include "base/secret.h"

namespace keel::crypto {

const char* gcm_backend_name(GcmBackend b) {
    switch (b) {
        case GcmBackend::portable:
            return "portable";
        case GcmBackend::aesni_pclmul:
            return "aesni_pclmul";
        case GcmBackend::vaes512:
            return "vaes512";
    }
    return "?";
}

namespace {

constexpr uint32_t kPclmulCaps = cpu::kAesni | cpu::kPclmul | cpu::kSse41 | cpu::kSsse3;
constexpr uint32_t kVaesCaps =
    kPclmulCaps | cpu::kVaes | cpu::kVpclmulqdq | cpu::kAvx512f | cpu::kAvx512bw | cpu::kAvx512vl;

bool cpu_allows(GcmBackend b) {
    switch (b) {
        case GcmBackend::portable:
            return true;
        case GcmBackend::aesni_pclmul:
            return cpu::has(kPclmulCaps);
        case GcmBackend::vaes512:
            return cpu::has(kVaesCaps);
    }
    return false;
}

AesBackend aes_backend_for(GcmBackend b) {
    switch (b) {
        case GcmBackend::portable:
            return AesBackend::portable;
        case GcmBackend::aesni_pclmul:
            return AesBackend::aesni;
        case GcmBackend::vaes512:
            return AesBackend::vaes512;
    }
    return AesBackend::portable;
}

// inc32 applied n times (SP 800-38D §6.2).
void add_counter(uint8_t block[16], uint64_t n) {
    store_be32(block + 12, load_be32(block + 12) + static_cast<uint32_t>(n));
}

}  // namespace

std::span<const GcmBackend> AesGcm::backends() {
    static const auto list = [] {
        struct List {
            GcmBackend items[3];
            size_t n = 0;
        } l;
        for (GcmBackend b : {GcmBackend::portable, GcmBackend::aesni_pclmul, GcmBackend::vaes512}) {
            if (cpu_allows(b)) l.items[l.n++] = b;
        }
        return l;
    }();
    return {list.items, list.n};
}

Result<AesGcm> AesGcm::create(ByteView key) {
    return create(key, backends().back());
}

Result<AesGcm> AesGcm::create(ByteView key, GcmBackend backend) {
    if (key.size() != 16 && key.size() != 24 && key.size() != 32) {
        return Error(Errc::invalid_argument, "AES-GCM key must be 16, 24 or 32 bytes");
    }
    if (!cpu_allows(backend)) {
        return Error(Errc::unsupported,
                     std::string("AES-GCM backend not available: ") + gcm_backend_name(backend));
    }
    auto aes = Aes::create(key, aes_backend_for(backend));
    if (!aes.ok()) return aes.error();
    AesGcm g(std::move(aes.value()), backend);
    // §6.4: H = CIPH_K(0^128).
    uint8_t h[16] = {};
    g.aes_.encrypt_blocks(h, h, 1);
    g.gk_.h[1] = load_be64(h);
    g.gk_.h[0] = load_be64(h + 8);
    secure_wipe(h, sizeof h);
    detail::ghash_init_powers(g.gk_);
    return g;
}

AesGcm::~AesGcm() {
    secure_wipe(&gk_, sizeof gk_);
}

Result<void> AesGcm::check(ByteView nonce, ByteView aad, size_t text_len, size_t tag_len) const {
    if (nonce.empty()) return Error(Errc::invalid_argument, "AES-GCM IV must not be empty");
    if (tag_len < kMinTagSize || tag_len > kTagSize) {
        return Error(Errc::invalid_argument, "AES-GCM tag must be 12 to 16 bytes");
    }
    if (static_cast<uint64_t>(text_len) > kMaxPlaintext) {
        return Error(Errc::limit_exceeded, "AES-GCM plaintext exceeds 2^36 - 32 bytes");
    }
    if (static_cast<uint64_t>(aad.size()) > kMaxAad) {
        return Error(Errc::limit_exceeded, "AES-GCM AAD exceeds 2^61 - 1 bytes");
    }
    return ok();
}

// GHASH over len bytes, the last partial block zero-padded (§7.1 step 5).
void AesGcm::ghash(uint64_t y[2], const uint8_t* in, size_t len) const {
    auto blocks_fn = detail::ghash_portable;
    if (backend_ == GcmBackend::aesni_pclmul) blocks_fn = detail::ghash_pclmul;
    if (backend_ == GcmBackend::vaes512) blocks_fn = detail::ghash_vaes512;
    const size_t full = len / 16;
    if (full > 0) blocks_fn(gk_, y, in, full);
    if (len % 16 != 0) {
        uint8_t last[16] = {};
        std::memcpy(last, in + 16 * full, len % 16);
        blocks_fn(gk_, y, last, 1);
        secure_wipe(last, sizeof last);
    }
}

// §7.1 step 2.
void AesGcm::derive_j0(ByteView nonce, uint8_t j0[16]) const {
    if (nonce.size() == 12) {
        std::memcpy(j0, nonce.data(), 12);
        store_be32(j0 + 12, 1);
        return;
    }
    uint64_t y[2] = {0, 0};
    ghash(y, nonce.data(), nonce.size());
    uint8_t len_block[16] = {};
    store_be64(len_block + 8, static_cast<uint64_t>(nonce.size()) * 8);
    ghash(y, len_block, 16);
    store_be64(j0, y[1]);
    store_be64(j0 + 8, y[0]);
}

// §7.1 steps 5-6: S = GHASH(... || [len(A)]64 || [len(C)]64), T = CIPH_K(J0) ^ S.
void AesGcm::finish_tag(const uint8_t j0[16], uint64_t y[2], size_t aad_len, size_t text_len,
                        uint8_t full_tag[16]) const {
    uint8_t len_block[16];
    store_be64(len_block, static_cast<uint64_t>(aad_len) * 8);
    store_be64(len_block + 8, static_cast<uint64_t>(text_len) * 8);
    ghash(y, len_block, 16);
    aes_.encrypt_blocks(j0, full_tag, 1);
    uint8_t s[16];
    store_be64(s, y[1]);
    store_be64(s + 8, y[0]);
    for (int i = 0; i < 16; i++) full_tag[i] ^= s[i];
    secure_wipe(s, sizeof s);
}

Result<void> AesGcm::seal(ByteView nonce, ByteView aad, MutableByteView in_out,
                          MutableByteView tag) const {
    KEEL_TRY(check(nonce, aad, in_out.size(), tag.size()));
    uint8_t j0[16], ctr[16];
    derive_j0(nonce, j0);
    std::memcpy(ctr, j0, 16);
    add_counter(ctr, 1);

    uint64_t y[2] = {0, 0};
    ghash(y, aad.data(), aad.size());

    uint8_t* p = in_out.data();
    const size_t len = in_out.size();
    const size_t full = len / 16;
    if (backend_ == GcmBackend::vaes512) {
        detail::gcm_seal_vaes512(aes_.schedule(), gk_, ctr, p, p, full, y);
    } else {
        aes_.ctr32(ctr, p, p, 16 * full);
        ghash(y, p, 16 * full);
    }
    if (len % 16 != 0) {
        add_counter(ctr, full);
        aes_.ctr32(ctr, p + 16 * full, p + 16 * full, len % 16);
        ghash(y, p + 16 * full, len % 16);
    }

    uint8_t full_tag[16];
    finish_tag(j0, y, aad.size(), len, full_tag);
    std::memcpy(tag.data(), full_tag, tag.size());
    secure_wipe(full_tag, sizeof full_tag);
    secure_wipe(y, sizeof y);
    return ok();
}

Result<void> AesGcm::open(ByteView nonce, ByteView aad, MutableByteView in_out,
                          ByteView tag) const {
    KEEL_TRY(check(nonce, aad, in_out.size(), tag.size()));
    uint8_t j0[16], ctr[16];
    derive_j0(nonce, j0);
    std::memcpy(ctr, j0, 16);
    add_counter(ctr, 1);

    uint64_t y[2] = {0, 0};
    ghash(y, aad.data(), aad.size());

    // The ciphertext is hashed as it is decrypted (or before, for the two-pass
    // backends); the plaintext is wiped below unless the tag matches.
    uint8_t* p = in_out.data();
    const size_t len = in_out.size();
    const size_t full = len / 16;
    if (backend_ == GcmBackend::vaes512) {
        detail::gcm_open_vaes512(aes_.schedule(), gk_, ctr, p, p, full, y);
    } else {
        ghash(y, p, 16 * full);
        aes_.ctr32(ctr, p, p, 16 * full);
    }
    if (len % 16 != 0) {
        add_counter(ctr, full);
        ghash(y, p + 16 * full, len % 16);
        aes_.ctr32(ctr, p + 16 * full, p + 16 * full, len % 16);
    }

    uint8_t full_tag[16];
    finish_tag(j0, y, aad.size(), len, full_tag);
    // The one declassification point: whether the tag matched (base/ct.h).
    const bool good = ct::equal(ByteView(full_tag, tag.size()), tag);
    secure_wipe(full_tag, sizeof full_tag);
    secure_wipe(y, sizeof y);
    if (!good) {
        secure_wipe(p, len);
        return Error(Errc::auth_failed, "AES-GCM tag mismatch");
    }
    return ok();
}

}  // namespace keel::crypto
