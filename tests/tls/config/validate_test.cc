// Every contradiction and bad value validate() knows is refused with its Erlang-shaped
// {options, ...} detail, and the neighbouring valid configurations pass (so each refusal
// is caused by the one option the test changes).
#include "tls/config/validate.h"

#include <gtest/gtest.h>

#include <string>

namespace keel::tls {
namespace {

using S = crypto::SignatureScheme;

// A DER SEQUENCE stand-in: validate() only checks the outer tag; x509 parses the rest.
const Bytes kDer = {0x30, 0x03, 0x02, 0x01, 0x01};

ClientOptions good_client() {
    return ClientOptions{.cacerts = {kDer}};
}

ServerOptions good_server() {
    return ServerOptions{
        .certs_keys = {CertKeyConf{
            .cert = {kDer}, .key_der = DerKey{KeyDerType::private_key_info, SecretBytes(kDer)}}}};
}

template <class O>
std::string refusal(const O& o) {
    auto r = validate(o);
    if (r.ok()) return "accepted";
    EXPECT_EQ(r.error().code(), Errc::options);
    return r.error().detail();
}

TEST(ValidateClient, GoodConfigurationsPass) {
    EXPECT_EQ(refusal(good_client()), "accepted");
    EXPECT_EQ(refusal(ClientOptions{.verify = Verify::none}), "accepted");
    EXPECT_EQ(refusal(ClientOptions{.cacertfile = "/etc/ssl/certs/ca.pem"}), "accepted");
    ClientOptions full = good_client();
    full.versions = std::vector<Version>{Version::tls1_3, Version::tls1_2};
    full.ciphers = std::vector<CipherSuite>{CipherSuite::tls_aes_128_gcm_sha256};
    full.signature_algs = std::vector<SignAlg>{SignAlg::scheme(S::ecdsa_secp256r1_sha256),
                                               *sign_alg_pair("sha256", "rsa")};
    full.signature_algs_cert = std::vector<SignAlg>{SignAlg::scheme(S::rsa_pkcs1_sha256)};
    full.supported_groups = std::vector<NamedGroup>{NamedGroup::x25519, NamedGroup::secp256r1};
    full.psk_groups = std::vector<NamedGroup>{NamedGroup::secp256r1};
    full.alpn_advertised_protocols = {"h2", "http/1.1"};
    full.server_name_indication = std::string("example.com");
    full.max_fragment_length = 2048;
    full.session_tickets = ClientSessionTickets::manual;
    full.use_ticket = {Bytes{1, 2, 3}};
    full.early_data = Bytes{'h', 'i'};
    full.key_update_at = 1 << 20;
    full.keep_secrets = {KeepSecrets::Mode::keylog, [](const KeylogInfo&) {}};
    full.eccs = std::vector<std::string>{"x25519", "secp256r1"};
    full.reuse_session = Bytes{9};
    EXPECT_EQ(refusal(full), "accepted");
    ClientOptions dtls = good_client();
    dtls.protocol = Protocol::dtls;
    dtls.use_srtp = UseSrtp{.protection_profiles = {Bytes{0, 1}, Bytes{0, 5}}};
    EXPECT_EQ(refusal(dtls), "accepted");
    ClientOptions tls10 = good_client();
    tls10.versions = std::vector<Version>{Version::tls1_0};
    tls10.padding_check = false;
    tls10.beast_mitigation = BeastMitigation::zero_n;
    EXPECT_EQ(refusal(tls10), "accepted");
}

// DESIGN.md §7's example, as options.h documents it.
TEST(ValidateClient, DesignExample) {
    ClientOptions opts{
        .verify = Verify::peer,
        .cacerts = {kDer},
        .versions = {{Version::tls1_3, Version::tls1_2}},
        .alpn_advertised_protocols = {"h2", "http/1.1"},
    };
    EXPECT_EQ(refusal(opts), "accepted");
    EXPECT_EQ(opts.versions->size(), 2u);
}

// ssl-reference.txt:1141-1144: verify_peer (the client default) needs cacerts or
// cacertfile.
TEST(ValidateClient, VerifyPeerNeedsTrustAnchors) {
    EXPECT_EQ(refusal(ClientOptions{}),
              "{options, incompatible, [{verify, verify_peer}, {cacerts, undefined}]}");
}

TEST(ValidateClient, Versions) {
    ClientOptions c = good_client();
    c.versions = std::vector<Version>{};
    EXPECT_EQ(refusal(c), "{options, {versions, []}}");
    c.versions = std::vector<Version>{Version::tls1_3, Version::tls1_3};
    EXPECT_EQ(refusal(c), "{options, {versions, ['tlsv1.3','tlsv1.3']}, duplicates}");
    c.versions = std::vector<Version>{Version::dtls1_2};
    EXPECT_EQ(refusal(c), "{options, incompatible, [{protocol, tls}, {versions, ['dtlsv1.2']}]}");
    c.protocol = Protocol::dtls;
    c.versions = std::vector<Version>{Version::tls1_2};
    EXPECT_EQ(refusal(c), "{options, incompatible, [{protocol, dtls}, {versions, ['tlsv1.2']}]}");
    c.protocol = Protocol::tls;
    c.versions = std::vector<Version>{static_cast<Version>(0x0305)};
    EXPECT_EQ(refusal(c), "{options, {versions, [773]}}");
}

TEST(ValidateClient, CiphersSignatureAlgsGroups) {
    ClientOptions c = good_client();
    c.ciphers = std::vector<CipherSuite>{static_cast<CipherSuite>(0x1306)};
    EXPECT_EQ(refusal(c), "{options, {ciphers, 4870}, unsupported}");
    c = good_client();
    c.signature_algs = std::vector<SignAlg>{};
    EXPECT_EQ(refusal(c), "{options, {signature_algs, []}}");
    c.signature_algs = std::vector<SignAlg>{SignAlg{0x0999, false}};
    EXPECT_EQ(refusal(c), "{options, {signature_algs, [2457]}}");
    c.signature_algs =
        std::vector<SignAlg>{SignAlg::scheme(S::eddsa_ed25519), SignAlg::scheme(S::eddsa_ed25519)};
    EXPECT_EQ(refusal(c), "{options, {signature_algs, [eddsa_ed25519,eddsa_ed25519]}, duplicates}");
    c = good_client();
    c.signature_algs_cert = std::vector<SignAlg>{*sign_alg_pair("sha256", "rsa")};
    EXPECT_EQ(refusal(c), "{options, {signature_algs_cert, [{sha256,rsa}]}}");
    c.signature_algs_cert = std::vector<SignAlg>{};
    EXPECT_EQ(refusal(c), "{options, {signature_algs_cert, []}}");
    c = good_client();
    c.supported_groups = std::vector<NamedGroup>{};
    EXPECT_EQ(refusal(c), "{options, {supported_groups, []}}");
    c.supported_groups = std::vector<NamedGroup>{NamedGroup::x25519, NamedGroup::x25519};
    EXPECT_EQ(refusal(c), "{options, {supported_groups, [x25519,x25519]}, duplicates}");
    c.supported_groups = std::vector<NamedGroup>{static_cast<NamedGroup>(0x6399)};
    EXPECT_EQ(refusal(c), "{options, {supported_groups, [unknown]}, unsupported}");
}

TEST(ValidateClient, Limits) {
    ClientOptions c = good_client();
    c.max_handshake_size = 0;
    EXPECT_EQ(refusal(c), "{options, {max_handshake_size, 0}}");
    c.max_handshake_size = 1 << 24;  // "Integer (24 bits, unsigned)"
    EXPECT_EQ(refusal(c), "{options, {max_handshake_size, 16777216}}");
    c.max_handshake_size = (1 << 24) - 1;
    EXPECT_EQ(refusal(c), "accepted");
    c = good_client();
    c.key_update_at = 0;
    EXPECT_EQ(refusal(c), "{options, {key_update_at, 0}}");
    c = good_client();
    c.max_fragment_length = 1000;
    EXPECT_EQ(refusal(c), "{options, {max_fragment_length, 1000}}");
}

TEST(ValidateClient, KeepSecretsFunMustBeGiven) {
    ClientOptions c = good_client();
    c.keep_secrets.mode = KeepSecrets::Mode::keylog;
    EXPECT_EQ(refusal(c), "{options, {keep_secrets, {keylog, undefined}}}");
    c.keep_secrets.mode = KeepSecrets::Mode::keylog_hs;
    EXPECT_EQ(refusal(c), "{options, {keep_secrets, {keylog_hs, undefined}}}");
    c.keep_secrets.mode = KeepSecrets::Mode::on;
    EXPECT_EQ(refusal(c), "accepted");
}

// ssl-reference.txt:1642-1644: secure_renegotiate false "will fail".
TEST(ValidateClient, SecureRenegotiateCannotBeOff) {
    ClientOptions c = good_client();
    c.secure_renegotiate = false;
    EXPECT_EQ(refusal(c), "{options, {secure_renegotiate, false}}");
}

// ssl-reference.txt:1548: use_srtp is "only valid for DTLS".
TEST(ValidateClient, UseSrtpIsDtlsOnly) {
    ClientOptions c = good_client();
    c.use_srtp = UseSrtp{.protection_profiles = {Bytes{0, 1}}};
    EXPECT_EQ(refusal(c), "{options, incompatible, [{use_srtp, #{}}, {protocol, tls}]}");
    c.protocol = Protocol::dtls;
    c.use_srtp = UseSrtp{};
    EXPECT_EQ(refusal(c), "{options, {use_srtp, #{protection_profiles => []}}}");
    c.use_srtp = UseSrtp{.protection_profiles = {Bytes{0, 1, 2}}};
    EXPECT_EQ(refusal(c),
              "{options, {use_srtp, #{protection_profiles => [...]}}, profile is not 2 bytes}");
}

TEST(ValidateClient, CertificatesAndKeys) {
    ClientOptions c = good_client();
    c.certs_keys = {CertKeyConf{.cert = {kDer}}};
    EXPECT_EQ(refusal(c), "{options, {certs_keys, [#{}]}, no key or keyfile}");
    c.certs_keys = {CertKeyConf{.keyfile = "key.pem"}};
    EXPECT_EQ(refusal(c), "{options, {certs_keys, [#{}]}, no cert or certfile}");
    c.certs_keys = {CertKeyConf{.cert = {Bytes{0x04, 0x00}}, .keyfile = "key.pem"}};
    EXPECT_EQ(refusal(c), "{options, {certs_keys, [#{cert}]}, not DER}");
    c.certs_keys = {CertKeyConf{.certfile = "c.pem", .key_der = DerKey{}}};
    EXPECT_EQ(refusal(c), "{options, {certs_keys, [#{key}]}, empty DER}");
    c.certs_keys = {CertKeyConf{.certfile = "c.pem", .keyfile = "k.pem"}};
    EXPECT_EQ(refusal(c), "accepted");
    c = ClientOptions{.cacerts = {Bytes{}}};
    EXPECT_EQ(refusal(c), "{options, {cacerts, [<<...>>]}, not DER}");
    c = good_client();
    c.crl_cache.kind = CrlCache::Kind::hash_dir;
    EXPECT_EQ(refusal(c), "{options, {crl_cache, {ssl_crl_hash_dir, {internal, []}}}, no dir}");
    c.crl_cache.dir = "/var/crls";
    EXPECT_EQ(refusal(c), "accepted");
}

// RFC 6066 §3: a DNS host name, no IP literal, no trailing dot.
TEST(ValidateClient, ServerNameIndication) {
    for (std::string bad :
         {std::string(""), std::string("1.2.3.4"), std::string("a..b"), std::string("::1"),
          std::string("example.com."), std::string("bad host"), std::string(64, 'a') + ".com",
          std::string(254, 'a')}) {
        ClientOptions c = good_client();
        c.server_name_indication = bad;
        EXPECT_EQ(refusal(c), "{options, {server_name_indication, \"" + bad + "\"}}") << bad;
    }
    for (std::string good :
         {"localhost", "example.com", "xn--bcher-kva.example", "a-b.c_d.e", "1.2.3.com"}) {
        ClientOptions c = good_client();
        c.server_name_indication = good;
        EXPECT_EQ(refusal(c), "accepted") << good;
    }
    ClientOptions c = good_client();
    c.server_name_indication = kSniDisable;
    EXPECT_EQ(refusal(c), "accepted");
}

// ssl-reference.txt:1025-1026: "The list of protocols must not contain an empty binary."
TEST(ValidateClient, Alpn) {
    ClientOptions c = good_client();
    c.alpn_advertised_protocols = {"h2", ""};
    EXPECT_EQ(refusal(c), "{options, {alpn_advertised_protocols, [<<\"h2\">>,<<\"\">>]}}");
    c.alpn_advertised_protocols = {std::string(256, 'x')};
    EXPECT_NE(refusal(c), "accepted");
    c.alpn_advertised_protocols = std::vector<std::string>(300, std::string(255, 'x'));
    EXPECT_NE(refusal(c).find("too long"), std::string::npos);
}

// ssl-reference.txt:1015-1017: psk_groups "Must be a subset of supported_groups".
TEST(ValidateClient, PskGroupsSubsetOfSupportedGroups) {
    ClientOptions c = good_client();
    c.supported_groups = std::vector<NamedGroup>{NamedGroup::x25519};
    c.psk_groups = std::vector<NamedGroup>{NamedGroup::secp256r1};
    EXPECT_EQ(refusal(c),
              "{options, incompatible, [{psk_groups, [secp256r1]}, {supported_groups, [x25519]}]}");
}

TEST(ValidateClient, TicketsAndEarlyData) {
    ClientOptions c = good_client();
    c.use_ticket = {Bytes{1}};
    EXPECT_EQ(refusal(c), "{options, dependency, {use_ticket, {session_tickets, [manual]}}}");
    c.session_tickets = ClientSessionTickets::automatic;
    EXPECT_EQ(refusal(c), "{options, dependency, {use_ticket, {session_tickets, [manual]}}}");
    c = good_client();
    c.early_data = Bytes{1};
    EXPECT_EQ(refusal(c), "{options, dependency, {early_data, {session_tickets, [manual, auto]}}}");
    c.session_tickets = ClientSessionTickets::automatic;
    EXPECT_EQ(refusal(c), "accepted");
}

// TLS 1.3-only options with TLS 1.3 switched off.
TEST(ValidateClient, Tls13OptionsNeedTls13) {
    auto only12 = [] {
        ClientOptions c = good_client();
        c.versions = std::vector<Version>{Version::tls1_2};
        return c;
    };
    const std::string dep = ", {versions, ['tlsv1.3']}}}";
    ClientOptions c = only12();
    c.supported_groups = std::vector<NamedGroup>{NamedGroup::x25519};
    EXPECT_EQ(refusal(c), "{options, dependency, {supported_groups" + dep);
    c = only12();
    c.key_update_at = 100;
    EXPECT_EQ(refusal(c), "{options, dependency, {key_update_at" + dep);
    c = only12();
    c.session_tickets = ClientSessionTickets::automatic;
    EXPECT_EQ(refusal(c), "{options, dependency, {session_tickets" + dep);
    c = only12();
    c.early_data = Bytes{1};
    EXPECT_EQ(refusal(c), "{options, dependency, {early_data" + dep);
    c = only12();
    c.psk_groups = std::vector<NamedGroup>{NamedGroup::x25519mlkem768};
    EXPECT_EQ(refusal(c), "{options, dependency, {psk_groups" + dep);
    c = only12();
    c.versions = std::vector<Version>{Version::tls1_1};
    c.signature_algs_cert = std::vector<SignAlg>{SignAlg::scheme(S::rsa_pkcs1_sha256)};
    EXPECT_EQ(refusal(c),
              "{options, dependency, {signature_algs_cert, {versions, ['tlsv1.3','tlsv1.2']}}}");
    EXPECT_EQ(refusal(only12()), "accepted");
}

// Pre-1.3 options with only TLS 1.3.
TEST(ValidateClient, Pre13OptionsNeedAnOlderVersion) {
    auto only13 = [] {
        ClientOptions c = good_client();
        c.versions = std::vector<Version>{Version::tls1_3};
        return c;
    };
    const std::string dep = ", {versions, ['tlsv1.2','tlsv1.1',tlsv1,'dtlsv1.2',dtlsv1]}}}";
    ClientOptions c = only13();
    c.eccs = std::vector<std::string>{"x25519"};
    EXPECT_EQ(refusal(c), "{options, dependency, {eccs" + dep);
    c = only13();
    c.reuse_session = Bytes{1};
    EXPECT_EQ(refusal(c), "{options, dependency, {reuse_session" + dep);
    c = only13();
    c.srp_identity = std::make_pair(std::string("u"), std::string("p"));
    EXPECT_EQ(refusal(c), "{options, dependency, {srp_identity" + dep);
    c = only13();
    c.fallback = true;
    EXPECT_EQ(refusal(c), "{options, dependency, {fallback" + dep);
    c = only13();
    c.psk_identity = "id";
    EXPECT_EQ(refusal(c), "{options, dependency, {psk_identity" + dep);
    c = only13();
    c.user_lookup_fun = [](ByteView) { return std::optional<SecretBytes>(); };
    EXPECT_EQ(refusal(c), "{options, dependency, {user_lookup_fun" + dep);
    c = only13();
    c.client_preferred_next_protocols = NextProtocols{.protocols = {"h2"}};
    EXPECT_EQ(refusal(c), "{options, dependency, {client_preferred_next_protocols" + dep);
    c = only13();
    c.padding_check = false;
    EXPECT_EQ(refusal(c), "{options, dependency, {padding_check, {versions, [tlsv1]}}}");
    c = only13();
    c.beast_mitigation = BeastMitigation::disabled;
    EXPECT_EQ(refusal(c), "{options, dependency, {beast_mitigation, {versions, [tlsv1]}}}");
    c = good_client();
    c.eccs = std::vector<std::string>{"sect163k1"};
    EXPECT_EQ(refusal(c), "{options, {eccs, [sect163k1]}, unsupported}");
    c.eccs = std::vector<std::string>{};
    EXPECT_EQ(refusal(c), "{options, {eccs, []}}");
    EXPECT_EQ(refusal(only13()), "accepted");
}

TEST(ValidateServer, GoodConfigurationsPass) {
    EXPECT_EQ(refusal(good_server()), "accepted");
    ServerOptions s = good_server();
    s.verify = Verify::peer;
    s.cacerts = {kDer};
    s.fail_if_no_peer_cert = false;
    s.session_tickets = ServerSessionTickets::stateless;
    s.stateless_tickets_seed = Bytes(32, 7);
    s.anti_replay = AntiReplay::k100k();
    s.early_data = ServerEarlyData::enabled;
    s.alpn_preferred_protocols = {"h2"};
    s.sni_hosts = {{"a.example", {.alpn_preferred_protocols = std::vector<std::string>{"x"}}},
                   {"b.example", {}}};
    EXPECT_EQ(refusal(s), "accepted");
    // With sni_fun, the default options may carry no certificate.
    EXPECT_EQ(refusal(ServerOptions{.sni_fun = [](std::string_view) { return SniDecision{}; }}),
              "accepted");
}

TEST(ValidateServer, NeedsACertificate) {
    // Named, not temporaries: GCC 12 -O3 reports a false maybe-uninitialized on the
    // std::function members of a large aggregate temporary.
    ServerOptions none;
    EXPECT_EQ(refusal(none), "{options, {certs_keys, []}, no certificate}");
    ServerOptions files{.certfile = "c.pem", .keyfile = "k.pem"};
    EXPECT_EQ(refusal(files), "accepted");
}

// ssl-reference.txt:1790: "The options sni_fun and sni_hosts are mutually exclusive."
TEST(ValidateServer, SniFunAndSniHostsExclude) {
    ServerOptions s = good_server();
    s.sni_hosts = {{"a.example", {}}};
    s.sni_fun = [](std::string_view) { return SniDecision{}; };
    EXPECT_EQ(refusal(s), "{options, incompatible, [sni_fun, sni_hosts]}");
}

TEST(ValidateServer, FailIfNoPeerCertNeedsVerifyPeer) {
    ServerOptions s = good_server();
    s.fail_if_no_peer_cert = true;
    EXPECT_EQ(refusal(s),
              "{options, incompatible, [{verify, verify_none}, {fail_if_no_peer_cert, true}]}");
    s.fail_if_no_peer_cert = false;
    EXPECT_EQ(refusal(s), "accepted");
    s.verify = Verify::peer;
    EXPECT_EQ(refusal(s), "{options, incompatible, [{verify, verify_peer}, {cacerts, undefined}]}");
    s.cacertfile = "ca.pem";
    s.fail_if_no_peer_cert = true;
    EXPECT_EQ(refusal(s), "accepted");
}

TEST(ValidateServer, TicketOptions) {
    ServerOptions s = good_server();
    s.versions = std::vector<Version>{Version::tls1_2};
    s.session_tickets = ServerSessionTickets::stateful;
    EXPECT_EQ(refusal(s), "{options, dependency, {session_tickets, {versions, ['tlsv1.3']}}}");
    s = good_server();
    s.versions = std::vector<Version>{Version::tls1_2};
    s.early_data = ServerEarlyData::enabled;
    EXPECT_EQ(refusal(s), "{options, dependency, {early_data, {versions, ['tlsv1.3']}}}");
    s = good_server();
    s.session_tickets = ServerSessionTickets::stateful;
    s.stateless_tickets_seed = Bytes{1};
    EXPECT_EQ(refusal(s),
              "{options, dependency, {stateless_tickets_seed, {session_tickets, "
              "[stateless, stateless_with_cert]}}}");
    s.stateless_tickets_seed.clear();
    s.anti_replay = AntiReplay::k10k();
    EXPECT_EQ(refusal(s),
              "{options, dependency, {anti_replay, {session_tickets, "
              "[stateless, stateless_with_cert]}}}");
    s.session_tickets = ServerSessionTickets::stateless_with_cert;
    s.anti_replay = AntiReplay{0, 5, 100};
    EXPECT_EQ(refusal(s), "{options, {anti_replay, {0,5,100}}}");
    s = good_server();
    s.early_data = ServerEarlyData::enabled;
    EXPECT_EQ(refusal(s),
              "{options, dependency, {early_data, {session_tickets, [stateful, "
              "stateless, stateful_with_cert, stateless_with_cert]}}}");
}

TEST(ValidateServer, Pre13Options) {
    const std::string dep = ", {versions, ['tlsv1.2','tlsv1.1',tlsv1,'dtlsv1.2',dtlsv1]}}}";
    ServerOptions s = good_server();
    s.versions = std::vector<Version>{Version::tls1_3};
    s.dh = kDer;
    EXPECT_EQ(refusal(s), "{options, dependency, {dh" + dep);
    s.dh.clear();
    s.dhfile = "dh.pem";
    EXPECT_EQ(refusal(s), "{options, dependency, {dhfile" + dep);
    s.dhfile.clear();
    s.next_protocols_advertised = {"h2"};
    EXPECT_EQ(refusal(s), "{options, dependency, {next_protocols_advertised" + dep);
    s = good_server();
    s.next_protocols_advertised = {""};
    EXPECT_EQ(refusal(s), "{options, {next_protocols_advertised, [<<\"\">>]}}");
}

TEST(ValidateServer, SniHosts) {
    ServerOptions s = good_server();
    s.sni_hosts = {{"a.example", {}}, {"A.EXAMPLE", {}}};
    EXPECT_EQ(refusal(s), "{options, {sni_hosts, [{\"A.EXAMPLE\", [...]}]}}");
    s.sni_hosts = {{"10.0.0.1", {}}};
    EXPECT_EQ(refusal(s), "{options, {sni_hosts, [{\"10.0.0.1\", [...]}]}}");
    // An override is checked as the options it produces.
    s.sni_hosts = {{"a.example", {.verify = Verify::peer}}};
    EXPECT_EQ(refusal(s),
              "{options, {sni_hosts, [{\"a.example\", {options, incompatible, "
              "[{verify, verify_peer}, {cacerts, undefined}]}}]}}");
    s.sni_hosts = {{"a.example", {.alpn_preferred_protocols = std::vector<std::string>{""}}}};
    EXPECT_EQ(refusal(s),
              "{options, {sni_hosts, [{\"a.example\", {options, "
              "{alpn_preferred_protocols, [<<\"\">>]}}}]}}");
}

TEST(ValidateServer, CommonChecksApplyToServersToo) {
    ServerOptions s = good_server();
    s.versions = std::vector<Version>{};
    EXPECT_EQ(refusal(s), "{options, {versions, []}}");
    s = good_server();
    s.use_srtp = UseSrtp{.protection_profiles = {Bytes{0, 1}}};
    EXPECT_EQ(refusal(s), "{options, incompatible, [{use_srtp, #{}}, {protocol, tls}]}");
    s = good_server();
    s.secure_renegotiate = false;
    EXPECT_EQ(refusal(s), "{options, {secure_renegotiate, false}}");
}

}  // namespace
}  // namespace keel::tls
