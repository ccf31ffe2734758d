// Key logging in the NSS key log format (the SSLKEYLOGFILE lines Wireshark and
// OpenSSL read, draft-ietf-tls-keylogfile): one line per secret,
//
//   CLIENT_HANDSHAKE_TRAFFIC_SECRET <client_random hex> <secret hex>
//
// The Erlang option keep_secrets hands these lines to the user (connection_information
// item keylog, or the keylog / keylog_hs funs), so the engine builds them here and never
// writes a file itself. The lines carry secrets: they exist only when the user asked.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/bytes.h"

namespace keel::tls {

enum class KeyLogLabel : uint8_t {
    client_early_traffic_secret,      // CLIENT_EARLY_TRAFFIC_SECRET
    early_exporter_secret,            // EARLY_EXPORTER_SECRET
    client_handshake_traffic_secret,  // CLIENT_HANDSHAKE_TRAFFIC_SECRET
    server_handshake_traffic_secret,  // SERVER_HANDSHAKE_TRAFFIC_SECRET
    client_traffic_secret,            // CLIENT_TRAFFIC_SECRET_<N>
    server_traffic_secret,            // SERVER_TRAFFIC_SECRET_<N>
    exporter_secret,                  // EXPORTER_SECRET
};

// The label as the file spells it; `generation` is N for the application traffic
// secrets (0 after the handshake, +1 per KeyUpdate) and ignored for the others.
std::string keylog_label(KeyLogLabel label, uint32_t generation = 0);

// "<LABEL> <hex client_random> <hex secret>", lower-case hex, no newline.
std::string keylog_line(KeyLogLabel label, ByteView client_random, ByteView secret,
                        uint32_t generation = 0);

// What the engine calls for every secret when keylogging is on.
using KeyLogFn = std::function<void(std::string_view line)>;

}  // namespace keel::tls
