// `hallway backup`, `backups` and `restore` from the command line.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

#include "cli/cli.h"
#include "test_support.h"

using namespace hallway;
using nlohmann::json;
using hallway::testing::TempDir;
using hallway::testing::testData;

namespace {

struct Run {
    int code;
    std::string out;
    std::string err;
};

Run hallwayCli(const std::string& db, std::vector<std::string> args) {
    std::vector<std::string> full{"hallway", "--db", db};
    full.insert(full.end(), args.begin(), args.end());
    std::ostringstream out, err;
    int code = runCli(full, out, err);
    return {code, out.str(), err.str()};
}

json jsonOf(const Run& r) {
    INFO(r.err);
    REQUIRE(r.code == 0);
    return json::parse(r.out);
}

}  // namespace

TEST_CASE("backup, backups and restore round-trip through the CLI", "[cli][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    jsonOf(hallwayCli(db, {"import", testData("reimport/v1.xml"), "--json"}));

    json made = jsonOf(hallwayCli(db, {"backup", "--json"}));
    std::string auto1 = made["backup"];
    CHECK(auto1.find(dir.file("backups")) == 0);
    std::string chosen = dir.file("mine.db");
    jsonOf(hallwayCli(db, {"backup", chosen, "--json"}));

    // The re-import takes its own automatic backup.
    jsonOf(hallwayCli(db, {"import", testData("reimport/v2.xml"), "--json"}));
    json list = jsonOf(hallwayCli(db, {"backups", "--json"}));
    REQUIRE(list.size() == 2);
    CHECK(list[0]["path"] == auto1);

    json sessionsAfter = jsonOf(hallwayCli(db, {"sessions", "--event", "1", "--include-removed", "--json"}));
    json restored = jsonOf(hallwayCli(db, {"restore", chosen, "--json"}));
    CHECK(restored["restored_from"] == chosen);
    CHECK(!restored["previous_database_saved_to"].get<std::string>().empty());
    json sessionsBefore = jsonOf(hallwayCli(db, {"sessions", "--event", "1", "--include-removed", "--json"}));
    CHECK(sessionsBefore != sessionsAfter);

    Run text = hallwayCli(db, {"backups"});
    CHECK(text.code == 0);
    CHECK_THAT(text.out, Catch::Contains("3 backups"));
}

TEST_CASE("restore of a file that is not ours fails with a clear message", "[cli][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    hallway::testing::writeFile(dir.file("notes.txt"), "not a database");
    Run r = hallwayCli(db, {"restore", dir.file("notes.txt")});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains("is not a Hallway database"));
}
