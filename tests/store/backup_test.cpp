// Backups: online copies, automatic ones before imports and migrations,
// rotation, and restore refusing files that are not ours.
#include <sqlite3.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "services/import_service.h"
#include "services/people_service.h"
#include "store/agenda_repo.h"
#include "store/backup.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::TempDir;
using hallway::testing::testData;
namespace fs = std::filesystem;

namespace {

long long count(const std::string& path, const char* sqlText) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sqlText, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

std::string text(const std::string& path, const char* sqlText) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sqlText, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

void execRaw(const std::string& path, const std::string& sqlText) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* msg = nullptr;
    int rc = sqlite3_exec(db, sqlText.c_str(), nullptr, nullptr, &msg);
    INFO((msg ? msg : ""));
    sqlite3_free(msg);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

int mode(const std::string& path) {
    struct stat st {};
    REQUIRE(stat(path.c_str(), &st) == 0);
    return int(st.st_mode & 0777);
}

size_t filesIn(const std::string& dir) {
    std::error_code ec;
    size_t n = 0;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) ++n;
    return n;
}

RowId addEvent(Store& store, const std::string& name) {
    Event e;
    e.name = name;
    return AgendaRepo(store).createEvent(e);
}

}  // namespace

TEST_CASE("backupDatabase writes a consistent owner-only copy and no temporary file", "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    Store store(db);
    addEvent(store, "FOSDEM");
    std::string copy = dir.file("copies/one.db");
    backupDatabase(store, copy);
    CHECK(mode(copy) == 0600);
    CHECK(count(copy, "SELECT count(*) FROM events WHERE name='FOSDEM'") == 1);
    CHECK(count(copy, "PRAGMA user_version") == Store::latestSchemaVersion());
    CHECK(filesIn(dir.file("copies")) == 1);  // no .tmp or -journal left behind
    CHECK_THROWS_AS(backupDatabase(store, db), StoreError);
}

TEST_CASE("imports take a rolling copy once parsed, daily or for a large change, never for a failure",
          "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    Store store(db);
    importAgendaFile(store, testData("reimport/v1.xml"), {});
    CHECK(listBackups(db).empty());  // nothing to lose before the first import

    // No backup yet: the first write to a database with data takes the daily copy.
    importAgendaFile(store, testData("reimport/v2.xml"), {});
    auto list = listBackups(db);
    REQUIRE(list.size() == 1);
    CHECK(list[0].reason == "daily");
    CHECK(fs::path(list[0].path).parent_path() == fs::path(dir.file("h.db.backups")));
    CHECK(mode(list[0].path) == 0600);
    CHECK(count(list[0].path, "SELECT count(*) FROM sessions") > 0);

    // Within the day, a small change takes none...
    CHECK(backupBeforeLargeChange(store, "contacts-import", 1).empty());
    // ...a large one does (unless this state is saved already).
    addEvent(store, "changed since");
    std::string large = backupBeforeLargeChange(store, "contacts-import", 100000);
    CHECK(large.find("-contacts-import.db") != std::string::npos);
    CHECK(backupBeforeLargeChange(store, "contacts-import", 100000).empty());  // same state: no second copy

    // A file that fails to parse never gets as far as a backup.
    for (int i = 0; i < 10; ++i) CHECK_THROWS(importAgendaFile(store, testData("bad/empty.xml"), {}));
    for (int i = 0; i < 10; ++i) CHECK_THROWS(importContactsFile(store, testData("bad/empty.xml"), {}));
    CHECK(listBackups(db).size() == 2);

    Store memory(":memory:");
    addEvent(memory, "x");
    CHECK(backupBeforeLargeChange(memory, "import", 100000).empty());
}

TEST_CASE("rotation keeps manual backups and the newest of each kind", "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    Store store(db);
    addEvent(store, "event 0");
    std::string manual = takeAutomaticBackup(store, "manual");
    addEvent(store, "event 1");
    std::string daily = takeAutomaticBackup(store, "daily");
    std::string oldestMigration;
    for (int i = 0; i < kKeptBackups + 5; ++i) {
        addEvent(store, "event " + std::to_string(i + 2));
        std::string made = takeAutomaticBackup(store, "schema-v7-to-v8");
        if (i == 0) oldestMigration = made;
    }
    auto list = listBackups(db);
    int automatic = 0;
    for (auto& b : list) automatic += !b.manual;
    CHECK(automatic == kKeptBackups);
    CHECK(fs::exists(manual));  // never rotated away
    CHECK(fs::exists(daily));   // the only one of its kind
    CHECK(!fs::exists(oldestMigration));
    CHECK(list.front().path == manual);
    // The newest holds every event; names differ even within one second.
    CHECK(count(list.back().path, "SELECT count(*) FROM events") == kKeptBackups + 7);
}

