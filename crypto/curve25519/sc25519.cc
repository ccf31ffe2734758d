// Scalars mod L for Ed25519 (RFC 8032 §5.1) by Barrett reduction on 64-bit limbs.
#include "crypto/curve25519/internal/sc25519.h"

#include "base/secret.h"
#include "crypto/curve25519/internal/barrett.h"

namespace keel::crypto::detail::sc25519 {

namespace {
// L, little-endian limbs.
constexpr uint64_t kL[4] = {0x5812631a5cf5d3ed, 0x14def9dea2f79cd6, 0, 0x1000000000000000};
// floor(2^512 / L).
constexpr uint64_t kMu[5] = {0xed9ce5a30a2c131b, 0x2106215d086329a7, 0xffffffffffffffeb,
                             0xffffffffffffffff, 0xf};
}  // namespace

void reduce64(uint8_t out[32], const uint8_t in[64]) {
    uint64_t x[8], r[4];
    barrett::load_le(x, 8, in, 64);
    barrett::reduce<4>(r, x, kL, kMu);
    barrett::store_le(out, 32, r);
    secure_wipe(x, sizeof x);
    secure_wipe(r, sizeof r);
}

void muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32], const uint8_t c[32]) {
    uint64_t la[4], lb[4], lc[4], x[8], r[4];
    barrett::load_le(la, 4, a, 32);
    barrett::load_le(lb, 4, b, 32);
    barrett::load_le(lc, 4, c, 32);
    barrett::mul<4, 4>(x, la, lb);  // < 2^510
    uint64_t carry = 0;
    for (int i = 0; i < 8; i++) {  // + c < 2^255: still < 2^512
        barrett::u128 t = static_cast<barrett::u128>(x[i]) + (i < 4 ? lc[i] : 0) + carry;
        x[i] = static_cast<uint64_t>(t);
        carry = static_cast<uint64_t>(t >> 64);
    }
    barrett::reduce<4>(r, x, kL, kMu);
    barrett::store_le(out, 32, r);
    secure_wipe(la, sizeof la);
    secure_wipe(lb, sizeof lb);
    secure_wipe(lc, sizeof lc);
    secure_wipe(x, sizeof x);
    secure_wipe(r, sizeof r);
}

bool is_canonical_vartime(const uint8_t s[32]) {
    uint64_t v[4];
    barrett::load_le(v, 4, s, 32);
    for (int i = 3; i >= 0; i--) {
        if (v[i] != kL[i]) return v[i] < kL[i];
    }
    return false;  // s == L
}

}  // namespace keel::crypto::detail::sc25519
