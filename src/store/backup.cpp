#include "store/backup.h"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "store/schema.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace fs = std::filesystem;

namespace hallway {
namespace {

// [SECTION] raw connections and files

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

std::string queryText(sqlite3* db, const char* sqlText, int* rcOut = nullptr) {
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db, sqlText, -1, &st, nullptr);
    std::string value;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            if (auto* t = sqlite3_column_text(st, 0)) value = reinterpret_cast<const char*>(t);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    if (rcOut) *rcOut = rc;
    return value;
}

void execOrThrow(sqlite3* db, const std::string& sqlText, const std::string& what) {
    char* msg = nullptr;
    int rc = sqlite3_exec(db, sqlText.c_str(), nullptr, nullptr, &msg);
    if (rc == SQLITE_OK) return;
    std::string text = msg ? msg : sqlite3_errstr(rc);
    sqlite3_free(msg);
    int primary = rc & 0xff;
    if (primary == SQLITE_FULL || primary == SQLITE_READONLY || primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        throw StoreError(sqliteProblem(rc, nullptr, what));
    throw StoreError(what + ": " + text);
}

std::string quoted(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string tempName(const std::string& destPath) {
    static std::atomic<int> counter{0};
    return destPath + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

// Copies every page of `src` into a new owner-only file at `destPath`, via a
// temporary file in the same folder so a crash never leaves half a backup
// under the final name.
void copyToFile(sqlite3* src, const std::string& destPath) {
    fs::path dest(destPath);
    makePrivateFolder(dest.parent_path());
    std::string tmp = tempName(destPath);
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
        // On disk before it gets its final name.
        rc = sqlite3_exec(out.db, "PRAGMA synchronous = FULL; BEGIN IMMEDIATE; COMMIT", nullptr, nullptr, nullptr);
    }
    if (::rename(tmp.c_str(), destPath.c_str()) != 0)
        fail("cannot move backup into place at " + destPath + ": " + std::strerror(errno));
    ::chmod(destPath.c_str(), 0600);
}

// [SECTION] names and rotation
//
// hallway-YYYYMMDD-HHMMSS[-N]-reason.db; N numbers backups taken within one
// second. Every reason starts with a letter.

constexpr size_t kStampEnd = 23;  // "hallway-" + "YYYYMMDD-HHMMSS"

std::string cleanReason(const std::string& reason) {
    std::string out;
    for (char c : reason) {
        unsigned char u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) out += char(std::tolower(u));
        else if (!out.empty() && out.back() != '-') out += '-';
        if (out.size() >= 40) break;
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    if (out.empty() || !std::isalpha(static_cast<unsigned char>(out[0]))) out = "auto-" + out;
    return out;
}

struct ParsedName {
    std::string stamp;
    int n = 1;
    std::string reason;
};

bool parseBackupName(const std::string& name, ParsedName& out) {
    if (name.rfind("hallway-", 0) != 0 || name.size() < kStampEnd + 4) return false;
    if (name.compare(name.size() - 3, 3, ".db") != 0) return false;
    std::string stamp = name.substr(8, 15);
    if (stamp.size() != 15 || stamp[8] != '-' || stamp.find_first_not_of("0123456789-") != std::string::npos)
        return false;
    std::string rest = name.substr(kStampEnd, name.size() - 3 - kStampEnd);  // "[-N]-reason"
    out.stamp = stamp;
    out.n = 1;
    if (rest.size() > 1 && rest[0] == '-' && std::isdigit(static_cast<unsigned char>(rest[1]))) {
        size_t end = rest.find('-', 1);
        std::string digits = rest.substr(1, end == std::string::npos ? std::string::npos : end - 1);
        if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
        out.n = std::stoi(digits);
        rest = end == std::string::npos ? "" : rest.substr(end);
    }
    out.reason = rest.size() > 1 && rest[0] == '-' ? rest.substr(1) : "";
    return true;
}

void pruneBackups(const std::string& dbPath) {
    auto list = listBackups(dbPath);
    // The newest of each kind stays, so a string of failures of one kind
    // cannot rotate away the last copy of another.
    std::set<std::string> seen;
    std::vector<const BackupInfo*> removable;
    int automatic = 0;
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
        if (it->manual) continue;
        ++automatic;
        if (!seen.insert(it->reason).second) removable.push_back(&*it);
    }
    // removable is newest first: drop from its end.
    while (automatic > kKeptBackups && !removable.empty()) {
        std::error_code ec;
        fs::remove(removable.back()->path, ec);
        removable.pop_back();
        --automatic;
    }
}

std::string automaticBackupFrom(sqlite3* src, const std::string& dbPath, const std::string& reason) {
    fs::path dir = backupFolder(dbPath);
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    std::string r = cleanReason(reason);
    // Number past every backup of this second still there, so a pruned name is not reused.
    int highest = 0;
    for (const auto& b : listBackups(dbPath)) {
        ParsedName p;
        if (parseBackupName(fs::path(b.path).filename().string(), p) && p.stamp == stamp) highest = std::max(highest, p.n);
    }
    std::string base = std::string("hallway-") + stamp;
    if (highest > 0) base += "-" + std::to_string(highest + 1);
    std::string path = (dir / (base + "-" + r + ".db")).string();
    copyToFile(src, path);
    pruneBackups(dbPath);
    return path;
}

bool sameFile(const std::string& a, const std::string& b) {
    std::error_code ec;
    return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

std::int64_t mtimeNs(const std::string& path, bool nonEmptyOnly = false) {
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0 || (nonEmptyOnly && st.st_size == 0)) return 0;
    return std::int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// True when the newest backup was written after the database last changed
// (or within the same clock tick: a copy taken right after a write holds it).
bool stateAlreadySaved(const std::string& dbPath, const std::vector<BackupInfo>& list) {
    if (list.empty()) return false;
    std::int64_t changed = std::max(mtimeNs(dbPath), mtimeNs(dbPath + "-wal", true));
    return mtimeNs(list.back().path) >= changed;
}

bool fileBacked(Store& store) { return !store.path().empty() && store.path() != ":memory:"; }

// [SECTION] checking a file before restoring it

// Table name -> column names of Hallway's schema at `version`, built by
// running the migration ladder in memory.
std::map<std::string, std::vector<std::string>> tableShape(sqlite3* db) {
    std::map<std::string, std::vector<std::string>> out;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                           "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid",
                       -1, &st, nullptr);
    while (st && sqlite3_step(st) == SQLITE_ROW)
        out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))].push_back(
            reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
    sqlite3_finalize(st);
    return out;
}

