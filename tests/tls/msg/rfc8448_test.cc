// Every handshake message printed in RFC 8448 parses, and re-encoding the parsed
// struct gives back the exact bytes. Then the fields the state machines will read
// are checked against what the trace says.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/tls/msg/rfc8448.h"
#include "tests/vectors/json.h"
#include "tls/msg/handshake.h"
#include "tls/msg/messages.h"

namespace keel::tls {
namespace {

using test::rfc8448_message;
using test::rfc8448_messages;

template <class T>
T parse_trace(int section, const std::string& label, int nth = 0) {
    const Bytes& raw = rfc8448_message(section, label, nth).bytes;
    HandshakeReader hr;
    EXPECT_TRUE(hr.feed(raw).ok());
    auto msg = hr.next();
    EXPECT_TRUE(msg.has_value());
    if (!msg) return T{};
    EXPECT_EQ(msg->type, T::kType);
    auto parsed = T::parse(msg->body());
    EXPECT_TRUE(parsed.ok()) << label << ": " << parsed.error().to_string();
    if (!parsed) return T{};
    return *parsed;
}

TEST(Rfc8448, FindsEveryHandshakeMessage) {
    const auto& all = rfc8448_messages();
    std::set<std::string> labels;
    std::set<int> sections;
    for (const auto& m : all) {
        ASSERT_GE(m.bytes.size(), 4u);
        size_t len = (size_t{m.bytes[1]} << 16) | (size_t{m.bytes[2]} << 8) | m.bytes[3];
        // Every message is complete except the binder-less prefix.
        if (m.label != "ClientHello prefix") {
            EXPECT_EQ(m.bytes.size(), 4 + len) << m.label;
        }
        labels.insert(m.label);
        sections.insert(m.section);
    }
    EXPECT_EQ(all.size(), 41u);
    EXPECT_EQ(labels.size(), 10u);
    EXPECT_EQ(sections, (std::set<int>{3, 4, 5, 6, 7}));
}

TEST(Rfc8448, EveryMessageParsesAndReencodesExactly) {
    int checked = 0;
    for (const auto& t : rfc8448_messages()) {
        if (t.label == "ClientHello prefix") continue;
        SCOPED_TRACE("RFC 8448 section " + std::to_string(t.section) + " " + t.label);
        HandshakeReader hr;
        ASSERT_TRUE(hr.feed(t.bytes).ok());
        auto msg = hr.next();
        ASSERT_TRUE(msg.has_value());
        EXPECT_FALSE(hr.has_partial());
        EXPECT_EQ(msg->raw, t.bytes);
        auto parsed = parse_message(*msg);
        ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
        EXPECT_EQ(message_type(*parsed), msg->type);
        auto again = encode_message(*parsed);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(keel::test::hex(*again), keel::test::hex(t.bytes));
        checked++;
    }
    EXPECT_EQ(checked, 40);
}

TEST(Rfc8448, SimpleClientHelloFields) {
    auto ch = parse_trace<ClientHello>(3, "ClientHello");
    EXPECT_EQ(ch.legacy_version, kTls12);
    EXPECT_TRUE(ch.legacy_session_id.empty());
    EXPECT_EQ(ch.cipher_suites, (std::vector<uint16_t>{0x1301, 0x1303, 0x1302}));
    EXPECT_EQ(ch.legacy_compression_methods, Bytes{0});
    ASSERT_EQ(ch.extensions.size(), 9u);

    auto* sni = find_extension<ServerName>(ch);
    ASSERT_NE(sni, nullptr);
    EXPECT_EQ(sni->host_name, "server");
    auto* groups = find_extension<SupportedGroups>(ch);
    ASSERT_NE(groups, nullptr);
    EXPECT_EQ(groups->groups,
              (std::vector<NamedGroup>{
                  NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1,
                  NamedGroup::secp521r1, NamedGroup::ffdhe2048, NamedGroup::ffdhe3072,
                  NamedGroup::ffdhe4096, NamedGroup::ffdhe6144, NamedGroup::ffdhe8192}));
    auto* ks = find_extension<KeyShareClientHello>(ch);
    ASSERT_NE(ks, nullptr);
    ASSERT_EQ(ks->shares.size(), 1u);
    ASSERT_NE(ks->find(NamedGroup::x25519), nullptr);
    EXPECT_EQ(keel::test::hex(ks->find(NamedGroup::x25519)->key_exchange),
              "4cfdfcd178b784bf328cae793b136f2aedce005ff183d7bb1495207236647037");
    auto* sv = find_extension<SupportedVersionsClientHello>(ch);
    ASSERT_NE(sv, nullptr);
    EXPECT_EQ(sv->versions, std::vector<uint16_t>{kTls13});
    auto* sigs = find_extension<SignatureAlgorithms>(ch);
    ASSERT_NE(sigs, nullptr);
    EXPECT_EQ(sigs->schemes.size(), 15u);
    EXPECT_EQ(sigs->schemes.front(), SignatureScheme::ecdsa_secp256r1_sha256);
    auto* modes = find_extension<PskKeyExchangeModes>(ch);
    ASSERT_NE(modes, nullptr);
    EXPECT_EQ(modes->modes, std::vector<PskKeyExchangeMode>{PskKeyExchangeMode::psk_dhe_ke});
    auto* rsl = find_extension<RecordSizeLimit>(ch);
    ASSERT_NE(rsl, nullptr);
    EXPECT_EQ(rsl->limit, 0x4001);
    // renegotiation_info and session_ticket have no struct: kept raw.
    auto* reneg = find_extension_type(ch.extensions, ExtensionType::renegotiation_info);
    ASSERT_NE(reneg, nullptr);
    EXPECT_EQ(std::get<RawExtension>(*reneg).data, Bytes{0});
    EXPECT_NE(find_extension_type(ch.extensions, ExtensionType::session_ticket), nullptr);
    EXPECT_EQ(ch.psk_binders_wire_length(), 0u);
}

TEST(Rfc8448, SimpleServerFlightFields) {
    auto sh = parse_trace<ServerHello>(3, "ServerHello");
    EXPECT_FALSE(sh.is_hello_retry_request());
    EXPECT_EQ(sh.cipher_suite, 0x1301);
    auto* ks = find_extension<KeyShareServerHello>(sh);
    ASSERT_NE(ks, nullptr);
    EXPECT_EQ(ks->share.group, NamedGroup::x25519);
    EXPECT_EQ(keel::test::hex(ks->share.key_exchange),
              "c7bb6bdfc26350b929a08a41a76ddac210b096868d960c4845987dc3a7fa650a");
    ASSERT_NE(find_extension<SupportedVersionsServerHello>(sh), nullptr);
    EXPECT_EQ(find_extension<SupportedVersionsServerHello>(sh)->selected_version, kTls13);

    auto ee = parse_trace<EncryptedExtensions>(3, "EncryptedExtensions");
    EXPECT_NE(find_extension<SupportedGroups>(ee), nullptr);
    EXPECT_NE(find_extension<ServerNameAck>(ee), nullptr);
    ASSERT_NE(find_extension<RecordSizeLimit>(ee), nullptr);

    auto cert = parse_trace<Certificate>(3, "Certificate");
    EXPECT_TRUE(cert.certificate_request_context.empty());
    ASSERT_EQ(cert.certificate_list.size(), 1u);
    EXPECT_EQ(cert.certificate_list[0].cert_data.size(), 0x1b0u);
    EXPECT_EQ(cert.certificate_list[0].cert_data[0], 0x30);  // DER SEQUENCE
    EXPECT_TRUE(cert.certificate_list[0].extensions.empty());

    auto cv = parse_trace<CertificateVerify>(3, "CertificateVerify");
    EXPECT_EQ(cv.algorithm, SignatureScheme::rsa_pss_rsae_sha256);
    EXPECT_EQ(cv.signature.size(), 128u);

    auto fin = parse_trace<Finished>(3, "Finished");
    EXPECT_EQ(keel::test::hex(fin.verify_data),
              "4c92b1b256d861a1830167827d3e288d1a76f03484e9ec886d4ff66149cbec2f");
}

TEST(Rfc8448, TicketIsTheIdentityOfTheResumedHello) {
    auto nst = parse_trace<NewSessionTicket>(3, "NewSessionTicket");
    EXPECT_EQ(nst.ticket_lifetime, 30u);
    EXPECT_EQ(nst.ticket_age_add, 0x933d0932u);
    EXPECT_EQ(nst.ticket_nonce, (Bytes{0, 0}));
    EXPECT_EQ(nst.ticket.size(), 0xb2u);
    auto* ed = find_extension<EarlyDataMaxSize>(nst);
    ASSERT_NE(ed, nullptr);
    EXPECT_EQ(ed->max_early_data_size, 0x400u);

    auto ch = parse_trace<ClientHello>(4, "ClientHello");
    ASSERT_FALSE(ch.extensions.empty());
    auto* psk = std::get_if<PreSharedKeyClientHello>(&ch.extensions.back());
    ASSERT_NE(psk, nullptr) << "pre_shared_key must be last";
    ASSERT_EQ(psk->identities.size(), 1u);
    EXPECT_EQ(psk->identities[0].identity, nst.ticket);
    // RFC 8446 §4.2.11.1: obfuscated age = ticket age (here 5 ms) + ticket_age_add.
    EXPECT_EQ(psk->identities[0].obfuscated_ticket_age - nst.ticket_age_add, 5u);
    ASSERT_EQ(psk->binders.size(), 1u);
    EXPECT_EQ(psk->binders[0].size(), 32u);
    EXPECT_NE(find_extension<EarlyData>(ch), nullptr);
    ASSERT_NE(find_extension<Padding>(ch), nullptr);
    EXPECT_EQ(find_extension<Padding>(ch)->length, 0x57u);
    EXPECT_EQ(ch.psk_binders_wire_length(), 35u);
}

TEST(Rfc8448, BinderPrefixMatchesTheTrace) {
    const Bytes& raw = rfc8448_message(4, "ClientHello").bytes;
    const Bytes& prefix = rfc8448_message(4, "ClientHello prefix").bytes;
    auto ch = parse_trace<ClientHello>(4, "ClientHello");
    ByteView got = client_hello_binder_prefix(raw, ch);
    EXPECT_EQ(keel::test::hex(got), keel::test::hex(prefix));
    EXPECT_EQ(got.size(), raw.size() - 35);
    EXPECT_EQ(raw.size(), 512u);
}

TEST(Rfc8448, ResumedServerFlightFields) {
    auto sh = parse_trace<ServerHello>(4, "ServerHello");
    auto* psk = find_extension<PreSharedKeyServerHello>(sh);
    ASSERT_NE(psk, nullptr);
    EXPECT_EQ(psk->selected_identity, 0);
    auto ee = parse_trace<EncryptedExtensions>(4, "EncryptedExtensions");
    EXPECT_NE(find_extension<EarlyData>(ee), nullptr);
    parse_trace<EndOfEarlyData>(4, "EndOfEarlyData");
}

TEST(Rfc8448, HelloRetryRequestFields) {
    auto ch1 = parse_trace<ClientHello>(5, "ClientHello", 0);
    auto hrr = parse_trace<ServerHello>(5, "ServerHello", 0);
    auto ch2 = parse_trace<ClientHello>(5, "ClientHello", 1);
    auto sh = parse_trace<ServerHello>(5, "ServerHello", 1);

    ASSERT_TRUE(hrr.is_hello_retry_request());
    EXPECT_FALSE(sh.is_hello_retry_request());
    auto* sel = find_extension<KeyShareHelloRetryRequest>(hrr);
    ASSERT_NE(sel, nullptr);
    EXPECT_EQ(sel->selected_group, NamedGroup::secp256r1);
    auto* cookie = find_extension<Cookie>(hrr);
    ASSERT_NE(cookie, nullptr);
    EXPECT_EQ(cookie->cookie.size(), 0x72u);
    EXPECT_EQ(find_extension<KeyShareServerHello>(hrr), nullptr);
    EXPECT_TRUE(
        check_extensions_offered(ExtContext::hello_retry_request, hrr.extensions, ch1.extensions)
            .ok());

    // ClientHello2 echoes the cookie and now offers a share for the selected group.
    ASSERT_NE(find_extension<Cookie>(ch2), nullptr);
    EXPECT_EQ(*find_extension<Cookie>(ch2), *cookie);
    auto* ks2 = find_extension<KeyShareClientHello>(ch2);
    ASSERT_NE(ks2, nullptr);
    ASSERT_EQ(ks2->shares.size(), 1u);
    EXPECT_EQ(ks2->shares[0].group, NamedGroup::secp256r1);
    EXPECT_EQ(ks2->shares[0].key_exchange.size(), 65u);  // uncompressed P-256 point
    EXPECT_EQ(ch1.random, ch2.random);
    auto* ks = find_extension<KeyShareServerHello>(sh);
    ASSERT_NE(ks, nullptr);
    EXPECT_EQ(ks->share.group, NamedGroup::secp256r1);
}

TEST(Rfc8448, ClientAuthenticationFields) {
    auto cr = parse_trace<CertificateRequest>(6, "CertificateRequest");
    EXPECT_TRUE(cr.certificate_request_context.empty());
    ASSERT_NE(find_extension<SignatureAlgorithms>(cr), nullptr);
    EXPECT_EQ(find_extension<SignatureAlgorithms>(cr)->schemes.size(), 15u);

    auto server_cv = parse_trace<CertificateVerify>(6, "CertificateVerify", 0);
    EXPECT_EQ(server_cv.algorithm, SignatureScheme::ecdsa_secp256r1_sha256);
    auto client_cert = parse_trace<Certificate>(6, "Certificate", 1);
    ASSERT_EQ(client_cert.certificate_list.size(), 1u);
    auto client_cv = parse_trace<CertificateVerify>(6, "CertificateVerify", 1);
    EXPECT_EQ(client_cv.algorithm, SignatureScheme::rsa_pss_rsae_sha256);
}

TEST(Rfc8448, CompatibilityModeEchoesTheSessionId) {
    auto ch = parse_trace<ClientHello>(7, "ClientHello");
    auto sh = parse_trace<ServerHello>(7, "ServerHello");
    EXPECT_EQ(ch.legacy_session_id.size(), 32u);
    EXPECT_EQ(sh.legacy_session_id_echo, ch.legacy_session_id);
}

TEST(Rfc8448, ServerFlightReassemblesFromAnySplit) {
    // The §3 server flight as one byte stream, cut into records of every size.
    std::vector<Bytes> flight;
    for (const char* label :
         {"ServerHello", "EncryptedExtensions", "Certificate", "CertificateVerify", "Finished"}) {
        flight.push_back(rfc8448_message(3, label).bytes);
    }
    Bytes stream;
    for (const Bytes& m : flight) stream.insert(stream.end(), m.begin(), m.end());
    for (size_t chunk = 1; chunk <= stream.size(); chunk += (chunk < 40 ? 1 : 37)) {
        HandshakeReader hr;
        std::vector<Bytes> got;
        for (size_t at = 0; at < stream.size(); at += chunk) {
            size_t n = std::min(chunk, stream.size() - at);
            ASSERT_TRUE(hr.feed(ByteView(stream).subspan(at, n)).ok());
            while (auto m = hr.next()) got.push_back(m->raw);
        }
        EXPECT_EQ(got, flight) << "chunk " << chunk;
        EXPECT_FALSE(hr.has_partial());
    }
}

}  // namespace
}  // namespace keel::tls
