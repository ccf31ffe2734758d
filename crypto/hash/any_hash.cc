#include "crypto/hash/any_hash.h"

namespace keel::crypto {
namespace {

struct Info {
    HashAlg alg;
    std::string_view name;
    size_t digest;
    size_t block;
};

// Indexed by HashAlg; the variant in AnyHash lists its alternatives in the same order.
constexpr Info kInfo[] = {
    {HashAlg::md5, "md5", Md5::kDigestSize, Md5::kBlockSize},
    {HashAlg::sha1, "sha1", Sha1::kDigestSize, Sha1::kBlockSize},
    {HashAlg::sha224, "sha224", Sha224::kDigestSize, Sha224::kBlockSize},
    {HashAlg::sha256, "sha256", Sha256::kDigestSize, Sha256::kBlockSize},
    {HashAlg::sha384, "sha384", Sha384::kDigestSize, Sha384::kBlockSize},
    {HashAlg::sha512, "sha512", Sha512::kDigestSize, Sha512::kBlockSize},
    {HashAlg::sha512_224, "sha512-224", Sha512_224::kDigestSize, Sha512_224::kBlockSize},
    {HashAlg::sha512_256, "sha512-256", Sha512_256::kDigestSize, Sha512_256::kBlockSize},
    {HashAlg::sha3_224, "sha3-224", Sha3_224::kDigestSize, Sha3_224::kBlockSize},
    {HashAlg::sha3_256, "sha3-256", Sha3_256::kDigestSize, Sha3_256::kBlockSize},
    {HashAlg::sha3_384, "sha3-384", Sha3_384::kDigestSize, Sha3_384::kBlockSize},
    {HashAlg::sha3_512, "sha3-512", Sha3_512::kDigestSize, Sha3_512::kBlockSize},
};

constexpr bool table_in_enum_order() {
    for (size_t i = 0; i < std::size(kInfo); i++) {
        if (static_cast<size_t>(kInfo[i].alg) != i) return false;
        if (kInfo[i].digest > kMaxDigestSize || kInfo[i].block > kMaxHashBlockSize) return false;
    }
    return true;
}
static_assert(table_in_enum_order());

const Info& info(HashAlg alg) { return kInfo[static_cast<size_t>(alg)]; }

template <size_t I = 0, class V>
V make(HashAlg alg) {
    if constexpr (I + 1 < std::variant_size_v<V>) {
        if (static_cast<size_t>(alg) != I) return make<I + 1, V>(alg);
    }
    return V(std::in_place_index<I>);
}

}  // namespace

size_t digest_size(HashAlg alg) { return info(alg).digest; }
size_t block_size(HashAlg alg) { return info(alg).block; }
std::string_view hash_name(HashAlg alg) { return info(alg).name; }

std::optional<HashAlg> hash_from_name(std::string_view name) {
    for (const Info& i : kInfo) {
        if (i.name == name) return i.alg;
    }
    return std::nullopt;
}

AnyHash::AnyHash(HashAlg alg) : alg_(alg), impl_(make<0, Impl>(alg)) {}

void AnyHash::update(ByteView data) {
    std::visit([&](auto& h) { h.update(data); }, impl_);
}

AnyDigest AnyHash::final() {
    AnyDigest out;
    std::visit(
        [&](auto& h) {
            auto d = h.final();
            std::copy(d.begin(), d.end(), out.bytes.begin());
            out.size = d.size();
        },
        impl_);
    return out;
}

void AnyHash::reset() {
    std::visit([](auto& h) { h.reset(); }, impl_);
}

AnyDigest AnyHash::hash(HashAlg alg, ByteView data) {
    AnyHash h(alg);
    h.update(data);
    return h.final();
}

}  // namespace keel::crypto
