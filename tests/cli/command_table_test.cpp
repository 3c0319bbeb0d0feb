// The table of command families (cli_common.h, commands.cpp): each row
// declares its own commands, --help and the man page list them under the
// row's heading, and a family says which of its commands only read.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "cli/cli_run.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::hallwayCli;
using hallway::testing::Run;
using hallway::testing::TempDir;

TEST_CASE("every command family declares commands of its own", "[cli][families]") {
    std::set<std::string> names, headings, commands;
    bool json = false;
    CLI::App app;
    for (const auto& family : cli::commandFamilies()) {
        INFO(family.name);
        CHECK(names.insert(family.name).second);
        CHECK(headings.insert(family.heading).second);
        const size_t before = app.get_subcommands({}).size();
        auto group = family.make();
        REQUIRE(group);
        group->declare(app, json);
        const auto declared = app.get_subcommands({});
        CHECK(declared.size() > before);
        for (size_t i = before; i < declared.size(); ++i) CHECK(commands.insert(declared[i]->get_name()).second);
        CHECK_FALSE(group->selected());  // nothing parsed yet
    }
    // The agenda commands are a family like the others now.
    CHECK(names.count("agenda") == 1);
    for (const char* c : {"import", "events", "sessions", "star", "unstar", "schedule"}) CHECK(commands.count(c) == 1);
}

TEST_CASE("--help and the man page list each family's commands under its heading", "[cli][families]") {
    TempDir dir;
    Run help = hallwayCli(dir.file("h.db"), {"--help"});
    REQUIRE(help.code == 0);
    Run man = hallwayCli(dir.file("h.db"), {"--generate", "man"});
    REQUIRE(man.code == 0);
    size_t last = 0;
    for (const auto& family : cli::commandFamilies()) {
        INFO(family.heading);
        const size_t at = help.out.find(std::string("\n") + family.heading + ":\n");
        REQUIRE(at != std::string::npos);
        CHECK(at > last);  // in table order
        last = at;
    }
    // Under "Agenda:" come the agenda commands, before the next heading.
    const size_t agenda = help.out.find("\nAgenda:\n");
    const size_t next = help.out.find(":\n", agenda + 9);
    const std::string block = help.out.substr(agenda, next - agenda);
    for (const char* c : {"import", "events", "sessions", "star", "unstar", "schedule"})
        CHECK_THAT(block, Catch::Contains(std::string("\n  ") + c + " "));
    CHECK_THAT(block, !Catch::Contains("\n  people "));
    CHECK_THAT(man.out, Catch::Contains(".TP\nAgenda\n\\fBimport\\fR, \\fBevents\\fR"));
}

TEST_CASE("the agenda family says which of its commands write", "[cli][families]") {
    // What runCli asks before opening the database on a full disk.
    auto writesNothing = [](std::vector<std::string> args) {
        CLI::App app;
        bool json = false;
        auto group = cli::commandFamilies().front().make();
        group->declare(app, json);
        args.insert(args.begin(), "hallway");
        std::vector<const char*> argv;
        for (const auto& a : args) argv.push_back(a.c_str());
        app.parse(int(argv.size()), const_cast<char**>(argv.data()));
        REQUIRE(group->selected());
        return group->writesNothing();
    };
    REQUIRE(std::string(cli::commandFamilies().front().name) == "agenda");
    CHECK(writesNothing({"events"}));
    CHECK(writesNothing({"sessions", "--event", "1"}));
    CHECK(writesNothing({"schedule", "--event", "1"}));
    CHECK_FALSE(writesNothing({"star", "3"}));
    CHECK_FALSE(writesNothing({"unstar", "3"}));
    CHECK_FALSE(writesNothing({"import", "agenda.xml"}));
}
