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

    // The star goes through the service the app uses (starSessions): it
    // checks every id before writing (all or none), and tells a session that
    // already was starred from one it starred, writing only the latter.
    Run mixed = hallwayCli(db, {"star", packaging, "424242"});
    CHECK(mixed.code == 1);
    CHECK_THAT(mixed.err, Catch::Contains("no session with id 424242 (see `hallway sessions`); nothing was starred"));
    CHECK(json::parse(hallwayCli(db, {"schedule", "--event", ev, "--json"}).out)["sessions"].size() == 1);
    Run again = hallwayCli(db, {"star", rust, packaging});
    REQUIRE(again.code == 0);
    CHECK_THAT(again.out, Catch::Contains("Already starred " + rust + " "));
    CHECK_THAT(again.out, Catch::Contains("Starred " + packaging + " Packaging for humans"));
    json twice = json::parse(hallwayCli(db, {"star", rust, "--json"}).out);
    CHECK(twice[0]["changed"] == false);
    CHECK(twice[0]["starred"] == true);
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

TEST_CASE("a file without a subcommand opens the GUI on it - a name that is neither is a usage error", "[cli]") {
    TempDir dir;
    std::optional<GuiRequest> seen;
    auto launcher = [&](const GuiRequest& r) {
        seen = r;
        return 0;
    };
    const std::string agenda = testData("reimport/v1.xml");
    Run r = hallwayCli(dir.file("h.db"), {agenda}, launcher);
    CHECK(r.code == 0);
    REQUIRE(seen);
    CHECK(seen->openFile == std::optional<std::string>(agenda));
    CHECK_FALSE(seen->screenshotPath);

    seen.reset();
    Run typo = hallwayCli(dir.file("h.db"), {"evnets"}, launcher);
    CHECK(typo.code == 2);
    CHECK_FALSE(seen);
    CHECK_THAT(typo.err, Catch::Contains("'evnets' is neither a command nor a file"));
}

TEST_CASE("hallway --version names the version, the commit and the schema", "[cli]") {
    TempDir dir;
    Run r = hallwayCli(dir.file("h.db"), {"--version"});
    CHECK(r.code == 0);
    CHECK_THAT(r.out, Catch::StartsWith(std::string("hallway ") + HALLWAY_VERSION + " (commit "));
    CHECK_THAT(r.out, Catch::Contains(", database schema "));
    CHECK_THAT(r.out, !Catch::Contains("commit )"));
}

// The options the bash completion offers after `hallway PATH`, space-separated
// with a space at each end.
std::string completionOptions(const std::string& script, const std::string& path) {
    auto table = script.find("_hallway_options() {");
    auto row = script.find("    \"" + path + "\") echo \"", table);
    if (table == std::string::npos || row == std::string::npos) return {};
    auto start = script.find("echo \"", row) + 6;
    return " " + script.substr(start, script.find('"', start) - start) + " ";
}

TEST_CASE("the man page and completions list every command and option --help shows", "[cli]") {
    TempDir dir;
    Run man = hallwayCli(dir.file("h.db"), {"--generate", "man"});
    REQUIRE(man.code == 0);
    Run bash = hallwayCli(dir.file("h.db"), {"--generate", "bash"});
    REQUIRE(bash.code == 0);
    // Commands at each depth, with options read from their --help.
    const std::vector<std::vector<std::string>> commands = {
        {"import"}, {"sessions"}, {"people", "import"}, {"target", "add"}, {"queue", "generate"}, {"queue", "export"}};
    for (const auto& command : commands) {
        std::string path;
        for (const auto& word : command) path += (path.empty() ? "" : " ") + word;
        INFO(path);
        CHECK_THAT(man.out, Catch::Contains(".SS \"hallway " + path + "\""));
        auto args = command;
        args.push_back("--help");
        Run help = hallwayCli(dir.file("h.db"), args);
        REQUIRE(help.code == 0);
        // Every long option in --help appears in the man page (minus signs escaped) and the completion.
        std::istringstream lines(help.out);
        int seenOptions = 0;
        for (std::string line; std::getline(lines, line);) {
            auto at = line.find("--");
            if (at == std::string::npos || line.compare(at, 6, "--help") == 0) continue;
            auto end = line.find_first_of(" ,=", at);
            std::string option = line.substr(at, end == std::string::npos ? std::string::npos : end - at);
            INFO(option);
            std::string escaped;
            for (char c : option) escaped += c == '-' ? std::string("\\-") : std::string(1, c);
            CHECK_THAT(man.out, Catch::Contains("\\fB" + escaped + "\\fR"));
            CHECK_THAT(completionOptions(bash.out, path), Catch::Contains(" " + option + " "));
            ++seenOptions;
        }
        CHECK(seenOptions > 0);
    }
    for (const char* section : {".SH EXAMPLES", ".SH FILES", ".SH ENVIRONMENT", "HALLWAY_ASSETS_DIR"})
        CHECK_THAT(man.out, Catch::Contains(section));
    // Choices come from the IsMember checks.
    CHECK_THAT(bash.out, Catch::Contains("\"import:--format\") echo \"auto frab-xml ics indico frab-json sessionize csv\""));
    CHECK_THAT(bash.out, Catch::Contains("\"people import:--format\") echo \"auto linkedin vcard google csv mecard\""));
    CHECK(hallwayCli(dir.file("h.db"), {"--generate", "fish"}).code == 2);
}

