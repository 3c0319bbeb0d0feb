#include <catch2/catch.hpp>

#include "core/time_util.h"
#include "ui/ui_format.h"

using namespace hallway;
using namespace hallway::ui;

TEST_CASE("day and range labels", "[ui][format]") {
    CHECK(dayLabel("2023-09-10") == "Sun 10 Sep");
    CHECK(dayLabel("2024-02-29") == "Thu 29 Feb");
    CHECK(dayLabel("not a date") == "not a date");

    const std::string zone = "Asia/Kolkata";
    Instant a = localToInstant({2023, 9, 10, 10, 30, 0}, zone);
    Instant b = localToInstant({2023, 9, 17, 18, 0, 0}, zone);
    CHECK(dateRangeLabel(a, b, zone) == "10\u201317 Sep 2023");
    CHECK(dateRangeLabel(a, a + 3600, zone) == "Sun 10 Sep 2023");
    CHECK(dateRangeLabel(localToInstant({2023, 9, 30, 9, 0, 0}, zone), localToInstant({2023, 10, 2, 9, 0, 0}, zone),
                         zone) == "30 Sep \u2013 2 Oct 2023");
    // Ending at midnight belongs to the day before.
    CHECK(dateRangeLabel(a, localToInstant({2023, 9, 11, 0, 0, 0}, zone), zone) == "Sun 10 Sep 2023");
    CHECK(dateRangeLabel(0, 0, zone) == "dates unknown");
    CHECK(timeRangeLabel(a, a + 20 * 60, zone) == "10:30\u201310:50");
}

TEST_CASE("the event clock", "[ui][format]") {
    Event e;
    e.timeZone = "Europe/Brussels";
    e.startsAt = localToInstant({2024, 2, 3, 9, 0, 0}, e.timeZone);
    e.endsAt = localToInstant({2024, 2, 4, 18, 0, 0}, e.timeZone);
    auto session = [&](RowId id, const char* title, const char* room, LocalDateTime start, bool starred) {
        Session s;
        s.id = id;
        s.title = title;
        s.room = room;
        s.startsAt = localToInstant(start, e.timeZone);
        s.endsAt = s.startsAt + 1800;
        s.starred = starred;
        return s;
    };
    std::vector<Session> owned = {
        session(1, "Keynote", "Janson", {2024, 2, 3, 9, 30, 0}, false),
        session(2, "Rust in the kernel", "K.1.105", {2024, 2, 3, 11, 0, 0}, true),
        session(3, "Closing", "Janson", {2024, 2, 4, 17, 0, 0}, false),
    };
    std::vector<const Session*> sessions;
    for (const Session& s : owned) sessions.push_back(&s);

    SECTION("before the event: its dates and zone") {
        CHECK(eventClockText(e, sessions, localToInstant({2024, 1, 20, 12, 0, 0}, e.timeZone)) ==
              "3\u20134 Feb 2024 \u00b7 Europe/Brussels");
    }
    SECTION("during: day, time, and the next starred session first") {
        CHECK(eventClockText(e, sessions, localToInstant({2024, 2, 3, 9, 10, 0}, e.timeZone)) ==
              "Day 1 of 2 \u00b7 Sat 09:10 \u00b7 next: Rust in the kernel in K.1.105 at 11:00");
    }
    SECTION("during, nothing starred ahead: the next session, with its day when not today") {
        CHECK(eventClockText(e, sessions, localToInstant({2024, 2, 3, 12, 0, 0}, e.timeZone)) ==
              "Day 1 of 2 \u00b7 Sat 12:00 \u00b7 next: Closing in Janson (Sun 4 Feb)");
    }
    SECTION("last day after the last session: no next part") {
        CHECK(eventClockText(e, sessions, localToInstant({2024, 2, 4, 17, 50, 0}, e.timeZone)) ==
              "Day 2 of 2 \u00b7 Sun 17:50");
    }
    SECTION("after the event") {
        CHECK(eventClockText(e, sessions, localToInstant({2024, 2, 5, 9, 0, 0}, e.timeZone)) ==
              "3\u20134 Feb 2024 \u00b7 Europe/Brussels");
    }
}

TEST_CASE("agenda text is made readable", "[ui][format]") {
    CHECK(readableText("See [the project](https://example.org/) and [docs](https://x.y/z).") ==
          "See the project and docs.");
    CHECK(readableText("  line one\r\nline two\n\n") == "line one\nline two");
    CHECK(readableText("[not a link] (really)") == "[not a link] (really)");
    CHECK(readableText("[broken](no close") == "[broken](no close");
    CHECK(readableText("[]()") == "[]()");
    CHECK(readableText("") == "");
}
