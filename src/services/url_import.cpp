#include "services/url_import.h"

#include <algorithm>

#include <stdexcept>

#include "core/time_util.h"
#include "formats/agenda.h"
#include "services/http_fetch.h"
#include "store/agenda_queries.h"
#include "store/agenda_repo.h"
#include "store/backup.h"
#include "store/sources_repo.h"
#include "store/store.h"

namespace hallway {
const char* refreshStatusName(RefreshOutcome::Status status) {
    switch (status) {
        case RefreshOutcome::Status::Imported: return "imported";
        case RefreshOutcome::Status::NotModified: return "not modified";
        case RefreshOutcome::Status::Failed: return "failed";
    }
    return "failed";
}

UrlImportResult importAgendaUrl(Store& store, const std::string& url, const AgendaImportOptions& options,
                                const UrlFetchSettings& settings) {
    SourcesRepo sources(store);
    UrlImportResult result;
    result.url = url;

    // The event this URL feeds, when it is already known: its validators make
    // the request conditional.
    std::optional<Event> event;
    if (!options.event.empty()) {
        RowId id = 0;
        try {
            std::size_t used = 0;
            id = std::stoll(options.event, &used);
            if (used != options.event.size()) id = 0;
        } catch (const std::exception&) {
        }
        event = id > 0 ? AgendaRepo(store).findEvent(id) : AgendaRepo(store).findEventByName(options.event);
    } else if (auto known = sources.findByUrl(url)) {
        event = AgendaRepo(store).findEvent(known->eventId);
    }
    std::optional<EventSource> source;
    if (event) source = sources.find(event->id);

    FetchRequest request;
    request.url = url;
    request.allowHttp = settings.allowHttp;
    request.maxBytes = settings.maxBytes;
    request.connectTimeoutSeconds = settings.connectTimeoutSeconds;
    request.totalTimeoutSeconds = settings.totalTimeoutSeconds;
    if (source && source->url == url) {
        request.etag = source->etag;
        request.lastModified = source->lastModified;
    }

    AgendaImportOptions importOptions = options;
    if (event) importOptions.event = std::to_string(event->id);
    try {
        FetchResult fetched = fetchUrl(request);
        if (fetched.notModified) {
            sources.recordNotModified(event->id, nowInstant());
            result.notModified = true;
            result.eventId = event->id;
            result.eventName = event->name;
            return result;
        }
        // The same bytes as the last import, from a server that sends no
        // validators (or ignored them): unchanged, as a 304 would have said,
        // so nothing is parsed or written and the views need not rebuild.
        // Options that could read the same bytes differently (--tz, --format,
        // --map) import as usual.
        const bool plain = options.format == "auto" && options.parse.timeZone.empty() &&
                           options.parse.csvColumns.empty();
        if (event && plain && !event->sourceHash.empty() && event->sourceHash == contentHash(fetched.body)) {
            sources.recordImported(event->id, url, fetched.etag, fetched.lastModified, nowInstant());
            result.notModified = true;
            result.eventId = event->id;
            result.eventName = event->name;
            return result;
        }
        result.report = importAgendaBytes(store, fetched.body, url, importOptions);
        sources.recordImported(result.report.eventId, url, fetched.etag, fetched.lastModified, nowInstant());
    } catch (const FetchError& e) {
        if (source) sources.recordFailure(source->eventId, e.reason(), nowInstant());
        throw;
    } catch (const FormatError& e) {
        // The download worked but is not an agenda (any more): say so on the event.
        if (source) sources.recordFailure(source->eventId, "not an agenda: " + e.reason(), nowInstant());
        throw;
    }
    result.eventId = result.report.eventId;
    result.eventName = result.report.eventName;
    return result;
}

std::vector<RefreshOutcome> refreshEvents(Store& store, std::optional<RowId> eventId, UrlFetchSettings settings) {
    SourcesRepo sources(store);
    std::vector<EventSource> list;
    if (eventId) {
        auto one = sources.find(*eventId);
        if (!one) throw std::invalid_argument("event " + std::to_string(*eventId) + " was not imported from a URL");
        list.push_back(*one);
    } else {
        list = sources.all();
    }
    std::vector<RefreshOutcome> out;
    for (const auto& source : list) {
        RefreshOutcome o;
        o.eventId = source.eventId;
        o.url = source.url;
        if (auto e = AgendaRepo(store).findEvent(source.eventId)) o.eventName = e->name;
        UrlFetchSettings these = settings;
        these.allowHttp = settings.allowHttp || isPlainHttpUrl(source.url);
        AgendaImportOptions options;
        options.event = std::to_string(source.eventId);
        try {
            UrlImportResult r = importAgendaUrl(store, source.url, options, these);
            o.status = r.notModified ? RefreshOutcome::Status::NotModified : RefreshOutcome::Status::Imported;
            o.report = std::move(r.report);
        } catch (const std::exception& e) {
            o.status = RefreshOutcome::Status::Failed;
            o.error = e.what();
        }
        out.push_back(std::move(o));
    }
    return out;
}

std::vector<WatchedChange> watchedChanges(Store& store, RowId eventId, const std::vector<SessionChange>& changes) {
    std::vector<WatchedChange> out;
    if (changes.empty()) return out;
    const std::vector<WatchedSession> watched = watchedSessions(store, eventId);
    for (const auto& c : changes) {
        if (c.kind == SessionChange::Kind::Added) continue;  // nobody starred it yet
        auto w = std::find_if(watched.begin(), watched.end(), [&](const WatchedSession& s) { return s.id == c.sessionId; });
        if (w != watched.end()) out.push_back({c, w->starred, w->targetName});
    }
    return out;
}

std::string describeWatchedChange(const WatchedChange& w) {
    const SessionChange& c = w.change;
    std::string whose = w.starred ? "Your starred talk" : w.targetName + "'s talk";
    std::string what;
    switch (c.kind) {
        case SessionChange::Kind::Moved: what = " moved: \u201c" + c.title + "\u201d " + c.before + " \u2192 " + c.after; break;
        case SessionChange::Kind::Retitled: what = " has a new title: \u201c" + c.title + "\u201d (was \u201c" + c.before + "\u201d)"; break;
        case SessionChange::Kind::Removed: what = " was removed from the agenda: \u201c" + c.title + "\u201d (was " + c.before + ")"; break;
        case SessionChange::Kind::Returned: what = " is back on the agenda: \u201c" + c.title + "\u201d"; break;
        default: what = " changed: " + describeSessionChange(c); break;
    }
    return whose + what;
}

}  // namespace hallway
