// The open-time integrity check: in the background for the app's first
// frames, once per file per process, and never a commit to a file that failed it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "core/startup_hold.h"
#include "services/people_service.h"
#include "store/agenda_repo.h"
#include "store/integrity.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::TempDir;
using hallway::testing::testData;
namespace fs = std::filesystem;

namespace {

RowId addEvent(Store& store, const std::string& name) {
    Event e;
    e.name = name;
    e.timeZone = "Europe/Brussels";
    return AgendaRepo(store).createEvent(e);
}

std::string bytesOf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

Store::OpenOptions inBackground() {
    Store::OpenOptions o;
    o.checkInBackground = true;
    return o;
}

void fillDatabase(const std::string& db, const Store::OpenOptions& options = {}) {
    Store store(db, options);
    addEvent(store, "Kept");
    importContactsFile(store, testData("people/Connections.csv"), {});
}

// A database whose last page is gone: every read fails, quick_check too.
void truncate(const std::string& db) { fs::resize_file(db, fs::file_size(db) - 4096); }

// A database whose last page is zeros: it opens and reads, quick_check fails.
void zeroLastPage(const std::string& db) {
    const auto size = fs::file_size(db);
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(std::streamoff(size - 4096));
    const std::string zeros(4096, '\0');
    f.write(zeros.data(), std::streamsize(zeros.size()));
}

}  // namespace

TEST_CASE("a background check lets a damaged file open but refuses every commit to it", "[store][integrity]") {
    TempDir dir;
    const std::string db = dir.file("h.db");
    fillDatabase(db);
    zeroLastPage(db);
    const std::string before = bytesOf(db);
    {
        Store store(db, inBackground());  // no throw: the verdict comes later
        CHECK(store.integrity(true) == Store::Integrity::Damaged);
        CHECK_THAT(store.integrityProblem(), Catch::Contains(db) && Catch::Contains("is damaged") &&
                                                 Catch::Contains("restore FILE"));
        CHECK_THROWS_WITH(addEvent(store, "never written"), Catch::Contains("is damaged") && Catch::Contains(db));
        // Another Store of this process shares the verdict and says so at open.
        CHECK_THROWS_AS(Store(db), DamagedDatabase);
    }
    CHECK(bytesOf(db) == before);  // not one byte written
}

TEST_CASE("a file too damaged to read says so at open, in the background too", "[store][integrity]") {
    TempDir dir;
    const std::string db = dir.file("h.db");
    fillDatabase(db);
    truncate(db);
    CHECK_THROWS_AS(Store(db, inBackground()), DamagedDatabase);
    CHECK_THROWS_WITH(Store(db, inBackground()), Catch::Contains(db) && Catch::Contains("restore FILE"));
}

TEST_CASE("a background check on a sound file: writes wait for its verdict, then go through",
          "[store][integrity]") {
    TempDir dir;
    const std::string db = dir.file("h.db");
    {
        Store store(db);
        for (int i = 0; i < 3; ++i) importContactsFile(store, testData("people/Connections.csv"), {});
    }
    Store store(db, inBackground());
    const RowId id = addEvent(store, "Written");
    CHECK(store.integrity() == Store::Integrity::Sound);  // the commit waited for the verdict
    CHECK(store.integrityProblem().empty());
    REQUIRE(AgendaRepo(store).findEvent(id));
    CHECK(AgendaRepo(store).findEvent(id)->name == "Written");
}

TEST_CASE("Stores of one process open on one file share one integrity check", "[store][integrity]") {
    TempDir dir;
    const std::string db = dir.file("h.db");
    { Store store(db); }
    const int before = IntegrityVerdict::checksStarted();
    {
        Store window(db, inBackground());
        Store refresh(db);
        Store sync(db);
        CHECK(IntegrityVerdict::checksStarted() - before == 1);
        CHECK(sync.integrity() == Store::Integrity::Sound);
    }
    // None open any more: the next open checks the file again.
    Store later(db);
    CHECK(IntegrityVerdict::checksStarted() - before == 2);
}

TEST_CASE("a migration waits for the background check: a damaged old file is not migrated",
          "[store][integrity]") {
    TempDir dir;
    const std::string db = dir.file("h.db");
    Store::OpenOptions old;
    old.migrateTo = Store::latestSchemaVersion() - 1;
    fillDatabase(db, old);
    truncate(db);
    const std::string before = bytesOf(db);
    auto copies = [&db] {
        std::error_code ec;
        auto files = fs::directory_iterator(db + ".backups", ec);
        return ec ? 0 : std::distance(files, fs::directory_iterator());
    };
    const auto copiesBefore = copies();
    CHECK_THROWS_AS(Store(db, inBackground()), DamagedDatabase);
    CHECK(bytesOf(db) == before);
    CHECK(copies() == copiesBefore);  // no safety copy of a damaged file either
}

TEST_CASE("a held background check waits for the first frame, or starts when a write needs its verdict",
          "[store][integrity]") {
    TempDir dir;
    const std::string db = dir.file("h.db");
    fillDatabase(db);
    const auto pollUntilDecided = [](Store& store) {
        for (int i = 0; i < 400 && store.integrity() == Store::Integrity::Checking; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        return store.integrity();
    };
    SECTION("released by the app after its first frame") {
        startup_hold::close();
        Store store(db, inBackground());
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        CHECK(store.integrity() == Store::Integrity::Checking);  // held: not started
        startup_hold::open();
        CHECK(pollUntilDecided(store) == Store::Integrity::Sound);
    }
    SECTION("a write does not wait for the hold") {
        startup_hold::close();
        Store store(db, inBackground());
        const RowId id = addEvent(store, "Written");  // its commit starts the check at once
        CHECK(store.integrity() == Store::Integrity::Sound);
        CHECK(AgendaRepo(store).findEvent(id));
    }
    startup_hold::open();
}
