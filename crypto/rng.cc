#include "crypto/rng.h"

#include "base/entropy.h"

namespace keel::crypto {

Result<void> OsRng::generate(MutableByteView out) { return os_entropy(out); }

Rng& default_rng() {
    // getrandom(2) is thread-safe and fork-safe by construction.
    static OsRng rng;
    return rng;
}

}  // namespace keel::crypto
