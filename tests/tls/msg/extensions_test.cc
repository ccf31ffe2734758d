// Extension codecs: one test per bad-input rule, round trips of every struct, and the
// per-message table.
#include "tls/msg/extensions.h"

#include <gtest/gtest.h>

#include "tests/vectors/json.h"
#include "tls/alert.h"
#include "tls/msg/messages.h"

namespace keel::tls {
namespace {

using keel::test::unhex;

// A ClientHello whose extensions are the given (type, body) pairs, as it arrives on the wire.
Bytes client_hello_body(std::vector<RawExtension> exts) {
    ClientHello ch{.random = {}, .cipher_suites = {0x1301}, .extensions = {}};
    for (auto& e : exts) ch.extensions.push_back(std::move(e));
    Writer w;
    ch.write(w);
    return w.take();
}

Result<ClientHello> parse_ch(std::vector<RawExtension> exts) {
    return ClientHello::parse(client_hello_body(std::move(exts)));
}

RawExtension raw(ExtensionType t, const std::string& hex) {
    return RawExtension{.type = static_cast<uint16_t>(t), .data = unhex(hex)};
}

Alert alert_of_result(const auto& r) {
    EXPECT_FALSE(r.ok());
    return r.ok() ? Alert::close_notify : alert_of(r.error());
}

// Parses one extension body in a context and expects the alert.
Alert ext_alert(ExtensionType t, const std::string& hex, ExtContext ctx) {
    Bytes body = unhex(hex);
    return alert_of_result(parse_extension(static_cast<uint16_t>(t), body, ctx));
}

template <class T>
T ext_ok(ExtensionType t, const std::string& hex, ExtContext ctx) {
    Bytes body = unhex(hex);
    auto r = parse_extension(static_cast<uint16_t>(t), body, ctx);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
    if (!r) return T{};
    EXPECT_TRUE(std::holds_alternative<T>(*r));
    if (!std::holds_alternative<T>(*r)) return T{};
    // And the body re-encodes to the same bytes.
    Writer w;
    std::get<T>(*r).write(w);
    EXPECT_EQ(keel::test::hex(w.view()), hex);
    return std::get<T>(*r);
}

constexpr auto CH = ExtContext::client_hello;
constexpr auto SH = ExtContext::server_hello;
constexpr auto HRR = ExtContext::hello_retry_request;
constexpr auto EE = ExtContext::encrypted_extensions;
constexpr auto CT = ExtContext::certificate;
constexpr auto CR = ExtContext::certificate_request;
constexpr auto NST = ExtContext::new_session_ticket;

// ---- list rules ----

TEST(ExtensionList, DuplicateTypeIsIllegalParameter) {
    EXPECT_EQ(alert_of_result(parse_ch({raw(ExtensionType::supported_groups, "0002001d"),
                                        raw(ExtensionType::supported_groups, "00020017")})),
              Alert::illegal_parameter);
    // Unknown types too.
    EXPECT_EQ(alert_of_result(parse_ch({RawExtension{.type = 0x1234, .data = {}},
                                        raw(ExtensionType::supported_groups, "0002001d"),
                                        RawExtension{.type = 0x1234, .data = {1}}})),
              Alert::illegal_parameter);
    EXPECT_EQ(alert_of_result(EncryptedExtensions::parse(unhex("0008002a0000002a0000"))),
              Alert::illegal_parameter);
}

TEST(ExtensionList, PreSharedKeyMustBeLastInClientHello) {
    const std::string psk =
        "000a"
        "0004"
        "61626364"
        "00000000"
        "0021"
        "20" +
        std::string(64, '0');
    auto last = parse_ch({raw(ExtensionType::psk_key_exchange_modes, "0101"),
                          raw(ExtensionType::pre_shared_key, psk)});
    ASSERT_TRUE(last.ok()) << last.error().to_string();
    EXPECT_EQ(last->psk_binders_wire_length(), 35u);
    EXPECT_EQ(alert_of_result(parse_ch({raw(ExtensionType::pre_shared_key, psk),
                                        raw(ExtensionType::psk_key_exchange_modes, "0101")})),
              Alert::illegal_parameter);
}

TEST(ExtensionList, ExtensionLongerThanItsBlockIsDecodeError) {
    // One extension announcing 5 bytes with only 4 present.
    Bytes body = client_hello_body({});
    Bytes bad = body;
    for (uint8_t b : unhex("0008"
                           "000a0005"
                           "0002001d"))
        bad.push_back(b);
    EXPECT_EQ(alert_of_result(ClientHello::parse(bad)), Alert::decode_error);
    // A block length shorter than the extension it holds.
    bad = body;
    for (uint8_t b : unhex("0007"
                           "000a0004"
                           "0002001d"))
        bad.push_back(b);
    EXPECT_EQ(alert_of_result(ClientHello::parse(bad)), Alert::decode_error);
}

TEST(ExtensionList, BodyWithTrailingBytesIsDecodeError) {
    // supported_groups list says 2 bytes, the extension body holds 4 after it.
    EXPECT_EQ(ext_alert(ExtensionType::supported_groups, "0002001d0017", CH), Alert::decode_error);
    EXPECT_EQ(ext_alert(ExtensionType::key_share, "001d0001aa00", SH), Alert::decode_error);
    EXPECT_EQ(ext_alert(ExtensionType::early_data, "00", EE), Alert::decode_error);
    EXPECT_EQ(ext_alert(ExtensionType::supported_versions, "030400", SH), Alert::decode_error);
}

TEST(ExtensionList, UnknownExtensionsAndCodePointsAreKept) {
    auto ch = parse_ch({RawExtension{.type = 0xfe0d, .data = {1, 2, 3}},
                        raw(ExtensionType::supported_groups, "00049999001d"),
                        raw(ExtensionType::signature_algorithms, "0002abcd")});
    ASSERT_TRUE(ch.ok());
    auto* unknown = find_extension_type(ch->extensions, 0xfe0d);
    ASSERT_NE(unknown, nullptr);
    EXPECT_EQ(std::get<RawExtension>(*unknown).data, (Bytes{1, 2, 3}));
    EXPECT_EQ(find_extension<SupportedGroups>(*ch)->groups,
              (std::vector<NamedGroup>{static_cast<NamedGroup>(0x9999), NamedGroup::x25519}));
    EXPECT_EQ(find_extension<SignatureAlgorithms>(*ch)->schemes[0],
              static_cast<SignatureScheme>(0xabcd));
    auto again = encode_message(*ch);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(Bytes(again->begin() + 4, again->end()),
              client_hello_body({RawExtension{.type = 0xfe0d, .data = {1, 2, 3}},
                                 raw(ExtensionType::supported_groups, "00049999001d"),
                                 raw(ExtensionType::signature_algorithms, "0002abcd")}));
}

// ---- RFC 8446 §4.2's table ----

TEST(ExtensionTable, ForbiddenExtensionsInEachMessage) {
    auto in = [](ExtContext ctx, ExtensionType t) {
        Extensions e{RawExtension{.type = static_cast<uint16_t>(t), .data = {}}};
        return check_extensions_allowed(ctx, e).ok();
    };
    EXPECT_FALSE(in(CH, ExtensionType::oid_filters));
    EXPECT_TRUE(in(CH, ExtensionType::renegotiation_info));  // a hello may offer TLS 1.2
    EXPECT_FALSE(in(EE, ExtensionType::renegotiation_info));
    EXPECT_FALSE(in(EE, ExtensionType::key_share));
    EXPECT_FALSE(in(EE, ExtensionType::pre_shared_key));
    EXPECT_FALSE(in(EE, ExtensionType::padding));
    EXPECT_FALSE(in(EE, ExtensionType::supported_versions));
    EXPECT_TRUE(in(EE, ExtensionType::server_name));
    EXPECT_TRUE(in(EE, ExtensionType::early_data));
    EXPECT_TRUE(in(EE, ExtensionType::record_size_limit));
    EXPECT_FALSE(in(HRR, ExtensionType::early_data));
    EXPECT_FALSE(in(HRR, ExtensionType::pre_shared_key));
    EXPECT_FALSE(in(HRR, ExtensionType::server_name));
    EXPECT_TRUE(in(HRR, ExtensionType::cookie));
    EXPECT_FALSE(in(SH, ExtensionType::cookie));
    EXPECT_FALSE(in(SH, ExtensionType::early_data));
    EXPECT_TRUE(in(SH, ExtensionType::pre_shared_key));
    EXPECT_FALSE(in(CR, ExtensionType::early_data));
    EXPECT_TRUE(in(CR, ExtensionType::oid_filters));
    EXPECT_TRUE(in(CT, ExtensionType::status_request));
    EXPECT_FALSE(in(CT, ExtensionType::server_name));
    EXPECT_TRUE(in(NST, ExtensionType::early_data));
    EXPECT_FALSE(in(NST, ExtensionType::key_share));
    // Unknown types are for check_extensions_offered to judge.
    Extensions unknown{RawExtension{.type = 0x7777, .data = {}}};
    EXPECT_TRUE(check_extensions_allowed(EE, unknown).ok());
    Extensions bad{
        RawExtension{.type = static_cast<uint16_t>(ExtensionType::key_share), .data = {}}};
    EXPECT_EQ(alert_of_result(check_extensions_allowed(EE, bad)), Alert::illegal_parameter);
}

TEST(ExtensionTable, ResponsesMustHaveBeenOffered) {
    Extensions offered{SupportedGroups{.groups = {NamedGroup::x25519}},
                       ServerName{.host_name = "example.com"}};
    Extensions ee{SupportedGroups{.groups = {NamedGroup::x25519}}, ServerNameAck{}};
    EXPECT_TRUE(check_extensions_offered(EE, ee, offered).ok());
    ee.push_back(Alpn{.protocols = {"h2"}});
    EXPECT_EQ(alert_of_result(check_extensions_offered(EE, ee, offered)),
              Alert::unsupported_extension);
    // A HelloRetryRequest may send a cookie nobody asked for (RFC 8446 §4.2).
    Extensions hrr{SupportedVersionsServerHello{}, Cookie{.cookie = {1}}};
    offered.push_back(SupportedVersionsClientHello{.versions = {kTls13}});
    EXPECT_TRUE(check_extensions_offered(HRR, hrr, offered).ok());
    EXPECT_FALSE(check_extensions_offered(SH, hrr, offered).ok());
}

// ---- each extension: good forms round-trip, bad forms get the RFC's alert ----

TEST(Extensions, ServerName) {
    auto sni =
        ext_ok<ServerName>(ExtensionType::server_name, "000e00000b6578616d706c652e636f6d", CH);
    EXPECT_EQ(sni.host_name, "example.com");
    ext_ok<ServerNameAck>(ExtensionType::server_name, "", EE);
    EXPECT_EQ(ext_alert(ExtensionType::server_name, "0000", CH), Alert::decode_error);  // no name
    EXPECT_EQ(ext_alert(ExtensionType::server_name, "0003000000", CH), Alert::decode_error);
    EXPECT_EQ(ext_alert(ExtensionType::server_name,
                        "0004010001"
                        "61",
                        CH),
              Alert::illegal_parameter);
    EXPECT_EQ(ext_alert(ExtensionType::server_name,
                        "0008000001610000016"
                        "2",
                        CH),
              Alert::illegal_parameter);
    EXPECT_EQ(ext_alert(ExtensionType::server_name, "00", EE), Alert::decode_error);
}

TEST(Extensions, MaxFragmentLength) {
    for (int code = 1; code <= 4; code++) {
        char hex[3];
        snprintf(hex, sizeof hex, "%02x", code);
        auto m = ext_ok<MaxFragmentLength>(ExtensionType::max_fragment_length, hex, CH);
        EXPECT_EQ(m.bytes(), size_t{1} << (8 + code));
    }
    EXPECT_EQ(ext_alert(ExtensionType::max_fragment_length, "00", CH), Alert::illegal_parameter);
    EXPECT_EQ(ext_alert(ExtensionType::max_fragment_length, "05", EE), Alert::illegal_parameter);
    EXPECT_EQ(ext_alert(ExtensionType::max_fragment_length, "", CH), Alert::decode_error);
}

TEST(Extensions, StatusRequest) {
    auto sr = ext_ok<StatusRequest>(ExtensionType::status_request,
                                    "01"
                                    "0006"
                                    "0004aabbccdd"
                                    "0000",
                                    CH);
    ASSERT_EQ(sr.responder_ids.size(), 1u);
    EXPECT_EQ(sr.responder_ids[0], unhex("aabbccdd"));
    ext_ok<StatusRequest>(ExtensionType::status_request, "0100000000", CH);
    ext_ok<StatusRequestEmpty>(ExtensionType::status_request, "", CR);
    auto cs = ext_ok<CertificateStatus>(ExtensionType::status_request, "01000003308100", CT);
    EXPECT_EQ(cs.ocsp_response, unhex("308100"));
    // Another status type has no defined body here: kept raw.
    Bytes other = unhex("02abcd");
    auto r = parse_extension(5, other, CH);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(std::holds_alternative<RawExtension>(*r));
    EXPECT_EQ(ext_alert(ExtensionType::status_request, "01000000", CH), Alert::decode_error);
    EXPECT_EQ(ext_alert(ExtensionType::status_request,
                        "0100020000"
                        "0000",
                        CH),
              Alert::decode_error);
    EXPECT_EQ(ext_alert(ExtensionType::status_request, "01000000", CT), Alert::decode_error);
    EXPECT_EQ(ext_alert(ExtensionType::status_request, "0200000130", CT), Alert::illegal_parameter);
    EXPECT_EQ(ext_alert(ExtensionType::status_request, "00", CR), Alert::decode_error);
}

TEST(Extensions, GroupAndSchemeLists) {
    ext_ok<SupportedGroups>(ExtensionType::supported_groups, "0004001d0017", CH);
    ext_ok<SignatureAlgorithms>(ExtensionType::signature_algorithms, "000408040403", CR);
    ext_ok<SignatureAlgorithmsCert>(ExtensionType::signature_algorithms_cert, "00020807", CH);
    for (auto t : {ExtensionType::supported_groups, ExtensionType::signature_algorithms,
                   ExtensionType::signature_algorithms_cert}) {
        EXPECT_EQ(ext_alert(t, "0000", CH), Alert::decode_error);        // empty list
        EXPECT_EQ(ext_alert(t, "0003001d00", CH), Alert::decode_error);  // odd length
        EXPECT_EQ(ext_alert(t, "0004001d", CH), Alert::decode_error);    // list overruns body
        EXPECT_EQ(ext_alert(t, "", CH), Alert::decode_error);
    }
}

TEST(Extensions, Alpn) {
    auto a = ext_ok<Alpn>(ExtensionType::application_layer_protocol_negotiation,
                          "000c02683208687474702f312e31", CH);
    EXPECT_EQ(a.protocols, (std::vector<std::string>{"h2", "http/1.1"}));
    ext_ok<Alpn>(ExtensionType::application_layer_protocol_negotiation, "0003026832", EE);
    constexpr auto kAlpn = ExtensionType::application_layer_protocol_negotiation;
    EXPECT_EQ(ext_alert(kAlpn, "0000", CH), Alert::decode_error);          // empty list
    EXPECT_EQ(ext_alert(kAlpn, "000400026832", CH), Alert::decode_error);  // empty name
    EXPECT_EQ(ext_alert(kAlpn, "0003036832", CH), Alert::decode_error);    // name overruns
    EXPECT_EQ(ext_alert(kAlpn, "000c02683208687474702f312e31", EE), Alert::decode_error);  // 2
}

TEST(Extensions, PaddingRecordSizeLimitSct) {
    auto p = ext_ok<Padding>(ExtensionType::padding, "00000000", CH);
    EXPECT_EQ(p.length, 4u);
    ext_ok<Padding>(ExtensionType::padding, "", CH);
    EXPECT_EQ(ext_alert(ExtensionType::padding, "000100", CH), Alert::illegal_parameter);

    EXPECT_EQ(ext_ok<RecordSizeLimit>(ExtensionType::record_size_limit, "0040", CH).limit, 64);
    ext_ok<RecordSizeLimit>(ExtensionType::record_size_limit, "4001", EE);
    EXPECT_EQ(ext_alert(ExtensionType::record_size_limit, "003f", CH), Alert::illegal_parameter);
    EXPECT_EQ(ext_alert(ExtensionType::record_size_limit, "0000", EE), Alert::illegal_parameter);
    EXPECT_EQ(ext_alert(ExtensionType::record_size_limit, "40", CH), Alert::decode_error);

    ext_ok<SignedCertificateTimestamp>(ExtensionType::signed_certificate_timestamp, "", CH);
    ext_ok<SignedCertificateTimestamp>(ExtensionType::signed_certificate_timestamp, "0003010203",
                                       CT);
}

TEST(Extensions, PreSharedKey) {
    const std::string binder32 = "20" + std::string(64, 'a');
    auto psk = ext_ok<PreSharedKeyClientHello>(ExtensionType::pre_shared_key,
                                               "0012"
                                               "0004"
                                               "01020304"
                                               "00000010"
                                               "0002"
                                               "0506"
                                               "00000020"
                                               "0042" +
                                                   binder32 + binder32,
                                               CH);
    ASSERT_EQ(psk.identities.size(), 2u);
    EXPECT_EQ(psk.identities[1].obfuscated_ticket_age, 0x20u);
    EXPECT_EQ(psk.binders_wire_length(), 2u + 33 + 33);
    EXPECT_EQ(ext_ok<PreSharedKeyServerHello>(ExtensionType::pre_shared_key, "0001", SH)
                  .selected_identity,
              1);
    constexpr auto kPsk = ExtensionType::pre_shared_key;
    // No identity.
    EXPECT_EQ(ext_alert(kPsk,
                        "0000"
                        "0021" +
                            binder32,
                        CH),
              Alert::decode_error);
    // Empty identity.
    EXPECT_EQ(ext_alert(kPsk,
                        "0007"
                        "0000"
                        "00000000"
                        "00"
                        "0021" +
                            binder32,
                        CH),
              Alert::decode_error);
    // A 31-byte binder.
    EXPECT_EQ(ext_alert(kPsk,
                        "000a"
                        "0004"
                        "01020304"
                        "00000000"
                        "0020"
                        "1f" +
                            std::string(62, 'b'),
                        CH),
              Alert::decode_error);
    // Two identities, one binder.
    EXPECT_EQ(ext_alert(kPsk,
                        "0012"
                        "0004"
                        "01020304"
                        "00000010"
                        "0002"
                        "0506"
                        "00000020"
                        "0021" +
                            binder32,
                        CH),
              Alert::illegal_parameter);
    // No binders at all.
    EXPECT_EQ(ext_alert(kPsk,
                        "000a"
                        "0004"
                        "01020304"
                        "00000000",
                        CH),
              Alert::decode_error);
    EXPECT_EQ(ext_alert(kPsk, "00", SH), Alert::decode_error);
}

TEST(Extensions, EarlyDataSupportedVersionsCookieModes) {
    ext_ok<EarlyData>(ExtensionType::early_data, "", CH);
    ext_ok<EarlyData>(ExtensionType::early_data, "", EE);
    EXPECT_EQ(
        ext_ok<EarlyDataMaxSize>(ExtensionType::early_data, "00004000", NST).max_early_data_size,
        0x4000u);
    EXPECT_EQ(ext_alert(ExtensionType::early_data, "0000", NST), Alert::decode_error);

    auto sv =
        ext_ok<SupportedVersionsClientHello>(ExtensionType::supported_versions, "0403040303", CH);
    EXPECT_EQ(sv.versions, (std::vector<uint16_t>{kTls13, kTls12}));
    ext_ok<SupportedVersionsServerHello>(ExtensionType::supported_versions, "0304", HRR);
    EXPECT_EQ(ext_alert(ExtensionType::supported_versions, "00", CH), Alert::decode_error);
    EXPECT_EQ(ext_alert(ExtensionType::supported_versions, "030304ff", CH), Alert::decode_error);
    EXPECT_EQ(ext_alert(ExtensionType::supported_versions, "03", SH), Alert::decode_error);

    ext_ok<Cookie>(ExtensionType::cookie, "0003abcdef", HRR);
    EXPECT_EQ(ext_alert(ExtensionType::cookie, "0000", CH), Alert::decode_error);

    auto modes = ext_ok<PskKeyExchangeModes>(ExtensionType::psk_key_exchange_modes, "030001ee", CH);
    EXPECT_EQ(modes.modes[2], static_cast<PskKeyExchangeMode>(0xee));
    EXPECT_EQ(ext_alert(ExtensionType::psk_key_exchange_modes, "00", CH), Alert::decode_error);
}

TEST(Extensions, CertificateAuthoritiesPostHandshakeAuth) {
    auto ca = ext_ok<CertificateAuthorities>(ExtensionType::certificate_authorities,
                                             "000a"
                                             "0003300100"
                                             "0003300102",
                                             CR);
    EXPECT_EQ(ca.authorities.size(), 2u);
    EXPECT_EQ(ext_alert(ExtensionType::certificate_authorities, "0000", CH), Alert::decode_error);
    EXPECT_EQ(ext_alert(ExtensionType::certificate_authorities, "00020000", CH),
              Alert::decode_error);
    ext_ok<PostHandshakeAuth>(ExtensionType::post_handshake_auth, "", CH);
    EXPECT_EQ(ext_alert(ExtensionType::post_handshake_auth, "00", CH), Alert::decode_error);
}

TEST(Extensions, KeyShareForms) {
    auto ks = ext_ok<KeyShareClientHello>(ExtensionType::key_share,
                                          "000c"
                                          "001d0002aabb"
                                          "00170002ccdd",
                                          CH);
    EXPECT_EQ(ks.shares.size(), 2u);
    EXPECT_EQ(ks.find(NamedGroup::secp256r1)->key_exchange, unhex("ccdd"));
    EXPECT_EQ(ks.find(NamedGroup::x448), nullptr);
    // An empty client_shares asks the server to choose via HelloRetryRequest.
    EXPECT_TRUE(ext_ok<KeyShareClientHello>(ExtensionType::key_share, "0000", CH).shares.empty());
    ext_ok<KeyShareServerHello>(ExtensionType::key_share, "001d0002aabb", SH);
    EXPECT_EQ(
        ext_ok<KeyShareHelloRetryRequest>(ExtensionType::key_share, "0017", HRR).selected_group,
        NamedGroup::secp256r1);
    // Same group twice.
    EXPECT_EQ(ext_alert(ExtensionType::key_share,
                        "000c"
                        "001d0002aabb"
                        "001d0002ccdd",
                        CH),
              Alert::illegal_parameter);
    // Empty key_exchange.
    EXPECT_EQ(ext_alert(ExtensionType::key_share, "0004001d0000", CH), Alert::decode_error);
    EXPECT_EQ(ext_alert(ExtensionType::key_share, "001d0000", SH), Alert::decode_error);
    // The HRR form in a ServerHello, the ServerHello form in a HelloRetryRequest.
    EXPECT_EQ(ext_alert(ExtensionType::key_share, "001d", SH), Alert::decode_error);
    EXPECT_EQ(ext_alert(ExtensionType::key_share, "001d0002aabb", HRR), Alert::decode_error);
}

TEST(Extensions, EveryClientHelloFormRoundTripsThroughAMessage) {
    ClientHello ch{
        .random = {},
        .legacy_session_id = Bytes(32, 7),
        .cipher_suites = {0x1301, 0x1302},
        .extensions =
            {
                ServerName{.host_name = "keel.example"},
                MaxFragmentLength{.code = 2},
                StatusRequest{.responder_ids = {{1, 2}}, .request_extensions = {3}},
                SupportedGroups{.groups = {NamedGroup::x25519mlkem768, NamedGroup::x25519}},
                SignatureAlgorithms{.schemes = {SignatureScheme::eddsa_ed25519}},
                SignatureAlgorithmsCert{.schemes = {SignatureScheme::mldsa65}},
                Alpn{.protocols = {"h2", "http/1.1"}},
                SignedCertificateTimestamp{},
                RecordSizeLimit{.limit = 16385},
                EarlyData{},
                SupportedVersionsClientHello{.versions = {kTls13, kTls12}},
                Cookie{.cookie = {9, 9, 9}},
                PskKeyExchangeModes{.modes = {PskKeyExchangeMode::psk_dhe_ke}},
                CertificateAuthorities{.authorities = {{0x30, 0x00}}},
                PostHandshakeAuth{},
                KeyShareClientHello{
                    .shares = {{.group = NamedGroup::x25519, .key_exchange = Bytes(32, 1)}}},
                RawExtension{.type = 0xff01, .data = {0}},
                Padding{.length = 10},
                PreSharedKeyClientHello{
                    .identities = {{.identity = {1, 2, 3}, .obfuscated_ticket_age = 77}},
                    .binders = {Bytes(48, 0)}},
            },
    };
    auto bytes = encode_message(ch);
    ASSERT_TRUE(bytes.ok());
    auto back = ClientHello::parse(ByteView(*bytes).subspan(4));
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(*back, ch);
    EXPECT_EQ(client_hello_binder_prefix(*bytes, *back).size(), bytes->size() - (2 + 1 + 48));
}

}  // namespace
}  // namespace keel::tls
