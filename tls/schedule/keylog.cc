#include "tls/schedule/keylog.h"

namespace keel::tls {
namespace {

// Branch-free nibble to lower-case hex digit: the keylog line is deliberately
// disclosed, but the formatting need not leak secrets through timing on the way.
char hex_digit(uint8_t n) {
    uint32_t v = n;
    // 0xff.. when v > 9: ('a' - '0' - 10) is added for the letters.
    uint32_t above9 = static_cast<uint32_t>(0) - ((9u - v) >> 31);
    return static_cast<char>('0' + v + (above9 & ('a' - '0' - 10)));
}

void append_hex(std::string& out, ByteView bytes) {
    for (uint8_t b : bytes) {
        out.push_back(hex_digit(b >> 4));
        out.push_back(hex_digit(b & 0x0f));
    }
}

}  // namespace

std::string keylog_label(KeyLogLabel label, uint32_t generation) {
    switch (label) {
        case KeyLogLabel::client_early_traffic_secret:
            return "CLIENT_EARLY_TRAFFIC_SECRET";
        case KeyLogLabel::early_exporter_secret:
            return "EARLY_EXPORTER_SECRET";
        case KeyLogLabel::client_handshake_traffic_secret:
            return "CLIENT_HANDSHAKE_TRAFFIC_SECRET";
        case KeyLogLabel::server_handshake_traffic_secret:
            return "SERVER_HANDSHAKE_TRAFFIC_SECRET";
        case KeyLogLabel::client_traffic_secret:
            return "CLIENT_TRAFFIC_SECRET_" + std::to_string(generation);
        case KeyLogLabel::server_traffic_secret:
            return "SERVER_TRAFFIC_SECRET_" + std::to_string(generation);
        case KeyLogLabel::exporter_secret:
            return "EXPORTER_SECRET";
    }
    return "UNKNOWN";
}

std::string keylog_line(KeyLogLabel label, ByteView client_random, ByteView secret,
                        uint32_t generation) {
    std::string line = keylog_label(label, generation);
    line.reserve(line.size() + 2 + 2 * (client_random.size() + secret.size()));
    line.push_back(' ');
    append_hex(line, client_random);
    line.push_back(' ');
    append_hex(line, secret);
    return line;
}

}  // namespace keel::tls
