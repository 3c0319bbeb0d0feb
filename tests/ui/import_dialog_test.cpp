// The import dialog as a user drives it: the zone field prefilled from the
// file, else the event, else the computer; a search over zone names; the
// change list shown after an import; and an agenda by URL against a real local
// HTTP server (tests/tools/agenda_server.py on 127.0.0.1), downloaded off the
// frame, plain http:// only with its checkbox.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

#include "agenda_server.h"

#include "core/time_util.h"
#include "store/agenda_repo.h"
#include "store/sources_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/headless_ui.h"
#include "ui/shell.h"

using namespace hallway;
using hallway::testing::AgendaServer;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;
using hallway::testing::testData;

namespace {

struct DialogUi {
    TempDir dir;
    Store store{dir.file("hallway.db")};
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;
    DialogUi() {
        shell.setHeadingFont(imgui.fonts.heading);
        imgui.setDraw([this] { shell.draw(&store, state); });
        imgui.frames(2);
    }

    // Opens the dialog and types `path` into its focused path field.
    void openWith(const std::string& path) {
        state.openImportDialog = true;
        imgui.frames(3);
        imgui.type(path.c_str());
        imgui.frames(2);
    }
    // Empties the zone field and types `text` into it.
    void typeZone(const char* text) {
        auto input = shell.importZoneField().inputRect();
        REQUIRE(input);
        imgui.click(*input);
        for (size_t i = shell.importZoneField().text().size(); i > 0; --i) imgui.key(HeadlessUi::kBackspace);
        imgui.type(text);
        imgui.frames(2);
    }
    void clickImport() {
        auto button = shell.importButtonRect();
        REQUIRE(button);
        imgui.click(*button);
        imgui.frames(2);
    }
    // Ticks "Allow plain http://" (shown for an http:// URL), presses
    // Download and import and waits for the download.
    void allowHttpAndImport() {
        auto allow = shell.allowHttpRect();
        REQUIRE(allow);
        imgui.click(*allow);
        imgui.frames(2);
        clickImport();
        waitForDownload();
    }
    // Frames until a download started from the dialog is in (at most 20 s: the server is local).
    void waitForDownload() {
        for (int i = 0; i < 400 && shell.importDownloading(); ++i) {
            imgui.frames(1);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        REQUIRE_FALSE(shell.importDownloading());
        imgui.frames(3);
    }
};

}  // namespace

TEST_CASE("import dialog: zone from the computer, then kept from the event, then changed with a summary",
          "[ui][import][zone]") {
    DialogUi ui;
    const std::string file = testData("zones/no_zone.xml");

    // First import: the file names no zone and there is no event yet.
    ui.openWith(file);
    CHECK(ui.shell.importZoneField().text() == systemTimeZone());
    // Search: part of a city lists the zone; a click picks it.
    ui.typeZone("brussel");
    auto pick = ui.shell.importZoneField().matchRect("Europe/Brussels");
    REQUIRE(pick);
    ui.imgui.click(*pick);
    CHECK(ui.shell.importZoneField().text() == "Europe/Brussels");
    ui.clickImport();
    REQUIRE(ui.shell.importReport());
    CHECK(ui.shell.importReport()->eventCreated);
    CHECK(ui.shell.importReport()->timeZone == "Europe/Brussels");
    REQUIRE(ui.state.eventId);
    const RowId eventId = *ui.state.eventId;
    CHECK(AgendaRepo(ui.store).findEvent(eventId)->timeZone == "Europe/Brussels");
    ui.imgui.key(HeadlessUi::kEscape);
    ui.imgui.frames(2);
    CHECK_FALSE(ui.shell.importReport());

    // Re-import: the field starts at the event's zone and nothing moves.
    ui.openWith(file);
    CHECK(ui.shell.importZoneField().text() == "Europe/Brussels");
    ui.clickImport();
    REQUIRE(ui.shell.importReport());
    CHECK_FALSE(ui.shell.importReport()->eventCreated);
    CHECK(ui.shell.importReport()->sessionsUnchanged == 3);
    CHECK_FALSE(ui.shell.importReport()->zoneChange);
    CHECK(AgendaRepo(ui.store).findEvent(eventId)->timeZone == "Europe/Brussels");
    ui.imgui.key(HeadlessUi::kEscape);

    // Re-import in another zone: one summary, not a line per session.
    ui.openWith(file);
    ui.typeZone("Europe/London");
    ui.clickImport();
    REQUIRE(ui.shell.importReport());
    const auto& report = *ui.shell.importReport();
    REQUIRE(report.zoneChange);
    CHECK(report.zoneChange->shifted == 3);
    CHECK(report.changes.empty());
    CHECK(report.zoneChange->examples.size() == 3);
    CHECK(describeZoneChange(*report.zoneChange) ==
          "all 3 times shifted by +1 h because the zone changed from Europe/Brussels to Europe/London");
    CHECK(ui::changeLines(report).empty());  // no "moved" line per session
    CHECK(AgendaRepo(ui.store).findEvent(eventId)->timeZone == "Europe/London");
}

TEST_CASE("import dialog: a re-import's changes line up in a kind column and a move shows an arrow",
          "[ui][import]") {
    DialogUi ui;
    ui.openWith(testData("reimport/v1.xml"));
    ui.clickImport();
    REQUIRE(ui.shell.importReport());
    ui.imgui.key(HeadlessUi::kEscape);
    ui.imgui.frames(2);

    ui.openWith(testData("reimport/v2.xml"));
    ui.clickImport();
    REQUIRE(ui.shell.importReport());
    const auto lines = ui::changeLines(*ui.shell.importReport());
    REQUIRE(lines.size() == 4);  // moved, retitled, removed, added: kind names of four widths
    const auto& rects = ui.shell.importChangeRects();
    REQUIRE(rects.kinds.size() == lines.size());
    REQUIRE(rects.texts.size() == lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
        INFO(lines[i].kind << "  " << lines[i].text);
        CHECK(rects.kinds[i].min.x == rects.kinds[0].min.x);
        CHECK(rects.texts[i].min.x == rects.texts[0].min.x);
        // No kind runs into its text: "removed", the widest, keeps a gap.
        CHECK(rects.texts[i].min.x >= rects.kinds[i].max.x + 0.5f * ui.imgui.fonts.body->FontSize);
    }
    auto moved = std::find_if(lines.begin(), lines.end(), [](const ui::ChangeLine& l) { return l.kind == std::string("moved"); });
    REQUIRE(moved != lines.end());
    CHECK(moved->text == "Rust in the kernel: 2025-02-01 11:00 Janson \u2192 2025-02-01 12:00 K.1.105");
    // The arrow is in the atlas, not drawn as the fallback box.
    CHECK(ui.imgui.fonts.body->FindGlyphNoFallback(0x2192) != nullptr);
}

TEST_CASE("import dialog: a zone Hallway does not know blocks the import", "[ui][import][zone]") {
    DialogUi ui;
    ui.openWith(testData("zones/no_zone.xml"));
    ui.typeZone("Mars/Olympus");
    ui.imgui.frames(2);
    CHECK_FALSE(ui.shell.importZoneField().valid());
    ui.clickImport();
    CHECK_FALSE(ui.shell.importReport());
    CHECK(AgendaRepo(ui.store).listEvents().empty());
}

TEST_CASE("zone search finds places by part of their name", "[ui][zone]") {
    auto york = ui::searchTimeZones("new york", 8);
    REQUIRE_FALSE(york.empty());
    CHECK(*york.front() == "America/New_York");
    auto berl = ui::searchTimeZones("BERL", 8);
    REQUIRE_FALSE(berl.empty());
    CHECK(*berl.front() == "Europe/Berlin");
    CHECK(ui::searchTimeZones("no such place", 8).empty());
    CHECK(ui::searchTimeZones("a", 8).size() == 8);
}

TEST_CASE("import dialog: an agenda by URL downloads off the frame and is refreshed from then on",
          "[ui][import][url]") {
    AgendaServer server({testData("reimport/v1.xml")});
    const std::string url = server.url("/schedule.xml");
    DialogUi ui;
    ui.openWith(url);

    // Plain http:// is refused until the box is ticked: nothing is written.
    REQUIRE(ui.shell.allowHttpRect());
    ui.clickImport();
    ui.waitForDownload();
    CHECK(ui.state.status.error);
    CHECK_THAT(ui.state.status.text, Catch::Contains(url) && Catch::Contains("Nothing was imported"));
    CHECK(AgendaRepo(ui.store).listEvents().empty());
    CHECK(ui.shell.importDialogOpen());

    // The download runs off the frame; the dialog polls for it.
    ui.allowHttpAndImport();
    INFO(ui.state.status.text);
    CHECK_FALSE(ui.state.status.error);
    REQUIRE(ui.state.eventId);
    REQUIRE(ui.shell.importReport());
    CHECK(ui.shell.importReport()->sessionsTotal > 0);
    auto source = SourcesRepo(ui.store).find(*ui.state.eventId);
    REQUIRE(source);
    CHECK(source->url == url);
    ui.imgui.key(HeadlessUi::kEscape);
    ui.imgui.frames(2);

    // The same URL again: the server says not modified, nothing changes, the dialog closes.
    ui.openWith(url);
    ui.allowHttpAndImport();
    CHECK_FALSE(ui.state.status.error);
    CHECK_THAT(ui.state.status.text, Catch::Contains("has not changed"));
    CHECK_FALSE(ui.shell.importDialogOpen());
    CHECK(AgendaRepo(ui.store).listEvents().size() == 1);
}

TEST_CASE("import dialog: a server that is gone gives the reason and keeps the agenda", "[ui][import][url]") {
    std::string url;
    {
        AgendaServer server({testData("reimport/v1.xml")});
        url = server.url("/schedule.xml");
    }  // stopped: nothing listens on the port now
    DialogUi ui;
    ui.openWith(url);
    ui.allowHttpAndImport();
    CHECK(ui.state.status.error);
    CHECK_THAT(ui.state.status.text, Catch::Contains("Could not download the agenda") && Catch::Contains(url));
    CHECK(AgendaRepo(ui.store).listEvents().empty());
    // The URL stays in the field for another try.
    CHECK(ui.shell.importPathField() == url);
}
