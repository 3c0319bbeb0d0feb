// Writes a parsed agenda into the store as one transaction, matching sessions
// of a re-import by their source id and keeping the user's own state.
#pragma once
#include <string>
#include <vector>

#include "core/model.h"
#include "formats/agenda.h"

namespace hallway {

class Store;

struct AgendaImportOptions {
    // Event to import into: an id, or a name (created when no event has it).
    // Empty: the agenda's own title, else the file's name without extension.
    std::string event;
    AgendaFormat format = AgendaFormat::Auto;
    AgendaParseOptions parse;
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

struct AgendaImportReport {
    RowId eventId = 0;
    std::string eventName;
    std::string timeZone;
    bool eventCreated = false;
    AgendaFormat format = AgendaFormat::Auto;
    int sessionsAdded = 0;
    int sessionsUpdated = 0;
    int sessionsRemoved = 0;
    int sessionsUnchanged = 0;
    int peopleAdded = 0;
    int rooms = 0;
    int days = 0;
    int sessionsTotal = 0;
    std::vector<SessionChange> changes;
    std::vector<std::string> warnings;
};

// FNV-1a 64-bit of the bytes, as 16 hex digits. Identifies an imported file's content.
std::string contentHash(std::string_view bytes);

// Reads, parses and imports `path`. Throws FormatError for bad input (nothing
// written), StoreError for database trouble (nothing written).
AgendaImportReport importAgendaFile(Store& store, const std::string& path, const AgendaImportOptions& options);

// Same, from bytes already in memory; `fileName` is used in messages and as
// the event's source file.
AgendaImportReport importAgendaBytes(Store& store, std::string_view bytes, const std::string& fileName,
                                     const AgendaImportOptions& options);

}  // namespace hallway
