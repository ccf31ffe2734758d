// The TLS 1.2 PRF (RFC 5246 §5) and the TLS 1.0/1.1 PRF (RFC 2246 §5, RFC 4346 §5),
// generic over keel hashes (see crypto/mac/hmac.h).
//
//   tls12_prf<Sha256>(pre_master, "master secret", randoms, master);   // or Sha384
//   tls10_prf<Md5, Sha1>(secret, "key expansion", randoms, key_block);
//
// Neither can fail: every output length is defined. Constant time: the secret only
// keys HMAC; lengths (public) are all that branch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/bytes.h"
#include "base/secret.h"
#include "crypto/mac/hmac.h"

namespace keel::crypto {

namespace detail {

// RFC 5246 §5: P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed)
// + ..., A(0) = seed, A(i) = HMAC(secret, A(i-1)); here seed = label + seed. With
// xor_into the stream is XORed into `out` instead of written (the TLS 1.0 combiner).
template <class H>
void p_hash(ByteView secret, ByteView label, ByteView seed, MutableByteView out, bool xor_into) {
    Hmac<H> mac(secret);
    mac.update(label);
    mac.update(seed);
    typename H::Digest a = mac.final();  // A(1)
    typename H::Digest block{};
    for (size_t done = 0; done < out.size();) {
        mac.update(a);
        mac.update(label);
        mac.update(seed);
        block = mac.final();
        size_t take = out.size() - done < block.size() ? out.size() - done : block.size();
        for (size_t i = 0; i < take; i++) {
            out[done + i] = xor_into ? static_cast<uint8_t>(out[done + i] ^ block[i]) : block[i];
        }
        done += take;
        if (done < out.size()) {
            mac.update(a);
            a = mac.final();
        }
    }
    secure_wipe(a.data(), a.size());
    secure_wipe(block.data(), block.size());
}

}  // namespace detail

// RFC 5246 §5: PRF(secret, label, seed) = P_<hash>(secret, label + seed). TLS 1.2
// cipher suites name the hash (SHA-256 unless the suite says SHA-384).
template <class H>
void tls12_prf(ByteView secret, std::string_view label, ByteView seed, MutableByteView out) {
    detail::p_hash<H>(secret, as_bytes(label), seed, out, false);
}

// RFC 2246 §5: the secret is split into halves S1 and S2 of ceil(len/2) bytes each
// (sharing the middle byte when len is odd), and
//   PRF(secret, label, seed) = P_MD5(S1, label + seed) XOR P_SHA-1(S2, label + seed).
// Md5 and Sha1 are template parameters so that this header depends on no hash.
template <class Md5, class Sha1>
void tls10_prf(ByteView secret, std::string_view label, ByteView seed, MutableByteView out) {
    size_t half = (secret.size() + 1) / 2;
    ByteView s1 = secret.first(half);
    ByteView s2 = secret.last(half);
    detail::p_hash<Md5>(s1, as_bytes(label), seed, out, false);
    detail::p_hash<Sha1>(s2, as_bytes(label), seed, out, true);
}

}  // namespace keel::crypto
