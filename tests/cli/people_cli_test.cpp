#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>
#include <tuple>

#include "cli/cli_run.h"
#include "core/time_util.h"
#include "services/capture_service.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::Run;
using hallway::testing::hallwayCli;
using hallway::testing::jsonOf;
using hallway::testing::ok;
using nlohmann::json;
using hallway::testing::TempDir;
using hallway::testing::corpus;
using hallway::testing::testData;

TEST_CASE("contacts import deduplicates across files and is idempotent", "[cli][people]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    json first = jsonOf(hallwayCli(db, {"people", "import", testData("people/Connections.csv"), "--json"}));
    CHECK(first["format"] == "linkedin");
    CHECK(first["people_added"] == 3);

    json again = jsonOf(hallwayCli(db, {"people", "import", testData("people/Connections.csv"), "--json"}));
    CHECK(again["people_added"] == 0);
    CHECK(again["people_updated"] == 0);
    CHECK(again["people_unchanged"] == 3);

    // Ana in the vCard shares her work email with the LinkedIn row: one person.
    json cards = jsonOf(hallwayCli(db, {"people", "import", testData("people/cards.vcf"), "--json"}));
    CHECK(cards["format"] == "vcard");
    CHECK(cards["people_added"] == 1);  // Cy Diaz
    CHECK(cards["people_updated"] == 1);

    json people = jsonOf(hallwayCli(db, {"people", "--json"}));
    CHECK(people.size() == 4);
    json ana = jsonOf(hallwayCli(db, {"people", "show", "Ana Lima", "--json"}));
    CHECK(ana["company"] == "Acme, Inc.");
    CHECK(ana["emails"].size() == 2);
    CHECK(ana["tags"] == json::array({"rust", "speaker"}));
    CHECK(ana["urls"][0]["label"] == "linkedin");

    json cardsAgain = jsonOf(hallwayCli(db, {"people", "import", testData("people/cards.vcf"), "--json"}));
    CHECK(cardsAgain["people_added"] == 0);
    CHECK(cardsAgain["people_updated"] == 0);
}

TEST_CASE("a badge's QR text adds a person, and again updates the same one", "[cli][people]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    json added = jsonOf(hallwayCli(db, {"people", "add", "--from-text", "MECARD:N:Okonkwo,Marta;EMAIL:marta@example.org;ORG:Give First Ltd;;", "--json"}));
    CHECK(added["created"] == true);
    CHECK(added["name"] == "Marta Okonkwo");
    json again = jsonOf(hallwayCli(db, {"people", "add", "--from-text", "MECARD:N:Okonkwo,Marta;EMAIL:MARTA@example.org;TEL:+44 20 0000 0000;;", "--json"}));
    CHECK(again["created"] == false);
    CHECK(again["id"] == added["id"]);
    CHECK(again["phones"].size() == 1);
    Run bad = hallwayCli(db, {"people", "add", "--from-text", "hello there"});
    CHECK(bad.code == 1);
    CHECK_THAT(bad.err, Catch::StartsWith("hallway: "));
}

TEST_CASE("a speaker made a target shows their talks under where to find", "[cli][people][targets]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    json imported = jsonOf(hallwayCli(db, {"import", testData("frab/backwaters.xml"), "--json"}));
    std::string ev = std::to_string(imported["event_id"].get<long long>());

    Run added = hallwayCli(db, {"target", "add", "Asha Menon", "--event", ev, "--priority", "must", "--why",
                                "runs the community track", "--question", "How do newcomers find a mentor?"});
    REQUIRE(added.code == 0);
    json targets = jsonOf(hallwayCli(db, {"targets", "--event", ev, "--json"}));
    REQUIRE(targets["targets"].size() == 1);
    auto& t = targets["targets"][0];
    CHECK(t["name"] == "Asha Menon");
    CHECK(t["priority"] == "must");
    CHECK(t["questions"] == json::array({"How do newcomers find a mentor?"}));
    REQUIRE(t["where_to_find"].size() >= 1);
    CHECK(t["where_to_find"][0]["title"] == "Opening Ceremony");
    CHECK(t["where_to_find"][0]["room"] == "Anamudi");
    CHECK(t["where_to_find"][0]["start"] == "2023-09-10T10:30:00+05:30");
    // Nothing starred: right after the talk the user is free.
    CHECK(t["where_to_find"][0].contains("free_after"));

    Run text = hallwayCli(db, {"targets", "--event", ev});
    CHECK_THAT(text.out, Catch::Contains("where to find: 2023-09-10 10:30-10:50 Anamudi — Opening Ceremony"));

    REQUIRE(hallwayCli(db, {"target", "set", "Asha Menon", "--event", ev, "--status", "met"}).code == 0);
    targets = jsonOf(hallwayCli(db, {"targets", "--event", ev, "--json"}));
    CHECK(targets["targets"][0]["status"] == "met");

    Run unknown = hallwayCli(db, {"target", "add", "Nobody Atall", "--event", ev});
    CHECK(unknown.code == 1);
    CHECK_THAT(unknown.err, Catch::Contains("no person matches"));

    // The person's timeline says it in words, then the target is removed and the person stays.
    Run person = hallwayCli(db, {"person", "Asha Menon"});
    CHECK_THAT(person.out, Catch::Contains("must meet, met: runs the community track"));
    REQUIRE(hallwayCli(db, {"target", "remove", "Asha Menon", "--event", ev}).code == 0);
    targets = jsonOf(hallwayCli(db, {"targets", "--event", ev, "--json"}));
    CHECK(targets["targets"].empty());
    Run again = hallwayCli(db, {"target", "remove", "Asha Menon", "--event", ev});
    CHECK(again.code == 1);
    CHECK_THAT(again.err, Catch::Contains("not a target at Backwaters Conf"));
    CHECK(hallwayCli(db, {"person", "Asha Menon"}).code == 0);
}