TEST_CASE("each database in a folder has its own backups", "[store][backup]") {
    TempDir dir;
    Store a(dir.file("a.db")), b(dir.file("b.db"));
    addEvent(a, "A");
    addEvent(b, "B");
    takeAutomaticBackup(a, "manual");
    REQUIRE(listBackups(dir.file("a.db")).size() == 1);
    CHECK(listBackups(dir.file("b.db")).empty());
    CHECK(backupFolder(dir.file("a.db")) != backupFolder(dir.file("b.db")));
}

TEST_CASE("a crash's temporary backup files are removed at the next open", "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    { Store store(db); }
    fs::create_directories(backupFolder(db));
    // pid 1 is alive; a pid past pid_max never is.
    std::string stale = backupFolder(db) + "/hallway-20260101-120000-daily.db.tmp-99999999-0";
    std::string live = backupFolder(db) + "/hallway-20260101-120000-daily.db.tmp-1-0";
    hallway::testing::writeFile(stale, "half a backup");
    hallway::testing::writeFile(live, "being written");
    { Store store(db); }
    CHECK(!fs::exists(stale));
    CHECK(fs::exists(live));
}

TEST_CASE("inspectBackup says what a copy holds", "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    Store store(db);
    addEvent(store, "One");
    addEvent(store, "Two");
    std::string copy = takeAutomaticBackup(store, "manual");
    BackupContents c = inspectBackup(copy);
    CHECK(c.readable);
    CHECK(c.events == 2);
    CHECK(c.people == 0);
    CHECK(c.notes == 0);
    CHECK(c.schemaVersion == Store::latestSchemaVersion());
    hallway::testing::writeFile(dir.file("junk.db"), "not sqlite");
    CHECK(!inspectBackup(dir.file("junk.db")).readable);
}

TEST_CASE("opening an older database backs it up before migrating", "[store][backup][migration]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    {
        Store::OpenOptions old;
        old.migrateTo = 1;
        Store store(db, old);
        addEvent(store, "Old event");
    }
    { Store store(db); }
    auto list = listBackups(db);
    REQUIRE(list.size() == 1);
    CHECK(list[0].path.find("schema-v1-to-v" + std::to_string(Store::latestSchemaVersion())) != std::string::npos);
    CHECK(count(list[0].path, "PRAGMA user_version") == 1);
    CHECK(count(list[0].path, "SELECT count(*) FROM events") == 1);
    { Store again(db); }
    CHECK(listBackups(db).size() == 1);  // already current: no new backup
}

TEST_CASE("restore brings a backup back and keeps the replaced database", "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string saved = dir.file("saved.db");
    {
        Store store(db);
        addEvent(store, "Before");
        backupDatabase(store, saved);
        addEvent(store, "After");
    }
    RestoreReport r = restoreDatabase(db, saved);
    CHECK(r.schemaVersion == Store::latestSchemaVersion());
    REQUIRE(!r.safetyBackup.empty());
    CHECK(count(r.safetyBackup, "SELECT count(*) FROM events") == 2);
    Store store(db);
    CHECK(AgendaRepo(store).listEvents().size() == 1);
    CHECK(mode(db) == 0600);
}

TEST_CASE("restore works while another connection has the database open", "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string saved = dir.file("saved.db");
    Store live(db);
    addEvent(live, "One");
    backupDatabase(live, saved);
    addEvent(live, "Two");
    addEvent(live, "Three");
    restoreDatabase(db, saved);
    CHECK(AgendaRepo(live).listEvents().size() == 1);
}

TEST_CASE("restore refuses files that are not Hallway databases, with the reason", "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    {
        Store store(db);
        addEvent(store, "Keep me");
    }
    auto refused = [&](const std::string& file, const std::string& reason) {
        try {
            restoreDatabase(db, file);
            FAIL("restore accepted " << file);
        } catch (const StoreError& e) {
            CHECK_THAT(e.what(), Catch::Contains(reason));
        }
        Store store(db);
        CHECK(AgendaRepo(store).listEvents().size() == 1);
    };

    hallway::testing::writeFile(dir.file("letter.txt"), "Dear Ana,\nthis is not a database at all.\n");
    refused(dir.file("letter.txt"), "not a Hallway database (not an SQLite file)");

    execRaw(dir.file("other.db"), "CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES ('soup')");
    refused(dir.file("other.db"), "not a Hallway database");

    execRaw(dir.file("newer.db"), "CREATE TABLE events(id INTEGER PRIMARY KEY); PRAGMA user_version = " +
                                      std::to_string(Store::latestSchemaVersion() + 1));
    refused(dir.file("newer.db"), "newer Hallway");

    refused(dir.file("missing.db"), "no backup file");
    CHECK(listBackups(db).empty());  // a refused restore touches nothing
}

