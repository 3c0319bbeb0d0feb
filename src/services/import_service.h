// Writes a parsed agenda into the store as one transaction, matching sessions
// of a re-import by their source id and keeping the user's own state.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/changes.h"
#include "core/model.h"
#include "formats/agenda.h"

namespace hallway {

class Store;

struct AgendaImportOptions {
    // Event to import into: an id, or a name (created when no event has it).
    // Empty: the agenda's own title, else the file's name without extension.
    std::string event;
    std::string format = "auto";  // a key of agendaFormats(), or "auto"
    // parse.timeZone is the user's explicit zone (--tz, the app's zone field):
    // it wins over the file's and the event's.
    AgendaParseOptions parse;
    // Zone for a first import of an agenda that names none and whose times
    // carry no offset. Empty: the computer's zone.
    std::string fallbackZone;
};

// Where the event's zone came from.
enum class ZoneSource { Option, File, Event, Offsets, Fallback };
const char* zoneSourceName(ZoneSource source);  // "option", "file", "event", "offsets", "fallback"

// The zone an import will use, decided before anything is written.
struct ZoneDecision {
    std::string zone;
    ZoneSource source = ZoneSource::Fallback;
    std::string note;                      // one sentence when the choice needs saying, else empty
    bool warn = false;                     // the note is a warning (a guess or a contradiction)
    bool guessed = false;                  // a guess (from the offsets, or the computer's zone): the
                                           // front end says how to choose another (--tz, the zone field)
    std::vector<std::string> suggestions;  // zones matching the file's UTC offsets, best first
};

struct SessionChange {
    enum class Kind { Added, Removed, Moved, Retitled, Changed, Returned };
    Kind kind = Kind::Added;
    RowId sessionId = 0;
    std::string sourceId;
    std::string title;   // current title (old title for Removed)
    std::string before;  // what changed, human-readable ("Sat 10:30 Room A")
    std::string after;
};

const char* sessionChangeKindName(SessionChange::Kind kind);
// The change without its kind: "Opening: 2025-02-01 10:00 Janson -> 2025-02-01
// 11:00 Janson", "New title (was \"Old\")", "Gone (was 2025-02-01 14:00 K.1.105)".
// `arrow` joins a move's before and after (the app draws "→").
std::string describeSessionChange(const SessionChange& change, std::string_view arrow = "->");

// The event's zone changed in a re-import. Sessions whose times moved by just
// the difference between the zones are counted here, not listed one by one.
struct ZoneChange {
    std::string from;
    std::string to;
    int shifted = 0;         // sessions moved only by the zone change
    int matched = 0;         // sessions of the event that the file still holds
    int shiftSeconds = 0;    // the shift when all moved alike, else 0
    std::vector<SessionChange> examples;  // the first few shifted, as Moved changes
};

// "all 773 times shifted by +1 h because the zone changed from UTC to
// Europe/Brussels", or "... no times moved (the file gives them with offsets)".
std::string describeZoneChange(const ZoneChange& change);

struct AgendaImportReport {
    RowId eventId = 0;
    std::string eventName;
    std::string timeZone;
    ZoneDecision zone;                      // how timeZone was chosen
    std::optional<ZoneChange> zoneChange;   // set when an existing event's zone changed
    bool eventCreated = false;
    std::string format;  // the key of the format read
    int sessionsAdded = 0;
    int sessionsUpdated = 0;
    int sessionsRemoved = 0;
    int sessionsUnchanged = 0;
    int peopleAdded = 0;
    int peopleRenamed = 0;  // speakers the agenda renamed under the same id (their person kept)
    int rooms = 0;
    int days = 0;
    int sessionsTotal = 0;
    std::vector<SessionChange> changes;
    std::vector<std::string> warnings;
    Changes touched;  // what the import wrote, for the app's views: everything an agenda holds
};

// FNV-1a 64-bit of the bytes, as 16 hex digits. Identifies an imported file's content.
std::string contentHash(std::string_view bytes);

// What importing `path` would do about the zone and which event it goes to,
// without writing: the app prefills its zone field from this. Throws like
// importAgendaFile.
struct AgendaImportPreview {
    std::string eventName;
    bool eventExists = false;
    std::string eventZone;  // the existing event's zone
    ZoneDecision zone;
    int sessions = 0;
};
AgendaImportPreview previewAgendaFile(Store& store, const std::string& path, const AgendaImportOptions& options);

// Reads, parses and imports `path`. Throws FormatError for bad input
// (UnknownTimeZone, one of them, for a zone option the tz database lacks;
// nothing written), StoreError for database trouble (nothing written).
AgendaImportReport importAgendaFile(Store& store, const std::string& path, const AgendaImportOptions& options);

// Same, from bytes already in memory; `fileName` is used in messages and as
// the event's source file.
AgendaImportReport importAgendaBytes(Store& store, std::string_view bytes, const std::string& fileName,
                                     const AgendaImportOptions& options);

}  // namespace hallway
