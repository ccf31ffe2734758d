// Signature schemes (DESIGN.md §3). Code points: IANA TLS SignatureScheme registry;
// names as the Erlang reference spells them (sign_scheme(), legacy_sign_scheme()).
//
// Each algorithm family provides key types with this shape (names per family):
//
//   class XPrivateKey {
//     static Result<XPrivateKey> generate(Rng& rng [, params]);
//     static Result<XPrivateKey> from_bytes(...);        // raw / seed form, validated
//     XPublicKey public_key() const;
//     Result<Bytes> sign(ByteView message, Rng& rng [, params]) const;
//   };
//   class XPublicKey {
//     static Result<XPublicKey> from_bytes(ByteView);    // validated encoding
//     Result<void> verify(ByteView message, ByteView signature [, params]) const;
//   };
//
// verify returns Errc::auth_failed for a signature that does not verify and
// Errc::malformed for one that cannot be parsed; it never crashes on any input.
// Private keys wipe themselves. Signing is constant-time in the private key and nonce.
// The TLS engine maps a SignatureScheme to one of these through crypto/sig/.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace keel::crypto {

enum class SignatureScheme : uint16_t {
    // RSASSA-PKCS1-v1_5 (TLS 1.2, and certificates)
    rsa_pkcs1_sha1 = 0x0201,
    rsa_pkcs1_sha256 = 0x0401,
    rsa_pkcs1_sha384 = 0x0501,
    rsa_pkcs1_sha512 = 0x0601,
    // ECDSA
    ecdsa_sha1 = 0x0203,
    ecdsa_secp256r1_sha256 = 0x0403,
    ecdsa_secp384r1_sha384 = 0x0503,
    ecdsa_secp521r1_sha512 = 0x0603,
    ecdsa_brainpoolP256r1tls13_sha256 = 0x081a,
    ecdsa_brainpoolP384r1tls13_sha384 = 0x081b,
    ecdsa_brainpoolP512r1tls13_sha512 = 0x081c,
    // RSASSA-PSS
    rsa_pss_rsae_sha256 = 0x0804,
    rsa_pss_rsae_sha384 = 0x0805,
    rsa_pss_rsae_sha512 = 0x0806,
    rsa_pss_pss_sha256 = 0x0809,
    rsa_pss_pss_sha384 = 0x080a,
    rsa_pss_pss_sha512 = 0x080b,
    // EdDSA
    eddsa_ed25519 = 0x0807,
    eddsa_ed448 = 0x0808,
    // ML-DSA (draft-ietf-tls-mldsa)
    mldsa44 = 0x0904,
    mldsa65 = 0x0905,
    mldsa87 = 0x0906,
    // SLH-DSA, pure mode with an empty context (draft-reddy-tls-slhdsa-02, IANA
    // considerations). PROVISIONAL: the draft is an individual submission; the values
    // 0x0911..0x091C follow its table (SHA2 sets, then SHAKE sets, each 128s, 128f,
    // 192s, 192f, 256s, 256f). The SHAKE range 0x0917..0x091C is corroborated by a
    // second implementation (wolfSSL); the SHA2 half could not be checked against the
    // IANA registry itself. Re-check before relying on interop with other stacks.
    slh_dsa_sha2_128s = 0x0911,
    slh_dsa_sha2_128f = 0x0912,
    slh_dsa_sha2_192s = 0x0913,
    slh_dsa_sha2_192f = 0x0914,
    slh_dsa_sha2_256s = 0x0915,
    slh_dsa_sha2_256f = 0x0916,
    slh_dsa_shake_128s = 0x0917,
    slh_dsa_shake_128f = 0x0918,
    slh_dsa_shake_192s = 0x0919,
    slh_dsa_shake_192f = 0x091a,
    slh_dsa_shake_256s = 0x091b,
    slh_dsa_shake_256f = 0x091c,
};

