// Agendas by URL: the first import fetches and imports like a file and
// remembers the URL; a refresh fetches again with the last copy's validators
// and re-imports through the same path (stars, notes, targets kept).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "services/import_service.h"

namespace hallway {

class Store;

struct UrlFetchSettings {
    bool allowHttp = false;            // plain http:// allowed (tests, local servers)
    std::size_t maxBytes = 64u << 20;  // decoded size; a larger agenda is refused
    long connectTimeoutSeconds = 15;
    long totalTimeoutSeconds = 120;
};

struct UrlImportResult {
    std::string url;
    RowId eventId = 0;
    std::string eventName;
    bool notModified = false;    // 304, or the same bytes as the last import: nothing was written but the check
    AgendaImportReport report;   // what the import did; empty when notModified
};

// Fetches `url` and imports it. The event is options.event, else the one
// already fetched from this URL, else chosen as for a file. When that event
// was fetched from this URL before, its ETag / Last-Modified are sent and a
// 304 writes nothing. Throws FetchError (download failed) or FormatError (not
// an agenda): the stored agenda is untouched and the failure is recorded on
// the event's source.
UrlImportResult importAgendaUrl(Store& store, const std::string& url, const AgendaImportOptions& options,
                                const UrlFetchSettings& settings);

struct RefreshOutcome {
    enum class Status { Imported, NotModified, Failed };
    Status status = Status::Failed;
    RowId eventId = 0;
    std::string eventName;
    std::string url;
    AgendaImportReport report;  // when Imported
    std::string error;          // when Failed: "URL: reason"
};

// "imported", "not modified", "failed".
const char* refreshStatusName(RefreshOutcome::Status status);

// Re-fetches every event that has a URL (or only `eventId`; std::invalid_argument
// when that event has none). One failure does not stop the others. A source
// stored as http:// was allowed when it was imported and stays allowed.
std::vector<RefreshOutcome> refreshEvents(Store& store, std::optional<RowId> eventId, UrlFetchSettings settings);

// A change a refresh made to a session the user watches (starred, or a
// target's talk): what the app puts in its banner.
struct WatchedChange {
    SessionChange change;
    bool starred = false;
    std::string targetName;  // the target who speaks in it, '' when none
};
// The changes among `changes` (one import's) to sessions of `eventId` the user watches.
std::vector<WatchedChange> watchedChanges(Store& store, RowId eventId, const std::vector<SessionChange>& changes);
// "Your starred talk moved: “Title”: Sat 10:30 K.1.105 → Sat 11:30 H.2215".
std::string describeWatchedChange(const WatchedChange& watched);

}  // namespace hallway
