// Time-zone aware conversions between UTC instants and local wall-clock time.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.h"

namespace hallway {

struct LocalDateTime {
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

// True when `zone` names a zone in the system's tz database (or is "UTC").
bool isKnownTimeZone(const std::string& zone);

// The machine's own zone name, "UTC" when it cannot be told.
std::string systemTimeZone();

// Wall-clock time in `zone` to a UTC instant. Gaps (spring forward) resolve to
// the later side, overlaps to the earlier one. Throws std::invalid_argument on
// an unknown zone or an impossible date.
Instant localToInstant(const LocalDateTime& local, const std::string& zone);

LocalDateTime instantToLocal(Instant t, const std::string& zone);

// Parses ISO 8601 / RFC 3339 date-times: "2024-05-01T09:00:00Z",
// "2024-05-01T09:00:00+02:00", "2024-05-01 09:00", "2024-05-01T09:00". A time
// without an offset is wall-clock time in `zone`. A bare date means midnight.
std::optional<Instant> parseIsoDateTime(std::string_view text, const std::string& zone);

// "HH:MM" or "H:MM" or "HH:MM:SS" as a number of seconds; nullopt when malformed.
std::optional<int> parseClockDuration(std::string_view text);

// "2024-05-01" of `t` in `zone`.
std::string localDateString(Instant t, const std::string& zone);
// Without days of its own, a schedule's day runs from 05:00 to 05:00 local
// time: the 01:30 session belongs to the evening before, not to a day of its own.
constexpr int kAgendaDayStartMinute = 5 * 60;

struct AgendaDayTime {
    std::string day;  // "2024-05-01": the schedule day `t` belongs to
    int minute = 0;   // minutes after that day's midnight: 01:30 the night after is 1530
    int number = 0;   // the agenda's own day number (ScheduleDay::index); 0 when the day is not one of them
};
// The schedule day of `t`: the one of `days` (the agenda's own) it falls in,
// else 05:00 to 05:00 in `zone`. Every grouping by day goes through here.
AgendaDayTime agendaDayTime(Instant t, const std::string& zone, const std::vector<ScheduleDay>& days);
AgendaDayTime agendaDayTime(Instant t, const Event& event);
// agendaDayTime(t, event).day.
std::string agendaDayString(Instant t, const Event& event);

// The event's schedule days in order, as "YYYY-MM-DD" keys: every day the
// agenda defines (with sessions or not) and every other day a start in
// `starts` falls on.
std::vector<std::string> agendaDayKeys(const Event& event, const std::vector<Instant>& starts);
// The key of the day "--day N" names: the agenda's day with index N when it
// defines days, else the N-th of `keys` (1-based); nullopt when there is none.
std::optional<std::string> agendaDayByNumber(const Event& event, const std::vector<std::string>& keys, int number);

// The agenda's days as read from a file, put in `zone`: each keyed by the local
// date of its start, in order of start, without empty or repeated ones.
std::vector<ScheduleDay> normalizeScheduleDays(std::vector<ScheduleDay> days, const std::string& zone);

// "09:30" of `t` in `zone`.
std::string localTimeString(Instant t, const std::string& zone);
// "2024-05-01T09:30:00+02:00" of `t` in `zone`.
std::string isoString(Instant t, const std::string& zone);

Instant nowInstant();

// The numeric UTC offset an ISO date-time ends with ("...+01:00" -> 3600,
// "-0530" -> -19800); nullopt for "Z" or no offset.
std::optional<int> isoOffsetSeconds(std::string_view text);

// UTC offset of `zone` at `t` in seconds (0 for an unknown zone).
int utcOffsetAt(Instant t, const std::string& zone);

// "+01:00", "-05:30", "+00:00".
std::string offsetString(int offsetSeconds);

// Every zone name the tz database knows (Area/Place and legacy names), sorted:
// what a zone picker searches.
const std::vector<std::string>& timeZoneNames();

// Place zones (Europe/Berlin; not CET or Etc/GMT-1) whose UTC offset at each
// sample's instant is that sample's offset. Order: `preferred` first when it
// fits, then zones in its area (Europe/...), then by name.
std::vector<std::string> zonesMatchingOffsets(const std::vector<std::pair<Instant, int>>& samples,
                                              const std::string& preferred);
// True when `zone`'s offset at every sample's instant is the sample's offset.
bool zoneMatchesOffsets(const std::string& zone, const std::vector<std::pair<Instant, int>>& samples);

}  // namespace hallway
