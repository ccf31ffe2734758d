// ML-KEM polynomial arithmetic over Z_q[X]/(X^256 + 1), q = 3329 (FIPS 203 §4.3), and
// the narrow interface every arithmetic backend implements (mlkem-native style: the
// KEM code in kem.cc calls only these functions, so a backend is one table).
//
// Representation: int16_t coefficients. "Montgomery form" means multiplied by
// R = 2^16 mod q. Every function states the coefficient bounds it needs and gives;
// callers keep to them, which is what makes the int16/int32 arithmetic overflow-free.
// NTT-domain polynomials use FIPS 203's order (bit-reversed, pairs for BaseCaseMultiply)
// in every backend, so backends are interchangeable at every call.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace keel::pq::mlkem::detail {

inline constexpr int16_t kQ = 3329;
inline constexpr int kN = 256;
// q^-1 mod 2^16, as a signed 16-bit value (62209 - 65536).
inline constexpr int16_t kQinv = -3327;

// Montgomery reduction: for |a| < q * 2^15 returns r = a * 2^-16 mod q, |r| < q.
// a - t*q is divisible by 2^16 by the choice of t, and |a - t*q| < q * 2^16.
inline int16_t montgomery_reduce(int32_t a) {
    const int16_t t = static_cast<int16_t>(static_cast<uint32_t>(a) * static_cast<uint16_t>(kQinv));
    return static_cast<int16_t>((a - static_cast<int32_t>(t) * kQ) >> 16);
}

// a * b * 2^-16 mod q for |a * b| < q * 2^15; |result| < q.
inline int16_t fqmul(int16_t a, int16_t b) {
    return montgomery_reduce(static_cast<int32_t>(a) * b);
}

// Barrett reduction: any int16 a -> the representative in [-(q-1)/2, (q-1)/2].
// 20159 = round(2^26 / q); the rounding error is below 1/2 for |a| < 2^15.
inline int16_t barrett_reduce(int16_t a) {
    constexpr int32_t kV = 20159;
    const int16_t t = static_cast<int16_t>((kV * a + (1 << 25)) >> 26);
    return static_cast<int16_t>(a - t * kQ);
}

// [-(q-1)/2, (q-1)/2] (any |a| < q) -> [0, q), without a branch: adds q when negative.
inline int16_t to_unsigned(int16_t a) {
    return static_cast<int16_t>(a + ((a >> 15) & kQ));
}

// zeta = 17 is a primitive 256th root of unity mod q (FIPS 203 §4.3). kZetas[i] is
// zeta^BitRev7(i) * 2^16 mod q, centered in (-q/2, q/2): the twiddles of Algorithms
// 9/10 in Montgomery form, and kZetas[64 + i] the gammas of Algorithm 11/12 pairs.
constexpr std::array<int16_t, 128> make_zetas() {
    std::array<int16_t, 128> z{};
    for (int i = 0; i < 128; i++) {
        int rev = 0;
        for (int b = 0; b < 7; b++) rev |= ((i >> b) & 1) << (6 - b);
        int64_t v = 1;
        for (int e = 0; e < rev; e++) v = v * 17 % kQ;
        int64_t m = v * 65536 % kQ;
        if (m > kQ / 2) m -= kQ;
        z[i] = static_cast<int16_t>(m);
    }
    return z;
}
inline constexpr std::array<int16_t, 128> kZetas = make_zetas();

// Final scale of the inverse NTT: 2^32 / 128 mod q = 1441 (as Montgomery factor: the
// fqmul divides by 2^16, leaving 2^16 / 128, which cancels the 2^-16 from basemul).
inline constexpr int16_t kInvNttScale = 1441;
// 2^32 mod q: fqmul by it converts a value to Montgomery form.
inline constexpr int16_t kToMont = 1353;

// One arithmetic backend. Polynomials are 256 int16 coefficients, 32-byte aligned.
struct PolyBackend {
    const char* name;
    // Forward NTT (Algorithm 9) in place: |in| < q -> |out| < 8q (one q per layer).
    void (*ntt)(int16_t r[256]);
    // Inverse NTT (Algorithm 10) times 2^16 in place: |in| < q -> |out| < q.
    void (*invntt)(int16_t r[256]);
    // Any int16 -> canonical [0, q).
    void (*reduce)(int16_t r[256]);
    // The pair products b[2i+1] * gamma_i (Algorithm 12's a1*b1*gamma term, b side),
    // |b| < 2^15 -> |cache| < q. 128 entries.
    void (*mulcache)(int16_t cache[128], const int16_t b[256]);
    // r = sum_{j<k} a[j] o b[j] * 2^-16 (NTT-domain products, Algorithm 11), with
    // 0 <= a < 4096 (any 12-bit decode), |b| < q, |bcache| < q -> |r| < q.
    // The sum of 2k <= 8 products of at most 4095 * 3328 stays below q * 2^15.
    void (*basemul_acc)(int16_t r[256], const int16_t* a, const int16_t* b, const int16_t* bcache,
                        unsigned k);
    // SampleNTT's rejection step (Algorithm 7): appends 12-bit values < q from buf
    // (buflen a multiple of 3; public data) to r until len values are there. Returns
    // the number written (<= len).
    unsigned (*rej_uniform)(int16_t* r, unsigned len, const uint8_t* buf, unsigned buflen);
    // SamplePolyCBD_eta (Algorithm 8), eta = 2 (128 bytes) or 3 (192 bytes): |r| <= eta.
    void (*cbd2)(int16_t r[256], const uint8_t* buf);
    void (*cbd3)(int16_t r[256], const uint8_t* buf);
    // ByteEncode_d(Compress_d(a)) for d in {1, 4, 5, 10, 11}: a in [0, q) -> 32d bytes.
    void (*compress)(uint8_t* out, const int16_t a[256], unsigned d);
    // Decompress_d(ByteDecode_d(in)), d in {1, 4, 5, 10, 11} -> [0, q).
    void (*decompress)(int16_t r[256], const uint8_t* in, unsigned d);
    // ByteEncode_12: a in [0, q) -> 384 bytes.
    void (*tobytes)(uint8_t out[384], const int16_t a[256]);
    // ByteDecode_12 -> [0, 4096) (no reduction: the §7.2 check looks for values >= q).
    void (*frombytes)(int16_t r[256], const uint8_t in[384]);
};

// Compress_d / Decompress_d of one coefficient (FIPS 203 §4.2.1), x in [0, q), the
// portable definitions every backend must match (exhaustively tested).
uint16_t compress_coeff(uint16_t x, unsigned d);
uint16_t decompress_coeff(uint16_t y, unsigned d);

extern const PolyBackend kPortable;
extern const PolyBackend kAvx2;  // call only when the CPU has AVX2

// Backends this CPU may use under KEEL_CPU: portable first, the dispatch choice last.
std::span<const PolyBackend* const> backends();
const PolyBackend& best();

}  // namespace keel::pq::mlkem::detail
