// The Settings dialog as a user drives it: opened with Ctrl+, or the top
// bar's button, each switch written to the settings file at once, a file that
// cannot be written said plainly; and the switches' effect on the live event
// (reminders with a clock the test controls, the refresh worker against a
// local HTTP server on 127.0.0.1).
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <fstream>
#include <thread>

#include "agenda_server.h"
#include "core/time_util.h"
#include "services/url_import.h"
#include "store/agenda_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/headless_ui.h"
#include "ui/live_event.h"
#include "ui/settings.h"
#include "ui/shell.h"

using namespace hallway;
using hallway::testing::AgendaServer;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;

namespace {

struct SettingsUi {
    TempDir dir;
    Store store{dir.file("hallway.db")};
    ui::SettingsFile file;
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;
    explicit SettingsUi(const std::string& settingsPath) : file(settingsPath) {
        // What the app takes from the file at start.
        state.live = file.load().live;
        state.theme = file.written().theme;
        state.recentPlaces = file.written().recent;
        shell.setHeadingFont(imgui.fonts.heading);
        shell.setSettingsFile(&file);
        imgui.setDraw([this] { shell.draw(&store, state); });
        imgui.frames(2);
    }
    void open() {
        imgui.ctrlKey(',');
        imgui.frames(2);
        REQUIRE(shell.settingsDialog().isOpen());
    }
    void click(const std::string& control) {
        auto rect = shell.settingsDialog().controlRect(control);
        REQUIRE(rect);
        imgui.click(*rect);
        imgui.frames(1);
    }
    ui::LiveSettings saved() const { return ui::loadSettings(file.path()).live; }
};

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::trunc);
    out << text;
}

}  // namespace

TEST_CASE("the Settings dialog saves each switch to the settings file at once", "[ui][settings]") {
    TempDir config;
    const std::string path = config.file("settings");
    // What the app wrote earlier stays: the window size, the recent folders.
    writeFile(path, "theme=dark\nwindow_width=1000\nwindow_height=700\nrecent_folder=/tmp\n");
    SettingsUi ui(path);
    CHECK_FALSE(ui.shell.settingsDialog().isOpen());
    ui.open();

    // Defaults: refresh on every 15 minutes, reminders 10 minutes before, notifications on.
    CHECK(ui.state.live == ui::LiveSettings{});

    ui.click("refresh");
    CHECK_FALSE(ui.state.live.autoRefresh);
    CHECK_FALSE(ui.saved().autoRefresh);
    // The interval is greyed out while refresh is off: a click there changes nothing.
    ui.click("every:30");
    CHECK(ui.state.live.refreshMinutes == 15);
    ui.click("refresh");
    ui.click("every:30");
    CHECK(ui.state.live.autoRefresh);
    CHECK(ui.saved().autoRefresh);
    CHECK(ui.saved().refreshMinutes == 30);

    ui.click("before:5");
    CHECK(ui.saved().reminderMinutes == 5);
    ui.click("reminders");
    CHECK_FALSE(ui.saved().reminders);
    CHECK(ui.saved().reminderMinutes == 5);  // off keeps the lead time for when it is on again

    ui.click("notify");
    CHECK_FALSE(ui.state.live.notifyChanges);
    CHECK_FALSE(ui.saved().notifyChanges);

    ui.click("theme:light");
    CHECK(ui.state.theme == ui::ThemeKind::Light);
    CHECK(ui::loadSettings(path).theme == ui::ThemeKind::Light);

    // Which file chooser Browse… opens: Hallway's own when ticked, kept at once.
    ui.state.desktopFileChooser = true;  // as the app starts by default
    ui.imgui.frames(1);
    ui.click("builtin_chooser");
    CHECK_FALSE(ui.state.desktopFileChooser);
    CHECK_FALSE(ui::loadSettings(path).desktopFileChooser);
    ui.click("builtin_chooser");
    CHECK(ui.state.desktopFileChooser);
    CHECK(ui::loadSettings(path).desktopFileChooser);

    const ui::Settings all = ui::loadSettings(path);
    CHECK(all.windowWidth == 1000);
    CHECK(all.windowHeight == 700);
    REQUIRE(all.recent.folders.size() == 1);
    CHECK(all.recent.folders[0] == "/tmp");
    CHECK(ui.shell.settingsDialog().saveError().empty());

    // Escape closes it; the top bar's button opens it again, on what was chosen.
    ui.imgui.key(HeadlessUi::kEscape);
    ui.imgui.frames(1);
    CHECK_FALSE(ui.shell.settingsDialog().isOpen());
    auto button = ui.shell.settingsButtonRect();
    REQUIRE(button);
    ui.imgui.click(*button);
    ui.imgui.frames(2);
    CHECK(ui.shell.settingsDialog().isOpen());
    CHECK(ui.shell.settingsDialog().controlRect("every:30"));
    ui.click("close");
    CHECK_FALSE(ui.shell.settingsDialog().isOpen());
}