TEST_CASE("restore of an older backup is upgraded when next opened", "[store][backup][migration]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string old = dir.file("old.db");
    {
        Store::OpenOptions o;
        o.migrateTo = 1;
        Store store(old, o);
        addEvent(store, "From v1");
    }
    { Store store(db); }
    RestoreReport r = restoreDatabase(db, old);
    CHECK(r.schemaVersion == 1);
    CHECK(r.safetyBackup.empty() == false);
    Store store(db);
    CHECK(store.schemaVersion() == Store::latestSchemaVersion());
    REQUIRE(AgendaRepo(store).listEvents().size() == 1);
    CHECK(AgendaRepo(store).listEvents()[0].event.name == "From v1");
}

TEST_CASE("restore refuses a foreign SQLite file that merely has an events table", "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    {
        Store store(db);
        addEvent(store, "Keep me");
    }
    execRaw(dir.file("foreign.db"), "CREATE TABLE events(id INTEGER PRIMARY KEY, name TEXT); "
                                    "CREATE TABLE people(id INTEGER PRIMARY KEY); PRAGMA user_version = 3");
    CHECK_THROWS_WITH(restoreDatabase(db, dir.file("foreign.db")), Catch::Contains("is not a Hallway database"));
    Store store(db);
    REQUIRE(AgendaRepo(store).listEvents().size() == 1);
    CHECK(AgendaRepo(store).listEvents()[0].event.name == "Keep me");
}

TEST_CASE("restore repairs a truncated database, keeping the damaged file aside", "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string saved = dir.file("saved.db");
    {
        Store store(db);
        addEvent(store, "Saved");
        backupDatabase(store, saved);
        importContactsFile(store, testData("people/Connections.csv"), {});
    }
    auto size = fs::file_size(db);
    fs::resize_file(db, size / 2);
    CHECK_THROWS_AS(Store(db), DamagedDatabase);
    CHECK_THROWS_WITH(Store(db), Catch::Contains(db) && Catch::Contains("restore FILE"));

    RestoreReport r = restoreDatabase(db, saved);
    CHECK(r.replacedDamaged);
    CHECK(fs::file_size(r.safetyBackup) == size / 2);  // kept as it was
    Store store(db);
    REQUIRE(AgendaRepo(store).listEvents().size() == 1);
    CHECK(AgendaRepo(store).listEvents()[0].event.name == "Saved");
    CHECK(text(db, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("a damaged database opens read-only to save what it holds", "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    {
        Store store(db);
        addEvent(store, "Readable");
        importContactsFile(store, testData("people/Connections.csv"), {});
    }
    fs::resize_file(db, fs::file_size(db) - 4096);
    CHECK_THROWS_AS(Store(db), DamagedDatabase);
    Store::OpenOptions ro;
    ro.readOnly = true;
    Store store(db, ro);
    REQUIRE(AgendaRepo(store).findEvent(1));  // the pages still there are read
    CHECK(AgendaRepo(store).findEvent(1)->name == "Readable");
    CHECK_THROWS(addEvent(store, "never written"));
}

TEST_CASE("a note committed while a restore runs is in the restored database or the safety copy",
          "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string copy = dir.file("saved.db");
    {
        Store store(db);
        importContactsFile(store, testData("people/Connections.csv"), {});
        backupDatabase(store, copy);
    }
    std::atomic<bool> stop{false};
    std::vector<std::string> committed;
    std::atomic<int> saved{0};
    std::thread writer([&] {
        Store w(db);
        for (int i = 0; !stop && i < 5000; ++i) {
            std::string name = "written " + std::to_string(i);
            try {
                addEvent(w, name);
                committed.push_back(name);
                ++saved;
            } catch (const std::exception&) {
                // busy past the timeout: reported as not saved, which is allowed
            }
        }
    });
    while (saved < 20) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    RestoreReport r = restoreDatabase(db, copy);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stop = true;
    writer.join();
    REQUIRE(committed.size() > 20);
    int lost = 0;
    for (const auto& name : committed) {
        std::string q = "SELECT count(*) FROM events WHERE name = '" + name + "'";
        if (count(db, q.c_str()) + count(r.safetyBackup, q.c_str()) == 0) ++lost;
    }
    CHECK(lost == 0);
    CHECK(count(db, "SELECT count(*) FROM events WHERE name LIKE 'written %'") > 0);  // writes after it landed
}
