#include <catch2/catch.hpp>

#include <imgui.h>

#include "store/agenda_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/headless_ui.h"
#include "ui/shell.h"

using namespace hallway;
using hallway::testing::HeadlessUi;
using hallway::testing::testData;

// `hallway FILE` (the launcher's %f) sets these two before the first frame.
TEST_CASE("a file given on the command line opens in the import popup and Enter imports it", "[ui][import]") {
    Store store(":memory:");
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;
    shell.setHeadingFont(imgui.fonts.heading);
    const std::string file = testData("reimport/v1.xml");
    state.importPath = file;
    state.openImportDialog = true;
    imgui.setDraw([&] { shell.draw(&store, state); });
    imgui.frames(3);

    CHECK(shell.importPathField() == file);
    CHECK(state.importPath.empty());  // taken once, not again at the next opening
    REQUIRE(AgendaRepo(store).listEvents().empty());

    imgui.key(HeadlessUi::kEnter);
    imgui.frames(2);
    CHECK_FALSE(state.status.error);
    REQUIRE(AgendaRepo(store).listEvents().size() == 1);
    CHECK(shell.importPathField().empty());
}
