// SLH-DSA verification on fuzzer-chosen input (SLH-DSA-SHAKE-128f and -SHA2-128f,
// fixed keys): any signature, message and context must give ok or an Error, never
// a crash. Input: [0] selects set and interface, [1] context length, then context,
// then the signature bytes (padded/truncated by the fuzzer to any length), the rest
// is the message. The seed corpus carries a valid signature so mutations reach deep.
#include <cstddef>
#include <cstdint>

#include "pq/slhdsa/slhdsa.h"

namespace {

using namespace keel;
using namespace keel::pq;

const SlhDsaPublicKey& key(bool shake) {
    static const SlhDsaPublicKey keys[2] = {
        [] {
            const Bytes s(16, 7);
            return SlhDsaPrivateKey::from_seeds(SlhDsaParams::sha2_128f, s, s, s)->public_key();
        }(),
        [] {
            const Bytes s(16, 9);
            return SlhDsaPrivateKey::from_seeds(SlhDsaParams::shake_128f, s, s, s)->public_key();
        }(),
    };
    return keys[shake ? 1 : 0];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 4) return 0;
    const uint8_t mode = data[0];
    const size_t ctx_len = data[1];
    // Signature length: the exact size most of the time, any nearby length otherwise.
    const size_t want = slhdsa_sizes(SlhDsaParams::sha2_128f).signature;
    const size_t sig_len = (mode & 0x80) ? want - 8 + (data[2] & 15) : want;
    ByteView rest(data + 3, size - 3);
    if (rest.size() < ctx_len) return 0;
    ByteView ctx = rest.subspan(0, ctx_len);
    rest = rest.subspan(ctx_len);
    Bytes sig(sig_len, 0);
    const size_t take = rest.size() < sig_len ? rest.size() : sig_len;
    for (size_t i = 0; i < take; i++) sig[i] = rest[i];
    ByteView msg = rest.subspan(take);
    const SlhDsaPublicKey& pk = key(mode & 1);
    switch ((mode >> 1) & 3) {
        case 0:
            (void)pk.verify(msg, sig, ctx);
            break;
        case 1:
            (void)pk.verify_internal(msg, sig);
            break;
        case 2:
            (void)pk.verify_prehash(msg, sig, SlhDsaPreHash::sha256, ctx);
            break;
        default:
            (void)pk.verify_prehash(msg, sig, SlhDsaPreHash::shake256, ctx);
            break;
    }
    return 0;
}
