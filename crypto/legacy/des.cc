// DES and 3DES-EDE (FIPS 46-3, SP 800-67 Rev. 2) without secret-indexed tables.
//
// Bits are numbered as in FIPS 46-3: bit 1 is the most significant bit of a block
// loaded big-endian. The permutations (IP, E, P, PC-1, PC-2) move bits at public
// positions, so they are constant-time whatever the data. The S-boxes are the only
// data-dependent lookups: each of their 32 output bits is a 64-entry truth table kept
// in a uint64_t and read as (table >> x) & 1, a register shift by the secret 6-bit
// input x, with no memory access depending on x.
#include "crypto/legacy/des.h"

#include <array>
#include <cstring>
#include <string>

#include "base/endian.h"
#include "base/secret.h"

namespace keel::crypto {

namespace {

// FIPS 46-3 tables, 1-based bit numbers.
constexpr uint8_t kIp[64] = {58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
                             62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
                             57, 49, 41, 33, 25, 17, 9,  1, 59, 51, 43, 35, 27, 19, 11, 3,
                             61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7};
constexpr uint8_t kP[32] = {16, 7, 20, 21, 29, 12, 28, 17, 1,  15, 23, 26, 5,  18, 31, 10,
                            2,  8, 24, 14, 32, 27, 3,  9,  19, 13, 30, 6,  22, 11, 4,  25};
constexpr uint8_t kPc1[56] = {57, 49, 41, 33, 25, 17, 9,  1,  58, 50, 42, 34, 26, 18,
                              10, 2,  59, 51, 43, 35, 27, 19, 11, 3,  60, 52, 44, 36,
                              63, 55, 47, 39, 31, 23, 15, 7,  62, 54, 46, 38, 30, 22,
                              14, 6,  61, 53, 45, 37, 29, 21, 13, 5,  28, 20, 12, 4};
constexpr uint8_t kPc2[48] = {14, 17, 11, 24, 1,  5,  3,  28, 15, 6,  21, 10, 23, 19, 12, 4,
                              26, 8,  16, 7,  27, 20, 13, 2,  41, 52, 31, 37, 47, 55, 30, 40,
                              51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32};
constexpr uint8_t kShifts[16] = {1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1};

// S1..S8, each 4 rows of 16 (row = b1 b6, column = b2 b3 b4 b5 of the 6-bit input).
constexpr uint8_t kSbox[8][64] = {
    {14, 4,  13, 1, 2,  15, 11, 8, 3, 10, 6, 12, 5,  9,  0,  7,  0,  15, 7,  4,  14, 2,
     13, 1,  10, 6, 12, 11, 9,  5, 3, 8,  4, 1,  14, 8,  13, 6,  2,  11, 15, 12, 9,  7,
     3,  10, 5,  0, 15, 12, 8,  2, 4, 9,  1, 7,  5,  11, 3,  14, 10, 0,  6,  13},
    {15, 1,  8,  14, 6,  11, 3,  4, 9,  7,  2, 13, 12, 0,  5,  10, 3,  13, 4,  7, 15, 2,
     8,  14, 12, 0,  1,  10, 6,  9, 11, 5,  0, 14, 7,  11, 10, 4,  13, 1,  5,  8, 12, 6,
     9,  3,  2,  15, 13, 8,  10, 1, 3,  15, 4, 2,  11, 6,  7,  12, 0,  5,  14, 9},
    {10, 0,  9,  14, 6, 3,  15, 5,  1,  13, 12, 7, 11, 4,  2,  8,  13, 7, 0,  9, 3, 4,
     6,  10, 2,  8,  5, 14, 12, 11, 15, 1,  13, 6, 4,  9,  8,  15, 3,  0, 11, 1, 2, 12,
     5,  10, 14, 7,  1, 10, 13, 0,  6,  9,  8,  7, 4,  15, 14, 3,  11, 5, 2,  12},
    {7, 13, 14, 3, 0, 6,  9, 10, 1,  2, 8,  5, 11, 12, 4,  15, 13, 8,  11, 5, 6, 15,
     0, 3,  4,  7, 2, 12, 1, 10, 14, 9, 10, 6, 9,  0,  12, 11, 7,  13, 15, 1, 3, 14,
     5, 2,  8,  4, 3, 15, 0, 6,  10, 1, 13, 8, 9,  4,  5,  11, 12, 7,  2,  14},
    {2,  12, 4, 1,  7,  10, 11, 6, 8, 5,  3, 15, 13, 0,  14, 9,  14, 11, 2,  12, 4,  7,
     13, 1,  5, 0,  15, 10, 3,  9, 8, 6,  4, 2,  1,  11, 10, 13, 7,  8,  15, 9,  12, 5,
     6,  3,  0, 14, 11, 8,  12, 7, 1, 14, 2, 13, 6,  15, 0,  9,  10, 4,  5,  3},
    {12, 1,  10, 15, 9,  2,  6, 8,  0, 13, 3,  4,  14, 7,  5, 11, 10, 15, 4, 2, 7, 12,
     9,  5,  6,  1,  13, 14, 0, 11, 3, 8,  9,  14, 15, 5,  2, 8,  12, 3,  7, 0, 4, 10,
     1,  13, 11, 6,  4,  3,  2, 12, 9, 5,  15, 10, 11, 14, 1, 7,  6,  0,  8, 13},
    {4, 11, 2,  14, 15, 0,  8,  13, 3, 12, 9,  7, 5,  10, 6,  1,  13, 0,  11, 7,  4, 9,
     1, 10, 14, 3,  5,  12, 2,  15, 8, 6,  1,  4, 11, 13, 12, 3,  7,  14, 10, 15, 6, 8,
     0, 5,  9,  2,  6,  11, 13, 8,  1, 4,  10, 7, 9,  5,  0,  15, 14, 2,  3,  12},
    {13, 2, 8,  4, 6, 15, 11, 1,  10, 9,  3, 14, 5,  0,  12, 7,  1,  15, 13, 8, 10, 3,
     7,  4, 12, 5, 6, 11, 0,  14, 9,  2,  7, 11, 4,  1,  9,  12, 14, 2,  0,  6, 10, 13,
     15, 3, 5,  8, 2, 1,  14, 7,  4,  10, 8, 13, 15, 12, 9,  0,  3,  5,  6,  11},
};

// Every S-box row is a permutation of 0..15 (FIPS 46-3 §2): a typo in the table
// above fails the build.
constexpr bool rows_are_permutations() {
    for (const auto& s : kSbox) {
        for (int row = 0; row < 4; row++) {
            unsigned seen = 0;
            for (int c = 0; c < 16; c++) seen |= 1u << s[16 * row + c];
            if (seen != 0xffff) return false;
        }
    }
    return true;
}
static_assert(rows_are_permutations());

// Truth tables: bit x of kTruth[j][b] is output bit b (0 = most significant) of S_j
// on the 6-bit input x; kLand[j][b] is where that bit ends up after P, as a shift
// in the 32-bit f output.
struct SboxTables {
    uint64_t truth[8][4];
    uint8_t land[8][4];
};
constexpr SboxTables make_tables() {
    SboxTables t{};
    for (int j = 0; j < 8; j++) {
        for (int x = 0; x < 64; x++) {
            const int row = ((x >> 4) & 2) | (x & 1);
            const int col = (x >> 1) & 15;
            const int v = kSbox[j][16 * row + col];
            for (int b = 0; b < 4; b++) {
                if ((v >> (3 - b)) & 1) t.truth[j][b] |= uint64_t{1} << x;
            }
        }
        for (int b = 0; b < 4; b++) {
            const int m = 4 * j + b + 1;  // S output bit number, 1-based
            for (int i = 0; i < 32; i++) {
                if (kP[i] == m) t.land[j][b] = static_cast<uint8_t>(31 - i);
            }
        }
    }
    return t;
}
constexpr SboxTables kTables = make_tables();

constexpr std::array<uint8_t, 64> inverse_ip() {
    std::array<uint8_t, 64> fp{};
    for (int i = 0; i < 64; i++) fp[kIp[i] - 1] = static_cast<uint8_t>(i + 1);
    return fp;
}
constexpr std::array<uint8_t, 64> kFp = inverse_ip();  // IP^-1

// Output bit i (from the top) = input bit table[i] (1-based, of in_width bits).
uint64_t permute(uint64_t in, const uint8_t* table, int n, int in_width) {
    uint64_t out = 0;
    for (int i = 0; i < n; i++) out = (out << 1) | ((in >> (in_width - table[i])) & 1);
    return out;
}

// f(R, K) = P(S(E(R) ^ K)) (FIPS 46-3 §"The Cipher Function f"). E's eight 6-bit
// groups are bits 4j..4j+5 of R read circularly: a rotation puts each group on top.
uint32_t feistel(uint32_t r, const uint8_t k[8]) {
    uint32_t out = 0;
    for (int j = 0; j < 8; j++) {
        const unsigned x = ((rotl32(r, (4 * j + 31) % 32) >> 26) ^ k[j]) & 63;
        for (int b = 0; b < 4; b++) {
            out |= static_cast<uint32_t>((kTables.truth[j][b] >> x) & 1) << kTables.land[j][b];
        }
    }
    return out;
}

uint64_t des_block(const detail::DesKeySchedule& ks, uint64_t block, bool decrypt) {
    const uint64_t x = permute(block, kIp, 64, 64);
    uint32_t l = static_cast<uint32_t>(x >> 32), r = static_cast<uint32_t>(x);
    for (int round = 0; round < 16; round++) {
        const uint32_t next = l ^ feistel(r, ks.k[decrypt ? 15 - round : round]);
        l = r;
        r = next;
    }
    // The last round does not swap: the preoutput is R16 L16.
    return permute((static_cast<uint64_t>(r) << 32) | l, kFp.data(), 64, 64);
}

}  // namespace

namespace detail {

// FIPS 46-3 key schedule: PC-1 into C and D, left rotations, PC-2.
void des_key_schedule(DesKeySchedule& ks, const uint8_t key[8]) {
    const uint64_t cd = permute(load_be64(key), kPc1, 56, 64);
    uint32_t c = static_cast<uint32_t>(cd >> 28) & 0xfffffff;
    uint32_t d = static_cast<uint32_t>(cd) & 0xfffffff;
    for (int round = 0; round < 16; round++) {
        const int s = kShifts[round];
        c = ((c << s) | (c >> (28 - s))) & 0xfffffff;
        d = ((d << s) | (d >> (28 - s))) & 0xfffffff;
        const uint64_t k48 = permute((static_cast<uint64_t>(c) << 28) | d, kPc2, 48, 56);
        for (int j = 0; j < 8; j++)
            ks.k[round][j] = static_cast<uint8_t>((k48 >> (42 - 6 * j)) & 63);
    }
}

}  // namespace detail

Result<Des> Des::create(ByteView key) {
    if (key.size() != 8 && key.size() != 16 && key.size() != 24) {
        return Error(Errc::invalid_argument,
                     "DES key length " + std::to_string(key.size()) + " is not 8, 16 or 24");
    }
    Des d;
    d.triple_ = key.size() > 8;
    detail::des_key_schedule(d.ks_[0], key.data());
    if (d.triple_) {
        detail::des_key_schedule(d.ks_[1], key.data() + 8);
        detail::des_key_schedule(d.ks_[2], key.data() + (key.size() == 24 ? 16 : 0));
    }
    return d;
}

Des::~Des() {
    secure_wipe(ks_, sizeof ks_);
}

// SP 800-67 §3.1: encryption E_K3(D_K2(E_K1(x))), decryption D_K1(E_K2(D_K3(y))).
uint64_t Des::crypt(uint64_t block, bool decrypt) const {
    if (!triple_) return des_block(ks_[0], block, decrypt);
    if (!decrypt) {
        return des_block(ks_[2], des_block(ks_[1], des_block(ks_[0], block, false), true), false);
    }
    return des_block(ks_[0], des_block(ks_[1], des_block(ks_[2], block, true), false), true);
}

void Des::encrypt_blocks(const uint8_t* in, uint8_t* out, size_t blocks) const {
    for (; blocks > 0; blocks--, in += 8, out += 8) store_be64(out, crypt(load_be64(in), false));
}

void Des::decrypt_blocks(const uint8_t* in, uint8_t* out, size_t blocks) const {
    for (; blocks > 0; blocks--, in += 8, out += 8) store_be64(out, crypt(load_be64(in), true));
}

namespace {
Result<void> check_cbc(ByteView iv, ByteView in, MutableByteView out) {
    if (iv.size() != Des::kBlockSize) {
        return Error(Errc::invalid_argument, "DES-CBC IV must be 8 bytes");
    }
    if (in.size() % Des::kBlockSize != 0 || out.size() != in.size()) {
        return Error(Errc::invalid_argument,
                     "DES-CBC input length " + std::to_string(in.size()) +
                         " is not a multiple of 8 or differs from the output length");
    }
    return ok();
}
}  // namespace

Result<void> Des::cbc_encrypt(ByteView iv, ByteView in, MutableByteView out) const {
    KEEL_TRY(check_cbc(iv, in, out));
    uint64_t chain = load_be64(iv.data());
    for (size_t i = 0; i < in.size(); i += 8) {
        chain = crypt(load_be64(in.data() + i) ^ chain, false);
        store_be64(out.data() + i, chain);
    }
    return ok();
}

Result<void> Des::cbc_decrypt(ByteView iv, ByteView in, MutableByteView out) const {
    KEEL_TRY(check_cbc(iv, in, out));
    uint64_t chain = load_be64(iv.data());
    for (size_t i = 0; i < in.size(); i += 8) {
        const uint64_t c = load_be64(in.data() + i);
        store_be64(out.data() + i, crypt(c, true) ^ chain);
        chain = c;
    }
    return ok();
}

}  // namespace keel::crypto
