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
    auto night = agendaDayTime(localToInstant({2025, 2, 2, 1, 30, 0}, zone), zone, {});
    CHECK(night.day == "2025-02-01");
    CHECK(night.minute == 25 * 60 + 30);
    auto early = agendaDayTime(localToInstant({2025, 2, 2, 4, 59, 0}, zone), zone, {});
    CHECK(early.day == "2025-02-01");
    auto morning = agendaDayTime(localToInstant({2025, 2, 2, 5, 0, 0}, zone), zone, {});
    CHECK(morning.day == "2025-02-02");
    CHECK(morning.minute == 5 * 60);
    // Across a month and a year.
    Event brussels, utc;
    brussels.timeZone = zone;
    CHECK(agendaDayString(localToInstant({2025, 1, 1, 2, 0, 0}, zone), brussels) == "2024-12-31");
    CHECK(agendaDayString(localToInstant({2024, 3, 1, 0, 15, 0}, "UTC"), utc) == "2024-02-29");
}

TEST_CASE("an agenda's own days decide the day, night to 06:00 included", "[time][days]") {
    const std::string zone = "Europe/Berlin";
    Event congress;
    congress.timeZone = zone;
    auto at = [&](int d, int h, int m) { return localToInstant({2019, 12, d, h, m, 0}, zone); };
    // Day 1: 27th 11:00 to 28th 06:00; day 2: 28th 10:00 to 29th 06:00 (day 2 has no sessions below).
    congress.days = {{1, "2019-12-27", at(27, 11, 0), at(28, 6, 0)}, {2, "2019-12-28", at(28, 10, 0), at(29, 6, 0)}};

    auto night = agendaDayTime(at(28, 5, 30), congress);  // past the 05:00 rule
    CHECK(night.day == "2019-12-27");
    CHECK(night.number == 1);
    CHECK(night.minute == 29 * 60 + 30);
    auto secondNight = agendaDayTime(at(29, 1, 0), congress);
    CHECK(secondNight.day == "2019-12-28");
    CHECK(secondNight.number == 2);
    // Between the days (28th 07:00) the 05:00 rule says the 28th, which is day 2.
    auto gap = agendaDayTime(at(28, 7, 0), congress);
    CHECK(gap.day == "2019-12-28");
    CHECK(gap.number == 2);
    // After the last day: a date of its own, no number.
    auto after = agendaDayTime(at(30, 12, 0), congress);
    CHECK(after.day == "2019-12-30");
    CHECK(after.number == 0);

    // Every defined day is a day, with sessions or not; a stray date is added.
    CHECK(agendaDayKeys(congress, {at(28, 5, 30)}) == std::vector<std::string>{"2019-12-27", "2019-12-28"});
    CHECK(agendaDayKeys(congress, {at(30, 12, 0)}) ==
          std::vector<std::string>{"2019-12-27", "2019-12-28", "2019-12-30"});
    auto keys = agendaDayKeys(congress, {});
    CHECK(agendaDayByNumber(congress, keys, 2) == std::optional<std::string>("2019-12-28"));
    CHECK_FALSE(agendaDayByNumber(congress, keys, 3));
    Event plain;
    CHECK(agendaDayByNumber(plain, {"2024-01-01", "2024-01-02"}, 2) == std::optional<std::string>("2024-01-02"));
    CHECK_FALSE(agendaDayByNumber(plain, {"2024-01-01"}, 0));
}

TEST_CASE("days read from a file are keyed by the local date of their start", "[time][days]") {
    // wafer (DebConf) labels a day with its UTC date: 21:30 UTC is 03:00 the next morning in Kolkata.
    std::vector<ScheduleDay> file = {{2, "2023-09-10", 1694381400, 1694467799}, {1, "2023-09-09", 1694295000, 1694381399},
                                     {3, "2023-09-11", 100, 50}};
    auto days = normalizeScheduleDays(file, "Asia/Kolkata");
    REQUIRE(days.size() == 2);  // the one that ends before it starts is dropped
    CHECK(days[0].index == 1);
    CHECK(days[0].date == "2023-09-10");
    CHECK(days[1].date == "2023-09-11");
}
