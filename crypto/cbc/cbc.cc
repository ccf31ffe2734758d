// AES-CBC: argument checks and the portable backend.
#include "crypto/cbc/cbc.h"

#include <cstring>
#include <string>

#include "base/secret.h"

namespace keel::crypto {

namespace detail {

// SP 800-38A §6.2: C_j = E(P_j ^ C_{j-1}), C_0 = IV.
void cbc_encrypt_portable(const Aes& aes, uint8_t iv[16], const uint8_t* in, uint8_t* out,
                          size_t blocks) {
    uint8_t x[16];
    for (; blocks > 0; blocks--, in += 16, out += 16) {
        for (int i = 0; i < 16; i++) x[i] = in[i] ^ iv[i];
        aes.encrypt_blocks(x, iv, 1);
        std::memcpy(out, iv, 16);
    }
    secure_wipe(x, sizeof x);
}

// P_j = D(C_j) ^ C_{j-1}: four blocks per AES call, the width of the bitsliced core.
// The ciphertext is copied first so that in == out works.
void cbc_decrypt_portable(const Aes& aes, uint8_t iv[16], const uint8_t* in, uint8_t* out,
                          size_t blocks) {
    uint8_t c[64], p[64];
    while (blocks > 0) {
        const size_t n = blocks < 4 ? blocks : 4;
        std::memcpy(c, in, 16 * n);
        aes.decrypt_blocks(c, p, n);
        for (size_t i = 0; i < 16; i++) out[i] = p[i] ^ iv[i];
        for (size_t i = 16; i < 16 * n; i++) out[i] = p[i] ^ c[i - 16];
        std::memcpy(iv, c + 16 * (n - 1), 16);
        in += 16 * n;
        out += 16 * n;
        blocks -= n;
    }
    secure_wipe(p, sizeof p);
}

}  // namespace detail

namespace {

bool uses_aesni(AesBackend b) {
    return b == AesBackend::aesni || b == AesBackend::vaes512;
}

Result<void> check(ByteView iv, ByteView in, MutableByteView out) {
    if (iv.size() != AesCbc::kIvSize) {
        return Error(Errc::invalid_argument,
                     "CBC IV length " + std::to_string(iv.size()) + " is not 16");
    }
    if (in.size() % AesCbc::kBlockSize != 0) {
        return Error(Errc::invalid_argument,
                     "CBC input length " + std::to_string(in.size()) + " is not a multiple of 16");
    }
    if (out.size() != in.size()) {
        return Error(Errc::invalid_argument, "CBC output length " + std::to_string(out.size()) +
                                                 " differs from input length " +
                                                 std::to_string(in.size()));
    }
    return ok();
}

}  // namespace

Result<AesCbc> AesCbc::create(ByteView key) {
    auto aes = Aes::create(key);
    if (!aes) return aes.error();
    return AesCbc(std::move(*aes));
}

Result<AesCbc> AesCbc::create(ByteView key, AesBackend backend) {
    auto aes = Aes::create(key, backend);
    if (!aes) return aes.error();
    return AesCbc(std::move(*aes));
}

Result<void> AesCbc::encrypt(ByteView iv, ByteView in, MutableByteView out) const {
    KEEL_TRY(check(iv, in, out));
    alignas(16) uint8_t chain[16];
    std::memcpy(chain, iv.data(), 16);
    if (uses_aesni(aes_.backend())) {
        detail::cbc_encrypt_aesni(aes_.schedule(), chain, in.data(), out.data(), in.size() / 16);
    } else {
        detail::cbc_encrypt_portable(aes_, chain, in.data(), out.data(), in.size() / 16);
    }
    return ok();
}

Result<void> AesCbc::decrypt(ByteView iv, ByteView in, MutableByteView out) const {
    KEEL_TRY(check(iv, in, out));
    alignas(16) uint8_t chain[16];
    std::memcpy(chain, iv.data(), 16);
    if (uses_aesni(aes_.backend())) {
        detail::cbc_decrypt_aesni(aes_.schedule(), chain, in.data(), out.data(), in.size() / 16);
    } else {
        detail::cbc_decrypt_portable(aes_, chain, in.data(), out.data(), in.size() / 16);
    }
    return ok();
}

}  // namespace keel::crypto
