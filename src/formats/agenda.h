// Agenda parsers: bytes of a schedule file in, plain records out. Parsers never
// touch the database; the import service writes what they return.
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace hallway {

// Thrown for any input a parser cannot accept. what() is the one-line message
// shown to the user: "FILE:LINE: REASON" (or "FILE: REASON" without a line).
class FormatError : public std::runtime_error {
public:
    FormatError(std::string file, int line, std::string reason);
    const std::string& file() const { return m_file; }
    int line() const { return m_line; }  // 1-based; 0 when unknown
    const std::string& reason() const { return m_reason; }

private:
    std::string m_file;
    int m_line;
    std::string m_reason;
};

// Throws FormatError naming the first line that is not valid UTF-8. Shared by
// the agenda and contact parsers.
void requireUtf8(std::string_view bytes, const std::string& fileName);

// The formats: one row each in agendaFormats() (agenda.cpp), named by their
// key ("frab-xml", "ics", ...), which --format takes and Agenda::format holds.
struct AgendaFormatInfo;
// The row of that key; nullptr when no format has it ("auto" included).
const AgendaFormatInfo* findAgendaFormat(std::string_view name);
// "auto" and every key, in table order: what --format accepts.
std::vector<std::string> agendaFormatKeys();
// "auto, frab-xml, ics, ... or csv": the choices for --format, in table order.
std::string agendaFormatChoices();
// "pentabarf/frab XML, iCalendar, ... or CSV with a header": every label, for help and messages.
std::string agendaFormatLabels();

struct AgendaSpeaker {
    std::string name;      // display name as the agenda writes it
    std::string sourceId;  // the agenda's person id, when it has one
};

struct AgendaSession {
    std::string sourceId;  // guid / UID / id; never empty after parsing
    int line = 0;          // where the session starts in the file (0 if unknown)
    std::string title;
    std::string subtitle;
    std::string abstract;
    std::string description;
    Instant startsAt = 0;
    Instant endsAt = 0;    // >= startsAt
    std::string room;
    std::string track;
    std::string type;
    std::string url;
    std::string language;
    std::vector<AgendaSpeaker> speakers;
};

// A time the file wrote with a numeric UTC offset ("+01:00"): evidence of the
// agenda's zone when it names none, or names one its times contradict.
struct OffsetSample {
    Instant at = 0;
    int offsetSeconds = 0;
};

struct Agenda {
    std::string format;    // the key of its row in agendaFormats(), set by parseAgenda
    std::string title;     // conference name from the file, may be empty
    std::string timeZone;  // IANA zone the agenda is in: the option's, else the file's (empty when neither says)
    std::string fileTimeZone;        // the known zone the file itself names; empty when none
    std::string readInZone = "UTC";  // the zone wall-clock times were read in
    int wallClockTimes = 0;          // times read as wall clock in readInZone: they move when the zone does
    std::vector<OffsetSample> offsets;  // first and last time seen per distinct explicit offset
    std::vector<AgendaSession> sessions;
    // The days the file defines (frab <day>, frab JSON days[]), in file order;
    // `date` is the file's. The import keys them in the event's zone.
    std::vector<ScheduleDay> days;
    std::vector<std::string> warnings;  // non-fatal oddities, "LINE: what" style
};

// Records that the file gave time `at` with UTC offset `offsetSeconds` (a
// zero offset is ignored: exporters write UTC that way).
void noteOffset(Agenda& agenda, Instant at, int offsetSeconds);

// Maps a CSV header (as written in the file, compared case-insensitively) to
// one of: id, title, subtitle, start, end, duration, date, room, track, type,
// speakers, description, abstract, url, language.
using CsvColumnMap = std::map<std::string, std::string>;

struct AgendaParseOptions {
    // Zone for times the file gives without an offset or zone, and the event's
    // zone when the file names none. Empty: the file's own zone, else UTC.
    std::string timeZone;
    CsvColumnMap csvColumns;
};

// Guesses the format from the content first (the first meaningful bytes), the
// extension second; returns its key. Throws FormatError when nothing fits.
std::string detectAgendaFormat(std::string_view bytes, const std::string& fileName);

// Parses with the format of key `format`, detecting it when "auto". Rejects
// empty and binary input; std::invalid_argument for an unknown key. Every
// parser guarantees: sourceId non-empty, endsAt >= startsAt, text is valid
// UTF-8.
Agenda parseAgenda(std::string_view bytes, const std::string& fileName, std::string_view format,
                   const AgendaParseOptions& options = {});

// One row per agenda format: detection, dispatch, the CLI's --format choices,
// its help and its shell completion all come from here. Adding a format is a
// row plus its files (a parser and a sniff, declared in its own header).
struct AgendaFormatInfo {
    const char* name;        // its key: what --format takes and Agenda::format holds
    const char* label;       // for messages: "Indico JSON"
    const char* extensions;  // typical file names, space-separated: ".csv .tsv"
    // True when the start of the text (UTF-8, trimmed, at most 64 KiB) is
    // this format. Cheap looks at the content; the parser validates.
    bool (*sniff)(std::string_view head);
    Agenda (*parse)(std::string_view bytes, const std::string& fileName, const AgendaParseOptions& options);
    // Tried after every other format and after the checks that word what is
    // wrong with an XML, JSON or iCalendar file; its extensions pick it too.
    bool fallback = false;
    // The parser checks UTF-8 itself (iCalendar: after unfolding, as a fold
    // may split a character); other formats' text is checked before parsing.
    bool checksUtf8Itself = false;
};
// In detection order (the first sniff that says yes wins; fallbacks last).
const std::vector<AgendaFormatInfo>& agendaFormats();

}  // namespace hallway
