// RFC 8448's TLS 1.3 traces, parsed from the RFC text: the record layer must produce
// every protected record of the simple 1-RTT handshake (§3) and the 0-RTT early data
// record (§4) byte for byte from the traffic keys, and open them back.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/hash/sha256.h"
#include "crypto/kdf/hkdf.h"
#include "tests/vectors/json.h"
#include "tls/alert.h"
#include "tls/record/record_reader.h"
#include "tls/record/record_writer.h"
#include "tls/record/tls13_protection.h"

namespace keel::tls {
namespace {

// One "{client}  ..." or "{server}  ..." step and its labelled hex values
// ("complete record", "payload", "key expanded", ...).
struct Step {
    std::string title;
    std::map<std::string, Bytes> values;
};

bool is_hex_byte(const std::string& t) {
    return t.size() == 2 && std::isxdigit(static_cast<unsigned char>(t[0])) &&
           std::isxdigit(static_cast<unsigned char>(t[1]));
}

std::vector<std::string> tokens(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string t; in >> t;) out.push_back(t);
    return out;
}

// The steps of the trace section that starts with `section` ("3.  Simple 1-RTT").
// A value is "label (N octets):  hex..." continued on following lines until N bytes;
// page headers and footers inside a value are skipped.
std::vector<Step> load_section(const std::string& section) {
    std::ifstream f(KEEL_RFC8448_TRACES);
    EXPECT_TRUE(f.good()) << KEEL_RFC8448_TRACES;
    std::vector<Step> steps;
    bool in = false;
    std::string label;
    size_t want = 0;
    Bytes* value = nullptr;
    for (std::string line; std::getline(f, line);) {
        if (!line.empty() && std::isdigit(static_cast<unsigned char>(line[0]))) {
            if (in) break;  // the next section
            in = line.rfind(section, 0) == 0;
            continue;
        }
        if (!in) continue;
        if (value && value->size() < want) {
            auto t = tokens(line);
            bool all_hex = !t.empty();
            for (const auto& x : t) all_hex = all_hex && is_hex_byte(x);
            if (!all_hex) continue;
            for (const auto& x : t) value->push_back(static_cast<uint8_t>(std::stoul(x, 0, 16)));
            continue;
        }
        value = nullptr;
        const size_t brace = line.find('{');
        if (brace == 3) {
            steps.push_back({line.substr(brace), {}});
            continue;
        }
        const size_t octets = line.find(" octets):");
        if (octets != std::string::npos && !steps.empty()) {
            const size_t open = line.rfind('(', octets);
            label = line.substr(0, open);
            label.erase(0, label.find_first_not_of(' '));
            label.erase(label.find_last_not_of(' ') + 1);
            want = std::stoul(line.substr(open + 1));
            value = &steps.back().values[label];
            for (const auto& x : tokens(line.substr(octets + 9))) {
                if (is_hex_byte(x)) value->push_back(static_cast<uint8_t>(std::stoul(x, 0, 16)));
            }
        }
    }
    return steps;
}

// The nth step whose title starts with `prefix`.
const Step& step(const std::vector<Step>& steps, const std::string& prefix, int nth = 0) {
    for (const auto& s : steps) {
        if (s.title.rfind(prefix, 0) == 0 && nth-- == 0) return s;
    }
    ADD_FAILURE() << "no step " << prefix;
    static const Step kNone;
    return kNone;
}

const Bytes& value(const Step& s, const std::string& label) {
    auto it = s.values.find(label);
    if (it == s.values.end()) {
        ADD_FAILURE() << s.title << ": no " << label;
        static const Bytes kEmpty;
        return kEmpty;
    }
    return it->second;
}

// Keys from a "derive ... traffic keys" step: derives them from the PRK (the traffic
// secret) with HKDF-Expand-Label as the key schedule will, checks them against the
// trace, and builds the protection (TLS_AES_128_GCM_SHA256 throughout the traces).
Tls13RecordProtection keys_from(const Step& s) {
    const Bytes& secret = value(s, "PRK");
    Bytes key(16), iv(12);
    EXPECT_TRUE(crypto::hkdf_expand_label<crypto::Sha256>(secret, "key", {}, key).ok());
    EXPECT_TRUE(crypto::hkdf_expand_label<crypto::Sha256>(secret, "iv", {}, iv).ok());
    EXPECT_EQ(test::hex(key), test::hex(value(s, "key expanded"))) << s.title;
    EXPECT_EQ(test::hex(iv), test::hex(value(s, "iv expanded"))) << s.title;
    auto p = Tls13RecordProtection::create(crypto::AeadAlg::aes128_gcm, key, iv);
    EXPECT_TRUE(p.ok());
    return std::move(*p);
}

// Seals the step's payload as `type` with `write` (at its current sequence number)
// and expects the trace's complete record; then opens that record with `read`, fed
// one byte at a time through a protected RecordReader.
void check_record(const Step& s, ContentType type, Tls13RecordProtection& write,
                  Tls13RecordProtection& read) {
    const Bytes& payload = value(s, "payload");
    const Bytes& want = value(s, "complete record");
    ASSERT_FALSE(payload.empty());
    ASSERT_EQ(want.size(), payload.size() + 5 + 1 + 16) << s.title;

    Bytes rec(write.sealed_size(payload.size(), 0));
    std::copy(payload.begin(), payload.end(), rec.begin() + 5);
    ASSERT_TRUE(write.seal(type, payload.size(), 0, rec).ok());
    EXPECT_EQ(test::hex(rec), test::hex(want)) << s.title;

    RecordReader reader;
    reader.set_protected(true);
    std::optional<Record> got;
    for (uint8_t b : want) {
        ASSERT_EQ(reader.feed(ByteView(&b, 1)), 1u);
        auto r = reader.next();
        ASSERT_TRUE(r.ok());
        if (*r) got = **r;
    }
    ASSERT_TRUE(got.has_value());
    auto pt = read.open(*got);
    ASSERT_TRUE(pt.ok()) << pt.error().to_string();
    EXPECT_EQ(pt->type, type);
    EXPECT_EQ(test::hex(pt->content), test::hex(payload));
}

TEST(Rfc8448, Simple1RttProtectedRecords) {
    const auto steps = load_section("3.  Simple 1-RTT Handshake");
    ASSERT_FALSE(steps.empty());

    // Server handshake flight: EncryptedExtensions..Finished in one record, seq 0.
    auto server_hs_w = keys_from(step(steps, "{server}  derive write traffic keys for handshake"));
    auto server_hs_r = keys_from(step(steps, "{server}  derive write traffic keys for handshake"));
    check_record(step(steps, "{server}  send handshake record:", 1), ContentType::handshake,
                 server_hs_w, server_hs_r);

    // Client Finished (its second handshake record) under the client handshake key (the server's
    // read key), seq 0.
    auto client_hs_w = keys_from(step(steps, "{server}  derive read traffic keys for handshake"));
    auto client_hs_r = keys_from(step(steps, "{server}  derive read traffic keys for handshake"));
    check_record(step(steps, "{client}  send handshake record:", 1), ContentType::handshake,
                 client_hs_w, client_hs_r);

    // Server application traffic: NewSessionTicket (seq 0), data (1), close_notify (2).
    auto server_ap_w =
        keys_from(step(steps, "{server}  derive write traffic keys for application"));
    auto server_ap_r =
        keys_from(step(steps, "{server}  derive write traffic keys for application"));
    check_record(step(steps, "{server}  send handshake record:", 2), ContentType::handshake,
                 server_ap_w, server_ap_r);
    check_record(step(steps, "{server}  send application_data record:"),
                 ContentType::application_data, server_ap_w, server_ap_r);
    check_record(step(steps, "{server}  send alert record:"), ContentType::alert, server_ap_w,
                 server_ap_r);
    EXPECT_EQ(server_ap_w.sequence(), 3u);

    // Client application traffic: data (seq 0), close_notify (1).
    auto client_ap_w =
        keys_from(step(steps, "{client}  derive write traffic keys for application"));
    auto client_ap_r =
        keys_from(step(steps, "{client}  derive write traffic keys for application"));
    check_record(step(steps, "{client}  send application_data record:"),
                 ContentType::application_data, client_ap_w, client_ap_r);
    check_record(step(steps, "{client}  send alert record:"), ContentType::alert, client_ap_w,
                 client_ap_r);
}

TEST(Rfc8448, Simple1RttPlaintextRecords) {
    const auto steps = load_section("3.  Simple 1-RTT Handshake");
    // ClientHello (record version 0x0301) and ServerHello (0x0303), framed by the
    // writer and read back by the reader under the matching version rule.
    struct Case {
        const Step& s;
        uint16_t version;
        RecordVersionRule rule;
    };
    for (const Case& c : {Case{step(steps, "{client}  send handshake record:"), 0x0301,
                               RecordVersionRule::first_client_hello},
                          Case{step(steps, "{server}  send handshake record:"), 0x0303,
                               RecordVersionRule::exact_0303}}) {
        const Bytes& payload = value(c.s, "payload");
        const Bytes& want = value(c.s, "complete record");
        RecordWriter w;
        w.set_plaintext_version(c.version);
        Bytes out;
        ASSERT_TRUE(w.write(ContentType::handshake, payload, out).ok());
        EXPECT_EQ(test::hex(out), test::hex(want));

        RecordReader reader;
        reader.set_version_rule(c.rule);
        reader.feed(want);
        auto rec = reader.next();
        ASSERT_TRUE(rec.ok() && rec->has_value());
        EXPECT_EQ((*rec)->version, c.version);
        EXPECT_EQ(test::hex((*rec)->fragment), test::hex(payload));
    }
}

TEST(Rfc8448, ZeroRttEarlyDataRecord) {
    const auto steps = load_section("4.  Resumed 0-RTT Handshake");
    ASSERT_FALSE(steps.empty());
    auto w = keys_from(step(steps, "{client}  derive write traffic keys for early"));
    auto r = keys_from(step(steps, "{client}  derive write traffic keys for early"));
    check_record(step(steps, "{client}  send application_data record:"),
                 ContentType::application_data, w, r);
}

TEST(Rfc8448, TamperedTraceRecordIsBadRecordMac) {
    const auto steps = load_section("3.  Simple 1-RTT Handshake");
    auto r = keys_from(step(steps, "{server}  derive read traffic keys for handshake"));
    Bytes rec = value(step(steps, "{client}  send handshake record:", 1), "complete record");
    rec[20] ^= 0x80;
    RecordReader reader;
    reader.set_protected(true);
    reader.feed(rec);
    auto got = reader.next();
    ASSERT_TRUE(got.ok() && got->has_value());
    auto pt = r.open(**got);
    ASSERT_FALSE(pt.ok());
    EXPECT_EQ(pt.error().alert(), static_cast<uint8_t>(Alert::bad_record_mac));
    EXPECT_EQ(r.sequence(), 0u);
}

}  // namespace
}  // namespace keel::tls
