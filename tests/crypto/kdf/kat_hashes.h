// Maps the digest names used in vectors/kat/prf_pbkdf2.json to keel hash types, for
// the hashes this tree has. with_hash(name, f) calls f(std::type_identity<H>{}) and
// returns false when the hash is not (yet) available.
#pragma once

#include <string>
#include <type_traits>

#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"

namespace keel::crypto::test_kat {

template <class F>
bool with_hash(const std::string& name, F&& f) {
    if (name == "SHA1") {
        f(std::type_identity<Sha1>{});
    } else if (name == "SHA256") {
        f(std::type_identity<Sha256>{});
    } else if (name == "SHA384") {
        f(std::type_identity<Sha384>{});
    } else if (name == "SHA512") {
        f(std::type_identity<Sha512>{});
    } else {
        return false;
    }
    return true;
    return false;
}

}  // namespace keel::crypto::test_kat
