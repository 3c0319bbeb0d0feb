#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
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

namespace {

// v1.xml: Hallway Test Conf in Europe/Brussels; speakers Ana Lima, Bo Chen, Cy Diaz, Dee Evans.
std::string setUp(const std::string& db) {
    json imported = jsonOf(hallwayCli(db, {"import", testData("reimport/v1.xml"), "--json"}));
    return std::to_string(imported["event_id"].get<long long>());
}

}  // namespace

TEST_CASE("a quick note links people by @handle, the session running then, and its markers", "[cli][capture]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string ev = setUp(db);
    // 11:20 Brussels time: "Rust in the kernel" (11:00-11:30) and "Packaging" (11:15-11:40) both run.
    // Star Rust: the starred one wins.
    json rust = jsonOf(hallwayCli(db, {"sessions", "--event", ev, "--search", "kernel", "--json"}));
    REQUIRE(hallwayCli(db, {"star", std::to_string(rust[0]["id"].get<long long>())}).code == 0);
    json saved = jsonOf(hallwayCli(db, {"note", "Met @ana-lima after the talk; #promise send her the bench paper\n"
                                                "#detail running the Lisbon marathon on 12 April",
                                        "--event", ev, "--at", "2025-02-01T11:20", "--json"}));
    CHECK(saved["session"]["title"] == "Rust in the kernel");
    REQUIRE(saved["people"].size() == 1);
    CHECK(saved["people"][0]["name"] == "Ana Lima");
    REQUIRE(saved["items"].size() == 2);
    CHECK(saved["items"][0]["kind"] == "promise");
    CHECK(saved["items"][1]["kind"] == "detail");
    CHECK(saved["items"][1]["date"] == "2025-04-12");

    // 10:20 local = 09:20Z: only the keynote runs, nothing starred -> it is linked.
    json keynote = jsonOf(hallwayCli(db, {"note", "great opening", "--event", ev, "--at", "2025-02-01T10:20", "--json"}));
    CHECK(keynote["session"]["title"].get<std::string>().rfind("Keynote", 0) == 0);
    // Between sessions nothing is linked.
    json lunch = jsonOf(hallwayCli(db, {"note", "lunch chat", "--event", ev, "--at", "2025-02-01T13:00", "--json"}));
    CHECK(lunch["session"].is_null());
}

TEST_CASE("an ambiguous or unknown @name is an error listing candidates, and nothing is saved", "[cli][capture]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    setUp(db);
    REQUIRE(hallwayCli(db, {"people", "add", "Ana Souza"}).code == 0);
    Run ambiguous = hallwayCli(db, {"note", "coffee with @ana"});
    CHECK(ambiguous.code == 1);
    CHECK_THAT(ambiguous.err, Catch::Contains("Ana Lima") && Catch::Contains("Ana Souza"));
    // The CLI words the service's candidates with its own options.
    CHECK_THAT(ambiguous.err, Catch::Contains("write more of the name or use --person ID"));
    Run unknown = hallwayCli(db, {"note", "coffee with @zed-zulu"});
    CHECK(unknown.code == 1);
    CHECK_THAT(unknown.err, Catch::Contains("--new-person"));
    CHECK(jsonOf(hallwayCli(db, {"search", "coffee", "--json"}))["hits"].empty());

    json created = jsonOf(hallwayCli(db, {"note", "coffee with @zed-zulu", "--new-person", "--json"}));
    REQUIRE(created["created_people"].size() == 1);
    CHECK(created["created_people"][0]["name"] == "Zed Zulu");
    // A unique prefix is enough once the name is known.
    json again = jsonOf(hallwayCli(db, {"note", "second coffee with @zed", "--json"}));
    CHECK(again["people"][0]["name"] == "Zed Zulu");
}

TEST_CASE("search ranks and snippets people, sessions and notes", "[cli][search]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    setUp(db);
    REQUIRE(hallwayCli(db, {"note", "Talked about kernel allocators with @bo-chen"}).code == 0);
    json hits = jsonOf(hallwayCli(db, {"search", "kern", "--json"}))["hits"];
    REQUIRE(hits.size() == 2);
    CHECK(hits[0]["kind"] == "session");
    CHECK(hits[0]["title"] == "Rust in the kernel");
    CHECK(hits[0]["snippet"] == "Rust in the [kernel]");
    CHECK(hits[1]["kind"] == "note");
    CHECK_THAT(hits[1]["snippet"].get<std::string>(), Catch::Contains("[kernel]"));

    json person = jsonOf(hallwayCli(db, {"search", "chen", "--json"}))["hits"];
    REQUIRE_FALSE(person.empty());
    CHECK(person[0]["kind"] == "person");
    CHECK(person[0]["title"] == "Bo Chen");
    // Substring inside a name (trigram), not only word prefixes.
    json inner = jsonOf(hallwayCli(db, {"search", "vans", "--json"}))["hits"];
    REQUIRE_FALSE(inner.empty());
    CHECK(inner[0]["title"] == "Dee Evans");
    // Facts are searchable and lead to the person.
    REQUIRE(hallwayCli(db, {"people", "add", "Eve Fox", "--fact", "training for a marathon"}).code == 0);
    json fact = jsonOf(hallwayCli(db, {"search", "marathon", "--json"}))["hits"];
    REQUIRE_FALSE(fact.empty());
    CHECK(fact[0]["title"] == "Eve Fox");
}

