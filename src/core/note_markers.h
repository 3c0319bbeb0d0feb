// Reads the inline markers of a note as typed: the text is kept as is, the
// markers become structured items the follow-up engine acts on.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hallway {

enum class NoteItemKind { Promise, Intro, Detail, Ask };

// "promise", "intro", "detail", "ask".
const char* noteItemKindName(NoteItemKind kind);

struct CalendarDate {
    int year = 1970, month = 1, day = 1;
    bool operator==(const CalendarDate&) const = default;
};

struct NoteItem {
    NoteItemKind kind = NoteItemKind::Promise;
    std::string text;                 // the line without its marker, trimmed
    std::optional<CalendarDate> date; // a date named in the line, if any
    int line = 1;                     // 1-based line of the note
    bool done = false;                // "[x]" lines: a promise already kept
    std::string quote;                // the "..." after its marker: words for the recipient
};

struct ParsedNote {
    std::vector<NoteItem> items;
    std::vector<std::string> mentions;  // "@ana-lima" -> "ana-lima", in order, no duplicates
    std::vector<std::string> tags;      // other "#words", lower-cased, no duplicates
    std::vector<std::string> met;       // mentions on "#met" lines: people you talked with, not only named
    std::string topic;                  // the first "..." after a "#met": what you talked about, for them
};

// Markers: "#promise" or a line starting "[ ]" / "- [ ]" (a promise; "[x]" is
// one already kept), "#intro", "#detail", "#ask". A marker is a whole word: "C#",
// "issue #12", "a[ ]b" and "x#promise" are ordinary text. `writtenOn` anchors
// dates without a year ("12 April" means the next 12 April on or after it).
//
// Details, since false positives cost more than misses:
// - Marker words are case-insensitive; also accepted: "#promised",
//   "#introduce", "#introduction", "#details". Other forms ("#promises",
//   "#asks", "#promise-ish") are tags. A marker needs start of line,
//   whitespace or "(" before it and end, whitespace or punctuation after it.
// - Checkboxes: "[ ]", "[x]", "[X]" after optional indentation and a "-", "*"
//   or "+" bullet, followed by whitespace or end of line.
// - One item per marker kind present on a line, all with the same text, in
//   order of appearance; a checkbox and "#promise" together are one promise.
//   A ticked line marks all its items done. A line whose text is empty once
//   markers are cut out ("[ ]", "#promise") yields no item.
// - Mentions: "@" not glued to a preceding letter, digit, "_", ".", "-", "+",
//   "@" or "/" (emails and URL paths are not mentions), then a handle of
//   letters, digits, "-", "_", "." that starts with a letter or "_" ("@3pm" is
//   no mention); a trailing "." is dropped. Deduplicated case-insensitively,
//   first spelling kept.
// - Tags: "#word" with the marker's boundaries, word of letters, digits, "-",
//   "_", starting with a letter. Bytes >= 0x80 count as letters throughout.
// - Text inside backtick code spans (on one line) is never parsed.
// - "#met" marks the @mentions on its line as people you talked with (a mere
//   mention only links the note). It makes no item and is cut from items' text.
// - Quotes: the first "..." or “...” after a marker and before the next one is
//   that item's `quote` (for "#met", the note's `topic`): words written for
//   the recipient, the only words of a note a draft may carry
//   (`#met @ana "fuzzing" #promise "the benchmark slides"`).
ParsedNote parseNoteMarkers(std::string_view body, const CalendarDate& writtenOn);

// The first date named in `text`: 2027-04-12, 12 April, April 12, 12 Apr 2027,
// 12.04.2027, "tomorrow", weekday names ("on Friday": the next one after
// `reference`). English month names and abbreviations.
//
// Details:
// - Numeric dates with "." or "/" are day-first and need a four-digit year:
//   "04/12/2027" is 4 December; "12.04" and "12/04/27" are not dates.
// - Also "12th of April", "Apr 12, 2027", "today", "tonight", "the day after
//   tomorrow", "next week" (+7 days), "in 3 days", "in 2 weeks".
// - Weekdays, also after "next"/"this", mean the next such day strictly after
//   `reference`; a weekday followed by a full date ("Fri 16 April") takes the
//   date. "sat", "sun", "wed", "mon" count only after "on", "by", "until",
//   "till", "before", "next", "this", "from" or "due" ("I sat with Bo").
// - Month words count only next to a day number; "may"/"march"/"mar" before
//   the day must be capitalised ("we march 3 km"). Years are 1900..2199.
// - An impossible date (31 April) is skipped and the scan goes on. An invalid
//   `reference` gives no date. Plain calendar arithmetic: no time zones.
std::optional<CalendarDate> findDate(std::string_view text, const CalendarDate& reference);

}  // namespace hallway
