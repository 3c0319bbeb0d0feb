// The Hallway database: one SQLite file, its connection and statement cache,
// transactions, migrations, search-index suspension and the integrity check.
// The rows are read and written by the repositories beside it (AgendaRepo,
// PeopleRepo, NotesRepo, SearchRepo, FollowupsRepo, GoalsRepo, SourcesRepo,
// SyncRepo), each made on the spot from a Store&. No SQL above this layer.
#pragma once
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/model.h"

namespace hallway {

class IntegrityVerdict;
namespace sql {
class Connection;
class Statement;
class Transaction;
}  // namespace sql

// Raised for database problems a user must hear about (cannot open, newer
// schema, disk full). what() is a complete sentence.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The file fails SQLite's quick_check: what() names it and says how to
// restore. Opening it with OpenOptions::readOnly still reads what it can.
// Opening needed a write the storage refused (disk full, quota, file size
// limit): what() says which. A command that writes nothing can open the
// database again with OpenOptions::writesNothing.
class StorageRefused : public StoreError {
public:
    using StoreError::StoreError;
};

class DamagedDatabase : public StoreError {
public:
    using StoreError::StoreError;
};

class Store {
public:
    struct OpenOptions {
        bool create = true;
        // Stop migrating at this version (tests build old databases with it).
        std::optional<int> migrateTo;
        // Read only: no migration, no checks, every write fails. For
        // exporting what a damaged database still holds.
        bool readOnly = false;
        // PRAGMA quick_check before anything is written; DamagedDatabase when it
        // fails. Once per file per process: a Store opened while another of
        // this process is open on the same file shares its verdict.
        bool checkIntegrity = true;
        // The check runs on a thread of its own while this Store already reads
        // (the app's first frame need not wait 0.6 s for a large file): every
        // commit waits for the verdict and is refused when it failed, and a
        // migration waits for it before it starts. See integrity().
        bool checkInBackground = false;
        // Reads each row once, on a thread beside the app (the glyph scan):
        // a 2 MiB page cache instead of 64, which such reads do not reuse.
        bool streaming = false;
        // For commands that only read, on storage that takes no byte (a full
        // disk): WAL's index is kept in this process's memory instead of the
        // -shm file, under an exclusive lock held for the command; nothing is
        // checkpointed on close and every write fails. The file must exist and
        // be at the latest schema (a migration is a write and fails clearly).
        bool writesNothing = false;
    };

    // $XDG_DATA_HOME/hallway/hallway.db, else ~/.local/share/hallway/hallway.db.
    static std::string defaultPath();
    static int latestSchemaVersion();

    // Opens or creates the database (owner-only permissions, WAL, foreign keys,
    // busy timeout) and brings its schema up to date. Throws StoreError when
    // the file is not a database or comes from a newer Hallway, and
    // DamagedDatabase when it fails quick_check. Removes temporary files a
    // crash left in its backups folder.
    explicit Store(const std::string& path);
    Store(const std::string& path, const OpenOptions& options);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& path() const { return m_path; }
    // Where the open-time check stands; Sound when none was asked for.
    // Damaged: integrityProblem() is DamagedDatabase's sentence, and every
    // commit fails with it.
    enum class Integrity { Checking, Sound, Damaged };
    Integrity integrity(bool waitForVerdict = false) const;
    std::string integrityProblem() const;
    int schemaVersion();
    // Runs migrations from the current version up to `target` (default latest).
    void migrate(std::optional<int> target = std::nullopt);

    // One write transaction; rolls back unless commit() is called.
    class Transaction {
    public:
        explicit Transaction(Store& store);
        ~Transaction();
        void commit();

    private:
        Store& m_store;
        std::unique_ptr<sql::Transaction> m_tx;
        bool m_committed = false;
    };

    // Bulk inserts inside one transaction. SQLite 3.40's FTS5 flushes its
    // index at every statement that touches it, so row-by-row indexing makes
    // a 1,000-session import slow. While suspended, new sessions and people
    // are not indexed; resume indexes all of them with one statement per
    // index. Rows inserted while suspended must not be updated or deleted
    // before resume. Both calls belong inside a Store::Transaction.
    void suspendSearchIndexing();
    void resumeSearchIndexing();
    // Call before updating or deleting a person while indexing is suspended:
    // a person inserted meanwhile is indexed now, so the update/delete
    // triggers find what they expect. A no-op otherwise.
    void indexPersonBeforeChange(RowId personId);

    // For the other repositories of the store layer (people, notes, queue):
    // the connection and a cache of prepared statements keyed by the SQL
    // literal's address. Not for use above src/store.
    sql::Connection& connection() { return *m_db; }
    sql::Statement& statement(const char* sqlText);

private:
    void configure();
    void forgetSuspendedIndexing();

    std::string m_path;
    std::unique_ptr<sql::Connection> m_db;
    std::shared_ptr<IntegrityVerdict> m_integrity;
    struct SuspendedIndexing {
        RowId lastSession = 0;
        RowId lastPerson = 0;
        std::vector<std::string> triggerSql;
        std::vector<RowId> peopleIndexedEarly;
    };
    std::optional<SuspendedIndexing> m_suspended;
    struct Statements;
    std::unique_ptr<Statements> m_stmts;
};

}  // namespace hallway
