// X25519 Montgomery ladder (RFC 7748 §5) over the portable radix-2^51 field.
// Constant-time: the scalar bits only drive masked swaps (fe25519::cswap); the loop
// runs all 255 steps whatever the scalar.
#include "base/secret.h"
#include "crypto/curve25519/internal/fe25519_51.h"
#include "crypto/curve25519/internal/x25519_ladder.h"
#include "crypto/curve25519/x25519.h"

namespace keel::crypto::detail {

using namespace fe25519;

void x25519_clamp(uint8_t k[32], const uint8_t scalar[32]) {
    for (int i = 0; i < 32; i++) k[i] = scalar[i];
    k[0] &= 248;
    k[31] &= 127;
    k[31] |= 64;
}

void x25519_finish(uint8_t out[32], const Fe25519& x2, const Fe25519& z2) {
    Fe25519 zi, x;
    invert(zi, z2);
    mul(x, x2, zi);
    to_bytes(out, x);
}

void x25519_portable(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]) {
    uint8_t k[32];
    x25519_clamp(k, scalar);

    Fe25519 x1, x2, z2, x3, z3;
    from_bytes(x1, u);  // decodeUCoordinate masks bit 255
    one(x2);
    zero(z2);
    x3 = x1;
    one(z3);

    uint64_t swap = 0;
    for (int t = 254; t >= 0; t--) {
        uint64_t bit = (k[t >> 3] >> (t & 7)) & 1;
        swap ^= bit;
        uint64_t mask = 0 - swap;
        cswap(x2, x3, mask);
        cswap(z2, z3, mask);
        swap = bit;

        Fe25519 a, aa, b, bb, e, c, d, da, cb;
        add(a, x2, z2);  // < 2^52.1
        sq(aa, a);
        sub(b, x2, z2);  // < 2^53.1
        sq(bb, b);
        sub(e, aa, bb);
        add(c, x3, z3);
        sub(d, x3, z3);
        mul(da, d, a);
        mul(cb, c, b);
        add(x3, da, cb);
        sq(x3, x3);
        sub(z3, da, cb);
        sq(z3, z3);
        mul(z3, z3, x1);
        mul(x2, aa, bb);
        mul_small(z2, e, 121665);  // a24 = (486662 - 2) / 4
        add(z2, z2, aa);
        mul(z2, z2, e);
    }
    uint64_t mask = 0 - swap;
    cswap(x2, x3, mask);
    cswap(z2, z3, mask);

    x25519_finish(out, x2, z2);
    secure_wipe(k, sizeof k);
}

}  // namespace keel::crypto::detail
