// RSA with a fixed 2048-bit test key: fuzzer-chosen signatures into PKCS#1 v1.5 and PSS
// verification, ciphertexts into OAEP, PKCS#1 v1.5 and TLS-premaster decryption, and
// fuzzer-chosen (n, e) into public-key parsing. Must never crash; work is bounded by
// the key size.
//
// Input: [0] operation selector, rest the signature / ciphertext / key bytes.
#include <cstdint>
#include <cstring>

#include "crypto/rsa/rsa.h"

namespace {

using namespace keel;
using namespace keel::crypto;

class FixedRng final : public Rng {
  public:
    Result<void> generate(MutableByteView out) override {
        for (auto& b : out) {
            state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
            b = static_cast<uint8_t>(state_ >> 56);
        }
        return ok();
    }

  private:
    uint64_t state_ = 7;
};

const RsaPrivateKey& test_key() {
    static RsaPrivateKey k = [] {
        FixedRng rng;
        return RsaPrivateKey::generate(rng, 2048).value();
    }();
    return k;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const RsaPrivateKey& key = test_key();
    const RsaPublicKey pub = key.public_key();
    FixedRng rng;
    const uint8_t op = data[0];
    ByteView in(data + 1, size - 1);
    // Most inputs are stretched to the modulus length so they reach the arithmetic;
    // the top bit of the selector keeps the raw length to exercise length checks.
    Bytes sized(in.begin(), in.end());
    if (!(op & 0x80)) sized.resize(key.modulus_bytes(), 0);
    const Bytes msg = {'f', 'u', 'z', 'z'};
    switch (op & 0x7) {
        case 0:
            (void)pub.verify_pkcs1(HashAlg::sha256, msg, sized);
            break;
        case 1: {
            PssParams p{HashAlg::sha256, HashAlg::sha1, 32, (op & 0x40) != 0};
            (void)pub.verify_pss(msg, sized, p);
            break;
        }
        case 2: {
            OaepParams p{HashAlg::sha256, HashAlg::sha256, {}};
            (void)key.decrypt_oaep(sized, p, rng);
            break;
        }
        case 3:
            (void)key.decrypt_pkcs1(sized, rng);
            break;
        case 4: {
            auto pms = key.decrypt_tls_premaster(sized, 0x0303, rng);
            if (pms.size() != 48) __builtin_trap();
            break;
        }
        case 5: {
            // (n, e) from the input: first byte is e's length; n bounded to 4096 bits.
            if (in.empty()) break;
            size_t elen = std::min<size_t>(in[0], in.size() - 1);
            ByteView e = in.subspan(1, elen);
            ByteView n = in.subspan(1 + elen);
            if (n.size() > 512) n = n.first(512);
            auto k = RsaPublicKey::from_components(n, e);
            if (k.ok()) {
                Bytes sig(k->modulus_bytes(), 0x5a);
                (void)k->verify_pkcs1(HashAlg::sha256, msg, sig);
            }
            break;
        }
        default: {
            // Round trip: a fuzzer-chosen message must decrypt to itself.
            Bytes m(in.begin(), in.begin() + std::min<size_t>(in.size(), 190));
            OaepParams p{HashAlg::sha256, HashAlg::sha256, {}};
            auto c = pub.encrypt_oaep(m, p, rng);
            if (!c) __builtin_trap();
            auto back = key.decrypt_oaep(*c, p, rng);
            if (!back || back->size() != m.size() ||
                (m.size() && std::memcmp(back->data(), m.data(), m.size()) != 0)) {
                __builtin_trap();
            }
            break;
        }
    }
    return 0;
}
