// FIPS 204 §7.1-7.2 bit packing. One little-endian bit packer/unpacker serves every
// width: the loop structure depends only on the (public) width, never on values.
#include "pq/mldsa/internal/packing.h"

namespace keel::pq::detail {
namespace {

// Fields are packed in groups of G (8, or 4 for widths over 16 bits) so that one group
// fills a whole number of bytes and fits a 128-bit accumulator: the shifts are
// compile-time constants and the loops unroll.
template <int kBits>
inline constexpr int kGroup = kBits <= 16 ? 8 : 4;

// Writes 256 fields of kBits bits each, field i = f(a_i), least significant bit first
// (FIPS 204 Alg 16/17, BitsToBytes).
template <int kBits, class F>
void pack_fields(uint8_t* out, const int32_t* a, F f) {
    constexpr int kG = kGroup<kBits>;
    constexpr int kBytes = kG * kBits / 8;
    for (int i = 0; i < kN; i += kG, out += kBytes) {
        unsigned __int128 acc = 0;
        for (int j = 0; j < kG; j++)
            acc |= static_cast<unsigned __int128>(f(a[i + j])) << (j * kBits);
        for (int b = 0; b < kBytes; b++) out[b] = static_cast<uint8_t>(acc >> (8 * b));
    }
}

// Reads 256 fields of kBits bits and stores g(field) (Alg 18/19).
template <int kBits, class G>
void unpack_fields(int32_t* a, const uint8_t* in, G g) {
    constexpr int kG = kGroup<kBits>;
    constexpr int kBytes = kG * kBits / 8;
    constexpr uint32_t kMask = (1u << kBits) - 1;
    for (int i = 0; i < kN; i += kG, in += kBytes) {
        unsigned __int128 acc = 0;
        for (int b = 0; b < kBytes; b++) acc |= static_cast<unsigned __int128>(in[b]) << (8 * b);
        for (int j = 0; j < kG; j++)
            a[i + j] = g(static_cast<uint32_t>(acc >> (j * kBits)) & kMask);
    }
}

}  // namespace

void pack_t1(uint8_t* out, const Poly& a) {
    pack_fields<10>(out, a.c, [](int32_t v) { return static_cast<uint32_t>(v); });
}
void unpack_t1(Poly& a, const uint8_t* in) {
    unpack_fields<10>(a.c, in, [](uint32_t v) { return static_cast<int32_t>(v); });
}

void pack_t0(uint8_t* out, const Poly& a) {
    pack_fields<13>(out, a.c, [](int32_t v) { return static_cast<uint32_t>((1 << 12) - v); });
}
void unpack_t0(Poly& a, const uint8_t* in) {
    unpack_fields<13>(a.c, in, [](uint32_t v) { return (1 << 12) - static_cast<int32_t>(v); });
}

void pack_eta(uint8_t* out, const Poly& a, int eta) {
    auto f = [eta](int32_t v) { return static_cast<uint32_t>(eta - v); };
    if (eta == 2) {
        pack_fields<3>(out, a.c, f);
    } else {
        pack_fields<4>(out, a.c, f);
    }
}

uint32_t unpack_eta(Poly& a, const uint8_t* in, int eta) {
    // A field v is valid iff v <= 2 eta; the borrow of (2 eta - v) flags the others.
    uint32_t bad = 0;
    auto g = [eta, &bad](uint32_t v) {
        bad |= (static_cast<uint32_t>(2 * eta) - v) >> 31;
        return eta - static_cast<int32_t>(v);
    };
    if (eta == 2) {
        unpack_fields<3>(a.c, in, g);
    } else {
        unpack_fields<4>(a.c, in, g);
    }
    return 0u - bad;
}

void pack_z(uint8_t* out, const Poly& a, int32_t gamma1) {
    auto f = [gamma1](int32_t v) { return static_cast<uint32_t>(gamma1 - v); };
    if (gamma1 == (1 << 17)) {
        pack_fields<18>(out, a.c, f);
    } else {
        pack_fields<20>(out, a.c, f);
    }
}

void unpack_z(Poly& a, const uint8_t* in, int32_t gamma1) {
    auto g = [gamma1](uint32_t v) { return gamma1 - static_cast<int32_t>(v); };
    if (gamma1 == (1 << 17)) {
        unpack_fields<18>(a.c, in, g);
    } else {
        unpack_fields<20>(a.c, in, g);
    }
}

void pack_w1(uint8_t* out, const Poly& a, int32_t gamma2) {
    auto f = [](int32_t v) { return static_cast<uint32_t>(v); };
    if (gamma2 == (kQ - 1) / 88) {
        pack_fields<6>(out, a.c, f);
    } else {
        pack_fields<4>(out, a.c, f);
    }
}

// Called only on an accepted signature, whose hints are public (declassified).
void pack_hints(uint8_t* out, const Poly* h, const Params& p) {
    for (int i = 0; i < p.omega + p.k; i++) out[i] = 0;
    int index = 0;
    for (int i = 0; i < p.k; i++) {
        for (int j = 0; j < kN; j++) {
            if (h[i].c[j] != 0) out[index++] = static_cast<uint8_t>(j);
        }
        out[p.omega + i] = static_cast<uint8_t>(index);
    }
}

bool unpack_hints(Poly* h, const uint8_t* in, const Params& p) {
    int index = 0;
    for (int i = 0; i < p.k; i++) {
        for (int j = 0; j < kN; j++) h[i].c[j] = 0;
        const int limit = in[p.omega + i];
        if (limit < index || limit > p.omega) return false;
        for (int j = index; j < limit; j++) {
            // Strictly increasing within one polynomial: the encoding is unique.
            if (j > index && in[j] <= in[j - 1]) return false;
            h[i].c[in[j]] = 1;
        }
        index = limit;
    }
    for (int j = index; j < p.omega; j++) {
        if (in[j] != 0) return false;
    }
    return true;
}

}  // namespace keel::pq::detail
