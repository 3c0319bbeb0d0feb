// The day grid of a big event: which rooms it shows (rooms with starred
// sessions first, only those, a picked set, a track, my sessions only), the
// default for an event of many rooms, and scrolling to a session chosen
// elsewhere.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/time_util.h"
#include "store/agenda_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/headless_ui.h"
#include "ui/shell.h"

using namespace hallway;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;

namespace {

// One day, 100 rooms "Room 000".."Room 099", four one-hour sessions in each
// from 09:00; odd rooms are track "Open", even ones "Security".
struct BigEvent {
    TempDir dir;
    Store store{dir.file("hallway.db")};
    RowId eventId = 0;
    std::vector<std::vector<RowId>> byRoom;  // [room][slot]

    BigEvent() {
        Event e;
        e.name = "Big Congress";
        e.timeZone = "Europe/Berlin";
        eventId = AgendaRepo(store).createEvent(e);
        byRoom.resize(100);
        for (int room = 0; room < 100; ++room)
            for (int slot = 0; slot < 4; ++slot) {
                Session s;
                s.eventId = eventId;
                s.sourceId = std::to_string(room) + "-" + std::to_string(slot);
                char name[16];
                std::snprintf(name, sizeof name, "Room %03d", room);
                s.room = name;
                s.track = room % 2 ? "Open" : "Security";
                s.title = "Talk " + s.sourceId;
                s.startsAt = localToInstant({2025, 12, 27, 9 + slot, 0, 0}, e.timeZone);
                s.endsAt = s.startsAt + 50 * 60;
                byRoom[size_t(room)].push_back(AgendaRepo(store).insertSession(s));
            }
    }
    RowId session(int room, int slot) const { return byRoom[size_t(room)][size_t(slot)]; }
};

struct Ui {
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;

    explicit Ui(Store& store) {
        shell.setHeadingFont(imgui.fonts.heading);
        state.nowOverride = localToInstant({2025, 12, 1, 12, 0, 0}, "UTC");
        imgui.setDraw([this, &store] { shell.draw(&store, state); });
        imgui.frames(3);
    }
    ui::PlanView& plan() { return shell.plan(); }
    std::string roomOfColumn(size_t c) { return plan().model().rooms()[size_t(plan().dayLayout().columns()[c])]; }
};

bool inside(const ui::WidgetRect& inner, const ui::WidgetRect& outer) {
    return inner.min.x >= outer.min.x && inner.max.x <= outer.max.x && inner.min.y >= outer.min.y &&
           inner.max.y <= outer.max.y;
}

}  // namespace

TEST_CASE("the day layout puts rooms with starred sessions first and filters rooms, tracks and stars",
          "[ui][plan]") {
    BigEvent f;
    AgendaRepo(f.store).setStarred(f.session(57, 1), true);
    AgendaRepo(f.store).setStarred(f.session(90, 2), true);
    ui::PlanModel plan;
    REQUIRE(plan.sync(f.store, f.eventId, 1));
    ui::DayLayout layout;
    layout.sync(plan, 0);
    REQUIRE(layout.columns().size() == 100);
    CHECK(plan.rooms()[size_t(layout.columns()[0])] == "Room 057");
    CHECK(plan.rooms()[size_t(layout.columns()[1])] == "Room 090");
    CHECK(plan.rooms()[size_t(layout.columns()[2])] == "Room 000");
    CHECK(layout.roomsThatDay() == 100);
    CHECK(layout.starredRoomsThatDay() == 2);

    ui::GridFilter g;
    g.rooms = ui::GridRooms::Starred;
    CHECK(layout.sync(plan, 0, g));
    CHECK(layout.columns().size() == 2);
    CHECK(layout.boxes().size() == 8);  // every session of those two rooms
    g.mySessionsOnly = true;
    layout.sync(plan, 0, g);
    CHECK(layout.boxes().size() == 2);

    g = {};
    g.rooms = ui::GridRooms::Picked;
    g.picked = {"Room 003", "Room 004", "No such room"};
    layout.sync(plan, 0, g);
    CHECK(layout.columns().size() == 2);
    g.track = "Open";  // Room 003 only
    layout.sync(plan, 0, g);
    REQUIRE(layout.columns().size() == 1);
    CHECK(plan.rooms()[size_t(layout.columns()[0])] == "Room 003");
    CHECK(layout.columnOfRoom(layout.columns()[0]) == 0);
    CHECK_FALSE(layout.sync(plan, 0, g));  // nothing changed: no rebuild
}

