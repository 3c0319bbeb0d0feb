// A database written at every past schema version (tests/store/fixtures,
// SQL dumps) upgrades to the latest with every row kept.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>

#include "store/agenda_repo.h"
#include "store/backup.h"
#include "store/store.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kFixtures = std::string(HALLWAY_TEST_DATA_DIR) + "/../store/fixtures";

// Every table holding rows in rows_v*.sql.
const char* const kTables[] = {"events",  "event_goals", "sessions",  "people",       "person_contacts",
                               "person_tags", "person_facts", "session_speakers", "targets", "notes",
                               "note_people", "note_items", "interactions", "templates", "follow_ups",
                               "imports"};

struct Raw {
    sqlite3* db = nullptr;
    explicit Raw(const std::string& path) { REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK); }
    ~Raw() { sqlite3_close(db); }
    std::string text(const std::string& sqlText) {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sqlText.c_str(), -1, &st, nullptr) == SQLITE_OK);
        std::string v;
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return v;
    }
    long long number(const std::string& sqlText) { return std::stoll(text(sqlText)); }
};

std::map<int, std::string> fixtures() {
    std::map<int, std::string> out;
    for (auto& entry : fs::directory_iterator(kFixtures)) {
        std::string name = entry.path().filename().string();
        if (name.rfind("schema_v", 0) == 0 && entry.path().extension() == ".sql")
            out[std::stoi(name.substr(8))] = entry.path().string();
    }
    return out;
}

}  // namespace

TEST_CASE("there is a fixture for every past schema version", "[store][migration]") {
    auto all = fixtures();
    for (int v = 1; v < Store::latestSchemaVersion(); ++v) {
        INFO("missing tests/store/fixtures/schema_v" << v << ".sql: run make_fixtures.sh");
        CHECK(all.count(v) == 1);
    }
}

TEST_CASE("every past schema version upgrades to the latest keeping every row", "[store][migration]") {
    for (auto& [version, file] : fixtures()) {
        if (version > Store::latestSchemaVersion()) continue;  // a fixture for a step this build lacks
        DYNAMIC_SECTION("schema v" << version) {
            TempDir dir;
            std::string db = dir.file("hallway.db");
            std::map<std::string, long long> before;
            {
                Raw raw(db);
                char* msg = nullptr;
                int rc = sqlite3_exec(raw.db, hallway::testing::readFile(file).c_str(), nullptr, nullptr, &msg);
                INFO((msg ? msg : ""));
                sqlite3_free(msg);
                REQUIRE(rc == SQLITE_OK);
                REQUIRE(raw.number("PRAGMA user_version") == version);
                for (const char* t : kTables) before[t] = raw.number(std::string("SELECT count(*) FROM ") + t);
            }
            for (auto& [table, n] : before) {
                INFO(table);
                CHECK(n > 0);  // the fixture fills every table
            }

            {
                Store store(db);
                CHECK(store.schemaVersion() == Store::latestSchemaVersion());
                // The upgraded data reads back through the store.
                auto events = AgendaRepo(store).listEvents();
                REQUIRE(events.size() == 2);
                SessionQuery q;
                q.search = "kernel";
                auto hits = AgendaRepo(store).sessions(1, q);
                REQUIRE(hits.size() == 1);
                CHECK(hits[0].title == "Rust in the kernel");
                CHECK(hits[0].starred);
                CHECK(hits[0].speakers.size() == 2);
                SessionQuery all;
                all.includeRemoved = true;
                CHECK(AgendaRepo(store).sessions(1, all).size() == 2);
            }

            Raw raw(db);
            CHECK(raw.text("PRAGMA integrity_check") == "ok");
            for (auto& [table, n] : before) {
                INFO(table);
                CHECK(raw.number("SELECT count(*) FROM " + table) == n);
            }
            CHECK(raw.text("SELECT name FROM events WHERE id = 2") == "Café ☕ Summit");
            CHECK(raw.text("SELECT title FROM sessions WHERE id = 2") == "Ünïcödé — 日本語");
            CHECK(raw.number("SELECT merged_into FROM people WHERE id = 3") == 2);
            CHECK(raw.text("SELECT questions FROM targets WHERE id = 1") == "how is the GCC backend?\nany roles open?");
            CHECK(raw.text("SELECT status || ' ' || snoozed_until FROM follow_ups WHERE id = 2") ==
                  "snoozed 2024-05-10");
            CHECK(raw.number("SELECT done FROM note_items WHERE id = 2") == 1);
            // Step 9: a note with no "@" had its people picked in Capture (met);
            // one with an @mention cannot tell, so it counts as a mention only.
            CHECK(raw.number("SELECT met FROM note_people WHERE note_id = 2") == 1);
            CHECK(raw.number("SELECT met FROM note_people WHERE note_id = 1") == 0);
            CHECK(raw.text("SELECT quote FROM note_items WHERE id = 2").empty());
            if (version < 3) {
                // Step 3 derives match keys from the stored contact details.
                CHECK(raw.text("SELECT match_key FROM person_contacts WHERE id = 1") == "ana@lima.example");
                CHECK(raw.text("SELECT match_key FROM person_contacts WHERE id = 2") ==
                      "linkedin.com/in/ana-lima-example");
            }
            // Search indexes made by later steps cover the old rows.
            CHECK(raw.number("SELECT count(*) FROM people_fts WHERE people_fts MATCH 'Lima'") == 1);
            CHECK(raw.number("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'slides'") == 1);
            CHECK(raw.number("SELECT count(*) FROM sessions_fts WHERE sessions_fts MATCH 'ker*'") == 1);
            // Every word index has prefix indexes for search as you type (step 12).
            for (const char* fts : {"sessions_fts", "people_fts", "notes_fts", "facts_fts"}) {
                INFO(fts);
                CHECK(raw.text(std::string("SELECT sql FROM sqlite_master WHERE name = '") + fts + "'")
                          .find("prefix='1 2 3 4'") != std::string::npos);
            }
            // Step 15: the session index merges in levels of 16 with an 8 MiB
            // write buffer, so an import into a large database stays cheap.
            CHECK(raw.number("SELECT v FROM sessions_fts_config WHERE k = 'automerge'") == 16);
            CHECK(raw.number("SELECT v FROM sessions_fts_config WHERE k = 'crisismerge'") == 32);
            CHECK(raw.number("SELECT v FROM sessions_fts_config WHERE k = 'hashsize'") == 8388608);
            // Step 20: the merge an import runs at its end takes levels of 16 too.
            CHECK(raw.number("SELECT v FROM sessions_fts_config WHERE k = 'usermerge'") == 16);
            // The old file was backed up before it was touched.
            auto backups = listBackups(db);
            if (version < Store::latestSchemaVersion()) {
                REQUIRE(backups.size() == 1);
                Raw old(backups[0].path);
                CHECK(old.number("PRAGMA user_version") == version);
            } else {
                CHECK(backups.empty());
            }
        }
    }
}