TEST_CASE("a settings file that cannot be written: the dialog says so and the change still applies",
          "[ui][settings]") {
    TempDir config;
    writeFile(config.file("not-a-folder"), "x");
    SettingsUi ui(config.file("not-a-folder") + "/settings");
    ui.open();
    ui.click("before:30");
    CHECK(ui.state.live.reminderMinutes == 30);  // applies for this run
    CHECK_THAT(ui.shell.settingsDialog().saveError(), Catch::StartsWith("Could not save settings: cannot create "));
    CHECK(ui.state.status.error);
    CHECK_THAT(ui.state.status.text, Catch::Contains("not-a-folder"));
    ui.imgui.frames(2);  // and the app goes on drawing
    CHECK(ui.shell.settingsDialog().isOpen());
}

TEST_CASE("settings files written before the dialog still read: reminder_minutes=0 means off", "[ui][settings]") {
    TempDir config;
    const std::string path = config.file("settings");
    writeFile(path, "reminder_minutes=0\nauto_refresh=off\n");
    ui::Settings s = ui::loadSettings(path);
    CHECK_FALSE(s.live.reminders);
    CHECK(s.live.reminderMinutes == 10);
    CHECK_FALSE(s.live.autoRefresh);
    // A lead time typed into the file by hand stays, and is offered in the dialog.
    writeFile(path, "reminder_minutes=45\nrefresh_minutes=20\nrefresh_minutes=0\nnotify_changes=off\n");
    s = ui::loadSettings(path);
    CHECK(s.live.reminders);
    CHECK(s.live.reminderMinutes == 45);
    CHECK(s.live.refreshMinutes == 20);  // 0 is out of range and skipped
    CHECK_FALSE(s.live.notifyChanges);
    SettingsUi ui(path);
    ui.open();
    CHECK(ui.shell.settingsDialog().controlRect("before:45"));
    CHECK(ui.shell.settingsDialog().controlRect("every:20"));
}

TEST_CASE("the lead time chosen in the Settings dialog decides when the reminder comes, and off means none",
          "[ui][settings][reminders]") {
    TempDir config;
    SettingsUi ui(config.file("settings"));
    const std::string zone = "Europe/Brussels";
    Event e;
    e.name = "Conf";
    e.timeZone = zone;
    e.startsAt = localToInstant({2025, 2, 1, 9, 0, 0}, zone);
    e.endsAt = localToInstant({2025, 2, 1, 18, 0, 0}, zone);
    const RowId event = AgendaRepo(ui.store).createEvent(e);
    auto session = [&](const std::string& title, int hour) {
        Session s;
        s.eventId = event;
        s.sourceId = title;
        s.title = title;
        s.room = "Janson";
        s.startsAt = localToInstant({2025, 2, 1, hour, 0, 0}, zone);
        s.endsAt = s.startsAt + 1800;
        const RowId id = AgendaRepo(ui.store).insertSession(s);
        AgendaRepo(ui.store).setStarred(id, true);
        return id;
    };
    session("Rust in the kernel", 11);
    session("Packaging for humans", 14);
    ui.state.eventId = event;

    std::vector<std::string> sent;
    ui::LiveEvent live(nullptr, [&](const std::string& summary, const std::string&) { sent.push_back(summary); });
    auto at = [&](int hour, int minute) {
        ui.state.nowOverride = localToInstant({2025, 2, 1, hour, minute, 0}, zone);
        live.update(&ui.store, ui.state, true, zone);
    };
    ui.open();
    ui.click("before:20");
    at(10, 30);
    for (int minute = 31; minute < 40; ++minute) at(10, minute);
    CHECK(sent.empty());
    at(10, 40);  // 20 minutes before, not 10
    REQUIRE(sent.size() == 1);
    CHECK(sent[0] == "In 20 min: Rust in the kernel, Janson");
    CHECK(ui.state.status.text == "\u23f0 In 20 min: Rust in the kernel, Janson");

    // Off in the dialog: the 14:00 session brings nothing, at 13:40 nor at 13:50.
    ui.click("reminders");
    for (int minute = 30; minute < 60; ++minute) at(13, minute);
    CHECK(sent.size() == 1);
}

