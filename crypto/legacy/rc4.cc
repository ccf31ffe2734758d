// RC4 with no secret-dependent memory index. The state permutation S is secret, and
// so are j and S[i] + S[j]; every read or write at those indices scans all 256 bytes
// with an equality mask. The loops are written so that the compiler vectorizes them
// (byte compares and blends, 16-64 bytes per instruction) rather than branching:
// there is no data-dependent control flow for it to invent. tests/ct/legacy checks
// the result under valgrind.
#include "crypto/legacy/rc4.h"

#include <string>

#include "base/secret.h"

namespace keel::crypto {

namespace {

// S[idx], reading every entry.
inline uint8_t ct_read(const uint8_t* s, uint8_t idx) {
    uint8_t acc = 0;
    for (unsigned t = 0; t < 256; t++) {
        const uint8_t m =
            static_cast<uint8_t>(0 - static_cast<uint8_t>(static_cast<uint8_t>(t) == idx));
        acc |= s[t] & m;
    }
    return acc;
}

// S[idx] = v, writing every entry.
inline void ct_write(uint8_t* s, uint8_t idx, uint8_t v) {
    for (unsigned t = 0; t < 256; t++) {
        const uint8_t m =
            static_cast<uint8_t>(0 - static_cast<uint8_t>(static_cast<uint8_t>(t) == idx));
        s[t] = static_cast<uint8_t>((s[t] & ~m) | (v & m));
    }
}

// Swaps S[i] (public i) and S[j] (secret j). When i == j the write of S[j] and then
// of S[i] both store the same value, as a plain swap would.
inline void ct_swap(uint8_t* s, uint8_t i, uint8_t j) {
    const uint8_t si = s[i];
    const uint8_t sj = ct_read(s, j);
    ct_write(s, j, si);
    s[i] = sj;
}

}  // namespace

Result<Rc4> Rc4::create(ByteView key) {
    if (key.empty() || key.size() > 256) {
        return Error(Errc::invalid_argument,
                     "RC4 key length " + std::to_string(key.size()) + " not in 1..256");
    }
    Rc4 r;
    for (unsigned t = 0; t < 256; t++) r.s_[t] = static_cast<uint8_t>(t);
    // Key scheduling: j += S[i] + K[i mod keylen]; swap(S[i], S[j]).
    uint8_t j = 0;
    for (unsigned i = 0; i < 256; i++) {
        j = static_cast<uint8_t>(j + r.s_[i] + key[i % key.size()]);
        ct_swap(r.s_, static_cast<uint8_t>(i), j);
    }
    return r;
}

Rc4::~Rc4() {
    secure_wipe(s_, sizeof s_);
    i_ = j_ = 0;
}

Result<void> Rc4::crypt(ByteView in, MutableByteView out) {
    if (out.size() != in.size()) {
        return Error(Errc::invalid_argument, "RC4 output length differs from input length");
    }
    uint8_t i = i_, j = j_;
    for (size_t n = 0; n < in.size(); n++) {
        i = static_cast<uint8_t>(i + 1);
        const uint8_t si = s_[i];
        j = static_cast<uint8_t>(j + si);
        const uint8_t sj = ct_read(s_, j);
        ct_write(s_, j, si);
        s_[i] = sj;
        out[n] = in[n] ^ ct_read(s_, static_cast<uint8_t>(si + sj));
    }
    i_ = i;
    j_ = j;
    return ok();
}

}  // namespace keel::crypto
