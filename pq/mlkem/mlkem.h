// ML-KEM (FIPS 203): the module-lattice key-encapsulation mechanism, parameter sets
// ML-KEM-512, ML-KEM-768 and ML-KEM-1024, plus the TLS key-exchange functions of the
// pure groups mlkem512/768/1024 (crypto/kx/kx.h: client share = ek, server share = c,
// secret = K).
//
// Keys: ek is the encapsulation key (FIPS 203 §7.1). The decapsulation key comes in two
// forms: the 64-byte seed d||z (the form to store: keygen_internal expands it), and the
// expanded dk = dk_pke || ek || H(ek) || z of §7.1. decaps() takes the expanded form and
// runs the §7.3 hash check first; decaps_seed() re-derives it from the seed.
//
// Inputs from a peer are checked per §7.2/§7.3: wrong lengths are Errc::malformed, an
// ek with a coefficient >= q or a dk whose H(ek) does not match is Errc::invalid_argument.
// A wrong ciphertext of the right length is not an error: implicit rejection returns the
// pseudorandom key J(z || c), chosen in constant time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "base/result.h"
#include "base/secret.h"
#include "crypto/kx/kx.h"
#include "crypto/rng.h"

namespace keel::pq::mlkem {

enum class ParamSet : uint8_t { mlkem512, mlkem768, mlkem1024 };

// FIPS 203 §8, Table 2 (sizes in bytes from Table 3).
struct Params {
    unsigned k;     // module rank
    unsigned eta1;  // CBD parameter for s, e, y
    unsigned eta2;  // CBD parameter for e1, e2
    unsigned du;    // compression of u
    unsigned dv;    // compression of v
    size_t ek_size() const { return 384 * k + 32; }
    size_t dk_size() const { return 768 * k + 96; }
    size_t ct_size() const { return 32 * (du * k + dv); }
};

constexpr Params params(ParamSet p) {
    switch (p) {
        case ParamSet::mlkem512:
            return {2, 3, 2, 10, 4};
        case ParamSet::mlkem768:
            return {3, 2, 2, 10, 4};
        case ParamSet::mlkem1024:
            break;
    }
    return {4, 2, 2, 11, 5};
}

inline constexpr size_t kSharedSecretSize = 32;
inline constexpr size_t kSeedSize = 64;     // d || z
inline constexpr size_t kMaxEkSize = 1568;  // ML-KEM-1024
inline constexpr size_t kMaxDkSize = 3168;
inline constexpr size_t kMaxCtSize = 1568;

struct KeyPair {
    Bytes ek;
    SecretBytes dk;  // expanded form (§7.1)
};

struct Encapsulation {
    Bytes c;
    Secret<kSharedSecretSize> k;
};

// ML-KEM.KeyGen (Algorithm 19) with fresh d, z from rng.
Result<KeyPair> keygen(ParamSet p, crypto::Rng& rng);
// ML-KEM.KeyGen_internal (Algorithm 16): deterministic, for vectors and seed-form keys.
KeyPair keygen_internal(ParamSet p, std::span<const uint8_t, 32> d, std::span<const uint8_t, 32> z);
// The expanded dk of a 64-byte seed d || z (Errc::malformed on another length).
Result<KeyPair> keygen_from_seed(ParamSet p, ByteView seed);

// ML-KEM.Encaps (Algorithm 20): §7.2 checks ek, then encapsulates with fresh m.
Result<Encapsulation> encaps(ParamSet p, ByteView ek, crypto::Rng& rng);
// ML-KEM.Encaps_internal (Algorithm 17) with the §7.2 checks.
Result<Encapsulation> encaps_internal(ParamSet p, ByteView ek, std::span<const uint8_t, 32> m);

// ML-KEM.Decaps (Algorithm 21) with the §7.3 checks (lengths, H(ek) inside dk).
Result<Secret<kSharedSecretSize>> decaps(ParamSet p, ByteView dk, ByteView c);
// Decapsulation with a seed-form private key d || z.
Result<Secret<kSharedSecretSize>> decaps_seed(ParamSet p, ByteView seed, ByteView c);

// §7.2 encapsulation-key check: length, and every coefficient of t-hat below q.
Result<void> check_ek(ParamSet p, ByteView ek);
// §7.3 decapsulation-key check: length, and H(ek) stored in dk equals H of the stored ek.
Result<void> check_dk(ParamSet p, ByteView dk);

// TLS groups mlkem512 / mlkem768 / mlkem1024 (crypto/kx/kx.h). The client's private
// state is the expanded dk.
Result<crypto::KxClientState> kx_generate(ParamSet p, crypto::Rng& rng);
Result<crypto::KxServerResult> kx_respond(ParamSet p, ByteView client_share, crypto::Rng& rng);
Result<SecretBytes> kx_finish(ParamSet p, const crypto::KxClientState& state,
                              ByteView server_share);
crypto::NamedGroup named_group(ParamSet p);

}  // namespace keel::pq::mlkem
