// Fused ChaCha20-Poly1305 bulk for AVX-512 + IFMA (RFC 8439 §2.8). Each 1 KiB chunk
// is one 16-block ChaCha20 pass; the eight 8-block Poly1305 steps over a chunk run
// inside that pass's double rounds. Poly1305 is a dependent chain of multiplies
// (latency-bound) and ChaCha20 is independent lane arithmetic (throughput-bound), so
// interleaved the MAC costs little more than its instructions.
//   seal: the MAC trails by one chunk (it hashes ciphertext the previous pass wrote);
//   open: the MAC hashes the chunk the current pass is about to decrypt, read before
//         the pass stores (in place).
#include "crypto/chacha/chacha20_avx512_inl.h"
#include "crypto/chacha/chacha20_poly1305.h"
#include "crypto/chacha/poly1305_ifma_inl.h"

namespace keel::crypto::detail {
namespace {

template <bool kSeal>
void bulk(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter, Poly1305State& st,
          uint8_t* io, size_t len) {
    if (!st.powers_ready) compute_powers_ifma(st);
    const Power pf = make_power({_mm512_load_si512(st.rpow[0]), _mm512_load_si512(st.rpow[1]),
                                 _mm512_load_si512(st.rpow[2])});
    const uint64_t r8[3] = {st.rpow[0][0], st.rpow[1][0], st.rpow[2][0]};
    const Power p8 = make_power(broadcast3(r8));
    Vec3 acc = start_lanes(st);
    // The very last group of 8 blocks takes r^8..r^1 instead of r^8 (poly1305_ifma_inl.h).
    // Inside a pass the MAC is limited by vector ports (fewer instructions win);
    // the trailing chunk of a seal runs alone, limited by latency.
    auto step = [&](const uint8_t* p, bool last) {
        const Power& pw = last ? pf : p8;
        acc = mul<true>(add(acc, load8(p)), pw.r, pw.s1, pw.s2);
    };
    auto step_alone = [&](const uint8_t* p, bool last) {
        const Power& pw = last ? pf : p8;
        acc = mul<false>(add(acc, load8(p)), pw.r, pw.s1, pw.s2);
    };
    const size_t chunks = len / 1024;
    for (size_t i = 0; i < chunks; i++, counter += 16) {
        uint8_t* chunk = io + 1024 * i;
        if constexpr (kSeal) {
            pass16(key, nonce, counter, chunk, chunk, [&](int r) {
                if (i > 0 && r < 8) step(chunk - 1024 + 128 * r, false);
            });
        } else {
            const bool last_chunk = i + 1 == chunks;
            pass16(key, nonce, counter, chunk, chunk, [&](int r) {
                if (r < 8) step(chunk + 128 * r, last_chunk && r == 7);
            });
        }
    }
    if constexpr (kSeal) {
        const uint8_t* last = io + 1024 * (chunks - 1);
        for (int g = 0; g < 8; g++) step_alone(last + 128 * g, g == 7);
    }
    finish_lanes(st, acc);
}

}  // namespace

void chacha20_poly1305_bulk_avx512(const uint32_t key[8], const uint32_t nonce[3], uint32_t counter,
                                   Poly1305State& st, uint8_t* io, size_t len, bool seal) {
    if (seal) {
        bulk<true>(key, nonce, counter, st, io, len);
    } else {
        bulk<false>(key, nonce, counter, st, io, len);
    }
}

}  // namespace keel::crypto::detail
