// AES-CCM and the TLS 1.2 CBC record open under fuzzer-chosen inputs.
//
// Byte 0 picks the target.
// Even: CCM. [1] key length (16/24/32), [2] nonce length (0..15, so invalid ones too),
//   [3] tag length (0..17), [4] AAD length, then key, nonce, AAD, and the rest is the
//   plaintext. Every AES backend must agree with the portable one (same ciphertext and
//   tag, or the same error), open must round-trip, and a flipped bit must fail with
//   the output zeroed.
// Odd: CBC record open. [1] MAC (SHA-1/256/384), [2] MAC key length, [3] mode, then
//   key, 11 header bytes (seq, type, version) and the decrypted record. Mode 0 opens the
//   bytes as given; mode 1 first builds a well-formed record from them (content, MAC,
//   padding of the length in the last byte). The constant-time open must accept exactly
//   when a plain variable-time check accepts, with the same content length.
#include <cstdlib>
#include <cstring>
#include <optional>

#include "base/endian.h"
#include "crypto/aead/ccm.h"
#include "crypto/cbc/cbc_record.h"
#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "crypto/mac/hmac.h"

namespace {

using keel::Bytes;
using keel::ByteView;
using keel::MutableByteView;
using namespace keel::crypto;

void check(bool ok) {
    if (!ok) std::abort();
}

struct Input {
    const uint8_t* p;
    size_t n;
    uint8_t byte() {
        if (n == 0) return 0;
        n--;
        return *p++;
    }
    ByteView take(size_t k) {
        k = k < n ? k : n;
        ByteView v(p, k);
        p += k;
        n -= k;
        return v;
    }
};

void fuzz_ccm(Input in) {
    const size_t key_len = 16 + 8 * (in.byte() % 3);
    const size_t nonce_len = in.byte() % 16;
    const size_t tag_len = in.byte() % 18;
    const size_t aad_len = in.byte();
    const ByteView kv = in.take(key_len);
    if (kv.size() != key_len) return;
    const Bytes key(kv.begin(), kv.end());
    const ByteView nonce = in.take(nonce_len), aad = in.take(aad_len);
    const ByteView pt = in.take(in.n);

    auto ref = AesCcm::create(key, AesBackend::portable);
    check(ref.ok());
    Bytes want(pt.begin(), pt.end()), want_tag(tag_len);
    auto ref_result = ref->seal(nonce, aad, want, want_tag);
    for (AesBackend b : Aes::backends()) {
        auto ccm = AesCcm::create(key, b);
        check(ccm.ok());
        Bytes got(pt.begin(), pt.end()), tag(tag_len);
        auto r = ccm->seal(nonce, aad, got, tag);
        check(r.ok() == ref_result.ok());
        if (!r.ok()) {
            check(r.error().code() == ref_result.error().code());
            check(got == Bytes(pt.begin(), pt.end()));  // untouched
            continue;
        }
        check(got == want && tag == want_tag);
        Bytes back = got;
        check(ccm->open(nonce, aad, back, tag).ok());
        check(back == Bytes(pt.begin(), pt.end()));
        // Flip one bit of the ciphertext or the tag, chosen from the data.
        const size_t total = got.size() + tag.size();
        const size_t at = (pt.empty() ? 0 : pt[0]) * 131u % total;
        Bytes ct = got, bad_tag = tag;
        if (at < ct.size()) {
            ct[at] ^= 0x10;
        } else {
            bad_tag[at - ct.size()] ^= 0x10;
        }
        auto bad = ccm->open(nonce, aad, ct, bad_tag);
        check(!bad.ok() && bad.error().code() == keel::Errc::auth_failed);
        check(ct == Bytes(ct.size(), 0));
    }
}

Bytes ref_mac(CbcMacAlg alg, ByteView key, const TlsRecordHeader& h, ByteView content) {
    uint8_t hdr[13];
    keel::store_be64(hdr, h.seq);
    hdr[8] = h.type;
    keel::store_be16(hdr + 9, h.version);
    keel::store_be16(hdr + 11, static_cast<uint16_t>(content.size()));
    auto run = [&](auto m) {
        m.update(ByteView(hdr, 13));
        if (!content.empty()) m.update(content);  // no null data pointer to memcpy
        auto d = m.final();
        return Bytes(d.begin(), d.end());
    };
    if (alg == CbcMacAlg::hmac_sha1) return run(Hmac<Sha1>(key));
    if (alg == CbcMacAlg::hmac_sha256) return run(Hmac<Sha256>(key));
    return run(Hmac<Sha384>(key));
}

// RFC 5246 §6.2.3.2 checked the obvious, variable-time way.
std::optional<size_t> ref_open(CbcMacAlg alg, ByteView key, const TlsRecordHeader& h, ByteView d) {
    const size_t ml = alg == CbcMacAlg::hmac_sha1 ? 20 : alg == CbcMacAlg::hmac_sha256 ? 32 : 48;
    if (d.size() < ml + 1 || d.size() > CbcRecordMac::kMaxCiphertext) return std::nullopt;
    const size_t pad = d.back();
    if (pad + 1 + ml > d.size()) return std::nullopt;
    for (size_t i = d.size() - 1 - pad; i < d.size(); i++) {
        if (d[i] != pad) return std::nullopt;
    }
    const size_t len = d.size() - 1 - pad - ml;
    if (ref_mac(alg, key, h, d.first(len)) != Bytes(d.begin() + len, d.begin() + len + ml)) {
        return std::nullopt;
    }
    return len;
}

void fuzz_record(Input in) {
    const auto alg = static_cast<CbcMacAlg>(in.byte() % 3);
    const size_t key_len = in.byte();
    const uint8_t mode = in.byte() % 2;
    const ByteView key = in.take(key_len);
    const ByteView hb = in.take(11);
    if (hb.size() < 11) return;
    const TlsRecordHeader h{keel::load_be64(hb.data()), hb[8], keel::load_be16(hb.data() + 9)};
    Bytes rec(in.p, in.p + in.n);
    auto mac = CbcRecordMac::create(alg, key);
    check(mac.ok());
    if (mode == 1 && !rec.empty()) {
        const size_t pad = rec.back();
        rec.pop_back();
        if (rec.size() > 16384) rec.resize(16384);
        const Bytes m = ref_mac(alg, key, h, rec);
        rec.insert(rec.end(), m.begin(), m.end());
        rec.insert(rec.end(), pad + 1, static_cast<uint8_t>(pad));
    }
    const auto want = ref_open(alg, key, h, rec);
    const auto got = mac->open(h, rec);
    check(got.ok() == want.has_value());
    if (got.ok()) check(*got == *want);
    if (mode == 1 && !rec.empty() && rec.size() <= CbcRecordMac::kMaxCiphertext) check(got.ok());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    Input in{data + 1, size - 1};
    if (data[0] % 2 == 0) {
        fuzz_ccm(in);
    } else {
        fuzz_record(in);
    }
    return 0;
}
