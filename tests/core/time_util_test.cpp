#include <catch2/catch.hpp>

#include "core/schedule.h"
#include "core/time_util.h"

using namespace hallway;

TEST_CASE("wall-clock time converts through the event's zone, DST included", "[time]") {
    // 2025-03-30 is the spring-forward day in Europe/Brussels (02:00 -> 03:00).
    CHECK(localToInstant({2025, 3, 30, 1, 30, 0}, "Europe/Brussels") == 1743294600);  // 00:30Z, CET
    CHECK(localToInstant({2025, 3, 30, 3, 30, 0}, "Europe/Brussels") == 1743298200);  // 01:30Z, CEST
    CHECK(localToInstant({2023, 9, 10, 10, 30, 0}, "Asia/Kolkata") == 1694322000);
    CHECK_THROWS_AS(localToInstant({2025, 2, 30, 0, 0, 0}, "UTC"), std::invalid_argument);
    CHECK_THROWS_AS(localToInstant({2025, 2, 1, 0, 0, 0}, "Mars/Olympus"), std::invalid_argument);
    auto l = instantToLocal(1743298200, "Europe/Brussels");
    CHECK(l.hour == 3);
    CHECK(l.minute == 30);
    CHECK(localDateString(1740889800, "America/New_York") == "2025-03-01");
    CHECK(isoString(1694322000, "Asia/Kolkata") == "2023-09-10T10:30:00+05:30");
}

TEST_CASE("ISO 8601 date-times parse with and without offsets", "[time]") {
    CHECK(parseIsoDateTime("2023-09-10T05:00:00+00:00", "Asia/Kolkata") == 1694322000);
    CHECK(parseIsoDateTime("2023-09-10T10:30:00+05:30", "UTC") == 1694322000);
    CHECK(parseIsoDateTime("2023-09-10T05:00:00Z", "Asia/Kolkata") == 1694322000);
    CHECK(parseIsoDateTime("2023-09-10 10:30", "Asia/Kolkata") == 1694322000);
    CHECK(parseIsoDateTime("20230910T103000", "Asia/Kolkata") == 1694322000);
    CHECK(parseIsoDateTime("2023-09-10T05:00:00.250Z", "UTC") == 1694322000);
    CHECK(parseIsoDateTime("2023-09-10", "UTC") == 1694304000);
    CHECK_FALSE(parseIsoDateTime("yesterday", "UTC"));
    CHECK_FALSE(parseIsoDateTime("2023-13-10T10:00", "UTC"));
    CHECK_FALSE(parseIsoDateTime("2023-09-10T10:00+25:00", "UTC"));
    CHECK_FALSE(parseIsoDateTime("2023-09-10T10:00junk", "UTC"));
}

TEST_CASE("clock durations", "[time]") {
    CHECK(parseClockDuration("00:20") == 1200);
    CHECK(parseClockDuration("0:30") == 1800);
    CHECK(parseClockDuration("01:15:30") == 4530);
    CHECK_FALSE(parseClockDuration("20"));
    CHECK_FALSE(parseClockDuration("00:75"));
    CHECK_FALSE(parseClockDuration("ab:cd"));
}

TEST_CASE("overlaps pair sessions whose times intersect, not those that touch", "[schedule]") {
    std::vector<Session> s(4);
    s[0].id = 1, s[0].startsAt = 0, s[0].endsAt = 3600;
    s[1].id = 2, s[1].startsAt = 1800, s[1].endsAt = 5400;  // overlaps 1 and 3
    s[2].id = 3, s[2].startsAt = 3600, s[2].endsAt = 7200;  // touches 1
    s[3].id = 4, s[3].startsAt = 7200, s[3].endsAt = 9000;  // touches 3
    auto o = findOverlaps(s);
    CHECK(o[1] == std::vector<RowId>{2});
    CHECK(o[2] == std::vector<RowId>{1, 3});
    CHECK(o[3] == std::vector<RowId>{2});
    CHECK(o.count(4) == 0);
}

TEST_CASE("schedule days run from 05:00 to 05:00 local time", "[time][days]") {
    const std::string zone = "Europe/Brussels";
    auto night = agendaDayTime(localToInstant({2025, 2, 2, 1, 30, 0}, zone), zone);
    CHECK(night.day == "2025-02-01");
    CHECK(night.minute == 25 * 60 + 30);
    auto early = agendaDayTime(localToInstant({2025, 2, 2, 4, 59, 0}, zone), zone);
    CHECK(early.day == "2025-02-01");
    auto morning = agendaDayTime(localToInstant({2025, 2, 2, 5, 0, 0}, zone), zone);
    CHECK(morning.day == "2025-02-02");
    CHECK(morning.minute == 5 * 60);
    // Across a month and a year.
    CHECK(agendaDayString(localToInstant({2025, 1, 1, 2, 0, 0}, zone), zone) == "2024-12-31");
    CHECK(agendaDayString(localToInstant({2024, 3, 1, 0, 15, 0}, "UTC"), "UTC") == "2024-02-29");
}
