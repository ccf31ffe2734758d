// K-PKE (FIPS 203 §5) and ML-KEM internal algorithms (§6) over a PolyBackend.
//
// Secrets: d, z, sigma, s, e, m, r, y, e1, e2 and K. They pass only through the
// backend's constant-time arithmetic, Keccak, and byte copies. The one secret-dependent
// decision, "re-encryption matched" in decapsulation, is a mask (ct::eq_mask) used by
// ct::cmov: no branch, no early exit. Matrix sampling branches on the XOF stream of
// the public seed rho only.
#include <array>
#include <cstring>

#include "base/ct.h"
#include "base/secret.h"
#include "crypto/sha3/sha3.h"
#include "crypto/sha3/shake_batch.h"
#include "pq/mlkem/internal/kem.h"

namespace keel::pq::mlkem::detail {
namespace {

using crypto::Sha3_256;
using crypto::Sha3_512;
using crypto::Shake128x4;
using crypto::Shake256;
using crypto::Shake256x4;

struct alignas(32) Poly {
    int16_t c[256];
};

// Wipes a stack object holding secrets when it leaves scope.
template <class T>
struct alignas(32) Wiped {
    T v{};
    ~Wiped() { secure_wipe(&v, sizeof v); }
};

// SampleNTT (Algorithm 7) for entries [first, first + kLanes) of the k*k matrix, one
// batched XOF stream per entry. Entry (i, j) of A-hat is SampleNTT(rho || j || i); with
// `transposed` the function stores A-hat^T (Algorithm 14 uses A-hat^T). Row i of the
// result is out[k*i .. k*i+k). Lanes past the end recompute the last entry into scratch.
template <class Xof>
void sample_batch(const PolyBackend& be, Poly* out, const uint8_t rho[32], unsigned k,
                  bool transposed, unsigned first) {
    constexpr unsigned kLanes = Xof::kLanes;
    // Three blocks give at least 256 accepted values with overwhelming probability;
    // further blocks are squeezed one at a time while any stream is short.
    constexpr unsigned kFirstBlocks = 3;
    constexpr unsigned kBlock = Xof::kBlockSize;
    const unsigned total = k * k;
    uint8_t in[kLanes][34];
    Poly scratch;
    Poly* dst[kLanes];
    std::array<ByteView, kLanes> ins;
    for (unsigned l = 0; l < kLanes; l++) {
        const unsigned e = first + l < total ? first + l : total - 1;
        const unsigned i = e / k, j = e % k;
        std::memcpy(in[l], rho, 32);
        in[l][32] = static_cast<uint8_t>(transposed ? i : j);
        in[l][33] = static_cast<uint8_t>(transposed ? j : i);
        dst[l] = first + l < total ? &out[e] : &scratch;
        ins[l] = ByteView(in[l]);
    }
    Xof xof;
    (void)xof.absorb(ins);
    alignas(32) uint8_t buf[kLanes][kFirstBlocks * kBlock];
    std::array<MutableByteView, kLanes> outs;
    for (unsigned l = 0; l < kLanes; l++) outs[l] = MutableByteView(buf[l]);
    (void)xof.squeeze(outs);
    unsigned ctr[kLanes];
    bool more = false;
    for (unsigned l = 0; l < kLanes; l++) {
        ctr[l] = be.rej_uniform(dst[l]->c, 256, buf[l], sizeof buf[l]);
        more |= ctr[l] < 256;
    }
    while (more) {
        for (unsigned l = 0; l < kLanes; l++) outs[l] = MutableByteView(buf[l], kBlock);
        (void)xof.squeeze(outs);
        more = false;
        for (unsigned l = 0; l < kLanes; l++) {
            ctr[l] += be.rej_uniform(dst[l]->c + ctr[l], 256 - ctr[l], buf[l], kBlock);
            more |= ctr[l] < 256;
        }
    }
}

// The whole matrix: batches of eight streams while more than four entries remain (one
// 8-way permutation is cheaper than two 4-way ones on AVX-512), then batches of four.
void gen_matrix(const PolyBackend& be, Poly* out, const uint8_t rho[32], unsigned k,
                bool transposed) {
    const unsigned total = k * k;
    unsigned first = 0;
    for (; total - first > 4; first += 8) {
        sample_batch<crypto::Shake128x8>(be, out, rho, k, transposed, first);
    }
    for (; first < total; first += 4) {
        sample_batch<Shake128x4>(be, out, rho, k, transposed, first);
    }
}

// SamplePolyCBD_eta(PRF_eta(seed, nonce + n)) (Algorithms 8, §4.1 PRF = SHAKE256) for
// n < count, four PRF streams at a time.
void sample_noise(const PolyBackend& be, Poly* const* out, const unsigned* eta, unsigned count,
                  const uint8_t seed[32], uint8_t nonce) {
    for (unsigned base = 0; base < count; base += 4) {
        Wiped<uint8_t[4][33]> in;
        Wiped<uint8_t[4][192]> buf;
        for (unsigned l = 0; l < 4; l++) {
            std::memcpy(in.v[l], seed, 32);
            in.v[l][32] = static_cast<uint8_t>(nonce + base + l);
        }
        unsigned len = 0;
        for (unsigned l = 0; l < 4 && base + l < count; l++) {
            len = 64 * eta[base + l] > len ? 64 * eta[base + l] : len;
        }
        Shake256x4 prf;
        (void)prf.absorb(
            {ByteView(in.v[0]), ByteView(in.v[1]), ByteView(in.v[2]), ByteView(in.v[3])});
        (void)prf.squeeze({MutableByteView(buf.v[0], len), MutableByteView(buf.v[1], len),
                           MutableByteView(buf.v[2], len), MutableByteView(buf.v[3], len)});
        for (unsigned l = 0; l < 4 && base + l < count; l++) {
            // SHAKE output is prefix-consistent: the first 64 eta bytes are PRF_eta.
            (eta[base + l] == 2 ? be.cbd2 : be.cbd3)(out[base + l]->c, buf.v[l]);
        }
    }
}

void add(Poly& r, const Poly& a) {
    for (unsigned i = 0; i < 256; i++) r.c[i] = static_cast<int16_t>(r.c[i] + a.c[i]);
}

// K-PKE.KeyGen (Algorithm 13): writes ek_pke (384k + 32 bytes) and dk_pke (384k).
void kpke_keygen(const PolyBackend& be, const Params& p, const uint8_t d[32], uint8_t* ek,
                 uint8_t* dk_pke) {
    const unsigned k = p.k;
    Wiped<uint8_t[64]> rho_sigma;  // (rho, sigma) = G(d || k)
    {
        Sha3_512 g;
        g.update(ByteView(d, 32));
        const uint8_t kb = static_cast<uint8_t>(k);
        g.update(ByteView(&kb, 1));
        auto out = g.final();
        std::memcpy(rho_sigma.v, out.data(), 64);
        secure_wipe(out.data(), out.size());
    }
    const uint8_t* rho = rho_sigma.v;
    const uint8_t* sigma = rho_sigma.v + 32;
    // rho is public (it is the last 32 bytes of ek); matrix sampling may branch on it.
    ct::declassify(rho, 32);

    Poly a[16];
    gen_matrix(be, a, rho, k, false);

    Wiped<Poly[4]> s, e;
    Wiped<int16_t[4][128]> scache;
    Poly* noise[8] = {};
    unsigned eta[8] = {};
    for (unsigned i = 0; i < k; i++) {
        noise[i] = &s.v[i];
        noise[k + i] = &e.v[i];
        eta[i] = eta[k + i] = p.eta1;
    }
    sample_noise(be, noise, eta, 2 * k, sigma, 0);

    for (unsigned i = 0; i < k; i++) {
        be.ntt(s.v[i].c);  // |s| <= 3 -> |s-hat| < 8q
        be.reduce(s.v[i].c);
        be.mulcache(scache.v[i], s.v[i].c);
        be.ntt(e.v[i].c);
    }
    for (unsigned i = 0; i < k; i++) {
        Poly t;
        be.basemul_acc(t.c, a[k * i].c, s.v[0].c, scache.v[0], k);  // A s 2^-16, < q
        // Back from 2^-16 to the plain product (< q), plus e-hat (< 8q): < 9q < 2^15.
        for (unsigned j = 0; j < 256; j++) t.c[j] = fqmul(t.c[j], kToMont);
        add(t, e.v[i]);
        be.reduce(t.c);
        be.tobytes(ek + 384 * i, t.c);
        be.tobytes(dk_pke + 384 * i, s.v[i].c);
    }
    std::memcpy(ek + 384 * k, rho, 32);
}

// K-PKE.Encrypt (Algorithm 14).
void kpke_encrypt(const PolyBackend& be, const Params& p, const uint8_t* ek, const uint8_t m[32],
                  const uint8_t r[32], uint8_t* c) {
    const unsigned k = p.k;
    Poly t_hat[4];
    for (unsigned i = 0; i < k; i++) be.frombytes(t_hat[i].c, ek + 384 * i);  // < 4096
    Poly at[16];
    gen_matrix(be, at, ek + 384 * k, k, true);

    Wiped<Poly[4]> y, e1;
    Wiped<Poly> e2, mu, v;
    Wiped<int16_t[4][128]> ycache;
    Poly* noise[9] = {};
    unsigned eta[9] = {};
    for (unsigned i = 0; i < k; i++) {
        noise[i] = &y.v[i];
        eta[i] = p.eta1;
        noise[k + i] = &e1.v[i];
        eta[k + i] = p.eta2;
    }
    noise[2 * k] = &e2.v;
    eta[2 * k] = p.eta2;
    sample_noise(be, noise, eta, 2 * k + 1, r, 0);

    for (unsigned i = 0; i < k; i++) {
        be.ntt(y.v[i].c);
        be.reduce(y.v[i].c);
        be.mulcache(ycache.v[i], y.v[i].c);
    }
    uint8_t* c1 = c;
    uint8_t* c2 = c + 32 * p.du * k;
    for (unsigned i = 0; i < k; i++) {
        Wiped<Poly> u;
        be.basemul_acc(u.v.c, at[k * i].c, y.v[0].c, ycache.v[0], k);
        be.invntt(u.v.c);  // < q
        add(u.v, e1.v[i]);
        be.reduce(u.v.c);
        be.compress(c1 + 32 * p.du * i, u.v.c, p.du);
    }
    be.basemul_acc(v.v.c, t_hat[0].c, y.v[0].c, ycache.v[0], k);
    be.invntt(v.v.c);
    be.decompress(mu.v.c, m, 1);  // Decompress_1(ByteDecode_1(m)): 0 or 1665
    add(v.v, e2.v);
    add(v.v, mu.v);  // < q + 2 + q
    be.reduce(v.v.c);
    be.compress(c2, v.v.c, p.dv);
}

// K-PKE.Decrypt (Algorithm 15): m = ByteEncode_1(Compress_1(v' - NTT^-1(s-hat^T o NTT(u')))).
void kpke_decrypt(const PolyBackend& be, const Params& p, const uint8_t* dk_pke, const uint8_t* c,
                  uint8_t m[32]) {
    const unsigned k = p.k;
    Poly u[4];
    alignas(32) int16_t ucache[4][128];
    for (unsigned i = 0; i < k; i++) {
        be.decompress(u[i].c, c + 32 * p.du * i, p.du);
        be.ntt(u[i].c);
        be.reduce(u[i].c);
        be.mulcache(ucache[i], u[i].c);
    }
    Wiped<Poly[4]> s_hat;
    Wiped<Poly> w;
    Poly v;
    for (unsigned i = 0; i < k; i++) be.frombytes(s_hat.v[i].c, dk_pke + 384 * i);
    be.basemul_acc(w.v.c, s_hat.v[0].c, u[0].c, ucache[0], k);
    be.invntt(w.v.c);  // < q
    be.decompress(v.c, c + 32 * p.du * k, p.dv);
    for (unsigned i = 0; i < 256; i++) w.v.c[i] = static_cast<int16_t>(v.c[i] - w.v.c[i]);
    be.reduce(w.v.c);
    be.compress(m, w.v.c, 1);
}

}  // namespace

void keygen(const PolyBackend& be, const Params& p, const uint8_t d[32], const uint8_t z[32],
            uint8_t* ek, uint8_t* dk) {
    // dk = dk_pke || ek || H(ek) || z (Algorithm 16).
    const size_t ek_size = p.ek_size();
    kpke_keygen(be, p, d, ek, dk);
    std::memcpy(dk + 384 * p.k, ek, ek_size);
    const auto h = Sha3_256::hash(ByteView(ek, ek_size));
    std::memcpy(dk + 384 * p.k + ek_size, h.data(), 32);
    std::memcpy(dk + 384 * p.k + ek_size + 32, z, 32);
}

void encaps(const PolyBackend& be, const Params& p, const uint8_t* ek, const uint8_t m[32],
            uint8_t* c, uint8_t k[32]) {
    // (K, r) = G(m || H(ek)) (Algorithm 17).
    const auto h = Sha3_256::hash(ByteView(ek, p.ek_size()));
    Sha3_512 g;
    g.update(ByteView(m, 32));
    g.update(h);
    auto kr = g.final();
    kpke_encrypt(be, p, ek, m, kr.data() + 32, c);
    std::memcpy(k, kr.data(), 32);
    secure_wipe(kr.data(), kr.size());
}

void decaps(const PolyBackend& be, const Params& p, const uint8_t* dk, const uint8_t* c,
            uint8_t k[32]) {
    // Algorithm 18.
    const size_t ct_size = p.ct_size();
    const uint8_t* dk_pke = dk;
    const uint8_t* ek = dk + 384 * p.k;
    const uint8_t* h = ek + p.ek_size();
    const uint8_t* z = h + 32;

    Wiped<uint8_t[32]> m;
    kpke_decrypt(be, p, dk_pke, c, m.v);
    Sha3_512 g;
    g.update(ByteView(m.v, 32));
    g.update(ByteView(h, 32));
    auto kr = g.final();  // (K', r')

    // K-bar = J(z || c), J = SHAKE256 with 32 bytes out (§4.1).
    Shake256 j;
    (void)j.update(ByteView(z, 32));
    (void)j.update(ByteView(c, ct_size));
    j.squeeze(MutableByteView(k, 32));

    uint8_t c_prime[kMaxCtSize];
    kpke_encrypt(be, p, ek, m.v, kr.data() + 32, c_prime);
    // K = (c == c') ? K' : K-bar, as a mask over the whole ciphertext: no early exit.
    const uint8_t same = ct::eq_mask(ByteView(c, ct_size), ByteView(c_prime, ct_size));
    ct::cmov(MutableByteView(k, 32), ByteView(kr.data(), 32), same);
    secure_wipe(kr.data(), kr.size());
    secure_wipe(c_prime, sizeof c_prime);
}

bool ek_in_range(const PolyBackend& be, const Params& p, const uint8_t* ek) {
    // ByteEncode_12(ByteDecode_12(ek)) == ek exactly when no 12-bit value is >= q.
    alignas(32) int16_t t[256];
    int16_t bad = 0;
    for (unsigned i = 0; i < p.k; i++) {
        be.frombytes(t, ek + 384 * i);
        for (unsigned j = 0; j < 256; j++) bad |= static_cast<int16_t>(t[j] >= kQ);
    }
    return bad == 0;
}

}  // namespace keel::pq::mlkem::detail
