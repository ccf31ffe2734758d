// Names <-> code points for what the options talk about, spelled as the Erlang ssl
// reference spells them: protocol versions ('tlsv1.3'), signature algorithms
// (rsa_pss_rsae_sha256, or the TLS 1.2 pair {sha256,rsa}), cipher suites
// ("TLS_AES_128_GCM_SHA256", via tls/schedule/cipher_suite.h) and groups ("x25519",
// via pq/kx/any_group.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "crypto/sig/sig.h"
#include "tls/schedule/cipher_suite.h"

namespace keel::tls {

// ---- Protocol versions (Erlang tls_version(), dtls_version()) --------------------------

// "tlsv1", "tlsv1.1", "tlsv1.2", "tlsv1.3", "dtlsv1", "dtlsv1.2".
std::string_view version_name(ProtocolVersion v);
std::optional<ProtocolVersion> version_from_name(std::string_view name);
bool is_dtls(ProtocolVersion v);
// Every version keel knows, TLS first, newest first.
const std::vector<ProtocolVersion>& all_versions();

// ---- Signature algorithms (Erlang signature_algs()) ------------------------------------

// One entry of signature_algs: a TLS 1.3 SignatureScheme (RFC 8446 §4.2.3), or a TLS 1.2
// {Hash, SignAlgo} pair (RFC 5246 §7.4.1.4.1). Both are the same 16 bits on the wire
// (hash << 8 | signature for a pair); Erlang keeps them apart because a scheme pins the
// curve and padding while a pair does not, so the config does too.
struct SignAlg {
    uint16_t code = 0;
    bool pair = false;

    static constexpr SignAlg scheme(crypto::SignatureScheme s) {
        return {static_cast<uint16_t>(s), false};
    }
    bool operator==(const SignAlg&) const = default;
};

// RFC 5246 §7.4.1.4.1 HashAlgorithm and SignatureAlgorithm, named as Erlang's hash()
// and sign_algo() atoms: md5 sha sha224 sha256 sha384 sha512; rsa dsa ecdsa.
std::optional<SignAlg> sign_alg_pair(std::string_view hash, std::string_view sign);

// "rsa_pss_rsae_sha256" for a scheme, "{sha256,rsa}" for a pair, "unknown" otherwise.
std::string sign_alg_name(SignAlg alg);
// Accepts both spellings; nullopt for anything else.
std::optional<SignAlg> sign_alg_from_name(std::string_view name);
// True when the entry names something keel can negotiate (a known scheme or pair).
bool sign_alg_known(SignAlg alg);

// ---- Cipher suites (Erlang ciphers() as a string) --------------------------------------

// "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384" -> suites, in order. An unknown name
// is {options, {ciphers, "Name"}}. Empty segments are skipped, as OpenSSL does.
Result<std::vector<CipherSuite>> parse_cipher_list(std::string_view list);

}  // namespace keel::tls
