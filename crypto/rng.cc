#include "crypto/rng.h"

#include "base/entropy.h"
#include "crypto/drbg/hmac_drbg.h"

namespace keel::crypto {

Result<void> OsRng::generate(MutableByteView out) { return os_entropy(out); }

namespace {
class DrbgRng final : public Rng {
public:
    Result<void> generate(MutableByteView out) override { return random_bytes(out); }
};
}  // namespace

Rng& default_rng() {
    // Stateless: random_bytes() keeps its DRBG per thread.
    static DrbgRng rng;
    return rng;
}

}  // namespace keel::crypto
