// RC4 (the ARCFOUR stream cipher). Legacy and prohibited in TLS (RFC 7465); kept for
// interoperability with old peers only, when explicitly enabled
// (crypto/legacy/README.md).
//
// Constant-time: every access at a secret index scans the whole 256-byte state with
// masks (rc4.cc), at a large cost in speed.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"

namespace keel::crypto {

class Rc4 {
  public:
    // key.size() in 1..256 (invalid_argument otherwise). TLS used 16-byte keys.
    static Result<Rc4> create(ByteView key);

    Rc4(const Rc4&) = default;
    Rc4& operator=(const Rc4&) = default;
    ~Rc4();

    // out = in XOR keystream, continuing the stream across calls. in == out allowed;
    // out.size() must equal in.size() (checked: invalid_argument).
    Result<void> crypt(ByteView in, MutableByteView out);

  private:
    Rc4() = default;
    alignas(64) uint8_t s_[256];
    uint8_t i_ = 0;
    uint8_t j_ = 0;
};

}  // namespace keel::crypto
