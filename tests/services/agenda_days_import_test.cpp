// An import stores the days the agenda defines with its event; a re-import
// replaces them; a file without days leaves the 05:00 rule.
#include <catch2/catch.hpp>

#include "core/time_util.h"
#include "services/import_service.h"
#include "store/agenda_repo.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::corpus;
using hallway::testing::TempDir;
using hallway::testing::testData;
using hallway::testing::writeFile;

namespace {

const Session& titled(const std::vector<Session>& sessions, const std::string& title) {
    for (const auto& s : sessions)
        if (s.title == title) return s;
    FAIL("no session " << title);
    return sessions.front();
}

}  // namespace

TEST_CASE("import: a congress's own days hold its night sessions, numbered by the file", "[import][days]") {
    for (const char* file : {"days/congress.xml", "days/congress.json"}) {
        DYNAMIC_SECTION(file) {
            Store store(":memory:");
            AgendaImportReport r = importAgendaFile(store, testData(file), {});
            CHECK(r.days == 3);  // day 2 has no sessions but is a day of the congress
            Event event = *AgendaRepo(store).findEvent(r.eventId);
            REQUIRE(event.days.size() == 3);
            CHECK(event.days[0].date == "2019-12-27");
            CHECK(event.days[1].date == "2019-12-28");
            CHECK(event.days[2].date == "2019-12-29");
            auto sessions = AgendaRepo(store).sessions(r.eventId);
            AgendaDayTime jam = agendaDayTime(titled(sessions, "Sunrise jam").startsAt, event);
            CHECK(jam.day == "2019-12-27");  // 05:30 on the 28th: day 1's night
            CHECK(jam.number == 1);
            CHECK(jam.minute == 29 * 60 + 30);

            SessionQuery day1;
            day1.localDate = "2019-12-27";
            CHECK(AgendaRepo(store).sessions(r.eventId, day1).size() == 3);
            SessionQuery day2;
            day2.localDate = "2019-12-28";
            CHECK(AgendaRepo(store).sessions(r.eventId, day2).empty());
        }
    }
}

TEST_CASE("import: a re-import replaces the days, and a file without days brings back 05:00", "[import][days]") {
    TempDir dir;
    Store store(dir.file("h.db"));
    AgendaImportReport first = importAgendaFile(store, testData("days/congress.xml"), {});
    REQUIRE(AgendaRepo(store).findEvent(first.eventId)->days.size() == 3);

    // The same congress, now without <day> bounds and with a different set of days, is not possible
    // in frab XML; an iCalendar of it defines no days at all.
    std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n"
                      "BEGIN:VEVENT\r\nUID:nc-103\r\nDTSTART:20191228T043000Z\r\nDTEND:20191228T050000Z\r\n"
                      "SUMMARY:Sunrise jam\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    writeFile(dir.file("congress.ics"), ics);
    AgendaImportOptions options;
    options.event = std::to_string(first.eventId);
    AgendaImportReport again = importAgendaFile(store, dir.file("congress.ics"), options);
    Event event = *AgendaRepo(store).findEvent(again.eventId);
    CHECK(event.days.empty());
    // 05:30 Berlin is past 05:00: without the file's days it is the 28th.
    CHECK(agendaDayString(1577507400, event) == "2019-12-28");

    importAgendaFile(store, testData("days/congress.xml"), options);
    CHECK(AgendaRepo(store).findEvent(first.eventId)->days.size() == 3);
}

TEST_CASE("corpus: DebConf 23's days are the file's, keyed by their local dates", "[corpus][import][days]") {
    HALLWAY_NEEDS_CORPUS("agenda/debconf23.xml");
    Store store(":memory:");
    AgendaImportOptions options;
    options.fallbackZone = "UTC";
    AgendaImportReport r = importAgendaFile(store, corpus("agenda/debconf23.xml"), options);
    Event event = *AgendaRepo(store).findEvent(r.eventId);
    REQUIRE(event.days.size() == 8);
    CHECK(event.days[0].index == 1);
    // wafer writes the UTC date (09-09) of a day that starts at 03:00 on the 10th in Kochi.
    CHECK(event.days[0].date == "2023-09-10");
    CHECK(r.days == 8);
    for (const auto& s : AgendaRepo(store).sessions(r.eventId)) {
        INFO(s.title);
        CHECK(agendaDayTime(s.startsAt, event).number != 0);
    }
}

TEST_CASE("corpus: FOSDEM 2010's dated days keep their numbers", "[corpus][import][days]") {
    HALLWAY_NEEDS_CORPUS("agenda/confclerk_fosdem2010_pentabarf.xml");
    Store store(":memory:");
    AgendaImportOptions options;
    options.parse.timeZone = "Europe/Brussels";
    AgendaImportReport r = importAgendaFile(store, corpus("agenda/confclerk_fosdem2010_pentabarf.xml"), options);
    Event event = *AgendaRepo(store).findEvent(r.eventId);
    REQUIRE(event.days.size() == 2);
    CHECK(event.days[0].index == 1);
    CHECK(event.days[0].date == "2010-02-07");
    CHECK(event.days[1].date == "2010-02-08");
}

TEST_CASE("corpus: pretalx democon's days run 04:00 to 03:59", "[corpus][import][days]") {
    HALLWAY_NEEDS_CORPUS("agenda/voc_pretalx-democon.json");
    Store store(":memory:");
    AgendaImportOptions options;
    options.fallbackZone = "UTC";
    AgendaImportReport r = importAgendaFile(store, corpus("agenda/voc_pretalx-democon.json"), options);
    Event event = *AgendaRepo(store).findEvent(r.eventId);
    REQUIRE(event.days.size() == 3);
    CHECK(r.days == 3);
    CHECK(event.days[2].index == 3);
}
