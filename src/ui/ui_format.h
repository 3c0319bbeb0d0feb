// Short human-readable dates and times for the UI, in an event's time zone.
// Pure functions: no ImGui, no store.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.h"

namespace hallway::ui {

// "Sun" for 2023-09-10 (English abbreviations, Monday..Sunday).
const char* weekdayAbbrev(int year, int month, int day);
// "Sep" for 9.
const char* monthAbbrev(int month);

// "Sun 10 Sep" from "2023-09-10"; the input unchanged when it is not a date.
std::string dayLabel(const std::string& isoDate);
// "10:30–10:50" in `zone`.
std::string timeRangeLabel(Instant start, Instant end, const std::string& zone);
// "Sun 10 Sep 10:30–10:50" in `zone`.
std::string dayTimeLabel(Instant start, Instant end, const std::string& zone);
// "10–17 Sep 2023", "30 Sep – 2 Oct 2023", "30 Dec 2023 – 2 Jan 2024";
// one date when both fall on the same day; "dates unknown" when start is 0.
std::string dateRangeLabel(Instant start, Instant end, const std::string& zone);

// "Sat 3 Feb 10:15" of `at` in `zone`.
std::string momentLabel(Instant at, const std::string& zone);
// "3 Feb 2024" of `at` in `zone`.
std::string dateLabel(Instant at, const std::string& zone);
// The first non-blank line of `text`, without surrounding spaces.
std::string firstLine(const std::string& text);
// The same as a view into `text` (empty at its start when it has no text).
std::string_view firstLineView(const std::string& text);

// Agenda text for reading: Markdown links "[label](url)" become "label",
// CR LF becomes LF, and leading/trailing blank space goes.
std::string readableText(const std::string& text);

// Joins names with ", ".
std::string joinNames(const std::vector<std::string>& names);

// What the top bar's clock asks about the event's sessions (removed ones never
// count). Both are asked only when the answer shows.
struct ClockSessions {
    // First start and last end of the sessions; nullopt when there is none.
    // Asked only when the event itself has no dates.
    std::function<std::optional<std::pair<Instant, Instant>>()> span;
    // The first session to start after `now` (only starred ones when
    // `starredOnly`); ties go to the first in agenda order.
    std::function<std::optional<Session>(Instant now, bool starredOnly)> next;
};

// Text for the top bar's clock. Within the event (from the first session's day
// to the last one's): "Day 2 of 8 · Sat 10:42 · next: TITLE in ROOM" (the next
// starred session to start, else the next session; the part is left out when
// nothing is left). Otherwise the event's dates and zone.
std::string eventClockText(const Event& event, const ClockSessions& sessions, Instant now);
// The same over `sessions`, the event's sessions in any order (ties go to the
// first in that order).
std::string eventClockText(const Event& event, const std::vector<const Session*>& sessions, Instant now);

// A path as typed or pasted into a field: quotes and spaces around it
// dropped, a file:// URL (from a file manager) made a path, ~ made $HOME.
std::string typedPath(const std::string& typed);
// The other way: "/home/ana/.config/hallway/settings" -> "~/.config/hallway/settings".
std::string displayPath(const std::string& path);

}  // namespace hallway::ui
