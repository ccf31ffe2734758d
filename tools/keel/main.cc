// keel — TLS client, server, demo and certificate tools on top of the ssl API.
#include <cstdio>
#include <string_view>
#include <vector>

#include "tools/keel/command.h"

namespace keel::tool {
namespace {

// Every subcommand, in the order `keel help` lists them.
constexpr Command kCommands[] = {
    {"help", "help", nullptr},
};

int print_usage(std::FILE* out) {
    std::fputs("usage: keel COMMAND [ARGS]\n\n", out);
    for (const Command& c : kCommands)
        std::fprintf(out, "  keel %.*s\n", int(c.usage.size()), c.usage.data());
    return out == stdout ? 0 : 2;
}

}  // namespace
}  // namespace keel::tool

int main(int argc, char** argv) {
    using namespace keel::tool;
    if (argc < 2) return print_usage(stderr);
    const std::string_view name = argv[1];
    const std::vector<std::string_view> args(argv + 2, argv + argc);
    for (const Command& c : kCommands) {
        if (c.name != name) continue;
        if (c.run == nullptr) return print_usage(stdout);
        return c.run(args);
    }
    std::fprintf(stderr, "keel: unknown command '%s'\n\n", argv[1]);
    return print_usage(stderr);
}