TEST_CASE("import keeps the event's zone on re-import and sums up a zone change", "[cli][zone]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    const std::string file = testData("zones/no_zone.xml");
    Run first = hallwayCli(db, {"import", file, "--tz", "Europe/Brussels"});
    REQUIRE(first.code == 0);
    CHECK(first.out.find("(Europe/Brussels)") != std::string::npos);

    // Without --tz: the event stays in Brussels and nothing moves.
    Run again = hallwayCli(db, {"import", file, "--json"});
    REQUIRE(again.code == 0);
    json j = json::parse(again.out);
    CHECK(j["time_zone"] == "Europe/Brussels");
    CHECK(j["time_zone_source"] == "event");
    CHECK(j["sessions_unchanged"] == 3);
    CHECK(j["changes"].empty());
    CHECK(j["zone_change"].is_null());

    // Another --tz: one summary line and the first few, no "moved" line per session.
    Run utc = hallwayCli(db, {"import", file, "--tz", "UTC"});
    REQUIRE(utc.code == 0);
    CHECK(utc.out.find("  zone: all 3 times shifted by +1 h because the zone changed from Europe/Brussels to UTC\n") !=
          std::string::npos);
    CHECK(utc.out.find("    e.g. Opening: 2025-02-01 09:00 Janson -> 2025-02-01 10:00 Janson\n") != std::string::npos);
    CHECK(utc.out.find("  moved") == std::string::npos);

    Run back = hallwayCli(db, {"import", file, "--tz", "Europe/Brussels", "--json"});
    REQUIRE(back.code == 0);
    json b = json::parse(back.out);
    REQUIRE(b["zone_change"].is_object());
    CHECK(b["zone_change"]["shifted"] == 3);
    CHECK(b["zone_change"]["shift_seconds"] == -3600);
    CHECK(b["zone_change"]["examples"].size() == 3);
    CHECK(b["zone_change"]["summary"] ==
          "all 3 times shifted by -1 h because the zone changed from UTC to Europe/Brussels");
    CHECK(b["changes"].empty());
}

TEST_CASE("sessions --day N takes the agenda's own day numbers and days", "[cli][days]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    REQUIRE(hallwayCli(db, {"import", testData("days/congress.xml")}).code == 0);

    Run day1 = hallwayCli(db, {"sessions", "--event", "1", "--day", "1", "--json"});
    REQUIRE(day1.code == 0);
    json one = json::parse(day1.out);
    REQUIRE(one.size() == 3);
    CHECK(one[2]["title"] == "Sunrise jam");  // 05:30 the next morning, inside day 1 (to 06:00)
    Run day2 = hallwayCli(db, {"sessions", "--event", "1", "--day", "2"});
    REQUIRE(day2.code == 0);  // a day of the congress without sessions
    CHECK(day2.out.find("No sessions match") != std::string::npos);
    Run day3 = hallwayCli(db, {"sessions", "--event", "1", "--day", "3", "--json"});
    REQUIRE(day3.code == 0);
    REQUIRE(json::parse(day3.out).size() == 1);
    CHECK(json::parse(day3.out)[0]["title"] == "Closing");
    Run day4 = hallwayCli(db, {"sessions", "--event", "1", "--day", "4"});
    CHECK(day4.code == 1);
    CHECK(day4.err.find("has 3 days, numbered 1 to 3 by its agenda") != std::string::npos);
    CHECK(json::parse(hallwayCli(db, {"events", "--json"}).out)[0]["days"] == 3);

    // Old pentabarf numbers its days from 0: --day 0 is its first.
    REQUIRE(hallwayCli(db, {"import", testData("days/no_days.xml")}).code == 0);
    Run zero = hallwayCli(db, {"sessions", "--event", "2", "--day", "0", "--json"});
    REQUIRE(zero.code == 0);
    CHECK(json::parse(zero.out).size() == 2);
}

