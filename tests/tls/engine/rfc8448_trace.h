// Reads the RFC 8448 example traces (vectors/rfc8448/rfc8448-tls13-traces.txt) into
// steps: "{client}  send handshake record:" followed by labelled byte strings such as
// "complete record (201 octets):". Page headers inside hex dumps are skipped: each value
// is read until its announced octet count is reached.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"

namespace keel::tls::test {

struct TraceValue {
    std::string label;  // "complete record", "private key", "ClientHello", ...
    Bytes bytes;
};

struct TraceStep {
    std::string actor;  // "client" or "server"
    std::string title;  // "send handshake record:", "create an ephemeral x25519 key pair:"
    std::vector<TraceValue> values;

    // The bytes labelled `label` in this step; fails the test when absent.
    const Bytes& get(std::string_view label) const;
};

class Trace {
  public:
    // Parses section `section_title` ("3.  Simple 1-RTT Handshake") of the file: from that
    // heading to the next top-level heading.
    static Trace load(std::string_view section_title);

    // The n-th (0-based) step of `actor` whose title starts with `title`.
    const TraceStep& step(std::string_view actor, std::string_view title, size_t n = 0) const;

    const std::vector<TraceStep>& steps() const { return steps_; }

  private:
    std::vector<TraceStep> steps_;
};

}  // namespace keel::tls::test
