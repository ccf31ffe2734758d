// PBKDF2 with HMAC as the PRF (RFC 8018 §5.2), generic over keel hashes.
//
//   KEEL_TRY(pbkdf2<Sha256>(password, salt, 600000, key));
//
// Constant time: the password only keys HMAC (its length is public); the salt and
// iteration count are public.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/mac/hmac.h"

namespace keel::crypto {

// Fills `out` (dkLen = out.size()). Errors: iterations == 0 (invalid_argument: RFC 8018
// §5.2 takes a positive count) and dkLen > (2^32 - 1) * hLen (limit_exceeded, step 1).
template <class H>
Result<void> pbkdf2(ByteView password, ByteView salt, uint32_t iterations, MutableByteView out) {
    constexpr uint64_t kLen = H::kDigestSize;
    if (iterations == 0) {
        return Error(Errc::invalid_argument, "PBKDF2 iteration count must be positive");
    }
    if (static_cast<uint64_t>(out.size()) > 0xffffffffull * kLen) {
        return Error(Errc::limit_exceeded, "PBKDF2 derived key of " + std::to_string(out.size()) +
                                               " bytes exceeds (2^32-1)*hLen");
    }
    // The keyed HMAC states are computed once and copied for every U_j.
    Hmac<H> mac(password);
    typename H::Digest u{}, t{};
    size_t done = 0;
    for (uint32_t block = 1; done < out.size(); block++) {
        // U_1 = PRF(P, S || INT(i)), U_j = PRF(P, U_{j-1}), T_i = U_1 ^ ... ^ U_c.
        uint8_t index[4] = {static_cast<uint8_t>(block >> 24), static_cast<uint8_t>(block >> 16),
                            static_cast<uint8_t>(block >> 8), static_cast<uint8_t>(block)};
        mac.update(salt);
        mac.update(ByteView(index, 4));
        u = mac.final();
        t = u;
        for (uint32_t j = 1; j < iterations; j++) {
            mac.update(u);
            u = mac.final();
            for (size_t k = 0; k < t.size(); k++) t[k] ^= u[k];
        }
        size_t take = out.size() - done < t.size() ? out.size() - done : t.size();
        for (size_t k = 0; k < take; k++) out[done + k] = t[k];
        done += take;
    }
    secure_wipe(u.data(), u.size());
    secure_wipe(t.data(), t.size());
    return ok();
}

}  // namespace keel::crypto
