// Exports and copies never destroy: the database, its companions, backups,
// FIFOs, symlinks and existing files (without --force) are refused.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli_run.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::Run;
using hallway::testing::hallwayCli;
using hallway::testing::jsonOf;
using hallway::testing::ok;
using nlohmann::json;
using hallway::testing::readFile;
using hallway::testing::TempDir;
using hallway::testing::testData;
namespace fs = std::filesystem;

namespace {

int mode(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return int(st.st_mode & 0777);
}

// A database with an event, a queue and people.
void fill(const std::string& db) {
    REQUIRE(hallwayCli(db, {"import", testData("reimport/v1.xml")}).code == 0);
    REQUIRE(hallwayCli(db, {"people", "import", testData("people/Connections.csv")}).code == 0);
}

// Overwrites one page of `table` with garbage, as a bad sector would: the
// rest of the file stays readable. Cutting the file's last page instead
// damaged whichever index happened to be created last.
void damagePageOf(const std::string& db, const char* table) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    REQUIRE(sqlite3_prepare_v2(h, "SELECT pageno, (SELECT page_size FROM pragma_page_size) FROM dbstat "
                                  "WHERE name=?1 AND pagetype='leaf' ORDER BY pageno DESC LIMIT 1",
                               -1, &q, nullptr) == SQLITE_OK);
    sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
    REQUIRE(sqlite3_step(q) == SQLITE_ROW);
    const long page = sqlite3_column_int64(q, 0), size = sqlite3_column_int64(q, 1);
    sqlite3_finalize(q);
    sqlite3_close(h);
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp((page - 1) * size);
    const std::string garbage(size_t(size), '\xff');
    f.write(garbage.data(), std::streamsize(garbage.size()));
}

}  // namespace

TEST_CASE("no export writes over the database, its companions or its backups", "[cli][safety]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    fill(db);
    std::string backup = hallwayCli(db, {"backup"}).out;
    const std::string before = readFile(db);
    for (const std::string& target : {db, db + "-wal", db + "-shm", db + "-journal"}) {
        for (auto args : {std::vector<std::string>{"people", "export", target, "--format", "csv", "--force"},
                          std::vector<std::string>{"queue", "export", "--event", "1", "--format", "md", target, "--force"},
                          std::vector<std::string>{"backup", target, "--force"}}) {
            Run r = hallwayCli(db, args);
            INFO(args[0] << " " << target);
            CHECK(r.code == 1);
            CHECK_THAT(r.err, Catch::Contains("refusing to write " + target));
        }
    }
    // The same file under another name, and a file in its backups folder.
    fs::create_directories(dir.file("sub"));
    Run viaDots = hallwayCli(db, {"people", "export", dir.file("sub/../h.db"), "--force"});
    CHECK(viaDots.code == 1);
    fs::create_hard_link(db, dir.file("alias.db"));
    Run viaLink = hallwayCli(db, {"people", "export", dir.file("alias.db"), "--force"});
    CHECK(viaLink.code == 1);
    CHECK_THAT(viaLink.err, Catch::Contains("refusing to write"));
    std::string inBackups = dir.file("h.db.backups/people.vcf");
    Run intoBackups = hallwayCli(db, {"people", "export", inBackups});
    CHECK(intoBackups.code == 1);
    CHECK_THAT(intoBackups.err, Catch::Contains("backups folder"));
    CHECK(!fs::exists(inBackups));
    CHECK(hallwayCli(db, {"events"}).code == 0);  // still a working database
    CHECK(hallwayCli(db, {"people", "show", "1"}).code == 0);
}

TEST_CASE("exports refuse FIFOs, symlinks and folders, and replace a file only with --force", "[cli][safety]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    fill(db);
    std::string fifo = dir.file("pipe.vcf");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    Run r = hallwayCli(db, {"people", "export", fifo, "--force"});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains("not a regular file"));
    r = hallwayCli(db, {"queue", "export", "--event", "1", "--format", "ics", fifo, "--force"});
    CHECK(r.code == 1);

    std::string target = dir.file("target.vcf");
    hallway::testing::writeFile(target, "precious");
    std::string link = dir.file("link.vcf");
    fs::create_symlink(target, link);
    r = hallwayCli(db, {"people", "export", link, "--force"});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains("symbolic link"));
    CHECK(readFile(target) == "precious");
    CHECK(fs::is_symlink(link));

    r = hallwayCli(db, {"people", "export", dir.path().string()});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains("is a folder"));

    r = hallwayCli(db, {"people", "export", target});
    CHECK(r.code == 1);
    CHECK(r.err == "hallway: " + target + " already exists; nothing was written (add --force to replace it)\n");
    CHECK(readFile(target) == "precious");
    CHECK(hallwayCli(db, {"people", "export", target, "--force"}).code == 0);
    CHECK(readFile(target).rfind("BEGIN:VCARD", 0) == 0);
}

