// The status line: a message too long for it says so, and a click opens it
// whole; a short one is drawn as it is.
#include <catch2/catch.hpp>

#include <string>

#include "store/store.h"
#include "test_support.h"
#include "ui/headless_ui.h"
#include "ui/shell.h"

using namespace hallway;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;

TEST_CASE("a status message longer than the line opens whole on a click", "[ui][shell]") {
    TempDir dir;
    Store store(dir.file("hallway.db"));
    HeadlessUi imgui(1024.0f, 640.0f);
    ui::Shell shell;
    ui::AppState state;
    imgui.setDraw([&] { shell.draw(&store, state); });
    state.info("Imported Big Congress from schedule.xml: 12 sessions.");
    imgui.frames(2);
    CHECK_FALSE(shell.statusCut());

    std::string warning = "Imported Big Congress from schedule.xml: 773 sessions (773 new, 0 changed, 0 removed), "
                          "106 rooms, 4 days. 3 warnings, first: line 4711: session 'Lightning talks' has no end time; "
                          "it is shown as 5 minutes long";
    state.error(warning);
    imgui.frames(2);
    CHECK(shell.statusCut());
    CHECK_FALSE(shell.statusMessageOpen());
    auto line = shell.statusRect();
    REQUIRE(line);
    imgui.click(*line);
    CHECK(shell.statusMessageOpen());
}

TEST_CASE("after an import the status line counts the warnings and a click lists every one whole", "[ui][shell][import]") {
    TempDir dir;
    Store store(dir.file("hallway.db"));
    HeadlessUi imgui(1280.0f, 800.0f);
    ui::Shell shell;
    ui::AppState state;
    imgui.setDraw([&] { shell.draw(&store, state); });
    imgui.frames(2);
    REQUIRE(shell.importFile(store, state, hallway::testing::testData("contacts/linkedin_connections.csv")));
    imgui.frames(2);
    INFO(state.status.text);
    CHECK(state.status.text.find("2 warnings.") != std::string::npos);
    CHECK(state.status.text.find("first:") == std::string::npos);
    REQUIRE(state.status.details.size() == 2);
    for (const std::string& w : state.status.details) CHECK(w.rfind("line ", 0) == 0);
    // Short enough for the line, but the warnings are behind a click.
    CHECK(shell.statusCut());
    auto line = shell.statusRect();
    REQUIRE(line);
    imgui.click(*line);
    CHECK(shell.statusMessageOpen());
    // A later message without warnings drops them.
    state.info("Starred 1 session.");
    imgui.frames(2);
    CHECK(state.status.details.empty());
}
