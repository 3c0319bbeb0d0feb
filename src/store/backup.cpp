#include "store/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <tuple>

#include "store/schema.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace fs = std::filesystem;

namespace hallway {
namespace {

// Closes a raw connection on every path out.
struct Handle {
    sqlite3* db = nullptr;
    ~Handle() {
        if (db) sqlite3_close_v2(db);
    }
};

std::string sqliteProblem(int code, sqlite3* db, const std::string& what) {
    int primary = code & 0xff;
    if (primary == SQLITE_FULL) return "the disk is full: " + what + " could not be written";
    if (primary == SQLITE_READONLY) return what + " is read-only";
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return what + " is busy (another Hallway is writing); try again";
    if (primary == SQLITE_NOTADB) return what + " is not a Hallway database (not an SQLite file)";
    return what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
}

void makePrivateFolder(const fs::path& dir) {
    if (dir.empty()) return;
    std::error_code ec;
    if (fs::is_directory(dir, ec)) return;
    fs::create_directories(dir, ec);
    if (ec) throw StoreError("cannot create folder " + dir.string() + ": " + ec.message());
    ::chmod(dir.c_str(), 0700);
}

// Copies every page of `src` into a new owner-only file at `destPath`, via a
// temporary file in the same folder so a crash never leaves half a backup
// under the final name.
void copyToFile(sqlite3* src, const std::string& destPath) {
    fs::path dest(destPath);
    makePrivateFolder(dest.parent_path());
    static std::atomic<int> counter{0};
    std::string tmp = destPath + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    int fd = ::open(tmp.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) throw StoreError("cannot create backup file " + tmp + ": " + std::strerror(errno));
    ::close(fd);
    auto fail = [&](const std::string& message) {
        std::error_code ec;
        fs::remove(tmp, ec);
        fs::remove(tmp + "-journal", ec);
        throw StoreError(message);
    };
    {
        Handle out;
        int rc = sqlite3_open_v2(tmp.c_str(), &out.db, SQLITE_OPEN_READWRITE, nullptr);
        if (rc != SQLITE_OK) fail(sqliteProblem(rc, out.db, "backup file " + tmp));
        sqlite3_busy_timeout(out.db, 5000);
        sqlite3_backup* b = sqlite3_backup_init(out.db, "main", src, "main");
        if (!b) fail(sqliteProblem(sqlite3_errcode(out.db), out.db, "backup to " + destPath));
        rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
        if (rc != SQLITE_DONE) fail(sqliteProblem(rc, nullptr, "backup " + destPath));
        // A self-contained file: rollback journal, no -wal/-shm companions needed.
        rc = sqlite3_exec(out.db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) fail(sqliteProblem(rc, out.db, "backup " + destPath));
    }
    if (::rename(tmp.c_str(), destPath.c_str()) != 0)
        fail("cannot move backup into place at " + destPath + ": " + std::strerror(errno));
    ::chmod(destPath.c_str(), 0600);
}

std::string cleanReason(const std::string& reason) {
    std::string out;
    for (char c : reason) {
        unsigned char u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) out += char(std::tolower(u));
        else if (!out.empty() && out.back() != '-') out += '-';
        if (out.size() >= 40) break;
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

bool isAutomaticBackupName(const std::string& name) {
    return name.rfind("hallway-", 0) == 0 && name.size() > 11 && name.compare(name.size() - 3, 3, ".db") == 0;
}

void pruneBackups(const std::string& dbPath) {
    auto list = listBackups(dbPath);
    if (int(list.size()) <= kKeptBackups) return;
    for (size_t i = 0; i + kKeptBackups < list.size(); ++i) {
        std::error_code ec;
        fs::remove(list[i].path, ec);
    }
}

std::string automaticBackupFrom(sqlite3* src, const std::string& dbPath, const std::string& reason) {
    fs::path dir = backupFolder(dbPath);
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    std::string base = std::string("hallway-") + stamp;
    std::string r = cleanReason(reason);
    if (!r.empty()) base += "-" + r;
    std::string path = (dir / (base + ".db")).string();
    // Several backups in one second (an import right after a migration):
    // number them past every one still there, so a pruned name is not reused.
    int highest = 0;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string stem = it->path().stem().string();
        if (stem == base) highest = std::max(highest, 1);
        else if (stem.rfind(base + "-", 0) == 0) {
            std::string tail = stem.substr(base.size() + 1);
            if (!tail.empty() && tail.size() < 6 && tail.find_first_not_of("0123456789") == std::string::npos)
                highest = std::max(highest, std::stoi(tail));
        }
    }
    if (highest > 0) path = (dir / (base + "-" + std::to_string(highest + 1) + ".db")).string();
    copyToFile(src, path);
    pruneBackups(dbPath);
    return path;
}

std::int64_t queryInt(sqlite3* db, const char* sqlText, int* rcOut = nullptr) {
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db, sqlText, -1, &st, nullptr);
    std::int64_t value = 0;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            value = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    if (rcOut) *rcOut = rc;
    return value;
}

bool sameFile(const std::string& a, const std::string& b) {
    std::error_code ec;
    return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

}  // namespace

std::string backupFolder(const std::string& dbPath) {
    fs::path p = fs::absolute(dbPath);
    return (p.parent_path() / "backups").string();
}

void backupDatabase(Store& store, const std::string& destPath) {
    if (destPath.empty()) throw StoreError("backup needs a file name");
    if (sameFile(destPath, store.path()))
        throw StoreError("refusing to back up " + store.path() + " onto itself");
    copyToFile(store.connection().handle(), destPath);
}

std::string takeAutomaticBackup(Store& store, const std::string& reason) {
    if (store.path().empty() || store.path() == ":memory:") throw StoreError("an in-memory database has no backups");
    return automaticBackupFrom(store.connection().handle(), store.path(), reason);
}

void backupBeforeWrite(Store& store, const std::string& reason) {
    if (store.path().empty() || store.path() == ":memory:") return;
    int rc = SQLITE_OK;
    std::int64_t rows = queryInt(store.connection().handle(),
                                 "SELECT EXISTS(SELECT 1 FROM events) OR EXISTS(SELECT 1 FROM people)", &rc);
    if (rc != SQLITE_OK || rows == 0) return;
    try {
        takeAutomaticBackup(store, reason);
    } catch (const StoreError& e) {
        throw StoreError(std::string("nothing was imported and the database is unchanged: the backup taken before "
                                     "every import failed: ") + e.what());
    }
}

void backupBeforeMigration(Store& store, int from, int to) {
    if (from <= 0 || store.path().empty() || store.path() == ":memory:") return;
    try {
        takeAutomaticBackup(store, "schema-v" + std::to_string(from) + "-to-v" + std::to_string(to));
    } catch (const StoreError& e) {
        throw StoreError(std::string("the database was not upgraded: the backup taken before upgrading failed: ") +
                         e.what());
    }
}

std::vector<BackupInfo> listBackups(const std::string& dbPath) {
    std::vector<std::pair<fs::file_time_type, BackupInfo>> found;
    std::error_code ec;
    fs::path dir = backupFolder(dbPath);
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!isAutomaticBackupName(name) || !it->is_regular_file(ec)) continue;
        BackupInfo info;
        info.path = it->path().string();
        info.bytes = std::int64_t(it->file_size(ec));
        struct stat st{};
        if (::stat(info.path.c_str(), &st) == 0) info.modified = st.st_mtime;
        found.push_back({it->last_write_time(ec), info});
    }
    // Name stamp first (seconds), then mtime, then the "-N" added to names
    // taken within one second: file times can be coarser than a backup.
    auto key = [](const std::pair<fs::file_time_type, BackupInfo>& f) {
        std::string name = fs::path(f.second.path).stem().string();
        std::string stamp = name.substr(0, std::min<size_t>(name.size(), 23));
        size_t dash = name.rfind('-');
        int n = 1;
        if (dash != std::string::npos && dash >= 23 && dash + 1 < name.size() &&
            name.find_first_not_of("0123456789", dash + 1) == std::string::npos && name.size() - dash < 6)
            n = std::stoi(name.substr(dash + 1));
        return std::make_tuple(stamp, f.first, n);
    };
    std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    std::vector<BackupInfo> out;
    for (auto& f : found) out.push_back(std::move(f.second));
    return out;
}

