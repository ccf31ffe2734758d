// A hash chosen at run time: the TLS engine picks SHA-256 or SHA-384 from the cipher
// suite, X.509 and RSA-PSS pick from an algorithm identifier. Each concrete hash is
// still the template-friendly class (Sha256, Sha3_256, ...); AnyHash holds one of them
// in a std::variant, so there is no heap allocation and no virtual call per byte.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "base/bytes.h"
#include "crypto/hash/md5.h"
#include "crypto/hash/sha1.h"
#include "crypto/hash/sha256.h"
#include "crypto/hash/sha512.h"
#include "crypto/sha3/sha3.h"

namespace keel::crypto {

enum class HashAlg : uint8_t {
    md5,
    sha1,
    sha224,
    sha256,
    sha384,
    sha512,
    sha512_224,
    sha512_256,
    sha3_224,
    sha3_256,
    sha3_384,
    sha3_512,
};

inline constexpr size_t kMaxDigestSize = 64;
inline constexpr size_t kMaxHashBlockSize = 144;  // SHA3-224's rate

size_t digest_size(HashAlg alg);
size_t block_size(HashAlg alg);
// Lower-case names as OpenSSL and the Erlang reference spell them: "sha256", "sha3-256".
std::string_view hash_name(HashAlg alg);
std::optional<HashAlg> hash_from_name(std::string_view name);

// A digest of up to kMaxDigestSize bytes.
struct AnyDigest {
    std::array<uint8_t, kMaxDigestSize> bytes{};
    size_t size = 0;
    ByteView view() const { return {bytes.data(), size}; }
};

class AnyHash {
public:
    explicit AnyHash(HashAlg alg);

    HashAlg alg() const { return alg_; }
    size_t digest_size() const { return crypto::digest_size(alg_); }

    void update(ByteView data);
    // Returns the digest and resets for a new message, like the concrete hashes.
    AnyDigest final();
    void reset();

    static AnyDigest hash(HashAlg alg, ByteView data);

private:
    using Impl = std::variant<Md5, Sha1, Sha224, Sha256, Sha384, Sha512, Sha512_224, Sha512_256,
                              Sha3_224, Sha3_256, Sha3_384, Sha3_512>;
    HashAlg alg_;
    Impl impl_;
};

}  // namespace keel::crypto
