#include "tests/tls/msg/rfc8448.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>

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

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(' ');
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

bool blank_or_page_break(const std::string& line) {
    if (trim(line).empty()) return true;
    return line.rfind("Thomson", 0) == 0 || line.rfind("Internet-Draft", 0) == 0;
}

// "3.  Simple 1-RTT Handshake" at column 0 (the table of contents is indented).
int section_number(const std::string& line) {
    if (line.size() < 5 || !std::isdigit(static_cast<unsigned char>(line[0])) ||
        line.compare(1, 3, ".  ") != 0 || line[4] == ' ') {
        return -1;
    }
    return line[0] - '0';
}

// An indented run of lower-case hex bytes separated by single spaces.
bool is_hex_line(const std::string& line) {
    if (line.empty() || line[0] != ' ') return false;
    std::string t = trim(line);
    if (t.empty() || (t.size() + 1) % 3 != 0) return false;
    for (size_t i = 0; i < t.size(); i++) {
        bool sep = i % 3 == 2;
        if (sep ? t[i] != ' '
                : !std::isxdigit(static_cast<unsigned char>(t[i])) ||
                      std::isupper(static_cast<unsigned char>(t[i]))) {
            return false;
        }
    }
    return true;
}

// "      ClientHello (196 octets):  01 00 ..." -> label, octet count, first hex.
bool label_line(const std::string& line, std::string* label, size_t* octets, std::string* hex) {
    if (line.empty() || line[0] != ' ') return false;
    size_t open = line.find(" (");
    size_t close = line.find(" octets):");
    if (open == std::string::npos || close == std::string::npos || close <= open + 2) return false;
    std::string count = line.substr(open + 2, close - open - 2);
    if (count.empty() || count.find_first_not_of("0123456789") != std::string::npos) return false;
    *label = trim(line.substr(0, open));
    *octets = std::stoul(count);
    *hex = trim(line.substr(close + 9));
    return true;
}

std::vector<TraceMessage> load() {
    std::ifstream in(std::string(KEEL_VECTORS_DIR) + "/rfc8448/rfc8448-tls13-traces.txt");
    EXPECT_TRUE(in.good()) << "missing vectors/rfc8448/rfc8448-tls13-traces.txt";
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(strip_formfeeds(l));

    std::vector<TraceMessage> out;
    int section = 0;
    for (size_t i = 0; i < lines.size(); i++) {
        if (int n = section_number(lines[i]); n >= 0) {
            section = n;
            continue;
        }
        std::string label, hex;
        size_t want = 0;
        if (!label_line(lines[i], &label, &want, &hex)) continue;
        if (label != "payload" && !kLabels.count(label)) continue;
        // The hex continues on the following lines, across page breaks, and stops at
        // the next line of prose.
        size_t j = i + 1;
        for (; j < lines.size() && hex.size() < want * 3 - 1; j++) {
            if (is_hex_line(lines[j])) {
                hex.push_back(' ');
                hex.append(trim(lines[j]));
            } else if (!blank_or_page_break(lines[j])) {
                break;
            }
        }
        std::erase(hex, ' ');
        out.push_back({section, label, keel::test::unhex(hex)});
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
