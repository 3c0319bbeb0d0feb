#include "store/sources_repo.h"

#include "store/query_util.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace hallway {
namespace {

#define SOURCE_COLUMNS "event_id, url, etag, last_modified, checked_at, refreshed_at, error"

EventSource readSource(const sql::Statement& q) {
    EventSource s;
    s.eventId = q.getInt(0);
    s.url = q.getText(1);
    s.etag = q.getText(2);
    s.lastModified = q.getText(3);
    s.checkedAt = q.isNull(4) ? 0 : q.getInt(4);
    s.refreshedAt = q.isNull(5) ? 0 : q.getInt(5);
    s.error = q.getText(6);
    return s;
}

}  // namespace

std::optional<EventSource> SourcesRepo::find(RowId eventId) {
    auto& q = m_store.statement("SELECT " SOURCE_COLUMNS " FROM event_sources WHERE event_id=?");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    if (!q.step()) return std::nullopt;
    return readSource(q);
}

std::optional<EventSource> SourcesRepo::findByUrl(const std::string& url) {
    auto& q = m_store.statement("SELECT " SOURCE_COLUMNS " FROM event_sources WHERE url=? ORDER BY event_id LIMIT 1");
    sql::ResetOnExit r{q};
    q.bind(1, url);
    if (!q.step()) return std::nullopt;
    return readSource(q);
}

std::vector<EventSource> SourcesRepo::all() {
    auto& q = m_store.statement("SELECT " SOURCE_COLUMNS " FROM event_sources ORDER BY event_id");
    sql::ResetOnExit r{q};
    std::vector<EventSource> out;
    while (q.step()) out.push_back(readSource(q));
    return out;
}

void SourcesRepo::recordImported(RowId eventId, const std::string& url, const std::string& etag,
                                 const std::string& lastModified, Instant at) {
    auto& q = m_store.statement(
        "INSERT INTO event_sources (event_id, url, etag, last_modified, checked_at, refreshed_at, error) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?5, '') ON CONFLICT(event_id) DO UPDATE SET url=?2, etag=?3, "
        "last_modified=?4, checked_at=?5, refreshed_at=?5, error=''");
    q.bind(1, eventId).bind(2, url).bind(3, etag).bind(4, lastModified).bind(5, at);
    q.run();
}

void SourcesRepo::recordNotModified(RowId eventId, Instant at) {
    auto& q = m_store.statement("UPDATE event_sources SET checked_at=?2, refreshed_at=?2, error='' WHERE event_id=?1");
    q.bind(1, eventId).bind(2, at);
    q.run();
}

void SourcesRepo::recordFailure(RowId eventId, const std::string& error, Instant at) {
    auto& q = m_store.statement("UPDATE event_sources SET checked_at=?2, error=?3 WHERE event_id=?1");
    q.bind(1, eventId).bind(2, at).bind(3, error);
    q.run();
}

}  // namespace hallway
