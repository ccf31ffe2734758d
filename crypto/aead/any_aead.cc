#include "crypto/aead/any_aead.h"

#include <string>

namespace keel::crypto {
namespace {

struct Info {
    AeadAlg alg;
    const char* name;
    size_t key, nonce, tag;
};

// Indexed by AeadAlg.
constexpr Info kInfo[] = {
    {AeadAlg::aes128_gcm, "aes-128-gcm", 16, 12, 16},
    {AeadAlg::aes256_gcm, "aes-256-gcm", 32, 12, 16},
    {AeadAlg::chacha20_poly1305, "chacha20-poly1305", 32, 12, 16},
    {AeadAlg::xchacha20_poly1305, "xchacha20-poly1305", 32, 24, 16},
    {AeadAlg::aes128_ccm, "aes-128-ccm", 16, 12, 16},
    {AeadAlg::aes256_ccm, "aes-256-ccm", 32, 12, 16},
    {AeadAlg::aes128_ccm8, "aes-128-ccm8", 16, 12, 8},
    {AeadAlg::aes256_ccm8, "aes-256-ccm8", 32, 12, 8},
};

constexpr bool table_in_enum_order() {
    for (size_t i = 0; i < std::size(kInfo); i++) {
        if (static_cast<size_t>(kInfo[i].alg) != i) return false;
    }
    return true;
}
static_assert(table_in_enum_order());

const Info& info(AeadAlg alg) { return kInfo[static_cast<size_t>(alg)]; }

template <class T, class V>
Result<V> wrap(Result<T> r) {
    if (!r) return r.error();
    return V(std::move(*r));
}

}  // namespace

size_t aead_key_size(AeadAlg alg) { return info(alg).key; }
size_t aead_nonce_size(AeadAlg alg) { return info(alg).nonce; }
size_t aead_tag_size(AeadAlg alg) { return info(alg).tag; }
const char* aead_name(AeadAlg alg) { return info(alg).name; }

Result<Aead> Aead::create(AeadAlg alg, ByteView key) {
    if (key.size() != aead_key_size(alg)) {
        return Error(Errc::invalid_argument, std::string(aead_name(alg)) + " needs a " +
                                                 std::to_string(aead_key_size(alg)) +
                                                 "-byte key, got " + std::to_string(key.size()));
    }
    Result<Impl> impl = Error(Errc::unsupported, aead_name(alg));
    switch (alg) {
        case AeadAlg::aes128_gcm:
        case AeadAlg::aes256_gcm: impl = wrap<AesGcm, Impl>(AesGcm::create(key)); break;
        case AeadAlg::aes128_ccm:
        case AeadAlg::aes256_ccm:
        case AeadAlg::aes128_ccm8:
        case AeadAlg::aes256_ccm8: impl = wrap<AesCcm, Impl>(AesCcm::create(key)); break;
        case AeadAlg::chacha20_poly1305:
            impl = wrap<ChaCha20Poly1305, Impl>(ChaCha20Poly1305::create(key));
            break;
        case AeadAlg::xchacha20_poly1305:
            impl = wrap<XChaCha20Poly1305, Impl>(XChaCha20Poly1305::create(key));
            break;
    }
    if (!impl) return impl.error();
    return Aead(alg, std::move(*impl));
}

Result<void> Aead::check(ByteView nonce, size_t tag_len) const {
    if (nonce.size() != nonce_size()) {
        return Error(Errc::invalid_argument, std::string(aead_name(alg_)) + " nonce must be " +
                                                 std::to_string(nonce_size()) + " bytes");
    }
    if (tag_len != tag_size()) {
        return Error(Errc::invalid_argument, std::string(aead_name(alg_)) + " tag must be " +
                                                 std::to_string(tag_size()) + " bytes");
    }
    return ok();
}

Result<void> Aead::seal(ByteView nonce, ByteView aad, MutableByteView in_out,
                        MutableByteView tag) const {
    KEEL_TRY(check(nonce, tag.size()));
    return std::visit([&](const auto& a) { return a.seal(nonce, aad, in_out, tag); }, impl_);
}

Result<void> Aead::open(ByteView nonce, ByteView aad, MutableByteView in_out,
                        ByteView tag) const {
    KEEL_TRY(check(nonce, tag.size()));
    return std::visit([&](const auto& a) { return a.open(nonce, aad, in_out, tag); }, impl_);
}

}  // namespace keel::crypto
