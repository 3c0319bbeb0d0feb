#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <cstdlib>
#include <sstream>

#include "cli/cli_run.h"
#include "dav_server.h"
#include "test_support.h"

using namespace hallway;
using hallway::testing::Run;
using hallway::testing::hallwayCli;
using hallway::testing::jsonOf;
using hallway::testing::ok;
using nlohmann::json;
using hallway::testing::DavServer;
using hallway::testing::TempDir;

TEST_CASE("sync setup, a round and status from the command line - the password never printed", "[cli][sync]") {
    TempDir dir;
    DavServer server("radicale", dir.file("dav"));
    setenv("XDG_CONFIG_HOME", dir.file("config").c_str(), 1);
    unsetenv("HALLWAY_SYNC_PASSWORD");
    unsetenv("DBUS_SESSION_BUS_ADDRESS");
    std::string db = dir.file("h.db");
    std::string pwFile = dir.file("pw");
    hallway::testing::writeFile(pwFile, std::string(DavServer::kPassword) + "\n");

    Run none = hallwayCli(db, {"sync", "status", "--json"});
    CHECK(json::parse(none.out)["configured"] == false);
    Run noSetup = hallwayCli(db, {"sync"});
    CHECK(noSetup.code == 1);
    CHECK(noSetup.err.find("sync setup") != std::string::npos);

    REQUIRE(hallwayCli(db, {"people", "add", "Ana Lima", "--company", "Acme", "--email", "ana@example.org"}).code == 0);
    Run setup = hallwayCli(db, {"sync", "setup", "--url", server.url("/"), "--user", "ana", "--password-file", pwFile,
                                "--json"});
    REQUIRE(setup.code == 0);
    json s = json::parse(setup.out);
    CHECK(s["created"].size() == 2);
    CHECK(s["password_kept_in"] == "file");
    // Kept for later rounds in a file only the user can read.
    struct stat st {};
    REQUIRE(stat((dir.file("config") + "/hallway/sync-passwords").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    // The next round needs no password option: setup kept it.
    Run round = hallwayCli(db, {"sync", "--json"});
    REQUIRE(round.code == 0);
    CHECK(json::parse(round.out)["people_pushed"] == 1);

    Run status = hallwayCli(db, {"sync", "status", "--json"});
    REQUIRE(status.code == 0);
    json j = json::parse(status.out);
    CHECK(j["linked"]["people"] == 1);
    CHECK(j["linked"]["tasks"] == 0);
    CHECK(j["pending"]["people"] == 0);
    CHECK(j["last_error"] == "");
    for (const Run* r : {&setup, &round, &status}) CHECK(r->out.find(DavServer::kPassword) == std::string::npos);
    CHECK(hallway::testing::readFile(db).find(DavServer::kPassword) == std::string::npos);

    // A wrong password from the environment wins over the kept one, and is refused plainly.
    setenv("HALLWAY_SYNC_PASSWORD", "wrong", 1);
    Run refused = hallwayCli(db, {"sync"});
    unsetenv("HALLWAY_SYNC_PASSWORD");
    CHECK(refused.code == 1);
    CHECK(refused.err.find("HTTP 401") != std::string::npos);
    Run after = hallwayCli(db, {"sync", "status"});
    CHECK(after.out.find("user name or password") != std::string::npos);
}
