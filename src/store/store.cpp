#include "store/store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <unordered_map>

#include "core/text.h"
#include "core/time_util.h"
#include "store/backup.h"
#include "store/integrity.h"
#include "store/query_util.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace hallway {

// Prepared once, reused: keyed by the address of the SQL literal.
struct Store::Statements {
    std::unordered_map<const char*, std::unique_ptr<sql::Statement>> cache;
    sql::Statement& get(sql::Connection& db, const char* text) {
        auto& slot = cache[text];
        if (!slot) slot = std::make_unique<sql::Statement>(db, text);
        slot->reset();
        return *slot;
    }
};

namespace {

void ensureOwnerOnlyFile(const std::string& path) {
    if (path == ":memory:" || path.empty()) return;
    std::filesystem::path p(path);
    if (p.has_parent_path()) {
        std::error_code ec;
        if (!std::filesystem::exists(p.parent_path(), ec)) {
            std::filesystem::create_directories(p.parent_path(), ec);
            if (ec) throw StoreError("cannot create folder " + p.parent_path().string() + ": " + ec.message());
            ::chmod(p.parent_path().c_str(), 0700);
        }
    }
    // Create the file ourselves so it never exists with looser permissions.
    int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
}

std::string describe(const sql::Error& e, const std::string& path) {
    int primary = e.code() & 0xff;
    if (primary == SQLITE_NOTADB) return path + " is not a Hallway database (not an SQLite file)";
    if (e.storage()) return e.what();  // disk full, read-only: already worded by sql::storageProblem
    // A WAL database on a read-only disk cannot even be opened (no -shm).
    if (primary == SQLITE_CANTOPEN && ::access(path.c_str(), F_OK) == 0 && ::access(path.c_str(), W_OK) != 0)
        return sql::storageProblem(SQLITE_READONLY, 0, path);
    if (primary == SQLITE_CANTOPEN) return "cannot open " + path + ": " + e.what();
    return "database error in " + path + ": " + e.what();
}

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

#define SESSION_COLUMNS                                                                             \
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

std::string Store::defaultPath() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    std::string base;
    if (xdg && *xdg == '/') {
        base = xdg;
    } else {
        const char* home = std::getenv("HOME");
        base = std::string(home && *home ? home : ".") + "/.local/share";
    }
    return base + "/hallway/hallway.db";
}

int Store::latestSchemaVersion() { return schema::latestVersion(); }

sql::Statement& Store::statement(const char* sqlText) { return m_stmts->get(*m_db, sqlText); }

Store::Store(const std::string& path) : Store(path, OpenOptions{}) {}

