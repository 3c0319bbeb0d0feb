// Reminders in the app with a clock the test controls: the watched sessions
// are read once per change, not per frame, and each is reminded of once.
#include <catch2/catch.hpp>

#include "core/time_util.h"
#include "store/agenda_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/session_reminders.h"
#include "ui/settings.h"

using namespace hallway;
using hallway::testing::TempDir;

TEST_CASE("the app reminds of a starred session and a target's talk once, reading the agenda only on a change",
          "[ui][reminders]") {
    const std::string zone = "Europe/Brussels";
    Store store(":memory:");
    Event e;
    e.name = "Conf";
    e.timeZone = zone;
    e.startsAt = localToInstant({2025, 2, 1, 9, 0, 0}, zone);
    e.endsAt = localToInstant({2025, 2, 1, 18, 0, 0}, zone);
    const RowId event = AgendaRepo(store).createEvent(e);
    auto session = [&](const std::string& title, int hour) {
        Session s;
        s.eventId = event;
        s.sourceId = title;
        s.title = title;
        s.room = "Janson";
        s.startsAt = localToInstant({2025, 2, 1, hour, 0, 0}, zone);
        s.endsAt = s.startsAt + 1800;
        return AgendaRepo(store).insertSession(s);
    };
    const RowId rust = session("Rust in the kernel", 11);
    session("Not starred", 12);
    AgendaRepo(store).setStarred(rust, true);

    ui::SessionReminders reminders;
    auto clock = [&](int hour, int minute) { return localToInstant({2025, 2, 1, hour, minute, 0}, zone); };
    std::uint64_t revision = 1;
    CHECK_FALSE(reminders.poll(store, event, revision, clock(10, 30), 10, zone));
    for (int minute = 31; minute < 50; ++minute) CHECK_FALSE(reminders.poll(store, event, revision, clock(10, minute), 10, zone));
    auto due = reminders.poll(store, event, revision, clock(10, 50), 10, zone);
    REQUIRE(due);
    CHECK(due->summary == "In 10 min: Rust in the kernel, Janson");
    CHECK_FALSE(reminders.poll(store, event, revision, clock(10, 51), 10, zone));
    CHECK(reminders.reloads() == 1);  // twenty polls, one read of the agenda

    // The unstarred 12:00 session is nobody's: no reminder at 11:50.
    CHECK_FALSE(reminders.poll(store, event, revision, clock(11, 50), 10, zone));
}

TEST_CASE("the reminder switch and lead time are kept in the settings file", "[ui][reminders]") {
    TempDir dir;
    const std::string file = dir.file("settings.ini");
    ui::Settings s;
    CHECK(s.live.reminders);
    CHECK(s.live.reminderMinutes == 10);
    s.live.reminders = false;
    s.live.reminderMinutes = 25;
    std::string error;
    REQUIRE(ui::saveSettings(file, s, error));
    CHECK_FALSE(ui::loadSettings(file).live.reminders);
    CHECK(ui::loadSettings(file).live.reminderMinutes == 25);
    s.live.reminders = true;
    REQUIRE(ui::saveSettings(file, s, error));
    CHECK(ui::loadSettings(file).live.reminders);
    CHECK(ui::loadSettings(file).live.reminderMinutes == 25);
}

TEST_CASE("the automatic agenda refresh can be turned off in the settings file", "[ui][live]") {
    TempDir dir;
    const std::string file = dir.file("settings");
    ui::Settings s;
    CHECK(s.live.autoRefresh);
    s.live.autoRefresh = false;
    std::string error;
    REQUIRE(ui::saveSettings(file, s, error));
    CHECK_FALSE(ui::loadSettings(file).live.autoRefresh);
    s.live.autoRefresh = true;
    REQUIRE(ui::saveSettings(file, s, error));
    CHECK(ui::loadSettings(file).live.autoRefresh);
}
