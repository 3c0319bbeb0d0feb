// Copies of the database taken with SQLite's online backup API: by hand,
// before migrations and restores, and a rolling one before large writes;
// restore from them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace hallway {

class Store;

// Automatic backups kept per database; older ones are deleted. Manual
// backups and the newest automatic one of each kind are never deleted.
inline constexpr int kKeptBackups = 10;
// A rolling automatic backup is taken at most this often...
inline constexpr std::int64_t kDailyBackupSeconds = 24 * 60 * 60;
// ...or before a write touching at least this share of the rows there are.
inline constexpr int kLargeChangePercent = 20;

// <db folder>/<db file name>.backups: each database has its own.
std::string backupFolder(const std::string& dbPath);
// <db folder>/backups, shared by every database in a folder before each had
// its own; still protected from exports, never listed or rotated.
std::string legacyBackupFolder(const std::string& dbPath);

// Writes a consistent copy of the open database to `destPath` (owner-only,
// written to a temporary file in the same folder, then renamed). Throws
// StoreError with a sentence for the user.
void backupDatabase(Store& store, const std::string& destPath);

// Backs up into backupFolder() as hallway-YYYYMMDD-HHMMSS-<reason>.db and
// prunes older automatic ones. reason "manual" marks a manual backup.
// Returns the file written.
std::string takeAutomaticBackup(Store& store, const std::string& reason);

// Called by the services once their input is parsed and validated, right
// before a write of about `rowsChanging` rows. Takes a rolling copy when the
// newest backup is older than a day or the write is large; skips in-memory
// and empty databases and a state already saved. Returns the file written,
// or "" when none was needed.
std::string backupBeforeLargeChange(Store& store, const std::string& reason, std::int64_t rowsChanging);

// Called by Store::migrate before stepping an existing database (version > 0)
// from `from` to `to`; skipped when a backup of this unchanged state exists.
void backupBeforeMigration(Store& store, int from, int to);

// Removes temporary files a crash left in the backups folder (their writer
// is gone). Called when a database is opened.
void removeStaleBackupTemps(const std::string& dbPath);

struct BackupInfo {
    std::string path;
    std::int64_t bytes = 0;
    std::int64_t modified = 0;  // Unix seconds
    std::string reason;         // "manual", "daily", "schema-v7-to-v8", "before-restore", ...
    bool manual = false;
};

// The backups of `dbPath`, oldest first.
std::vector<BackupInfo> listBackups(const std::string& dbPath);

// What a backup holds, read without changing it.
struct BackupContents {
    bool readable = false;
    std::string problem;  // why not, when !readable
    int schemaVersion = 0;
    std::int64_t events = 0, people = 0, notes = 0;
};
BackupContents inspectBackup(const std::string& path);

// Throws StoreError unless `path` is an intact Hallway database this build
// can open: SQLite header, integrity_check, Hallway's tables and columns for
// its schema version, not newer than this build. Returns its version.
int validateBackup(const std::string& path);

struct RestoreReport {
    std::string restoredFrom;
    std::string safetyBackup;  // the database as it was before; empty when there was none
    int schemaVersion = 0;     // of the backup, before upgrading
    bool replacedDamaged = false;
};

// Replaces the database at `dbPath` with the backup at `backupPath`, without
// opening it through Store: validates the backup (validateBackup), takes the
// write lock on the live database so no writer commits meanwhile, keeps a
// copy of it in the backups folder, and swaps the contents in one
// transaction (other connections see the old or the restored data). A
// damaged live database is moved aside whole and the backup copied in its
// place. The caller upgrades the result by opening a Store.
RestoreReport restoreDatabase(const std::string& dbPath, const std::string& backupPath);

}  // namespace hallway
