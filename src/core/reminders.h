// Reminders before the sessions a user watches (starred, or a target's
// talk): which are due between two clock readings, merged into one message
// when several start together. Pure: the app's loop feeds it the clock and
// shows or sends what it returns.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace hallway {

struct WatchedSlot {
    RowId sessionId = 0;
    Instant startsAt = 0;
    std::string title;
    std::string room;
    bool starred = false;
    std::string targetName;  // a target who speaks in it, '' when none
    std::string question;    // the first question prepared for that target
};

struct Reminder {
    Instant startsAt = 0;          // of the earliest session in it
    std::vector<RowId> sessionIds;
    std::string summary;           // "In 10 min: Rust in the kernel, Janson"
    std::string body;              // one line per session, with the target and the question
};

// The reminder for the sessions whose moment (start minus `leadMinutes`)
// falls in (checkedUpTo, now], all in one (overlapping reminders merge);
// none when there is none.
// `leadMinutes` <= 0 turns reminders off. `zone` words the times.
std::optional<Reminder> dueReminder(const std::vector<WatchedSlot>& slots, Instant checkedUpTo, Instant now,
                                   int leadMinutes, const std::string& zone);

}  // namespace hallway
