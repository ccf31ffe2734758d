#include "tests/tls/engine/rfc8448_trace.h"

#include <gtest/gtest.h>

#include <cctype>
#include <sstream>

#include "tests/vectors/json.h"

namespace keel::tls::test {
namespace {

bool is_hex_byte(std::string_view tok) {
    return tok.size() == 2 && std::isxdigit(static_cast<unsigned char>(tok[0])) &&
           std::isxdigit(static_cast<unsigned char>(tok[1]));
}

std::vector<std::string> tokens(std::string_view line) {
    std::vector<std::string> out;
    std::istringstream in{std::string(line)};
    std::string t;
    while (in >> t) out.push_back(t);
    return out;
}

// "      ClientHello (196 octets):  01 00 ..." -> label, count, the rest of the line.
bool value_header(const std::string& line, std::string* label, size_t* count, std::string* rest) {
    const size_t close = line.find(" octets):");
    if (close == std::string::npos) return false;
    const size_t open = line.rfind('(', close);
    if (open == std::string::npos || open == 0) return false;
    *count = std::stoul(line.substr(open + 1, close - open - 1));
    size_t start = line.find_first_not_of(' ');
    *label = line.substr(start, open - 1 - start);
    *rest = line.substr(close + 9);
    return true;
}

}  // namespace

const Bytes& TraceStep::get(std::string_view label) const {
    for (const auto& v : values) {
        if (v.label == label) return v.bytes;
    }
    ADD_FAILURE() << "trace step '" << title << "' has no value '" << label << "'";
    static const Bytes empty;
    return empty;
}

Trace Trace::load(std::string_view section_title) {
    const std::string text = keel::test::read_vector_file("rfc8448/rfc8448-tls13-traces.txt");
    std::istringstream in(text);
    std::string line;
    bool inside = false;
    Trace t;
    TraceValue* value = nullptr;
    size_t want = 0;
    while (std::getline(in, line)) {
        // Top-level headings start in column 0 with "<digit>.".
        if (!line.empty() && std::isdigit(static_cast<unsigned char>(line[0]))) {
            if (inside) break;
            if (line.rfind(section_title, 0) == 0) inside = true;
            continue;
        }
        if (!inside) continue;
        if (value != nullptr && value->bytes.size() < want) {
            auto toks = tokens(line);
            bool all_hex = !toks.empty();
            for (const auto& tok : toks) all_hex = all_hex && is_hex_byte(tok);
            if (!all_hex) continue;  // a page header or footer inside the dump
            for (const auto& tok : toks)
                value->bytes.push_back(static_cast<uint8_t>(std::stoul(tok, nullptr, 16)));
            continue;
        }
        value = nullptr;
        const size_t brace = line.find('{');
        if (brace != std::string::npos && line.find_first_not_of(' ') == brace) {
            const size_t end = line.find('}', brace);
            TraceStep step;
            step.actor = line.substr(brace + 1, end - brace - 1);
            step.title = line.substr(line.find_first_not_of(' ', end + 1));
            t.steps_.push_back(std::move(step));
            continue;
        }
        std::string label, rest;
        size_t count = 0;
        if (!t.steps_.empty() && value_header(line, &label, &count, &rest)) {
            t.steps_.back().values.push_back({label, {}});
            value = &t.steps_.back().values.back();
            want = count;
            for (const auto& tok : tokens(rest)) {
                if (!is_hex_byte(tok)) break;  // "hash (0 octets):  (empty)"
                value->bytes.push_back(static_cast<uint8_t>(std::stoul(tok, nullptr, 16)));
            }
        }
    }
    EXPECT_TRUE(inside) << "no section " << section_title;
    return t;
}

const TraceStep& Trace::step(std::string_view actor, std::string_view title, size_t n) const {
    for (const auto& s : steps_) {
        if (s.actor == actor && s.title.rfind(title, 0) == 0) {
            if (n == 0) return s;
            n--;
        }
    }
    ADD_FAILURE() << "trace has no step {" << actor << "} " << title;
    static const TraceStep empty;
    return empty;
}

}  // namespace keel::tls::test
