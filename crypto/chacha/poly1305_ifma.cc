// Poly1305 with AVX-512 IFMA (RFC 8439 §2.5): 8 blocks per step, radix 2^44; the
// arithmetic and its bounds are in poly1305_ifma_inl.h.
#include "crypto/chacha/poly1305_ifma_inl.h"

namespace keel::crypto::detail {

void poly1305_blocks_ifma(Poly1305State& st, const uint8_t* in, size_t n) {
    // Below 16 blocks the lane setup and final sum do not pay for themselves.
    if (n >= 16) {
        if (!st.powers_ready) compute_powers_ifma(st);
        const Power pf = make_power({_mm512_load_si512(st.rpow[0]), _mm512_load_si512(st.rpow[1]),
                                     _mm512_load_si512(st.rpow[2])});
        const uint64_t r8[3] = {st.rpow[0][0], st.rpow[1][0], st.rpow[2][0]};
        const Power p8 = make_power(broadcast3(r8));
        Vec3 acc = start_lanes(st);
        size_t groups = n / 8;
        for (size_t g = 0; g + 1 < groups; g++, in += 128) {
            acc = mul(add(acc, load8(in)), p8.r, p8.s1, p8.s2);
        }
        acc = mul(add(acc, load8(in)), pf.r, pf.s1, pf.s2);
        in += 128;
        n -= groups * 8;
        finish_lanes(st, acc);
    }
    if (n > 0) poly1305_blocks_portable(st, in, n);
}

}  // namespace keel::crypto::detail
