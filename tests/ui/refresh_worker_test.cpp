// The live agenda in the app: the refresh worker against a real local HTTP
// server (tests/tools/agenda_server.py on 127.0.0.1), and the banner it feeds.
#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <thread>

#include "agenda_server.h"
#include "services/url_import.h"
#include "store/agenda_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/headless_ui.h"
#include "ui/refresh_worker.h"
#include "ui/shell.h"

using namespace hallway;
using hallway::testing::AgendaServer;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;
using hallway::testing::testData;

namespace {

// Waits (bounded) until the worker has finished a try after `tries` earlier ones.
ui::AgendaRefreshWorker::Snapshot settled(ui::AgendaRefreshWorker& worker, Instant after) {
    for (int i = 0; i < 500; ++i) {
        auto s = worker.snapshot();
        if (!s.running && s.lastTry > after) return s;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return worker.snapshot();
}

RowId sessionBySource(Store& store, RowId eventId, const std::string& sourceId) {
    for (const auto& s : AgendaRepo(store).sessions(eventId))
        if (s.sourceId == sourceId) return s.id;
    return 0;
}

}  // namespace

TEST_CASE("the app's refresh worker fetches the open event's URL and reports a moved starred talk once",
          "[ui][live]") {
    AgendaServer server({testData("reimport/v1.xml"), testData("reimport/v2.xml")});
    TempDir dir;
    const std::string db = dir.file("h.db");
    RowId eventId = 0, rust = 0;
    {
        Store store(db);
        UrlFetchSettings local;
        local.allowHttp = true;
        eventId = importAgendaUrl(store, server.url("/schedule.xml"), {}, local).eventId;
        rust = sessionBySource(store, eventId, "aaaa-0002");
        REQUIRE(rust != 0);
        AgendaRepo(store).setStarred(rust, true);
    }
    int wakes = 0;
    ui::AgendaRefreshWorker worker(db, std::chrono::hours(1), [&] { ++wakes; });
    worker.setEvent(eventId);
    // The event (February 2025) is long over: opening it fetches nothing, but says it has a URL.
    for (int i = 0; i < 200 && !worker.snapshot().hasUrl; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(worker.snapshot().hasUrl);
    CHECK(server.stats() == R"({"full": 1, "not_modified": 0})");

    // Asked for, it fetches: unchanged, a 304.
    const Instant before = worker.snapshot().lastTry;
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // lastTry has whole seconds
    worker.requestNow();
    auto s = settled(worker, before);
    CHECK(s.error.empty());
    CHECK(s.unseen.empty());
    CHECK(server.stats() == R"({"full": 1, "not_modified": 1})");
    CHECK_THAT(ui::AgendaRefreshWorker::statusText(s, "UTC"), Catch::StartsWith("Agenda refreshed "));
    const auto versionBefore = s.dataVersion;

    // The organiser moves the starred talk.
    server.setVersion(2);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    worker.requestNow();
    s = settled(worker, s.lastTry);
    CHECK(s.error.empty());
    CHECK(s.dataVersion == versionBefore + 1);
    REQUIRE(s.unseen.size() == 1);
    CHECK(s.unseen[0].starred);
    CHECK(s.unseen[0].change.sessionId == rust);
    CHECK(describeWatchedChange(s.unseen[0]) ==
          "Your starred talk moved: \u201c" + s.unseen[0].change.title +
              "\u201d 2025-02-01 11:00 Janson \u2192 2025-02-01 12:00 K.1.105");
    CHECK(wakes > 0);

    // The frame's cheap status says the list changed, without carrying it.
    CHECK(worker.status().unseen.empty());
    const auto unseenVersion = worker.status().unseenVersion;
    CHECK(unseenVersion > 0);

    // Read and dismissed: gone; the next refresh (a 304) brings nothing back.
    worker.dismissChanges();
    CHECK(worker.snapshot().unseen.empty());
    CHECK(worker.status().unseenVersion != unseenVersion);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    worker.requestNow();
    s = settled(worker, s.lastTry);
    CHECK(s.unseen.empty());
    CHECK(server.stats() == R"({"full": 2, "not_modified": 2})");
}

TEST_CASE("a failed refresh says why in the top bar and keeps the agenda", "[ui][live]") {
    AgendaServer server({testData("reimport/v1.xml")});
    TempDir dir;
    const std::string db = dir.file("h.db");
    RowId eventId = 0;
    size_t sessions = 0;
    {
        Store store(db);
        UrlFetchSettings local;
        local.allowHttp = true;
        eventId = importAgendaUrl(store, server.url("/schedule.xml"), {}, local).eventId;
        sessions = AgendaRepo(store).sessions(eventId).size();
    }
    server.stop();  // the network is gone
    ui::AgendaRefreshWorker worker(db, std::chrono::hours(1), nullptr);
    worker.setEvent(eventId);
    worker.requestNow();
    auto s = settled(worker, 0);
    CHECK_FALSE(s.error.empty());
    CHECK_THAT(ui::AgendaRefreshWorker::statusText(s, "UTC"), Catch::StartsWith("Agenda refresh failed: "));
    CHECK(s.error.find("http://") == std::string::npos);  // the reason, not the URL
    Store store(db);
    CHECK(AgendaRepo(store).sessions(eventId).size() == sessions);
}

TEST_CASE("an agenda from a file has no refresh line", "[ui][live]") {
    TempDir dir;
    const std::string db = dir.file("h.db");
    RowId eventId = 0;
    {
        Store store(db);
        Event e;
        e.name = "From a file";
        e.timeZone = "UTC";
        eventId = AgendaRepo(store).createEvent(e);
    }
    ui::AgendaRefreshWorker worker(db, std::chrono::hours(1), nullptr);
    worker.setEvent(eventId);
    worker.requestNow();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto s = worker.snapshot();
    CHECK_FALSE(s.hasUrl);
    CHECK(ui::AgendaRefreshWorker::statusText(s, "UTC").empty());
}

TEST_CASE("the banner lists changes to watched talks and Dismiss clears it", "[ui][live]") {
    TempDir dir;
    Store store(dir.file("h.db"));
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;
    shell.setHeadingFont(imgui.fonts.heading);
    imgui.setDraw([&] { shell.draw(&store, state); });
    imgui.frames(2);
    CHECK_FALSE(shell.agendaChangesDismissRect());  // nothing changed: no banner

    state.agendaChanges = {"Your starred talk moved: \u201cRust\u201d Sat 11:00 Janson \u2192 Sat 12:00 K.1.105",
                           "Ana Lima's talk was removed from the agenda: \u201cFuzzing\u201d (was Sat 14:00 H.2215)"};
    state.agendaLine = "Agenda refreshed 14:05";
    imgui.frames(2);
    auto dismiss = shell.agendaChangesDismissRect();
    REQUIRE(dismiss);
    imgui.click(*dismiss);
    imgui.frames(1);
    CHECK(state.agendaChangesDismissed);
    CHECK(state.agendaChanges.empty());
    CHECK_FALSE(shell.agendaChangesDismissRect());

    // Ctrl+R asks for the agenda from its URL now (the app's loop hands it to the worker).
    CHECK_FALSE(state.agendaRefreshRequested);
    imgui.ctrlKey('R');
    CHECK(state.agendaRefreshRequested);
}

TEST_CASE("a changed talk you follow is announced on the desktop once, grouped, at most three lines", "[ui][refresh]") {
    std::set<std::string> notified;
    auto one = ui::AgendaRefreshWorker::noticeFor({"Your starred talk moved: A"}, notified);
    REQUIRE(one);
    CHECK(one->summary == "A talk you follow changed");
    CHECK(one->body == "Your starred talk moved: A");
    // The same banner again (a frame later, or after another refresh): nothing new.
    CHECK_FALSE(ui::AgendaRefreshWorker::noticeFor({"Your starred talk moved: A"}, notified));
    // Five more at once: one notification, three lines and a count.
    auto five = ui::AgendaRefreshWorker::noticeFor(
        {"Your starred talk moved: A", "B moved", "C moved", "D was removed", "E moved", "F retitled"}, notified);
    REQUIRE(five);
    CHECK(five->summary == "5 talks you follow changed");
    CHECK(five->body == "B moved\nC moved\nD was removed\nand 2 more (see Hallway)");
    // Dismissed and shown again: still announced only once.
    CHECK_FALSE(ui::AgendaRefreshWorker::noticeFor({"B moved"}, notified));
}