TEST_CASE("interactions count towards warmth and the give/ask balance", "[cli][capture]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string ev = setUp(db);
    REQUIRE(hallwayCli(db, {"met", "Bo Chen", "--event", ev, "--at", "2025-02-01T12:40"}).code == 0);
    REQUIRE(hallwayCli(db, {"met", "Bo Chen", "--event", ev}).code == 0);  // once is enough
    REQUIRE(hallwayCli(db, {"interaction", "Bo Chen", "resource_shared", "--direction", "give", "--summary", "sent the paper"}).code == 0);
    REQUIRE(hallwayCli(db, {"interaction", "Bo Chen", "referral_asked", "--direction", "ask"}).code == 0);
    CHECK(hallwayCli(db, {"interaction", "Bo Chen", "hug"}).code == 1);
    json t = jsonOf(hallwayCli(db, {"person", "Bo Chen", "--json"}));
    CHECK(t["interactions"] == 3);
    CHECK(t["gives"] == 1);
    CHECK(t["asks"] == 1);
    CHECK(t["relationship"] == true);
    // Bo was no target: meeting him logs the meeting and makes him none.
    json targets = jsonOf(hallwayCli(db, {"targets", "--event", ev, "--json"}));
    CHECK(targets["targets"].empty());
}

TEST_CASE("a person's timeline lists talks, targets, notes and interactions in time order", "[cli][capture]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string ev = setUp(db);
    REQUIRE(hallwayCli(db, {"target", "add", "Ana Lima", "--event", ev, "--priority", "must", "--why", "Rust allocators"}).code == 0);
    REQUIRE(hallwayCli(db, {"note", "asked @ana-lima about arenas", "--event", ev, "--at", "2025-02-01T12:45"}).code == 0);
    REQUIRE(hallwayCli(db, {"met", "Ana Lima", "--event", ev, "--at", "2025-02-01T12:50"}).code == 0);
    json t = jsonOf(hallwayCli(db, {"person", "Ana Lima", "--json"}));
    std::vector<std::string> kinds;
    for (auto& e : t["timeline"]) kinds.push_back(e["kind"]);
    // Talks at 10:00 and 11:00, the target (event start), the note 12:45, met 12:50, closing talk next day.
    CHECK(kinds == std::vector<std::string>{"talk", "target", "talk", "note", "interaction", "talk"});
    Run text = hallwayCli(db, {"person", "Ana Lima"});
    CHECK_THAT(text.out, Catch::Contains("asked @ana-lima about arenas"));
}

TEST_CASE("search finds a speaker's talks by their name, says how many more there are, and shows when and where",
          "[cli][search]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    // 14 talks by Ines Varga, none naming her in its text, and one by someone else.
    std::string csv = "title,start,end,room,speakers\n";
    for (int i = 0; i < 14; ++i) {
        char line[160];
        std::snprintf(line, sizeof line, "Storage engines part %d,2025-02-0%d %02d:00,2025-02-0%d %02d:30,Hall %c,Ines Varga\n",
                      i + 1, 1 + i / 7, 9 + i % 7, 1 + i / 7, 9 + i % 7, char('A' + i % 3));
        csv += line;
    }
    csv += "Unrelated talk,2025-02-01 17:00,2025-02-01 17:30,Hall Z,Bo Chen\n";
    hallway::testing::writeFile(dir.file("agenda.csv"), csv);
    REQUIRE(hallwayCli(db, {"import", dir.file("agenda.csv"), "--tz", "Europe/Brussels"}).code == 0);

    json found = jsonOf(hallwayCli(db, {"search", "varga", "--limit", "5", "--json"}));
    json hits = found["hits"];
    REQUIRE(hits.size() == 6);  // Ines herself, then 5 of her talks
    CHECK(hits[0]["kind"] == "person");
    CHECK(hits[0]["title"] == "Ines Varga");
    for (size_t i = 1; i < hits.size(); ++i) {
        CHECK(hits[i]["kind"] == "session");
        CHECK_THAT(hits[i]["title"].get<std::string>(), Catch::StartsWith("Storage engines part"));
        CHECK(hits[i]["speakers"] == "Ines Varga");
        CHECK_THAT(hits[i]["room"].get<std::string>(), Catch::StartsWith("Hall "));
        CHECK_THAT(hits[i]["start"].get<std::string>(), Catch::StartsWith("2025-02-0") && Catch::EndsWith("+01:00"));
    }
    CHECK(found["totals"]["session"]["total"] == 14);
    CHECK(found["totals"]["session"]["more"] == 9);
    CHECK(found["totals"]["session"]["at_least"] == false);
    CHECK(found["totals"]["person"]["more"] == 0);

    Run text = hallwayCli(db, {"search", "varga", "--limit", "5"});
    REQUIRE(text.code == 0);
    CHECK_THAT(text.out, Catch::Contains("and 9 more sessions"));
    CHECK_THAT(text.out, Catch::Contains("2025-02-01 09:00-09:30  [Hall A]  Ines Varga"));
    CHECK_THAT(text.out, Catch::Contains("Sat 2025-02-01"));
    CHECK_THAT(text.out, !Catch::Contains("Unrelated talk"));
    CHECK_THAT(text.out, !Catch::Contains("more people"));
}
