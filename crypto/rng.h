// Randomness as an object, so every consumer (key generation, nonces, TLS randoms)
// can be handed a deterministic generator in tests and the system one in production.
// Not a hot path: one virtual call per request.
#pragma once

#include "base/bytes.h"
#include "base/result.h"

namespace keel::crypto {

class Rng {
public:
    virtual ~Rng() = default;
    // Fills `out` completely or returns an error (never a partial or weak fill).
    virtual Result<void> generate(MutableByteView out) = 0;
};

// Reads the OS entropy source directly on every call.
class OsRng final : public Rng {
public:
    Result<void> generate(MutableByteView out) override;
};

// The generator keel uses when the caller gives none: crypto::random_bytes(), a
// per-thread HMAC-DRBG seeded from the OS, reseeded on schedule and after fork.
// Thread-safe.
Rng& default_rng();

}  // namespace keel::crypto
