// SLH-DSA key generation and signing with SK.seed and SK.prf poisoned (FIPS 205):
// memcheck must see no branch or memory index on them. The values signing declassifies
// on purpose (R, the FORS public key, the XMSS roots: all recomputable from the
// signature) are marked in pq/slhdsa/internal.cc. One f-set per hash family; one
// signature each, since valgrind is slow.
#include "pq/slhdsa/slhdsa.h"
#include "tests/ct/harness.h"

namespace keel {
namespace {

using pq::SlhDsaParams;

void check(SlhDsaParams p) {
    const size_t n = pq::slhdsa_sizes(p).n;
    Bytes seeds(3 * n);
    for (size_t i = 0; i < seeds.size(); i++) seeds[i] = static_cast<uint8_t>(i * 37 + 11);
    ByteView s(seeds);
    ct_test::poison(s.subspan(0, 2 * n));  // SK.seed || SK.prf; PK.seed is public
    auto sk =
        pq::SlhDsaPrivateKey::from_seeds(p, s.subspan(0, n), s.subspan(n, n), s.subspan(2 * n, n));
    ASSERT_TRUE(sk.ok());
    // PK.root is public once generated.
    ct_test::declassify(sk->bytes().subspan(2 * n));
    // Sign with the key's SK.seed and SK.prf poisoned (keygen copied them).
    ct_test::poison(sk->bytes().subspan(0, 2 * n));
    const Bytes msg = {'c', 't'};
    auto sig = sk->sign_deterministic(msg, Bytes{1, 2, 3});
    ASSERT_TRUE(sig.ok());
    ct_test::declassify(*sig);
    ct_test::declassify(sk->bytes());
    EXPECT_TRUE(sk->public_key().verify(msg, *sig, Bytes{1, 2, 3}).ok());
}

TEST(CtSlhDsa, Sha2_128fSignDoesNotBranchOnSecrets) {
    KEEL_REQUIRE_VALGRIND();
    check(SlhDsaParams::sha2_128f);
}

TEST(CtSlhDsa, Shake128fSignDoesNotBranchOnSecrets) {
    KEEL_REQUIRE_VALGRIND();
    check(SlhDsaParams::shake_128f);
}

}  // namespace
}  // namespace keel
