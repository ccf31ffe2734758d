// Portable ML-KEM arithmetic backend (internal/poly.h). Constant-time: no branch and
// no memory index depends on a coefficient, except in rej_uniform, whose input is the
// public matrix seed's XOF stream (FIPS 203 Algorithm 7).
#include <cstring>

#include "pq/mlkem/internal/poly.h"

namespace keel::pq::mlkem::detail {
namespace {

// Algorithm 9, Cooley-Tukey butterflies. Each layer adds at most q to the bound (the
// product fqmul(zeta, b) is below q), so |in| < q gives |out| < 8q < 2^15.
void ntt(int16_t r[256]) {
    unsigned k = 1;
    for (unsigned len = 128; len >= 2; len >>= 1) {
        for (unsigned start = 0; start < 256; start += 2 * len) {
            const int16_t zeta = kZetas[k++];
            for (unsigned j = start; j < start + len; j++) {
                const int16_t t = fqmul(zeta, r[j + len]);
                r[j + len] = static_cast<int16_t>(r[j] - t);
                r[j] = static_cast<int16_t>(r[j] + t);
            }
        }
    }
}

// Algorithm 10, Gentleman-Sande butterflies, then the scale 2^16/128 (kInvNttScale).
// Bounds for |in| < q: sums double per layer, products stay below q. Barrett-reducing
// the sums of layers len = 8 and len = 64 (at most 8q there) keeps every value below
// 8q < 2^15 and every fqmul input below 8q * q/2 < q * 2^15; the final fqmul gives < q.
void invntt(int16_t r[256]) {
    unsigned k = 127;
    for (unsigned len = 2; len <= 128; len <<= 1) {
        const bool reduce_sums = len == 8 || len == 64;
        for (unsigned start = 0; start < 256; start += 2 * len) {
            const int16_t zeta = kZetas[k--];
            for (unsigned j = start; j < start + len; j++) {
                const int16_t t = r[j];
                const int16_t sum = static_cast<int16_t>(t + r[j + len]);
                r[j] = reduce_sums ? barrett_reduce(sum) : sum;
                r[j + len] = fqmul(zeta, static_cast<int16_t>(r[j + len] - t));
            }
        }
    }
    for (unsigned j = 0; j < 256; j++) r[j] = fqmul(r[j], kInvNttScale);
}

void reduce(int16_t r[256]) {
    for (unsigned j = 0; j < 256; j++) r[j] = to_unsigned(barrett_reduce(r[j]));
}

// Pair i of Algorithm 11 uses gamma_i = zeta^(2 BitRev7(i) + 1): for pairs 2m and
// 2m + 1 these are kZetas[64 + m] and its negation.
void mulcache(int16_t cache[128], const int16_t b[256]) {
    for (unsigned m = 0; m < 64; m++) {
        cache[2 * m] = fqmul(b[4 * m + 1], kZetas[64 + m]);
        cache[2 * m + 1] = fqmul(b[4 * m + 3], static_cast<int16_t>(-kZetas[64 + m]));
    }
}

// Algorithm 12 summed over k polynomials with one Montgomery reduction at the end
// (bounds in internal/poly.h).
void basemul_acc(int16_t r[256], const int16_t* a, const int16_t* b, const int16_t* bcache,
                 unsigned k) {
    for (unsigned p = 0; p < 128; p++) {
        int32_t c0 = 0, c1 = 0;
        for (unsigned j = 0; j < k; j++) {
            const int32_t a0 = a[256 * j + 2 * p], a1 = a[256 * j + 2 * p + 1];
            const int32_t b0 = b[256 * j + 2 * p], b1 = b[256 * j + 2 * p + 1];
            c0 += a0 * b0 + a1 * bcache[128 * j + p];
            c1 += a0 * b1 + a1 * b0;
        }
        r[2 * p] = montgomery_reduce(c0);
        r[2 * p + 1] = montgomery_reduce(c1);
    }
}

// Algorithm 7's inner step: two 12-bit candidates per 3 bytes. Branches on the public
// XOF output only.
unsigned rej_uniform(int16_t* r, unsigned len, const uint8_t* buf, unsigned buflen) {
    unsigned ctr = 0, pos = 0;
    while (ctr < len && pos + 3 <= buflen) {
        const uint16_t d1 = static_cast<uint16_t>((buf[pos] | (buf[pos + 1] << 8)) & 0xfff);
        const uint16_t d2 = static_cast<uint16_t>((buf[pos + 1] >> 4) | (buf[pos + 2] << 4));
        pos += 3;
        if (d1 < kQ) r[ctr++] = static_cast<int16_t>(d1);
        if (d2 < kQ && ctr < len) r[ctr++] = static_cast<int16_t>(d2);
    }
    return ctr;
}

uint32_t load32(const uint8_t* p) {
    return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

// Algorithm 8, eta = 2: coefficient i is (b[4i] + b[4i+1]) - (b[4i+2] + b[4i+3]).
// Adding the word to itself shifted by one sums the bit pairs in place.
void cbd2(int16_t r[256], const uint8_t* buf) {
    for (unsigned i = 0; i < 32; i++) {
        const uint32_t t = load32(buf + 4 * i);
        const uint32_t d = (t & 0x55555555) + ((t >> 1) & 0x55555555);
        for (unsigned j = 0; j < 8; j++) {
            const int16_t x = static_cast<int16_t>((d >> (4 * j)) & 3);
            const int16_t y = static_cast<int16_t>((d >> (4 * j + 2)) & 3);
            r[8 * i + j] = static_cast<int16_t>(x - y);
        }
    }
}

// Algorithm 8, eta = 3: bit triples summed in place, 4 coefficients per 3 bytes.
void cbd3(int16_t r[256], const uint8_t* buf) {
    for (unsigned i = 0; i < 64; i++) {
        const uint8_t* p = buf + 3 * i;
        const uint32_t t = p[0] | (p[1] << 8) | (p[2] << 16);
        const uint32_t d = (t & 0x249249) + ((t >> 1) & 0x249249) + ((t >> 2) & 0x249249);
        for (unsigned j = 0; j < 4; j++) {
            const int16_t x = static_cast<int16_t>((d >> (6 * j)) & 7);
            const int16_t y = static_cast<int16_t>((d >> (6 * j + 3)) & 7);
            r[4 * i + j] = static_cast<int16_t>(x - y);
        }
    }
}

// ByteEncode_d / ByteDecode_d (Algorithms 5/6) for d <= 12: little-endian bit packing.
// The loop trip counts depend on d only.
void pack(uint8_t* out, const uint16_t* v, unsigned d) {
    uint64_t acc = 0;
    unsigned bits = 0;
    for (unsigned i = 0; i < 256; i++) {
        acc |= static_cast<uint64_t>(v[i]) << bits;
        bits += d;
        while (bits >= 8) {
            *out++ = static_cast<uint8_t>(acc);
            acc >>= 8;
            bits -= 8;
        }
    }
}

void unpack(uint16_t* v, const uint8_t* in, unsigned d) {
    uint64_t acc = 0;
    unsigned bits = 0;
    const uint16_t mask = static_cast<uint16_t>((1u << d) - 1);
    for (unsigned i = 0; i < 256; i++) {
        while (bits < d) {
            acc |= static_cast<uint64_t>(*in++) << bits;
            bits += 8;
        }
        v[i] = static_cast<uint16_t>(acc & mask);
        acc >>= d;
        bits -= d;
    }
}

}  // namespace

// Compress_d(x) = round(2^d x / q) mod 2^d = floor((x 2^d + 1664) / q) mod 2^d (q is
// odd, so adding (q-1)/2 instead of q/2 to an integer rounds the same way). A division
// by q compiles to a data-dependent-latency instruction on some CPUs, and x is secret
// (the message and u, v are), so divide by multiplying: M = ceil(2^35 / q) gives
// floor(n M / 2^35) = floor(n / q) exactly for n < 2^23 (the error n (M - 2^35/q) / 2^35
// stays below 1/q). tests/pq/mlkem checks every x and d against exact division.
uint16_t compress_coeff(uint16_t x, unsigned d) {
    constexpr uint64_t kM = 10321341;  // ceil(2^35 / 3329)
    const uint64_t n = (static_cast<uint64_t>(x) << d) + 1664;
    return static_cast<uint16_t>(((n * kM) >> 35) & ((1u << d) - 1));
}

// Decompress_d(y) = round(q y / 2^d) (FIPS 203 §4.2.1); y is public or its use is not
// secret-indexed.
uint16_t decompress_coeff(uint16_t y, unsigned d) {
    return static_cast<uint16_t>((static_cast<uint32_t>(y) * kQ + (1u << (d - 1))) >> d);
}

namespace {

void compress(uint8_t* out, const int16_t a[256], unsigned d) {
    uint16_t v[256];
    for (unsigned i = 0; i < 256; i++) v[i] = compress_coeff(static_cast<uint16_t>(a[i]), d);
    pack(out, v, d);
}

void decompress(int16_t r[256], const uint8_t* in, unsigned d) {
    uint16_t v[256];
    unpack(v, in, d);
    for (unsigned i = 0; i < 256; i++) r[i] = static_cast<int16_t>(decompress_coeff(v[i], d));
}

void tobytes(uint8_t out[384], const int16_t a[256]) {
    for (unsigned i = 0; i < 128; i++) {
        const uint16_t t0 = static_cast<uint16_t>(a[2 * i]);
        const uint16_t t1 = static_cast<uint16_t>(a[2 * i + 1]);
        out[3 * i] = static_cast<uint8_t>(t0);
        out[3 * i + 1] = static_cast<uint8_t>((t0 >> 8) | (t1 << 4));
        out[3 * i + 2] = static_cast<uint8_t>(t1 >> 4);
    }
}

void frombytes(int16_t r[256], const uint8_t in[384]) {
    for (unsigned i = 0; i < 128; i++) {
        const uint8_t* p = in + 3 * i;
        r[2 * i] = static_cast<int16_t>((p[0] | (p[1] << 8)) & 0xfff);
        r[2 * i + 1] = static_cast<int16_t>((p[1] >> 4) | (p[2] << 4));
    }
}

}  // namespace

const PolyBackend kPortable = {
    .name = "portable",
    .ntt = ntt,
    .invntt = invntt,
    .reduce = reduce,
    .mulcache = mulcache,
    .basemul_acc = basemul_acc,
    .rej_uniform = rej_uniform,
    .cbd2 = cbd2,
    .cbd3 = cbd3,
    .compress = compress,
    .decompress = decompress,
    .tobytes = tobytes,
    .frombytes = frombytes,
};

}  // namespace keel::pq::mlkem::detail
