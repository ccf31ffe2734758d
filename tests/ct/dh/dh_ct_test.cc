// FFDHE under valgrind: the private exponent poisoned (from a poisoning Rng and as an
// input to agree).
#include "crypto/dh/dh.h"
#include "tests/crypto/rsa/test_rng.h"
#include "tests/ct/harness.h"

namespace keel::crypto {
namespace {

using ct_test::declassify;
using ct_test::poison;

class PoisonRng final : public Rng {
  public:
    Result<void> generate(MutableByteView out) override {
        KEEL_TRY(inner_.generate(out));
        poison(out);
        return ok();
    }

  private:
    test::TestRng inner_{5};
};

TEST(DhCt, PrivateExponentiation) {
    KEEL_REQUIRE_VALGRIND();
    PoisonRng rng;
    auto c = ffdhe2048::kx_generate(rng);
    ASSERT_TRUE(c.ok());
    declassify(c->share);
    auto s = ffdhe2048::kx_respond(c->share, rng);
    ASSERT_TRUE(s.ok());
    declassify(s->share);
    auto z = ffdhe2048::kx_finish(*c, s->share);
    ASSERT_TRUE(z.ok());
    declassify(z->view());
    declassify(s->shared_secret.view());
    EXPECT_TRUE(ct::equal(z->view(), s->shared_secret.view()));
}

}  // namespace
}  // namespace keel::crypto
