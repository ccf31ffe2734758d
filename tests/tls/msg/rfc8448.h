// Loads the handshake messages printed in RFC 8448 (vectors/rfc8448/), so tests can
// parse and re-encode every one.
#pragma once

#include <string>
#include <vector>

#include "base/bytes.h"

namespace keel::tls::test {

struct TraceMessage {
    int section = 0;    // RFC 8448 section: 3 simple, 4 resumed 0-RTT, 5 HRR, 6 client
                        // auth, 7 compatibility mode
    std::string label;  // "ClientHello", "ServerHello", ..., "ClientHello prefix"
    Bytes bytes;        // the whole handshake message, header included
};

// Every message labelled "<Name> (N octets):" for a handshake message name, in
// document order. Fails the test if the file is missing.
const std::vector<TraceMessage>& rfc8448_messages();

// The first message with that section and label (nth = 0) or the nth one.
const TraceMessage& rfc8448_message(int section, const std::string& label, int nth = 0);

}  // namespace keel::tls::test