TEST_CASE("a 100-room event opens as the list, or as the grid of its starred rooms once something is starred",
          "[ui][plan]") {
    SECTION("nothing starred") {
        BigEvent f;
        Ui ui(f.store);
        CHECK(ui.state.plan.layout == ui::PlanLayout::List);
    }
    SECTION("two sessions starred") {
        BigEvent f;
        AgendaRepo(f.store).setStarred(f.session(57, 1), true);
        AgendaRepo(f.store).setStarred(f.session(90, 2), true);
        Ui ui(f.store);
        CHECK(ui.state.plan.layout == ui::PlanLayout::DayGrid);
        CHECK(ui.state.plan.grid.rooms == ui::GridRooms::Starred);
        REQUIRE(ui.plan().dayLayout().columns().size() == 2);
        CHECK(ui.plan().sessionRect(f.session(57, 1)));
        CHECK(ui.plan().sessionRect(f.session(90, 2)));
        // All rooms from the filter row: the two starred rooms lead.
        auto all = ui.plan().gridFilterRect(int(ui::GridRooms::All));
        REQUIRE(all);
        ui.imgui.click(*all);
        CHECK(ui.plan().dayLayout().columns().size() == 100);
        CHECK(ui.roomOfColumn(0) == "Room 057");
        // My sessions only: the two of them, in their two rooms.
        auto mine = ui.plan().gridFilterRect(11);
        REQUIRE(mine);
        ui.imgui.click(*mine);
        CHECK(ui.plan().dayLayout().boxes().size() == 2);
    }
}

TEST_CASE("the room picker shows the rooms ticked in it", "[ui][plan]") {
    BigEvent f;
    Ui ui(f.store);
    ui.state.plan.layout = ui::PlanLayout::DayGrid;
    ui.imgui.frames(2);
    auto pick = ui.plan().gridFilterRect(10);
    REQUIRE(pick);
    ui.imgui.click(*pick);
    ui.imgui.type("room 04");  // the picker's search field has the keyboard
    ui.imgui.frames(2);
    CHECK(ui.plan().roomPickRect("Room 042"));
    CHECK_FALSE(ui.plan().roomPickRect("Room 057"));
    // From no room picked, tick two.
    ui.state.plan.grid.rooms = ui::GridRooms::Picked;
    ui.state.plan.grid.picked.clear();
    ui.imgui.frames(1);
    auto r42 = ui.plan().roomPickRect("Room 042");
    REQUIRE(r42);
    ui.imgui.click(*r42);
    auto r47 = ui.plan().roomPickRect("Room 047");
    REQUIRE(r47);
    ui.imgui.click(*r47);
    ui.imgui.key(HeadlessUi::kEscape);
    ui.imgui.frames(1);
    REQUIRE(ui.plan().dayLayout().columns().size() == 2);
    CHECK(ui.roomOfColumn(0) == "Room 042");
    CHECK(ui.roomOfColumn(1) == "Room 047");
}

TEST_CASE("a session chosen in the list shows in the grid scrolled into view, its room shown", "[ui][plan]") {
    BigEvent f;
    AgendaRepo(f.store).setStarred(f.session(3, 0), true);
    Ui ui(f.store);
    REQUIRE(ui.state.plan.grid.rooms == ui::GridRooms::Starred);
    ui.state.plan.layout = ui::PlanLayout::List;
    ui.state.plan.filterText = "Talk 88-3";
    ui.imgui.frames(2);
    const RowId wanted = f.session(88, 3);
    auto row = ui.plan().sessionRect(wanted);
    REQUIRE(row);
    ui.imgui.click(*row);
    CHECK(ui.state.plan.selectedSession == wanted);
    ui.state.plan.layout = ui::PlanLayout::DayGrid;
    ui.imgui.frames(3);
    // Room 088 holds no star: the filter gave way to All rooms, and the grid scrolled to it.
    CHECK(ui.state.plan.grid.rooms == ui::GridRooms::All);
    auto box = ui.plan().sessionRect(wanted);
    auto body = ui.plan().gridBodyRect();
    REQUIRE(box);
    REQUIRE(body);
    CHECK(inside(*box, *body));
    // A click in the grid selects without scrolling away.
    const float scrollBefore = box->min.x;
    auto neighbour = ui.plan().sessionRect(f.session(88, 2));
    REQUIRE(neighbour);
    ui.imgui.click(*neighbour);
    CHECK(ui.state.plan.selectedSession == f.session(88, 2));
    ui.imgui.frames(2);
    CHECK(ui.plan().sessionRect(wanted)->min.x == scrollBefore);
}
