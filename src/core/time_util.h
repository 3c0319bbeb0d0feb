// Time-zone aware conversions between UTC instants and local wall-clock time.
#pragma once
#include <optional>
#include <string>
#include <string_view>

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
// "09:30" of `t` in `zone`.
std::string localTimeString(Instant t, const std::string& zone);
// "2024-05-01T09:30:00+02:00" of `t` in `zone`.
std::string isoString(Instant t, const std::string& zone);

Instant nowInstant();

}  // namespace hallway
