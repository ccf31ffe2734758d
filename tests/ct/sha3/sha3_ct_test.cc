// SHA3-256 and SHAKE256 (single-state and batched) with every backend this CPU has,
// over poisoned input: memcheck must see no branch or index on message bytes or state.
// Under valgrind the CPU valgrind emulates decides the list (it has no AVX-512, so
// those backends are not listed here; they are straight-line code like the others).
#include "crypto/sha3/sha3.h"
#include "crypto/sha3/shake_batch.h"
#include "tests/ct/harness.h"

namespace keel {
namespace {

using crypto::detail::KeccakBackend;

Bytes message(size_t n) {
    Bytes m(n);
    for (size_t i = 0; i < n; i++) m[i] = static_cast<uint8_t>(i * 29 + 3);
    return m;
}

TEST(CtSha3, HashAndXofDoNotBranchOnInput) {
    KEEL_REQUIRE_VALGRIND();
    for (const KeccakBackend& be : crypto::detail::keccak_backends()) {
        SCOPED_TRACE(be.name);
        // Lengths straddling the rate (136) so partial, full and multi-block paths run.
        for (size_t len : {0, 1, 135, 136, 137, 300}) {
            const Bytes m = message(len);
            crypto::Sha3_256 ref(crypto::detail::keccak_backends().front());
            ref.update(m);
            const auto want = ref.final();

            Bytes secret = m;
            ct_test::poison(secret);
            crypto::Sha3_256 h(be);
            h.update(ByteView(secret).first(len / 2));
            h.update(ByteView(secret).subspan(len / 2));
            auto got = h.final();
            ct_test::declassify(got);
            EXPECT_EQ(got, want);

            Bytes xof_want(200), xof_got(200);
            crypto::Shake256 x_ref(crypto::detail::keccak_backends().front());
            ASSERT_TRUE(x_ref.update(m).ok());
            x_ref.squeeze(xof_want);
            crypto::Shake256 x(be);
            ASSERT_TRUE(x.update(secret).ok());
            x.squeeze(MutableByteView(xof_got).first(70));
            x.squeeze(MutableByteView(xof_got).subspan(70));
            ct_test::declassify(xof_got);
            EXPECT_EQ(xof_got, xof_want);
        }
    }
}

template <class Batch, class Backends>
void check_batch(const Backends& backends) {
    constexpr size_t kN = Batch::kLanes;
    for (const auto& be : backends) {
        SCOPED_TRACE(be.name);
        std::array<Bytes, kN> seeds;
        std::array<ByteView, kN> in;
        std::array<Bytes, kN> got;
        std::array<MutableByteView, kN> out;
        for (size_t j = 0; j < kN; j++) {
            seeds[j] = message(66);
            seeds[j][64] = static_cast<uint8_t>(j);
            ct_test::poison(seeds[j]);
            in[j] = seeds[j];
            got[j].resize(2 * Batch::kBlockSize + 5);
            out[j] = got[j];
        }
        Batch x(be.permute);
        ASSERT_TRUE(x.absorb(in).ok());
        ASSERT_TRUE(x.squeeze(out).ok());
        for (size_t j = 0; j < kN; j++) {
            ct_test::declassify(seeds[j]);
            ct_test::declassify(got[j]);
            Bytes want(got[j].size());
            crypto::Shake256::hash(seeds[j], want);
            EXPECT_EQ(got[j], want);
        }
    }
}

TEST(CtSha3, BatchedShakeDoesNotBranchOnInput) {
    KEEL_REQUIRE_VALGRIND();
    check_batch<crypto::Shake256x4>(crypto::detail::keccak_x4_backends());
    check_batch<crypto::Shake256x8>(crypto::detail::keccak_x8_backends());
}

}  // namespace
}  // namespace keel
