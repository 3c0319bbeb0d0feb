#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

#include "agenda_server.h"
#include "cli/cli_run.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::Run;
using hallway::testing::hallwayCli;
using hallway::testing::jsonOf;
using hallway::testing::ok;
using nlohmann::json;
using hallway::testing::AgendaServer;
using hallway::testing::TempDir;
using hallway::testing::testData;

TEST_CASE("import URL and refresh: JSON as for a file plus the URL, 304 unchanged, moves listed",
          "[cli][url]") {
    AgendaServer server({testData("reimport/v1.xml"), testData("reimport/v2.xml")});
    TempDir dir;
    std::string db = dir.file("h.db");
    std::string url = server.url("/schedule.xml");

    Run https = hallwayCli(db, {"import", url});
    CHECK(https.code == 1);
    CHECK_THAT(https.err, Catch::Contains(url) && Catch::Contains("--allow-http"));

    Run first = hallwayCli(db, {"import", url, "--allow-http", "--json"});
    REQUIRE(first.code == 0);
    json j = json::parse(first.out);
    CHECK(j["url"] == url);
    CHECK(j["format"] == "frab-xml");
    CHECK(j["sessions_added"] == 5);
    CHECK(j["rooms"] == 2);
    std::string eventId = std::to_string(j["event_id"].get<long long>());

    Run again = hallwayCli(db, {"import", url, "--allow-http", "--json"});
    REQUIRE(again.code == 0);
    CHECK(json::parse(again.out)["status"] == "not modified");
    Run againText = hallwayCli(db, {"import", url, "--allow-http"});
    CHECK_THAT(againText.out, Catch::Contains("unchanged"));

    Run unchanged = hallwayCli(db, {"refresh", "--json"});
    REQUIRE(unchanged.code == 0);
    json u = json::parse(unchanged.out);
    REQUIRE(u.size() == 1);
    CHECK(u[0]["status"] == "not modified");
    CHECK(u[0]["url"] == url);

    server.setVersion(2);
    Run refreshed = hallwayCli(db, {"refresh", "--event", eventId, "--json"});
    REQUIRE(refreshed.code == 0);
    json r = json::parse(refreshed.out);
    REQUIRE(r.size() == 1);
    CHECK(r[0]["status"] == "imported");
    CHECK(r[0]["sessions_added"] == 1);
    CHECK(r[0]["sessions_removed"] == 1);
    CHECK(r[0]["sessions_updated"] == 2);
    bool movedListed = false;
    for (const auto& c : r[0]["changes"])
        if (c["kind"] == "moved" && c["title"] == "Rust in the kernel") movedListed = true;
    CHECK(movedListed);

    Run text = hallwayCli(db, {"refresh"});
    CHECK(text.code == 0);
    CHECK_THAT(text.out, Catch::Contains("unchanged"));
}

TEST_CASE("import URL failures name the URL and the reason and write nothing", "[cli][url]") {
    AgendaServer server({testData("reimport/v1.xml")});
    TempDir dir;
    std::string db = dir.file("h.db");
    Run missing = hallwayCli(db, {"import", server.url("/missing.xml"), "--allow-http"});
    CHECK(missing.code == 1);
    CHECK_THAT(missing.err, Catch::Contains(server.url("/missing.xml") + ": HTTP 404"));
    Run truncated = hallwayCli(db, {"import", server.url("/truncated.xml"), "--allow-http"});
    CHECK(truncated.code == 1);
    CHECK_THAT(truncated.err, Catch::Contains("cut short"));
    Run huge = hallwayCli(db, {"import", server.url("/huge.xml"), "--allow-http"});
    CHECK(huge.code == 1);
    CHECK_THAT(huge.err, Catch::Contains("refused"));
    CHECK(hallwayCli(db, {"events", "--json"}).out == "[]\n");
    Run none = hallwayCli(db, {"refresh"});
    CHECK(none.code == 0);
    CHECK_THAT(none.out, Catch::Contains("No event was imported from a URL"));
}
