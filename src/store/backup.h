// Copies of the database taken with SQLite's online backup API: on demand,
// before every migration and before every import, and restore from them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace hallway {

class Store;

// Automatic backups kept per database folder; older ones are deleted.
inline constexpr int kKeptBackups = 10;

// <db dir>/backups
std::string backupFolder(const std::string& dbPath);

// Writes a consistent copy of the open database to `destPath` (owner-only,
// written to a temporary file in the same folder, then renamed). Throws
// StoreError with a sentence for the user.
void backupDatabase(Store& store, const std::string& destPath);

// Backs up into backupFolder() as hallway-YYYYMMDD-HHMMSS[-reason].db and
// keeps the newest kKeptBackups. Returns the file written.
std::string takeAutomaticBackup(Store& store, const std::string& reason);

// Called by the import services before they write. Skips in-memory databases
// and databases holding no events and no people (nothing to lose).
void backupBeforeWrite(Store& store, const std::string& reason);

// Called by Store::migrate before stepping an existing database (version > 0)
// from `from` to `to`.
void backupBeforeMigration(Store& store, int from, int to);

struct BackupInfo {
    std::string path;
    std::int64_t bytes = 0;
    std::int64_t modified = 0;  // Unix seconds
};

// The automatic backups beside `dbPath`, oldest first.
std::vector<BackupInfo> listBackups(const std::string& dbPath);

struct RestoreReport {
    std::string restoredFrom;
    std::string safetyBackup;  // copy of the database as it was before; empty when there was none
    int schemaVersion = 0;     // of the backup, before upgrading
};

// Replaces the database at `dbPath` with the backup at `backupPath`. Refuses
// (StoreError) a file that is not a Hallway database or comes from a newer
// schema. Takes a backup of the current database first. The restored data is
// copied page by page into the live file, so other open connections see it
// at their next read; the caller upgrades it by opening a Store.
RestoreReport restoreDatabase(const std::string& dbPath, const std::string& backupPath);

}  // namespace hallway
