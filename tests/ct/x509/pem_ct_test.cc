// PEM private keys are secret text: base64 decoding must not branch on or index with the
// characters. Only the layout (where whitespace and '=' sit) is declassified by design.
#include <random>
#include <string>

#include "tests/ct/harness.h"
#include "x509/der/pem.h"

namespace keel::x509 {
namespace {

TEST(CtPem, Base64DecodeOfSecretText) {
    KEEL_REQUIRE_VALGRIND();
    std::mt19937 rng(3);
    for (size_t len : {0u, 1u, 2u, 3u, 47u, 48u, 49u, 121u}) {
        Bytes data(len);
        for (auto& b : data) b = static_cast<uint8_t>(rng());
        const std::string flat = base64_encode(data);
        std::string text;  // 64-column lines, as in a PEM body
        for (size_t i = 0; i < flat.size(); i += 64) {
            text.append(flat, i, 64);
            text.push_back('\n');
        }
        auto expect = base64_decode(text);
        ASSERT_TRUE(expect);
        ct_test::poison(as_bytes(text));
        auto got = base64_decode(text);
        ASSERT_TRUE(got);
        ct_test::declassify(got->view());
        EXPECT_EQ(Bytes(got->view().begin(), got->view().end()), data);
    }
}

TEST(CtPem, PemBlockOfSecretKey) {
    KEEL_REQUIRE_VALGRIND();
    Bytes key(121);
    for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 37 + 5);
    std::string pem = pem_encode("PRIVATE KEY", key);
    // Poison only the base64 body: the armour lines are public framing.
    const size_t body = pem.find('\n') + 1;
    const size_t end = pem.find("-----END");
    ct_test::poison(as_bytes(pem).subspan(body, end - body));
    auto blocks = pem_decode_all(pem);
    ASSERT_TRUE(blocks);
    ASSERT_EQ(blocks->size(), 1u);
    ct_test::declassify((*blocks)[0].der.view());
    EXPECT_EQ(Bytes((*blocks)[0].der.view().begin(), (*blocks)[0].der.view().end()), key);
}

}  // namespace
}  // namespace keel::x509
