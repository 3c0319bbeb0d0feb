// `hallway backup`, `backups` and `restore` from the command line.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

#include "cli/cli_run.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::Run;
using hallway::testing::hallwayCli;
using hallway::testing::jsonOf;
using hallway::testing::ok;
using nlohmann::json;
using hallway::testing::TempDir;
using hallway::testing::testData;

TEST_CASE("backup, backups and restore round-trip through the CLI", "[cli][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    jsonOf(hallwayCli(db, {"import", testData("reimport/v1.xml"), "--json"}));

    json made = jsonOf(hallwayCli(db, {"backup", "--json"}));
    std::string auto1 = made["backup"];
    CHECK(auto1.find(dir.file("h.db.backups/")) == 0);
    std::string chosen = dir.file("mine.db");
    jsonOf(hallwayCli(db, {"backup", chosen, "--json"}));
    CHECK(hallwayCli(db, {"backup", chosen}).code == 1);  // exists: needs --force
    jsonOf(hallwayCli(db, {"backup", chosen, "--force", "--json"}));

    // The state just backed up is not copied again by the re-import.
    jsonOf(hallwayCli(db, {"import", testData("reimport/v2.xml"), "--json"}));
    json list = jsonOf(hallwayCli(db, {"backups", "--json"}));
    REQUIRE(list.size() == 1);
    CHECK(list[0]["path"] == auto1);
    CHECK(list[0]["manual"] == true);
    CHECK(list[0]["events"] == 1);

    json sessionsAfter = jsonOf(hallwayCli(db, {"sessions", "--event", "1", "--include-removed", "--json"}));
    json restored = jsonOf(hallwayCli(db, {"restore", chosen, "--json"}));
    CHECK(restored["restored_from"] == chosen);
    CHECK(!restored["previous_database_saved_to"].get<std::string>().empty());
    json sessionsBefore = jsonOf(hallwayCli(db, {"sessions", "--event", "1", "--include-removed", "--json"}));
    CHECK(sessionsBefore != sessionsAfter);

    Run text = hallwayCli(db, {"backups"});
    CHECK(text.code == 0);
    // The manual one and the copy restore kept of the database it replaced.
    CHECK_THAT(text.out, Catch::Contains("2 backups"));
    CHECK_THAT(text.out, Catch::Contains("before-restore"));
    CHECK_THAT(text.out, Catch::Contains("  1 events"));
}

TEST_CASE("restore of a file that is not ours fails with a clear message", "[cli][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    hallway::testing::writeFile(dir.file("notes.txt"), "not a database");
    Run r = hallwayCli(db, {"restore", dir.file("notes.txt")});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains("is not a Hallway database"));
}

TEST_CASE("ten failed imports leave every backup in place", "[cli][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    jsonOf(hallwayCli(db, {"import", testData("reimport/v1.xml"), "--json"}));
    jsonOf(hallwayCli(db, {"backup", "--json"}));
    json before = jsonOf(hallwayCli(db, {"backups", "--json"}));
    for (int i = 0; i < 10; ++i) {
        CHECK(hallwayCli(db, {"import", testData("bad/truncated.xml")}).code == 1);
        CHECK(hallwayCli(db, {"people", "import", testData("bad/letter.txt")}).code == 1);
        CHECK(hallwayCli(db, {"events"}).code == 0);
    }
    json after = jsonOf(hallwayCli(db, {"backups", "--json"}));
    CHECK(after == before);
    Run text = hallwayCli(db, {"backups"});
    CHECK_THAT(text.out, Catch::Contains("manual"));
    CHECK_THAT(text.out, Catch::Contains("1 backup in"));
}

TEST_CASE("restore repairs a truncated database - commands on it name the file and say how", "[cli][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    jsonOf(hallwayCli(db, {"import", testData("reimport/v1.xml"), "--json"}));
    jsonOf(hallwayCli(db, {"people", "import", testData("people/Connections.csv"), "--json"}));
    std::string copy = jsonOf(hallwayCli(db, {"backup", "--json"}))["backup"];
    std::filesystem::resize_file(db, std::filesystem::file_size(db) / 2);

    Run note = hallwayCli(db, {"note", "after the damage"});
    CHECK(note.code == 1);
    CHECK_THAT(note.err, Catch::Contains(db) && Catch::Contains("damaged") && Catch::Contains("restore FILE"));
    json list = jsonOf(hallwayCli(db, {"backups", "--json"}));  // still lists them: the day's and the manual one
    REQUIRE(list.size() == 2);
    CHECK(list[0]["reason"] == "daily");

    json restored = jsonOf(hallwayCli(db, {"restore", copy, "--json"}));
    CHECK(restored["previous_was_damaged"] == true);
    json events = jsonOf(hallwayCli(db, {"events", "--json"}));
    CHECK(events.size() == 1);
    CHECK(hallwayCli(db, {"note", "after the restore"}).code == 0);
}