TEST_CASE("goals count progress from targets met", "[cli][goals]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    json imported = jsonOf(hallwayCli(db, {"import", testData("reimport/v1.xml"), "--json"}));
    std::string ev = std::to_string(imported["event_id"].get<long long>());
    REQUIRE(hallwayCli(db, {"goals", "--event", ev, "add", "people_met", "--target", "3", "--text", "in Rust"}).code == 0);
    REQUIRE(hallwayCli(db, {"goals", "--event", ev, "add", "text", "--text", "Find a co-maintainer"}).code == 0);
    CHECK(hallwayCli(db, {"goals", "--event", ev, "add", "coffee_chats"}).code == 1);  // needs a target
    for (const char* who : {"Ana Lima", "Bo Chen"}) {
        REQUIRE(hallwayCli(db, {"target", "add", who, "--event", ev}).code == 0);
        REQUIRE(hallwayCli(db, {"target", "set", who, "--event", ev, "--status", "met"}).code == 0);
    }
    json goals = jsonOf(hallwayCli(db, {"goals", "--event", ev, "--json"}));
    REQUIRE(goals.size() == 2);
    CHECK(goals[0]["label"] == "Meet 3 people: in Rust");
    CHECK(goals[0]["done"] == 2);
    CHECK(goals[1]["label"] == "Find a co-maintainer");
}

TEST_CASE("people merge and export through the CLI", "[cli][people]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    json a = jsonOf(hallwayCli(db, {"people", "add", "Ana Lima", "--email", "ana@lima.example", "--json"}));
    json b = jsonOf(hallwayCli(db, {"people", "add", "Ana M. Lima", "--company", "Acme", "--tag", "rust", "--json"}));
    std::string ida = std::to_string(a["id"].get<long long>()), idb = std::to_string(b["id"].get<long long>());
    json merged = jsonOf(hallwayCli(db, {"people", "merge", ida, idb, "--json"}));
    CHECK(merged["company"] == "Acme");
    CHECK(merged["tags"] == json::array({"rust"}));
    CHECK(jsonOf(hallwayCli(db, {"people", "--json"})).size() == 1);
    CHECK(hallwayCli(db, {"people", "merge", ida, ida}).code == 1);

    std::string vcf = dir.file("out.vcf"), csv = dir.file("out.csv");
    REQUIRE(hallwayCli(db, {"people", "export", vcf}).code == 0);
    CHECK_THAT(hallway::testing::readFile(vcf), Catch::Contains("FN:Ana Lima\r\n"));
    REQUIRE(hallwayCli(db, {"people", "export", csv}).code == 0);
    CHECK_THAT(hallway::testing::readFile(csv), Catch::Contains("Ana Lima,,,Acme,,ana@lima.example,,,rust,"));
}

TEST_CASE("the network map groups people by company", "[cli][people]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    REQUIRE(hallwayCli(db, {"people", "import", testData("people/Connections.csv")}).code == 0);
    json net = jsonOf(hallwayCli(db, {"network", "--by", "company", "--json"}));
    CHECK(net["groups"].size() == 3);
    CHECK(net["groups"][0]["people"] == 1);
}

