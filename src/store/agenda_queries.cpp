#include "store/agenda_queries.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "store/agenda_repo.h"
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
        if (auto event = AgendaRepo(store).findEvent(id)) out.push_back(EventSummary{std::move(*event)});
    return out;
}

AgendaTotals agendaTotals(Store& store, RowId eventId) {
    auto& q = store.statement(
        // Named: without statistics SQLite picks sessions_event_start and reads
        // every row (83-96 ms at the power tier); Plan's index covers it (22-28 ms).
        "SELECT count(*), coalesce(sum(starred <> 0), 0), coalesce(min(starts_at), 0), coalesce(max(ends_at), 0) "
        "FROM sessions INDEXED BY sessions_plan WHERE event_id = ? AND removed_at IS NULL");
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

namespace {

#define HALLWAY_PLAN_ROWS                                                                                      \
    "SELECT s.id, s.source_id, s.title, s.subtitle, s.starts_at, s.ends_at, s.room, s.track, s.type, s.url, " \
    "s.language, s.starred, s.attendance FROM sessions s WHERE s.event_id = ?1 AND s.removed_at IS NULL"
#define HALLWAY_PLAN_SPEAKERS                                                            \
    "SELECT ss.session_id, ss.position, p.display_name FROM session_speakers ss "        \
    "JOIN sessions s INDEXED BY sessions_plan ON s.id = ss.session_id "                  \
    "JOIN people p ON p.id = ss.person_id "                                              \
    "WHERE s.event_id = ?1 AND s.removed_at IS NULL"
#define HALLWAY_PLAN_ORDER " ORDER BY s.starts_at, s.room, s.title, s.id"
#define HALLWAY_PLAN_PICKED " AND (s.starred <> 0 OR s.starts_at BETWEEN ?2 AND ?3 OR s.starts_at BETWEEN ?4 AND ?5)"

// The sessions the two statements pick (over `s`, with ?1 the event and,
// when `spans` is given, ?2-?5 its two spans of starts), without texts, with
// their speakers. Literals: the statement cache is keyed by their address.
std::vector<Session> sessionsWithoutTextsWhere(Store& store, RowId eventId, const char* rowsSql,
                                               const char* speakersSql, const std::pair<Instant, Instant>* spans) {
    const auto bindAll = [&](sql::Statement& q) {
        q.bind(1, eventId);
        if (spans) q.bind(2, spans[0].first).bind(3, spans[0].second).bind(4, spans[1].first).bind(5, spans[1].second);
    };
    std::vector<Session> out;
    std::unordered_map<RowId, size_t> index;
    {
        auto& q = store.statement(rowsSql);
        sql::ResetOnExit r{q};
        bindAll(q);
        while (q.step()) {
            Session s;
            s.id = q.getInt(0);
            s.eventId = eventId;
            s.sourceId = q.getText(1);
            s.title = q.getText(2);
            s.subtitle = q.getText(3);
            s.startsAt = q.getInt(4);
            s.endsAt = q.getInt(5);
            s.room = q.getText(6);
            s.track = q.getText(7);
            s.type = q.getText(8);
            s.url = q.getText(9);
            s.language = q.getText(10);
            s.starred = q.getInt(11) != 0;
            s.attendance = static_cast<Attendance>(q.getInt(12));
            index.emplace(s.id, out.size());
            out.push_back(std::move(s));
        }
    }
    // Speakers in one query, as AgendaRepo::sessions reads them, put in order
    // here: SQLite's sort of 40,000 rows doubled the query's time.
    auto& sp = store.statement(speakersSql);
    sql::ResetOnExit r{sp};
    bindAll(sp);
    std::vector<std::vector<std::pair<std::int64_t, std::string>>> speakers(out.size());
    while (sp.step())
        if (auto it = index.find(sp.getInt(0)); it != index.end())
            speakers[it->second].emplace_back(sp.getInt(1), sp.getText(2));
    for (size_t i = 0; i < out.size(); ++i) {
        auto& list = speakers[i];
        std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& entry : list) out[i].speakers.push_back(std::move(entry.second));
    }
    return out;
}

}  // namespace

std::vector<Session> sessionsWithoutTexts(Store& store, RowId eventId) {
    return sessionsWithoutTextsWhere(store, eventId, HALLWAY_PLAN_ROWS HALLWAY_PLAN_ORDER, HALLWAY_PLAN_SPEAKERS,
                                     nullptr);
}

