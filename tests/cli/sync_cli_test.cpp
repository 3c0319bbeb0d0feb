#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <algorithm>
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
    CHECK(s["send"]["how_met"] == false);  // nothing private unless asked for
    CHECK(s["send"]["facts"] == false);
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

TEST_CASE("sync against full storage (507) or a forbidden server (403) prints one line with the address and what "
          "to do - the edit waits",
          "[cli][sync]") {
    TempDir dir;
    DavServer server("radicale", dir.file("dav"));
    hallway::testing::FailingProxy proxy(server);
    setenv("XDG_CONFIG_HOME", dir.file("config").c_str(), 1);
    setenv("HALLWAY_SYNC_PASSWORD", DavServer::kPassword, 1);
    unsetenv("DBUS_SESSION_BUS_ADDRESS");
    std::string db = dir.file("h.db");
    REQUIRE(hallwayCli(db, {"people", "add", "Ana Lima", "--company", "Acme"}).code == 0);
    REQUIRE(hallwayCli(db, {"sync", "setup", "--url", proxy.url("/"), "--user", "ana"}).code == 0);
    REQUIRE(hallwayCli(db, {"sync"}).code == 0);
    REQUIRE(hallwayCli(db, {"people", "add", "Bo Chen", "--company", "Hooli"}).code == 0);

    proxy.fail(507, "PUT");
    Run full = hallwayCli(db, {"sync"});
    CHECK(full.code == 1);
    CHECK(full.err.find(proxy.url("/")) != std::string::npos);
    CHECK(full.err.find("HTTP 507") != std::string::npos);
    CHECK(full.err.find("free space or raise the quota") != std::string::npos);
    CHECK(std::count(full.err.begin(), full.err.end(), '\n') == 1);
    json status = json::parse(hallwayCli(db, {"sync", "status", "--json"}).out);
    CHECK(status["pending"]["people"] == 1);
    CHECK(status["last_error"].get<std::string>().find("HTTP 507") != std::string::npos);

    // A forbidden address book: its address once, then what to do.
    proxy.fail(403);
    Run forbidden = hallwayCli(db, {"sync"});
    CHECK(forbidden.code == 1);
    CHECK(forbidden.err.find("HTTP 403") != std::string::npos);
    CHECK(forbidden.err.find("check the account's access") != std::string::npos);
    std::string::size_type first = forbidden.err.find(proxy.url("/"));
    REQUIRE(first != std::string::npos);
    CHECK(forbidden.err.find(proxy.url("/"), first + 1) == std::string::npos);

    proxy.heal();
    Run again = hallwayCli(db, {"sync", "--json"});
    REQUIRE(again.code == 0);
    CHECK(json::parse(again.out)["people_pushed"] == 1);
    CHECK(json::parse(hallwayCli(db, {"sync", "status", "--json"}).out)["pending"]["people"] == 0);
    unsetenv("HALLWAY_SYNC_PASSWORD");
}

TEST_CASE("sync setup --send and sync send choose the private fields per field - a typo is refused before any request",
          "[cli][sync]") {
    TempDir dir;
    DavServer server("radicale", dir.file("dav"));
    setenv("XDG_CONFIG_HOME", dir.file("config").c_str(), 1);
    unsetenv("DBUS_SESSION_BUS_ADDRESS");
    setenv("HALLWAY_SYNC_PASSWORD", DavServer::kPassword, 1);
    std::string db = dir.file("h.db");
    Run typo = hallwayCli(db, {"sync", "setup", "--url", server.url("/"), "--user", "ana", "--send", "notes"});
    CHECK(typo.code == 1);
    CHECK(typo.err.find("how-met, facts") != std::string::npos);
    CHECK(json::parse(hallwayCli(db, {"sync", "status", "--json"}).out)["configured"] == false);

    Run setup = hallwayCli(db, {"sync", "setup", "--url", server.url("/"), "--user", "ana", "--send", "facts", "--json"});
    REQUIRE(setup.code == 0);
    CHECK(json::parse(setup.out)["send"]["facts"] == true);
    CHECK(json::parse(setup.out)["send"]["how_met"] == false);
    // Linking again without --send keeps the choice.
    REQUIRE(hallwayCli(db, {"sync", "setup", "--url", server.url("/"), "--user", "ana"}).code == 0);
    json status = json::parse(hallwayCli(db, {"sync", "status", "--json"}).out);
    CHECK(status["send"]["facts"] == true);

    Run both = hallwayCli(db, {"sync", "send", "how-met,facts"});
    REQUIRE(both.code == 0);
    CHECK(both.out.find("how-met, facts") != std::string::npos);
    CHECK(hallwayCli(db, {"sync", "status"}).out.find("Private fields in the cards: how-met, facts") != std::string::npos);
    REQUIRE(hallwayCli(db, {"sync", "send", "none"}).code == 0);
    status = json::parse(hallwayCli(db, {"sync", "status", "--json"}).out);
    CHECK(status["send"]["how_met"] == false);
    CHECK(status["send"]["facts"] == false);
    unsetenv("HALLWAY_SYNC_PASSWORD");
}
