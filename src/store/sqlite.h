// Thin RAII layer over the SQLite C API. The only file set that includes
// sqlite3.h; everything above speaks in typed Store methods.
#pragma once
#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace hallway::sql {

// A failed SQLite call. `code` is SQLite's extended result code.
class Error : public std::runtime_error {
public:
    Error(int code, const std::string& message, bool storage = false)
        : std::runtime_error(message), m_code(code), m_storage(storage) {}
    int code() const { return m_code; }
    // True when what() is storageProblem()'s sentence, ready for the user.
    bool storage() const { return m_storage; }

private:
    int m_code;
    bool m_storage;
};

// The sentence a user reads when the storage under the database at `path`
// refused a write: the disk is full (SQLITE_FULL, or an I/O error with errno
// ENOSPC), the quota or the file size limit is reached (EDQUOT, EFBIG), or the
// database is read-only. `sysErrno` is sqlite3_system_errno(). Empty for any
// other failure. Every write runs in a transaction that is rolled back on
// error, which is why it can say nothing of the change was saved.
std::string storageProblem(int code, int sysErrno, const std::string& path);

class Connection {
public:
    // Opens (creating when `create`) the database at `path`; ":memory:" works.
    Connection(const std::string& path, bool create, bool readOnly = false);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void exec(std::string_view sql);
    std::int64_t lastInsertId() const;
    int changes() const;
    sqlite3* handle() const { return m_db; }
    // Throws Error: storageProblem()'s sentence when it has one, else
    // "what: SQLite's message". `sysErrno` is errno read right after the
    // failed call: SQLite 3.40 leaves sqlite3_system_errno() at 0 when a
    // COMMIT's write fails, so the cause (EFBIG, EDQUOT) is only there.
    [[noreturn]] void fail(int code, std::string_view what, int sysErrno = 0) const;
    // Every commit first calls `awaitVerdict` (it waits for a check running on
    // another thread) and is refused when it throws: SQLite rolls the
    // transaction back and the write throws Error with that exception's text.
    void holdCommitsUntil(std::function<void()> awaitVerdict);

private:
    static int commitGate(void* connection);
    // The refused commit's reason, for the error the failed step or COMMIT raises.
    std::string explainCode(int code) const;

    std::string m_path;
    sqlite3* m_db = nullptr;
    std::function<void()> m_commitVerdict;
    std::string m_commitRefusal;
};

// A prepared statement, reset and re-bound between uses.
class Statement {
public:
    Statement(Connection& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binding is 1-based, as in SQLite. Returns *this for chaining.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, std::int64_t(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bindNull(int index);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bindNull(index);
    }

    // True while a row is available; false when done.
    bool step();
    // Runs a statement that returns no rows, then resets it.
    void run();
    void reset();

    std::int64_t getInt(int column) const;
    double getDouble(int column) const;
    std::string getText(int column) const;
    // The column's text equals `value` (NULL reads as ''), without a copy.
    bool textEquals(int column, std::string_view value) const;
    bool isNull(int column) const;

private:
    Connection& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// Rolls back on destruction unless commit() was called (SQLiteCpp's habit).
class Transaction {
public:
    explicit Transaction(Connection& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& m_db;
    bool m_done = false;
};

}  // namespace hallway::sql
