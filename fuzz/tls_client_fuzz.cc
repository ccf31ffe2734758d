// libFuzzer target: a TLS 1.3 client engine (deterministic generator, fixed config) fed
// fuzzed server bytes. The seed corpus is a real server answer to this exact client, so
// mutations reach every handshake state, KeyUpdate and alerts. Any input must end in a
// clean Error or a connection; never a crash, a hang or a read out of bounds.
#include <cstddef>
#include <cstdint>

#include "tests/tls/engine/fixtures.h"
#include "tls/engine/engine.h"

using namespace keel;
using namespace keel::tls;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzzing::CounterRng rng(fuzzing::kClientSeed);
    static const auto cfg_template = fuzzing::client_config(nullptr);
    auto cfg = std::make_shared<HandshakeConfig>(*cfg_template);
    cfg->rng = &rng;
    auto client = Engine::client(cfg, "example.com");
    if (!client) __builtin_trap();
    (void)client->take_output();
    // The first byte splits the input in two feeds, to cross record boundaries.
    const size_t split = size > 0 ? (data[0] * size) / 256 : 0;
    ByteView in(data, size);
    if (client->feed(in.first(split)) && client->feed(in.subspan(split))) {
        if (client->is_connected()) {
            const uint8_t msg[] = {'p', 'i', 'n', 'g'};
            (void)client->write(msg);
            (void)client->key_update(true);
            client->close();
        }
    }
    while (client->next_event()) {
    }
    (void)client->take_output();
    return 0;
}
