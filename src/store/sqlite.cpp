#include "store/sqlite.h"

#include <sqlite3.h>

#include <cerrno>

namespace hallway::sql {

std::string storageProblem(int code, int sysErrno, const std::string& path) {
    const int primary = code & 0xff;
    const std::string where = path.empty() || path == ":memory:" ? std::string("the database") : path;
    if (primary == SQLITE_READONLY)
        return "the database " + where + " is read-only: nothing of this change was saved; the data already in it is "
               "intact";
    const std::string unchanged = "nothing of this change was saved; the data already in " + where + " is intact";
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return "the database " + where + " is locked: another Hallway (or another program) kept it busy for over 5 "
               "seconds; " + unchanged + ". Try again";
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        return "the database " + where + " is damaged (" + sqlite3_errstr(code) + "); " + unchanged +
               " as far as it can be read. Restore a backup: hallway --db " + where +
               " backups, then hallway --db " + where + " restore FILE";
    if (primary != SQLITE_FULL && primary != SQLITE_IOERR && primary != SQLITE_CANTOPEN) return {};
    // SQLite reports ENOSPC from write() as SQLITE_FULL; EFBIG, EDQUOT, and
    // ENOSPC from ftruncate, mmap or open only as I/O errors.
    if (primary == SQLITE_FULL || sysErrno == ENOSPC)
        return "the disk is full: " + unchanged + ". Free some space and try again";
    if (sysErrno == EDQUOT) return "your disk quota is used up: " + unchanged + ". Free some space and try again";
    if (sysErrno == EFBIG) return "the database file has reached the size limit for files: " + unchanged;
    return {};
}

Connection::Connection(const std::string& path, bool create, bool readOnly) : m_path(path) {
    int flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_EXRESCODE;
    if (create && !readOnly) flags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        std::string problem = storageProblem(rc, m_db ? sqlite3_system_errno(m_db) : 0, path);
        sqlite3_close(m_db);
        m_db = nullptr;
        if (!problem.empty()) throw Error(rc, problem, true);
        throw Error(rc, "cannot open database " + path + ": " + message);
    }
    sqlite3_extended_result_codes(m_db, 1);
}

Connection::~Connection() { sqlite3_close_v2(m_db); }

void Connection::holdCommitsUntil(std::function<void()> awaitVerdict) {
    m_commitVerdict = std::move(awaitVerdict);
    sqlite3_commit_hook(m_db, &Connection::commitGate, this);
}

int Connection::commitGate(void* connection) {
    auto* self = static_cast<Connection*>(connection);
    try {
        self->m_commitVerdict();
        return 0;
    } catch (const std::exception& e) {
        self->m_commitRefusal = e.what();
        return 1;
    }
}

std::string Connection::explainCode(int code) const {
    if (code == SQLITE_CONSTRAINT_COMMITHOOK && !m_commitRefusal.empty()) return m_commitRefusal;
    return {};
}

void Connection::fail(int code, std::string_view what, int sysErrno) const {
    if (std::string refusal = explainCode(code); !refusal.empty()) throw Error(code, refusal, true);
    if (int recorded = sqlite3_system_errno(m_db)) sysErrno = recorded;
    std::string problem = storageProblem(code, sysErrno, m_path);
    if (!problem.empty()) throw Error(code, problem, true);
    throw Error(code, std::string(what) + ": " + sqlite3_errmsg(m_db));
}

void Connection::exec(std::string_view sqlText) {
    std::string owned(sqlText);
    char* message = nullptr;
    errno = 0;
    int rc = sqlite3_exec(m_db, owned.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        int sysErrno = sqlite3_system_errno(m_db) ? sqlite3_system_errno(m_db) : errno;
        std::string problem = explainCode(rc);
        if (problem.empty()) problem = storageProblem(rc, sysErrno, m_path);
        std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        if (!problem.empty()) throw Error(rc, problem, true);
        throw Error(rc, text);
    }
}

std::int64_t Connection::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }
int Connection::changes() const { return sqlite3_changes(m_db); }

Statement::Statement(Connection& db, std::string_view sqlText) : m_db(db) {
    int rc = sqlite3_prepare_v3(db.handle(), sqlText.data(), int(sqlText.size()), SQLITE_PREPARE_PERSISTENT,
                                &m_stmt, nullptr);
    if (rc != SQLITE_OK) db.fail(rc, "prepare failed for: " + std::string(sqlText.substr(0, 80)));
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, std::int64_t value) {
    int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK) m_db.fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    int rc = sqlite3_bind_double(m_stmt, index, value);
    if (rc != SQLITE_OK) m_db.fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    int rc = sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) m_db.fail(rc, "bind");
    return *this;
}

Statement& Statement::bindNull(int index) {
    int rc = sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK) m_db.fail(rc, "bind");
    return *this;
}

bool Statement::step() {
    errno = 0;  // see Connection::fail
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    int sysErrno = errno;
    sqlite3_reset(m_stmt);
    m_db.fail(rc, "step", sysErrno);
}

void Statement::run() {
    step();
    reset();
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::getInt(int column) const { return sqlite3_column_int64(m_stmt, column); }
double Statement::getDouble(int column) const { return sqlite3_column_double(m_stmt, column); }
bool Statement::isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

std::string Statement::getText(int column) const {
    auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!text) return {};
    return std::string(text, size_t(sqlite3_column_bytes(m_stmt, column)));
}

bool Statement::textEquals(int column, std::string_view value) const {
    auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    const size_t size = text ? size_t(sqlite3_column_bytes(m_stmt, column)) : 0;
    return std::string_view(text ? text : "", size) == value;
}

Transaction::Transaction(Connection& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // Rolling back after a failed COMMIT can itself fail; nothing more to do.
        }
    }
}

void Transaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

}  // namespace hallway::sql
