// The cipher-suite registry: every suite keel can negotiate, with what the record layer
// and the key schedule need to know about it, and the names the Erlang reference uses.
//
//   const CipherSuiteInfo* s = find_suite(0x1301);               // by code point
//   const CipherSuiteInfo* s = find_suite("TLS_AES_128_GCM_SHA256");  // by RFC name
//   s->hash, s->aead, s->key_len, s->iv_len, s->tag_len
//
// TLS 1.3 suites (RFC 8446 §B.4) name only the AEAD and the HKDF hash; key exchange and
// authentication are negotiated separately, which Erlang spells key_exchange => any,
// mac => aead. TLS 1.2 suites will join kSuites with their own key exchange and
// min/max version; nothing else in this header has to change for them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "crypto/aead/aead.h"
#include "crypto/hash/any_hash.h"

namespace keel::tls {

// IANA TLS Cipher Suites registry.
enum class CipherSuite : uint16_t {
    // RFC 8446 §B.4
    tls_aes_128_gcm_sha256 = 0x1301,
    tls_aes_256_gcm_sha384 = 0x1302,
    tls_chacha20_poly1305_sha256 = 0x1303,
    tls_aes_128_ccm_sha256 = 0x1304,
    tls_aes_128_ccm_8_sha256 = 0x1305,
    // TLS 1.2 suites go here.
};

// Protocol versions as they appear on the wire (RFC 8446 §4.2.1, RFC 6347 §4.1).
enum class ProtocolVersion : uint16_t {
    tls1_0 = 0x0301,
    tls1_1 = 0x0302,
    tls1_2 = 0x0303,
    tls1_3 = 0x0304,
    dtls1_0 = 0xfeff,
    dtls1_2 = 0xfefd,
};

// Erlang kex_algo(): the key exchange of a TLS 1.2 suite; `any` for every TLS 1.3 suite.
enum class KeyExchange : uint8_t {
    any,
    ecdhe_ecdsa,
    ecdhe_rsa,
    ecdh_ecdsa,
    ecdh_rsa,
    rsa,
    dhe_rsa,
    dhe_dss,
    psk,
    dhe_psk,
    ecdhe_psk,
    rsa_psk,
};
std::string_view key_exchange_name(KeyExchange kx);  // "any", "ecdhe_rsa", ...

struct CipherSuiteInfo {
    CipherSuite id;
    std::string_view name;          // RFC name: "TLS_AES_128_GCM_SHA256"
    std::string_view openssl_name;  // OpenSSL's: the same as the RFC name for TLS 1.3
    // The Erlang map #{key_exchange, cipher, mac, prf}.
    KeyExchange key_exchange;
    std::string_view cipher;  // Erlang cipher(): "aes_128_gcm", "chacha20_poly1305", ...
    std::string_view mac;     // "aead" for AEAD suites, else the MAC hash ("sha256")
    std::string_view prf;     // the hash name ("sha256"), or "default_prf" (TLS 1.0/1.1)
    ProtocolVersion min_version;
    ProtocolVersion max_version;
    crypto::HashAlg hash;  // HKDF hash (TLS 1.3) or PRF hash (TLS 1.2)
    crypto::AeadAlg aead;
    size_t key_len;  // bytes of write key
    size_t iv_len;   // bytes of write IV: the full nonce in TLS 1.3 (RFC 8446 §5.3)
    size_t tag_len;

    uint16_t code() const { return static_cast<uint16_t>(id); }
    bool is_tls13() const { return min_version == ProtocolVersion::tls1_3; }
};

// Every suite in the registry, TLS 1.3 ones first, in code-point order.
std::span<const CipherSuiteInfo> all_suites();

// nullptr when the suite is not in the registry.
const CipherSuiteInfo* find_suite(CipherSuite id);
const CipherSuiteInfo* find_suite(uint16_t code);
// By RFC or OpenSSL name, exact match ("TLS_AES_128_GCM_SHA256").
const CipherSuiteInfo* find_suite(std::string_view name);
// By the Erlang map's fields, as the reference doc prints them: key_exchange "any",
// cipher "aes_128_gcm", mac "aead", prf "sha256".
const CipherSuiteInfo* find_suite(std::string_view key_exchange, std::string_view cipher,
                                  std::string_view mac, std::string_view prf);

}  // namespace keel::tls
