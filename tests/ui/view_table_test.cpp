// The view table (ui/view.h): every row is a view that draws, has its own
// `--view` key and Ctrl shortcut, and is reached by its shortcut and its mode
// button; the named Mode values point at the views other code expects.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/time_util.h"
#include "store/agenda_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/capture_view.h"
#include "ui/followup_view.h"
#include "ui/headless_ui.h"
#include "ui/people_view.h"
#include "ui/plan_view.h"
#include "ui/shell.h"
#include "ui/view.h"

using namespace hallway;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;

namespace {

struct ShellUi {
    TempDir dir;
    Store store{dir.file("hallway.db")};
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;

    ShellUi() {
        Event e;
        e.name = "Lisbon Dev Days";
        e.timeZone = "Europe/Lisbon";
        state.eventId = AgendaRepo(store).createEvent(e);
        state.nowOverride = localToInstant({2024, 6, 3, 10, 0, 0}, e.timeZone);
        shell.setHeadingFont(imgui.fonts.heading);
        imgui.setDraw([this] { shell.draw(&store, state); });
        imgui.frames(2);
    }
};

}  // namespace

TEST_CASE("every view in the table has its own key, label and shortcut", "[ui][views]") {
    const auto& table = ui::viewTable();
    REQUIRE(table.size() >= 4);
    std::set<std::string> keys, labels;
    std::set<int> shortcuts;
    for (size_t i = 0; i < table.size(); ++i) {
        INFO("row " << i << " " << table[i].key);
        CHECK(keys.insert(table[i].key).second);
        CHECK(labels.insert(table[i].label).second);
        CHECK(shortcuts.insert(table[i].shortcut).second);
        // `--view KEY` and the settings file's last view name this row.
        CHECK(ui::modeFromName(table[i].key) == ui::Mode(i));
        CHECK(std::string(ui::modeName(ui::Mode(i))) == table[i].key);
    }
    CHECK(ui::viewKeys().size() == table.size());
    CHECK(ui::viewKeys().front() == "plan");  // table order: the app opens on the first
    CHECK(ui::modeFromName("no-such-view") == ui::Mode::Plan);
}

TEST_CASE("the named modes are the views other code jumps to", "[ui][views]") {
    ui::Shell shell;
    CHECK(dynamic_cast<ui::PlanView*>(&shell.view(ui::Mode::Plan)));
    CHECK(dynamic_cast<ui::CaptureView*>(&shell.view(ui::Mode::Capture)));
    CHECK(dynamic_cast<ui::FollowUpView*>(&shell.view(ui::Mode::FollowUp)));
    CHECK(dynamic_cast<ui::PeopleView*>(&shell.view(ui::Mode::People)));
    CHECK(std::string(ui::viewEntry(ui::Mode::FollowUp).key) == "followup");
}

TEST_CASE("every registered view draws a frame of its own", "[ui][views]") {
    TempDir dir;
    Store store(dir.file("hallway.db"));
    Event e;
    e.name = "Lisbon Dev Days";
    e.timeZone = "Europe/Lisbon";
    ui::AppState state;
    state.eventId = AgendaRepo(store).createEvent(e);
    HeadlessUi imgui;
    // What an empty window costs, to tell a view that draws from one that does not.
    auto beginProbe = [] {
        ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("probe");
    };
    imgui.setDraw([&] {
        beginProbe();
        ImGui::End();
    });
    imgui.frames(2);
    const int emptyVertices = ImGui::GetDrawData()->TotalVtxCount;
    for (const auto& entry : ui::viewTable()) {
        INFO(entry.key);
        std::unique_ptr<ui::View> view = entry.make();
        REQUIRE(view);
        view->setHeadingFont(imgui.fonts.heading);
        imgui.setDraw([&] {
            view->sync(store, state);
            beginProbe();
            view->draw(store, state);
            ImGui::End();
        });
        imgui.frames(2);
        CHECK(ImGui::GetDrawData()->TotalVtxCount > emptyVertices + 100);
    }
}

TEST_CASE("each view's shortcut and mode button switch the shell to it", "[ui][views]") {
    ShellUi ui;
    const auto& table = ui::viewTable();
    // Backwards, so every switch is a change (the shell starts on the first view).
    for (size_t i = table.size(); i-- > 0;) {
        INFO(table[i].key);
        ui.imgui.ctrlKey(table[i].shortcut);
        CHECK(ui.state.mode == ui::Mode(i));
    }
    ui.state.mode = ui::Mode(table.size() - 1);
    ui.imgui.frames(2);
    for (size_t i = 0; i < table.size(); ++i) {
        INFO(table[i].key);
        auto rect = ui.shell.modeRect(ui::Mode(i));
        REQUIRE(rect);
        ui.imgui.click(*rect);
        CHECK(ui.state.mode == ui::Mode(i));
    }
}

TEST_CASE("switching to Capture by its shortcut puts the keyboard in the note box", "[ui][views]") {
    ShellUi ui;
    ui.imgui.ctrlKey(ui::viewEntry(ui::Mode::Capture).shortcut);
    REQUIRE(ui.state.mode == ui::Mode::Capture);
    ui.imgui.frames(2);
    CHECK(ImGui::GetActiveID() != 0);
    CHECK(ImGui::GetIO().WantTextInput);
}
