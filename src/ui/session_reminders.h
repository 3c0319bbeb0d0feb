// Reminders in the app: the open event's watched sessions (starred, or a
// target's talk) kept in memory, reloaded only when the agenda, stars or
// targets changed, and asked each frame whether a reminder is due.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/reminders.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

class SessionReminders {
public:
    // The reminder due at `now`, if any; each session is reminded of once.
    // Nothing before the first call is reminded of (opening the app late
    // does not bring up old reminders). `leadMinutes` <= 0: off.
    std::optional<Reminder> poll(Store& store, std::optional<RowId> eventId, std::uint64_t revision, Instant now,
                                 int leadMinutes, const std::string& zone);
    int reloads() const { return m_reloads; }

private:
    std::optional<RowId> m_eventId;
    std::uint64_t m_revision = 0;
    bool m_loaded = false;
    std::vector<WatchedSlot> m_slots;
    Instant m_checkedUpTo = 0;
    int m_reloads = 0;
};

}  // namespace hallway::ui
