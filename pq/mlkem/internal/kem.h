// The K-PKE and ML-KEM algorithms of FIPS 203 §5-§6 over one arithmetic backend
// (internal/poly.h). Inputs here are already length- and range-checked by mlkem.cc;
// these functions only compute. Tests call them with each backend explicitly.
#pragma once

#include <cstdint>

#include "pq/mlkem/internal/poly.h"
#include "pq/mlkem/mlkem.h"

namespace keel::pq::mlkem::detail {

// ML-KEM.KeyGen_internal (Algorithm 16): ek (ek_size) and expanded dk (dk_size).
void keygen(const PolyBackend& be, const Params& p, const uint8_t d[32], const uint8_t z[32],
            uint8_t* ek, uint8_t* dk);
// ML-KEM.Encaps_internal (Algorithm 17): c (ct_size) and K (32 bytes).
void encaps(const PolyBackend& be, const Params& p, const uint8_t* ek, const uint8_t m[32],
            uint8_t* c, uint8_t k[32]);
// ML-KEM.Decaps_internal (Algorithm 18) with implicit rejection selected in constant time.
void decaps(const PolyBackend& be, const Params& p, const uint8_t* dk, const uint8_t* c,
            uint8_t k[32]);
// §7.2 modulus check on a correctly sized ek: every decoded coefficient is below q.
bool ek_in_range(const PolyBackend& be, const Params& p, const uint8_t* ek);

// The public API (mlkem.h) with the backend named: mlkem.cc's functions call these with
// best(); tests call them with every backend. Same checks, same errors.
Result<void> check_ek(const PolyBackend& be, ParamSet ps, ByteView ek);
Result<KeyPair> keygen_from_seed(const PolyBackend& be, ParamSet ps, ByteView seed);
Result<Encapsulation> encaps_internal(const PolyBackend& be, ParamSet ps, ByteView ek,
                                      std::span<const uint8_t, 32> m);
Result<Secret<kSharedSecretSize>> decaps(const PolyBackend& be, ParamSet ps, ByteView dk,
                                         ByteView c);
Result<Secret<kSharedSecretSize>> decaps_seed(const PolyBackend& be, ParamSet ps, ByteView seed,
                                              ByteView c);

}  // namespace keel::pq::mlkem::detail
