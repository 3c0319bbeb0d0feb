// Nothing typed is ever lost: a writer killed mid-stream keeps every note it
// reported saved, and two writers at once both succeed.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <set>
#include <string>

#include "store/notes_repo.h"
#include "store/store.h"
#include "process_support.h"
#include "test_support.h"

using namespace hallway;

namespace {

using Child = hallway::testing::ChildProcess;

Child spawnWriter(const std::string& db, int count, const std::string& tag) {
    return hallway::testing::spawnWithPipe(HALLWAY_NOTE_WRITER, {db, std::to_string(count), tag});
}

std::string integrity(const std::string& db) { return hallway::testing::scalarText(db, "PRAGMA integrity_check"); }

}  // namespace

TEST_CASE("a writer killed with SIGKILL mid-stream keeps every note it reported saved", "[capture][crash]") {
    hallway::testing::TempDir dir;
    std::string db = dir.file("h.db");
    { Store init(db); }
    Child child = spawnWriter(db, 100000, "kill");
    std::set<long long> reported;
    char line[64];
    while (reported.size() < 300 && std::fgets(line, sizeof line, child.out)) reported.insert(std::atoll(line));
    kill(child.pid, SIGKILL);
    // Ids printed before the kill but not yet read are also saved: drain them.
    while (std::fgets(line, sizeof line, child.out)) reported.insert(std::atoll(line));
    fclose(child.out);
    int status = 0;
    waitpid(child.pid, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    REQUIRE(reported.size() >= 300);

    CHECK(integrity(db) == "ok");
    Store store(db);
    NotesRepo notes(store);
    int missing = 0;
    for (long long id : reported)
        if (!notes.findNote(id)) ++missing;
    CHECK(missing == 0);
    CHECK(notes.countNotes() >= int(reported.size()));
    // Every saved note carries its parsed item: note and items commit together.
    for (long long id : reported) {
        auto items = notes.items(id);
        REQUIRE(items.size() == 1);
        CHECK(items[0].kind == "promise");
    }
}

TEST_CASE("two processes writing notes at once both succeed", "[capture][concurrency]") {
    hallway::testing::TempDir dir;
    std::string db = dir.file("h.db");
    { Store init(db); }
    const int perWriter = 200;
    Child a = spawnWriter(db, perWriter, "gui");
    Child b = spawnWriter(db, perWriter, "cli");
    std::set<long long> ids;
    char line[64];
    for (Child* c : {&a, &b}) {
        while (std::fgets(line, sizeof line, c->out)) ids.insert(std::atoll(line));
        fclose(c->out);
    }
    int statusA = 0, statusB = 0;
    waitpid(a.pid, &statusA, 0);
    waitpid(b.pid, &statusB, 0);
    CHECK(WIFEXITED(statusA));
    CHECK(WEXITSTATUS(statusA) == 0);
    CHECK(WIFEXITED(statusB));
    CHECK(WEXITSTATUS(statusB) == 0);
    CHECK(ids.size() == 2 * perWriter);
    Store store(db);
    CHECK(NotesRepo(store).countNotes() == 2 * perWriter);
    CHECK(integrity(db) == "ok");
}