std::vector<Session> sessionsWithoutTexts(Store& store, RowId eventId, const std::pair<Instant, Instant> (&spans)[2]) {
    return sessionsWithoutTextsWhere(store, eventId, HALLWAY_PLAN_ROWS HALLWAY_PLAN_PICKED HALLWAY_PLAN_ORDER,
                                     HALLWAY_PLAN_SPEAKERS HALLWAY_PLAN_PICKED, spans);
}

#undef HALLWAY_PLAN_ROWS
#undef HALLWAY_PLAN_SPEAKERS
#undef HALLWAY_PLAN_ORDER
#undef HALLWAY_PLAN_PICKED

AgendaOutline agendaOutline(Store& store, RowId eventId) {
    auto& q = store.statement(
        "SELECT starts_at, room, track FROM sessions INDEXED BY sessions_plan "
        "WHERE event_id = ? AND removed_at IS NULL ORDER BY starts_at");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    AgendaOutline out;
    std::unordered_set<std::string> rooms, tracks;
    std::string room, track;
    bool first = true;
    while (q.step()) {
        ++out.sessions;
        const Instant start = q.getInt(0);
        if (out.starts.empty() || out.starts.back() != start) out.starts.push_back(start);
        // Most rows repeat a room and track seen: compare before copying.
        if (first || !q.textEquals(1, room)) {
            room = q.getText(1);
            if (rooms.insert(room).second) out.rooms.push_back(room);
        }
        if (first || !q.textEquals(2, track)) {
            track = q.getText(2);
            if (tracks.insert(track).second) out.tracks.push_back(track);
        }
        first = false;
    }
    return out;
}

std::vector<RowId> sessionsWithTextWord(Store& store, RowId eventId, const std::string& word) {
    std::vector<RowId> out;
    const std::string terms = sql::ftsTypedQuery(word);
    if (terms.empty()) return out;
    auto& q = store.statement(
        "SELECT s.id FROM sessions_fts f JOIN sessions s ON s.id = f.rowid "
        "WHERE sessions_fts MATCH ?1 AND s.event_id = ?2");
    sql::ResetOnExit r{q};
    q.bind(1, "{abstract description} : (" + terms + ")").bind(2, eventId);
    while (q.step()) out.push_back(q.getInt(0));
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
    return AgendaRepo(store).findSession(id);
}

std::vector<WatchedSession> watchedSessions(Store& store, RowId eventId) {
    auto& q = store.statement(
        "SELECT s.id, s.starred, (SELECT p.display_name FROM session_speakers sp JOIN targets t "
        "  ON t.person_id = sp.person_id AND t.event_id = s.event_id JOIN people p ON p.id = sp.person_id "
        "  WHERE sp.session_id = s.id ORDER BY p.id LIMIT 1) AS target "
        "FROM sessions s WHERE s.event_id = ?1 AND (s.starred = 1 OR target IS NOT NULL) ORDER BY s.id");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    std::vector<WatchedSession> out;
    while (q.step()) out.push_back({q.getInt(0), q.getInt(1) != 0, q.isNull(2) ? std::string() : q.getText(2)});
    return out;
}

std::vector<WatchedSlot> watchedSlots(Store& store, RowId eventId) {
    auto& q = store.statement(
        "SELECT s.id, s.starts_at, s.title, s.room, s.starred, p.display_name, t.questions "
        "FROM sessions s LEFT JOIN targets t ON t.event_id = s.event_id AND t.person_id = "
        "  (SELECT sp.person_id FROM session_speakers sp JOIN targets t2 ON t2.person_id = sp.person_id "
        "   AND t2.event_id = s.event_id WHERE sp.session_id = s.id ORDER BY sp.person_id LIMIT 1) "
        "LEFT JOIN people p ON p.id = t.person_id "
        "WHERE s.event_id = ?1 AND s.removed_at IS NULL AND (s.starred = 1 OR t.id IS NOT NULL) "
        "ORDER BY s.starts_at, s.id");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    std::vector<WatchedSlot> out;
    while (q.step()) {
        WatchedSlot w;
        w.sessionId = q.getInt(0);
        w.startsAt = q.getInt(1);
        w.title = q.getText(2);
        w.room = q.getText(3);
        w.starred = q.getInt(4) != 0;
        if (!q.isNull(5)) w.targetName = q.getText(5);
        if (!q.isNull(6)) {
            const std::string questions = q.getText(6);
            w.question = questions.substr(0, questions.find('\n'));
        }
        out.push_back(std::move(w));
    }
    return out;
}

}  // namespace hallway
