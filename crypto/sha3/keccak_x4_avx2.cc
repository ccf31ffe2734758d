// Four Keccak-f[1600] states at once (AVX2): one ymm register per lane index holds
// that lane of all four states. AVX2 has no 64-bit rotate, so rotations are two
// shifts and an or, except by 8 and 56 which are byte shuffles.
#include <immintrin.h>

#include "crypto/sha3/keccak.h"

namespace keel::crypto::detail {
namespace {

using V = __m256i;

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
    return xor2(xor2(xor2(a, b), xor2(c, d)), e);
}
inline V chi(V a, V b, V c) {
    return xor2(a, _mm256_andnot_si256(b, c));
}
inline V bcast(uint64_t x) {
    return _mm256_set1_epi64x(static_cast<long long>(x));
}

template <int N>
inline V rol(V v) {
    if constexpr (N == 8) {
        const V k = _mm256_setr_epi8(7, 0, 1, 2, 3, 4, 5, 6, 15, 8, 9, 10, 11, 12, 13, 14, 7, 0, 1,
                                     2, 3, 4, 5, 6, 15, 8, 9, 10, 11, 12, 13, 14);
        return _mm256_shuffle_epi8(v, k);
    } else if constexpr (N == 56) {
        const V k = _mm256_setr_epi8(1, 2, 3, 4, 5, 6, 7, 0, 9, 10, 11, 12, 13, 14, 15, 8, 1, 2, 3,
                                     4, 5, 6, 7, 0, 9, 10, 11, 12, 13, 14, 15, 8);
        return _mm256_shuffle_epi8(v, k);
    } else {
        return _mm256_or_si256(_mm256_slli_epi64(v, N), _mm256_srli_epi64(v, 64 - N));
    }
}

#include "crypto/sha3/internal/keccak_vec_round.inc"

}  // namespace

void keccak_x4_avx2(uint64_t s[100]) {
    keccak_vec_permute(reinterpret_cast<V*>(s), 1);
}

// Eight interleaved states as two groups of four: lane i of states 0-3 is the first
// ymm of s[8i..8i+7], states 4-7 the second.
void keccak_x8_avx2(uint64_t s[200]) {
    keccak_vec_permute(reinterpret_cast<V*>(s), 2);
    keccak_vec_permute(reinterpret_cast<V*>(s) + 1, 2);
}

}  // namespace keel::crypto::detail
