// The TLS engine fuzz targets' seed corpora are real conversations between the fixed
// client and server of tests/tls/engine/fixtures.h. This test replays that conversation
// and checks the committed seeds still equal it (so they still drive each target through
// a complete handshake); KEEL_WRITE_FUZZ_CORPUS=1 rewrites them after a deliberate change.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "tests/tls/engine/fixtures.h"
#include "tls/engine/engine.h"

namespace keel::tls {
namespace {

struct Conversation {
    Bytes client_to_server;
    Bytes server_to_client;
};

Conversation record_conversation() {
    fuzzing::CounterRng crng(fuzzing::kClientSeed);
    fuzzing::CounterRng srng(fuzzing::kServerSeed);
    auto client = Engine::client(fuzzing::client_config(&crng), "example.com");
    auto server = Engine::server(fuzzing::server_config(&srng));
    EXPECT_TRUE(client.ok() && server.ok());
    Conversation c;
    auto pump = [&] {
        for (int i = 0; i < 8; i++) {
            Bytes a = client->take_output();
            c.client_to_server.insert(c.client_to_server.end(), a.begin(), a.end());
            EXPECT_TRUE(server->feed(a).ok());
            Bytes b = server->take_output();
            c.server_to_client.insert(c.server_to_client.end(), b.begin(), b.end());
            EXPECT_TRUE(client->feed(b).ok());
        }
    };
    pump();
    EXPECT_TRUE(client->is_connected() && server->is_connected());
    const uint8_t ping[] = {'p', 'i', 'n', 'g'};
    EXPECT_TRUE(client->write(ping).ok());
    EXPECT_TRUE(server->write(ping).ok());
    EXPECT_TRUE(client->key_update(true).ok());
    pump();
    client->close();
    server->close();
    pump();
    return c;
}

std::string corpus_path(const char* target) {
    return std::string(KEEL_SOURCE_ROOT) + "/fuzz/corpus/" + target + "/handshake";
}

void check_or_write(const char* target, const Bytes& want) {
    const std::string path = corpus_path(target);
    if (std::getenv("KEEL_WRITE_FUZZ_CORPUS") != nullptr) {
        std::ofstream out(path, std::ios::binary);
        out.write(reinterpret_cast<const char*>(want.data()),
                  static_cast<std::streamsize>(want.size()));
        ASSERT_TRUE(out.good()) << path;
    }
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in.good()) << "missing seed " << path;
    Bytes have((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(have, want) << path << " is stale: rerun with KEEL_WRITE_FUZZ_CORPUS=1";
}

TEST(FuzzCorpus, SeedsAreARealConversation) {
    const Conversation c = record_conversation();
    check_or_write("tls_server_fuzz", c.client_to_server);
    check_or_write("tls_client_fuzz", c.server_to_client);
}

TEST(FuzzCorpus, ClientSeedCompletesTheHandshake) {
    const Conversation c = record_conversation();
    fuzzing::CounterRng rng(fuzzing::kClientSeed);
    auto client = Engine::client(fuzzing::client_config(&rng), "example.com");
    ASSERT_TRUE(client.ok());
    ASSERT_TRUE(client->feed(c.server_to_client).ok());
    EXPECT_TRUE(client->is_connected());
    EXPECT_TRUE(client->peer_closed());
}

TEST(FuzzCorpus, ServerSeedCompletesTheHandshake) {
    const Conversation c = record_conversation();
    fuzzing::CounterRng rng(fuzzing::kServerSeed);
    auto server = Engine::server(fuzzing::server_config(&rng));
    ASSERT_TRUE(server.ok());
    ASSERT_TRUE(server->feed(c.client_to_server).ok());
    EXPECT_TRUE(server->is_connected());
    EXPECT_TRUE(server->peer_closed());
}

}  // namespace
}  // namespace keel::tls