TEST_CASE("a re-import says when the agenda renamed a speaker it already knew by id", "[cli][speakers]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    REQUIRE(hallwayCli(db, {"import", testData("frab/speaker_rename_v1.xml")}).code == 0);
    Run again = hallwayCli(db, {"import", testData("frab/speaker_rename_v2.xml")});
    REQUIRE(again.code == 0);
    CHECK(again.out.find("0 people added") != std::string::npos);
    CHECK(again.out.find("  1 speaker renamed by the agenda (same speaker id; notes and targets kept)\n") !=
          std::string::npos);
    Run third = hallwayCli(db, {"import", testData("frab/speaker_rename_v2.xml"), "--json"});
    REQUIRE(third.code == 0);
    CHECK(json::parse(third.out)["people_renamed"] == 0);
    CHECK(json::parse(third.out)["people_added"] == 0);
}

TEST_CASE("sessions --day N takes a Sessionize grid's days, its 05:30 night item on day 1", "[cli][days][sessionize]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    // No zone in the file and no --tz: the computer's zone, said in a warning.
    Run first = hallwayCli(db, {"import", testData("sessionize/grid_days.json")});
    REQUIRE(first.code == 0);
    CHECK(first.out.find("the agenda names no time zone") != std::string::npos);
    CHECK(first.out.find("choose another with --tz ZONE") != std::string::npos);  // the CLI's own remedy
    CHECK(first.out.find("6 sessions: 6 added") != std::string::npos);  // the plenum keynote once
    CHECK(first.out.find("; 3 days") != std::string::npos);

    auto titles = [&](const std::string& day) {
        Run r = hallwayCli(db, {"sessions", "--event", "1", "--day", day, "--json"});
        INFO(r.err);
        REQUIRE(r.code == 0);
        std::vector<std::string> out;
        for (const auto& s : json::parse(r.out)) out.push_back(s["title"]);
        return out;
    };
    using V = std::vector<std::string>;
    CHECK(titles("1") == V{"Keynote for everyone", "Lunch", "Late lightning talks", "Sunrise run"});
    CHECK(titles("2") == V{"Day two opening"});
    CHECK(titles("3") == V{"Closing"});
    CHECK(titles("2025-03-14").size() == 4);
    Run day4 = hallwayCli(db, {"sessions", "--event", "1", "--day", "4"});
    CHECK(day4.code == 1);
    CHECK(day4.err.find("has 3 days, numbered 1 to 3 by its agenda") != std::string::npos);

    // A re-import in another zone moves every time by the same hour; the days follow.
    Run again = hallwayCli(db, {"import", testData("sessionize/grid_days.json"), "--event", "1", "--tz", "Asia/Tokyo", "--json"});
    REQUIRE(again.code == 0);
    CHECK(json::parse(again.out)["days"] == 3);
    CHECK(titles("1") == V{"Keynote for everyone", "Lunch", "Late lightning talks", "Sunrise run"});
    Run list = hallwayCli(db, {"sessions", "--event", "1", "--day", "1"});
    CHECK(list.out.find("05:30-06:15") != std::string::npos);  // shown in the event's zone, Tokyo now
    CHECK(json::parse(hallwayCli(db, {"events", "--json"}).out)[0]["days"] == 3);
}

TEST_CASE("a session at 01:30 in day 1's night is on day 1 for --day, schedule and events", "[cli][days]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    REQUIRE(hallwayCli(db, {"import", testData("zones/night.xml")}).code == 0);

    Run day1 = hallwayCli(db, {"sessions", "--event", "1", "--day", "1", "--json"});
    REQUIRE(day1.code == 0);
    json one = json::parse(day1.out);
    REQUIRE(one.size() == 3);
    CHECK(one[2]["title"] == "Night owls");
    Run byDate = hallwayCli(db, {"sessions", "--event", "1", "--day", "2025-02-02", "--json"});
    REQUIRE(byDate.code == 0);
    json two = json::parse(byDate.out);
    REQUIRE(two.size() == 1);
    CHECK(two[0]["title"] == "Day two");

    Run events = hallwayCli(db, {"events", "--json"});
    CHECK(json::parse(events.out)[0]["days"] == 2);

    REQUIRE(hallwayCli(db, {"star", "1", "3", "4"}).code == 0);
    Run schedule = hallwayCli(db, {"schedule", "--event", "1"});
    REQUIRE(schedule.code == 0);
    // Night owls sits under Saturday 1 February, and Sunday's heading comes once, before Day two.
    size_t sat = schedule.out.find("Sat 2025-02-01\n");
    size_t owls = schedule.out.find("Night owls");
    size_t sun = schedule.out.find("Sun 2025-02-02\n");
    REQUIRE(sat != std::string::npos);
    REQUIRE(owls != std::string::npos);
    REQUIRE(sun != std::string::npos);
    CHECK(sat < owls);
    CHECK(owls < sun);
    CHECK(schedule.out.find("Sun 2025-02-02\n", sun + 1) == std::string::npos);
}
