// Backups: online copies, automatic ones before imports and migrations,
// rotation, and restore refusing files that are not ours.
#include <sqlite3.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "core/import_service.h"
#include "core/people_service.h"
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
    return store.createEvent(e);
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

TEST_CASE("imports back up first, but not an empty or in-memory database", "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    Store store(db);
    importAgendaFile(store, testData("reimport/v1.xml"), {});
    CHECK(listBackups(db).empty());  // nothing to lose before the first import

    importAgendaFile(store, testData("reimport/v2.xml"), {});
    auto list = listBackups(db);
    REQUIRE(list.size() == 1);
    CHECK(fs::path(list[0].path).filename().string().find("-agenda-import") != std::string::npos);
    CHECK(fs::path(list[0].path).parent_path() == fs::path(dir.file("backups")));
    CHECK(mode(list[0].path) == 0600);
    CHECK(count(list[0].path, "SELECT count(*) FROM sessions") > 0);

    importContactsFile(store, testData("people/Connections.csv"), {});
    list = listBackups(db);
    REQUIRE(list.size() == 2);
    CHECK(list[1].path.find("-contacts-import") != std::string::npos);

    Store memory(":memory:");
    addEvent(memory, "x");
    CHECK_NOTHROW(backupBeforeWrite(memory, "import"));
}

TEST_CASE("automatic backups keep only the newest ten", "[store][backup]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    Store store(db);
    RowId first = addEvent(store, "event 0");
    std::string oldest = takeAutomaticBackup(store, "manual");
    for (int i = 1; i < kKeptBackups + 3; ++i) {
        addEvent(store, "event " + std::to_string(i));
        takeAutomaticBackup(store, "manual");
    }
    auto list = listBackups(db);
    REQUIRE(int(list.size()) == kKeptBackups);
    CHECK(!fs::exists(oldest));
    // The newest holds every event; names differ even within one second.
    CHECK(count(list.back().path, "SELECT count(*) FROM events") == kKeptBackups + 3);
    CHECK(first > 0);
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
    CHECK(store.listEvents().size() == 1);
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
    CHECK(live.listEvents().size() == 1);
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
        CHECK(store.listEvents().size() == 1);
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
    REQUIRE(store.listEvents().size() == 1);
    CHECK(store.listEvents()[0].event.name == "From v1");
}
