// Portable Poly1305 arithmetic (RFC 8439 §2.5) in radix 2^44 with 128-bit products.
// Constant time: fixed sequences of multiplies, shifts and masks; the final
// reduction chooses between h and h - p with a mask, not a branch.
#include <cstring>

#include "base/ct.h"
#include "base/endian.h"
#include "base/secret.h"
#include "crypto/chacha/poly1305.h"
#include "crypto/chacha/poly1305_scalar_inl.h"

namespace keel::crypto::detail {

void poly1305_init(Poly1305State& st, const uint8_t key[32]) {
    st.h[0] = st.h[1] = st.h[2] = 0;
    st.powers_ready = false;  // rpow is filled (and later wiped) only when used
    // §2.5.1 clamp: r &= 0x0ffffffc0ffffffc0ffffffc0fffffff.
    uint64_t t0 = load_le64(key) & 0x0ffffffc0fffffff;
    uint64_t t1 = load_le64(key + 8) & 0x0ffffffc0ffffffc;
    st.r[0] = t0 & kM44;
    st.r[1] = ((t0 >> 44) | (t1 << 20)) & kM44;
    st.r[2] = t1 >> 24;
    st.pad[0] = load_le64(key + 16);
    st.pad[1] = load_le64(key + 24);
}

void poly1305_blocks_portable(Poly1305State& st, const uint8_t* in, size_t n) {
    scalar_blocks(st, in, n, 1);
}

void poly1305_last_partial(Poly1305State& st, const uint8_t* in, size_t len) {
    uint8_t b[16] = {};
    std::memcpy(b, in, len);
    b[len] = 1;
    scalar_blocks(st, b, 1, 0);
    secure_wipe(b, sizeof b);
}

void poly1305_finish(Poly1305State& st, uint8_t tag[16]) {
    uint64_t h0 = st.h[0], h1 = st.h[1], h2 = st.h[2];
    // Full carry: afterwards h < 2^130 with canonical limbs.
    for (int i = 0; i < 2; i++) {
        h1 += h0 >> 44;
        h0 &= kM44;
        h2 += h1 >> 44;
        h1 &= kM44;
        h0 += (h2 >> 42) * 5;
        h2 &= kM42;
    }
    h1 += h0 >> 44;
    h0 &= kM44;
    h2 += h1 >> 44;
    h1 &= kM44;
    // g = h + 5 - 2^130; h >= p exactly when g does not borrow (top bit clear).
    uint64_t g0 = h0 + 5;
    uint64_t g1 = h1 + (g0 >> 44);
    g0 &= kM44;
    uint64_t g2 = h2 + (g1 >> 44) - (uint64_t{1} << 42);
    g1 &= kM44;
    uint64_t use_g = ct::mask_from_bit((g2 >> 63) ^ 1);
    g2 &= kM42;
    h0 = (h0 & ~use_g) | (g0 & use_g);
    h1 = (h1 & ~use_g) | (g1 & use_g);
    h2 = (h2 & ~use_g) | (g2 & use_g);
    // tag = (h + s) mod 2^128 (§2.5.1).
    uint64_t t0 = h0 | (h1 << 44);
    uint64_t t1 = (h1 >> 20) | (h2 << 24);
    u128 sum = u128{t0} + st.pad[0];
    store_le64(tag, static_cast<uint64_t>(sum));
    store_le64(tag + 8, t1 + st.pad[1] + static_cast<uint64_t>(sum >> 64));
    // The key material: h, r, s always; the powers of r when a backend made them
    // (powers_ready depends only on message lengths, which are public).
    secure_wipe(st.h, sizeof st.h);
    secure_wipe(st.r, sizeof st.r);
    secure_wipe(st.pad, sizeof st.pad);
    if (st.powers_ready) secure_wipe(st.rpow, sizeof st.rpow);
    st.powers_ready = false;
}

}  // namespace keel::crypto::detail
