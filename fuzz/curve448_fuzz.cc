// X448 / Ed448 with hostile inputs: fuzzer-chosen public keys, signatures,
// messages and key shares go into verify and kx_finish. Nothing may crash; malformed
// input must be rejected with an error; X448 results must be symmetric.
//
// Input: [0] mode, rest the payload.
#include <array>
#include <cstdlib>
#include <cstring>

#include "crypto/curve448/ed448.h"
#include "crypto/curve448/x448.h"

namespace {

using namespace keel;
using namespace keel::crypto;

class FixedRng final : public Rng {
  public:
    explicit FixedRng(uint8_t b) : b_(b) {}
    Result<void> generate(MutableByteView out) override {
        for (auto& x : out) x = b_++;
        return ok();
    }

  private:
    uint8_t b_;
};

void check(bool cond) {
    if (!cond) std::abort();
}

void fuzz_x25519(ByteView in) {
    FixedRng rng(in.empty() ? 0 : in[0]);
    auto client = x448::kx_generate(rng);
    check(client.ok());
    auto fin = x448::kx_finish(*client, in);
    if (in.size() != 56) {
        check(!fin.ok() && fin.error().code() == Errc::malformed);
        return;
    }
    auto resp = x448::kx_respond(in, rng);
    check(resp.ok() == fin.ok());
    if (!fin.ok()) return;
    check(fin->size() == 56);
    // Diffie-Hellman symmetry with a second key pair.
    auto other = x448::kx_finish(*client, resp->share);
    check(other.ok());
}

void fuzz_ed448(ByteView in) {
    // [57 key][114 sig][rest message]; short inputs exercise the length checks.
    const size_t key_len = in.size() < 57 ? in.size() : 57;
    auto key = Ed448PublicKey::from_bytes(in.subspan(0, key_len));
    if (key_len != 57) {
        check(!key.ok());
        return;
    }
    if (!key.ok()) return;
    ByteView rest = in.subspan(57);
    const size_t sig_len = rest.size() < 114 ? rest.size() : 114;
    ByteView sig = rest.subspan(0, sig_len), msg = rest.subspan(sig_len);
    for (bool ph : {false, true}) {
        auto r = key->verify(msg, sig, {ph, ph ? as_bytes("c") : ByteView{}});
        if (sig_len != 114) check(!r.ok() && r.error().code() == Errc::malformed);
        if (!r.ok()) {
            check(r.error().code() == Errc::malformed || r.error().code() == Errc::auth_failed);
        }
    }
}

void fuzz_sign(ByteView in) {
    // [57 seed][rest message]: sign, then verify must pass and a flipped byte must fail.
    if (in.size() < 57) return;
    auto key = Ed448PrivateKey::from_bytes(in.subspan(0, 57));
    check(key.ok());
    ByteView msg = in.subspan(57);
    auto sig = key->sign(msg);
    check(sig.ok());
    auto pub = key->public_key();
    check(pub.verify(msg, *sig).ok());
    Bytes bad = *sig;
    bad[msg.size() % 114] ^= 1;
    check(!pub.verify(msg, bad).ok());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    ByteView in(data + 1, size - 1);
    switch (data[0] % 3) {
        case 0:
            fuzz_x25519(in);
            break;
        case 1:
            fuzz_ed448(in);
            break;
        default:
            fuzz_sign(in);
            break;
    }
    return 0;
}
