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
