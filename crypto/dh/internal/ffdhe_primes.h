// The RFC 7919 primes (ffdhe_primes.cc).
#pragma once

namespace keel::crypto::detail {
extern const char* const kFfdhe2048Hex;
extern const char* const kFfdhe3072Hex;
extern const char* const kFfdhe4096Hex;
extern const char* const kFfdhe6144Hex;
extern const char* const kFfdhe8192Hex;
}  // namespace keel::crypto::detail
