// Every default of the option structs and of the default lists, spelled out from the
// Erlang reference (/work/shared/reference/ssl-reference.txt, cited by line) so that a
// change to options.h or defaults.cc cannot silently drift from the documentation.
#include "tls/config/defaults.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pq/kx/any_group.h"

namespace keel::tls {
namespace {

std::vector<std::string> names(const std::vector<SignAlg>& v) {
    std::vector<std::string> out;
    for (SignAlg a : v) out.push_back(sign_alg_name(a));
    return out;
}

std::vector<std::string> names(const std::vector<NamedGroup>& v) {
    std::vector<std::string> out;
    for (NamedGroup g : v) out.push_back(std::string(pq::group_name(g)));
    return out;
}

std::vector<std::string> names(const std::vector<CipherSuite>& v) {
    std::vector<std::string> out;
    for (CipherSuite c : v) out.push_back(std::string(find_suite(c)->name));
    return out;
}

std::vector<std::string> names(const std::vector<Version>& v) {
    std::vector<std::string> out;
    for (Version x : v) out.push_back(std::string(version_name(x)));
    return out;
}

// ssl-reference.txt:2898-2907, "1> ssl:signature_algs(default, 'tlsv1.3')."
const std::vector<std::string> kSigAlgsDefault13 = {"mldsa87",
                                                    "mldsa65",
                                                    "mldsa44",
                                                    "slh_dsa_shake_256f",
                                                    "slh_dsa_shake_256s",
                                                    "slh_dsa_sha2_256f",
                                                    "slh_dsa_sha2_256s",
                                                    "slh_dsa_shake_192f",
                                                    "slh_dsa_shake_192s",
                                                    "slh_dsa_sha2_192f",
                                                    "slh_dsa_sha2_192s",
                                                    "slh_dsa_shake_128f",
                                                    "slh_dsa_shake_128s",
                                                    "slh_dsa_sha2_128f",
                                                    "slh_dsa_sha2_128s",
                                                    "eddsa_ed25519",
                                                    "eddsa_ed448",
                                                    "ecdsa_secp521r1_sha512",
                                                    "ecdsa_secp384r1_sha384",
                                                    "ecdsa_secp256r1_sha256",
                                                    "ecdsa_brainpoolP512r1tls13_sha512",
                                                    "ecdsa_brainpoolP384r1tls13_sha384",
                                                    "ecdsa_brainpoolP256r1tls13_sha256",
                                                    "rsa_pss_pss_sha512",
                                                    "rsa_pss_pss_sha384",
                                                    "rsa_pss_pss_sha256",
                                                    "rsa_pss_rsae_sha512",
                                                    "rsa_pss_rsae_sha384",
                                                    "rsa_pss_rsae_sha256",
                                                    "rsa_pkcs1_sha512",
                                                    "rsa_pkcs1_sha384",
                                                    "rsa_pkcs1_sha256",
                                                    "{sha512,ecdsa}",
                                                    "{sha384,ecdsa}",
                                                    "{sha256,ecdsa}"};

// ssl-reference.txt:2933-2941, "3> [ssl:signature_algs(exclusive, 'tlsv1.3')."
const std::vector<std::string> kSigAlgsExclusive13(kSigAlgsDefault13.begin(),
                                                   kSigAlgsDefault13.end() - 3);

// ssl-reference.txt:761-790: "The TLS-1.2 default is Default_TLS_12_Alg_Pairs interleaved
// with rsa_pss_schemes ... pss_pss is preferred over pss_rsae, which in turn is preferred
// over rsa."
const std::vector<std::string> kSigAlgsDefault12 = {
    "{sha512,ecdsa}", "rsa_pss_pss_sha512", "rsa_pss_rsae_sha512", "{sha512,rsa}",
    "{sha384,ecdsa}", "rsa_pss_pss_sha384", "rsa_pss_rsae_sha384", "{sha384,rsa}",
    "{sha256,ecdsa}", "rsa_pss_pss_sha256", "rsa_pss_rsae_sha256", "{sha256,rsa}"};

TEST(Defaults, SignatureAlgs) {
    EXPECT_EQ(names(signature_algs(ListKind::default_, Version::tls1_3)), kSigAlgsDefault13);
    EXPECT_EQ(names(signature_algs(ListKind::exclusive, Version::tls1_3)), kSigAlgsExclusive13);
    EXPECT_EQ(names(signature_algs(ListKind::default_, Version::tls1_2)), kSigAlgsDefault12);
    // ssl-reference.txt:797-800: "If both TLS-1.3 and TLS-1.2 are supported the default
    // is: Default_TLS_13_Schemes ++ TLS_13_Legacy_Schemes ++ Default_TLS_12_Alg_Pairs".
    EXPECT_EQ(names(default_signature_algs({Version::tls1_3, Version::tls1_2})), kSigAlgsDefault13);
    EXPECT_EQ(names(default_signature_algs({Version::tls1_3})), kSigAlgsExclusive13);
    EXPECT_EQ(names(default_signature_algs({Version::tls1_2})), kSigAlgsDefault12);
    EXPECT_TRUE(default_signature_algs({Version::tls1_1}).empty());
}

// ssl-reference.txt:727-735: when signature_algs is not given, signature_algs_cert is the
// default signature_algs with rsa_pkcs1_sha1 appended; when signature_algs is given and
// signature_algs_cert is not, no signature_algorithms_cert extension is sent.
TEST(Defaults, SignatureAlgsCert) {
    ClientOptions c;
    auto cert = effective_signature_algs_cert(c);
    ASSERT_TRUE(cert.has_value());
    std::vector<std::string> expected = kSigAlgsDefault13;
    expected.push_back("rsa_pkcs1_sha1");
    EXPECT_EQ(names(*cert), expected);
    c.signature_algs =
        std::vector<SignAlg>{SignAlg::scheme(crypto::SignatureScheme::eddsa_ed25519)};
    EXPECT_FALSE(effective_signature_algs_cert(c).has_value());
    c.signature_algs_cert =
        std::vector<SignAlg>{SignAlg::scheme(crypto::SignatureScheme::rsa_pkcs1_sha256)};
    EXPECT_EQ(names(*effective_signature_algs_cert(c)),
              std::vector<std::string>{"rsa_pkcs1_sha256"});
}

// cipher_suites(default, 'tlsv1.3'): the reference lists no suites, only that TLS 1.3 and
// 1.2 use separate sets (ssl-reference.txt:591-594); the TLS 1.3 set and its order are
// OTP's (lib/ssl/src/tls_v1.erl, exclusive_suites(?TLS_1_3), which default_suites uses).
TEST(Defaults, CipherSuitesTls13) {
    const std::vector<std::string> expected = {
        "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256"};
    EXPECT_EQ(names(cipher_suites(ListKind::default_, Version::tls1_3)), expected);
    EXPECT_EQ(names(cipher_suites(ListKind::exclusive, Version::tls1_3)), expected);
    EXPECT_EQ(names(effective_ciphers(ClientOptions{})), expected);
    EXPECT_EQ(names(effective_ciphers(ServerOptions{})), expected);
}

// ssl-reference.txt:601-605: a list that leaves nothing for the configured versions
// "will fall back to its appropriate default value".
TEST(Defaults, CiphersFallBackWhenNothingFits) {
    ClientOptions c;
    c.ciphers = std::vector<CipherSuite>{};
    EXPECT_EQ(effective_ciphers(c).size(), 5u);
    c.ciphers = std::vector<CipherSuite>{CipherSuite::tls_chacha20_poly1305_sha256};
    EXPECT_EQ(names(effective_ciphers(c)),
              std::vector<std::string>{"TLS_CHACHA20_POLY1305_SHA256"});
}

// groups(default): the reference documents the function (ssl-reference.txt:2615-2622)
// but not the list; the order is the group() type's (ssl-reference.txt:641-645), and the
// membership OTP's groups(default): every group except the FFDHE ones.
TEST(Defaults, Groups) {
    const std::vector<std::string> expected = {"x25519mlkem768",
                                               "secp384r1mlkem1024",
                                               "secp256r1mlkem768",
                                               "mlkem1024",
                                               "mlkem768",
                                               "mlkem512",
                                               "x25519",
                                               "x448",
                                               "secp256r1",
                                               "secp384r1",
                                               "secp521r1",
                                               "brainpoolP512r1tls13",
                                               "brainpoolP384r1tls13",
                                               "brainpoolP256r1tls13"};
    EXPECT_EQ(names(default_groups()), expected);
    EXPECT_EQ(names(effective_supported_groups(ClientOptions{})), expected);
    std::vector<std::string> all = expected;
    for (const char* g : {"ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192"}) {
        all.push_back(g);
    }
    EXPECT_EQ(names(all_groups()), all);
    // ssl-reference.txt:1015-1016: psk_groups "defaults to the first group in
    // supported_groups".
    EXPECT_EQ(names(effective_psk_groups(ClientOptions{})),
              std::vector<std::string>{"x25519mlkem768"});
}

// Versions: tlsv1 and 'tlsv1.1' are "no longer supported by default"
// (ssl-reference.txt:2141-2144), dtlsv1 likewise (2029-2032).
TEST(Defaults, Versions) {
    EXPECT_EQ(names(effective_versions(ClientOptions{})),
              (std::vector<std::string>{"tlsv1.3", "tlsv1.2"}));
    EXPECT_EQ(names(default_versions(Protocol::dtls)), std::vector<std::string>{"dtlsv1.2"});
    ServerOptions s{.protocol = Protocol::dtls};
    EXPECT_EQ(names(effective_versions(s)), std::vector<std::string>{"dtlsv1.2"});
}

TEST(Defaults, ClientOptionFields) {
    ClientOptions c;
    EXPECT_EQ(c.verify, Verify::peer);         // 1141: "verify_peer, which is the default"
    EXPECT_EQ(c.depth, 10u);                   // 1419-1420: "The default value is 10."
    EXPECT_EQ(c.crl_check, CrlCheck::off);     // 1526: "Check defaults to false."
    EXPECT_FALSE(c.allow_any_ca_purpose);      // 1519: "the options default to false"
    EXPECT_FALSE(c.certificate_authorities);   // 1079: "The default is false."
    EXPECT_FALSE(c.stapling.staple);           // 1089: "no_staple (the default)"
    EXPECT_EQ(c.protocol, Protocol::tls);      // 1306: "Defaults to tls."
    EXPECT_EQ(c.handshake, Handshake::full);   // 1309: "Defaults to full."
    EXPECT_EQ(c.max_handshake_size, 262144u);  // 1349: "Defaults to 262144 since OTP 29.0"
    EXPECT_TRUE(c.middlebox_comp_mode);        // 1274: "enabled (true) by default"
    EXPECT_EQ(c.keep_secrets.mode, KeepSecrets::Mode::off);  // 1321: "disabled (false) by default"
    EXPECT_EQ(c.log_level, LogLevel::notice);  // 1357-1358: "notice level, which is the default"
    EXPECT_FALSE(c.fallback);                  // 1207: "Defaults to false."
    EXPECT_TRUE(c.secure_renegotiate);         // 1642-1646: true is "always be enforced"
    EXPECT_EQ(c.beast_mitigation, BeastMitigation::one_n_minus_one);  // 1616
    EXPECT_TRUE(c.padding_check);  // 1605-1607: false "disables" the check
    EXPECT_EQ(c.session_tickets, ClientSessionTickets::disabled);
    EXPECT_FALSE(c.max_fragment_length.has_value());  // 1003: "undefined | 512 | ..."
    EXPECT_TRUE(std::holds_alternative<std::monostate>(c.server_name_indication));  // 1058-1059
    EXPECT_TRUE(c.reuse_sessions);
}

TEST(Defaults, ServerOptionFields) {
    ServerOptions s;
    EXPECT_EQ(s.verify, Verify::none);  // 1815-1816: "By default the server is in verify_none"
    EXPECT_TRUE(effective_fail_if_no_peer_cert(s));  // 1856: "Defaults to true"
    EXPECT_FALSE(s.fail_if_no_peer_cert.has_value());
    EXPECT_FALSE(s.honor_cipher_order);      // 1776-1777: "If false (the default)"
    EXPECT_FALSE(s.honor_ecc_order);         // 1901-1902: "If false (the default)"
    EXPECT_TRUE(s.certificate_authorities);  // 1822-1823: "Defaults to true."
    EXPECT_TRUE(s.cookie);                   // 1991: "If Cookie is true, which is the default"
    EXPECT_EQ(s.early_data, ServerEarlyData::disabled);  // 2002: "The default value is disabled."
    EXPECT_TRUE(s.client_renegotiation);                 // 1877: "The default value is true."
    EXPECT_EQ(s.session_tickets, ServerSessionTickets::disabled);
    EXPECT_EQ(s.depth, 10u);
    EXPECT_EQ(s.max_handshake_size, 262144u);
    EXPECT_EQ(s.log_level, LogLevel::notice);
}

// ssl-reference.txt:1981-1985: '10k' and '100k' presets.
TEST(Defaults, AntiReplayPresets) {
    AntiReplay a = AntiReplay::k10k();
    EXPECT_EQ(a.window_seconds, 10u);
    EXPECT_EQ(a.hash_functions, 5u);
    EXPECT_EQ(a.bits, 72985u);
    AntiReplay b = AntiReplay::k100k();
    EXPECT_EQ(b.window_seconds, 10u);
    EXPECT_EQ(b.hash_functions, 5u);
    EXPECT_EQ(b.bits, 729845u);
}

TEST(Defaults, SniHostsOverrideOnlyWhatTheyName) {
    ServerOptions base{.alpn_preferred_protocols = {"h2"}};
    base.sni_hosts.push_back({"example.com",
                              {.verify = Verify::peer,
                               .alpn_preferred_protocols = std::vector<std::string>{"http/1.1"}}});
    ServerOptions other = options_for_host(base, "other.example");
    EXPECT_EQ(other.alpn_preferred_protocols, std::vector<std::string>{"h2"});
    ServerOptions ex = options_for_host(base, "EXAMPLE.com");
    EXPECT_EQ(ex.verify, Verify::peer);
    EXPECT_EQ(ex.alpn_preferred_protocols, std::vector<std::string>{"http/1.1"});
    EXPECT_EQ(ex.honor_cipher_order, base.honor_cipher_order);
}

}  // namespace
}  // namespace keel::tls
