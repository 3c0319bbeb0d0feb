// The import dialog with a URL, against a real local HTTP server
// (tests/tools/agenda_server.py on 127.0.0.1): the download runs off the
// frame, plain http:// needs the checkbox, the agenda lands with its URL
// remembered, an unchanged agenda imports nothing and a dead server leaves
// the data as it was.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "agenda_server.h"
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
    void openWith(const std::string& text) {
        state.openImportDialog = true;
        imgui.frames(3);
        imgui.type(text.c_str());
        imgui.frames(2);
    }
    void clickImport() {
        auto button = shell.importButtonRect();
        REQUIRE(button);
        imgui.click(*button);
        imgui.frames(1);
    }
    // Frames until the download is in (at most 20 s: the server is local).
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
    CHECK(ui.store.listEvents().empty());
    CHECK(ui.shell.importDialogOpen());

    ui.imgui.click(*ui.shell.allowHttpRect());
    ui.imgui.frames(2);
    ui.clickImport();
    // The frame that started it returned at once: the download is running.
    ui.waitForDownload();
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
    ui.imgui.click(*ui.shell.allowHttpRect());
    ui.imgui.frames(2);
    ui.clickImport();
    ui.waitForDownload();
    CHECK_FALSE(ui.state.status.error);
    CHECK_THAT(ui.state.status.text, Catch::Contains("has not changed"));
    CHECK_FALSE(ui.shell.importDialogOpen());
    CHECK(ui.store.listEvents().size() == 1);
}

TEST_CASE("import dialog: a server that is gone gives the reason and keeps the agenda", "[ui][import][url]") {
    std::string url;
    {
        AgendaServer server({testData("reimport/v1.xml")});
        url = server.url("/schedule.xml");
    }  // stopped: nothing listens on the port now
    DialogUi ui;
    ui.openWith(url);
    ui.imgui.click(*ui.shell.allowHttpRect());
    ui.imgui.frames(2);
    ui.clickImport();
    ui.waitForDownload();
    CHECK(ui.state.status.error);
    CHECK_THAT(ui.state.status.text, Catch::Contains("Could not download the agenda") && Catch::Contains(url));
    CHECK(ui.store.listEvents().empty());
    // The URL stays in the field for another try.
    CHECK(ui.shell.importPathField() == url);
}
