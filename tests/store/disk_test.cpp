// A read-only database or a full disk gives a clear error and corrupts
// nothing. Uses a small tmpfs (we may be root, for whom chmod does not make a
// file read-only); prints a WARN line and skips when mounting is not allowed.
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "services/import_service.h"
#include "store/agenda_repo.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::TempDir;
using hallway::testing::testData;

namespace {

// A tmpfs of `size` mounted on a fresh folder, unmounted with the object.
struct SmallDisk {
    TempDir dir;
    bool mounted = false;
    explicit SmallDisk(const char* size) {
        std::string options = std::string("size=") + size + ",mode=0700";
        mounted = ::mount("tmpfs", dir.path().c_str(), "tmpfs", 0, options.c_str()) == 0;
        if (!mounted)
            std::printf("WARN: cannot mount a tmpfs here (%s); skipping this disk test\n", std::strerror(errno));
    }
    ~SmallDisk() {
        if (mounted) ::umount2(dir.path().c_str(), MNT_DETACH);
    }
    bool remountReadOnly() {
        return ::mount("tmpfs", dir.path().c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0;
    }
};

std::string integrity(const std::string& db) {
    sqlite3* h = nullptr;
    // immutable: reads a WAL file on a read-only disk without needing its -shm.
    std::string uri = "file:" + db + "?immutable=1";
    REQUIRE(sqlite3_open_v2(uri.c_str(), &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

void writeBigFrab(const std::string& path, int sessions) {
    std::ofstream out(path);
    out << "<?xml version=\"1.0\"?>\n<schedule><conference><title>Too Big</title></conference>"
           "<day date=\"2025-03-01\" index=\"1\"><room name=\"A\">\n";
    std::string filler(400, 'x');
    for (int i = 0; i < sessions; ++i)
        out << "<event id=\"" << i + 1 << "\" guid=\"g" << i << "\"><date>2025-03-01T09:00:00+00:00</date>"
            << "<start>09:00</start><duration>00:30</duration><room>A</room><title>Talk " << i
            << "</title><abstract>" << filler << i << "</abstract></event>\n";
    out << "</room></day></schedule>\n";
}

}  // namespace

TEST_CASE("a read-only database refuses writes with a clear message and stays intact", "[store][disk]") {
    SmallDisk disk("8m");
    if (!disk.mounted) return;
    std::string db = (disk.dir.path() / "h.db").string();
    {
        Store store(db);
        importAgendaFile(store, testData("reimport/v1.xml"), {});
    }
    REQUIRE(disk.remountReadOnly());
    std::string message;
    try {
        Store store(db);
        auto events = AgendaRepo(store).listEvents();
        REQUIRE(events.size() == 1);
        AgendaRepo(store).setStarred(AgendaRepo(store).sessions(events[0].event.id)[0].id, true);
        FAIL("a write to a read-only database succeeded");
    } catch (const std::exception& e) {
        message = e.what();
    }
    INFO(message);
    CHECK_THAT(message, Catch::StartsWith("the database " + db + " is read-only: nothing of this change was saved"));
    CHECK(integrity(db) == "ok");
}

TEST_CASE("an import that does not fit on the disk fails clearly and keeps the earlier data", "[store][disk]") {
    SmallDisk disk("3m");
    if (!disk.mounted) return;
    TempDir elsewhere;
    std::string big = elsewhere.file("big.xml");
    writeBigFrab(big, 20000);
    std::string db = (disk.dir.path() / "h.db").string();
    Store store(db);
    importAgendaFile(store, testData("reimport/v1.xml"), {});
    auto before = AgendaRepo(store).sessions(AgendaRepo(store).listEvents()[0].event.id);
    std::string message;
    try {
        importAgendaFile(store, big, {});
        FAIL("a 20,000-session import fitted in 3 MiB");
    } catch (const std::exception& e) {
        message = e.what();
    }
    INFO(message);
    // Our sentence, not SQLite's "database or disk is full".
    CHECK_THAT(message, Catch::StartsWith("the disk is full: nothing of this change was saved; the data already in " +
                                          db + " is intact"));
    CHECK(AgendaRepo(store).listEvents().size() == 1);
    CHECK(AgendaRepo(store).sessions(AgendaRepo(store).listEvents()[0].event.id).size() == before.size());
    CHECK(integrity(db) == "ok");
}

// A real full disk: a small tmpfs filled to the last byte after the database
// was closed. A normal open wants a -shm file and is refused; opened to write
// nothing, the database reads fully and nothing is created beside it.
TEST_CASE("on a full disk the database opens to read without writing a byte", "[store][disk]") {
    SmallDisk disk("2m");
    if (!disk.mounted) return;
    std::string db = (disk.dir.path() / "h.db").string();
    {
        Store store(db);
        importAgendaFile(store, testData("reimport/v1.xml"), {});
    }
    REQUIRE_FALSE(std::filesystem::exists(db + "-shm"));
    {
        std::ofstream fill(disk.dir.path() / "filler", std::ios::binary);
        std::string block(4096, 'x');
        while (fill.write(block.data(), std::streamsize(block.size())) && fill.flush()) {}
    }
    std::string refused;
    try {
        Store store(db);
        AgendaRepo(store).listEvents();
    } catch (const StorageRefused& e) {
        refused = e.what();
    }
    INFO(refused);
    CHECK_THAT(refused, Catch::StartsWith("the disk is full"));
    std::filesystem::remove(db + "-shm");  // what the refused open left, empty
    std::filesystem::remove(db + "-wal");

    Store::OpenOptions quiet;
    quiet.create = false;
    quiet.writesNothing = true;
    Store store(db, quiet);
    auto events = AgendaRepo(store).listEvents();
    REQUIRE(events.size() == 1);
    CHECK(AgendaRepo(store).sessions(events[0].event.id).size() == 5);
    CHECK_FALSE(std::filesystem::exists(db + "-shm"));
    CHECK_THROWS_WITH(AgendaRepo(store).setStarred(AgendaRepo(store).sessions(events[0].event.id)[0].id, true),
                      Catch::Contains("read-only"));
    CHECK(integrity(db) == "ok");
}