RestoreReport restoreDatabase(const std::string& dbPath, const std::string& backupPath) {
    std::error_code ec;
    if (!fs::is_regular_file(backupPath, ec)) throw StoreError("no backup file at " + backupPath);
    if (sameFile(dbPath, backupPath)) throw StoreError("refusing to restore " + dbPath + " from itself");

    RestoreReport report;
    report.restoredFrom = backupPath;

    Handle src;
    int rc = sqlite3_open_v2(backupPath.c_str(), &src.db, SQLITE_OPEN_READONLY, nullptr);
    if (rc != SQLITE_OK) throw StoreError(sqliteProblem(rc, src.db, "cannot open " + backupPath));
    std::string notOurs = backupPath + " is not a Hallway database";
    queryInt(src.db, "SELECT count(*) FROM sqlite_master", &rc);
    if ((rc & 0xff) == SQLITE_NOTADB) throw StoreError(notOurs + " (not an SQLite file)");
    if (rc != SQLITE_OK) throw StoreError(sqliteProblem(rc, src.db, "cannot read " + backupPath));
    int version = int(queryInt(src.db, "PRAGMA user_version", &rc));
    bool hasEvents = queryInt(src.db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='events'") > 0;
    if (version <= 0 || !hasEvents) throw StoreError(notOurs + " (an SQLite file without Hallway's tables)");
    if (version > schema::latestVersion())
        throw StoreError(backupPath + " was written by a newer Hallway (schema " + std::to_string(version) +
                         ", this build knows " + std::to_string(schema::latestVersion()) +
                         "); refusing to restore it");
    {
        sqlite3_stmt* st = nullptr;
        std::string check;
        if (sqlite3_prepare_v2(src.db, "PRAGMA quick_check", -1, &st, nullptr) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            check = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        if (check != "ok") throw StoreError(backupPath + " is damaged (" + check + "); refusing to restore it");
    }
    report.schemaVersion = version;

    // The current database, created owner-only when there is none yet.
    fs::path db(dbPath);
    makePrivateFolder(fs::absolute(db).parent_path());
    bool existed = fs::exists(db, ec) && fs::file_size(db, ec) > 0;
    if (!fs::exists(db, ec)) {
        int fd = ::open(dbPath.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
        if (fd >= 0) ::close(fd);
    }
    Handle dest;
    rc = sqlite3_open_v2(dbPath.c_str(), &dest.db, SQLITE_OPEN_READWRITE, nullptr);
    if (rc != SQLITE_OK) throw StoreError(sqliteProblem(rc, dest.db, "cannot open " + dbPath));
    sqlite3_busy_timeout(dest.db, 5000);

    if (existed) {
        queryInt(dest.db, "SELECT count(*) FROM sqlite_master", &rc);
        if (rc == SQLITE_OK) {
            report.safetyBackup = automaticBackupFrom(dest.db, dbPath, "before-restore");
        } else {
            // Unreadable (maybe why the user restores): keep its bytes as they are.
            report.safetyBackup = (fs::path(backupFolder(dbPath)) / "hallway-damaged-before-restore.db").string();
            makePrivateFolder(backupFolder(dbPath));
            fs::copy_file(db, report.safetyBackup, fs::copy_options::overwrite_existing, ec);
            if (ec) throw StoreError("cannot keep a copy of " + dbPath + " before restoring: " + ec.message());
            ::chmod(report.safetyBackup.c_str(), 0600);
            // A damaged file cannot be written page by page: replace it whole.
            sqlite3_close_v2(dest.db);
            dest.db = nullptr;
            for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(dbPath + suffix, ec);
            int fd = ::open(dbPath.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
            if (fd >= 0) ::close(fd);
            rc = sqlite3_open_v2(dbPath.c_str(), &dest.db, SQLITE_OPEN_READWRITE, nullptr);
            if (rc != SQLITE_OK) throw StoreError(sqliteProblem(rc, dest.db, "cannot open " + dbPath));
        }
    }

    // One write transaction on the live file: readers see the old or the new
    // database, never a mix, and a crash here leaves the old one.
    sqlite3_backup* b = sqlite3_backup_init(dest.db, "main", src.db, "main");
    if (!b) throw StoreError(sqliteProblem(sqlite3_errcode(dest.db), dest.db, "restore into " + dbPath));
    rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throw StoreError(sqliteProblem(rc, nullptr, "restore into " + dbPath));
    return report;
}

}  // namespace hallway
