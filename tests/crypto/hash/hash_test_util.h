// Helpers shared by the hash tests: digest-as-hex of a (possibly repeated) message.
#pragma once

#include <string>
#include <string_view>

#include "base/bytes.h"
#include "tests/vectors/json.h"

namespace keel::crypto::test {

// The FIPS 180-4 example messages (NIST CSRC "Examples with Intermediate Values").
inline constexpr std::string_view k448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
inline constexpr std::string_view k896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmn"
    "opqrsmnopqrstnopqrstu";
// RFC 6234 §8.5 TEST4: "01234567" repeated 80 times (640 bytes, ten 64-byte blocks).
inline constexpr std::string_view kRfc6234Test4Unit =
    "0123456701234567012345670123456701234567012345670123456701234567";

// hex(H(msg repeated `times` times)), fed one repetition per update() call.
template <class H>
std::string digest_hex(std::string_view msg, size_t times = 1) {
    H h;
    for (size_t i = 0; i < times; i++) h.update(as_bytes(msg));
    return keel::test::hex(h.final());
}

}  // namespace keel::crypto::test
