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
#include <unordered_map>

#include "store/backup.h"
#include "store/integrity.h"
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

}  // namespace hallway
