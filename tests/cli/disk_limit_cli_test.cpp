// Out of space, everywhere, without mounting anything: the real `hallway`
// binary runs in a child whose RLIMIT_FSIZE is small and SIGXFSZ ignored, so
// a write past the limit fails with EFBIG; and in process, SQLite writes fail
// with SQLITE_FULL (a full disk's ENOSPC) through a test VFS. Each command
// must exit 1 with one clear sentence, keep all earlier data and leave a
// database that passes integrity_check and takes the same command once there
// is room.
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "full_disk_vfs.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::TempDir;
using hallway::testing::testData;

namespace {

struct Run {
    int code = -1;
    std::string out, err;
};

Run inProcess(const std::string& db, std::vector<std::string> args) {
    std::vector<std::string> full{"hallway", "--db", db};
    full.insert(full.end(), args.begin(), args.end());
    std::ostringstream out, err;
    int code = runCli(full, out, err);
    return {code, out.str(), err.str()};
}

std::string slurp(int fd) {
    std::string s;
    char buf[4096];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) s.append(buf, size_t(n));
    ::close(fd);
    return s;
}

// `hallway --db DB ARGS...` in a child that may write files up to `limitBytes` only.
Run limited(const std::string& db, std::vector<std::string> args, rlim_t limitBytes) {
    std::vector<std::string> full{HALLWAY_BINARY, "--db", db};
    full.insert(full.end(), args.begin(), args.end());
    int out[2], err[2];
    REQUIRE(pipe(out) == 0);
    REQUIRE(pipe(err) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(err[1], 2);
        for (int fd : {out[0], out[1], err[0], err[1]}) close(fd);
        // Ignored signals stay ignored across exec; the limit is inherited.
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit lim{limitBytes, limitBytes};
        if (setrlimit(RLIMIT_FSIZE, &lim) != 0) _exit(126);
        std::vector<char*> argv;
        for (auto& a : full) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    Run r;
    r.err = slurp(err[0]);  // small: cannot fill the pipe while stdout waits
    r.out = slurp(out[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));  // no crash, no SIGXFSZ
    r.code = WEXITSTATUS(status);
    return r;
}

long long scalar(const std::string& db, const char* sqlText) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(h, sqlText, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

std::string integrity(const std::string& db) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

// Every table's row count, to prove nothing changed.
std::string counts(const std::string& db) {
    std::string s;
    for (const char* t : {"events", "sessions", "people", "person_contacts", "notes", "note_items", "follow_ups",
                          "templates", "imports"}) {
        std::string q = std::string("SELECT count(*) FROM ") + t;
        s += std::string(t) + "=" + std::to_string(scalar(db, q.c_str())) + " ";
    }
    return s;
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

void writeBigLinkedIn(const std::string& path, int rows) {
    std::ofstream out(path);
    out << "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
    for (int i = 0; i < rows; ++i)
        out << "Given" << i << ",Family" << i << ",https://www.linkedin.com/in/person-" << i << ",p" << i
            << "@mail.example,Company " << i % 500 << ",Engineer,12 Mar 2024\n";
}

// v1.xml (event 1, speakers Ana Lima...), a note with a promise, a generated queue.
void seed(const std::string& db) {
    REQUIRE(inProcess(db, {"import", testData("reimport/v1.xml")}).code == 0);
    REQUIRE(inProcess(db, {"note", "@ana-lima #promise send slides", "--event", "1", "--at", "2025-02-01T11:20"})
                .code == 0);
    REQUIRE(inProcess(db, {"queue", "generate", "--event", "1", "--today", "2025-02-03"}).code == 0);
}

void checkOutOfSpace(const Run& r) {
    INFO("stderr: " << r.err);
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::StartsWith("hallway: the database file has reached the size limit for files: "
                                        "nothing of this change was saved; the data already in "));
    CHECK_THAT(r.err, Catch::Contains(" is intact"));
    CHECK(r.err.find("disk I/O error") == std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line
}

}  // namespace

TEST_CASE("an agenda import past the file size limit fails with one clear line and keeps every earlier row",
          "[cli][disk]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    seed(db);
    std::string big = dir.file("big.xml");
    writeBigFrab(big, 20000);  // about 11 MB of sessions: far past 2 MiB
    const std::string before = counts(db);
    Run r = limited(db, {"import", big}, 2 << 20);
    checkOutOfSpace(r);
    CHECK(counts(db) == before);
    CHECK(integrity(db) == "ok");
    // With room again the same import goes through.
    Run again = inProcess(db, {"import", big});
    INFO(again.err);
    CHECK(again.code == 0);
    CHECK(scalar(db, "SELECT count(*) FROM sessions") == 5 + 20000);
    CHECK(integrity(db) == "ok");
}

TEST_CASE("a contacts import past the file size limit fails with one clear line and keeps every earlier row",
          "[cli][disk]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    seed(db);
    std::string csv = dir.file("Connections.csv");
    writeBigLinkedIn(csv, 20000);
    const std::string before = counts(db);
    Run r = limited(db, {"people", "import", csv}, 2 << 20);
    checkOutOfSpace(r);
    CHECK(counts(db) == before);
    CHECK(integrity(db) == "ok");
    CHECK(inProcess(db, {"people", "import", csv}).code == 0);
    CHECK(scalar(db, "SELECT count(*) FROM person_contacts WHERE value LIKE '%@mail.example'") == 20000);
}

// One 4 KiB page is below what any write needs (the WAL header and the first
// frame already pass it), so even a short note cannot be written.
TEST_CASE("a note and queue generation that cannot be written fail with one clear line and change nothing",
          "[cli][disk]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    seed(db);
    const std::string before = counts(db);
    const long long queued = scalar(db, "SELECT count(*) FROM follow_ups");
    REQUIRE(queued >= 1);

    checkOutOfSpace(limited(db, {"note", "@bo-chen #promise intro to the kernel team", "--event", "1", "--at",
                                 "2025-02-01T14:00"},
                            4096));
    CHECK(counts(db) == before);
    CHECK(integrity(db) == "ok");

    // A new promise to queue, written with room; then generation without room.
    REQUIRE(inProcess(db, {"note", "@bo-chen #promise intro to the kernel team", "--event", "1", "--at",
                           "2025-02-01T14:00"})
                .code == 0);
    const std::string withNote = counts(db);
    checkOutOfSpace(limited(db, {"queue", "generate", "--event", "1", "--today", "2025-02-03"}, 4096));
    CHECK(counts(db) == withNote);
    CHECK(scalar(db, "SELECT count(*) FROM follow_ups") == queued);
    CHECK(integrity(db) == "ok");
    Run gen = inProcess(db, {"queue", "generate", "--event", "1", "--today", "2025-02-03"});
    INFO(gen.err);
    CHECK(gen.code == 0);
    CHECK(scalar(db, "SELECT count(*) FROM follow_ups") > queued);
}

TEST_CASE("on a full disk every writing command says the disk is full in one line and changes nothing",
          "[cli][disk]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string empty = dir.file("empty.db");
    std::string big = dir.file("big.xml");
    writeBigFrab(big, 2000);
    std::string csv = dir.file("Connections.csv");
    writeBigLinkedIn(csv, 2000);
    hallway::testing::FullDiskVfs disk;
    seed(db);
    // A promise not yet queued, so generation has something to write.
    REQUIRE(inProcess(db, {"note", "@bo-chen #promise intro to the kernel team", "--event", "1", "--at",
                           "2025-02-01T14:00"})
                .code == 0);
    REQUIRE(inProcess(empty, {"events"}).code == 0);
    const std::string before = counts(db);
    disk.setFull(true);

    auto check = [&](const Run& r, const std::string& start) {
        INFO("stderr: " << r.err);
        CHECK(r.code == 1);
        CHECK_THAT(r.err, Catch::StartsWith(start));
        CHECK_THAT(r.err, Catch::Contains("the disk is full"));
        CHECK(r.err.find("database or disk is full") == std::string::npos);  // SQLite's words
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    };
    const std::string ours = "hallway: the disk is full: nothing of this change was saved; the data already in ";
    // Into an empty database no backup is taken first: the import's own write fails.
    check(inProcess(empty, {"import", testData("reimport/v1.xml")}), ours + empty + " is intact. Free some space");
    // Otherwise the day's safety copy, taken once the file is read, is the first write to fail.
    const std::string backup = "hallway: nothing was written and the database is unchanged: the safety copy taken "
                               "before this change failed: the disk is full";
    check(inProcess(db, {"import", big}), backup);
    check(inProcess(db, {"people", "import", csv}), backup);
    check(inProcess(db, {"note", "@cy-diaz #ask for a review", "--event", "1"}), ours + db);
    check(inProcess(db, {"queue", "generate", "--event", "1", "--today", "2025-02-10"}), ours + db);
    CHECK(disk.refusedWrites() > 0);
    disk.setFull(false);

    CHECK(counts(db) == before);
    CHECK(scalar(empty, "SELECT count(*) FROM events") == 0);
    CHECK(integrity(db) == "ok");
    CHECK(integrity(empty) == "ok");
    CHECK(inProcess(db, {"note", "@cy-diaz #ask for a review", "--event", "1"}).code == 0);
    CHECK(inProcess(empty, {"import", testData("reimport/v1.xml")}).code == 0);
}

// A file size limit of 0 bytes: no file may grow by one byte, as on a disk
// with no free block. Opening normally would extend SQLite's -shm index and
// fails; the commands that only read open without it and still answer.
TEST_CASE("on a disk that takes no byte the commands that only read still run", "[cli][disk]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    seed(db);
    REQUIRE(inProcess(db, {"star", "2"}).code == 0);
    const std::string before = counts(db);

    struct Case {
        std::vector<std::string> args;
        std::string expect;  // in stdout
    };
    const std::vector<Case> cases = {
        {{"sessions", "--event", "1"}, "Rust in the kernel"},
        {{"sessions", "--event", "1", "--day", "1", "--json"}, "\"title\""},
        {{"events"}, "Hallway Test Conf"},
        {{"schedule", "--event", "1"}, "Rust in the kernel"},
        {{"search", "slides"}, "send slides"},
        {{"people"}, "Ana Lima"},
        {{"people", "show", "1"}, "Ana Lima"},
        {{"person", "1"}, "Ana Lima"},
        {{"queue"}, "Ana Lima"},
        {{"queue", "cold"}, ""},
        {{"people", "export", "-", "--format", "csv"}, "Ana Lima"},
        {{"people", "export", "-"}, "BEGIN:VCARD"},
        {{"queue", "export", "--event", "1", "--format", "ics", "-"}, "BEGIN:VTODO"},
        {{"queue", "export", "--event", "1", "--format", "md", "-"}, "Ana Lima"},
    };
    for (const Case& c : cases) {
        Run r = limited(db, c.args, 0);
        INFO(c.args[0] << " " << (c.args.size() > 1 ? c.args[1] : "") << ": " << r.err);
        CHECK(r.code == 0);
        CHECK(r.err.empty());
        CHECK_THAT(r.out, Catch::Contains(c.expect));
    }
    // A command that writes still says why it cannot, in one line.
    checkOutOfSpace(limited(db, {"note", "@bo-chen #ask about the kernel", "--event", "1"}, 0));
    CHECK(counts(db) == before);
    CHECK(integrity(db) == "ok");
    CHECK(inProcess(db, {"note", "@bo-chen #ask about the kernel", "--event", "1"}).code == 0);
}

TEST_CASE("export to standard output writes the export itself and no file", "[cli][export]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    seed(db);
    Run csv = inProcess(db, {"people", "export", "-", "--format", "csv"});
    REQUIRE(csv.code == 0);
    CHECK_THAT(csv.out, Catch::StartsWith("name,"));
    CHECK(csv.out.find("Exported") == std::string::npos);
    Run ics = inProcess(db, {"queue", "export", "--event", "1", "--format", "ics", "-"});
    REQUIRE(ics.code == 0);
    CHECK_THAT(ics.out, Catch::StartsWith("BEGIN:VCALENDAR"));
    CHECK_FALSE(std::filesystem::exists("-"));
    CHECK(inProcess(db, {"people", "export", "-", "--json"}).code == 1);
}
