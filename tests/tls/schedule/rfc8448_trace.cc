#include "tests/tls/schedule/rfc8448_trace.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <sstream>

namespace keel::test {
namespace {

bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

// Lines the RFC's pagination inserts in the middle of anything.
bool is_page_noise(std::string_view line) {
    return line.empty() || line.find_first_not_of(" \f") == std::string_view::npos ||
           starts_with(line, "Thomson ") || starts_with(line, "\fInternet-Draft") ||
           starts_with(line, "Internet-Draft") || starts_with(line, "RFC 8448");
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Appends the space-separated hex octets of `text`; false on anything else.
bool append_octets(std::string_view text, Bytes& out) {
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ') {
            i++;
            continue;
        }
        if (i + 1 >= text.size()) return false;
        int hi = hex_value(text[i]), lo = hex_value(text[i + 1]);
        if (hi < 0 || lo < 0) return false;
        out.push_back(static_cast<uint8_t>(hi << 4 | lo));
        i += 2;
        if (i < text.size() && text[i] != ' ') return false;
    }
    return true;
}

// "      name (N octets):  hex..." -> name, N, rest.
bool parse_field_header(std::string_view line, std::string* name, size_t* octets,
                        std::string_view* rest) {
    if (!starts_with(line, "      ") || starts_with(line, "       ")) return false;
    size_t open = line.find(" (");
    size_t close = line.find(" octets):");
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
        return false;
    }
    *name = std::string(line.substr(6, open - 6));
    std::string_view n = line.substr(open + 2, close - open - 2);
    if (n.empty()) return false;
    size_t v = 0;
    for (char c : n) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        v = v * 10 + static_cast<size_t>(c - '0');
    }
    *octets = v;
    *rest = line.substr(close + 9);
    return true;
}

std::vector<TraceSection> parse(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        lines.push_back(l);
    }
    std::vector<TraceSection> sections;
    for (size_t i = 0; i < lines.size(); i++) {
        std::string_view line = lines[i];
        // "3.  Simple 1-RTT Handshake": a section heading starts in column 0.
        if (!line.empty() && std::isdigit(static_cast<unsigned char>(line[0]))) {
            size_t dot = line.find(".  ");
            if (dot != std::string_view::npos && dot <= 2) {
                TraceSection s;
                s.number = std::stoi(std::string(line.substr(0, dot)));
                s.title = std::string(line.substr(dot + 3));
                sections.push_back(std::move(s));
            }
            continue;
        }
        if (sections.empty()) continue;
        if (starts_with(line, "   {client}  ") || starts_with(line, "   {server}  ")) {
            TraceStep step;
            step.who = std::string(line.substr(4, 6));
            step.title = std::string(line.substr(13));
            sections.back().steps.push_back(std::move(step));
            continue;
        }
        std::string name;
        size_t octets = 0;
        std::string_view rest;
        if (sections.back().steps.empty() || !parse_field_header(line, &name, &octets, &rest)) {
            continue;
        }
        TraceField f;
        f.name = name;
        if (rest.find("(empty)") == std::string_view::npos) {
            EXPECT_TRUE(append_octets(rest, f.value)) << "line " << i + 1;
        }
        // Continuation lines (9 spaces, hex) until the announced length is reached.
        while (f.value.size() < octets && i + 1 < lines.size()) {
            std::string_view next = lines[i + 1];
            if (is_page_noise(next)) {
                i++;
                continue;
            }
            if (!starts_with(next, "         ")) break;
            i++;
            EXPECT_TRUE(append_octets(next.substr(9), f.value)) << "line " << i + 1;
        }
        EXPECT_EQ(f.value.size(), octets) << "field " << name << " at line " << i + 1;
        sections.back().steps.back().fields.push_back(std::move(f));
    }
    return sections;
}

std::string read_trace() {
    std::string path = std::string(KEEL_VECTORS_DIR) + "/rfc8448/rfc8448-tls13-traces.txt";
    std::ifstream f(path, std::ios::binary);
    EXPECT_TRUE(f.good()) << "cannot open " << path;
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

}  // namespace

const Bytes* TraceStep::field(std::string_view name) const {
    for (const TraceField& f : fields) {
        if (f.name == name) return &f.value;
    }
    return nullptr;
}

const Bytes& TraceStep::at(std::string_view name) const {
    static const Bytes kEmpty;
    const Bytes* b = field(name);
    EXPECT_NE(b, nullptr) << "step '" << title << "' has no field '" << name << "'";
    return b ? *b : kEmpty;
}

const std::vector<TraceSection>& rfc8448_sections() {
    static const std::vector<TraceSection> sections = parse(read_trace());
    return sections;
}

const TraceSection& rfc8448_section(int number) {
    static const TraceSection kNone;
    for (const TraceSection& s : rfc8448_sections()) {
        if (s.number == number && !s.steps.empty()) return s;
    }
    ADD_FAILURE() << "RFC 8448 has no section " << number;
    return kNone;
}

}  // namespace keel::test
