// ML-KEM constant-time checks (valgrind memcheck, secrets poisoned), every backend:
// keygen with d and z poisoned, encaps with m poisoned, decaps with the secret parts of
// dk (dk_pke, z) and the ciphertext poisoned, so the re-encryption compare and the
// implicit-rejection select run on undefined data and must not branch on it.
#include <gtest/gtest.h>

#include <cstring>

#include "pq/mlkem/internal/kem.h"
#include "pq/mlkem/mlkem.h"
#include "tests/ct/harness.h"

namespace keel::pq::mlkem {
namespace {

using ct_test::declassify;
using ct_test::poison;

const ParamSet kAll[] = {ParamSet::mlkem512, ParamSet::mlkem768, ParamSet::mlkem1024};

TEST(MlkemCt, KeygenEncapsDecapsEveryBackend) {
    KEEL_REQUIRE_VALGRIND();
    for (const detail::PolyBackend* be : detail::backends()) {
        SCOPED_TRACE(be->name);
        for (ParamSet ps : kAll) {
            const Params p = params(ps);
            uint8_t d[32], z[32], m[32], k1[32], k2[32], k3[32];
            for (int i = 0; i < 32; i++) {
                d[i] = static_cast<uint8_t>(i * 5 + 1);
                z[i] = static_cast<uint8_t>(i * 9 + 2);
                m[i] = static_cast<uint8_t>(i * 3 + 7);
            }
            Bytes ek(p.ek_size()), dk(p.dk_size()), c(p.ct_size());

            poison(d);
            poison(z);
            detail::keygen(*be, p, d, z, ek.data(), dk.data());
            declassify(ek);
            declassify(dk);

            poison(m);
            detail::encaps(*be, p, ek.data(), m, c.data(), k1);
            declassify(c);
            declassify(k1);

            // Valid ciphertext: the compare matches.
            const ByteView dk_pke(dk.data(), 384 * p.k), dk_z(dk.data() + p.dk_size() - 32, 32);
            poison(dk_pke);
            poison(dk_z);
            poison(c);
            detail::decaps(*be, p, dk.data(), c.data(), k2);
            declassify(k2);
            declassify(dk);
            declassify(c);
            EXPECT_EQ(0, std::memcmp(k1, k2, 32));

            // Modified ciphertext: the compare fails, implicit rejection selects J(z || c).
            c[3] ^= 4;
            poison(dk_pke);
            poison(dk_z);
            poison(c);
            detail::decaps(*be, p, dk.data(), c.data(), k3);
            declassify(k3);
            declassify(dk);
            declassify(c);
            EXPECT_NE(0, std::memcmp(k1, k3, 32));
        }
    }
}

}  // namespace
}  // namespace keel::pq::mlkem
