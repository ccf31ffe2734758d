// RSA key generation (FIPS 186-5 §A.1.3 probable primes, Table B.1 Miller-Rabin rounds).
// Candidates are secret: trial division and Miller-Rabin use constant-time bignum
// routines; only the verdict "composite / probably prime" is public (a rejected
// candidate is discarded and never used).
#include <string>

#include "base/ct.h"
#include "crypto/rsa/internal/rsa_impl.h"

namespace keel::crypto {

using bn::Limb;
using bn::Nat;

namespace {

// Odd primes below 1700: trial division removes ~85% of odd candidates before the
// first (expensive) Miller-Rabin round.
std::vector<uint32_t> small_primes() {
    std::vector<uint32_t> out;
    for (uint32_t c = 3; c < 1700; c += 2) {
        bool prime = true;
        for (uint32_t d = 3; d * d <= c; d += 2) {
            if (c % d == 0) {
                prime = false;
                break;
            }
        }
        if (prime) out.push_back(c);
    }
    return out;
}

// FIPS 186-5 Table B.1 (error probability 2^-112 and beyond): 5 rounds for 1024-bit
// primes, 4 for 1536-bit and larger.
int mr_rounds(size_t prime_bits) {
    return prime_bits >= 1536 ? 4 : 5;
}

// Miller-Rabin (FIPS 186-5 §B.3.1) with random bases. w odd, > 3.
Result<bool> miller_rabin(const bn::Modulus& w, int rounds, Rng& rng) {
    const size_t n = w.limbs();
    Nat wm1(n), m(n), one(n), b(n), z(n), t(n);
    one[0] = 1;
    bn::sub(wm1.data(), w.value(), one.data(), n);
    // w - 1 = 2^a m. The number of trailing zeros of w - 1 is treated as public, as
    // other constant-time implementations do: it leaks a couple of bits on average of a
    // prime that has ~1000 bits of entropy.
    size_t a = 0;
    while (ct::declassify(bn::bit(wm1.data(), a)) == 0) a++;
    for (size_t i = 0; i < n; i++) {
        size_t lo = i + a / 64;
        Limb v = lo < n ? wm1[lo] >> (a % 64) : 0;
        if (a % 64 && lo + 1 < n) v |= wm1[lo + 1] << (64 - a % 64);
        m[i] = v;
    }
    SecretBytes raw(n * 8);
    for (int round = 0; round < rounds; round++) {
        // b uniform in [2, w - 2]: draw bits(w) bits and retry out of range.
        for (;;) {
            KEEL_TRY(rng.generate(raw.mutable_view()));
            (void)bn::from_bytes(b.data(), n, raw.view());
            size_t extra = n * 64 - w.bits();
            if (extra) b[n - 1] &= ~Limb{0} >> extra;
            Limb two[bn::kMaxLimbs] = {2};
            Limb ok = ~bn::lt_mask(b.data(), two, n) & bn::lt_mask(b.data(), wm1.data(), n);
            if (ct::declassify(ok)) break;
        }
        w.exp(z.data(), b.data(), m.data(), w.bits());
        Limb pass = bn::eq_mask(z.data(), one.data(), n) | bn::eq_mask(z.data(), wm1.data(), n);
        for (size_t j = 1; j < a; j++) {
            w.mul_mod(z.data(), z.data(), z.data());
            pass |= bn::eq_mask(z.data(), wm1.data(), n);
        }
        if (!ct::declassify(pass)) return false;
    }
    return true;
}

// A probable prime of exactly `bits` bits with the top two bits set (so p q has
// exactly 2 * bits bits and p, q >= sqrt(2) 2^(bits-1), §A.1.3 step 4.4), p - 1 prime to
// e (e prime).
Result<Nat> generate_prime(size_t bits, uint32_t e, Rng& rng, const Nat* other) {
    const size_t n = bn::limbs_for_bits(bits);
    static const std::vector<uint32_t> primes = small_primes();
    SecretBytes raw(n * 8);
    Nat c(n);
    for (int attempt = 0; attempt < 100000; attempt++) {
        KEEL_TRY(rng.generate(raw.mutable_view()));
        (void)bn::from_bytes(c.data(), n, raw.view());
        size_t extra = n * 64 - bits;
        if (extra) c[n - 1] &= ~Limb{0} >> extra;
        c[(bits - 1) / 64] |= Limb{1} << ((bits - 1) % 64);
        c[(bits - 2) / 64] |= Limb{1} << ((bits - 2) % 64);
        c[0] |= 1;
        // §A.1.3 step 5.4: |p - q| > 2^(bits - 100).
        if (other) {
            Nat d(n);
            if (ct::declassify(bn::lt_mask(c.data(), other->data(), n))) {
                bn::sub(d.data(), other->data(), c.data(), n);
            } else {
                bn::sub(d.data(), c.data(), other->data(), n);
            }
            if (ct::declassify(bn::bit_length(d.data(), n)) <= bits - 100) continue;
        }
        bool divisible = false;
        for (uint32_t sp : primes) {
            if (ct::declassify(bn::mod_small(c.data(), n, sp)) == 0) {
                divisible = true;
                break;
            }
        }
        if (divisible) continue;
        // gcd(p - 1, e) = 1 for prime e: p mod e != 1.
        if (ct::declassify(bn::mod_small(c.data(), n, e)) == 1) continue;
        auto w = bn::Modulus::from_nat(c);
        if (!w) return w.error();
        auto prime = miller_rabin(*w, mr_rounds(bits), rng);
        if (!prime) return prime.error();
        if (*prime) return c;
    }
    return Error(Errc::limit_exceeded, "no prime found");
}

// d = e^-1 mod m for even m with gcd(e, m) = 1, e a small prime: with
// k = -(m mod e)^-1 mod e, e divides 1 + k m and d = (1 + k m) / e < m. Constant time:
// a reduction by the public e, a Fermat inverse mod e and an exact division.
Nat inverse_of_e(const Limb* mod, size_t n, uint32_t e) {
    uint32_t r = bn::mod_small(mod, n, e);
    Nat ev(1), rv(1), inv(1);
    ev[0] = e;
    rv[0] = r;
    auto em = bn::Modulus::from_nat(ev);
    em->inverse_prime(inv.data(), rv.data());
    Limb k = e - inv[0];  // inv in [1, e - 1] since r != 0 (gcd(m, e) = 1)
    Nat t(n + 1), km(n + 1);
    Limb kk[1] = {k};
    bn::mul_wide(km.data(), mod, n, kk, 1);
    Nat one(n + 1);
    one[0] = 1;
    bn::add(t.data(), km.data(), one.data(), n + 1);
    Nat d(n + 1);
    bn::div_exact_odd(d.data(), t.data(), n + 1, e);
    d.resize(n);
    return d;
}

}  // namespace

Result<RsaPrivateKey> RsaPrivateKey::generate(Rng& rng, size_t bits, uint32_t e) {
    if (bits < kRsaMinGenerateBits || bits > kRsaMaxGenerateBits || bits % 128 != 0) {
        return Error(Errc::invalid_argument, "RSA key size must be a multiple of 128 in " +
                                                 std::to_string(kRsaMinGenerateBits) + ".." +
                                                 std::to_string(kRsaMaxGenerateBits));
    }
    if (e != 65537) return Error(Errc::unsupported, "RSA key generation supports e = 65537 only");
    const size_t half = bits / 2;
    const size_t kl = bn::limbs_for_bits(half);
    const size_t nl = bn::limbs_for_bits(bits);
    for (int attempt = 0; attempt < 16; attempt++) {
        auto p = generate_prime(half, e, rng, nullptr);
        if (!p) return p.error();
        auto q = generate_prime(half, e, rng, &p.value());
        if (!q) return q.error();
        Nat n(2 * kl);
        bn::mul(n.data(), p->data(), q->data(), kl);
        // p - 1, q - 1, phi = (p - 1)(q - 1).
        Nat one(kl), pm1(kl), qm1(kl), phi(2 * kl);
        one[0] = 1;
        bn::sub(pm1.data(), p->data(), one.data(), kl);
        bn::sub(qm1.data(), q->data(), one.data(), kl);
        bn::mul(phi.data(), pm1.data(), qm1.data(), kl);
        Nat d = inverse_of_e(phi.data(), 2 * kl, e);
        // §A.1.1: d > 2^(nlen/2); fails with negligible probability, then start over.
        if (ct::declassify(bn::bit_length(d.data(), d.size())) <= half) continue;
        Nat dp = inverse_of_e(pm1.data(), kl, e);
        Nat dq = inverse_of_e(qm1.data(), kl, e);
        // qinv = q^-1 mod p (Fermat); q < 2p because both have their top two bits set.
        auto pm = bn::Modulus::from_nat(*p);
        if (!pm) return pm.error();
        Nat qr(kl), t(kl), qinv(kl);
        Limb borrow = bn::sub(t.data(), q->data(), p->data(), kl);
        for (size_t i = 0; i < kl; i++) qr[i] = (*q)[i];
        bn::cmov(qr.data(), t.data(), kl, ct::mask_from_bit(borrow ^ 1));
        pm->inverse_prime(qinv.data(), qr.data());

        auto to_be = [](const Nat& v, size_t bytes) {
            SecretBytes out(bytes);
            bn::to_bytes(out.mutable_view(), v.data(), v.size());
            return out;
        };
        const size_t nb = bits / 8, hb = half / 8;
        Bytes n_be(nb);
        bn::to_bytes(n_be, n.data(), nl);
        const uint8_t e_be[4] = {static_cast<uint8_t>(e >> 24), static_cast<uint8_t>(e >> 16),
                                 static_cast<uint8_t>(e >> 8), static_cast<uint8_t>(e)};
        return from_components(n_be, ByteView(e_be, 4), to_be(d, nb).view(), to_be(*p, hb).view(),
                               to_be(*q, hb).view(), to_be(dp, hb).view(), to_be(dq, hb).view(),
                               to_be(qinv, hb).view());
    }
    return Error(Errc::limit_exceeded, "RSA key generation did not converge");
}

}  // namespace keel::crypto
