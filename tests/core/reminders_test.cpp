#include <catch2/catch.hpp>

#include "core/reminders.h"
#include "core/time_util.h"

using namespace hallway;

namespace {

const std::string kZone = "Europe/Brussels";

Instant at(int hour, int minute) { return localToInstant({2025, 2, 1, hour, minute, 0}, kZone); }

WatchedSlot slot(RowId id, int hour, int minute, const std::string& title, const std::string& room) {
    WatchedSlot s;
    s.sessionId = id;
    s.startsAt = at(hour, minute);
    s.title = title;
    s.room = room;
    s.starred = true;
    return s;
}

}  // namespace

TEST_CASE("a reminder comes once, ten minutes before a watched session", "[reminders]") {
    std::vector<WatchedSlot> slots = {slot(1, 11, 0, "Rust in the kernel", "Janson")};
    CHECK_FALSE(dueReminder(slots, at(10, 40), at(10, 49), 10, kZone));
    auto due = dueReminder(slots, at(10, 49), at(10, 50), 10, kZone);
    REQUIRE(due);
    CHECK(due->summary == "In 10 min: Rust in the kernel, Janson");
    CHECK(due->body == "11:00 Rust in the kernel, Janson");
    CHECK(due->sessionIds == std::vector<RowId>{1});
    // The next check's window starts where this one ended: no second reminder.
    CHECK_FALSE(dueReminder(slots, at(10, 50), at(10, 55), 10, kZone));
    // Off.
    CHECK_FALSE(dueReminder(slots, at(10, 49), at(10, 50), 0, kZone));
}

TEST_CASE("overlapping reminders merge into one, with the target and the prepared question", "[reminders]") {
    WatchedSlot talk = slot(2, 11, 0, "Packaging for humans", "K.1.105");
    talk.starred = false;
    talk.targetName = "Cy Diaz";
    talk.question = "How do you test the Debian builds?";
    std::vector<WatchedSlot> slots = {slot(1, 11, 0, "Rust in the kernel", "Janson"), talk,
                                      slot(3, 11, 30, "Later", "Janson")};
    // The app was asleep from 10:40 to 10:52: both 11:00 sessions come in one message.
    auto due = dueReminder(slots, at(10, 40), at(10, 52), 10, kZone);
    REQUIRE(due);
    CHECK(due->summary == "In 8 min: 2 of your sessions");
    CHECK(due->body == "11:00 Rust in the kernel, Janson\n11:00 Packaging for humans, K.1.105 (Cy Diaz speaks; "
                       "your question: How do you test the Debian builds?)");
    CHECK(due->sessionIds == std::vector<RowId>{1, 2});
}

TEST_CASE("a session that has already started gets no reminder", "[reminders]") {
    std::vector<WatchedSlot> slots = {slot(1, 11, 0, "Rust in the kernel", "Janson")};
    CHECK_FALSE(dueReminder(slots, at(10, 0), at(11, 5), 10, kZone));
}