TEST_CASE("a bad contacts file writes nothing and names file and line", "[cli][people]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    REQUIRE(hallwayCli(db, {"people", "import", testData("people/Connections.csv")}).code == 0);
    std::string bad = dir.file("broken.vcf");
    hallway::testing::writeFile(bad, "BEGIN:VCARD\nVERSION:3.0\nFN:Half Card\nEMAIL:half@example.org\n");
    Run r = hallwayCli(db, {"people", "import", bad});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::StartsWith("hallway: " + bad + ":"));
    CHECK(jsonOf(hallwayCli(db, {"people", "--json"})).size() == 3);
}

namespace {

// What a met leaves in the database for one person at one event, the moment
// it was logged aside: the target row and every interaction with them.
struct MetRows {
    std::string status;
    std::vector<std::tuple<std::optional<RowId>, std::string, std::string, std::string>> interactions;
    std::vector<Instant> loggedAt;
};

MetRows metRows(const std::string& db, RowId eventId, RowId personId) {
    Store store(db);
    MetRows rows;
    auto target = PeopleRepo(store).findTarget(eventId, personId);
    rows.status = target ? targetStatusName(target->status) : "no target";
    for (const auto& i : NotesRepo(store).interactionsWith(personId)) {
        rows.interactions.emplace_back(i.eventId, i.kind, i.direction, i.summary);
        rows.loggedAt.push_back(i.occurredAt);
    }
    return rows;
}

}  // namespace

TEST_CASE("target set --status leaves the rows the app's Met toggle leaves", "[cli][people][targets]") {
    TempDir dir;
    const std::string viaApp = dir.file("app.db"), viaCli = dir.file("cli.db");
    RowId eventId = 0, personId = 0;
    for (const auto& db : {viaApp, viaCli}) {
        json imported = jsonOf(hallwayCli(db, {"import", testData("frab/backwaters.xml"), "--json"}));
        eventId = imported["event_id"].get<RowId>();
        json added = jsonOf(hallwayCli(db, {"target", "add", "Asha Menon", "--event", std::to_string(eventId),
                                            "--priority", "must", "--json"}));
        personId = added["person_id"].get<RowId>();
    }
    const std::string ev = std::to_string(eventId);

    const Instant before = nowInstant();
    ok(hallwayCli(viaCli, {"target", "set", "Asha Menon", "--event", ev, "--status", "met"}));
    const Instant after = nowInstant();
    {
        Store store(viaApp);
        markMet(store, eventId, personId, before);
    }
    MetRows app = metRows(viaApp, eventId, personId), cli = metRows(viaCli, eventId, personId);
    CHECK(cli.status == "met");
    REQUIRE(app.interactions.size() == 1);  // the "met" the queue and "met at EVENT" read
    CHECK(cli.interactions == app.interactions);
    REQUIRE(cli.loggedAt.size() == 1);
    CHECK(cli.loggedAt[0] >= before);
    CHECK(cli.loggedAt[0] <= after);

    // Met twice logs one meeting, as ticking an already ticked box does nothing.
    ok(hallwayCli(viaCli, {"target", "set", "Asha Menon", "--event", ev, "--status", "met"}));
    CHECK(metRows(viaCli, eventId, personId).interactions == app.interactions);

    // Back to not yet is the app's untick: the logged "met" goes too.
    ok(hallwayCli(viaCli, {"target", "set", "Asha Menon", "--event", ev, "--status", "not_yet"}));
    {
        Store store(viaApp);
        unmarkMet(store, eventId, personId);
    }
    app = metRows(viaApp, eventId, personId);
    cli = metRows(viaCli, eventId, personId);
    CHECK(cli.status == "not_yet");
    CHECK(cli.interactions.empty());
    CHECK(cli.interactions == app.interactions);

    // Missed after a met: not met after all, so no "met" stays behind to count.
    ok(hallwayCli(viaCli, {"target", "set", "Asha Menon", "--event", ev, "--status", "met"}));
    ok(hallwayCli(viaCli, {"target", "set", "Asha Menon", "--event", ev, "--status", "missed"}));
    cli = metRows(viaCli, eventId, personId);
    CHECK(cli.status == "missed");
    CHECK(cli.interactions.empty());

    // Someone who is no target is refused, and nothing is logged for them.
    Run stranger = hallwayCli(viaCli, {"target", "set", "Jonah Mercer", "--event", ev, "--status", "met"});
    CHECK(stranger.code == 1);
    CHECK_THAT(stranger.err, Catch::Contains("not a target at Backwaters Conf"));
    json jonah = jsonOf(hallwayCli(viaCli, {"people", "--search", "Jonah", "--json"}));
    REQUIRE(jonah.size() == 1);
    CHECK(metRows(viaCli, eventId, jonah[0]["id"].get<RowId>()).interactions.empty());
}