std::map<std::string, std::vector<std::string>> expectedShape(int version) {
    Store::OpenOptions options;
    options.migrateTo = version;
    Store mem(":memory:", options);  // the ladder needs the functions Store registers
    return tableShape(mem.connection().handle());
}

bool hasSqliteHeader(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    in.read(header, sizeof header);
    return in.gcount() == 16 && std::memcmp(header, "SQLite format 3", 16) == 0;
}

}  // namespace

// [SECTION] public

std::string backupFolder(const std::string& dbPath) {
    fs::path p = fs::absolute(dbPath);
    return (p.parent_path() / (p.filename().string() + ".backups")).string();
}

std::string legacyBackupFolder(const std::string& dbPath) {
    return (fs::absolute(dbPath).parent_path() / "backups").string();
}

void backupDatabase(Store& store, const std::string& destPath) {
    if (destPath.empty()) throw StoreError("backup needs a file name");
    if (sameFile(destPath, store.path()))
        throw StoreError("refusing to back up " + store.path() + " onto itself");
    copyToFile(store.connection().handle(), destPath);
}

std::string takeAutomaticBackup(Store& store, const std::string& reason) {
    if (!fileBacked(store)) throw StoreError("an in-memory database has no backups");
    return automaticBackupFrom(store.connection().handle(), store.path(), reason);
}

std::string backupBeforeLargeChange(Store& store, const std::string& reason, std::int64_t rowsChanging) {
    if (!fileBacked(store) || rowsChanging <= 0) return "";
    int rc = SQLITE_OK;
    sqlite3* db = store.connection().handle();
    // max(id) is an index lookup: the cost does not grow with the database.
    std::int64_t rows = queryInt(db,
                                 "SELECT coalesce((SELECT max(id) FROM events), 0) + coalesce((SELECT max(id) FROM "
                                 "people), 0) + coalesce((SELECT max(id) FROM sessions), 0) + coalesce((SELECT "
                                 "max(id) FROM notes), 0)",
                                 &rc);
    if (rc != SQLITE_OK || rows == 0) return "";  // nothing to lose
    auto list = listBackups(store.path());
    std::int64_t newest = 0;
    for (const auto& b : list) newest = std::max(newest, b.modified);
    bool stale = std::time(nullptr) - newest >= kDailyBackupSeconds;
    bool large = rowsChanging * 100 >= rows * kLargeChangePercent;
    if (!stale && !large) return "";
    if (stateAlreadySaved(store.path(), list)) return "";
    try {
        return automaticBackupFrom(db, store.path(), stale ? "daily" : reason);
    } catch (const StoreError& e) {
        throw StoreError(std::string("nothing was written and the database is unchanged: the safety copy taken "
                                     "before this change failed: ") + e.what());
    }
}

