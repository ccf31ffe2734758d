// Reads the RFC 8448 trace document (vectors/rfc8448/rfc8448-tls13-traces.txt) into
// sections of steps of named hex fields, exactly as printed:
//
//   5.  HelloRetryRequest                              -> Section{number 5, title}
//      {server}  derive secret "tls13 c hs traffic":   -> Step{who "server", title}
//         PRK (32 octets):  f2 c6 ...                  -> Field{"PRK", bytes}
//
// Page headers and footers inside a field are skipped; a field ends when it holds the
// number of octets it announced, and the reader fails the test otherwise.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"

namespace keel::test {

struct TraceField {
    std::string name;
    Bytes value;
};

struct TraceStep {
    std::string who;    // "client" or "server"
    std::string title;  // first line, after the role: derive secret "tls13 c hs traffic":
    std::vector<TraceField> fields;
    // The named field, or nullptr.
    const Bytes* field(std::string_view name) const;
    // The named field; fails the test (and returns an empty value) when absent.
    const Bytes& at(std::string_view name) const;
};

struct TraceSection {
    int number = 0;
    std::string title;
    std::vector<TraceStep> steps;
};

// Sections 3 to 7 (the handshakes) of RFC 8448, parsed. Fails the test on a read error.
const std::vector<TraceSection>& rfc8448_sections();
const TraceSection& rfc8448_section(int number);

}  // namespace keel::test
