// The subcommands of the `keel` tool. Each lives in its own file and gets the arguments
// after its name; it returns the process exit status.
#pragma once

#include <span>
#include <string_view>

namespace keel::tool {

using Args = std::span<const std::string_view>;

struct Command {
    std::string_view name;
    std::string_view usage;  // one line: "client HOST PORT [options]"
    int (*run)(Args args);
};

}  // namespace keel::tool
