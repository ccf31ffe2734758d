// Message codecs: truncation, trailing bytes, bad lengths and values, and the rules
// that belong to one message (HRR, CertificateRequest, KeyUpdate, ...).
#include "tls/msg/messages.h"

#include <gtest/gtest.h>

#include "tests/tls/msg/rfc8448.h"
#include "tests/vectors/json.h"
#include "tls/alert.h"

namespace keel::tls {
namespace {

using keel::test::unhex;
using test::rfc8448_message;
using test::rfc8448_messages;

Alert alert_of_result(const auto& r) {
    EXPECT_FALSE(r.ok());
    return r.ok() ? Alert::close_notify : alert_of(r.error());
}

ByteView body_of(const Bytes& message) {
    return ByteView(message).subspan(4);
}

template <class M>
Bytes body(const M& m) {
    Writer w;
    m.write(w);
    return w.take();
}

// Where a hello may legally end without extensions (RFC 5246 §7.4.1.2).
size_t end_of_legacy_fields(const Bytes& hello_body, bool client) {
    size_t at = 2 + 32;
    at += 1 + hello_body[at];  // session id
    if (client) {
        at += 2 + ((size_t{hello_body[at]} << 8) | hello_body[at + 1]);  // cipher suites
        at += 1 + hello_body[at];                                        // compression
    } else {
        at += 3;
    }
    return at;
}

TEST(Messages, EveryTruncationOfEveryTraceMessageIsDecodeError) {
    size_t cases = 0;
    for (const auto& t : rfc8448_messages()) {
        if (t.label == "ClientHello prefix" || t.label == "Finished") continue;
        auto type = static_cast<HandshakeType>(t.bytes[0]);
        ByteView full = body_of(t.bytes);
        bool hello = type == HandshakeType::client_hello || type == HandshakeType::server_hello;
        bool hrr = type == HandshakeType::server_hello &&
                   std::equal(kHelloRetryRequestRandom.begin(), kHelloRetryRequestRandom.end(),
                              full.begin() + 2);
        size_t legacy_end =
            hello ? end_of_legacy_fields(t.bytes.size() ? Bytes(full.begin(), full.end()) : Bytes{},
                                         type == HandshakeType::client_hello)
                  : 0;
        for (size_t n = 0; n < full.size(); n++) {
            auto r = parse_message(type, full.first(n));
            if (hello && !hrr && n == legacy_end) {
                // A TLS 1.2-style hello without an extension block is well formed.
                ASSERT_TRUE(r.ok()) << t.label;
                std::visit(
                    [](const auto& m) {
                        if constexpr (requires { m.extensions; }) {
                            EXPECT_TRUE(m.extensions.empty());
                        }
                    },
                    *r);
                continue;
            }
            ASSERT_FALSE(r.ok()) << t.section << " " << t.label << " cut at " << n;
            EXPECT_EQ(alert_of(r.error()), Alert::decode_error)
                << t.section << " " << t.label << " cut at " << n << ": " << r.error().to_string();
            cases++;
        }
    }
    EXPECT_GT(cases, 5000u);
}

TEST(Messages, TrailingByteIsDecodeError) {
    for (const auto& t : rfc8448_messages()) {
        // Finished is all verify_data: its length is checked against the hash by the caller.
        if (t.label == "ClientHello prefix" || t.label == "Finished") continue;
        Bytes longer(t.bytes.begin() + 4, t.bytes.end());
        longer.push_back(0);
        auto r = parse_message(static_cast<HandshakeType>(t.bytes[0]), longer);
        EXPECT_EQ(alert_of_result(r), Alert::decode_error) << t.section << " " << t.label;
    }
}

TEST(Messages, TypesWithoutATls13MessageAreUnexpected) {
    for (int type : {0, 3, 12, 14, 16, 22, 254, 99}) {
        auto r = parse_message(static_cast<HandshakeType>(type), {});
        EXPECT_EQ(alert_of_result(r), Alert::unexpected_message) << type;
    }
}

// ---- ClientHello ----

Bytes simple_client_hello_body() {
    const Bytes& m = rfc8448_message(3, "ClientHello").bytes;
    return Bytes(m.begin() + 4, m.end());
}

TEST(ClientHelloCodec, BadLegacyFields) {
    ClientHello ch = *ClientHello::parse(simple_client_hello_body());
    ch.legacy_session_id = Bytes(33, 1);  // <0..32>
    EXPECT_EQ(alert_of_result(ClientHello::parse(body(ch))), Alert::decode_error);
    ch.legacy_session_id = Bytes(32, 1);
    EXPECT_TRUE(ClientHello::parse(body(ch)).ok());
    ch.cipher_suites = {};  // <2..2^16-2>
    EXPECT_EQ(alert_of_result(ClientHello::parse(body(ch))), Alert::decode_error);
    ch.cipher_suites = {0x1301};
    ch.legacy_compression_methods = {};  // <1..2^8-1>
    EXPECT_EQ(alert_of_result(ClientHello::parse(body(ch))), Alert::decode_error);
    // Odd cipher_suites length.
    Bytes b = simple_client_hello_body();
    ASSERT_EQ(b[34], 0);  // empty session id
    ASSERT_EQ(b[36], 6);  // 3 suites
    b[36] = 5;
    EXPECT_EQ(alert_of_result(ClientHello::parse(b)), Alert::decode_error);
}

TEST(ClientHelloCodec, WrongExtensionBlockLength) {
    Bytes b = simple_client_hello_body();
    size_t at = end_of_legacy_fields(b, true);
    for (int delta : {-1, 1}) {
        Bytes bad = b;
        uint16_t len = static_cast<uint16_t>((bad[at] << 8 | bad[at + 1]) + delta);
        bad[at] = static_cast<uint8_t>(len >> 8);
        bad[at + 1] = static_cast<uint8_t>(len);
        EXPECT_EQ(alert_of_result(ClientHello::parse(bad)), Alert::decode_error) << delta;
    }
}

TEST(ClientHelloCodec, OidFiltersIsForbidden) {
    ClientHello ch{.random = {},
                   .cipher_suites = {0x1301},
                   .extensions = {RawExtension{.type = 48, .data = {0, 0}}}};
    EXPECT_EQ(alert_of_result(ClientHello::parse(body(ch))), Alert::illegal_parameter);
}

TEST(ClientHelloCodec, BinderPrefixWithoutPskIsTheWholeMessage) {
    const Bytes& m = rfc8448_message(3, "ClientHello").bytes;
    auto ch = ClientHello::parse(body_of(m));
    ASSERT_TRUE(ch.ok());
    EXPECT_EQ(client_hello_binder_prefix(m, *ch).size(), m.size());
}

// ---- ServerHello / HelloRetryRequest ----

ServerHello hrr_with(Extensions exts) {
    return ServerHello{
        .random = kHelloRetryRequestRandom, .cipher_suite = 0x1301, .extensions = std::move(exts)};
}

TEST(ServerHelloCodec, HelloRetryRequestRoundTrips) {
    ServerHello hrr = hrr_with({KeyShareHelloRetryRequest{.selected_group = NamedGroup::x25519},
                                SupportedVersionsServerHello{}, Cookie{.cookie = {1, 2}}});
    auto back = ServerHello::parse(body(hrr));
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_TRUE(back->is_hello_retry_request());
    EXPECT_EQ(*back, hrr);
}

TEST(ServerHelloCodec, HelloRetryRequestWithForbiddenExtensions) {
    const Extension forbidden[] = {
        ServerNameAck{},
        EarlyData{},
        PreSharedKeyServerHello{.selected_identity = 0},
        Alpn{.protocols = {"h2"}},
        RawExtension{.type = static_cast<uint16_t>(ExtensionType::supported_groups),
                     .data = {0, 2, 0, 0x1d}},
        RawExtension{.type = static_cast<uint16_t>(ExtensionType::renegotiation_info), .data = {0}},
    };
    for (const Extension& e : forbidden) {
        ServerHello hrr = hrr_with({SupportedVersionsServerHello{}, e});
        EXPECT_EQ(alert_of_result(ServerHello::parse(body(hrr))), Alert::illegal_parameter)
            << extension_type(e);
    }
}

TEST(ServerHelloCodec, HelloRetryRequestNeedsExtensions) {
    ServerHello hrr = hrr_with({});
    Bytes b = body(hrr);  // ends with an empty block: below <6..2^16-1>
    EXPECT_EQ(alert_of_result(ServerHello::parse(b)), Alert::decode_error);
    b.resize(b.size() - 2);  // no block at all
    EXPECT_EQ(alert_of_result(ServerHello::parse(b)), Alert::decode_error);
}

TEST(ServerHelloCodec, Tls13ServerHelloTableApplies) {
    ServerHello sh{.random = {},
                   .cipher_suite = 0x1301,
                   .extensions = {SupportedVersionsServerHello{}, Cookie{.cookie = {1}}}};
    EXPECT_EQ(alert_of_result(ServerHello::parse(body(sh))), Alert::illegal_parameter);
    sh.extensions = {SupportedVersionsServerHello{},
                     RawExtension{.type = static_cast<uint16_t>(ExtensionType::early_data)}};
    EXPECT_EQ(alert_of_result(ServerHello::parse(body(sh))), Alert::illegal_parameter);
    sh.extensions = {
        SupportedVersionsServerHello{},
        KeyShareServerHello{.share = {.group = NamedGroup::x25519, .key_exchange = Bytes(32, 3)}},
        PreSharedKeyServerHello{.selected_identity = 0}};
    auto ok = ServerHello::parse(body(sh));
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(*ok, sh);
}

TEST(ServerHelloCodec, Tls12ServerHelloKeepsItsExtensions) {
    // No supported_versions: a TLS 1.2 hello, whose extensions TLS 1.3's table forbids.
    ServerHello sh{.random = {},
                   .legacy_session_id_echo = Bytes(32, 5),
                   .cipher_suite = 0xc02f,
                   .extensions = {
                       RawExtension{.type = 0xff01, .data = {0}},
                       RawExtension{.type = 11, .data = {1, 0}},
                       RawExtension{.type = 23, .data = {}},
                       ServerNameAck{},
                       Alpn{.protocols = {"http/1.1"}},
                   }};
    auto back = ServerHello::parse(body(sh));
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(*back, sh);
    sh.extensions = {};
    back = ServerHello::parse(body(sh));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(body(*back), body(sh));  // no extension block is written back
}

TEST(ServerHelloCodec, DowngradeSentinelsAreTheRfcStrings) {
    EXPECT_EQ(Bytes(kDowngradeTls12.begin(), kDowngradeTls12.end()), unhex("444f574e47524401"));
    EXPECT_EQ(Bytes(kDowngradeTls11.begin(), kDowngradeTls11.end()), unhex("444f574e47524400"));
}

// ---- EncryptedExtensions, Certificate, CertificateRequest ----

TEST(EncryptedExtensionsCodec, ForbiddenAndMalformed) {
    EncryptedExtensions ee{.extensions = {KeyShareServerHello{
                               .share = {.group = NamedGroup::x25519, .key_exchange = {1}}}}};
    // key_share has no EE form, so it is kept raw and rejected by the table.
    EXPECT_EQ(alert_of_result(EncryptedExtensions::parse(body(ee))), Alert::illegal_parameter);
    ee.extensions = {Padding{.length = 3}};
    EXPECT_EQ(alert_of_result(EncryptedExtensions::parse(body(ee))), Alert::illegal_parameter);
    ee.extensions = {Alpn{.protocols = {"a", "b"}}};
    EXPECT_EQ(alert_of_result(EncryptedExtensions::parse(body(ee))), Alert::decode_error);
    EXPECT_EQ(alert_of_result(EncryptedExtensions::parse({})), Alert::decode_error);
    ee.extensions = {Alpn{.protocols = {"h2"}}, EarlyData{}, ServerNameAck{},
                     RecordSizeLimit{.limit = 1000}, MaxFragmentLength{.code = 4}};
    auto back = EncryptedExtensions::parse(body(ee));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, ee);
}

TEST(CertificateCodec, EntriesAndTheirExtensions) {
    Certificate c{.certificate_request_context = {7},
                  .certificate_list = {
                      {.cert_data = {0x30, 0x00},
                       .extensions = {CertificateStatus{.ocsp_response = {0x30, 0x01, 0x00}},
                                      SignedCertificateTimestamp{.data = {0, 0}}}},
                      {.cert_data = {0x30, 0x01, 0x02}, .extensions = {}},
                  }};
    auto back = Certificate::parse(body(c));
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(*back, c);
    // An empty list is a valid (client) Certificate.
    EXPECT_TRUE(Certificate::parse(unhex("00000000")).ok());

    Certificate bad = c;
    bad.certificate_list[1].cert_data = {};  // <1..2^24-1>
    EXPECT_EQ(alert_of_result(Certificate::parse(body(bad))), Alert::decode_error);
    bad = c;
    bad.certificate_list[1].extensions = {ServerNameAck{}};
    EXPECT_EQ(alert_of_result(Certificate::parse(body(bad))), Alert::illegal_parameter);
    bad = c;
    bad.certificate_list[0].extensions.push_back(RawExtension{.type = 18, .data = {}});
    EXPECT_EQ(alert_of_result(Certificate::parse(body(bad))), Alert::illegal_parameter);
    // List length one short.
    Bytes b = body(c);
    b[3]--;
    EXPECT_EQ(alert_of_result(Certificate::parse(b)), Alert::decode_error);
}

TEST(CertificateRequestCodec, NeedsSignatureAlgorithms) {
    CertificateRequest cr{.certificate_request_context = {},
                          .extensions = {CertificateAuthorities{.authorities = {{0x30, 0x00}}}}};
    EXPECT_EQ(alert_of_result(CertificateRequest::parse(body(cr))), Alert::missing_extension);
    cr.extensions.push_back(
        SignatureAlgorithms{.schemes = {SignatureScheme::ecdsa_secp256r1_sha256}});
    cr.extensions.push_back(StatusRequestEmpty{});
    cr.extensions.push_back(RawExtension{.type = 48, .data = {0, 0}});  // oid_filters
    auto back = CertificateRequest::parse(body(cr));
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(*back, cr);
    cr.extensions.push_back(EarlyData{});
    EXPECT_EQ(alert_of_result(CertificateRequest::parse(body(cr))), Alert::illegal_parameter);
    // <2..2^16-1>: an empty block is malformed before it is incomplete.
    EXPECT_EQ(alert_of_result(CertificateRequest::parse(unhex("000000"))), Alert::decode_error);
}

// ---- the small ones ----

TEST(SmallMessages, CertificateVerify) {
    CertificateVerify cv{.algorithm = SignatureScheme::eddsa_ed25519, .signature = Bytes(64, 1)};
    auto back = CertificateVerify::parse(body(cv));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, cv);
    EXPECT_EQ(alert_of_result(CertificateVerify::parse(unhex("0807"))), Alert::decode_error);
    EXPECT_EQ(alert_of_result(CertificateVerify::parse(unhex("08070002aa"))), Alert::decode_error);
}