void backupBeforeMigration(Store& store, int from, int to) {
    if (from <= 0 || !fileBacked(store)) return;
    if (stateAlreadySaved(store.path(), listBackups(store.path()))) return;
    try {
        takeAutomaticBackup(store, "schema-v" + std::to_string(from) + "-to-v" + std::to_string(to));
    } catch (const StoreError& e) {
        throw StoreError(std::string("the database was not upgraded: the backup taken before upgrading failed: ") +
                         e.what());
    }
}

void removeStaleBackupTemps(const std::string& dbPath) {
    std::error_code ec;
    fs::path dir = backupFolder(dbPath);
    if (!fs::is_directory(dir, ec)) return;
    std::vector<fs::path> stale;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        size_t at = name.rfind(".tmp-");
        if (at == std::string::npos) continue;
        long pid = std::strtol(name.c_str() + at + 5, nullptr, 10);
        // Its writer is gone: a crash mid-backup.
        if (pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH) stale.push_back(it->path());
    }
    for (const auto& p : stale) fs::remove(p, ec);
}

std::vector<BackupInfo> listBackups(const std::string& dbPath) {
    std::vector<std::pair<ParsedName, BackupInfo>> found;
    std::error_code ec;
    fs::path dir = backupFolder(dbPath);
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        ParsedName parsed;
        if (!parseBackupName(name, parsed) || !it->is_regular_file(ec)) continue;
        BackupInfo info;
        info.path = it->path().string();
        info.bytes = std::int64_t(it->file_size(ec));
        struct stat st{};
        if (::stat(info.path.c_str(), &st) == 0) info.modified = st.st_mtime;
        info.reason = parsed.reason;
        info.manual = parsed.reason == "manual";
        found.push_back({parsed, info});
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first.stamp, a.first.n) < std::tie(b.first.stamp, b.first.n);
    });
    std::vector<BackupInfo> out;
    for (auto& f : found) out.push_back(std::move(f.second));
    return out;
}

BackupContents inspectBackup(const std::string& path) {
    BackupContents c;
    if (!hasSqliteHeader(path)) {
        c.problem = "not an SQLite file";
        return c;
    }
    Handle db;
    int rc = sqlite3_open_v2(path.c_str(), &db.db, SQLITE_OPEN_READONLY, nullptr);
    if (rc != SQLITE_OK) {
        c.problem = sqliteProblem(rc, db.db, "cannot open");
        return c;
    }
    c.schemaVersion = int(queryInt(db.db, "PRAGMA user_version", &rc));
    int r1 = SQLITE_OK, r2 = SQLITE_OK, r3 = SQLITE_OK;
    c.events = queryInt(db.db, "SELECT count(*) FROM events", &r1);
    c.people = queryInt(db.db, "SELECT count(*) FROM people", &r2);
    c.notes = queryInt(db.db, "SELECT count(*) FROM notes", &r3);
    if (rc != SQLITE_OK || r1 != SQLITE_OK || r2 != SQLITE_OK || r3 != SQLITE_OK) {
        c.problem = std::string("unreadable: ") + sqlite3_errmsg(db.db);
        return c;
    }
    c.readable = true;
    return c;
}

