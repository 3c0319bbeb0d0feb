#include "core/reminders.h"

#include <algorithm>

#include "core/time_util.h"

namespace hallway {

namespace {

std::string slotLine(const WatchedSlot& s, const std::string& zone) {
    std::string line = localTimeString(s.startsAt, zone) + " " + s.title;
    if (!s.room.empty()) line += ", " + s.room;
    if (!s.targetName.empty()) {
        line += " (" + s.targetName + " speaks";
        if (!s.question.empty()) line += "; your question: " + s.question;
        line += ")";
    }
    return line;
}

}  // namespace

std::optional<Reminder> dueReminder(const std::vector<WatchedSlot>& slots, Instant checkedUpTo, Instant now,
                                   int leadMinutes, const std::string& zone) {
    if (leadMinutes <= 0 || now <= checkedUpTo) return std::nullopt;
    const Instant lead = Instant(leadMinutes) * 60;
    std::vector<const WatchedSlot*> due;
    for (const auto& s : slots) {
        const Instant at = s.startsAt - lead;
        // A session already started is no reminder, even if the app was closed at its moment.
        if (at > checkedUpTo && at <= now && s.startsAt > now) due.push_back(&s);
    }
    if (due.empty()) return std::nullopt;
    std::sort(due.begin(), due.end(), [](const WatchedSlot* a, const WatchedSlot* b) {
        return a->startsAt != b->startsAt ? a->startsAt < b->startsAt : a->sessionId < b->sessionId;
    });
    // One check, one notification: overlapping reminders are merged.
    Reminder r;
    r.startsAt = due.front()->startsAt;
    const long minutes = long((due.front()->startsAt - now + 59) / 60);
    const std::string in = "In " + std::to_string(minutes) + " min: ";
    if (due.size() == 1) {
        r.summary = in + due.front()->title + (due.front()->room.empty() ? "" : ", " + due.front()->room);
    } else {
        r.summary = in + std::to_string(due.size()) + " of your sessions";
    }
    for (const auto* s : due) {
        r.sessionIds.push_back(s->sessionId);
        r.body += (r.body.empty() ? "" : "\n") + slotLine(*s, zone);
    }
    return r;
}

}  // namespace hallway
