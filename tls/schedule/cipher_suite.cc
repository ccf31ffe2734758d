#include "tls/schedule/cipher_suite.h"

#include <iterator>

namespace keel::tls {
namespace {

using crypto::AeadAlg;
using crypto::HashAlg;
constexpr auto k13 = ProtocolVersion::tls1_3;

// RFC 8446 §B.4 and §5.3: every TLS 1.3 AEAD uses a 12-byte per-record nonce, so the
// write IV is 12 bytes; RFC 8446 §5.2: CCM_8 is the one suite with an 8-byte tag.
constexpr CipherSuiteInfo kSuites[] = {
    {CipherSuite::tls_aes_128_gcm_sha256, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256",
     KeyExchange::any, "aes_128_gcm", "aead", "sha256", k13, k13, HashAlg::sha256,
     AeadAlg::aes128_gcm, 16, 12, 16},
    {CipherSuite::tls_aes_256_gcm_sha384, "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384",
     KeyExchange::any, "aes_256_gcm", "aead", "sha384", k13, k13, HashAlg::sha384,
     AeadAlg::aes256_gcm, 32, 12, 16},
    {CipherSuite::tls_chacha20_poly1305_sha256, "TLS_CHACHA20_POLY1305_SHA256",
     "TLS_CHACHA20_POLY1305_SHA256", KeyExchange::any, "chacha20_poly1305", "aead", "sha256", k13,
     k13, HashAlg::sha256, AeadAlg::chacha20_poly1305, 32, 12, 16},
    {CipherSuite::tls_aes_128_ccm_sha256, "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_SHA256",
     KeyExchange::any, "aes_128_ccm", "aead", "sha256", k13, k13, HashAlg::sha256,
     AeadAlg::aes128_ccm, 16, 12, 16},
    {CipherSuite::tls_aes_128_ccm_8_sha256, "TLS_AES_128_CCM_8_SHA256", "TLS_AES_128_CCM_8_SHA256",
     KeyExchange::any, "aes_128_ccm_8", "aead", "sha256", k13, k13, HashAlg::sha256,
     AeadAlg::aes128_ccm8, 16, 12, 8},
};

struct KxName {
    KeyExchange kx;
    std::string_view name;
};
constexpr KxName kKxNames[] = {
    {KeyExchange::any, "any"},
    {KeyExchange::ecdhe_ecdsa, "ecdhe_ecdsa"},
    {KeyExchange::ecdhe_rsa, "ecdhe_rsa"},
    {KeyExchange::ecdh_ecdsa, "ecdh_ecdsa"},
    {KeyExchange::ecdh_rsa, "ecdh_rsa"},
    {KeyExchange::rsa, "rsa"},
    {KeyExchange::dhe_rsa, "dhe_rsa"},
    {KeyExchange::dhe_dss, "dhe_dss"},
    {KeyExchange::psk, "psk"},
    {KeyExchange::dhe_psk, "dhe_psk"},
    {KeyExchange::ecdhe_psk, "ecdhe_psk"},
    {KeyExchange::rsa_psk, "rsa_psk"},
};

}  // namespace

std::string_view key_exchange_name(KeyExchange kx) {
    for (const KxName& k : kKxNames) {
        if (k.kx == kx) return k.name;
    }
    return "unknown";
}

std::span<const CipherSuiteInfo> all_suites() {
    return kSuites;
}

const CipherSuiteInfo* find_suite(CipherSuite id) {
    for (const CipherSuiteInfo& s : kSuites) {
        if (s.id == id) return &s;
    }
    return nullptr;
}

const CipherSuiteInfo* find_suite(uint16_t code) {
    return find_suite(static_cast<CipherSuite>(code));
}

const CipherSuiteInfo* find_suite(std::string_view name) {
    for (const CipherSuiteInfo& s : kSuites) {
        if (s.name == name || s.openssl_name == name) return &s;
    }
    return nullptr;
}

const CipherSuiteInfo* find_suite(std::string_view key_exchange, std::string_view cipher,
                                  std::string_view mac, std::string_view prf) {
    for (const CipherSuiteInfo& s : kSuites) {
        if (key_exchange_name(s.key_exchange) == key_exchange && s.cipher == cipher &&
            s.mac == mac && s.prf == prf) {
            return &s;
        }
    }
    return nullptr;
}

}  // namespace keel::tls
