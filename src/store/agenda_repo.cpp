#include "store/agenda_repo.h"

#include <sqlite3.h>

#include <set>
#include <unordered_map>

#include "core/text.h"
#include "core/time_util.h"
#include "store/query_util.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace hallway {

namespace {

Session readSession(const sql::Statement& q) {
    Session s;
    s.id = q.getInt(0);
    s.eventId = q.getInt(1);
    s.sourceId = q.getText(2);
    s.title = q.getText(3);
    s.subtitle = q.getText(4);
    s.abstract = q.getText(5);
    s.description = q.getText(6);
    s.startsAt = q.getInt(7);
    s.endsAt = q.getInt(8);
    s.room = q.getText(9);
    s.track = q.getText(10);
    s.type = q.getText(11);
    s.url = q.getText(12);
    s.language = q.getText(13);
    s.starred = q.getInt(14) != 0;
    s.attendance = static_cast<Attendance>(q.getInt(15));
    s.removed = !q.isNull(16);
    return s;
}

#define SESSION_COLUMNS                                                                            \
    "s.id, s.event_id, s.source_id, s.title, s.subtitle, s.abstract, s.description, s.starts_at, " \
    "s.ends_at, s.room, s.track, s.type, s.url, s.language, s.starred, s.attendance, s.removed_at"

Event readEvent(const sql::Statement& q) {
    Event e;
    e.id = q.getInt(0);
    e.name = q.getText(1);
    e.venue = q.getText(2);
    e.timeZone = q.getText(3);
    e.startsAt = q.getInt(4);
    e.endsAt = q.getInt(5);
    e.sourceFile = q.getText(6);
    e.sourceFormat = q.getText(7);
    e.sourceHash = q.getText(8);
    e.importedAt = q.getInt(9);
    e.goals = q.getText(10);
    return e;
}

#define EVENT_COLUMNS \
    "id, name, venue, time_zone, starts_at, ends_at, source_file, source_format, source_hash, imported_at, goals"

}  // namespace

// --- events ---------------------------------------------------------------

