// Helpers the agenda parsers share (frab XML and JSON, iCalendar, Sessionize,
// CSV, Indico). Not part of the public interface in agenda.h.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/time_util.h"
#include "formats/agenda.h"

namespace hallway::agenda {

// True when the trimmed text starts a JSON object or array: a JSON format's
// sniff looks for its keys only then.
inline bool startsJson(std::string_view head) { return !head.empty() && (head.front() == '{' || head.front() == '['); }

// Text fields longer than this are cut (at a character boundary) with a warning.
constexpr size_t kMaxFieldBytes = size_t(1) << 20;
constexpr int kSecondsPerDay = 86400;

// The longest prefix of `s` of at most `maxBytes` that ends on a UTF-8 character boundary.
size_t utf8CutPoint(std::string_view s, size_t maxBytes);

// Cuts `s` to at most `maxBytes` on a character boundary; true when it had to.
bool cutUtf8(std::string& s, size_t maxBytes);

// A value quoted in an error message: one line, at most 60 bytes, in quotes.
std::string quoteValue(std::string_view value);

// True when an ISO date-time names its offset ("Z", "+02:00", "-0500").
bool hasOffset(std::string_view iso);

// "YYYY-MM-DD" that is a real calendar date (no 2023-02-30).
std::optional<LocalDateTime> parseDate(std::string_view s);

// Wall-clock time on `date` in `zone`; `secondsOfDay` may run past midnight
// ("25:30"), which some exporters write for late-night events.
Instant wallTime(LocalDateTime date, int secondsOfDay, const std::string& zone);

// Adds a day the file defines (frab <day index date start end>, frab JSON
// days[]) to `agenda.days`. `indexText` is the file's number (else position+1
// is used); a bound without an offset is wall time in `zone`, a missing one
// 05:00 on the day's date or the next; a day with neither date nor bounds is
// left out.
void addFileDay(Agenda& agenda, std::string_view indexText, size_t position, std::optional<LocalDateTime> date,
                std::string_view startText, std::string_view endText, const std::string& zone);

// True when the text holds an HTML tag ("<p>", "</b>", "<!--"): descriptions
// that agendas ship as HTML are stripped, plain text is only trimmed.
bool looksLikeHtml(std::string_view s);

}  // namespace hallway::agenda

namespace hallway::agenda {

// Where the objects at one JSON path begin, in file order: nlohmann keeps no
// positions, so one lexical pass over already-validated text finds them.
// `path` steps are object keys ("results", "contributions") or "[]" for any
// array element or "[N]" for element N; the last step names the objects.
// Offsets of elements that are not objects are kNoOffset, so index i of the
// array is entry i.
constexpr size_t kNoOffset = size_t(-1);
std::vector<size_t> jsonObjectOffsets(std::string_view json, const std::vector<std::string>& path);

}  // namespace hallway::agenda
