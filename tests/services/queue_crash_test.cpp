// Follow-up queue generation killed with SIGKILL at any moment leaves the
// queue with all of that run's items or none of them, a database passing
// integrity_check, and a next run that completes and adds exactly the rest.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "core/followup.h"
#include "process_support.h"
#include "services/followup_service.h"
#include "store/agenda_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::scalar;
using hallway::testing::scalarText;
using hallway::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const char* const kToday = "2025-03-10";

// An event with `met` people met and `noteCount` notes, each carrying one
// marker (promise, detail, ask, intro in turn), written in one transaction;
// the default templates are in, so a generation run writes queue items only.
RowId seedDatabase(const std::string& path, int met, int noteCount) {
    Store store(path);
    ensureDefaultTemplates(store);
    PeopleRepo people(store);
    NotesRepo notes(store);
    Store::Transaction tx(store);
    Event e;
    e.name = "Kill Conf";
    e.timeZone = "Europe/Brussels";
    e.startsAt = 1741161600;  // 2025-03-05
    e.endsAt = e.startsAt + 3 * 86400;
    RowId eventId = AgendaRepo(store).createEvent(e);
    std::vector<RowId> ids;
    for (int i = 0; i < met; ++i) {
        Person p;
        p.displayName = "Person " + std::to_string(i);
        p.emails = {{"p" + std::to_string(i) + "@example.org", "work"}};
        ids.push_back(people.create(p));
        Interaction m;
        m.personId = ids.back();
        m.eventId = eventId;
        m.occurredAt = e.startsAt + 60 * (i % 2000);
        notes.addInteraction(m);
    }
    for (int i = 0; i < noteCount; ++i) {
        Note n;
        n.createdAt = e.startsAt + 10 * i;
        n.eventId = eventId;
        n.people = {ids[size_t(i) % ids.size()]};
        if (i % 4 == 3) n.people.push_back(ids[size_t(i + 1) % ids.size()]);
        NoteItemRecord it;
        switch (i % 4) {
            case 0: it.kind = "promise"; it.text = "send the notes of talk " + std::to_string(i); break;
            case 1: it.kind = "detail"; it.text = "running a race"; it.onDate = "2025-04-12"; break;
            case 2: it.kind = "ask"; it.text = "a meeting about topic " + std::to_string(i); break;
            default: it.kind = "intro"; it.text = "to each other about topic " + std::to_string(i); break;
        }
        n.body = "Talked at the booth #" + it.kind + " " + it.text;
        notes.insertNote(n, {it});
    }
    tx.commit();
    return eventId;
}

std::uintmax_t walBytes(const std::string& db) {
    std::error_code ec;
    auto n = fs::file_size(db + "-wal", ec);
    return ec ? 0 : n;
}

// When to kill the child: this long after it said "start", or as soon as its
// WAL file reaches this size (the commit is writing its frames). Never when
// neither is set.
struct KillWhen {
    std::optional<std::chrono::microseconds> after;
    std::optional<std::uintmax_t> walAtLeast;
};

struct Outcome {
    bool finished = false;  // the child reported "done" before the kill
    long long reported = -1;
    double runMs = 0;           // "start" to exit
    std::uintmax_t maxWal = 0;  // largest WAL size seen while it ran
};

Outcome runQueue(const std::string& db, RowId eventId, const KillWhen& when) {
    auto [pid, out] = hallway::testing::spawnWithPipe(HALLWAY_QUEUE_RUNNER, {db, std::to_string(eventId), kToday});
    char line[64] = {0};
    REQUIRE(std::fgets(line, sizeof line, out) != nullptr);
    REQUIRE(std::string(line) == "start\n");
    const auto started = std::chrono::steady_clock::now();
    Outcome o;
    bool killed = false;
    int status = 0;
    // Poll the child and its WAL file until it exits.
    while (waitpid(pid, &status, WNOHANG) == 0) {
        const std::uintmax_t wal = walBytes(db);
        o.maxWal = std::max(o.maxWal, wal);
        const auto elapsed = std::chrono::steady_clock::now() - started;
        if (!killed && ((when.after && elapsed >= *when.after) || (when.walAtLeast && wal >= *when.walAtLeast))) {
            kill(pid, SIGKILL);
            killed = true;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(20));
    }
    o.runMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    while (std::fgets(line, sizeof line, out)) {
        long long n = 0;
        if (std::sscanf(line, "done %lld", &n) == 1) {
            o.finished = true;
            o.reported = n;
        }
    }
    fclose(out);
    if (!when.after && !when.walAtLeast) {
        REQUIRE(WIFEXITED(status));
        REQUIRE(WEXITSTATUS(status) == 0);
    }
    return o;
}

}  // namespace