namespace {

// A one-session frab agenda on today's date (UTC), so the event "runs" and
// automatic refreshes apply to it.
std::string agendaForToday(const TempDir& dir) {
    const std::time_t now = std::time(nullptr) + 3 * 3600;
    std::tm utc{};
    gmtime_r(&now, &utc);
    char date[16], hour[8];
    std::strftime(date, sizeof date, "%Y-%m-%d", &utc);
    std::strftime(hour, sizeof hour, "%H:00", &utc);
    const std::string path = dir.file("today.xml");
    writeFile(path, std::string("<?xml version=\"1.0\"?><schedule><conference><title>Live Conf</title>"
                                "<time_zone_name>UTC</time_zone_name></conference><day date=\"") +
                        date + "\" index=\"1\"><room name=\"Janson\"><event id=\"1\" guid=\"live-1\"><date>" + date +
                        "T" + hour + ":00+00:00</date><start>" + hour +
                        "</start><duration>00:30</duration><room>Janson</room><title>Today</title></event></room>"
                        "</day></schedule>");
    return path;
}

}  // namespace

TEST_CASE("agenda refresh switched off in the Settings dialog fetches nothing, switched on it fetches at once",
          "[ui][settings][live]") {
    TempDir config, data;
    AgendaServer server({agendaForToday(data)});
    SettingsUi ui(config.file("settings"));
    UrlFetchSettings local;
    local.allowHttp = true;
    ui.state.eventId = importAgendaUrl(ui.store, server.url("/schedule.xml"), {}, local).eventId;
    REQUIRE(server.stats() == R"({"full": 1, "not_modified": 0})");

    ui.open();
    ui.click("refresh");
    REQUIRE_FALSE(ui.state.live.autoRefresh);
    ui::LiveEvent live(std::make_unique<ui::AgendaRefreshWorker>(ui.store.path(), std::chrono::hours(1), nullptr),
                       nullptr);
    // Opening the running event with refresh off reads what the database knows and fetches nothing.
    for (int i = 0; i < 150 && !live.worker()->snapshot().hasUrl; ++i) {
        live.update(&ui.store, ui.state, true, "UTC");
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(live.worker()->snapshot().hasUrl);
    live.update(&ui.store, ui.state, true, "UTC");
    CHECK_THAT(ui.state.agendaLine, Catch::StartsWith("Agenda refreshed "));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(live.worker()->snapshot().fetches == 0);
    CHECK(server.stats() == R"({"full": 1, "not_modified": 0})");

    // On again: the open event is refreshed at once (unchanged: a 304).
    ui.click("refresh");
    live.update(&ui.store, ui.state, true, "UTC");
    for (int i = 0; i < 500 && live.worker()->snapshot().fetches == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(live.worker()->snapshot().fetches == 1);
    CHECK(server.stats() == R"({"full": 1, "not_modified": 1})");

    // The interval picked in the dialog is the worker's from the next frame.
    CHECK(live.worker()->interval() == std::chrono::minutes(15));
    ui.click("every:5");
    live.update(&ui.store, ui.state, true, "UTC");
    CHECK(live.worker()->interval() == std::chrono::minutes(5));
    CHECK(live.worker()->automatic());
    ui.click("refresh");
    live.update(&ui.store, ui.state, true, "UTC");
    CHECK_FALSE(live.worker()->automatic());
}

TEST_CASE("a shorter refresh interval applies to the wait under way", "[ui][settings][live]") {
    TempDir data, dir;
    AgendaServer server({agendaForToday(data)});
    const std::string db = dir.file("h.db");
    RowId eventId = 0;
    {
        Store store(db);
        UrlFetchSettings local;
        local.allowHttp = true;
        eventId = importAgendaUrl(store, server.url("/schedule.xml"), {}, local).eventId;
    }
    ui::AgendaRefreshWorker worker(db, std::chrono::hours(1), nullptr);
    worker.setEvent(eventId);  // the event runs: fetched on opening
    for (int i = 0; i < 500 && worker.snapshot().fetches < 1; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(worker.snapshot().fetches == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(worker.snapshot().fetches == 1);  // the next one is an hour away
    worker.setInterval(std::chrono::seconds(1));
    for (int i = 0; i < 250 && worker.snapshot().fetches < 2; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(worker.snapshot().fetches >= 2);
    CHECK_THAT(server.stats(), Catch::StartsWith(R"({"full": 1, "not_modified": )"));
}

TEST_CASE("desktop notifications of changed talks follow the Settings dialog's switch, the banner stays",
          "[ui][settings][live]") {
    AgendaServer server({hallway::testing::testData("reimport/v1.xml"), hallway::testing::testData("reimport/v2.xml")});
    TempDir config;
    SettingsUi ui(config.file("settings"));
    UrlFetchSettings local;
    local.allowHttp = true;
    const RowId eventId = importAgendaUrl(ui.store, server.url("/schedule.xml"), {}, local).eventId;
    for (const auto& s : AgendaRepo(ui.store).sessions(eventId))
        if (s.sourceId == "aaaa-0002")
            AgendaRepo(ui.store).setStarred(s.id, true);  // "Rust in the kernel", moved in v2
    ui.state.eventId = eventId;

    std::vector<std::string> sent;
    ui::LiveEvent live(std::make_unique<ui::AgendaRefreshWorker>(ui.store.path(), std::chrono::hours(1), nullptr),
                       [&](const std::string& summary, const std::string&) { sent.push_back(summary); });
    // Hallway in the background; each refresh asked for as Ctrl+R does.
    auto refreshUntilBanner = [&](size_t lines) {
        for (int i = 0; i < 200 && !live.worker()->status().hasUrl; ++i) {
            live.update(&ui.store, ui.state, false, "UTC");
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ui.state.agendaRefreshRequested = true;
        for (int i = 0; i < 500 && ui.state.agendaChanges.size() < lines; ++i) {
            live.update(&ui.store, ui.state, false, "UTC");
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    };

    ui.open();
    ui.click("notify");
    REQUIRE_FALSE(ui.state.live.notifyChanges);
    server.setVersion(2);
    refreshUntilBanner(1);
    REQUIRE(ui.state.agendaChanges.size() == 1);  // the banner says it either way
    CHECK(sent.empty());

    // On again: the next change comes to the desktop too (the one already shown does not come again).
    ui.click("notify");
    REQUIRE(ui.state.live.notifyChanges);
    server.setVersion(1);
    refreshUntilBanner(2);
    REQUIRE(ui.state.agendaChanges.size() == 2);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0] == "A talk you follow changed");
}

TEST_CASE("at 1024x640 the Settings dialog stays inside the window and scrolls", "[ui][settings][layout]") {
    TempDir dir;
    Store store{dir.file("hallway.db")};
    HeadlessUi imgui(1024.0f, 640.0f);
    ui::Shell shell;
    ui::AppState state;
    shell.setHeadingFont(imgui.fonts.heading);
    imgui.setDraw([&] { shell.draw(&store, state); });
    imgui.frames(2);
    state.openSettings = true;
    imgui.frames(4);
    REQUIRE(shell.settingsDialog().isOpen());
    ImGuiWindow* dialog = ImGui::FindWindowByName("Settings##popup");
    REQUIRE(dialog);
    CHECK(dialog->Pos.y >= 0.0f);  // its title shows
    CHECK(dialog->Pos.y + dialog->Size.y <= 640.0f);
    CHECK(dialog->ScrollMax.y > 0.0f);  // taller than the window: it scrolls to Close
}

TEST_CASE("a label too wide for its place is cut with an ellipsis", "[ui][layout]") {
    HeadlessUi imgui;
    const std::string title = "Now: Mon 23 Nov 09:00 \u00b7 Opening keynote: The hallway track is the real conference";
    std::string cut, shortOne;
    float cutWidth = 0.0f;
    imgui.setDraw([&] {
        cut = ui::fittedLabel(title, 200.0f);
        cutWidth = ImGui::CalcTextSize(cut.c_str()).x;
        shortOne = ui::fittedLabel("Lunch", 200.0f);
    });
    imgui.frame();
    REQUIRE(cut.size() > 3);
    CHECK(cut.size() < title.size());
    CHECK(cut.substr(cut.size() - 3) == "\u2026");
    CHECK(cutWidth <= 200.0f);
    CHECK(title.rfind(cut.substr(0, cut.size() - 3), 0) == 0);
    CHECK(shortOne == "Lunch");
}
