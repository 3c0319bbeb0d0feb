// An import killed with SIGKILL at any moment leaves the database with all of
// that import or none of it, and passing integrity_check.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "process_support.h"
#include "services/import_service.h"
#include "store/agenda_repo.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::scalar;
using hallway::testing::scalarText;
using hallway::testing::TempDir;
using hallway::testing::testData;

namespace {

void writeBigFrab(const std::string& path, int sessions) {
    std::ofstream out(path);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n<conference><title>Huge Conf</title>"
           "<time_zone_name>Europe/Brussels</time_zone_name></conference>\n";
    const int perRoom = 500;
    for (int i = 0; i < sessions; ++i) {
        int day = 1 + (i / perRoom) % 3;
        if (i % perRoom == 0) {
            if (i) out << "</room></day>\n";
            out << "<day date=\"2025-02-0" << day << "\" index=\"" << day << "\"><room name=\"Room " << i / perRoom
                << "\">\n";
        }
        int minutes = (i % perRoom) * 2;
        char start[8];
        std::snprintf(start, sizeof start, "%02d:%02d", 6 + minutes / 60, minutes % 60);
        out << "<event id=\"" << i + 1 << "\" guid=\"big-" << i << "\"><date>2025-02-0" << day << "T" << start
            << ":00+01:00</date><start>" << start << "</start><duration>00:02</duration><room>Room " << i / perRoom
            << "</room><title>Session " << i << " on kernels and compilers</title><track>T" << i % 7
            << "</track><abstract>Abstract of talk " << i << " with some words to index</abstract>"
            << "<persons><person id=\"" << 100000 + i % 3000 << "\">Speaker " << i % 3000
            << "</person></persons></event>\n";
    }
    out << "</room></day>\n</schedule>\n";
}

void writeBigLinkedIn(const std::string& path, int rows) {
    std::ofstream out(path);
    out << "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
    for (int i = 0; i < rows; ++i)
        out << "Given" << i << ",Family" << i << ",https://www.linkedin.com/in/person-" << i << ",p" << i
            << "@mail.example,Company " << i % 500 << ",Engineer,12 Mar 2024\n";
}

struct Outcome {
    bool killedMidway;  // the child had not reported "done"
};

// Runs the import in a child and kills it `delay` after it started.
Outcome runAndKill(const char* kind, const std::string& db, const std::string& file, std::chrono::milliseconds delay) {
    auto [pid, out] = hallway::testing::spawnWithPipe(HALLWAY_IMPORT_RUNNER, {kind, db, file});
    char line[64] = {0};
    REQUIRE(std::fgets(line, sizeof line, out) != nullptr);
    REQUIRE(std::string(line) == "start\n");
    std::this_thread::sleep_for(delay);
    kill(pid, SIGKILL);
    bool done = false;
    while (std::fgets(line, sizeof line, out))
        if (std::string(line) == "done\n") done = true;
    fclose(out);
    int status = 0;
    waitpid(pid, &status, 0);
    return {!done};
}

}  // namespace

TEST_CASE("an agenda import killed mid-way writes all of the agenda or none of it", "[import][crash]") {
    TempDir dir;
    std::string big = dir.file("huge.xml");
    const int kSessions = 20000;
    writeBigFrab(big, kSessions);
    int midway = 0;
    for (int delayMs : {30, 150, 400, 900}) {
        INFO("killed after " << delayMs << " ms");
        {
            std::string db = dir.file("h" + std::to_string(delayMs) + ".db");
            {
                Store store(db);
                importAgendaFile(store, testData("reimport/v1.xml"), {});
            }
            long long before = scalar(db, "SELECT count(*) FROM sessions");
            Outcome o = runAndKill("agenda", db, big, std::chrono::milliseconds(delayMs));
            if (o.killedMidway) ++midway;
            CHECK(scalarText(db, "PRAGMA integrity_check") == "ok");
            long long after = scalar(db, "SELECT count(*) FROM sessions");
            long long huge = scalar(db, "SELECT count(*) FROM sessions s JOIN events e ON e.id = s.event_id "
                                        "WHERE e.name = 'Huge Conf'");
            CHECK((huge == 0 || huge == kSessions));
            CHECK(after == before + huge);
            if (huge == 0) CHECK(scalar(db, "SELECT count(*) FROM events WHERE name = 'Huge Conf'") == 0);
            // The search index agrees with the table.
            CHECK(scalar(db, "SELECT count(*) FROM sessions_fts") == after);
            // And the store opens and works on it.
            Store store(db);
            CHECK(AgendaRepo(store).listEvents().size() == (huge ? 2u : 1u));
        }
    }
    INFO("kills that landed before the import finished: " << midway);
    CHECK(midway >= 1);
}

TEST_CASE("a contacts import killed mid-way writes all of the file or none of it", "[import][crash]") {
    TempDir dir;
    std::string big = dir.file("Connections.csv");
    const int kRows = 20000;
    writeBigLinkedIn(big, kRows);
    int midway = 0;
    for (int delayMs : {30, 150, 400, 900}) {
        INFO("killed after " << delayMs << " ms");
        {
            std::string db = dir.file("c" + std::to_string(delayMs) + ".db");
            {
                Store store(db);
                importAgendaFile(store, testData("reimport/v1.xml"), {});
            }
            long long before = scalar(db, "SELECT count(*) FROM people");
            Outcome o = runAndKill("contacts", db, big, std::chrono::milliseconds(delayMs));
            if (o.killedMidway) ++midway;
            CHECK(scalarText(db, "PRAGMA integrity_check") == "ok");
            long long added = scalar(db, "SELECT count(*) FROM people") - before;
            CHECK((added == 0 || added == kRows));
            CHECK(scalar(db, "SELECT count(*) FROM person_contacts WHERE value LIKE '%@mail.example'") == added);
            CHECK(scalar(db, "SELECT count(*) FROM people_fts") == before + added);
        }
    }
    INFO("kills that landed before the import finished: " << midway);
    CHECK(midway >= 1);
}
