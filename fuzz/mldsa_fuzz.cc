// ML-DSA fuzzing: verification and the key/signature decoders on fuzzer-chosen bytes
// must never crash, and every polynomial backend must give the same answer.
//
// Input: [0] parameter set (mod 3), [1] mode (mod 4), [2] context length (mod 8),
// rest = data.
//   mode 0: data = pk || sig || msg, cut at the exact sizes (short data: wrong lengths).
//   mode 1: a valid signature of a fixed message with data XORed over it from an offset
//           chosen by data[0..1] (reaches the hint decoder, the z bound and UseHint).
//   mode 2: data is an expanded private key; if it imports, its signatures verify.
//   mode 3: data = sig for a fixed public key, any length.
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include "pq/mldsa/internal/poly.h"
#include "pq/mldsa/mldsa.h"

namespace {

using keel::Bytes;
using keel::ByteView;
using namespace keel::pq;

constexpr MlDsaParams kSets[] = {MlDsaParams::mldsa44, MlDsaParams::mldsa65, MlDsaParams::mldsa87};

struct Fixture {
    std::optional<MlDsaPrivateKey> sk;
    Bytes msg = {'f', 'u', 'z', 'z'};
    Bytes sig;
};

Fixture& fixture(int set) {
    static Fixture f[3];
    if (!f[set].sk) {
        Bytes xi(32, static_cast<uint8_t>(0xa0 + set));
        f[set].sk.emplace(MlDsaPrivateKey::from_seed(kSets[set], xi).value());
        f[set].sig =
            *f[set].sk->sign(f[set].msg, keel::crypto::default_rng(), {.deterministic = true});
    }
    return f[set];
}

// Verifies with every backend; all must agree (ok and error code).
void verify_all(MlDsaParams ps, ByteView pk, ByteView msg, ByteView sig, ByteView ctx) {
    int first = -1;
    for (const detail::PolyBackend* be : detail::poly_backends()) {
        auto key = MlDsaPublicKey::from_bytes(ps, pk, *be);
        int code = -2;
        if (key.ok()) {
            auto r = key->verify(msg, sig, {.context = ctx});
            code = r.ok() ? -1 : static_cast<int>(r.error().code());
        } else {
            code = 100 + static_cast<int>(key.error().code());
        }
        if (first == -1 && be == detail::poly_backends().front()) first = code;
        if (code != first) abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 3) return 0;
    const int set = data[0] % 3;
    const MlDsaParams ps = kSets[set];
    const int mode = data[1] % 4;
    const size_t ctx_len = data[2] % 8;
    data += 3;
    size -= 3;
    const Bytes ctx(ctx_len, 0x63);
    const size_t pk_len = mldsa_public_key_size(ps), sig_len = mldsa_signature_size(ps);
    Fixture& f = fixture(set);
    const Bytes& pk = f.sk->public_key().bytes();

    switch (mode) {
        case 0: {
            const size_t a = std::min(size, pk_len);
            const size_t b = std::min(size - a, sig_len);
            verify_all(ps, ByteView(data, a), ByteView(data + a + b, size - a - b),
                       ByteView(data + a, b), ctx);
            break;
        }
        case 1: {
            if (size < 2) return 0;
            Bytes sig = f.sig;
            size_t off = (data[0] | (size_t{data[1]} << 8)) % sig.size();
            for (size_t i = 2; i < size && off < sig.size(); i++) sig[off++] ^= data[i];
            verify_all(ps, pk, f.msg, sig, {});
            break;
        }
        case 2: {
            for (const detail::PolyBackend* be : detail::poly_backends()) {
                auto sk = MlDsaPrivateKey::from_bytes(ps, ByteView(data, size), *be);
                if (!sk.ok()) continue;
                auto sig = sk->sign(f.msg, keel::crypto::default_rng(), {.context = ctx});
                if (!sig.ok() || !sk->public_key().verify(f.msg, *sig, {.context = ctx}).ok())
                    abort();
            }
            break;
        }
        default:
            verify_all(ps, pk, f.msg, ByteView(data, size), ctx);
            break;
    }
    return 0;
}
