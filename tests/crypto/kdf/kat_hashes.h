// Maps the digest names used in vectors/kat/prf_pbkdf2.json to keel hash types, for
// the hashes this tree has. with_hash(name, f) calls f(std::type_identity<H>{}) and
// returns false when the hash is not (yet) available.
#pragma once

#include <string>
#include <type_traits>

#include "crypto/hash/sha256.h"

namespace keel::crypto::test_kat {

template <class F>
bool with_hash(const std::string& name, F&& f) {
    if (name == "SHA256") {
        f(std::type_identity<Sha256>{});
        return true;
    }
    return false;
}

}  // namespace keel::crypto::test_kat
