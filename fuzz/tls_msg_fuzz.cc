// TLS 1.3 handshake codecs (tls/msg): a round-trip property, not only a crash check.
//
// First byte < 0x80: it picks the message type, the rest is the body. When parsing
// succeeds, write() then parse() again must give back an equal struct, and writing
// that one must give the same bytes (the encoding is canonical after one round).
// Every failure must carry a TLS alert.
//
// First byte >= 0x80: the rest is a handshake byte stream fed to HandshakeReader in
// fragments whose sizes come from the stream itself; the messages it returns must
// concatenate to exactly the bytes fed, in order.
#include <cstdlib>
#include <cstring>

#include "tls/alert.h"
#include "tls/msg/handshake.h"
#include "tls/msg/messages.h"

namespace {

using namespace keel;
using namespace keel::tls;

constexpr HandshakeType kTypes[] = {
    HandshakeType::client_hello,
    HandshakeType::server_hello,
    HandshakeType::encrypted_extensions,
    HandshakeType::certificate,
    HandshakeType::certificate_request,
    HandshakeType::certificate_verify,
    HandshakeType::finished,
    HandshakeType::new_session_ticket,
    HandshakeType::end_of_early_data,
    HandshakeType::key_update,
};

void round_trip(HandshakeType type, ByteView body) {
    auto first = parse_message(type, body);
    if (!first) {
        if (first.error().code() != Errc::tls_alert) std::abort();
        return;
    }
    if (message_type(*first) != type) std::abort();
    Writer w;
    std::visit([&w](const auto& m) { m.write(w); }, *first);
    if (!w.ok()) std::abort();  // what was parsed always fits its fields
    Bytes again = w.take();
    auto second = parse_message(type, again);
    if (!second || !(*second == *first)) std::abort();
    Writer w2;
    std::visit([&w2](const auto& m) { m.write(w2); }, *second);
    if (w2.view().size() != again.size() ||
        (!again.empty() && std::memcmp(w2.view().data(), again.data(), again.size()) != 0)) {
        std::abort();
    }
}

void reassemble(ByteView stream) {
    // Fragment sizes are taken from the stream's own bytes, so the fuzzer controls
    // the splits and the content at once.
    HandshakeReader hr(4096);
    Bytes seen;
    size_t at = 0;
    while (at < stream.size()) {
        size_t n = 1 + stream[at] % 64;
        n = std::min(n, stream.size() - at);
        if (!hr.feed(stream.subspan(at, n))) return;  // over the limit: a clean alert
        at += n;
        while (auto m = hr.next()) {
            if (m->raw.size() < kHandshakeHeaderSize ||
                m->body().size() != m->raw.size() - kHandshakeHeaderSize) {
                std::abort();
            }
            seen.insert(seen.end(), m->raw.begin(), m->raw.end());
        }
    }
    // Everything returned is a prefix of what went in; the rest is still buffered.
    if (seen.size() > stream.size()) std::abort();
    if (!seen.empty() && std::memcmp(seen.data(), stream.data(), seen.size()) != 0) std::abort();
    if (hr.has_partial() != (seen.size() != stream.size())) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    ByteView rest(data + 1, size - 1);
    if (data[0] < 0x80) {
        round_trip(kTypes[data[0] % std::size(kTypes)], rest);
    } else {
        reassemble(rest);
    }
    return 0;
}
