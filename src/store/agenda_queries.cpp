#include "store/agenda_queries.h"

#include "store/query_util.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace hallway {

std::vector<EventSummary> listEventsWithoutCounts(Store& store) {
    std::vector<RowId> ids;
    {
        auto& q = store.statement("SELECT id FROM events ORDER BY starts_at DESC, id DESC");
        sql::ResetOnExit r{q};
        while (q.step()) ids.push_back(q.getInt(0));
    }
    std::vector<EventSummary> out;
    out.reserve(ids.size());
    for (RowId id : ids)
        if (auto event = store.findEvent(id)) out.push_back(EventSummary{std::move(*event)});
    return out;
}

AgendaTotals agendaTotals(Store& store, RowId eventId) {
    auto& q = store.statement(
        "SELECT count(*), coalesce(sum(starred <> 0), 0), coalesce(min(starts_at), 0), coalesce(max(ends_at), 0) "
        "FROM sessions WHERE event_id = ? AND removed_at IS NULL");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    AgendaTotals totals;
    if (q.step()) {
        totals.sessions = int(q.getInt(0));
        totals.starred = int(q.getInt(1));
        totals.firstStart = q.getInt(2);
        totals.lastEnd = q.getInt(3);
    }
    return totals;
}

std::vector<SessionSlot> sessionSlots(Store& store, RowId eventId) {
    auto& q = store.statement(
        "SELECT id, starts_at, ends_at, starred, title, room FROM sessions "
        "WHERE event_id = ? AND removed_at IS NULL ORDER BY starts_at, room, title, id");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    std::vector<SessionSlot> out;
    while (q.step()) {
        SessionSlot s;
        s.id = q.getInt(0);
        s.startsAt = q.getInt(1);
        s.endsAt = q.getInt(2);
        s.starred = q.getInt(3) != 0;
        s.title = q.getText(4);
        s.room = q.getText(5);
        out.push_back(std::move(s));
    }
    return out;
}

std::optional<Session> nextSessionAfter(Store& store, RowId eventId, Instant after, bool starredOnly) {
    // The start bound keeps this on the (event_id, starts_at) index.
    auto& q = store.statement(
        "SELECT id FROM sessions WHERE event_id = ?1 AND starts_at > ?2 AND removed_at IS NULL "
        "AND (?3 = 0 OR starred <> 0) ORDER BY starts_at, room, title, id LIMIT 1");
    RowId id = 0;
    {
        sql::ResetOnExit r{q};
        q.bind(1, eventId).bind(2, after).bind(3, starredOnly ? 1 : 0);
        if (!q.step()) return std::nullopt;
        id = q.getInt(0);
    }
    return store.findSession(id);
}

}  // namespace hallway