int validateBackup(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) throw StoreError("no backup file at " + path);
    std::string notOurs = path + " is not a Hallway database";
    if (!hasSqliteHeader(path)) throw StoreError(notOurs + " (not an SQLite file)");
    Handle src;
    int rc = sqlite3_open_v2(path.c_str(), &src.db, SQLITE_OPEN_READONLY, nullptr);
    if (rc != SQLITE_OK) throw StoreError(sqliteProblem(rc, src.db, "cannot open " + path));
    std::string check = queryText(src.db, "PRAGMA integrity_check", &rc);
    if ((rc & 0xff) == SQLITE_NOTADB) throw StoreError(notOurs + " (not an SQLite file)");
    if (rc != SQLITE_OK || check != "ok")
        throw StoreError(path + " is damaged (" + (check.empty() ? sqlite3_errmsg(src.db) : check) +
                         "); refusing to restore it");
    int version = int(queryInt(src.db, "PRAGMA user_version", &rc));
    if (version > schema::latestVersion())
        throw StoreError(path + " was written by a newer Hallway (schema " + std::to_string(version) +
                         ", this build knows " + std::to_string(schema::latestVersion()) +
                         "); refusing to restore it");
    if (version <= 0) throw StoreError(notOurs + " (an SQLite file without Hallway's schema version)");
    auto have = tableShape(src.db);
    auto want = expectedShape(version);
    for (const auto& [table, columns] : want) {
        auto it = have.find(table);
        if (it == have.end())
            throw StoreError(notOurs + " (no table " + table + " for schema " + std::to_string(version) + ")");
        if (it->second != columns)
            throw StoreError(notOurs + " (table " + table + " has other columns than schema " +
                             std::to_string(version) + ")");
    }
    for (const auto& [table, columns] : have)
        if (!want.count(table)) throw StoreError(notOurs + " (a table " + table + " Hallway does not have)");
    return version;
}

namespace {

// The live file is unreadable: move it (and its companions) into the backups
// folder as it is, then put a copy of the backup in its place.
void replaceDamaged(const std::string& dbPath, sqlite3* backup, RestoreReport& report) {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    makePrivateFolder(backupFolder(dbPath));
    std::string aside = (fs::path(backupFolder(dbPath)) / (std::string("hallway-") + stamp + "-damaged.db")).string();
    for (int n = 2; fs::exists(aside); ++n)
        aside = (fs::path(backupFolder(dbPath)) /
                 (std::string("hallway-") + stamp + "-" + std::to_string(n) + "-damaged.db")).string();
    std::string fresh = tempName(dbPath);
    copyToFile(backup, fresh);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::string from = dbPath + suffix;
        if (::access(from.c_str(), F_OK) != 0) continue;
        if (::rename(from.c_str(), (aside + suffix).c_str()) != 0) {
            std::error_code ec;
            fs::remove(fresh, ec);
            throw StoreError("cannot move the damaged " + from + " aside: " + std::strerror(errno));
        }
    }
    if (::rename(fresh.c_str(), dbPath.c_str()) != 0)
        throw StoreError("cannot put the restored copy in place at " + dbPath + ": " + std::strerror(errno) +
                         "; it is at " + fresh + ", the damaged database at " + aside);
    // The copy is in DELETE journal mode; the next Store open turns WAL back on.
    report.safetyBackup = aside;
    report.replacedDamaged = true;
}

// Replaces every table, index and trigger of `main` with those of `b`, in the
// transaction the caller holds.
void swapContents(sqlite3* db, int version) {
    const std::string what = "restoring";
    struct Object {
        std::string type, name, sql;
    };
    auto objects = [&](const char* schemaName) {
        std::vector<Object> out;
        sqlite3_stmt* st = nullptr;
        std::string q = std::string("SELECT type, name, coalesce(sql, '') FROM ") + schemaName +
                        ".sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid";
        sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr);
        while (st && sqlite3_step(st) == SQLITE_ROW) {
            auto col = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i))); };
            out.push_back({col(0), col(1), col(2)});
        }
        sqlite3_finalize(st);
        return out;
    };
    auto isVirtual = [](const Object& o) { return o.sql.rfind("CREATE VIRTUAL TABLE", 0) == 0; };
    auto live = objects("main");
    for (const auto& o : live)
        if (o.type == "trigger" || o.type == "view") execOrThrow(db, "DROP " + o.type + " IF EXISTS main." + quoted(o.name), what);
    for (const auto& o : live)  // a virtual table takes its shadow tables with it
        if (o.type == "table" && isVirtual(o)) execOrThrow(db, "DROP TABLE IF EXISTS main." + quoted(o.name), what);
    for (const auto& o : live)
        if (o.type == "table" && !isVirtual(o)) execOrThrow(db, "DROP TABLE IF EXISTS main." + quoted(o.name), what);

    auto saved = objects("b");
    std::set<std::string> created;
    for (const auto& o : saved)
        if (o.type == "table" && isVirtual(o)) execOrThrow(db, o.sql, what);
    for (const auto& o : saved) {
        if (o.type != "table" || isVirtual(o)) continue;
        bool exists = queryInt(db, ("SELECT count(*) FROM main.sqlite_master WHERE name = '" + o.name + "'").c_str());
        if (exists) execOrThrow(db, "DELETE FROM main." + quoted(o.name), what);  // a shadow table
        else execOrThrow(db, o.sql, what);
        execOrThrow(db, "INSERT INTO main." + quoted(o.name) + " SELECT * FROM b." + quoted(o.name), what);
    }
    if (queryInt(db, "SELECT count(*) FROM b.sqlite_master WHERE name = 'sqlite_sequence'") &&
        queryInt(db, "SELECT count(*) FROM main.sqlite_master WHERE name = 'sqlite_sequence'")) {
        execOrThrow(db, "DELETE FROM main.sqlite_sequence", what);
        execOrThrow(db, "INSERT INTO main.sqlite_sequence SELECT * FROM b.sqlite_sequence", what);
    }
    for (const auto& o : saved)
        if ((o.type == "index" || o.type == "trigger" || o.type == "view") && !o.sql.empty()) execOrThrow(db, o.sql, what);
    execOrThrow(db, "PRAGMA main.user_version = " + std::to_string(version), what);
}

}  // namespace

