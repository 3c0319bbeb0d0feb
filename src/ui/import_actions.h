// Importing a file from the app (drop, Ctrl+I, People's Import contacts):
// picks the importer, runs it, and words the outcome for the status line.
// No ImGui here, so the dispatch is tested without a frame.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "services/import_service.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

enum class ImportTarget {
    Detect,    // contacts when the content says so (vCard, LinkedIn, Google), else an agenda
    Agenda,
    Contacts,  // also a generic CSV with a name column
};

struct ImportOutcome {
    bool ok = false;
    bool contacts = false;         // people were imported, not an agenda
    std::optional<RowId> eventId;  // the agenda's event
    std::string message;           // what happened, or FILE:LINE: why nothing was imported
    std::vector<std::string> warnings;  // every warning of an import that worked, whole
    std::optional<AgendaImportReport> agenda;  // an agenda import's report: its changes and zone
    Changes touched;                           // what the import wrote (nothing when it failed)
};

// `zone`: the IANA zone the user chose for an agenda; empty lets the import
// decide (the file's zone, else the event's, else one matching the file's
// offsets, else the computer's).
ImportOutcome importFromApp(Store& store, const std::string& path, ImportTarget target, const std::string& zone = "");

// Importing an agenda from its URL (the dialog's path field holding
// http(s)://…): fetches, imports and words the outcome as for a file; the
// URL is remembered on the event, so the app refreshes it from then on.
// Blocks on the network: run it on a worker (UrlImportJob), never in a frame.
// `allowHttp`: the user ticked "plain http://".
ImportOutcome importUrlFromApp(Store& store, const std::string& url, const std::string& zone, bool allowHttp);

// What the import dialog's zone field starts with for `path`, read without
// writing anything; nullopt for a contacts file or a file that does not parse
// (the import itself then says why).
struct ZonePrefill {
    std::string zone;
    std::string why;  // "from the file", "the event's zone", or the import's note
    bool warn = false;
    std::string eventName;
    bool reimport = false;  // the event exists already
};
std::optional<ZonePrefill> agendaZonePrefill(Store& store, const std::string& path);

// One row per change of a re-import for the result panel: kind "moved", text
// "Opening: 2025-02-01 10:00 Janson → 2025-02-01 11:00 Janson". Not for a new
// event's added sessions, which are all of them, nor for the zone change (its
// summary stands for the sessions it shifted).
struct ChangeLine {
    const char* kind;  // sessionChangeKindName
    std::string text;
};
std::vector<ChangeLine> changeLines(const AgendaImportReport& report);

}  // namespace hallway::ui