namespace detail {
struct SchemeName {
    SignatureScheme scheme;
    std::string_view name;
};
// The Erlang reference's atoms (sign_scheme(), legacy_sign_scheme(), post_quantum
// schemes), in the order of the enum above.
inline constexpr std::array<SchemeName, 34> kSchemeNames = {{
    {SignatureScheme::rsa_pkcs1_sha1, "rsa_pkcs1_sha1"},
    {SignatureScheme::rsa_pkcs1_sha256, "rsa_pkcs1_sha256"},
    {SignatureScheme::rsa_pkcs1_sha384, "rsa_pkcs1_sha384"},
    {SignatureScheme::rsa_pkcs1_sha512, "rsa_pkcs1_sha512"},
    {SignatureScheme::ecdsa_sha1, "ecdsa_sha1"},
    {SignatureScheme::ecdsa_secp256r1_sha256, "ecdsa_secp256r1_sha256"},
    {SignatureScheme::ecdsa_secp384r1_sha384, "ecdsa_secp384r1_sha384"},
    {SignatureScheme::ecdsa_secp521r1_sha512, "ecdsa_secp521r1_sha512"},
    {SignatureScheme::ecdsa_brainpoolP256r1tls13_sha256, "ecdsa_brainpoolP256r1tls13_sha256"},
    {SignatureScheme::ecdsa_brainpoolP384r1tls13_sha384, "ecdsa_brainpoolP384r1tls13_sha384"},
    {SignatureScheme::ecdsa_brainpoolP512r1tls13_sha512, "ecdsa_brainpoolP512r1tls13_sha512"},
    {SignatureScheme::rsa_pss_rsae_sha256, "rsa_pss_rsae_sha256"},
    {SignatureScheme::rsa_pss_rsae_sha384, "rsa_pss_rsae_sha384"},
    {SignatureScheme::rsa_pss_rsae_sha512, "rsa_pss_rsae_sha512"},
    {SignatureScheme::rsa_pss_pss_sha256, "rsa_pss_pss_sha256"},
    {SignatureScheme::rsa_pss_pss_sha384, "rsa_pss_pss_sha384"},
    {SignatureScheme::rsa_pss_pss_sha512, "rsa_pss_pss_sha512"},
    {SignatureScheme::eddsa_ed25519, "eddsa_ed25519"},
    {SignatureScheme::eddsa_ed448, "eddsa_ed448"},
    {SignatureScheme::mldsa44, "mldsa44"},
    {SignatureScheme::mldsa65, "mldsa65"},
    {SignatureScheme::mldsa87, "mldsa87"},
    {SignatureScheme::slh_dsa_sha2_128s, "slh_dsa_sha2_128s"},
    {SignatureScheme::slh_dsa_sha2_128f, "slh_dsa_sha2_128f"},
    {SignatureScheme::slh_dsa_sha2_192s, "slh_dsa_sha2_192s"},
    {SignatureScheme::slh_dsa_sha2_192f, "slh_dsa_sha2_192f"},
    {SignatureScheme::slh_dsa_sha2_256s, "slh_dsa_sha2_256s"},
    {SignatureScheme::slh_dsa_sha2_256f, "slh_dsa_sha2_256f"},
    {SignatureScheme::slh_dsa_shake_128s, "slh_dsa_shake_128s"},
    {SignatureScheme::slh_dsa_shake_128f, "slh_dsa_shake_128f"},
    {SignatureScheme::slh_dsa_shake_192s, "slh_dsa_shake_192s"},
    {SignatureScheme::slh_dsa_shake_192f, "slh_dsa_shake_192f"},
    {SignatureScheme::slh_dsa_shake_256s, "slh_dsa_shake_256s"},
    {SignatureScheme::slh_dsa_shake_256f, "slh_dsa_shake_256f"},
}};
}  // namespace detail

// Every scheme above, in enum order.
inline constexpr auto kAllSignatureSchemes = [] {
    std::array<SignatureScheme, detail::kSchemeNames.size()> out{};
    for (size_t i = 0; i < out.size(); i++) out[i] = detail::kSchemeNames[i].scheme;
    return out;
}();

// The Erlang atom for a scheme ("rsa_pss_rsae_sha256"); "unknown" for other code points.
constexpr std::string_view scheme_name(SignatureScheme scheme) {
    for (const auto& e : detail::kSchemeNames) {
        if (e.scheme == scheme) return e.name;
    }
    return "unknown";
}

constexpr std::optional<SignatureScheme> scheme_from_name(std::string_view name) {
    for (const auto& e : detail::kSchemeNames) {
        if (e.name == name) return e.scheme;
    }
    return std::nullopt;
}

}  // namespace keel::crypto
