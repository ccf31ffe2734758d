// Portable AES (FIPS 197), bitsliced: constant-time with no table at all.
//
// Four blocks (64 bytes) live in eight 64-bit words q[0..7]; q[j] holds bit j of every
// byte. Byte p (0..15, FIPS 197 input order: p = 4*column + row) of block k (0..3) sits
// at bit 4*p + k. With that layout:
// - a 16-bit lane of a word is one state column (rows are its four nibbles), so
//   ShiftRows is a rotation of the row's bits by 16*row, and MixColumns rotates nibbles
//   inside each lane;
// - SubBytes is one boolean circuit over the eight words (Boyar-Peralta, "A depth-16
//   circuit for the AES S-box" / the 113-gate circuit of Boyar, Matthews, Peralta),
//   applied to 64 bytes at once.
// Every operation is a fixed sequence of AND/XOR/shift on the data: nothing branches
// on or indexes memory with key or state bits.
#include <cstring>

#include "base/endian.h"
#include "base/secret.h"
#include "crypto/aes/aes.h"

namespace keel::crypto::detail {
namespace {

inline void swap_move(uint64_t& a, uint64_t& b, uint64_t mask, int n) {
    uint64_t t = ((a >> n) ^ b) & mask;
    b ^= t;
    a ^= t << n;
}

// 8x8 bit transpose in every byte lane across the eight words: afterwards word j,
// byte m, bit i is what word i, byte m, bit j was. It is its own inverse.
inline void transpose(uint64_t w[8]) {
    for (int a = 0; a < 8; a += 2) swap_move(w[a], w[a + 1], 0x5555555555555555, 1);
    for (int a : {0, 1, 4, 5}) swap_move(w[a], w[a + 2], 0x3333333333333333, 2);
    for (int a = 0; a < 4; a++) swap_move(w[a], w[a + 4], 0x0f0f0f0f0f0f0f0f, 4);
}

// Bytes 0, 2, 4, 6 of x, packed into the low 32 bits.
inline uint64_t even_bytes(uint64_t x) {
    x &= 0x00ff00ff00ff00ff;
    x = (x | (x >> 8)) & 0x0000ffff0000ffff;
    return (x | (x >> 16)) & 0xffffffff;
}

// Inverse of even_bytes: the low 32 bits spread to bytes 0, 2, 4, 6.
inline uint64_t spread_bytes(uint64_t x) {
    x &= 0xffffffff;
    x = (x | (x << 16)) & 0x0000ffff0000ffff;
    return (x | (x << 8)) & 0x00ff00ff00ff00ff;
}

// 64 bytes (four blocks) -> bitsliced words. Word k + 4*h before the transpose holds
// block k's bytes at positions h, h+2, ..., h+14, so that after it byte p of block k
// lands at bit 8*(p/2) + 4*h + k = 4*p + k.
void pack(const uint8_t in[64], uint64_t q[8]) {
    for (int k = 0; k < 4; k++) {
        uint64_t lo = load_le64(in + 16 * k);
        uint64_t hi = load_le64(in + 16 * k + 8);
        q[k] = even_bytes(lo) | (even_bytes(hi) << 32);
        q[k + 4] = even_bytes(lo >> 8) | (even_bytes(hi >> 8) << 32);
    }
    transpose(q);
}

void unpack(uint64_t q[8], uint8_t out[64]) {
    transpose(q);
    for (int k = 0; k < 4; k++) {
        uint64_t e = q[k], o = q[k + 4];
        store_le64(out + 16 * k, spread_bytes(e) | (spread_bytes(o) << 8));
        store_le64(out + 16 * k + 8, spread_bytes(e >> 32) | (spread_bytes(o >> 32) << 8));
    }
}

// The AES S-box as a circuit (Boyar-Peralta): U0 is the most significant input bit,
// S0 the most significant output bit. 32 AND, 77 XOR, 4 XNOR.
void sub_bytes(uint64_t q[8]) {
    const uint64_t u0 = q[7], u1 = q[6], u2 = q[5], u3 = q[4];
    const uint64_t u4 = q[3], u5 = q[2], u6 = q[1], u7 = q[0];

    // Top linear layer.
    const uint64_t t1 = u0 ^ u3, t2 = u0 ^ u5, t3 = u0 ^ u6, t4 = u3 ^ u5, t5 = u4 ^ u6;
    const uint64_t t6 = t1 ^ t5, t7 = u1 ^ u2, t8 = u7 ^ t6, t9 = u7 ^ t7, t10 = t6 ^ t7;
    const uint64_t t11 = u1 ^ u5, t12 = u2 ^ u5, t13 = t3 ^ t4, t14 = t6 ^ t11, t15 = t5 ^ t11;
    const uint64_t t16 = t5 ^ t12, t17 = t9 ^ t16, t18 = u3 ^ u7, t19 = t7 ^ t18;
    const uint64_t t20 = t1 ^ t19, t21 = u6 ^ u7, t22 = t7 ^ t21, t23 = t2 ^ t22;
    const uint64_t t24 = t2 ^ t10, t25 = t20 ^ t17, t26 = t3 ^ t16, t27 = t1 ^ t12;

    // Middle non-linear layer: inversion in GF(2^8) through GF(2^4).
    const uint64_t m1 = t13 & t6, m2 = t23 & t8, m3 = t14 ^ m1, m4 = t19 & u7;
    const uint64_t m5 = m4 ^ m1, m6 = t3 & t16, m7 = t22 & t9, m8 = t26 ^ m6;
    const uint64_t m9 = t20 & t17, m10 = m9 ^ m6, m11 = t1 & t15, m12 = t4 & t27;
    const uint64_t m13 = m12 ^ m11, m14 = t2 & t10, m15 = m14 ^ m11, m16 = m3 ^ m2;
    const uint64_t m17 = m5 ^ t24, m18 = m8 ^ m7, m19 = m10 ^ m15, m20 = m16 ^ m13;
    const uint64_t m21 = m17 ^ m15, m22 = m18 ^ m13, m23 = m19 ^ t25, m24 = m22 ^ m23;
    const uint64_t m25 = m22 & m20, m26 = m21 ^ m25, m27 = m20 ^ m21, m28 = m23 ^ m25;
    const uint64_t m29 = m28 & m27, m30 = m26 & m24, m31 = m20 & m23, m32 = m27 & m31;
    const uint64_t m33 = m27 ^ m25, m34 = m21 & m22, m35 = m24 & m34, m36 = m24 ^ m25;
    const uint64_t m37 = m21 ^ m29, m38 = m32 ^ m33, m39 = m23 ^ m30, m40 = m35 ^ m36;
    const uint64_t m41 = m38 ^ m40, m42 = m37 ^ m39, m43 = m37 ^ m38, m44 = m39 ^ m40;
    const uint64_t m45 = m42 ^ m41, m46 = m44 & t6, m47 = m40 & t8, m48 = m39 & u7;
    const uint64_t m49 = m43 & t16, m50 = m38 & t9, m51 = m37 & t17, m52 = m42 & t15;
    const uint64_t m53 = m45 & t27, m54 = m41 & t10, m55 = m44 & t13, m56 = m40 & t23;
    const uint64_t m57 = m39 & t19, m58 = m43 & t3, m59 = m38 & t22, m60 = m37 & t20;
    const uint64_t m61 = m42 & t1, m62 = m45 & t4, m63 = m41 & t2;

    // Bottom linear layer.
    const uint64_t l0 = m61 ^ m62, l1 = m50 ^ m56, l2 = m46 ^ m48, l3 = m47 ^ m55;
    const uint64_t l4 = m54 ^ m58, l5 = m49 ^ m61, l6 = m62 ^ l5, l7 = m46 ^ l3;
    const uint64_t l8 = m51 ^ m59, l9 = m52 ^ m53, l10 = m53 ^ l4, l11 = m60 ^ l2;
    const uint64_t l12 = m48 ^ m51, l13 = m50 ^ l0, l14 = m52 ^ m61, l15 = m55 ^ l1;
    const uint64_t l16 = m56 ^ l0, l17 = m57 ^ l1, l18 = m58 ^ l8, l19 = m63 ^ l4;
    const uint64_t l20 = l0 ^ l1, l21 = l1 ^ l7, l22 = l3 ^ l12, l23 = l18 ^ l2;
    const uint64_t l24 = l15 ^ l9, l25 = l6 ^ l10, l26 = l7 ^ l9, l27 = l8 ^ l10;
    const uint64_t l28 = l11 ^ l14, l29 = l11 ^ l17;

    q[7] = l6 ^ l24;
    q[6] = ~(l16 ^ l26);
    q[5] = ~(l19 ^ l28);
    q[4] = l6 ^ l21;
    q[3] = l20 ^ l22;
    q[2] = l25 ^ l29;
    q[1] = ~(l13 ^ l27);
    q[0] = ~(l6 ^ l23);
}

// y -> A^-1(y) ^ 0x05, the affine map of the inverse S-box (FIPS 197 §5.3.2):
// bit i becomes b[i+2] ^ b[i+5] ^ b[i+7], then bits 0 and 2 flip.
void inv_affine(uint64_t q[8]) {
    uint64_t r[8];
    for (int i = 0; i < 8; i++) r[i] = q[(i + 2) & 7] ^ q[(i + 5) & 7] ^ q[(i + 7) & 7];
    for (int i = 0; i < 8; i++) q[i] = r[i];
    q[0] = ~q[0];
    q[2] = ~q[2];
}

// InvSubBytes = G o SubBytes o G with G = inv_affine: SubBytes(z) = A(z^-1) ^ 0x63, so
// G(SubBytes(z)) = z^-1, and G(y) is the inverse S-box input to the inversion.
void inv_sub_bytes(uint64_t q[8]) {
    inv_affine(q);
    sub_bytes(q);
    inv_affine(q);
}

// Bits of row r sit at 16*c + 4*r + k; the mask below selects row 0 of every column.
constexpr uint64_t kRow0 = 0x000f000f000f000f;

void shift_rows(uint64_t q[8]) {
    for (int j = 0; j < 8; j++) {
        uint64_t x = q[j];
        q[j] = (x & kRow0) | rotr64(x & (kRow0 << 4), 16) | rotr64(x & (kRow0 << 8), 32) |
               rotr64(x & (kRow0 << 12), 48);
    }
}

void inv_shift_rows(uint64_t q[8]) {
    for (int j = 0; j < 8; j++) {
        uint64_t x = q[j];
        q[j] = (x & kRow0) | rotl64(x & (kRow0 << 4), 16) | rotl64(x & (kRow0 << 8), 32) |
               rotl64(x & (kRow0 << 12), 48);
    }
}

// Row r of each column gets row r+1 (mod 4): nibble rotation inside 16-bit lanes.
inline uint64_t rot_row1(uint64_t x) {
    return ((x >> 4) & 0x0fff0fff0fff0fff) | ((x << 12) & 0xf000f000f000f000);
}
inline uint64_t rot_row2(uint64_t x) {
    return ((x >> 8) & 0x00ff00ff00ff00ff) | ((x << 8) & 0xff00ff00ff00ff00);
}

// Multiplication by x in GF(2^8) mod x^8 + x^4 + x^3 + x + 1, on bit planes.
inline void xtime(const uint64_t t[8], uint64_t out[8]) {
    out[0] = t[7];
    out[1] = t[0] ^ t[7];
    out[2] = t[1];
    out[3] = t[2] ^ t[7];
    out[4] = t[3] ^ t[7];
    out[5] = t[4];
    out[6] = t[5];
    out[7] = t[6];
}

// FIPS 197 §5.1.3: out_r = 2*a_r ^ 3*a_(r+1) ^ a_(r+2) ^ a_(r+3)
//                        = 2*t_r ^ a_(r+1) ^ t_(r+2)   with t_r = a_r ^ a_(r+1).
void mix_columns(uint64_t q[8]) {
    uint64_t r1[8], t[8], t2[8];
    for (int j = 0; j < 8; j++) {
        r1[j] = rot_row1(q[j]);
        t[j] = q[j] ^ r1[j];
    }
    xtime(t, t2);
    for (int j = 0; j < 8; j++) q[j] = t2[j] ^ r1[j] ^ rot_row2(t[j]);
}

// InvMixColumns = MixColumns after a_r ^= 4*(a_r ^ a_(r+2)) (the circulant
// {0e,0b,0d,09} factors as {02,03,01,01} x {05,00,04,00}).
void inv_mix_columns(uint64_t q[8]) {
    uint64_t u[8], u2[8], u4[8];
    for (int j = 0; j < 8; j++) u[j] = q[j] ^ rot_row2(q[j]);
    xtime(u, u2);
    xtime(u2, u4);
    for (int j = 0; j < 8; j++) q[j] ^= u4[j];
    mix_columns(q);
}

inline void add_round_key(uint64_t q[8], const uint64_t* rk) {
    for (int j = 0; j < 8; j++) q[j] ^= rk[j];
}

void encrypt4(const AesSchedule& s, uint64_t q[8]) {
    add_round_key(q, s.bs);
    for (unsigned r = 1; r < s.rounds; r++) {
        sub_bytes(q);
        shift_rows(q);
        mix_columns(q);
        add_round_key(q, s.bs + 8 * r);
    }
    sub_bytes(q);
    shift_rows(q);
    add_round_key(q, s.bs + 8 * s.rounds);
}

// FIPS 197 §5.3 InvCipher, with the unmodified round keys.
void decrypt4(const AesSchedule& s, uint64_t q[8]) {
    add_round_key(q, s.bs + 8 * s.rounds);
    for (unsigned r = s.rounds - 1; r > 0; r--) {
        inv_shift_rows(q);
        inv_sub_bytes(q);
        add_round_key(q, s.bs + 8 * r);
        inv_mix_columns(q);
    }
    inv_shift_rows(q);
    inv_sub_bytes(q);
    add_round_key(q, s.bs);
}

// SubWord (FIPS 197 §5.2) through the bitsliced S-box: constant-time key expansion.
void sub_word(uint8_t w[4]) {
    uint8_t buf[64] = {};
    std::memcpy(buf, w, 4);
    uint64_t q[8];
    pack(buf, q);
    sub_bytes(q);
    unpack(q, buf);
    std::memcpy(w, buf, 4);
    secure_wipe(buf, sizeof buf);
    secure_wipe(q, sizeof q);
}

template <class Fn>
void for_each4(const uint8_t* in, uint8_t* out, size_t blocks, Fn fn) {
    uint8_t buf[64];
    uint64_t q[8];
    while (blocks > 0) {
        size_t n = blocks < 4 ? blocks : 4;
        std::memset(buf, 0, sizeof buf);
        std::memcpy(buf, in, 16 * n);
        pack(buf, q);
        fn(q);
        unpack(q, buf);
        std::memcpy(out, buf, 16 * n);
        in += 16 * n;
        out += 16 * n;
        blocks -= n;
    }
    secure_wipe(buf, sizeof buf);
    secure_wipe(q, sizeof q);
}

}  // namespace

void aes_expand_key(AesSchedule& s, const uint8_t* key, size_t key_len) {
    static constexpr uint8_t kRcon[10] = {0x01, 0x02, 0x04, 0x08, 0x10,
                                          0x20, 0x40, 0x80, 0x1b, 0x36};
    const unsigned nk = static_cast<unsigned>(key_len / 4);
    s.rounds = nk + 6;
    const unsigned words = 4 * (s.rounds + 1);
    uint8_t* w = s.enc;
    std::memcpy(w, key, key_len);
    for (unsigned i = nk; i < words; i++) {
        uint8_t t[4];
        std::memcpy(t, w + 4 * (i - 1), 4);
        if (i % nk == 0) {
            const uint8_t t0 = t[0];  // RotWord
            t[0] = t[1];
            t[1] = t[2];
            t[2] = t[3];
            t[3] = t0;
            sub_word(t);
            t[0] ^= kRcon[i / nk - 1];
        } else if (nk > 6 && i % nk == 4) {
            sub_word(t);
        }
        for (int b = 0; b < 4; b++) w[4 * i + b] = w[4 * (i - nk) + b] ^ t[b];
        secure_wipe(t, sizeof t);
    }
}

void aes_setup_portable(AesSchedule& s) {
    uint8_t buf[64];
    for (unsigned r = 0; r <= s.rounds; r++) {
        for (int k = 0; k < 4; k++) std::memcpy(buf + 16 * k, s.enc + 16 * r, 16);
        pack(buf, s.bs + 8 * r);
    }
    secure_wipe(buf, sizeof buf);
}

void aes_encrypt_portable(const AesSchedule& s, const uint8_t* in, uint8_t* out, size_t blocks) {
    for_each4(in, out, blocks, [&](uint64_t q[8]) { encrypt4(s, q); });
}

void aes_decrypt_portable(const AesSchedule& s, const uint8_t* in, uint8_t* out, size_t blocks) {
    for_each4(in, out, blocks, [&](uint64_t q[8]) { decrypt4(s, q); });
}

void aes_ctr32_portable(const AesSchedule& s, const uint8_t counter[16], const uint8_t* in,
                        uint8_t* out, size_t len) {
    uint8_t ks[64];
    uint64_t q[8];
    uint32_t ctr = load_be32(counter + 12);
    while (len > 0) {
        for (int k = 0; k < 4; k++) {
            std::memcpy(ks + 16 * k, counter, 12);
            store_be32(ks + 16 * k + 12, ctr + static_cast<uint32_t>(k));
        }
        ctr += 4;
        pack(ks, q);
        encrypt4(s, q);
        unpack(q, ks);
        const size_t n = len < 64 ? len : 64;
        for (size_t i = 0; i < n; i++) out[i] = in[i] ^ ks[i];
        in += n;
        out += n;
        len -= n;
    }
    secure_wipe(ks, sizeof ks);
    secure_wipe(q, sizeof q);
}

}  // namespace keel::crypto::detail
