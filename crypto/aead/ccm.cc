// AES-CCM: parameter checks, the formatting function of SP 800-38C §A.2, the tag,
// and the portable payload pass. The AES-NI payload pass is in ccm_aesni.cc.
#include "crypto/aead/ccm.h"

#include <cstring>
#include <string>

#include "base/cpu.h"
#include "base/ct.h"
#include "base/endian.h"
#include "base/secret.h"

namespace keel::crypto {

namespace detail {

void ccm_cbcmac_portable(const Aes& aes, uint8_t mac[16], const uint8_t* in, size_t blocks) {
    for (; blocks > 0; blocks--, in += 16) {
        for (int i = 0; i < 16; i++) mac[i] ^= in[i];
        aes.encrypt_blocks(mac, mac, 1);
    }
}

void ccm_crypt_portable(const Aes& aes, uint8_t mac[16], const uint8_t ctr1[16], const uint8_t* in,
                        uint8_t* out, size_t len, bool decrypt) {
    // The portable AES works on four blocks at once: the keystream is made four
    // blocks per call, while the CBC-MAC chain is serial, one block per call.
    constexpr size_t kBatch = 4;
    uint8_t ctr[kBatch * 16], ks[kBatch * 16], plain[16];
    // The counter sits in the last q <= 8 bytes and never passes 2^(8q) - 1 (start()
    // bounds len), so a 64-bit add on the last 8 bytes never carries into the nonce.
    const uint64_t lo = load_be64(ctr1 + 8);
    uint64_t count = 0;
    while (len > 0) {
        const size_t n = len < kBatch * 16 ? len : kBatch * 16;
        const size_t nblocks = (n + 15) / 16;
        for (size_t b = 0; b < nblocks; b++) {
            std::memcpy(ctr + 16 * b, ctr1, 8);
            store_be64(ctr + 16 * b + 8, lo + count + b);
        }
        aes.encrypt_blocks(ctr, ks, nblocks);
        count += nblocks;
        for (size_t b = 0; b < nblocks; b++) {
            const size_t m = n - 16 * b < 16 ? n - 16 * b : 16;
            std::memset(plain, 0, sizeof plain);  // §6.1: the last block is zero-padded
            for (size_t i = 0; i < m; i++) {
                const uint8_t x = in[16 * b + i];
                const uint8_t y = static_cast<uint8_t>(x ^ ks[16 * b + i]);
                plain[i] = decrypt ? y : x;
                out[16 * b + i] = y;
            }
            ccm_cbcmac_portable(aes, mac, plain, 1);
        }
        in += n;
        out += n;
        len -= n;
    }
    secure_wipe(ks, sizeof ks);
    secure_wipe(plain, sizeof plain);
}

}  // namespace detail

namespace {

bool uses_aesni(AesBackend b) {
    return b == AesBackend::aesni || b == AesBackend::vaes512;
}

}  // namespace

Result<AesCcm> AesCcm::create(ByteView key) {
    auto aes = Aes::create(key);
    if (!aes) return aes.error();
    return AesCcm(std::move(*aes));
}

Result<AesCcm> AesCcm::create(ByteView key, AesBackend backend) {
    auto aes = Aes::create(key, backend);
    if (!aes) return aes.error();
    return AesCcm(std::move(*aes));
}

void AesCcm::cbcmac(uint8_t mac[16], const uint8_t* in, size_t blocks) const {
    if (uses_aesni(aes_.backend())) {
        detail::ccm_cbcmac_aesni(aes_.schedule(), mac, in, blocks);
    } else {
        detail::ccm_cbcmac_portable(aes_, mac, in, blocks);
    }
}

Result<void> AesCcm::start(ByteView nonce, ByteView aad, size_t len, size_t tag_len,
                           uint8_t mac[16], uint8_t ctr1[16]) const {
    const size_t n = nonce.size();
    if (n < kMinNonceSize || n > kMaxNonceSize) {
        return Error(Errc::invalid_argument,
                     "CCM nonce length " + std::to_string(n) + " not in 7..13");
    }
    // §A.1: t in {4, 6, ..., 16}.
    if (tag_len < 4 || tag_len > 16 || tag_len % 2 != 0) {
        return Error(Errc::invalid_argument,
                     "CCM tag length " + std::to_string(tag_len) + " not in {4, 6, ..., 16}");
    }
    const size_t q = 15 - n;
    if (q < 8 && static_cast<uint64_t>(len) >> (8 * q) != 0) {
        return Error(Errc::limit_exceeded, "CCM payload of " + std::to_string(len) +
                                               " bytes does not fit a " + std::to_string(q) +
                                               "-byte length field");
    }

    // §A.2.1: B0 = flags || N || Q, flags = Adata << 6 | (t-2)/2 << 3 | (q-1).
    uint8_t b0[16];
    b0[0] = static_cast<uint8_t>((aad.empty() ? 0 : 0x40) | ((tag_len - 2) / 2) << 3 | (q - 1));
    std::memcpy(b0 + 1, nonce.data(), n);
    uint64_t l = len;
    for (size_t i = 0; i < q; i++, l >>= 8) b0[15 - i] = static_cast<uint8_t>(l);
    std::memset(mac, 0, 16);
    cbcmac(mac, b0, 1);

    // §A.2.2: the AAD length in 2, 6 or 10 bytes, then the AAD, zero-padded to blocks.
    if (!aad.empty()) {
        uint8_t block[16] = {};
        size_t h;
        const uint64_t a = aad.size();
        if (a < 0xff00) {
            store_be16(block, static_cast<uint16_t>(a));
            h = 2;
        } else if (a >> 32 == 0) {
            block[0] = 0xff;
            block[1] = 0xfe;
            store_be32(block + 2, static_cast<uint32_t>(a));
            h = 6;
        } else {
            block[0] = 0xff;
            block[1] = 0xff;
            store_be64(block + 2, a);
            h = 10;
        }
        size_t first = aad.size() < 16 - h ? aad.size() : 16 - h;
        std::memcpy(block + h, aad.data(), first);
        cbcmac(mac, block, 1);
        const uint8_t* rest = aad.data() + first;
        size_t left = aad.size() - first;
        cbcmac(mac, rest, left / 16);
        if (left % 16 != 0) {
            std::memset(block, 0, sizeof block);
            std::memcpy(block, rest + left - left % 16, left % 16);
            cbcmac(mac, block, 1);
        }
    }

    // §A.3: Ctr_i = flags' || N || [i]_q with flags' = q - 1.
    std::memset(ctr1, 0, 16);
    ctr1[0] = static_cast<uint8_t>(q - 1);
    std::memcpy(ctr1 + 1, nonce.data(), n);
    ctr1[15] = 1;
    return ok();
}

Result<void> AesCcm::seal(ByteView nonce, ByteView aad, MutableByteView in_out,
                          MutableByteView tag) const {
    alignas(16) uint8_t mac[16];
    alignas(16) uint8_t ctr[16];
    KEEL_TRY(start(nonce, aad, in_out.size(), tag.size(), mac, ctr));
    if (uses_aesni(aes_.backend())) {
        detail::ccm_seal_aesni(aes_.schedule(), mac, ctr, in_out.data(), in_out.data(),
                               in_out.size());
    } else {
        detail::ccm_crypt_portable(aes_, mac, ctr, in_out.data(), in_out.data(), in_out.size(),
                                   false);
    }
    // §6.1 step 8: the tag is MSB_t(T) XOR MSB_t(E(Ctr_0)).
    ctr[15] = 0;
    uint8_t s0[16];
    aes_.encrypt_blocks(ctr, s0, 1);
    for (size_t i = 0; i < tag.size(); i++) tag[i] = mac[i] ^ s0[i];
    secure_wipe(mac, sizeof mac);
    secure_wipe(s0, sizeof s0);
    return ok();
}

Result<void> AesCcm::open(ByteView nonce, ByteView aad, MutableByteView in_out,
                          ByteView tag) const {
    alignas(16) uint8_t mac[16];
    alignas(16) uint8_t ctr[16];
    KEEL_TRY(start(nonce, aad, in_out.size(), tag.size(), mac, ctr));
    if (uses_aesni(aes_.backend())) {
        detail::ccm_open_aesni(aes_.schedule(), mac, ctr, in_out.data(), in_out.data(),
                               in_out.size());
    } else {
        detail::ccm_crypt_portable(aes_, mac, ctr, in_out.data(), in_out.data(), in_out.size(),
                                   true);
    }
    ctr[15] = 0;
    uint8_t s0[16];
    aes_.encrypt_blocks(ctr, s0, 1);
    for (size_t i = 0; i < 16; i++) mac[i] ^= s0[i];
    // §6.2 step 10: compare in constant time; only the verdict is public.
    const bool good = ct::equal(ByteView(mac, tag.size()), tag);
    secure_wipe(mac, sizeof mac);
    secure_wipe(s0, sizeof s0);
    if (!good) {
        secure_wipe(in_out.data(), in_out.size());
        return Error(Errc::auth_failed, "CCM tag mismatch");
    }
    return ok();
}

}  // namespace keel::crypto
