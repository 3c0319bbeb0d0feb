#include <sqlite3.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "store/agenda_repo.h"
#include "store/people_repo.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::TempDir;

namespace {

// Reads one integer with the raw C API, as an outside observer of the file.
long long scalar(const std::string& path, const char* sqlText) {
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

Session makeSession(RowId eventId, const std::string& sourceId, const std::string& title, Instant start) {
    Session s;
    s.eventId = eventId;
    s.sourceId = sourceId;
    s.title = title;
    s.startsAt = start;
    s.endsAt = start + 1800;
    s.room = "Room A";
    s.abstract = "About WebAssembly runtimes";
    return s;
}

}  // namespace

TEST_CASE("a new database is owner-only, in WAL mode, at the latest schema", "[store]") {
    TempDir dir;
    std::string path = dir.file("sub/folder/hallway.db");
    { Store store(path); }
    struct stat st {};
    REQUIRE(stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(text(path, "PRAGMA journal_mode") == "wal");
    CHECK(scalar(path, "PRAGMA user_version") == Store::latestSchemaVersion());
    CHECK(Store::latestSchemaVersion() >= 2);
    // The whole data model is there from the start.
    for (const char* table : {"events", "sessions", "people", "session_speakers", "targets", "notes", "interactions",
                              "follow_ups", "templates", "sessions_fts", "people_fts"}) {
        INFO(table);
        std::string q = std::string("SELECT count(*) FROM sqlite_master WHERE name='") + table + "'";
        CHECK(scalar(path, q.c_str()) == 1);
    }
}

TEST_CASE("the default path follows XDG_DATA_HOME, else ~/.local/share", "[store]") {
    const char* oldXdg = std::getenv("XDG_DATA_HOME");
    std::string saved = oldXdg ? oldXdg : "";
    setenv("XDG_DATA_HOME", "/tmp/xdg-data", 1);
    CHECK(Store::defaultPath() == "/tmp/xdg-data/hallway/hallway.db");
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/someone", 1);
    CHECK(Store::defaultPath() == "/home/someone/.local/share/hallway/hallway.db");
    if (oldXdg) setenv("XDG_DATA_HOME", saved.c_str(), 1);
}

TEST_CASE("foreign keys are enforced", "[store]") {
    Store store(":memory:");
    Session orphan = makeSession(4242, "x", "Orphan", 1000);
    CHECK_THROWS(AgendaRepo(store).insertSession(orphan));
}

TEST_CASE("a database made by migration 1 upgrades to the latest with its rows kept", "[store][migration]") {
    TempDir dir;
    std::string path = dir.file("old.db");
    RowId eventId = 0, sessionId = 0, personId = 0;
    {
        Store::OpenOptions options;
        options.migrateTo = 1;
        Store old(path, options);
        REQUIRE(old.schemaVersion() == 1);
        Event e;
        e.name = "Old Conf";
        e.timeZone = "Europe/Brussels";
        eventId = AgendaRepo(old).createEvent(e);
        sessionId =
            AgendaRepo(old).insertSession(makeSession(eventId, "s-1", "WebAssembly beyond the browser", 1738400000));
        Person p;
        p.displayName = "Žofia Nováková";
        p.source = "agenda";
        personId = PeopleRepo(old).create(p);
        AgendaRepo(old).setSessionSpeakers(sessionId, {personId});
        AgendaRepo(old).setStarred(sessionId, true);
    }
    CHECK(scalar(path, "PRAGMA user_version") == 1);

    Store upgraded(path);
    CHECK(upgraded.schemaVersion() == Store::latestSchemaVersion());
    auto session = AgendaRepo(upgraded).findSession(sessionId);
    REQUIRE(session);
    CHECK(session->title == "WebAssembly beyond the browser");
    CHECK(session->starred);
    REQUIRE(session->speakers.size() == 1);
    CHECK(session->speakers[0] == "Žofia Nováková");
    CHECK(AgendaRepo(upgraded).findEvent(eventId)->timeZone == "Europe/Brussels");
    // Rows written before the FTS step are searchable after it.
    SessionQuery q;
    q.search = "webassem";
    CHECK(AgendaRepo(upgraded).sessions(eventId, q).size() == 1);
    CHECK(scalar(path, "SELECT count(*) FROM people_fts WHERE people_fts MATCH 'Nov*'") == 1);
}

TEST_CASE("a database from a newer Hallway is refused and left alone", "[store][migration]") {
    TempDir dir;
    std::string path = dir.file("future.db");
    { Store store(path); }
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    try {
        Store store(path);
        FAIL("opened a newer database");
    } catch (const StoreError& e) {
        CHECK_THAT(e.what(), Catch::Contains("newer Hallway") && Catch::Contains("schema 99"));
    }
    CHECK(scalar(path, "PRAGMA user_version") == 99);
}

TEST_CASE("a file that is not a database gives a clear error and is not overwritten", "[store]") {
    TempDir dir;
    std::string path = dir.file("notes.txt");
    hallway::testing::writeFile(path, std::string(8192, 'x'));
    try {
        Store store(path);
        FAIL("opened a text file as a database");
    } catch (const StoreError& e) {
        CHECK_THAT(e.what(), Catch::Contains("is not a Hallway database"));
    }
    CHECK(hallway::testing::readFile(path) == std::string(8192, 'x'));
}

TEST_CASE("sessions filter by day, room, text and star", "[store]") {
    Store store(":memory:");
    Event e;
    e.name = "Filter Conf";
    e.timeZone = "America/New_York";
    RowId ev = AgendaRepo(store).createEvent(e);
    // 2025-03-01 23:30 in New York is already 2025-03-02 in UTC: the day is local.
    Instant lateEvening = 1740889800;  // 2025-03-02T04:30:00Z
    RowId a = AgendaRepo(store).insertSession(makeSession(ev, "a", "Late keynote", lateEvening));
    Session b = makeSession(ev, "b", "Morning coffee chat", lateEvening + 10 * 3600);
    b.room = "Hall B";
    b.abstract = "Café and croissants";
    RowId bId = AgendaRepo(store).insertSession(b);

    SessionQuery day1;
    day1.localDate = "2025-03-01";
    auto d1 = AgendaRepo(store).sessions(ev, day1);
    REQUIRE(d1.size() == 1);
    CHECK(d1[0].id == a);

    SessionQuery room;
    room.room = "hall b";
    REQUIRE(AgendaRepo(store).sessions(ev, room).size() == 1);

    SessionQuery accentless;
    accentless.search = "cafe";  // diacritics folded by the tokenizer
    REQUIRE(AgendaRepo(store).sessions(ev, accentless).size() == 1);
    CHECK(AgendaRepo(store).sessions(ev, accentless)[0].id == bId);

    SessionQuery punctuation;
    punctuation.search = "\"late\" (keynote*";  // user text never breaks the FTS syntax
    CHECK(AgendaRepo(store).sessions(ev, punctuation).size() == 1);

    CHECK(AgendaRepo(store).setStarred(bId, true));
    CHECK_FALSE(AgendaRepo(store).setStarred(99999, true));
    SessionQuery starred;
    starred.starredOnly = true;
    REQUIRE(AgendaRepo(store).sessions(ev, starred).size() == 1);

    AgendaRepo(store).markSessionRemoved(a, 5);
    CHECK(AgendaRepo(store).sessions(ev).size() == 1);
    SessionQuery withRemoved;
    withRemoved.includeRemoved = true;
    CHECK(AgendaRepo(store).sessions(ev, withRemoved).size() == 2);
}

TEST_CASE("a transaction that is not committed leaves nothing behind", "[store]") {
    Store store(":memory:");
    {
        Store::Transaction tx(store);
        Event e;
        e.name = "Never";
        AgendaRepo(store).createEvent(e);
    }
    CHECK(AgendaRepo(store).listEvents().empty());
}

TEST_CASE("bulk indexing: rows inserted while suspended are searchable after resume", "[store][fts]") {
    Store store(":memory:");
    Event e;
    e.name = "Bulk";
    RowId ev = AgendaRepo(store).createEvent(e);
    AgendaRepo(store).insertSession(makeSession(ev, "old", "Existing compiler talk", 1000));
    {
        Store::Transaction tx(store);
        store.suspendSearchIndexing();
        AgendaRepo(store).insertSession(makeSession(ev, "new", "Fresh compiler talk", 5000));
        Person p;
        p.displayName = "Zygmunt Bulkowski";
        PeopleRepo(store).create(p);
        store.resumeSearchIndexing();
        tx.commit();
    }
    SessionQuery q;
    q.search = "compiler";
    CHECK(AgendaRepo(store).sessions(ev, q).size() == 2);
    // Triggers are back: a row inserted now is indexed at once.
    AgendaRepo(store).insertSession(makeSession(ev, "later", "Late compiler talk", 9000));
    CHECK(AgendaRepo(store).sessions(ev, q).size() == 3);
    // The FTS index agrees with its content table.
    sql::Statement check(store.connection(), "INSERT INTO sessions_fts(sessions_fts) VALUES ('integrity-check')");
    CHECK_NOTHROW(check.run());
}

TEST_CASE("bulk indexing: a rolled-back import leaves the triggers in place", "[store][fts]") {
    Store store(":memory:");
    Event e;
    e.name = "Rollback";
    RowId ev = AgendaRepo(store).createEvent(e);
    {
        Store::Transaction tx(store);
        store.suspendSearchIndexing();
        AgendaRepo(store).insertSession(makeSession(ev, "lost", "Lost talk", 1000));
        // no commit: rolled back
    }
    AgendaRepo(store).insertSession(makeSession(ev, "kept", "Kept compiler talk", 2000));
    SessionQuery q;
    q.search = "compiler";
    CHECK(AgendaRepo(store).sessions(ev, q).size() == 1);
    SessionQuery all;
    CHECK(AgendaRepo(store).sessions(ev, all).size() == 1);
    // A second bulk round works after the rollback.
    {
        Store::Transaction tx(store);
        store.suspendSearchIndexing();
        AgendaRepo(store).insertSession(makeSession(ev, "bulk", "Bulk compiler talk", 3000));
        store.resumeSearchIndexing();
        tx.commit();
    }
    CHECK(AgendaRepo(store).sessions(ev, q).size() == 2);
}

namespace {
// An abstract of about 2 KB of varied words, as real agendas have: enough
// distinct terms that the index of a few hundred sessions passes 1 MiB.
std::string longAbstract(int seed) {
    static const char* const kSyllables[] = {"ka", "lo", "mi", "re", "tu", "sa", "vo", "ne", "pi", "da", "go", "fe"};
    std::string out;
    unsigned x = unsigned(seed) * 2654435761u + 1;
    while (out.size() < 2000) {
        x = x * 1103515245u + 12345u;
        int syllables = 2 + int(x >> 28) % 3;
        for (int k = 0; k < syllables; ++k) out += kSyllables[(x >> (4 * k + 8)) % 12];
        out += std::to_string((x >> 16) % 500) + " ";
    }
    return out;
}

// "batchaa", "batchab", ...: one word per import, none a prefix of another.
std::string batchWord(int n) { return std::string("batch") + char('a' + n / 26) + char('a' + n % 26); }

long long sessionIndexSegments(Store& store) {
    sql::Statement q(store.connection(), "SELECT count(DISTINCT segid) FROM sessions_fts_idx");
    q.step();
    return q.getInt(0);
}
}  // namespace

// Step 15's settings: what keeps an import into a large database from merging
// the whole index's old segments (hallway-bench --only backup-cost).
TEST_CASE("session index: a 600-session import is written as one segment", "[store][fts]") {
    Store store(":memory:");
    Event e;
    e.name = "Big";
    RowId ev = AgendaRepo(store).createEvent(e);
    {
        Store::Transaction tx(store);
        store.suspendSearchIndexing();
        for (int i = 0; i < 600; ++i) {
            Session s = makeSession(ev, "s" + std::to_string(i), "Talk " + std::to_string(i), 1000 + i * 1800);
            s.abstract = "WebAssembly " + longAbstract(i);
            AgendaRepo(store).insertSession(s);
        }
        store.resumeSearchIndexing();
        tx.commit();
    }
    // FTS5's default 1 MiB write buffer would have flushed this in several segments.
    CHECK(sessionIndexSegments(store) == 1);
    SessionQuery q;
    q.search = "WebAssembly";
    CHECK(AgendaRepo(store).sessions(ev, q).size() == 600);
}

TEST_CASE("session index: sessions of 40 small imports are all found, the index intact", "[store][fts]") {
    Store store(":memory:");
    Event e;
    e.name = "Many";
    RowId ev = AgendaRepo(store).createEvent(e);
    for (int round = 0; round < 40; ++round) {
        Store::Transaction tx(store);
        store.suspendSearchIndexing();
        for (int i = 0; i < 5; ++i) {
            Session s = makeSession(ev, "r" + std::to_string(round) + "-" + std::to_string(i),
                                    "Talk " + batchWord(round), 1000 + (round * 5 + i) * 1800);
            s.abstract = "WebAssembly " + longAbstract(round * 5 + i);
            AgendaRepo(store).insertSession(s);
        }
        store.resumeSearchIndexing();
        tx.commit();
    }
    // Merging in levels of 16 leaves fewer segments than imports, and loses nothing.
    CHECK(sessionIndexSegments(store) < 40);
    for (int round = 0; round < 40; ++round) {
        INFO("round " << round);
        SessionQuery q;
        q.search = batchWord(round);
        CHECK(AgendaRepo(store).sessions(ev, q).size() == 5);
    }
    SessionQuery all;
    all.search = "WebAssembly";
    CHECK(AgendaRepo(store).sessions(ev, all).size() == 200);
    sql::Statement check(store.connection(), "INSERT INTO sessions_fts(sessions_fts) VALUES ('integrity-check')");
    CHECK_NOTHROW(check.run());
}

namespace {
void importSessions(Store& store, RowId ev, int first, int count, const std::string& word) {
    Store::Transaction tx(store);
    store.suspendSearchIndexing();
    for (int i = first; i < first + count; ++i) {
        Session s = makeSession(ev, "s" + std::to_string(i), "Talk " + word, 1000 + i * 1800);
        s.abstract = "WebAssembly " + longAbstract(i);
        AgendaRepo(store).insertSession(s);
    }
    store.resumeSearchIndexing();
    tx.commit();
}

void checkSessionIndexIntact(Store& store) {
    sql::Statement check(store.connection(), "INSERT INTO sessions_fts(sessions_fts) VALUES ('integrity-check')");
    CHECK_NOTHROW(check.run());
}
}  // namespace

// Step 20: a bulk import leaves no merge for the next one to pay.
TEST_CASE("session index: a large import is merged into one segment, a small one after it is not", "[store][fts]") {
    Store store(":memory:");
    // A 64 KiB write buffer: 300 sessions flush it many times, as 20,000 do the 8 MiB one.
    store.connection().exec("INSERT INTO sessions_fts(sessions_fts, rank) VALUES ('hashsize', 65536)");
    Event e;
    e.name = "Big";
    RowId ev = AgendaRepo(store).createEvent(e);
    importSessions(store, ev, 0, 300, "batchaa");
    CHECK(sessionIndexSegments(store) == 1);
    // 2 sessions into 300: the old segment stays as it is, the new one beside it.
    importSessions(store, ev, 300, 2, "batchab");
    CHECK(sessionIndexSegments(store) == 2);
    SessionQuery all;
    all.search = "WebAssembly";
    CHECK(AgendaRepo(store).sessions(ev, all).size() == 302);
    SessionQuery first;
    first.search = "batchaa";
    CHECK(AgendaRepo(store).sessions(ev, first).size() == 300);
    SessionQuery second;
    second.search = "batchab";
    CHECK(AgendaRepo(store).sessions(ev, second).size() == 2);
    checkSessionIndexIntact(store);
}

TEST_CASE("session index: the import that fills a level of 16 segments merges it before it commits", "[store][fts]") {
    Store store(":memory:");
    Event e;
    e.name = "Many";
    RowId ev = AgendaRepo(store).createEvent(e);
    for (int round = 0; round < 15; ++round) importSessions(store, ev, round * 4, 4, batchWord(round));
    // Fewer than 16 on the level: nothing merged, each import one segment.
    CHECK(sessionIndexSegments(store) == 15);
    importSessions(store, ev, 60, 4, batchWord(15));
    CHECK(sessionIndexSegments(store) == 1);
    // The next import starts a new level below it and merges nothing.
    importSessions(store, ev, 64, 4, batchWord(16));
    CHECK(sessionIndexSegments(store) == 2);
    for (int round = 0; round < 17; ++round) {
        INFO("round " << round);
        SessionQuery q;
        q.search = batchWord(round);
        CHECK(AgendaRepo(store).sessions(ev, q).size() == 4);
    }
    checkSessionIndexIntact(store);
}