TEST(SmallMessages, FinishedAndEndOfEarlyData) {
    EXPECT_EQ(alert_of_result(Finished::parse({})), Alert::decode_error);
    EXPECT_TRUE(EndOfEarlyData::parse({}).ok());
    EXPECT_EQ(alert_of_result(EndOfEarlyData::parse(unhex("00"))), Alert::decode_error);
}

TEST(SmallMessages, KeyUpdate) {
    EXPECT_EQ(KeyUpdate::parse(unhex("01"))->request_update, KeyUpdateRequest::update_requested);
    EXPECT_EQ(KeyUpdate::parse(unhex("00"))->request_update,
              KeyUpdateRequest::update_not_requested);
    EXPECT_EQ(alert_of_result(KeyUpdate::parse(unhex("02"))), Alert::illegal_parameter);
    EXPECT_EQ(alert_of_result(KeyUpdate::parse(unhex("ff"))), Alert::illegal_parameter);
    EXPECT_EQ(alert_of_result(KeyUpdate::parse({})), Alert::decode_error);
    EXPECT_EQ(alert_of_result(KeyUpdate::parse(unhex("0000"))), Alert::decode_error);
}

TEST(SmallMessages, NewSessionTicket) {
    NewSessionTicket nst{.ticket_lifetime = 7200,
                         .ticket_age_add = 0xdeadbeef,
                         .ticket_nonce = {1},
                         .ticket = {1, 2, 3},
                         .extensions = {EarlyDataMaxSize{.max_early_data_size = 16384}}};
    auto back = NewSessionTicket::parse(body(nst));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, nst);
    NewSessionTicket bad = nst;
    bad.ticket = {};  // <1..2^16-1>
    EXPECT_EQ(alert_of_result(NewSessionTicket::parse(body(bad))), Alert::decode_error);
    bad = nst;
    bad.extensions = {EarlyData{}};  // the empty CH/EE form has no place here
    EXPECT_EQ(alert_of_result(NewSessionTicket::parse(body(bad))), Alert::decode_error);
    bad.extensions = {KeyShareHelloRetryRequest{.selected_group = NamedGroup::x25519}};
    EXPECT_EQ(alert_of_result(NewSessionTicket::parse(body(bad))), Alert::illegal_parameter);
}

}  // namespace
}  // namespace keel::tls
