// Limb arithmetic and the Montgomery modulus (crypto/bn/bn.h). Every loop bound below
// is a limb count or a public bit length; secret values only flow through masks.
#include "crypto/bn/bn.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "base/cpu.h"
#include "base/ct.h"
#include "base/secret.h"
#include "crypto/bn/internal/bn_ifma.h"

namespace keel::crypto::bn {

using u128 = unsigned __int128;

Nat& Nat::operator=(const Nat& o) {
    if (this != &o) {
        secure_wipe(v_.data(), v_.size() * sizeof(Limb));
        v_ = o.v_;
    }
    return *this;
}

Nat& Nat::operator=(Nat&& o) noexcept {
    if (this != &o) {
        secure_wipe(v_.data(), v_.size() * sizeof(Limb));
        v_ = std::move(o.v_);
    }
    return *this;
}

Nat::~Nat() {
    secure_wipe(v_.data(), v_.size() * sizeof(Limb));
}

void Nat::resize(size_t limbs) {
    std::vector<Limb> w(limbs, 0);
    for (size_t i = 0; i < limbs && i < v_.size(); i++) w[i] = v_[i];
    secure_wipe(v_.data(), v_.size() * sizeof(Limb));
    v_ = std::move(w);
}

Limb add(Limb* r, const Limb* a, const Limb* b, size_t n) {
    Limb carry = 0;
    for (size_t i = 0; i < n; i++) {
        u128 s = static_cast<u128>(a[i]) + b[i] + carry;
        r[i] = static_cast<Limb>(s);
        carry = static_cast<Limb>(s >> 64);
    }
    return carry;
}

Limb sub(Limb* r, const Limb* a, const Limb* b, size_t n) {
    Limb borrow = 0;
    for (size_t i = 0; i < n; i++) {
        u128 d = static_cast<u128>(a[i]) - b[i] - borrow;
        r[i] = static_cast<Limb>(d);
        borrow = static_cast<Limb>(d >> 64) & 1;
    }
    return borrow;
}

void cmov(Limb* r, const Limb* a, size_t n, Limb mask) {
    mask = ct::value_barrier(mask);
    for (size_t i = 0; i < n; i++) r[i] ^= (r[i] ^ a[i]) & mask;
}

Limb lt_mask(const Limb* a, const Limb* b, size_t n) {
    // The borrow out of a - b, without keeping the difference.
    Limb borrow = 0;
    for (size_t i = 0; i < n; i++) {
        u128 d = static_cast<u128>(a[i]) - b[i] - borrow;
        borrow = static_cast<Limb>(d >> 64) & 1;
    }
    return ct::mask_from_bit(borrow);
}

Limb eq_mask(const Limb* a, const Limb* b, size_t n) {
    Limb acc = 0;
    for (size_t i = 0; i < n; i++) acc |= a[i] ^ b[i];
    return ct::is_zero(acc);
}

Limb is_zero_mask(const Limb* a, size_t n) {
    Limb acc = 0;
    for (size_t i = 0; i < n; i++) acc |= a[i];
    return ct::is_zero(acc);
}

void mul_wide(Limb* r, const Limb* a, size_t an, const Limb* b, size_t bn) {
    for (size_t i = 0; i < an + bn; i++) r[i] = 0;
    for (size_t i = 0; i < an; i++) {
        Limb carry = 0;
        for (size_t j = 0; j < bn; j++) {
            u128 t = static_cast<u128>(a[i]) * b[j] + r[i + j] + carry;
            r[i + j] = static_cast<Limb>(t);
            carry = static_cast<Limb>(t >> 64);
        }
        r[i + bn] = carry;
    }
}

void mul(Limb* r, const Limb* a, const Limb* b, size_t n) {
    mul_wide(r, a, n, b, n);
}

uint32_t mod_small(const Limb* a, size_t n, uint32_t d) {
    // 32 bits at a time with a Barrett quotient estimate: x = r * 2^32 + chunk < 2^64,
    // q = floor(x * floor(2^64 / d) / 2^64) is floor(x / d) or one less, so one masked
    // subtraction finishes. Multiplications only: no division instruction, whose
    // latency can depend on its operands.
    const uint64_t mu = static_cast<uint64_t>((static_cast<u128>(1) << 64) / d);
    uint64_t r = 0;
    for (size_t i = 2 * n; i-- > 0;) {
        uint64_t x = (r << 32) | static_cast<uint32_t>(a[i / 2] >> (32 * (i % 2)));
        uint64_t q = static_cast<uint64_t>((static_cast<u128>(x) * mu) >> 64);
        r = x - q * d;
        r -= d & ~ct::lt<uint64_t>(r, d);
    }
    return static_cast<uint32_t>(r);
}

void div_exact_odd(Limb* r, const Limb* a, size_t n, Limb d) {
    // Exact division by Hensel lifting: q_i = (a_i - c) * d^-1 mod 2^64, and the carry
    // into the next limb is the high half of q_i * d plus the borrow. No division
    // instruction, whose latency can depend on its operands.
    Limb inv = d;  // d * d = 1 mod 8: correct to 3 bits; each step doubles.
    for (int i = 0; i < 5; i++) inv *= 2 - d * inv;
    Limb c = 0;
    for (size_t i = 0; i < n; i++) {
        Limb s = a[i] - c;
        Limb b1 = static_cast<Limb>(a[i] < c);  // flag arithmetic, no branch
        Limb q = s * inv;
        r[i] = q;
        c = static_cast<Limb>((static_cast<u128>(q) * d) >> 64) + b1;
    }
}

size_t bit_length(const Limb* a, size_t n) {
    uint64_t len = 0;
    for (size_t i = 0; i < n; i++) {
        Limb x = a[i];
        uint64_t nz = ct::is_nonzero(x);
        uint64_t l = i * kLimbBits + 64 - static_cast<uint64_t>(__builtin_clzll(x | 1));
        len = ct::select<uint64_t>(nz, l, len);
    }
    return len;
}

bool from_bytes(Limb* r, size_t n, ByteView in) {
    for (size_t i = 0; i < n; i++) r[i] = 0;
    size_t len = in.size();
    for (size_t i = 0; i < len; i++) {
        size_t pos = len - 1 - i;  // byte weight i
        size_t limb = i / 8;
        if (limb >= n) {
            if (in[pos] != 0) return false;
            continue;
        }
        r[limb] |= static_cast<Limb>(in[pos]) << (8 * (i % 8));
    }
    return true;
}

void to_bytes(MutableByteView out, const Limb* a, size_t n) {
    size_t len = out.size();
    for (size_t i = 0; i < len; i++) {
        size_t limb = i / 8;
        out[len - 1 - i] = limb < n ? static_cast<uint8_t>(a[limb] >> (8 * (i % 8))) : 0;
    }
}

Nat nat_from_bytes(ByteView in, size_t limbs) {
    Nat r(limbs);
    if (!from_bytes(r.data(), limbs, in)) return Nat();
    return r;
}

namespace detail {

void mont_mul_portable(Limb* r, const Limb* a, const Limb* b, const Limb* m, Limb m0inv, size_t n) {
    // CIOS (Koç, Acar, Kaliski 1996): interleave one row of a*b with one Montgomery
    // reduction step so the accumulator stays n + 2 limbs. With a, b < m the result is
    // below 2m and one masked subtraction brings it below m.
    Limb t[kMaxLimbs + 2];
    for (size_t i = 0; i < n + 2; i++) t[i] = 0;
    for (size_t i = 0; i < n; i++) {
        Limb bi = b[i];
        Limb c = 0;
        for (size_t j = 0; j < n; j++) {
            u128 s = static_cast<u128>(a[j]) * bi + t[j] + c;
            t[j] = static_cast<Limb>(s);
            c = static_cast<Limb>(s >> 64);
        }
        u128 s = static_cast<u128>(t[n]) + c;
        t[n] = static_cast<Limb>(s);
        t[n + 1] = static_cast<Limb>(s >> 64);

        Limb u = t[0] * m0inv;
        s = static_cast<u128>(u) * m[0] + t[0];
        c = static_cast<Limb>(s >> 64);
        for (size_t j = 1; j < n; j++) {
            s = static_cast<u128>(u) * m[j] + t[j] + c;
            t[j - 1] = static_cast<Limb>(s);
            c = static_cast<Limb>(s >> 64);
        }
        s = static_cast<u128>(t[n]) + c;
        t[n - 1] = static_cast<Limb>(s);
        t[n] = t[n + 1] + static_cast<Limb>(s >> 64);
    }
    Limb d[kMaxLimbs];
    Limb borrow = sub(d, t, m, n);
    // Keep t when t < m, i.e. no carry word and a borrow.
    Limb keep_t = ct::mask_from_bit(borrow & (1 ^ (t[n] & 1)));
    for (size_t i = 0; i < n; i++) r[i] = (t[i] & keep_t) | (d[i] & ~keep_t);
    secure_wipe(t, sizeof(Limb) * (n + 2));
    secure_wipe(d, sizeof(Limb) * n);
}

const char* backend_name(Backend b) {
    switch (b) {
        case Backend::portable:
            return "portable";
        case Backend::mulx:
            return "mulx";
        case Backend::ifma:
            return "ifma";
    }
    return "?";
}

std::vector<Backend> available_backends() {
    std::vector<Backend> out{Backend::portable};
    if (cpu::has(cpu::kBmi2 | cpu::kAdx)) out.push_back(Backend::mulx);
    if (cpu::has(cpu::kAvx512f | cpu::kAvx512ifma)) out.push_back(Backend::ifma);
    return out;
}

Backend dispatch_backend() {
    // IFMA runs the exponentiations (and its single multiplications are mulx's);
    // without it the mulx/ADX rows, ~2x the portable __int128 CIOS.
    static const Backend b = cpu::has(cpu::kAvx512f | cpu::kAvx512ifma) ? Backend::ifma
                             : cpu::has(cpu::kBmi2 | cpu::kAdx)         ? Backend::mulx
                                                                        : Backend::portable;
    return b;
}

MontMulFn mont_mul_fn(Backend b) {
    switch (b) {
        case Backend::mulx:
            return mont_mul_mulx;
        case Backend::ifma:
            return cpu::has(cpu::kBmi2 | cpu::kAdx) ? mont_mul_mulx : mont_mul_portable;
        case Backend::portable:
            break;
    }
    return mont_mul_portable;
}

}  // namespace detail

// ---- Modulus ----

Result<Modulus> Modulus::from_bytes(ByteView m) {
    size_t start = 0;
    while (start < m.size() && m[start] == 0) start++;  // public modulus: leading zeros
    if (m.size() - start > kMaxBits / 8) {
        return Error(Errc::invalid_argument,
                     "modulus longer than " + std::to_string(kMaxBits) + " bits");
    }
    size_t limbs = limbs_for_bits((m.size() - start) * 8);
    if (limbs == 0) return Error(Errc::invalid_argument, "modulus is zero");
    Nat v(limbs);
    (void)bn::from_bytes(v.data(), limbs, m.subspan(start));
    return from_nat(v);
}

Result<Modulus> Modulus::from_nat(const Nat& m) {
    return from_nat(m, detail::dispatch_backend());
}

Result<Modulus> Modulus::from_nat(const Nat& m, detail::Backend backend) {
    // The bit length, oddness and "> 1" of a modulus are public even for an RSA prime
    // (the key size is public; a secret prime is odd by construction).
    size_t bits = ct::declassify(bit_length(m.data(), m.size()));
    if (bits > kMaxBits) {
        return Error(Errc::invalid_argument,
                     "modulus longer than " + std::to_string(kMaxBits) + " bits");
    }
    if (bits < 2) return Error(Errc::invalid_argument, "modulus must be greater than 1");
    if (ct::declassify(m[0] & 1) == 0) return Error(Errc::invalid_argument, "modulus is even");

    Modulus mod;
    mod.n_ = limbs_for_bits(bits);
    mod.bits_ = bits;
    mod.m_ = Nat(mod.n_);
    for (size_t i = 0; i < mod.n_; i++) mod.m_[i] = m[i];
    mod.backend_ = backend;
    mod.mul_ = detail::mont_mul_fn(backend);

    // m0inv = -m^-1 mod 2^64 by Newton iteration (3 -> 6 -> ... -> 96 correct bits).
    Limb m0 = m[0];
    Limb inv = m0;
    for (int i = 0; i < 5; i++) inv *= 2 - m0 * inv;
    mod.m0inv_ = 0 - inv;

    // R^2 mod m without division: start at 2^(bits-1) (< m), double with a masked
    // subtraction up to 2^(65n), then six Montgomery squarings take the exponent
    // 64n + n -> 64n + 2n -> ... -> 64n + 64n = 128n.
    const size_t n = mod.n_;
    Nat x(n);
    x[(bits - 1) / kLimbBits] = Limb{1} << ((bits - 1) % kLimbBits);
    Nat d(n);
    for (size_t k = bits - 1; k < 65 * n; k++) {
        Limb top = x[n - 1] >> 63;
        for (size_t i = n; i-- > 1;) x[i] = (x[i] << 1) | (x[i - 1] >> 63);
        x[0] <<= 1;
        Limb borrow = sub(d.data(), x.data(), mod.m_.data(), n);
        Limb take = ct::mask_from_bit(top | (borrow ^ 1));
        cmov(x.data(), d.data(), n, take);
    }
    for (int i = 0; i < 6; i++) mod.mont_mul(x.data(), x.data(), x.data());
    mod.rr_ = x;
    Nat one(n);
    one[0] = 1;
    mod.one_ = Nat(n);
    mod.mont_mul(mod.one_.data(), mod.rr_.data(), one.data());
    if (backend == detail::Backend::ifma && bits >= detail::kIfmaMinBits &&
        bits <= detail::kIfmaMaxBits) {
        auto im = std::make_shared<detail::IfmaModulus>();
        // R52 = 2^(52 D) > 4m, and 104 D >= 128 n so R52^2 is reached by doubling R^2.
        im->digits = std::max((bits + 2 + 51) / 52, (128 * n + 103) / 104);
        detail::ifma_split(im->m52, mod.m_.data(), n, detail::kIfmaMaxDigits);
        im->k0 = mod.m0inv_ & ((uint64_t{1} << 52) - 1);
        // R52^2 = 2^(104 D) mod m: keep doubling x (now 2^(65n) reduced, then squared to
        // 2^(128n)) from the 64-bit R^2, with the same masked subtraction.
        for (size_t k = 128 * n; k < 104 * im->digits; k++) {
            Limb top = x[n - 1] >> 63;
            for (size_t i = n; i-- > 1;) x[i] = (x[i] << 1) | (x[i - 1] >> 63);
            x[0] <<= 1;
            Limb borrow = sub(d.data(), x.data(), mod.m_.data(), n);
            cmov(x.data(), d.data(), n, ct::mask_from_bit(top | (borrow ^ 1)));
        }
        detail::ifma_split(im->rr52, x.data(), n, detail::kIfmaMaxDigits);
        mod.ifma_ = std::move(im);
    }
    return mod;
}

void Modulus::from_mont(Limb* r, const Limb* a) const {
    Limb one[kMaxLimbs] = {1};
    mont_mul(r, a, one);
}

void Modulus::mul_mod(Limb* r, const Limb* a, const Limb* b) const {
    Limb t[kMaxLimbs];
    mont_mul(t, a, b);
    mont_mul(r, t, rr_.data());
    secure_wipe(t, sizeof(Limb) * n_);
}

void Modulus::reduce_wide(Limb* r, const Limb* t, size_t tn) const {
    // Montgomery reduction of the 2n-limb t gives t * R^-1 mod m (t < m R keeps the
    // intermediate below 2m); one Montgomery multiplication by R^2 undoes the R^-1.
    const size_t n = n_;
    Limb buf[2 * kMaxLimbs + 1];
    for (size_t i = 0; i < 2 * n + 1; i++) buf[i] = i < tn ? t[i] : 0;
    for (size_t i = 0; i < n; i++) {
        Limb u = buf[i] * m0inv_;
        Limb c = 0;
        for (size_t j = 0; j < n; j++) {
            u128 s = static_cast<u128>(u) * m_[j] + buf[i + j] + c;
            buf[i + j] = static_cast<Limb>(s);
            c = static_cast<Limb>(s >> 64);
        }
        for (size_t j = i + n; j < 2 * n + 1; j++) {
            u128 s = static_cast<u128>(buf[j]) + c;
            buf[j] = static_cast<Limb>(s);
            c = static_cast<Limb>(s >> 64);
        }
    }
    Limb d[kMaxLimbs];
    Limb borrow = sub(d, buf + n, m_.data(), n);
    Limb keep = ct::mask_from_bit(borrow & (1 ^ (buf[2 * n] & 1)));
    Limb red[kMaxLimbs];
    for (size_t i = 0; i < n; i++) red[i] = (buf[n + i] & keep) | (d[i] & ~keep);
    mont_mul(r, red, rr_.data());
    secure_wipe(buf, sizeof(Limb) * (2 * n + 1));
    secure_wipe(d, sizeof(Limb) * n);
    secure_wipe(red, sizeof(Limb) * n);
}

void Modulus::add_mod(Limb* r, const Limb* a, const Limb* b) const {
    Limb s[kMaxLimbs], d[kMaxLimbs];
    Limb carry = add(s, a, b, n_);
    Limb borrow = sub(d, s, m_.data(), n_);
    // a + b < 2m: subtract m when the sum carried out or is at least m.
    Limb take = ct::mask_from_bit(carry | (borrow ^ 1));
    for (size_t i = 0; i < n_; i++) r[i] = (d[i] & take) | (s[i] & ~take);
}

void Modulus::sub_mod(Limb* r, const Limb* a, const Limb* b) const {
    Limb d[kMaxLimbs], s[kMaxLimbs];
    Limb borrow = sub(d, a, b, n_);
    add(s, d, m_.data(), n_);
    cmov(d, s, n_, ct::mask_from_bit(borrow));
    for (size_t i = 0; i < n_; i++) r[i] = d[i];
}

namespace {

// Bits [pos, pos + w) of e (e_limbs limbs); positions past the end read as zero.
// pos is public.
Limb window_bits(const Limb* e, size_t e_limbs, size_t pos, size_t w) {
    Limb v = 0;
    for (size_t k = 0; k < w; k++) {
        size_t i = pos + k;
        if (i / kLimbBits < e_limbs) v |= bit(e, i) << k;
    }
    return v;
}

}  // namespace

void Modulus::exp(Limb* r, const Limb* a, const Limb* e, size_t e_bits) const {
    const size_t n = n_;
    if (ifma_) {
        detail::ifma_exp(r, a, e, e_bits, *ifma_, m_.data(), n);
        return;
    }
    size_t e_limbs = limbs_for_bits(e_bits);
    // Window size by exponent length (public): 2^w table entries against e_bits / w
    // multiplications.
    size_t w = e_bits > 512 ? 5 : e_bits > 128 ? 4 : e_bits > 32 ? 3 : 1;
    const size_t entries = size_t{1} << w;
    std::vector<Limb> table(entries * n);
    for (size_t i = 0; i < n; i++) table[i] = one_[i];
    if (entries > 1) to_mont(&table[n], a);
    for (size_t k = 2; k < entries; k++) mont_mul(&table[k * n], &table[(k - 1) * n], &table[n]);

    Limb acc[kMaxLimbs], sel[kMaxLimbs];
    // Reads every entry and keeps the wanted one by mask, so the memory access pattern
    // does not depend on the (secret) window value.
    auto lookup = [&](Limb idx) {
        for (size_t i = 0; i < n; i++) sel[i] = 0;
        for (size_t k = 0; k < entries; k++) {
            Limb mask = ct::eq<Limb>(static_cast<Limb>(k), idx);
            for (size_t i = 0; i < n; i++) sel[i] |= table[k * n + i] & mask;
        }
    };

    size_t windows = e_bits == 0 ? 0 : (e_bits + w - 1) / w;
    for (size_t i = 0; i < n; i++) acc[i] = one_[i];
    for (size_t win = windows; win-- > 0;) {
        if (win + 1 != windows) {
            for (size_t s = 0; s < w; s++) mont_mul(acc, acc, acc);
        }
        lookup(window_bits(e, e_limbs, win * w, w));
        mont_mul(acc, acc, sel);
    }
    from_mont(r, acc);
    secure_wipe(table.data(), table.size() * sizeof(Limb));
    secure_wipe(acc, sizeof(Limb) * n);
    secure_wipe(sel, sizeof(Limb) * n);
}

void Modulus::exp_x2(const Modulus& m1, Limb* r1, const Limb* a1, const Limb* e1, const Modulus& m2,
                     Limb* r2, const Limb* a2, const Limb* e2, size_t e_bits) {
    if (m1.ifma_ && m2.ifma_ && m1.n_ == m2.n_ && m1.ifma_->digits == m2.ifma_->digits) {
        detail::ifma_exp_x2(r1, a1, e1, *m1.ifma_, m1.m_.data(), r2, a2, e2, *m2.ifma_,
                            m2.m_.data(), m1.n_, e_bits);
        return;
    }
    m1.exp(r1, a1, e1, e_bits);
    m2.exp(r2, a2, e2, e_bits);
}

void Modulus::exp_vartime(Limb* r, const Limb* a, const Limb* e, size_t e_limbs) const {
    const size_t n = n_;
    if (ifma_) {
        detail::ifma_exp_vartime(r, a, e, e_limbs, *ifma_, m_.data(), n);
        return;
    }
    size_t top = bit_length(e, e_limbs);
    Limb base[kMaxLimbs], acc[kMaxLimbs];
    to_mont(base, a);
    for (size_t i = 0; i < n; i++) acc[i] = one_[i];
    for (size_t i = top; i-- > 0;) {
        mont_mul(acc, acc, acc);
        if (bit(e, i)) mont_mul(acc, acc, base);  // e is public
    }
    from_mont(r, acc);
    secure_wipe(base, sizeof(Limb) * n);
    secure_wipe(acc, sizeof(Limb) * n);
}

Limb Modulus::inverse(Limb* r, const Limb* a) const {
    // Binary extended GCD with invariants x1 * a = u and x2 * a = v (mod m), v odd.
    // Each step: if u is odd, order (u, v) so u >= v and set u -= v (even now); then
    // halve u. log2(u) + log2(v) drops by at least 1 per step, so 2 * bits + 2 steps
    // reach u = 0 with v = gcd(a, m). Every step does every operation under masks.
    const size_t n = n_;
    Limb u[kMaxLimbs], v[kMaxLimbs], x1[kMaxLimbs], x2[kMaxLimbs], t[kMaxLimbs];
    for (size_t i = 0; i < n; i++) {
        u[i] = a[i];
        v[i] = m_[i];
        x1[i] = 0;
        x2[i] = 0;
    }
    x1[0] = 1;
    Limb half_m[kMaxLimbs] = {};  // (m + 1) / 2, added when halving an odd x1
    for (size_t i = 0; i < n; i++) half_m[i] = (m_[i] >> 1) | (i + 1 < n ? m_[i + 1] << 63 : 0);
    Limb one[kMaxLimbs] = {1};
    add(half_m, half_m, one, n);

    for (size_t step = 0; step < 2 * bits_ + 2; step++) {
        Limb odd = ct::mask_from_bit(u[0] & 1);
        Limb swap = lt_mask(u, v, n) & odd;
        for (size_t i = 0; i < n; i++) {
            Limb du = (u[i] ^ v[i]) & swap;
            u[i] ^= du;
            v[i] ^= du;
            Limb dx = (x1[i] ^ x2[i]) & swap;
            x1[i] ^= dx;
            x2[i] ^= dx;
        }
        sub(t, u, v, n);
        cmov(u, t, n, odd);
        sub_mod(t, x1, x2);
        cmov(x1, t, n, odd);
        // u /= 2 (u is even here).
        for (size_t i = 0; i < n; i++) u[i] = (u[i] >> 1) | (i + 1 < n ? u[i + 1] << 63 : 0);
        // x1 /= 2 mod m: x1 >> 1, plus (m + 1) / 2 when x1 was odd.
        Limb x_odd = ct::mask_from_bit(x1[0] & 1);
        for (size_t i = 0; i < n; i++) x1[i] = (x1[i] >> 1) | (i + 1 < n ? x1[i + 1] << 63 : 0);
        for (size_t i = 0; i < n; i++) t[i] = half_m[i] & x_odd;
        add(x1, x1, t, n);  // < m: (x1 >> 1) + (m + 1) / 2 <= (m - 2) / 2 + (m + 1) / 2
    }
    Limb ok = eq_mask(v, one, n);
    for (size_t i = 0; i < n; i++) r[i] = x2[i] & ok;
    secure_wipe(u, sizeof(Limb) * n);
    secure_wipe(v, sizeof(Limb) * n);
    secure_wipe(x1, sizeof(Limb) * n);
    secure_wipe(x2, sizeof(Limb) * n);
    secure_wipe(t, sizeof(Limb) * n);
    return ok;
}

void Modulus::inverse_prime(Limb* r, const Limb* a) const {
    Limb e[kMaxLimbs], two[kMaxLimbs] = {2};
    sub(e, m_.data(), two, n_);
    exp(r, a, e, bits_);
}

}  // namespace keel::crypto::bn
