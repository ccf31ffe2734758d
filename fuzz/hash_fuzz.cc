// Hashes, differentially: the first input byte seeds the chunking, the rest is the
// message. Every backend of every hash, fed the message in those chunks, must agree
// with its portable backend fed it whole and with the one-shot hash(); abort if not.
#include <cstdlib>

#include "crypto/hash/md5.h"
#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"

namespace {

using namespace keel;
using namespace keel::crypto;

// Chunk sizes derived from a small xorshift state seeded by the first byte: the same
// input always splits the same way, and sizes straddle the 64- and 128-byte blocks.
template <class H>
void update_chunked(H& h, ByteView m, uint32_t seed) {
    uint32_t s = seed * 2654435761u + 1;
    while (!m.empty()) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        size_t n = (s >> 8) % 200;
        if (n > m.size()) n = m.size();
        h.update(m.first(n));
        m = m.subspan(n);
    }
}

template <class H, class Backends>
void check(Backends backends, ByteView m, uint32_t seed) {
    const auto oneshot = H::hash(m);
    H portable(backends[0].blocks);
    portable.update(m);
    if (portable.final() != oneshot) std::abort();
    for (const auto& b : backends) {
        H h(b.blocks);
        update_chunked(h, m, seed);
        if (h.final() != oneshot) std::abort();
        // final() reset the object: a second message through it must match too.
        h.update(m);
        if (h.final() != oneshot) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const uint32_t seed = data[0];
    ByteView m(data + 1, size - 1);
    check<Sha1>(detail::sha1_backends(), m, seed);
    check<Sha224>(detail::sha256_backends(), m, seed);
    check<Sha256>(detail::sha256_backends(), m, seed);
    check<Sha384>(detail::sha512_backends(), m, seed);
    check<Sha512>(detail::sha512_backends(), m, seed);
    check<Sha512_224>(detail::sha512_backends(), m, seed);
    check<Sha512_256>(detail::sha512_backends(), m, seed);
    Md5 md5;
    update_chunked(md5, m, seed);
    if (md5.final() != Md5::hash(m)) std::abort();
    return 0;
}