TEST_CASE("every exported file is owner-only, whatever the umask", "[cli][safety]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    fill(db);
    mode_t old = ::umask(022);
    for (const char* format : {"ics", "csv", "md"}) {
        std::string file = dir.file(std::string("queue.") + format);
        CHECK(hallwayCli(db, {"queue", "export", "--event", "1", "--format", format, file}).code == 0);
        CHECK(mode(file) == 0600);
    }
    CHECK(hallwayCli(db, {"people", "export", dir.file("p.csv")}).code == 0);
    CHECK(mode(dir.file("p.csv")) == 0600);
    ::umask(old);
}

TEST_CASE("a throwaway database is refused, and star checks every id before writing", "[cli][safety]") {
    TempDir dir;
    Run empty = hallwayCli("", {"note", "hello"});
    CHECK(empty.code == 1);
    CHECK_THAT(empty.err, Catch::Contains("--db needs a file name"));
    Run memory = hallwayCli(":memory:", {"note", "hello"});
    CHECK(memory.code == 1);
    CHECK_THAT(memory.err, Catch::Contains("in-memory"));

    std::string db = dir.file("h.db");
    fill(db);
    Run star = hallwayCli(db, {"star", "1", "2", "999999"});
    CHECK(star.code == 1);
    CHECK_THAT(star.err, Catch::Contains("no session with id 999999") && Catch::Contains("nothing was starred"));
    json schedule = json::parse(hallwayCli(db, {"schedule", "--event", "1", "--json"}).out);
    CHECK(schedule["sessions"].empty());
}

TEST_CASE("a damaged database still exports read-only - writes are refused with the file named", "[cli][safety]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    fill(db);
    damagePageOf(db, "sessions");  // the agenda: people export does not read it
    Run add = hallwayCli(db, {"people", "add", "Never Stored"});
    CHECK(add.code == 1);
    CHECK_THAT(add.err, Catch::Contains("the database " + db + " is damaged") && Catch::Contains("restore"));
    Run exported = hallwayCli(db, {"people", "export", dir.file("rescued.csv")});
    INFO(exported.err);
    CHECK(exported.code == 0);
    CHECK_THAT(exported.err, Catch::Contains("damaged"));  // said, not hidden
    CHECK(fs::exists(dir.file("rescued.csv")));
}

TEST_CASE("a badge's MECARD with a CR/LF URL exports as one card and re-imports as one person", "[cli][safety]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string badge = "MECARD:N:Lima,Ana;EMAIL:ana@lima.example;"
                        "URL:https://ana.example/\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Mallory\r\n"
                        "EMAIL:mallory@evil.example;;";
    Run added = hallwayCli(db, {"people", "add", "--from-text", badge});
    INFO(added.err);
    REQUIRE(added.code == 0);
    std::string vcf = dir.file("out.vcf");
    REQUIRE(hallwayCli(db, {"people", "export", vcf}).code == 0);
    CHECK(readFile(vcf).find("\nFN:Mallory") == std::string::npos);

    std::string other = dir.file("other.db");
    json imported = json::parse(hallwayCli(other, {"people", "import", vcf, "--json"}).out);
    CHECK(imported["people_added"] == 1);
    json people = json::parse(hallwayCli(other, {"people", "--json"}).out);
    REQUIRE(people.size() == 1);
    CHECK(people[0]["name"] == "Ana Lima");
    CHECK(hallwayCli(other, {"people", "--search", "Mallory", "--json"}).out.find("Mallory\"") == std::string::npos);
}

TEST_CASE("queue exports escape names and notes: no HTML or links in Markdown, no raw line breaks in iCalendar",
          "[cli][safety]") {
    TempDir dir;
    std::string db = dir.file("h.db");
    fill(db);
    REQUIRE(hallwayCli(db, {"note", "Met <img src=x onerror=alert(1)> [click](javascript:alert(1)) ![i](http://t/p.png)",
                            "--event", "1"}).code == 0);
    std::string md = dir.file("report.md");
    REQUIRE(hallwayCli(db, {"queue", "export", "--event", "1", "--format", "md", md}).code == 0);
    std::string report = readFile(md);
    CHECK(report.find("<img") == std::string::npos);
    CHECK(report.find("[click](") == std::string::npos);  // only as \\[click\\](
    CHECK(report.find("&lt;img src=x onerror=alert(1)&gt; \\[click\\](javascript:alert(1)) !\\[i\\]") != std::string::npos);
}
