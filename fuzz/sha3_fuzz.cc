// SHA-3 / SHAKE differential fuzzing: the input drives update() and squeeze() splits
// and the output length; every single-state backend (incremental) and every batched
// backend (each lane) must agree with the portable one-shot result.
//
// Input: [0] split seed, [1..2] output length (little-endian, mod 1024), rest message.
#include <array>
#include <cstdlib>
#include <cstring>

#include "crypto/sha3/sha3.h"
#include "crypto/sha3/shake_batch.h"

namespace {

using keel::Bytes;
using keel::ByteView;
using keel::MutableByteView;
using namespace keel::crypto;

const detail::KeccakBackend& portable() {
    return detail::keccak_backends().front();
}

// Deterministic split sizes from a seed: small pieces and occasional large ones.
struct Splitter {
    uint32_t x;
    size_t next(size_t remaining) {
        x = x * 1103515245u + 12345u;
        const size_t cap = (x >> 28) == 0 ? 400 : 17;
        return std::min(remaining, static_cast<size_t>((x >> 8) % (cap + 1)));
    }
};

template <class H>
void check_hash(ByteView m, uint8_t seed) {
    H ref(portable());
    ref.update(m);
    const auto want = ref.final();
    for (const auto& be : detail::keccak_backends()) {
        H h(be);
        Splitter sp{seed};
        size_t off = 0;
        while (off < m.size()) {
            const size_t n = sp.next(m.size() - off);
            h.update(m.subspan(off, n));
            off += n;
        }
        if (h.final() != want) std::abort();
    }
}

template <class X>
void check_xof(ByteView m, size_t out_len, uint8_t seed) {
    Bytes want(out_len), got(out_len);
    X ref(portable());
    if (!ref.update(m).ok()) std::abort();
    ref.squeeze(want);
    for (const auto& be : detail::keccak_backends()) {
        X x(be);
        Splitter sp{seed ^ 0x5au};
        size_t off = 0;
        while (off < m.size()) {
            const size_t n = sp.next(m.size() - off);
            if (!x.update(m.subspan(off, n)).ok()) std::abort();
            off += n;
        }
        off = 0;
        while (off < out_len) {
            const size_t n = std::max<size_t>(1, sp.next(out_len - off));
            x.squeeze(MutableByteView(got).subspan(off, n));
            off += n;
        }
        if (got != want) std::abort();
        x.squeeze(MutableByteView());        // ends absorbing even when out_len == 0
        if (x.update(m).ok()) std::abort();  // update after squeeze must be refused
    }
}

template <class Batch, class Single, class Backends>
void check_batch(const Backends& backends, ByteView m, size_t out_len, uint8_t seed) {
    constexpr size_t kN = Batch::kLanes;
    std::array<Bytes, kN> msgs, want;
    std::array<ByteView, kN> in;
    for (size_t j = 0; j < kN; j++) {
        msgs[j].assign(m.begin(), m.end());
        if (!msgs[j].empty()) msgs[j][j % msgs[j].size()] ^= static_cast<uint8_t>(j + 1);
        in[j] = msgs[j];
        want[j].resize(out_len);
        Single ref(portable());
        if (!ref.update(msgs[j]).ok()) std::abort();
        ref.squeeze(want[j]);
    }
    for (const auto& be : backends) {
        Batch x(be.permute);
        if (!x.absorb(in).ok()) std::abort();
        std::array<Bytes, kN> got;
        for (auto& g : got) g.resize(out_len);
        Splitter sp{seed ^ 0xa5u};
        size_t off = 0;
        while (off < out_len) {
            const size_t n = std::max<size_t>(1, sp.next(out_len - off));
            std::array<MutableByteView, kN> out;
            for (size_t j = 0; j < kN; j++) out[j] = MutableByteView(got[j]).subspan(off, n);
            if (!x.squeeze(out).ok()) std::abort();
            off += n;
        }
        if (got != want) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 3) return 0;
    const uint8_t seed = data[0];
    const size_t out_len = (data[1] | (size_t{data[2]} << 8)) % 1024;
    const ByteView m(data + 3, size - 3);
    check_hash<Sha3_224>(m, seed);
    check_hash<Sha3_256>(m, seed);
    check_hash<Sha3_384>(m, seed);
    check_hash<Sha3_512>(m, seed);
    check_xof<Shake128>(m, out_len, seed);
    check_xof<Shake256>(m, out_len, seed);
    check_batch<Shake128x4, Shake128>(detail::keccak_x4_backends(), m, out_len, seed);
    check_batch<Shake256x4, Shake256>(detail::keccak_x4_backends(), m, out_len, seed);
    check_batch<Shake128x8, Shake128>(detail::keccak_x8_backends(), m, out_len, seed);
    check_batch<Shake256x8, Shake256>(detail::keccak_x8_backends(), m, out_len, seed);
    return 0;
}
