// The Sync dialog as a user drives it, against a real Radicale on 127.0.0.1
// (tests/dav_server.h): opened from Settings, a server linked with Connect on
// a worker thread (frames keep coming meanwhile), a wrong password said as the
// CLI says it, and conflicts settled with one click.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "dav_server.h"
#include "services/dav_client.h"
#include "services/sync_secret.h"
#include "services/sync_service.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "store/sync_repo.h"
#include "test_support.h"
#include "ui/headless_ui.h"
#include "ui/shell.h"

using namespace hallway;
using hallway::testing::DavServer;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;

namespace {

struct SyncUi {
    TempDir dir;
    DavServer server{"radicale", dir.file("dav")};
    Store store{dir.file("hallway.db")};
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;
    SyncUi() {
        // The password goes to the 0600 file here, never to a desktop keyring of the machine running the tests.
        setenv("XDG_CONFIG_HOME", dir.file("config").c_str(), 1);
        unsetenv("HALLWAY_SYNC_PASSWORD");
        unsetenv("DBUS_SESSION_BUS_ADDRESS");
        shell.setHeadingFont(imgui.fonts.heading);
        imgui.setDraw([this] { shell.draw(&store, state); });
        imgui.frames(2);
    }
    ui::SyncDialog& dialog() { return shell.syncDialog(); }
    void click(const std::string& control) {
        auto rect = dialog().controlRect(control);
        REQUIRE(rect);
        imgui.click(*rect);
        imgui.frames(1);
    }
    void typeInto(const std::string& control, const std::string& text) {
        click(control);
        imgui.type(text.c_str());
    }
    // Frames until Connect's worker is done (at most 30 s); counts the frames drawn meanwhile.
    int connectAndWait() {
        click("connect");
        int frames = 0;
        for (int i = 0; i < 600 && dialog().connecting(); ++i) {
            imgui.frame();
            ++frames;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        REQUIRE_FALSE(dialog().connecting());
        imgui.frames(2);
        return frames;
    }
    RowId addPerson(const std::string& name, const std::string& company, const std::string& role) {
        Person p;
        p.displayName = name;
        p.company = company;
        p.role = role;
        p.source = "typed";
        return PeopleRepo(store).create(p);
    }
    SyncRoundReport round() {
        SyncRoundOptions o;
        o.password = DavServer::kPassword;
        return runSyncRound(store, o);
    }
};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("Sync dialog: opened from Settings, Connect links the server on a worker and keeps the password 0600",
          "[ui][sync]") {
    SyncUi ui;
    ui.imgui.ctrlKey(',');
    ui.imgui.frames(2);
    REQUIRE(ui.shell.settingsDialog().isOpen());
    auto syncButton = ui.shell.settingsDialog().controlRect("sync");
    REQUIRE(syncButton);
    ui.imgui.click(*syncButton);
    ui.imgui.frames(2);
    CHECK_FALSE(ui.shell.settingsDialog().isOpen());
    REQUIRE(ui.dialog().isOpen());
    CHECK_FALSE(ui.dialog().controlRect("allow-http"));  // http:// to this machine needs no permission

    ui.typeInto("url", ui.server.url("/"));
    ui.typeInto("user", DavServer::kUser);
    ui.typeInto("password", DavServer::kPassword);
    ui.connectAndWait();

    CHECK(ui.dialog().connectError().empty());
    REQUIRE(ui.dialog().linked());
    const SyncSetupResult& found = ui.dialog().linked()->setup;
    CHECK(found.addressBook.rfind(ui.server.url("/"), 0) == 0);
    CHECK(found.taskList.rfind(ui.server.url("/"), 0) == 0);
    CHECK(found.created == std::vector<std::string>{"Hallway", "Hallway follow-ups"});
    // Kept as the CLI keeps it: not in the database, in the 0600 file when no Secret Service runs.
    auto status = syncStatus(ui.store);
    REQUIRE(status.account);
    CHECK(status.account->user == DavServer::kUser);
    CHECK(status.account->secretStore == "file");
    CHECK(status.collections.size() == 2);
    CHECK(lookupSyncPassword(ui.server.url("/"), DavServer::kUser, "file") == std::string(DavServer::kPassword));
    struct stat st {};
    REQUIRE(stat(syncPasswordFile().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    // The app's loop starts the first round although its worker saw nothing linked at start.
    CHECK(ui.state.syncNowRequested);
    CHECK(ui.state.syncJustLinked);
    CHECK(ui.dialog().shown().account);
}

TEST_CASE("Sync dialog: a wrong password is said as the CLI says it and nothing is linked", "[ui][sync]") {
    SyncUi ui;
    ui.state.openSyncDialog = true;
    ui.imgui.frames(2);
    REQUIRE(ui.dialog().isOpen());
    ui.typeInto("url", ui.server.url("/"));
    ui.typeInto("user", DavServer::kUser);
    ui.typeInto("password", "wrong");
    ui.connectAndWait();
    CHECK_FALSE(ui.dialog().linked());
    const std::string& error = ui.dialog().connectError();
    CHECK(error.find("user name or password") != std::string::npos);
    CHECK(error.find(ui.server.url("/")) != std::string::npos);  // names the address, as the CLI does
    CHECK_FALSE(syncStatus(ui.store).account);
    CHECK_FALSE(ui.state.syncNowRequested);
    CHECK_FALSE(lookupSyncPassword(ui.server.url("/"), DavServer::kUser, "file"));

    // An unreachable server: said the same way.
    ui.server.crash();
    ui.connectAndWait();
    CHECK(ui.dialog().connectError().find("cannot connect") != std::string::npos);
}

TEST_CASE("Sync dialog: conflicts listed with both values, settled by taking the server's or keeping both",
          "[ui][sync]") {
    SyncUi ui;
    RowId ana = ui.addPerson("Ana Lima", "Acme", "Engineer");
    linkSyncAccount(ui.store, {ui.server.url("/"), DavServer::kUser, DavServer::kPassword, "", false});
    ui.round();
    // The phone changes company and role; so does the laptop.
    DavClient phone(DavAccount{DavServer::kUser, DavServer::kPassword, "", false});
    std::string href;
    for (auto& c : syncStatus(ui.store).collections)
        if (c.kind == "contacts")
            for (auto& i : SyncRepo(ui.store).items(c.id))
                if (i.localId == ana) href = i.href;
    REQUIRE_FALSE(href.empty());
    std::string card = phone.expect2xx("GET", href).body;
    card = replaced(replaced(card, "ORG:Acme", "ORG:Phone Corp"), "TITLE:Engineer", "TITLE:CTO");
    phone.expect2xx("PUT", href, card, {"Content-Type: text/vcard"});
    {
        Person here = *PeopleRepo(ui.store).find(ana);
        here.company = "Laptop Ltd";
        here.role = "Staff engineer";
        Store::Transaction tx(ui.store);
        PeopleRepo(ui.store).replaceDetails(here);
        tx.commit();
    }
    REQUIRE(ui.round().conflicts == 2);

    ui.state.openSyncDialog = true;
    ui.imgui.frames(2);
    REQUIRE(ui.dialog().isOpen());
    const auto conflicts = ui.dialog().shown().conflicts;
    REQUIRE(conflicts.size() == 2);
    RowId company = 0, role = 0;
    for (auto& c : conflicts) (c.field == "company" ? company : role) = c.id;
    REQUIRE(company);
    REQUIRE(role);
    const std::uint64_t before = ui.state.revision.value(ui::Change::People);

    ui.click("server:" + std::to_string(company));
    Person now = *PeopleRepo(ui.store).find(ana);
    CHECK(now.company == "Phone Corp");
    CHECK(ui.state.revision.value(ui::Change::People) > before);  // People's views reload
    REQUIRE(ui.dialog().shown().conflicts.size() == 1);
    CHECK_FALSE(ui.dialog().controlRect("server:" + std::to_string(company)));

    ui.click("both:" + std::to_string(role));
    now = *PeopleRepo(ui.store).find(ana);
    CHECK(now.role == "Staff engineer");
    bool kept = false;
    for (auto& f : now.facts) kept = kept || f.text == "Role on the server: CTO";
    CHECK(kept);
    CHECK(ui.dialog().shown().conflicts.empty());
    CHECK(syncStatus(ui.store).conflicts.empty());

    // The next round agrees with the server and finds no new conflict; the fact stays here.
    SyncRoundReport r = ui.round();
    CHECK(r.conflicts == 0);
    std::string onServer = phone.expect2xx("GET", href).body;
    CHECK(onServer.find("ORG:Phone Corp") != std::string::npos);
    CHECK(onServer.find("TITLE:Staff engineer") != std::string::npos);
    CHECK(onServer.find("on the server") == std::string::npos);
}

TEST_CASE("Sync dialog: private fields are off until ticked, each on its own", "[ui][sync]") {
    SyncUi ui;
    linkSyncAccount(ui.store, {ui.server.url("/"), DavServer::kUser, DavServer::kPassword, "", false});
    ui.state.openSyncDialog = true;
    ui.imgui.frames(2);
    REQUIRE(ui.dialog().isOpen());
    CHECK_FALSE(syncAccount(ui.store)->sendFacts);
    ui.click("send-facts");
    auto account = syncAccount(ui.store);
    CHECK(account->sendFacts);
    CHECK_FALSE(account->sendHowMet);
    CHECK(ui.dialog().shown().account->sendFacts);
    ui.click("send-how-met");
    CHECK(syncAccount(ui.store)->sendHowMet);
    ui.click("send-facts");
    account = syncAccount(ui.store);
    CHECK_FALSE(account->sendFacts);
    CHECK(account->sendHowMet);
}
