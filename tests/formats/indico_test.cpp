// Indico's JSON export (/export/event/ID.json?detail=contributions), from a
// sample written after Indico's HTTP API documentation.
#include <catch2/catch.hpp>

#include "formats/agenda.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::readFile;
using hallway::testing::testData;

namespace {

FormatError indicoError(const std::string& json) {
    try {
        parseAgenda(json, "indico.json", "indico");
    } catch (const FormatError& e) {
        return e;
    }
    FAIL("expected a FormatError");
    return FormatError("", 0, "");
}

}  // namespace

TEST_CASE("Indico: contributions with their times, rooms and speakers", "[indico]") {
    Agenda agenda = parseAgenda(readFile(testData("indico/workshop.json")), "4711.json", "auto");
    CHECK(agenda.format == "indico");
    CHECK(agenda.title == "Alpine Detector Workshop 2024");
    CHECK(agenda.timeZone == "Europe/Zurich");
    REQUIRE(agenda.sessions.size() == 3);  // the unscheduled poster session is skipped, with a warning

    const AgendaSession& welcome = agenda.sessions[0];
    CHECK(welcome.sourceId == "1");
    CHECK(welcome.line == 19);
    CHECK(welcome.startsAt == 1718002800);  // 09:00 in Zurich (CEST) = 07:00Z
    CHECK(welcome.endsAt - welcome.startsAt == 20 * 60);
    CHECK(welcome.room == "500/1-001 - Main Auditorium");  // roomFullname over room
    CHECK(welcome.description == "Why we meet & what we want to leave with.");
    CHECK(welcome.type == "Talk");
    CHECK(welcome.url == "https://indico.example.org/event/4711/contributions/1/");
    REQUIRE(welcome.speakers.size() == 1);  // speakers, not the author list too
    CHECK(welcome.speakers[0].name == "Ana Lima");
    CHECK(welcome.speakers[0].sourceId == "301");

    const AgendaSession& trackers = agenda.sessions[1];
    CHECK(trackers.room == "Council Chamber");
    CHECK(trackers.track == "Tracking");
    CHECK(trackers.description == "Plain text, trimmed.");
    REQUIRE(trackers.speakers.size() == 2);  // no speakers: the primary authors
    CHECK(trackers.speakers[0].name == "\xC3\x98ystein \xC3\x98verg\xC3\xA5rd");  // "Last, First" turned round
    CHECK(trackers.speakers[0].sourceId == "302");
    CHECK(trackers.speakers[1].name == "mo");

    const AgendaSession& remote = agenda.sessions[2];
    CHECK(remote.startsAt == 1718092800);  // its own tz (UTC) wins for its time
    CHECK(remote.endsAt - remote.startsAt == 30 * 60);  // no endDate: the duration in minutes
    CHECK(remote.speakers.at(0).name == "Mo");

    REQUIRE(agenda.warnings.size() == 1);
    CHECK(agenda.warnings[0].find("'Poster session (not yet scheduled)' is not scheduled") != std::string::npos);
}

TEST_CASE("Indico: --tz wins over the event's zone for the event, not for times that name theirs", "[indico]") {
    AgendaParseOptions options;
    options.timeZone = "Europe/Lisbon";
    Agenda agenda = parseAgenda(readFile(testData("indico/workshop.json")), "4711.json", "indico", options);
    CHECK(agenda.timeZone == "Europe/Lisbon");
    CHECK(agenda.sessions.at(0).startsAt == 1718002800);
}

TEST_CASE("Indico: errors name the line and the field", "[indico]") {
    SECTION("not an Indico export") {
        FormatError e = indicoError("{\"count\": 0}");
        CHECK(e.line() == 1);
        CHECK(e.reason().find("results") != std::string::npos);
    }
    SECTION("exported without contributions") {
        FormatError e = indicoError("{\"results\": [{\"title\": \"T\", \"timezone\": \"UTC\"}]}");
        CHECK(e.reason() == "results[0] has no contributions (export with ?detail=contributions)");
    }
    SECTION("a bad date") {
        FormatError e = indicoError(
            "{\"results\": [{\"title\": \"T\",\n \"contributions\": [\n {\"id\": \"1\", \"title\": \"A\",\n"
            " \"startDate\": {\"date\": \"2024-13-01\", \"time\": \"09:00:00\", \"tz\": \"UTC\"}}]}]}");
        CHECK(e.line() == 3);
        CHECK(e.reason() == "results[0].contributions[0].startDate.date: unparseable date '2024-13-01' (expected "
                            "YYYY-MM-DD)");
    }
    SECTION("a contribution without a title") {
        FormatError e = indicoError("{\"results\": [{\"contributions\": [{\"id\": \"1\"}]}]}");
        CHECK(e.reason() == "results[0].contributions[0].title: contribution has no title");
    }
    SECTION("truncated JSON") {
        FormatError e = indicoError("{\"results\": [\n{\"title\": ");
        CHECK(e.line() == 2);
        CHECK(e.reason().rfind("invalid JSON", 0) == 0);
    }
}