RowId AgendaRepo::createEvent(const Event& e) {
    auto& q = m_store.statement(
        "INSERT INTO events (name, venue, time_zone, starts_at, ends_at, source_file, "
        "source_format, source_hash, imported_at, goals, created_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(1, e.name).bind(2, e.venue).bind(3, e.timeZone).bind(4, e.startsAt).bind(5, e.endsAt);
    q.bind(6, e.sourceFile).bind(7, e.sourceFormat).bind(8, e.sourceHash).bind(9, e.importedAt);
    q.bind(10, e.goals).bind(11, nowInstant());
    q.run();
    return m_store.connection().lastInsertId();
}

void AgendaRepo::updateEvent(const Event& e) {
    auto& q = m_store.statement(
        "UPDATE events SET name=?, venue=?, time_zone=?, starts_at=?, ends_at=?, source_file=?, "
        "source_format=?, source_hash=?, imported_at=?, goals=? WHERE id=?");
    q.bind(1, e.name).bind(2, e.venue).bind(3, e.timeZone).bind(4, e.startsAt).bind(5, e.endsAt);
    q.bind(6, e.sourceFile).bind(7, e.sourceFormat).bind(8, e.sourceHash).bind(9, e.importedAt);
    q.bind(10, e.goals).bind(11, e.id);
    q.run();
}

std::optional<Event> AgendaRepo::findEvent(RowId id) {
    std::optional<Event> e;
    {
        auto& q = m_store.statement("SELECT " EVENT_COLUMNS " FROM events WHERE id=?");
        sql::ResetOnExit r{q};
        q.bind(1, id);
        if (!q.step()) return std::nullopt;
        e = readEvent(q);
    }
    e->days = eventDays(e->id);
    return e;
}

std::optional<Event> AgendaRepo::findEventByName(const std::string& name) {
    std::optional<Event> e;
    {
        auto& q = m_store.statement("SELECT " EVENT_COLUMNS
                                    " FROM events WHERE name = ? COLLATE NOCASE ORDER BY id DESC LIMIT 1");
        sql::ResetOnExit r{q};
        q.bind(1, text::trim(name));
        if (!q.step()) return std::nullopt;
        e = readEvent(q);
    }
    e->days = eventDays(e->id);
    return e;
}

std::vector<ScheduleDay> AgendaRepo::eventDays(RowId eventId) {
    auto& q = m_store.statement(
        "SELECT day_index, date, starts_at, ends_at FROM event_days WHERE event_id=? "
        "ORDER BY starts_at, day_index");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    std::vector<ScheduleDay> out;
    try {
        while (q.step()) out.push_back({int(q.getInt(0)), q.getText(1), q.getInt(2), q.getInt(3)});
    } catch (const sql::Error& e) {
        // A damaged file read to save what it holds: the event without its
        // agenda's days (05:00 to 05:00) rather than no event.
        if ((e.code() & 0xff) != SQLITE_CORRUPT) throw;
        out.clear();
    }
    return out;
}

void AgendaRepo::setEventDays(RowId eventId, const std::vector<ScheduleDay>& days) {
    auto& del = m_store.statement("DELETE FROM event_days WHERE event_id=?");
    del.bind(1, eventId);
    del.run();
    auto& q = m_store.statement(
        "INSERT OR REPLACE INTO event_days (event_id, day_index, date, starts_at, ends_at) "
        "VALUES (?,?,?,?,?)");
    for (const ScheduleDay& d : days) {
        q.bind(1, eventId).bind(2, d.index).bind(3, d.date).bind(4, d.startsAt).bind(5, d.endsAt);
        q.run();
    }
}

std::vector<EventSummary> AgendaRepo::listEvents() {
    std::vector<EventSummary> out;
    {
        auto& q =
            m_store.statement("SELECT " EVENT_COLUMNS ", "
                              "(SELECT count(*) FROM sessions s WHERE s.event_id = e.id AND s.removed_at IS NULL), "
                              "(SELECT count(DISTINCT room) FROM sessions s WHERE s.event_id = e.id "
                              "   AND s.removed_at IS NULL AND room <> ''), "
                              "(SELECT count(DISTINCT ss.person_id) FROM session_speakers ss JOIN sessions s "
                              "   ON s.id = ss.session_id WHERE s.event_id = e.id AND s.removed_at IS NULL), "
                              "(SELECT count(*) FROM sessions s WHERE s.event_id = e.id AND s.starred AND "
                              "   s.removed_at IS NULL) "
                              "FROM events e ORDER BY e.starts_at DESC, e.id DESC");
        sql::ResetOnExit r{q};
        while (q.step()) {
            EventSummary summary;
            summary.event = readEvent(q);
            summary.sessionCount = int(q.getInt(11));
            summary.roomCount = int(q.getInt(12));
            summary.speakerCount = int(q.getInt(13));
            summary.starredCount = int(q.getInt(14));
            out.push_back(std::move(summary));
        }
    }
    // Days depend on the event's zone and its agenda's own days, which SQL does not know.
    for (auto& summary : out) summary.event.days = eventDays(summary.event.id);
    auto& q = m_store.statement("SELECT starts_at FROM sessions WHERE event_id=? AND removed_at IS NULL");
    for (auto& summary : out) {
        sql::ResetOnExit r{q};
        q.bind(1, summary.event.id);
        std::vector<Instant> starts;
        while (q.step()) starts.push_back(q.getInt(0));
        summary.dayCount = int(agendaDayKeys(summary.event, starts).size());
    }
    return out;
}

void AgendaRepo::recordImport(RowId eventId, const std::string& file, const std::string& format,
                              const std::string& hash, int added, int updated, int removed,
                              const std::string& warnings) {
    auto& q = m_store.statement(
        "INSERT INTO imports (event_id, file, format, hash, imported_at, added, updated, removed, "
        "warnings) VALUES (?,?,?,?,?,?,?,?,?)");
    q.bind(1, eventId).bind(2, file).bind(3, format).bind(4, hash).bind(5, nowInstant());
    q.bind(6, added).bind(7, updated).bind(8, removed).bind(9, warnings);
    q.run();
}

// --- sessions -------------------------------------------------------------

std::vector<Session> AgendaRepo::sessionsRunningBetween(RowId eventId, Instant from, Instant to) {
    // The start bound keeps this on the (event_id, starts_at) index.
    auto& q = m_store.statement("SELECT " SESSION_COLUMNS
                                " FROM sessions s WHERE s.event_id = ?1 "
                                "AND s.starts_at > ?2 - 86400 AND s.starts_at < ?3 AND s.ends_at > ?2 "
                                "AND s.removed_at IS NULL ORDER BY s.starts_at, s.id");
    sql::ResetOnExit r{q};
    q.bind(1, eventId).bind(2, from).bind(3, to);
    std::vector<Session> out;
    while (q.step()) out.push_back(readSession(q));
    for (auto& s : out) s.speakers = speakerNames(s.id);  // a handful: one query each
    return out;
}

std::vector<AgendaRepo::SessionSpan> AgendaRepo::sessionSpans(RowId eventId) {
    auto& q = m_store.statement(
        "SELECT starts_at, ends_at, starred FROM sessions WHERE event_id=? "
        "AND removed_at IS NULL ORDER BY starts_at, id");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    std::vector<SessionSpan> out;
    while (q.step()) out.push_back({q.getInt(0), q.getInt(1), q.getInt(2) != 0});
    return out;
}

std::vector<Session> AgendaRepo::sessions(RowId eventId, const SessionQuery& query) {
    std::vector<Session> out;
    Event event;
    if (auto e = findEvent(eventId)) event = *e;

    std::set<RowId> matches;
    bool searching = query.search && !sql::ftsTypedQuery(*query.search).empty();
    if (searching) {
        auto& q = m_store.statement("SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?");
        sql::ResetOnExit r{q};
        q.bind(1, sql::ftsTypedQuery(*query.search));
        while (q.step()) matches.insert(q.getInt(0));
    }

    auto& q = m_store.statement("SELECT " SESSION_COLUMNS
                                " FROM sessions s WHERE s.event_id = ? "
                                "ORDER BY s.starts_at, s.room, s.title, s.id");
    {
        sql::ResetOnExit r{q};
        q.bind(1, eventId);
        std::string roomKey = query.room ? text::lower(*query.room) : "";
        while (q.step()) {
            Session s = readSession(q);
            if (s.removed && !query.includeRemoved) continue;
            if (query.starredOnly && !s.starred) continue;
            if (query.room && text::lower(s.room) != roomKey) continue;
            if (searching && !matches.count(s.id)) continue;
            if (query.localDate && agendaDayString(s.startsAt, event) != *query.localDate) continue;
            out.push_back(std::move(s));
        }
    }

    attachSpeakers(eventId, out);
    return out;
}

void AgendaRepo::attachSpeakers(RowId eventId, std::vector<Session>& sessions) {
    // Speakers for the whole event in one query, not one per session.
    std::unordered_map<RowId, std::vector<std::string>> speakers;
    auto& sp = m_store.statement(
        "SELECT ss.session_id, p.display_name FROM session_speakers ss "
        "JOIN sessions s ON s.id = ss.session_id JOIN people p ON p.id = ss.person_id "
        "WHERE s.event_id = ? ORDER BY ss.session_id, ss.position");
    sql::ResetOnExit r{sp};
    sp.bind(1, eventId);
    while (sp.step()) speakers[sp.getInt(0)].push_back(sp.getText(1));
    for (auto& s : sessions) {
        auto it = speakers.find(s.id);
        if (it != speakers.end()) s.speakers = it->second;
    }
}

std::vector<std::string> AgendaRepo::speakerNames(RowId sessionId) {
    auto& q = m_store.statement(
        "SELECT p.display_name FROM session_speakers ss JOIN people p ON p.id = ss.person_id "
        "WHERE ss.session_id = ? ORDER BY ss.position");
    sql::ResetOnExit r{q};
    q.bind(1, sessionId);
    std::vector<std::string> names;
    while (q.step()) names.push_back(q.getText(0));
    return names;
}

std::optional<Session> AgendaRepo::findSession(RowId id) {
    auto& q = m_store.statement("SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.id = ?");
    std::optional<Session> found;
    {
        sql::ResetOnExit r{q};
        q.bind(1, id);
        if (!q.step()) return std::nullopt;
        found = readSession(q);
    }
    found->speakers = speakerNames(id);
    return found;
}

std::map<std::string, Session> AgendaRepo::sessionsBySourceId(RowId eventId) {
    auto& q = m_store.statement("SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.event_id = ?");
    std::vector<Session> all;
    {
        sql::ResetOnExit r{q};
        q.bind(1, eventId);
        while (q.step()) all.push_back(readSession(q));
    }
    attachSpeakers(eventId, all);
    std::map<std::string, Session> out;
    for (auto& s : all) out.emplace(s.sourceId, std::move(s));
    return out;
}

RowId AgendaRepo::insertSession(const Session& s) {
    auto& q = m_store.statement(
        "INSERT INTO sessions (event_id, source_id, title, subtitle, abstract, description, "
        "starts_at, ends_at, room, track, type, url, language, starred, attendance, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(1, s.eventId).bind(2, s.sourceId).bind(3, s.title).bind(4, s.subtitle).bind(5, s.abstract);
    q.bind(6, s.description).bind(7, s.startsAt).bind(8, s.endsAt).bind(9, s.room).bind(10, s.track);
    q.bind(11, s.type).bind(12, s.url).bind(13, s.language).bind(14, s.starred ? 1 : 0);
    q.bind(15, int(s.attendance)).bind(16, nowInstant());
    q.run();
    return m_store.connection().lastInsertId();
}

void AgendaRepo::updateSessionAgendaFields(const Session& s) {
    auto& q = m_store.statement(
        "UPDATE sessions SET title=?, subtitle=?, abstract=?, description=?, starts_at=?, "
        "ends_at=?, room=?, track=?, type=?, url=?, language=?, removed_at=NULL, updated_at=? "
        "WHERE id=?");
    q.bind(1, s.title).bind(2, s.subtitle).bind(3, s.abstract).bind(4, s.description).bind(5, s.startsAt);
    q.bind(6, s.endsAt).bind(7, s.room).bind(8, s.track).bind(9, s.type).bind(10, s.url);
    q.bind(11, s.language).bind(12, nowInstant()).bind(13, s.id);
    q.run();
}

void AgendaRepo::markSessionRemoved(RowId sessionId, Instant when) {
    auto& q = m_store.statement("UPDATE sessions SET removed_at=?, updated_at=? WHERE id=?");
    q.bind(1, when).bind(2, when).bind(3, sessionId);
    q.run();
}

bool AgendaRepo::setStarred(RowId sessionId, bool starred) {
    auto& q = m_store.statement("UPDATE sessions SET starred=?, updated_at=? WHERE id=?");
    q.bind(1, starred ? 1 : 0).bind(2, nowInstant()).bind(3, sessionId);
    q.run();
    return m_store.connection().changes() > 0;
}

// --- speakers -------------------------------------------------------------

std::vector<AgendaRepo::SessionSpeaker> AgendaRepo::speakersOfEvent(RowId eventId) {
    auto& q = m_store.statement(
        "SELECT ss.session_id, p.id, p.display_name FROM session_speakers ss "
        "JOIN sessions s ON s.id = ss.session_id JOIN people p ON p.id = ss.person_id "
        "WHERE s.event_id = ? ORDER BY ss.session_id, ss.position");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    std::vector<SessionSpeaker> out;
    while (q.step()) out.push_back({q.getInt(0), q.getInt(1), q.getText(2)});
    return out;
}

std::map<std::string, AgendaRepo::SpeakerSourceId> AgendaRepo::speakerSourceIds(RowId eventId) {
    auto& q = m_store.statement(
        "SELECT k.source_id, k.person_id, k.agenda_name, p.display_name FROM speaker_source_ids k "
        "JOIN people p ON p.id = k.person_id WHERE k.event_id = ?");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    std::map<std::string, SpeakerSourceId> out;
    while (q.step()) out[q.getText(0)] = {q.getInt(1), q.getText(2), q.getText(3)};
    return out;
}

void AgendaRepo::setSpeakerSourceId(RowId eventId, const std::string& sourceId, RowId personId,
                                    const std::string& agendaName) {
    auto& q = m_store.statement(
        "INSERT INTO speaker_source_ids (event_id, source_id, person_id, agenda_name) VALUES (?,?,?,?) "
        "ON CONFLICT (event_id, source_id) DO UPDATE SET person_id=excluded.person_id, "
        "agenda_name=excluded.agenda_name");
    q.bind(1, eventId).bind(2, sourceId).bind(3, personId).bind(4, agendaName);
    q.run();
}

std::vector<AgendaRepo::SessionSpeaker> AgendaRepo::speakersOfSession(RowId sessionId) {
    auto& q = m_store.statement(
        "SELECT ss.session_id, p.id, p.display_name FROM session_speakers ss "
        "JOIN people p ON p.id = ss.person_id WHERE ss.session_id = ? ORDER BY ss.position");
    sql::ResetOnExit r{q};
    q.bind(1, sessionId);
    std::vector<SessionSpeaker> out;
    while (q.step()) out.push_back({q.getInt(0), q.getInt(1), q.getText(2)});
    return out;
}

void AgendaRepo::setSessionSpeakers(RowId sessionId, const std::vector<RowId>& personIds) {
    auto& del = m_store.statement("DELETE FROM session_speakers WHERE session_id=?");
    del.bind(1, sessionId);
    del.run();
    auto& ins =
        m_store.statement("INSERT OR IGNORE INTO session_speakers (session_id, person_id, position) VALUES (?,?,?)");
    int position = 0;
    for (RowId person : personIds) {
        ins.bind(1, sessionId).bind(2, person).bind(3, position++);
        ins.run();
    }
}

#undef SESSION_COLUMNS
#undef EVENT_COLUMNS

}  // namespace hallway
