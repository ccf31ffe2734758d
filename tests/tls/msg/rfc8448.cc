#include "tests/tls/msg/rfc8448.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tests/vectors/json.h"

namespace keel::tls::test {

namespace {

const std::set<std::string> kLabels = {
    "ClientHello",       "ServerHello",        "EncryptedExtensions",
    "Certificate",       "CertificateRequest", "CertificateVerify",
    "Finished",          "NewSessionTicket",   "EndOfEarlyData",
    "ClientHello prefix"};

std::string strip_formfeeds(std::string s) {
    std::erase(s, '\f');
    std::erase(s, '\r');
    return s;
}

bool blank_or_page_break(const std::string& line) {
    if (line.find_first_not_of(' ') == std::string::npos) return true;
    return line.rfind("Thomson", 0) == 0 || line.rfind("Internet-Draft", 0) == 0;
}

std::vector<TraceMessage> load() {
    std::ifstream in(std::string(KEEL_VECTORS_DIR) + "/rfc8448/rfc8448-tls13-traces.txt");
    EXPECT_TRUE(in.good()) << "missing vectors/rfc8448/rfc8448-tls13-traces.txt";
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(strip_formfeeds(l));

    const std::regex section_re(R"(^([0-9])\.  \S.*$)");
    const std::regex label_re(R"(^\s+([A-Za-z ]+) \(([0-9]+) octets\):\s+(.*)$)");
    const std::regex hex_re(R"(^\s+([0-9a-f]{2}( [0-9a-f]{2})*)\s*$)");
    std::vector<TraceMessage> out;
    int section = 0;
    std::smatch m;
    for (size_t i = 0; i < lines.size(); i++) {
        if (std::regex_match(lines[i], m, section_re)) {
            section = std::stoi(m[1]);
            continue;
        }
        if (!std::regex_match(lines[i], m, label_re)) continue;
        bool payload = m[1] == "payload";
        if (!payload && !kLabels.count(m[1])) continue;
        size_t want = std::stoul(m[2]);
        std::string hex = m[3];
        // The hex continues on the following lines, across page breaks, and stops at
        // the next line of prose (the "ClientHello prefix" block prints fewer bytes
        // than its label says).
        size_t j = i + 1;
        for (; j < lines.size() && hex.size() < want * 3 - 1; j++) {
            std::smatch hm;
            if (std::regex_match(lines[j], hm, hex_re)) {
                hex.push_back(' ');
                hex.append(hm[1].first, hm[1].second);
            } else if (!blank_or_page_break(lines[j])) {
                break;
            }
        }
        std::erase(hex, ' ');
        out.push_back({section, m[1], keel::test::unhex(hex)});
        i = j - 1;
    }
    // §4 prints the 0-RTT ClientHello without its binders (the label's octet count is
    // the partial message); the complete one is the record payload sent next.
    for (size_t k = 0; k < out.size(); k++) {
        Bytes& b = out[k].bytes;
        if (out[k].label == "payload" || out[k].label == "ClientHello prefix" || b.size() < 4) {
            continue;
        }
        size_t len = (size_t{b[1]} << 16) | (size_t{b[2]} << 8) | b[3];
        if (b.size() >= 4 + len) continue;
        for (size_t n = k + 1; n < out.size(); n++) {
            const Bytes& p = out[n].bytes;
            if (out[n].label == "payload" && p.size() == 4 + len &&
                std::equal(b.begin(), b.end(), p.begin())) {
                b = p;
                break;
            }
        }
    }
    std::erase_if(out, [](const TraceMessage& t) { return t.label == "payload"; });
    return out;
}

}  // namespace

const std::vector<TraceMessage>& rfc8448_messages() {
    static const std::vector<TraceMessage> messages = load();
    return messages;
}

const TraceMessage& rfc8448_message(int section, const std::string& label, int nth) {
    for (const TraceMessage& t : rfc8448_messages()) {
        if (t.section == section && t.label == label && nth-- == 0) return t;
    }
    static const TraceMessage none;
    ADD_FAILURE() << "RFC 8448 §" << section << " has no " << label;
    return none;
}

}  // namespace keel::tls::test
