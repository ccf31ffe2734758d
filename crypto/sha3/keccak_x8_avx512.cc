// Eight Keccak-f[1600] states at once (AVX-512F): one zmm register per lane index,
// and four on ymm registers (AVX-512VL).
// vprolq rotates in one instruction; vpternlogq does θ's three-way xors and χ's
// a ^ (~b & c) in one instruction each.
#include <immintrin.h>

#include "crypto/sha3/keccak.h"

namespace keel::crypto::detail {
namespace x8 {
namespace {

using V = __m512i;

// vpternlogq truth tables over (a, b, c) = bits (4, 2, 1) of the index.
constexpr int kXor3 = 0x96;          // a ^ b ^ c
constexpr int kAXorNotBAndC = 0xD2;  // a ^ (~b & c)

inline V load(const V* p) {
    return _mm512_loadu_si512(p);
}
inline void store(V* p, V v) {
    _mm512_storeu_si512(p, v);
}
inline V xor2(V a, V b) {
    return _mm512_xor_si512(a, b);
}
inline V xor5(V a, V b, V c, V d, V e) {
    return _mm512_ternarylogic_epi64(_mm512_ternarylogic_epi64(a, b, c, kXor3), d, e, kXor3);
}
inline V chi(V a, V b, V c) {
    return _mm512_ternarylogic_epi64(a, b, c, kAXorNotBAndC);
}
inline V bcast(uint64_t x) {
    return _mm512_set1_epi64(static_cast<long long>(x));
}
// The masked form with an all-ones mask: GCC 12's unmasked _mm512_rol_epi64 reads an
// "undefined" vector that -Werror=uninitialized rejects.
template <int N>
inline V rol(V v) {
    return _mm512_mask_rol_epi64(v, 0xFF, v, N);
}

#include "crypto/sha3/internal/keccak_vec_round.inc"

}  // namespace
}  // namespace x8

// The same round on ymm registers with AVX-512VL (vprolq, vpternlogq on 256 bits).
namespace x4 {
namespace {

using V = __m256i;

// vpternlogq truth tables over (a, b, c) = bits (4, 2, 1) of the index.
constexpr int kXor3 = 0x96;          // a ^ b ^ c
constexpr int kAXorNotBAndC = 0xD2;  // a ^ (~b & c)

inline V load(const V* p) {
    return _mm256_loadu_si256(p);
}
inline void store(V* p, V v) {
    _mm256_storeu_si256(p, v);
}
inline V xor2(V a, V b) {
    return _mm256_xor_si256(a, b);
}
inline V xor5(V a, V b, V c, V d, V e) {
    return _mm256_ternarylogic_epi64(_mm256_ternarylogic_epi64(a, b, c, kXor3), d, e, kXor3);
}
inline V chi(V a, V b, V c) {
    return _mm256_ternarylogic_epi64(a, b, c, kAXorNotBAndC);
}
inline V bcast(uint64_t x) {
    return _mm256_set1_epi64x(static_cast<long long>(x));
}
template <int N>
inline V rol(V v) {
    return _mm256_rol_epi64(v, N);
}

#include "crypto/sha3/internal/keccak_vec_round.inc"

}  // namespace
}  // namespace x4

void keccak_x8_avx512(uint64_t s[200]) {
    x8::keccak_vec_permute(reinterpret_cast<x8::V*>(s), 1);
}

void keccak_x4_avx512(uint64_t s[100]) {
    x4::keccak_vec_permute(reinterpret_cast<x4::V*>(s), 1);
}

}  // namespace keel::crypto::detail
