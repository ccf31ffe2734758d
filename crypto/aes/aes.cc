// AES key setup and backend dispatch: the backend is picked once per key object.
#include "crypto/aes/aes.h"

#include <cstring>

#include "base/cpu.h"
#include "base/secret.h"

namespace keel::crypto {

const char* aes_backend_name(AesBackend b) {
    switch (b) {
        case AesBackend::portable:
            return "portable";
        case AesBackend::aesni:
            return "aesni";
        case AesBackend::vaes512:
            return "vaes512";
    }
    return "?";
}

namespace {

constexpr uint32_t kAesniCaps = cpu::kAesni | cpu::kSse41;
constexpr uint32_t kVaesCaps =
    kAesniCaps | cpu::kVaes | cpu::kAvx512f | cpu::kAvx512bw | cpu::kAvx512vl;

bool cpu_allows(AesBackend b) {
    switch (b) {
        case AesBackend::portable:
            return true;
        case AesBackend::aesni:
            return cpu::has(kAesniCaps);
        case AesBackend::vaes512:
            return cpu::has(kVaesCaps);
    }
    return false;
}

}  // namespace

std::span<const AesBackend> Aes::backends() {
    static const auto list = [] {
        struct List {
            AesBackend items[3];
            size_t n = 0;
        } l;
        for (AesBackend b : {AesBackend::portable, AesBackend::aesni, AesBackend::vaes512}) {
            if (cpu_allows(b)) l.items[l.n++] = b;
        }
        return l;
    }();
    return {list.items, list.n};
}

Result<Aes> Aes::create(ByteView key) {
    return create(key, backends().back());
}

Result<Aes> Aes::create(ByteView key, AesBackend backend) {
    if (key.size() != 16 && key.size() != 24 && key.size() != 32) {
        return Error(Errc::invalid_argument, "AES key must be 16, 24 or 32 bytes");
    }
    if (!cpu_allows(backend)) {
        return Error(Errc::unsupported,
                     std::string("AES backend not available: ") + aes_backend_name(backend));
    }
    Aes a;
    std::memset(&a.s_, 0, sizeof a.s_);
    detail::aes_expand_key(a.s_, key.data(), key.size());
    a.backend_ = backend;
    if (backend == AesBackend::portable) {
        detail::aes_setup_portable(a.s_);
    } else {
        detail::aes_setup_aesni(a.s_);
    }
    return a;
}

Aes::Aes(const Aes& other) : s_(other.s_), backend_(other.backend_) {}

Aes& Aes::operator=(const Aes& other) {
    s_ = other.s_;
    backend_ = other.backend_;
    return *this;
}

Aes::~Aes() {
    secure_wipe(&s_, sizeof s_);
}

void Aes::encrypt_blocks(const uint8_t* in, uint8_t* out, size_t blocks) const {
    switch (backend_) {
        case AesBackend::portable:
            return detail::aes_encrypt_portable(s_, in, out, blocks);
        case AesBackend::aesni:
            return detail::aes_encrypt_aesni(s_, in, out, blocks);
        case AesBackend::vaes512:
            return detail::aes_encrypt_vaes512(s_, in, out, blocks);
    }
}

void Aes::decrypt_blocks(const uint8_t* in, uint8_t* out, size_t blocks) const {
    if (backend_ == AesBackend::portable) return detail::aes_decrypt_portable(s_, in, out, blocks);
    detail::aes_decrypt_aesni(s_, in, out, blocks);
}

void Aes::ctr32(const uint8_t counter[16], const uint8_t* in, uint8_t* out, size_t len) const {
    switch (backend_) {
        case AesBackend::portable:
            return detail::aes_ctr32_portable(s_, counter, in, out, len);
        case AesBackend::aesni:
            return detail::aes_ctr32_aesni(s_, counter, in, out, len);
        case AesBackend::vaes512:
            return detail::aes_ctr32_vaes512(s_, counter, in, out, len);
    }
}

}  // namespace keel::crypto