RestoreReport restoreDatabase(const std::string& dbPath, const std::string& backupPath) {
    if (dbPath.empty() || dbPath == ":memory:") throw StoreError("an in-memory database has no backups");
    if (sameFile(dbPath, backupPath)) throw StoreError("refusing to restore " + dbPath + " from itself");
    RestoreReport report;
    report.restoredFrom = backupPath;
    report.schemaVersion = validateBackup(backupPath);

    Handle src;
    int rc = sqlite3_open_v2(backupPath.c_str(), &src.db, SQLITE_OPEN_READONLY, nullptr);
    if (rc != SQLITE_OK) throw StoreError(sqliteProblem(rc, src.db, "cannot open " + backupPath));

    std::error_code ec;
    fs::path db(dbPath);
    makePrivateFolder(fs::absolute(db).parent_path());
    if (!fs::exists(db, ec) || fs::file_size(db, ec) == 0) {
        // Nothing to keep: the copy becomes the database.
        for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(dbPath + suffix, ec);
        std::string fresh = tempName(dbPath);
        copyToFile(src.db, fresh);
        if (::rename(fresh.c_str(), dbPath.c_str()) != 0)
            throw StoreError("cannot put the restored copy in place at " + dbPath + ": " + std::strerror(errno));
        return report;
    }

    Handle live;
    rc = sqlite3_open_v2(dbPath.c_str(), &live.db, SQLITE_OPEN_READWRITE, nullptr);
    if (rc != SQLITE_OK) throw StoreError(sqliteProblem(rc, live.db, "cannot open " + dbPath));
    sqlite3_busy_timeout(live.db, 10000);
    std::string health = hasSqliteHeader(dbPath) ? queryText(live.db, "PRAGMA quick_check", &rc) : "not an SQLite file";
    if ((rc & 0xff) == SQLITE_BUSY) throw StoreError(sqliteProblem(rc, nullptr, dbPath));
    if (health != "ok") {
        sqlite3_close_v2(live.db);
        live.db = nullptr;
        replaceDamaged(dbPath, src.db, report);
        return report;
    }

    {
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(live.db, "ATTACH ? AS b", -1, &st, nullptr);
        sqlite3_bind_text(st, 1, backupPath.c_str(), -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) throw StoreError(sqliteProblem(rc, live.db, "cannot read " + backupPath));
    }
    // The write lock first: a note committed from now on waits and lands in
    // the restored database; one committed before is in the safety copy.
    execOrThrow(live.db, "BEGIN IMMEDIATE", dbPath);
    try {
        Handle reader;
        rc = sqlite3_open_v2(dbPath.c_str(), &reader.db, SQLITE_OPEN_READONLY, nullptr);
        if (rc != SQLITE_OK) throw StoreError(sqliteProblem(rc, reader.db, "cannot open " + dbPath));
        report.safetyBackup = automaticBackupFrom(reader.db, dbPath, "before-restore");
        swapContents(live.db, report.schemaVersion);
        execOrThrow(live.db, "COMMIT", "restoring " + dbPath);
    } catch (...) {
        sqlite3_exec(live.db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    sqlite3_exec(live.db, "DETACH b", nullptr, nullptr, nullptr);
    return report;
}

}  // namespace hallway
