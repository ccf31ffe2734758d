// libFuzzer target: a TLS 1.3 server engine (deterministic generator, fixed certificate)
// fed fuzzed client bytes. The seed corpus is the full byte stream of a real client
// talking to this exact server (ClientHello, change_cipher_spec, Finished, application
// data, KeyUpdate, close_notify), so mutations reach every server state.
#include <cstddef>
#include <cstdint>

#include "tests/tls/engine/fixtures.h"
#include "tls/engine/engine.h"

using namespace keel;
using namespace keel::tls;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzzing::CounterRng rng(fuzzing::kServerSeed);
    static const auto cfg_template = fuzzing::server_config(nullptr);
    auto cfg = std::make_shared<HandshakeConfig>(*cfg_template);
    cfg->rng = &rng;
    auto server = Engine::server(cfg);
    if (!server) __builtin_trap();
    const size_t split = size > 0 ? (data[0] * size) / 256 : 0;
    ByteView in(data, size);
    if (server->feed(in.first(split)) && server->feed(in.subspan(split))) {
        if (server->is_connected()) {
            const uint8_t msg[] = {'p', 'o', 'n', 'g'};
            (void)server->write(msg);
            (void)server->key_update(false);
            server->close();
        }
    }
    while (server->next_event()) {
    }
    (void)server->take_output();
    return 0;
}
