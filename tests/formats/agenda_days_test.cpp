// The days a frab file defines (<day index date start end>, JSON days[]) are
// read with their bounds, including days without sessions.
#include <catch2/catch.hpp>

#include "core/time_util.h"
#include "formats/agenda.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::readFile;
using hallway::testing::testData;

namespace {

Instant berlin(int day, int hour) { return localToInstant({2019, 12, day, hour, 0, 0}, "Europe/Berlin"); }

void checkCongressDays(const Agenda& agenda) {
    REQUIRE(agenda.days.size() == 3);
    CHECK(agenda.days[0].index == 1);
    CHECK(agenda.days[0].startsAt == berlin(27, 11));
    CHECK(agenda.days[0].endsAt == berlin(28, 6));
    CHECK(agenda.days[1].index == 2);  // no sessions, still a day
    CHECK(agenda.days[1].startsAt == berlin(28, 11));
    CHECK(agenda.days[2].index == 3);
    CHECK(agenda.days[2].startsAt == berlin(29, 11));  // JSON: wall clock in the file's zone
    CHECK(agenda.days[2].endsAt == berlin(30, 6));
    CHECK(agenda.sessions.size() == 4);
}

}  // namespace

TEST_CASE("frab xml: the file's days are read with their bounds", "[frab][days]") {
    Agenda agenda = parseAgenda(readFile(testData("days/congress.xml")), "congress.xml", "frab-xml");
    checkCongressDays(agenda);
}

TEST_CASE("frab json: conference.days are read with day_start and day_end", "[frab][days]") {
    Agenda agenda = parseAgenda(readFile(testData("days/congress.json")), "congress.json", "frab-json");
    checkCongressDays(agenda);
}

TEST_CASE("frab xml: days with a date only run 05:00 to 05:00 and keep their numbers", "[frab][days]") {
    Agenda agenda = parseAgenda(readFile(testData("days/no_days.xml")), "no_days.xml", "frab-xml");
    REQUIRE(agenda.days.size() == 2);
    CHECK(agenda.days[0].index == 0);
    CHECK(agenda.days[0].startsAt == localToInstant({2010, 2, 6, 5, 0, 0}, "Europe/Brussels"));
    CHECK(agenda.days[0].endsAt == localToInstant({2010, 2, 7, 5, 0, 0}, "Europe/Brussels"));
    CHECK(agenda.days[1].index == 1);
}

TEST_CASE("formats without days of their own give none", "[ics][days]") {
    Agenda agenda = parseAgenda(readFile(testData("ics/utc_only.ics")), "utc_only.ics", "ics");
    CHECK(agenda.days.empty());
}