Store::Store(const std::string& path, const OpenOptions& options)
    : m_path(path), m_stmts(std::make_unique<Statements>()) {
    try {
        bool create = options.create && !options.readOnly && !options.writesNothing;
        if (create) ensureOwnerOnlyFile(path);
        else if (path != ":memory:" && !std::filesystem::exists(path))
            throw StoreError("no database at " + path);
        m_db = std::make_unique<sql::Connection>(path, create, options.readOnly);
        // Before the first statement: the background check's connection may be
        // opening the same WAL file at this moment, and a read would otherwise
        // fail at once with "database is locked" (then reported as damaged).
        sqlite3_busy_timeout(m_db->handle(), 5000);
        if (options.writesNothing) {
            // Before the first read: a -shm file would need bytes the disk does not have.
            m_db->exec("PRAGMA locking_mode = EXCLUSIVE");
            sqlite3_db_config(m_db->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        }
        if (options.readOnly) {
            m_db->exec("PRAGMA query_only = ON");
            // A truncated file fails every read unless SQLite may trust its
            // real size over the header's; nothing can be written anyway.
            m_db->exec("PRAGMA writable_schema = ON");
            sqlite3_busy_timeout(m_db->handle(), 5000);
            return;
        }
        if (path != ":memory:") removeStaleBackupTemps(path);
        if (options.checkIntegrity && path != ":memory:") {
            m_integrity = IntegrityVerdict::forFile(path, *m_db, options.checkInBackground);
            // Nothing is committed to a file before its check passed.
            if (!m_integrity->ready()) m_db->holdCommitsUntil([verdict = m_integrity] { verdict->wait(); });
        }
        configure();
        if (options.streaming) m_db->exec("PRAGMA cache_size = -2048");
        int version = schemaVersion();
        if (version > latestSchemaVersion())
            throw StoreError(path + " was written by a newer Hallway (schema " + std::to_string(version) +
                             ", this build knows " + std::to_string(latestSchemaVersion()) +
                             "); refusing to open it so nothing is damaged");
        if (m_integrity && version < options.migrateTo.value_or(latestSchemaVersion())) m_integrity->wait();
        migrate(options.migrateTo);
        if (options.writesNothing) m_db->exec("PRAGMA query_only = ON");
    } catch (const DamagedDatabase&) {
        throw;
    } catch (const sql::Error& e) {
        // A file the running check finds damaged fails reads too: say damaged.
        if (m_integrity) m_integrity->wait();
        int primary = e.code() & 0xff;
        if (e.storage() && (primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN))
            throw StorageRefused(describe(e, path));
        throw StoreError(describe(e, path));
    }
}

Store::Integrity Store::integrity(bool waitForVerdict) const {
    if (!m_integrity) return Integrity::Sound;
    if (waitForVerdict) m_integrity->settle();
    if (!m_integrity->ready()) return Integrity::Checking;
    return m_integrity->problem().empty() ? Integrity::Sound : Integrity::Damaged;
}

std::string Store::integrityProblem() const { return m_integrity ? m_integrity->problem() : std::string(); }

Store::~Store() {
    m_stmts.reset();  // statements must be finalised before the connection closes
}

namespace {
void urlKeyFunction(sqlite3_context* context, int, sqlite3_value** args) {
    const unsigned char* value = sqlite3_value_text(args[0]);
    std::string key = value ? profileUrlKey(reinterpret_cast<const char*>(value)) : std::string();
    sqlite3_result_text(context, key.c_str(), int(key.size()), SQLITE_TRANSIENT);
}
}  // namespace

void Store::configure() {
    // Turning WAL on writes the header: not before the check has passed.
    if (m_integrity && !m_integrity->ready() && m_path != ":memory:") {
        sql::Statement mode(*m_db, "PRAGMA journal_mode");
        if (!mode.step() || mode.getText(0) != "wal") m_integrity->wait();
    }
    m_db->exec("PRAGMA foreign_keys = ON");
    sqlite3_create_function(m_db->handle(), "url_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                            urlKeyFunction, nullptr, nullptr);
    sqlite3_busy_timeout(m_db->handle(), 5000);
    if (m_path != ":memory:") m_db->exec("PRAGMA journal_mode = WAL");
    // NORMAL in WAL mode is durable across application crashes; only a power
    // loss can undo the last commits.
    m_db->exec("PRAGMA synchronous = NORMAL");
    // 64 MiB of page cache: large imports stay in memory instead of re-reading the WAL.
    m_db->exec("PRAGMA cache_size = -65536");
}

int Store::schemaVersion() {
    sql::Statement q(*m_db, "PRAGMA user_version");
    q.step();
    return int(q.getInt(0));
}

void Store::migrate(std::optional<int> target) {
    int goal = target.value_or(latestSchemaVersion());
    int version = schemaVersion();
    if (version > 0 && version < goal) backupBeforeMigration(*this, version, goal);
    while (version < goal) {
        int next = version + 1;
        sql::Transaction tx(*m_db);
        m_db->exec(schema::stepSql(next));
        m_db->exec("PRAGMA user_version = " + std::to_string(next));
        tx.commit();
        version = next;
    }
}

Store::Transaction::Transaction(Store& store)
    : m_store(store), m_tx(std::make_unique<sql::Transaction>(*store.m_db)) {}
Store::Transaction::~Transaction() {
    if (!m_committed) {
        m_tx.reset();  // rolls back
        m_store.forgetSuspendedIndexing();
    }
}
void Store::Transaction::commit() {
    m_tx->commit();
    m_committed = true;
}

// --- bulk indexing ----------------------------------------------------------

namespace {
// Insert triggers whose work resumeSearchIndexing() does in bulk.
const char* const kBulkTriggers[] = {"sessions_fts_insert", "people_fts_insert", "people_trigram_insert"};

// Segments of the session index on disk (not what FTS5 still holds in memory).
long long sessionIndexSegments(sql::Connection& db) {
    sql::Statement q(db, "SELECT count(DISTINCT segid) FROM sessions_fts_idx");
    q.step();
    return q.getInt(0);
}

// Leaves the session index with no merge due, so the next import pays for
// none of this one's (schema step 20). An import that flushed three or more
// full write buffers (2,500+ sessions each) and is a quarter or more of the
// index merges the whole index into one segment: the power tier's 20,000-session
// import left 8 segments on the first level that later 1,000-session imports
// merged with their own, 100-160 ms more each. Otherwise a level that holds
// 16 segments (or a merge an older build left half done) is merged now, in
// one go: incremental merging spread over the next imports wrote the same
// pages at about 3x the cost per page (0.14 against 0.04-0.06 ms).
void settleSessionIndex(sql::Connection& db, long long segmentsFlushed, long long added, RowId sessionsBefore) {
    if (segmentsFlushed >= 3 && added * 3 >= sessionsBefore) {
        db.exec("INSERT INTO sessions_fts(sessions_fts) VALUES ('optimize')");
        return;
    }
    // 'merge' flushes what the import left in memory, then merges about N
    // pages, only levels with `usermerge` (16) segments or a merge under way.
    db.exec("INSERT INTO sessions_fts(sessions_fts, rank) VALUES ('merge', 1000000000)");
}

}  // namespace

void Store::suspendSearchIndexing() {
    SuspendedIndexing s;
    {
        sql::Statement q(*m_db, "SELECT coalesce(max(id), 0) FROM sessions");
        q.step();
        s.lastSession = q.getInt(0);
    }
    {
        sql::Statement q(*m_db, "SELECT coalesce(max(id), 0) FROM people");
        q.step();
        s.lastPerson = q.getInt(0);
    }
    for (const char* name : kBulkTriggers) {
        sql::Statement q(*m_db, "SELECT sql FROM sqlite_master WHERE type='trigger' AND name=?");
        q.bind(1, name);
        if (!q.step()) continue;  // an older schema without it
        s.triggerSql.push_back(q.getText(0));
        q.reset();
        m_db->exec(std::string("DROP TRIGGER ") + name);
    }
    m_stmts->cache.clear();  // statements prepared against the old schema
    m_suspended = std::move(s);
}

void Store::resumeSearchIndexing() {
    if (!m_suspended) return;
    SuspendedIndexing s = std::move(*m_suspended);
    m_suspended.reset();
    const bool mergeHere = schemaVersion() >= 20;
    const long long segmentsBefore = mergeHere ? sessionIndexSegments(*m_db) : 0;
    long long sessionsAdded = 0;
    {
        sql::Statement q(*m_db,
                         "INSERT INTO sessions_fts(rowid, title, abstract, description, room, track) "
                         "SELECT id, title, abstract, description, room, track FROM sessions WHERE id > ?");
        q.bind(1, s.lastSession);
        q.run();
        sessionsAdded = m_db->changes();
    }
    if (mergeHere) settleSessionIndex(*m_db, sessionIndexSegments(*m_db) - segmentsBefore, sessionsAdded, s.lastSession);
    // People indexed early (see indexPersonBeforeChange) are in the index already.
    m_db->exec("CREATE TEMP TABLE IF NOT EXISTS indexed_early (id INTEGER PRIMARY KEY)");
    m_db->exec("DELETE FROM indexed_early");
    {
        sql::Statement q(*m_db, "INSERT OR IGNORE INTO indexed_early (id) VALUES (?)");
        for (RowId id : s.peopleIndexedEarly) {
            q.bind(1, id);
            q.run();
        }
    }
    {
        sql::Statement q(*m_db,
                         "INSERT INTO people_fts(rowid, display_name, company, role) "
                         "SELECT id, display_name, company, role FROM people "
                         "WHERE id > ? AND id NOT IN (SELECT id FROM temp.indexed_early)");
        q.bind(1, s.lastPerson);
        q.run();
    }
    if (schemaVersion() >= 3) {
        sql::Statement q(*m_db,
                         "INSERT INTO people_trigram(rowid, display_name, company) "
                         "SELECT id, display_name, company FROM people "
                         "WHERE id > ? AND id NOT IN (SELECT id FROM temp.indexed_early)");
        q.bind(1, s.lastPerson);
        q.run();
    }
    m_db->exec("DELETE FROM indexed_early");
    for (const auto& sqlText : s.triggerSql) m_db->exec(sqlText);
    m_stmts->cache.clear();
}

void Store::indexPersonBeforeChange(RowId personId) {
    if (!m_suspended || personId <= m_suspended->lastPerson) return;
    auto& early = m_suspended->peopleIndexedEarly;
    if (std::find(early.begin(), early.end(), personId) != early.end()) return;
    {
        sql::Statement q(*m_db, "INSERT INTO people_fts(rowid, display_name, company, role) "
                                "SELECT id, display_name, company, role FROM people WHERE id = ?");
        q.bind(1, personId);
        q.run();
    }
    if (schemaVersion() >= 3) {
        sql::Statement q(*m_db, "INSERT INTO people_trigram(rowid, display_name, company) "
                                "SELECT id, display_name, company FROM people WHERE id = ?");
        q.bind(1, personId);
        q.run();
    }
    early.push_back(personId);
}

void Store::forgetSuspendedIndexing() {
    // The rollback restored the dropped triggers; nothing to index.
    if (m_suspended) m_stmts->cache.clear();
    m_suspended.reset();
}

// --- events ---------------------------------------------------------------

RowId Store::createEvent(const Event& e) {
    auto& q = m_stmts->get(*m_db,
                           "INSERT INTO events (name, venue, time_zone, starts_at, ends_at, source_file, "
                           "source_format, source_hash, imported_at, goals, created_at) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(1, e.name).bind(2, e.venue).bind(3, e.timeZone).bind(4, e.startsAt).bind(5, e.endsAt);
    q.bind(6, e.sourceFile).bind(7, e.sourceFormat).bind(8, e.sourceHash).bind(9, e.importedAt);
    q.bind(10, e.goals).bind(11, nowInstant());
    q.run();
    return m_db->lastInsertId();
}

void Store::updateEvent(const Event& e) {
    auto& q = m_stmts->get(*m_db,
                           "UPDATE events SET name=?, venue=?, time_zone=?, starts_at=?, ends_at=?, source_file=?, "
                           "source_format=?, source_hash=?, imported_at=?, goals=? WHERE id=?");
    q.bind(1, e.name).bind(2, e.venue).bind(3, e.timeZone).bind(4, e.startsAt).bind(5, e.endsAt);
    q.bind(6, e.sourceFile).bind(7, e.sourceFormat).bind(8, e.sourceHash).bind(9, e.importedAt);
    q.bind(10, e.goals).bind(11, e.id);
    q.run();
}

std::optional<Event> Store::findEvent(RowId id) {
    std::optional<Event> e;
    {
        auto& q = m_stmts->get(*m_db, "SELECT " EVENT_COLUMNS " FROM events WHERE id=?");
        sql::ResetOnExit r{q};
        q.bind(1, id);
        if (!q.step()) return std::nullopt;
        e = readEvent(q);
    }
    e->days = eventDays(e->id);
    return e;
}

std::optional<Event> Store::findEventByName(const std::string& name) {
    std::optional<Event> e;
    {
        auto& q = m_stmts->get(
            *m_db, "SELECT " EVENT_COLUMNS " FROM events WHERE name = ? COLLATE NOCASE ORDER BY id DESC LIMIT 1");
        sql::ResetOnExit r{q};
        q.bind(1, text::trim(name));
        if (!q.step()) return std::nullopt;
        e = readEvent(q);
    }
    e->days = eventDays(e->id);
    return e;
}

std::vector<ScheduleDay> Store::eventDays(RowId eventId) {
    auto& q = m_stmts->get(*m_db, "SELECT day_index, date, starts_at, ends_at FROM event_days WHERE event_id=? "
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

void Store::setEventDays(RowId eventId, const std::vector<ScheduleDay>& days) {
    auto& del = m_stmts->get(*m_db, "DELETE FROM event_days WHERE event_id=?");
    del.bind(1, eventId);
    del.run();
    auto& q = m_stmts->get(*m_db, "INSERT OR REPLACE INTO event_days (event_id, day_index, date, starts_at, ends_at) "
                                  "VALUES (?,?,?,?,?)");
    for (const ScheduleDay& d : days) {
        q.bind(1, eventId).bind(2, d.index).bind(3, d.date).bind(4, d.startsAt).bind(5, d.endsAt);
        q.run();
    }
}

std::vector<EventSummary> Store::listEvents() {
    std::vector<EventSummary> out;
    {
        auto& q = m_stmts->get(*m_db,
                               "SELECT " EVENT_COLUMNS ", "
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
    auto& q = m_stmts->get(*m_db, "SELECT starts_at FROM sessions WHERE event_id=? AND removed_at IS NULL");
    for (auto& summary : out) {
        sql::ResetOnExit r{q};
        q.bind(1, summary.event.id);
        std::vector<Instant> starts;
        while (q.step()) starts.push_back(q.getInt(0));
        summary.dayCount = int(agendaDayKeys(summary.event, starts).size());
    }
    return out;
}

void Store::recordImport(RowId eventId, const std::string& file, const std::string& format, const std::string& hash,
                         int added, int updated, int removed, const std::string& warnings) {
    auto& q = m_stmts->get(*m_db,
                           "INSERT INTO imports (event_id, file, format, hash, imported_at, added, updated, removed, "
                           "warnings) VALUES (?,?,?,?,?,?,?,?,?)");
    q.bind(1, eventId).bind(2, file).bind(3, format).bind(4, hash).bind(5, nowInstant());
    q.bind(6, added).bind(7, updated).bind(8, removed).bind(9, warnings);
    q.run();
}

// --- sessions -------------------------------------------------------------

std::vector<Session> Store::sessionsRunningBetween(RowId eventId, Instant from, Instant to) {
    // The start bound keeps this on the (event_id, starts_at) index.
    auto& q = m_stmts->get(*m_db, "SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.event_id = ?1 "
                                  "AND s.starts_at > ?2 - 86400 AND s.starts_at < ?3 AND s.ends_at > ?2 "
                                  "AND s.removed_at IS NULL ORDER BY s.starts_at, s.id");
    sql::ResetOnExit r{q};
    q.bind(1, eventId).bind(2, from).bind(3, to);
    std::vector<Session> out;
    while (q.step()) out.push_back(readSession(q));
    for (auto& s : out) s.speakers = speakerNames(s.id);  // a handful: one query each
    return out;
}

std::vector<Store::SessionSpan> Store::sessionSpans(RowId eventId) {
    auto& q = m_stmts->get(*m_db, "SELECT starts_at, ends_at, starred FROM sessions WHERE event_id=? "
                                  "AND removed_at IS NULL ORDER BY starts_at, id");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    std::vector<SessionSpan> out;
    while (q.step()) out.push_back({q.getInt(0), q.getInt(1), q.getInt(2) != 0});
    return out;
}

std::vector<Session> Store::sessions(RowId eventId, const SessionQuery& query) {
    std::vector<Session> out;
    Event event;
    if (auto e = findEvent(eventId)) event = *e;

    std::set<RowId> matches;
    bool searching = query.search && !sql::ftsTypedQuery(*query.search).empty();
    if (searching) {
        auto& q = m_stmts->get(*m_db, "SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?");
        sql::ResetOnExit r{q};
        q.bind(1, sql::ftsTypedQuery(*query.search));
        while (q.step()) matches.insert(q.getInt(0));
    }

    auto& q = m_stmts->get(*m_db, "SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.event_id = ? "
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

void Store::attachSpeakers(RowId eventId, std::vector<Session>& sessions) {
    // Speakers for the whole event in one query, not one per session.
    std::unordered_map<RowId, std::vector<std::string>> speakers;
    auto& sp = m_stmts->get(*m_db,
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

std::vector<std::string> Store::speakerNames(RowId sessionId) {
    auto& q = m_stmts->get(*m_db,
                           "SELECT p.display_name FROM session_speakers ss JOIN people p ON p.id = ss.person_id "
                           "WHERE ss.session_id = ? ORDER BY ss.position");
    sql::ResetOnExit r{q};
    q.bind(1, sessionId);
    std::vector<std::string> names;
    while (q.step()) names.push_back(q.getText(0));
    return names;
}

std::optional<Session> Store::findSession(RowId id) {
    auto& q = m_stmts->get(*m_db, "SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.id = ?");
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

std::map<std::string, Session> Store::sessionsBySourceId(RowId eventId) {
    auto& q = m_stmts->get(*m_db, "SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.event_id = ?");
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

RowId Store::insertSession(const Session& s) {
    auto& q = m_stmts->get(*m_db,
                           "INSERT INTO sessions (event_id, source_id, title, subtitle, abstract, description, "
                           "starts_at, ends_at, room, track, type, url, language, starred, attendance, updated_at) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(1, s.eventId).bind(2, s.sourceId).bind(3, s.title).bind(4, s.subtitle).bind(5, s.abstract);
    q.bind(6, s.description).bind(7, s.startsAt).bind(8, s.endsAt).bind(9, s.room).bind(10, s.track);
    q.bind(11, s.type).bind(12, s.url).bind(13, s.language).bind(14, s.starred ? 1 : 0);
    q.bind(15, int(s.attendance)).bind(16, nowInstant());
    q.run();
    return m_db->lastInsertId();
}

void Store::updateSessionAgendaFields(const Session& s) {
    auto& q = m_stmts->get(*m_db,
                           "UPDATE sessions SET title=?, subtitle=?, abstract=?, description=?, starts_at=?, "
                           "ends_at=?, room=?, track=?, type=?, url=?, language=?, removed_at=NULL, updated_at=? "
                           "WHERE id=?");
    q.bind(1, s.title).bind(2, s.subtitle).bind(3, s.abstract).bind(4, s.description).bind(5, s.startsAt);
    q.bind(6, s.endsAt).bind(7, s.room).bind(8, s.track).bind(9, s.type).bind(10, s.url);
    q.bind(11, s.language).bind(12, nowInstant()).bind(13, s.id);
    q.run();
}

void Store::markSessionRemoved(RowId sessionId, Instant when) {
    auto& q = m_stmts->get(*m_db, "UPDATE sessions SET removed_at=?, updated_at=? WHERE id=?");
    q.bind(1, when).bind(2, when).bind(3, sessionId);
    q.run();
}

bool Store::setStarred(RowId sessionId, bool starred) {
    auto& q = m_stmts->get(*m_db, "UPDATE sessions SET starred=?, updated_at=? WHERE id=?");
    q.bind(1, starred ? 1 : 0).bind(2, nowInstant()).bind(3, sessionId);
    q.run();
    return m_db->changes() > 0;
}

// --- people ---------------------------------------------------------------

RowId Store::createPerson(const Person& p) {
    auto& q = m_stmts->get(*m_db,
                           "INSERT INTO people (display_name, name_key, company, role, source, created_at, "
                           "updated_at) VALUES (?,?,?,?,?,?,?)");
    Instant now = nowInstant();
    q.bind(1, p.displayName).bind(2, text::nameKey(p.displayName)).bind(3, p.company).bind(4, p.role);
    q.bind(5, p.source.empty() ? std::string("typed") : p.source).bind(6, now).bind(7, now);
    q.run();
    return m_db->lastInsertId();
}

std::optional<Person> Store::findPerson(RowId id) {
    auto& q = m_stmts->get(*m_db, "SELECT id, display_name, company, role, source FROM people WHERE id=?");
    sql::ResetOnExit r{q};
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    Person p;
    p.id = q.getInt(0);
    p.displayName = q.getText(1);
    p.company = q.getText(2);
    p.role = q.getText(3);
    p.source = q.getText(4);
    return p;
}

std::vector<Store::SessionSpeaker> Store::speakersOfEvent(RowId eventId) {
    auto& q = m_stmts->get(*m_db,
                           "SELECT ss.session_id, p.id, p.display_name FROM session_speakers ss "
                           "JOIN sessions s ON s.id = ss.session_id JOIN people p ON p.id = ss.person_id "
                           "WHERE s.event_id = ? ORDER BY ss.session_id, ss.position");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    std::vector<SessionSpeaker> out;
    while (q.step()) out.push_back({q.getInt(0), q.getInt(1), q.getText(2)});
    return out;
}

std::map<std::string, Store::SpeakerSourceId> Store::speakerSourceIds(RowId eventId) {
    auto& q = m_stmts->get(*m_db,
                           "SELECT k.source_id, k.person_id, k.agenda_name, p.display_name FROM speaker_source_ids k "
                           "JOIN people p ON p.id = k.person_id WHERE k.event_id = ?");
    sql::ResetOnExit r{q};
    q.bind(1, eventId);
    std::map<std::string, SpeakerSourceId> out;
    while (q.step()) out[q.getText(0)] = {q.getInt(1), q.getText(2), q.getText(3)};
    return out;
}

void Store::setSpeakerSourceId(RowId eventId, const std::string& sourceId, RowId personId,
                               const std::string& agendaName) {
    auto& q = m_stmts->get(*m_db,
                           "INSERT INTO speaker_source_ids (event_id, source_id, person_id, agenda_name) VALUES (?,?,?,?) "
                           "ON CONFLICT (event_id, source_id) DO UPDATE SET person_id=excluded.person_id, "
                           "agenda_name=excluded.agenda_name");
    q.bind(1, eventId).bind(2, sourceId).bind(3, personId).bind(4, agendaName);
    q.run();
}

void Store::renamePerson(RowId personId, const std::string& displayName) {
    indexPersonBeforeChange(personId);
    auto& q = m_stmts->get(*m_db, "UPDATE people SET display_name=?, name_key=?, updated_at=? WHERE id=?");
    q.bind(1, displayName).bind(2, text::nameKey(displayName)).bind(3, nowInstant()).bind(4, personId);
    q.run();
}

std::vector<Store::SessionSpeaker> Store::speakersOfSession(RowId sessionId) {
    auto& q = m_stmts->get(*m_db,
                           "SELECT ss.session_id, p.id, p.display_name FROM session_speakers ss "
                           "JOIN people p ON p.id = ss.person_id WHERE ss.session_id = ? ORDER BY ss.position");
    sql::ResetOnExit r{q};
    q.bind(1, sessionId);
    std::vector<SessionSpeaker> out;
    while (q.step()) out.push_back({q.getInt(0), q.getInt(1), q.getText(2)});
    return out;
}

void Store::setSessionSpeakers(RowId sessionId, const std::vector<RowId>& personIds) {
    auto& del = m_stmts->get(*m_db, "DELETE FROM session_speakers WHERE session_id=?");
    del.bind(1, sessionId);
    del.run();
    auto& ins = m_stmts->get(*m_db,
                             "INSERT OR IGNORE INTO session_speakers (session_id, person_id, position) VALUES (?,?,?)");
    int position = 0;
    for (RowId person : personIds) {
        ins.bind(1, sessionId).bind(2, person).bind(3, position++);
        ins.run();
    }
}

int Store::countPeople() {
    auto& q = m_stmts->get(*m_db, "SELECT count(*) FROM people WHERE merged_into IS NULL");
    sql::ResetOnExit r{q};
    q.step();
    return int(q.getInt(0));
}

}  // namespace hallway
