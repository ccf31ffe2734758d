// ML-KEM differential fuzzing: fuzzer-chosen encapsulation keys, decapsulation keys and
// ciphertexts go through the FIPS 203 §7 checks, encapsulation and decapsulation on every
// arithmetic backend; nothing may crash and every backend must agree with portable.
//
// Input: [0] low 2 bits parameter set, next 2 bits mode, bit 4 "raw lengths"; the rest
// is the payload. Without raw lengths, each field is cut or zero-padded to its exact size
// so that most inputs get past the length checks.
//   mode 0: payload = ek (any length) -> check_ek, encaps with a fixed m
//   mode 1: payload = seed (64) || c  -> decaps_seed (c of any length)
//   mode 2: payload = dk (any length) || c: dk's H(ek) is patched to match so that
//           arbitrary dk_pke values (12-bit, up to 4095) reach decapsulation
//   mode 3: payload = dk || c unchanged -> the §7.3 check (almost always rejects)
#include <cstdlib>
#include <cstring>

#include "crypto/sha3/sha3.h"
#include "pq/mlkem/internal/kem.h"
#include "pq/mlkem/mlkem.h"

namespace {

using namespace keel;
using namespace keel::pq::mlkem;

const ParamSet kSets[] = {ParamSet::mlkem512, ParamSet::mlkem768, ParamSet::mlkem1024,
                          ParamSet::mlkem768};

void same(bool a, bool b) {
    if (a != b) abort();
}
void same(ByteView a, ByteView b) {
    if (a.size() != b.size() || std::memcmp(a.data(), b.data(), a.size()) != 0) abort();
}

void decaps_all(ParamSet ps, ByteView dk, ByteView c) {
    auto ref = detail::decaps(detail::kPortable, ps, dk, c);
    for (const detail::PolyBackend* be : detail::backends()) {
        auto k = detail::decaps(*be, ps, dk, c);
        same(k.ok(), ref.ok());
        if (k.ok()) same(k->view(), ref->view());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const ParamSet ps = kSets[data[0] & 3];
    const Params p = params(ps);
    const unsigned mode = (data[0] >> 2) & 3;
    Bytes payload(data + 1, data + size);
    if (!(data[0] & 0x10)) {
        const size_t want = mode == 0   ? p.ek_size()
                            : mode == 1 ? kSeedSize + p.ct_size()
                                        : p.dk_size() + p.ct_size();
        payload.resize(want, 0);
    }
    const ByteView in(payload);
    static const uint8_t kM[32] = {1, 2, 3};

    if (mode == 0) {
        auto ref = detail::encaps_internal(detail::kPortable, ps, in, kM);
        for (const detail::PolyBackend* be : detail::backends()) {
            same(detail::check_ek(*be, ps, in).ok(), ref.ok());
            auto enc = detail::encaps_internal(*be, ps, in, kM);
            same(enc.ok(), ref.ok());
            if (enc.ok()) {
                same(enc->c, ref->c);
                same(enc->k.view(), ref->k.view());
            }
        }
        if (ref.ok()) {
            // What the check accepted is what ByteEncode_12(ByteDecode_12(ek)) keeps.
            same(check_ek(ps, in).ok(), true);
        }
    } else if (mode == 1) {
        const ByteView seed = in.first(std::min<size_t>(in.size(), kSeedSize));
        const ByteView c = in.subspan(seed.size());
        auto ref = detail::decaps_seed(detail::kPortable, ps, seed, c);
        for (const detail::PolyBackend* be : detail::backends()) {
            auto k = detail::decaps_seed(*be, ps, seed, c);
            same(k.ok(), ref.ok());
            if (k.ok()) same(k->view(), ref->view());
        }
    } else {
        const size_t dk_len = std::min(in.size(), p.dk_size());
        Bytes dk(in.begin(), in.begin() + dk_len);
        const ByteView c = in.subspan(dk_len);
        if (mode == 2 && dk.size() == p.dk_size()) {
            const uint8_t* ek = dk.data() + 384 * p.k;
            const auto h = crypto::Sha3_256::hash(ByteView(ek, p.ek_size()));
            std::memcpy(dk.data() + 384 * p.k + p.ek_size(), h.data(), 32);
        }
        decaps_all(ps, dk, c);
    }
    return 0;
}
