// FFDHE: fuzzer-chosen server shares into kx_finish and client shares into kx_respond
// (ffdhe2048), and arbitrary (p, g) parameters. Invalid values must be rejected
// cleanly; a value that is accepted must give the same secret on both sides.
//
// Input: [0] selector, rest the share (or glen || g || p).
#include <cstdint>
#include <cstring>

#include "crypto/dh/dh.h"

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
    uint64_t state_ = 11;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    FixedRng rng;
    ByteView in(data + 1, size - 1);
    static const KxClientState client = ffdhe2048::kx_generate(rng).value();
    Bytes share(in.begin(), in.end());
    if (!(data[0] & 0x80)) share.resize(256, 0);
    switch (data[0] & 3) {
        case 0:
            (void)ffdhe2048::kx_finish(client, share);
            break;
        case 1: {
            auto s = ffdhe2048::kx_respond(share, rng);
            if (s.ok()) {
                // The client side with the fuzzer's share as its public key is unknown, so
                // check the server's own consistency: finishing against its share works.
                auto z = ffdhe2048::kx_finish(client, s->share);
                if (!z.ok()) __builtin_trap();
            }
            break;
        }
        default: {
            // glen || g || p (p bounded to 2048 bits).
            if (in.size() < 2) break;
            size_t glen = std::min<size_t>(in[0], in.size() - 1);
            ByteView g = in.subspan(1, glen);
            ByteView p = in.subspan(1 + glen);
            if (p.size() > 256) p = p.first(256);
            auto grp = DhGroup::from_params(p, g);
            if (grp.ok()) {
                auto a = grp->generate(rng);
                auto b = grp->generate(rng);
                if (!a || !b) __builtin_trap();
                auto za = grp->agree(a->private_key, b->public_key);
                auto zb = grp->agree(b->private_key, a->public_key);
                // Either side may reject the other's value (p need not be prime, so g^x
                // can be 1 or p - 1); when both accept, the secrets must agree.
                if (za.ok() && zb.ok() && std::memcmp(za->data(), zb->data(), za->size()) != 0) {
                    __builtin_trap();
                }
            }
            break;
        }
    }
    return 0;
}
