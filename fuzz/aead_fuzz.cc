// AES-GCM, differential: the input chooses key size, key, IV, AAD, tag length and
// text. Every backend's seal must equal the portable one's, open(seal) must round-trip,
// and a flipped tag bit must fail with the output wiped.
#include <cstdlib>
#include <cstring>

#include "crypto/aead/gcm.h"

namespace {

using keel::Bytes;
using keel::ByteView;
using keel::crypto::AesGcm;
using keel::crypto::GcmBackend;

void require(bool ok) {
    if (!ok) abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // Header: [key-size selector][iv len][aad len][tag len][flip bit], then key, iv, aad;
    // the rest is the plaintext.
    if (size < 5) return 0;
    const size_t key_len = 16 + 8 * (data[0] % 3);
    const size_t iv_len = 1 + data[1] % 64;
    const size_t aad_len = data[2];
    const size_t tag_len = 12 + data[3] % 5;
    const uint8_t flip = data[4];
    data += 5;
    size -= 5;
    if (size < key_len + iv_len + aad_len) return 0;
    const ByteView key(data, key_len), iv(data + key_len, iv_len),
        aad(data + key_len + iv_len, aad_len);
    const ByteView pt(data + key_len + iv_len + aad_len, size - key_len - iv_len - aad_len);

    auto ref = AesGcm::create(key, GcmBackend::portable);
    require(ref.ok());
    Bytes want(pt.begin(), pt.end()), want_tag(tag_len);
    require(ref->seal(iv, aad, want, want_tag).ok());

    for (GcmBackend b : AesGcm::backends()) {
        auto g = AesGcm::create(key, b);
        require(g.ok());
        Bytes ct(pt.begin(), pt.end()), tag(tag_len);
        require(g->seal(iv, aad, ct, tag).ok());
        require(ct == want && tag == want_tag);

        Bytes back = ct;
        require(g->open(iv, aad, back, tag).ok());
        require(back == Bytes(pt.begin(), pt.end()));

        Bytes bad_tag = tag;
        bad_tag[(flip >> 3) % tag_len] ^= static_cast<uint8_t>(1 << (flip & 7));
        Bytes wiped = ct;
        require(!g->open(iv, aad, wiped, bad_tag).ok());
        require(wiped == Bytes(ct.size(), 0));
    }
    return 0;
}
