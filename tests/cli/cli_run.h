// Running the command line in-process in CLI tests: what a user would type
// after `hallway --db DB`, with its exit code and both outputs.
#pragma once
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace hallway::testing {

struct Run {
    int code;
    std::string out;
    std::string err;
};

inline Run hallwayCli(const std::string& db, std::vector<std::string> args) {
    std::vector<std::string> full{"hallway", "--db", db};
    full.insert(full.end(), args.begin(), args.end());
    std::ostringstream out, err;
    int code = runCli(full, out, err);
    return {code, out.str(), err.str()};
}

// The command's --json output; fails the test (showing stderr) when it failed.
inline nlohmann::json jsonOf(const Run& r) {
    INFO(r.err);
    REQUIRE(r.code == 0);
    return nlohmann::json::parse(r.out);
}

// Fails the test, showing both outputs, when the command failed.
inline void ok(const Run& r) {
    INFO(r.err << r.out);
    REQUIRE(r.code == 0);
}

}  // namespace hallway::testing
