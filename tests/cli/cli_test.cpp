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

// Runs `hallway --db DB ARGS...` in-process.
Run hallwayCli(const std::string& db, std::vector<std::string> args, const GuiLauncher& gui = {}) {
    std::vector<std::string> full{"hallway", "--db", db};
    full.insert(full.end(), args.begin(), args.end());
    std::ostringstream out, err;
    int code = runCli(full, out, err, gui);
    return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("import --json prints the summary scripts rely on", "[cli]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    Run r = hallwayCli(db, {"import", testData("reimport/v1.xml"), "--json"});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    json j = json::parse(r.out);
    for (const char* key : {"event_id", "format", "sessions_added", "sessions_updated", "sessions_removed",
                            "people_added", "rooms", "days"}) {
        INFO(key);
        CHECK(j.contains(key));
    }
    CHECK(j["format"] == "frab-xml");
    CHECK(j["sessions_added"] == 5);
    CHECK(j["people_added"] == 4);
    CHECK(j["rooms"] == 2);
    CHECK(j["days"] == 2);
    CHECK(j["time_zone"] == "Europe/Brussels");

    Run again = hallwayCli(db, {"import", testData("reimport/v2.xml"), "--json"});
    REQUIRE(again.code == 0);
    json k = json::parse(again.out);
    CHECK(k["event_id"] == j["event_id"]);
    CHECK(k["sessions_added"] == 1);
    CHECK(k["sessions_removed"] == 1);
    CHECK(k["changes"].size() == 4);
}

TEST_CASE("import prints a readable change list on re-import", "[cli]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    REQUIRE(hallwayCli(db, {"import", testData("reimport/v1.xml")}).code == 0);
    Run r = hallwayCli(db, {"import", testData("reimport/v2.xml")});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains("Re-imported"));
    CHECK_THAT(r.out, Catch::Contains("moved     Rust in the kernel: 2025-02-01 11:00 Janson -> 2025-02-01 12:00 K.1.105"));
    CHECK_THAT(r.out, Catch::Contains("retitled  Packaging for humans, revisited (was \"Packaging for humans\")"));
    CHECK_THAT(r.out, Catch::Contains("removed   Will be cancelled"));
    CHECK_THAT(r.out, Catch::Contains("added     Lightning talks"));
}

TEST_CASE("a bad file fails with one line on stderr and exit code 1", "[cli]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    Run r = hallwayCli(db, {"import", testData("bad/truncated.xml")});
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("hallway: " + testData("bad/truncated.xml") + ":", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    Run events = hallwayCli(db, {"events", "--json"});
    CHECK(json::parse(events.out).empty());
}

TEST_CASE("events, sessions with filters, star and schedule", "[cli]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    REQUIRE(hallwayCli(db, {"import", testData("reimport/v1.xml")}).code == 0);

    json events = json::parse(hallwayCli(db, {"events", "--json"}).out);
    REQUIRE(events.size() == 1);
    CHECK(events[0]["name"] == "Hallway Test Conf");
    CHECK(events[0]["sessions"] == 5);
    CHECK(events[0]["days"] == 2);
    std::string ev = std::to_string(events[0]["id"].get<long long>());

    json day2 = json::parse(hallwayCli(db, {"sessions", "--event", ev, "--day", "2", "--json"}).out);
    REQUIRE(day2.size() == 1);
    CHECK(day2[0]["title"] == "Closing");
    CHECK(day2[0]["start"] == "2025-02-02T09:30:00+01:00");

    json byName = json::parse(hallwayCli(db, {"sessions", "--event", "hallway test conf", "--room", "K.1.105", "--json"}).out);
    CHECK(byName.size() == 2);

    json found = json::parse(hallwayCli(db, {"sessions", "--event", ev, "--search", "kern", "--json"}).out);
    REQUIRE(found.size() == 1);
    CHECK(found[0]["speakers"] == json::array({"Bo Chen", "Ana Lima"}));

    Run badDay = hallwayCli(db, {"sessions", "--event", ev, "--day", "9"});
    CHECK(badDay.code == 1);
    CHECK_THAT(badDay.err, Catch::Contains("has 2 days"));

    // Rust (11:00-11:30, Janson) and Packaging (11:15-11:40, K.1.105) overlap.
    std::string rust = std::to_string(found[0]["id"].get<long long>());
    json k1 = byName;
    std::string packaging;
    for (auto& s : k1)
        if (s["title"] == "Packaging for humans") packaging = std::to_string(s["id"].get<long long>());
    REQUIRE(hallwayCli(db, {"star", rust, packaging}).code == 0);
    json schedule = json::parse(hallwayCli(db, {"schedule", "--event", ev, "--json"}).out);
    REQUIRE(schedule["sessions"].size() == 2);
    CHECK(schedule["sessions"][0]["overlaps"].size() == 1);
    Run text = hallwayCli(db, {"schedule", "--event", ev});
    CHECK_THAT(text.out, Catch::Contains("! overlaps"));
    CHECK_THAT(text.out, Catch::Contains("2 starred; 1 overlap"));

    REQUIRE(hallwayCli(db, {"unstar", packaging}).code == 0);
    schedule = json::parse(hallwayCli(db, {"schedule", "--event", ev, "--json"}).out);
    CHECK(schedule["sessions"].size() == 1);
    CHECK(schedule["sessions"][0]["overlaps"].empty());

    Run missing = hallwayCli(db, {"star", "424242"});
    CHECK(missing.code == 1);
    CHECK_THAT(missing.err, Catch::Contains("no session with id 424242"));
}

TEST_CASE("every command has --help", "[cli]") {
    TempDir dir;
    for (const char* command : {"import", "events", "sessions", "star", "unstar", "schedule"}) {
        INFO(command);
        Run r = hallwayCli(dir.file("h.db"), {command, "--help"});
        CHECK(r.code == 0);
        CHECK_THAT(r.out, Catch::Contains("--json"));
    }
    Run top = hallwayCli(dir.file("h.db"), {"--help"});
    CHECK(top.code == 0);
    CHECK_THAT(top.out, Catch::Contains("import"));
}

TEST_CASE("usage errors exit with 2", "[cli]") {
    TempDir dir;
    CHECK(hallwayCli(dir.file("h.db"), {"import"}).code == 2);
    CHECK(hallwayCli(dir.file("h.db"), {"import", "x.xml", "--format", "pdf"}).code == 2);
    CHECK(hallwayCli(dir.file("h.db"), {"frobnicate"}).code == 2);
}

TEST_CASE("no subcommand opens the GUI with the options given", "[cli]") {
    TempDir dir;
    GuiRequest seen;
    auto launcher = [&](const GuiRequest& r) {
        seen = r;
        return 0;
    };
    Run r = hallwayCli(dir.file("h.db"), {"--screenshot", "out.png", "--view", "people", "--size", "800x600",
                                          "--event", "3"},
                       launcher);
    CHECK(r.code == 0);
    CHECK(seen.dbPath == dir.file("h.db"));
    CHECK(seen.screenshotPath == std::optional<std::string>("out.png"));
    CHECK(seen.view == "people");
    CHECK(seen.width == 800);
    CHECK(seen.height == 600);
    CHECK(seen.eventId == std::optional<RowId>(3));
    CHECK(hallwayCli(dir.file("h.db"), {"--size", "huge"}, launcher).code == 1);
}