TEST_CASE("queue generation killed mid-way adds all of its items or none, and the next run completes",
          "[queue][crash]") {
    TempDir dir;
    const std::string seed = dir.file("seed.db");
    const RowId eventId = seedDatabase(seed, 1500, 30000);
    REQUIRE(walBytes(seed) == 0);  // closed cleanly: every copy starts from the same file

    // One run to the end: how many items a run adds, how long it takes and
    // how large its commit makes the WAL.
    const std::string full = dir.file("full.db");
    fs::copy_file(seed, full);
    Outcome whole = runQueue(full, eventId, {});
    REQUIRE(whole.finished);
    const long long kItems = whole.reported;
    REQUIRE(kItems > 5000);
    CHECK(scalar(full, "SELECT count(*) FROM follow_ups") == kItems);
    REQUIRE(whole.maxWal > (1u << 20));
    const double runMs = whole.runMs;

    // Where a kill lands: before the commit wrote anything (queue empty, no
    // WAL), cutting the commit's WAL writes (queue empty, frames left), or
    // after the commit (queue full; during the checkpoint that follows it
    // when "done" was not printed yet).
    int attempts = 0, beforeDone = 0, beforeWrite = 0, cutWrites = 0, after = 0;
    auto killAt = [&](const KillWhen& when) {
        INFO("attempt " << attempts << " of a " << runMs << " ms run with a WAL of " << whole.maxWal << " bytes");
        const std::string db = dir.file("k" + std::to_string(attempts++) + ".db");
        fs::copy_file(seed, db);
        Outcome o = runQueue(db, eventId, when);
        if (!o.finished) ++beforeDone;
        const std::uintmax_t leftInWal = walBytes(db);  // before anything opens (and recovers) it

        CHECK(scalarText(db, "PRAGMA integrity_check") == "ok");
        const long long queued = scalar(db, "SELECT count(*) FROM follow_ups");
        CHECK((queued == 0 || queued == kItems));
        if (o.finished) CHECK(queued == kItems);
        if (queued != 0) ++after;
        else if (leftInWal > 0) ++cutWrites;
        else ++beforeWrite;

        // The next run completes and adds exactly what is missing; a third adds nothing.
        {
            Store store(db);
            QueueReport next = generateQueue(store, eventId, kToday);
            CHECK(static_cast<long long>(next.added.size()) == kItems - queued);
            CHECK(generateQueue(store, eventId, kToday).added.empty());
        }
        CHECK(scalar(db, "SELECT count(*) FROM follow_ups") == kItems);
        CHECK(scalarText(db, "PRAGMA integrity_check") == "ok");
        fs::remove(db);
    };

    // Kills spread over the run's time, then kills the moment the WAL reaches
    // a share of its final size: those land inside the commit's writes
    // whatever the machine's speed.
    for (double f : {0.1, 0.4, 0.7, 0.9, 1.0})
        killAt({std::chrono::microseconds(static_cast<long long>(runMs * f * 1000)), std::nullopt});
    for (double f : {0.02, 0.25, 0.5, 0.75, 0.9})
        killAt({std::nullopt, static_cast<std::uintmax_t>(double(whole.maxWal) * f)});
    std::printf("queue kill test: %lld items, run %.0f ms, WAL %.1f MB; %d kills: %d before \"done\", %d before the "
                "commit wrote, %d cut its WAL writes, %d after it committed\n",
                kItems, runMs, double(whole.maxWal) / 1e6, attempts, beforeDone, beforeWrite, cutWrites, after);
    CHECK(cutWrites >= 1);
    CHECK(beforeDone >= 1);
}
