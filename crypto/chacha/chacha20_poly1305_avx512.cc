// Fused ChaCha20-Poly1305 bulk for AVX-512 + IFMA (RFC 8439 §2.8). Each 1 KiB chunk
// is one 16-block ChaCha20 pass, and the other work of the AEAD runs inside the
// passes' double rounds, where the out-of-order core overlaps it with ChaCha20:
//  - pass 0 also computes block 0 (the one-time Poly1305 key) in row form, and the
//    powers r^1..r^8 once the key is known;
//  - pass i > 0 also runs the eight 8-block Poly1305 steps over chunk i - 1.
// Poly1305 is a dependent chain of multiplies (latency-bound) and ChaCha20 is
// independent lane arithmetic (throughput-bound), so interleaved the MAC costs
// little more than its instructions. The MAC trails by one chunk for both
// directions; open keeps a copy of each ciphertext chunk, because the in-place
// pass overwrites it before the trailing MAC reads it.
#include <cstring>

#include "base/endian.h"
#include "base/secret.h"
#include "crypto/chacha/chacha20_avx512_inl.h"
#include "crypto/chacha/chacha20_poly1305.h"
#include "crypto/chacha/poly1305_ifma_inl.h"
#include "crypto/chacha/poly1305_scalar_inl.h"

namespace keel::crypto::detail {
namespace {

// poly1305_init from the first 32 keystream bytes as LE words (§2.5.1 clamp).
inline void init_state(Poly1305State& st, const uint64_t w[4]) {
    const uint64_t t0 = w[0] & 0x0ffffffc0fffffff, t1 = w[1] & 0x0ffffffc0ffffffc;
    st.h[0] = st.h[1] = st.h[2] = 0;
    st.r[0] = t0 & kM44;
    st.r[1] = ((t0 >> 44) | (t1 << 20)) & kM44;
    st.r[2] = t1 >> 24;
    st.pad[0] = w[2];
    st.pad[1] = w[3];
    st.powers_ready = false;
}

// §2.8 padding1: the aad, zero-padded to 16 bytes. Inline scalar code: it runs
// inside pass 0, where a call would spill the ChaCha20 state.
inline void absorb_aad(Poly1305State& st, ByteView aad) {
    scalar_blocks(st, aad.data(), aad.size() / 16, 1);
    if (size_t rem = aad.size() % 16) {
        uint8_t b[16] = {};
        std::memcpy(b, aad.data() + aad.size() - rem, rem);
        scalar_blocks(st, b, 1, 1);
    }
}

template <bool kSeal>
void bulk(const uint32_t key[8], const uint32_t nonce[3], Poly1305State& st, ByteView aad,
          uint8_t* io, size_t len) {
    const size_t chunks = len / 1024;
    alignas(64) uint8_t ct_copy[kSeal ? 1 : 2][1024];
    auto keep_ciphertext = [&](size_t i) {
        if constexpr (!kSeal) std::memcpy(ct_copy[i & 1], io + 1024 * i, 1024);
    };
    auto ciphertext = [&](size_t i) -> const uint8_t* {
        if constexpr (kSeal) return io + 1024 * i;
        return ct_copy[i & 1];
    };

    // Pass 0: block 0 takes two row double rounds per ChaCha20 double round, so its
    // key is ready halfway and the r powers are computed in the second half.
    RowBlock block0(key, nonce, 0);
    uint64_t otk[4];
    keep_ciphertext(0);
    pass16(key, nonce, 1, io, io, [&](int r) {
        if (r < 5) {
            block0.double_round();
            block0.double_round();
        } else if (r == 5) {
            block0.first32(key, otk);
            init_state(st, otk);
            compute_powers_ifma(st);
        } else if (r == 6) {
            absorb_aad(st, aad);
        }
    });
    secure_wipe(otk, sizeof otk);

    const Power pf = make_power({_mm512_load_si512(st.rpow[0]), _mm512_load_si512(st.rpow[1]),
                                 _mm512_load_si512(st.rpow[2])});
    const uint64_t r8[3] = {st.rpow[0][0], st.rpow[1][0], st.rpow[2][0]};
    const Power p8 = make_power(broadcast3(r8));
    Vec3 acc = start_lanes(st);
    // Inside a pass the MAC is limited by vector ports (fewer instructions win); the
    // trailing chunk runs alone, limited by latency. The very last group of 8 blocks
    // takes r^8..r^1 instead of r^8 (poly1305_ifma_inl.h).
    auto step = [&](const uint8_t* p) { acc = mul<true>(add(acc, load8(p)), p8.r, p8.s1, p8.s2); };
    for (size_t i = 1; i < chunks; i++) {
        keep_ciphertext(i);
        const uint8_t* prev = ciphertext(i - 1);
        uint8_t* chunk = io + 1024 * i;
        pass16(key, nonce, 1 + 16 * static_cast<uint32_t>(i), chunk, chunk, [&](int r) {
            if (r < 8) step(prev + 128 * r);
        });
    }
    // The trailing chunk alone: two independent chains (even and odd groups, steps
    // of r^16) halve the latency; then A * r^(16-j) + B * r^(8-j) per lane j.
    const uint8_t* last = ciphertext(chunks - 1);
    const Power p16 = make_power(mul(p8.r, p8.r, p8.s1, p8.s2));
    const Power pf16 = make_power(mul(pf.r, p8.r, p8.s1, p8.s2));
    Vec3 even = add(acc, load8(last)), odd = load8(last + 128);
    for (int k = 1; k < 4; k++) {
        even = add(mul(even, p16.r, p16.s1, p16.s2), load8(last + 256 * k));
        odd = add(mul(odd, p16.r, p16.s1, p16.s2), load8(last + 256 * k + 128));
    }
    acc = add(mul(even, pf16.r, pf16.s1, pf16.s2), mul(odd, pf.r, pf.s1, pf.s2));
    finish_lanes(st, acc);
}

}  // namespace

void chacha20_poly1305_bulk_avx512(const uint32_t key[8], const uint32_t nonce[3],
                                   Poly1305State& st, ByteView aad, uint8_t* io, size_t len,
                                   bool seal) {
    if (seal) {
        bulk<true>(key, nonce, st, aad, io, len);
    } else {
        bulk<false>(key, nonce, st, aad, io, len);
    }
}

}  // namespace keel::crypto::detail
