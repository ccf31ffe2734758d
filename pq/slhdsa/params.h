// SLH-DSA parameter sets (FIPS 205 §11, Table 2) and the 32-byte hash address
// (FIPS 205 §4.2-4.3). Internal to pq/slhdsa.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "base/endian.h"

namespace keel::pq::detail {

struct SlhParams {
    const char* name;
    bool sha2;    // SHA2 family (§11.2) or SHAKE family (§11.1)
    uint32_t n;   // security parameter: hash output bytes
    uint32_t h;   // hypertree height
    uint32_t d;   // hypertree layers
    uint32_t hp;  // h' = h / d: XMSS tree height
    uint32_t a;   // FORS tree height
    uint32_t k;   // FORS trees
    uint32_t m;   // H_msg output bytes

    // lg_w = 4 for every set (w = 16): len1 = 2n, len2 = 3 (FIPS 205 §5, eq. 5.1-5.3).
    size_t len() const { return 2 * n + 3; }
    size_t pk_bytes() const { return 2 * n; }
    size_t sk_bytes() const { return 4 * n; }
    size_t fors_sig_bytes() const { return size_t{k} * (a + 1) * n; }
    size_t xmss_sig_bytes() const { return (len() + hp) * n; }
    size_t sig_bytes() const { return n + fors_sig_bytes() + d * xmss_sig_bytes(); }
};

// Order matches SlhDsaParams in slhdsa.h.
extern const SlhParams kSlhParams[12];

constexpr uint32_t kWotsW = 16;

// ADRS types (FIPS 205 §4.2).
enum : uint32_t {
    kWotsHash = 0,
    kWotsPk = 1,
    kTree = 2,
    kForsTree = 3,
    kForsRoots = 4,
    kWotsPrf = 5,
    kForsPrf = 6,
};

// FIPS 205 §4.3: layer (4) | tree (12) | type (4) | three 4-byte words, big-endian.
struct Adrs {
    uint8_t b[32] = {};

    void set_layer(uint32_t l) { store_be32(b, l); }
    void set_tree(uint64_t t) {
        store_be32(b + 4, 0);
        store_be64(b + 8, t);
    }
    void set_type_and_clear(uint32_t type) {
        store_be32(b + 16, type);
        std::memset(b + 20, 0, 12);
    }
    void set_keypair(uint32_t i) { store_be32(b + 20, i); }
    uint32_t keypair() const { return load_be32(b + 20); }
    void set_chain(uint32_t i) { store_be32(b + 24, i); }
    void set_tree_height(uint32_t z) { store_be32(b + 24, z); }
    void set_hash(uint32_t i) { store_be32(b + 28, i); }
    void set_tree_index(uint32_t i) { store_be32(b + 28, i); }
    uint32_t tree_index() const { return load_be32(b + 28); }
};

}  // namespace keel::pq::detail
