// Headless tests of the shell and the Plan view: real ImGui frames with no
// window, a temporary database filled through the Store API, and input
// injected through ImGuiIO between frames.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "core/time_util.h"
#include "services/import_service.h"
#include "store/agenda_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/headless_ui.h"
#include "ui/shell.h"

using namespace hallway;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;

namespace {

// Two days in Brussels, three rooms, 30-minute slots from 09:00; every third
// session is about Rust. Returns the event id.
struct Fixture {
    TempDir dir;
    Store store{dir.file("hallway.db")};
    RowId eventId = 0;
    std::vector<RowId> sessionIds;
    std::vector<RowId> rustIds;

    Fixture() {
        Event e;
        e.name = "FOSS Days";
        e.timeZone = "Europe/Brussels";
        e.startsAt = localToInstant({2024, 2, 3, 9, 0, 0}, e.timeZone);
        e.endsAt = localToInstant({2024, 2, 4, 13, 0, 0}, e.timeZone);
        eventId = AgendaRepo(store).createEvent(e);
        auto speaker = [&](const char* name) {
            Person p;
            p.displayName = name;
            p.source = "agenda";
            return PeopleRepo(store).create(p);
        };
        RowId ana = speaker("Ana Lopes");
        RowId bo = speaker("Bo Nielsen");
        const char* rooms[] = {"H.1302", "K.3.201", "UA2.114"};
        int n = 0;
        for (int day = 3; day <= 4; ++day)
            for (int slot = 0; slot < 8; ++slot)
                for (int room = 0; room < 3; ++room, ++n) {
                    Session s;
                    s.eventId = eventId;
                    s.sourceId = "s" + std::to_string(n);
                    bool rust = n % 3 == 0;
                    s.title = (rust ? "Rust in production, part " : "Community talk number ") + std::to_string(n);
                    s.abstract = "What we learned, number " + std::to_string(n) + ".";
                    s.startsAt = localToInstant({2024, 2, day, 9 + slot / 2, (slot % 2) * 30, 0}, e.timeZone);
                    s.endsAt = s.startsAt + 25 * 60;
                    s.room = rooms[room];
                    s.track = rust ? "Rust" : "Community";
                    RowId id = AgendaRepo(store).insertSession(s);
                    AgendaRepo(store).setSessionSpeakers(id, {n % 2 ? ana : bo});
                    sessionIds.push_back(id);
                    if (rust) rustIds.push_back(id);
                }
    }
};

struct Ui {
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;

    Ui(Store& store) {
        shell.setHeadingFont(imgui.fonts.heading);
        // A fixed "now" outside the event: the first day opens at the top.
        state.nowOverride = localToInstant({2024, 1, 10, 12, 0, 0}, "UTC");
        imgui.setDraw([this, &store] { shell.draw(&store, state); });
        imgui.frames(3);
    }
};

}  // namespace

TEST_CASE("the list's star button writes the star to the store", "[ui][plan]") {
    Fixture f;
    Ui ui(f.store);
    ui.state.plan.layout = ui::PlanLayout::List;
    ui.imgui.frames(2);

    const RowId target = f.sessionIds[1];
    auto rect = ui.shell.plan().starButtonRect(target);
    REQUIRE(rect);
    const auto revisionBefore = ui.state.revision.value();

    ui.imgui.click(*rect);
    auto session = AgendaRepo(f.store).findSession(target);
    REQUIRE(session);
    CHECK(session->starred);
    CHECK(ui.state.revision.value() == revisionBefore + 1);
    CHECK(ui.shell.plan().model().starredCount() == 1);
    CHECK_FALSE(ui.state.status.error);

    // And back.
    rect = ui.shell.plan().starButtonRect(target);
    REQUIRE(rect);
    ui.imgui.click(*rect);
    CHECK_FALSE(AgendaRepo(f.store).findSession(target)->starred);
    CHECK(ui.shell.plan().model().starredCount() == 0);
}

TEST_CASE("typing into the list filter shrinks the rows", "[ui][plan]") {
    Fixture f;
    Ui ui(f.store);
    ui.state.plan.layout = ui::PlanLayout::List;
    ui.imgui.frames(2);
    const auto& list = ui.shell.plan().list();
    REQUIRE(list.rows().size() == f.sessionIds.size());

    auto filter = ui.shell.plan().filterInputRect();
    REQUIRE(filter);
    ui.imgui.click(*filter);
    ui.imgui.type("rust");
    ui.imgui.frames(2);

    CHECK(ui.state.plan.filterText == "rust");
    CHECK(list.rows().size() == f.rustIds.size());
    for (int index : list.rows())
        CHECK(ui.shell.plan().model().rows()[index].session.title.find("Rust") != std::string::npos);

    // Every word must match: only session 15 is about Rust and has "15".
    ui.imgui.type(" 15");
    ui.imgui.frames(1);
    REQUIRE(list.rows().size() == 1);
    CHECK(ui.shell.plan().model().rows()[list.rows()[0]].session.title == "Rust in production, part 15");
}

TEST_CASE("the model holds no abstracts: the filter finds their words, the panel reads the selected one's",
          "[ui][plan]") {
    Fixture f;
    Ui ui(f.store);
    ui.state.plan.layout = ui::PlanLayout::List;
    ui.imgui.frames(2);
    const auto& plan = ui.shell.plan();
    for (const auto& row : plan.model().rows()) CHECK(row.session.abstract.empty());

    // "learned" is only in the abstracts: every session. "7." (finished by the
    // stop, so a whole word) only in session 7's abstract; titles have "7", "17".
    ui.state.plan.filterText = "learned";
    ui.imgui.frames(2);
    CHECK(plan.list().rows().size() == f.sessionIds.size());
    ui.state.plan.filterText = "LEARN number 7.";
    ui.imgui.frames(2);
    REQUIRE(plan.list().rows().size() == 1);
    CHECK(plan.model().rows()[plan.list().rows()[0]].session.id == f.sessionIds[7]);
    // A word in no field and no abstract, and one of a title with one of an abstract.
    ui.state.plan.filterText = "learned zebra";
    ui.imgui.frames(2);
    CHECK(plan.list().rows().empty());
    ui.state.plan.filterText = "rust learned";
    ui.imgui.frames(2);
    CHECK(plan.list().rows().size() == f.rustIds.size());

    ui.state.plan.selectedSession = f.sessionIds[4];
    ui.imgui.frames(2);
    CHECK(plan.selectedTexts().abstract == "What we learned, number 4.");
    ui.state.plan.selectedSession = f.sessionIds[5];
    ui.imgui.frames(2);
    CHECK(plan.selectedTexts().abstract == "What we learned, number 5.");
}

TEST_CASE("view models rebuild only on changes", "[ui][plan]") {
    Fixture f;
    Ui ui(f.store);
    for (auto layout : {ui::PlanLayout::DayGrid, ui::PlanLayout::List}) {
        ui.state.plan.layout = layout;
        ui.imgui.frames(2);
        const auto& plan = ui.shell.plan();
        const int model = plan.model().rebuildCount();
        const int list = plan.list().rebuildCount();
        const int day = plan.dayLayout().rebuildCount();
        const int events = ui.shell.eventListRebuilds();

        ui.imgui.frames(30);
        ui.imgui.moveMouse(ImVec2(400.0f, 400.0f));  // hover is not a change
        ui.imgui.frames(5);
        CHECK(plan.model().rebuildCount() == model);
        CHECK(plan.list().rebuildCount() == list);
        CHECK(plan.dayLayout().rebuildCount() == day);
        CHECK(ui.shell.eventListRebuilds() == events);
    }

    // A star is one change: one rebuild of each, then quiet again.
    const auto& plan = ui.shell.plan();
    const int model = plan.model().rebuildCount();
    const int list = plan.list().rebuildCount();
    auto rect = plan.starButtonRect(f.sessionIds[0]);
    REQUIRE(rect);
    ui.imgui.click(*rect);
    ui.imgui.frames(10);
    CHECK(plan.model().rebuildCount() == model + 1);
    CHECK(plan.list().rebuildCount() == list + 1);

    // A filter change rebuilds the list, not the model.
    ui.state.plan.starredOnly = true;
    ui.imgui.frames(10);
    CHECK(plan.model().rebuildCount() == model + 1);
    CHECK(plan.list().rebuildCount() == list + 2);
    CHECK(plan.list().rows().size() == 1);
}

TEST_CASE("the day grid stars a session from its star corner and selects it from its body", "[ui][plan]") {
    Fixture f;
    Ui ui(f.store);
    ui.state.plan.layout = ui::PlanLayout::DayGrid;
    ui.imgui.frames(2);

    const auto& layout = ui.shell.plan().dayLayout();
    CHECK(layout.columns().size() == 3);
    CHECK(layout.boxes().size() == 24);  // first day only
    CHECK(layout.firstMinute() == 9 * 60);

    const RowId target = f.sessionIds[0];
    auto body = ui.shell.plan().sessionRect(target);
    REQUIRE(body);
    ui.imgui.click(ImVec2(body->min.x + (body->max.x - body->min.x) * 0.3f, body->center().y));
    CHECK(ui.state.plan.selectedSession == target);
    CHECK_FALSE(AgendaRepo(f.store).findSession(target)->starred);

    auto star = ui.shell.plan().starButtonRect(target);
    REQUIRE(star);
    ui.imgui.click(*star);
    CHECK(AgendaRepo(f.store).findSession(target)->starred);
}

TEST_CASE("Plan's day tabs are the agenda's own days, and its night session opens on day 1", "[ui][plan][days]") {
    TempDir dir;
    Store store(dir.file("congress.db"));
    AgendaImportReport r = importAgendaFile(store, hallway::testing::testData("days/congress.xml"), {});
    Ui ui(store);
    ui.state.plan.layout = ui::PlanLayout::DayGrid;
    ui.imgui.frames(2);

    // Three tabs: the file's three days, the middle one without sessions; no
    // tab for the 28th morning where the 05:00 rule would have put 05:30.
    ui::PlanView& plan = ui.shell.plan();
    CHECK(plan.dayTabCount() == 3);
    REQUIRE(plan.dayTabRect("2019-12-27"));
    REQUIRE(plan.dayTabRect("2019-12-28"));
    REQUIRE(plan.dayTabRect("2019-12-29"));

    RowId jam = 0;
    for (const auto& s : AgendaRepo(store).sessions(r.eventId))
        if (s.title == "Sunrise jam") jam = s.id;
    REQUIRE(jam != 0);
    // On another day's tab, then the night session chosen (as from search): its tab is day 1.
    ui.imgui.click(*plan.dayTabRect("2019-12-29"));
    CHECK(ui.state.plan.dayKey == "2019-12-29");
    ui.state.plan.selectedSession = jam;
    ui.state.plan.revealSelected = true;
    ui.imgui.frames(2);
    CHECK(ui.state.plan.dayKey == "2019-12-27");
    CHECK(plan.sessionRect(jam));  // drawn in day 1's grid, below the night talk
    CHECK(plan.dayLayout().lastMinute() >= 30 * 60);

    // The empty day draws without sessions.
    ui.imgui.click(*plan.dayTabRect("2019-12-28"));
    CHECK(ui.state.plan.dayKey == "2019-12-28");
    CHECK(plan.dayLayout().boxes().empty());
}

TEST_CASE("Plan's day tabs are a Sessionize grid's days, its 05:30 run on day 1's grid", "[ui][plan][days][sessionize]") {
    TempDir dir;
    Store store(dir.file("grid.db"));
    AgendaImportOptions options;
    options.parse.timeZone = "Europe/Berlin";
    AgendaImportReport r = importAgendaFile(store, hallway::testing::testData("sessionize/grid_days.json"), options);
    Ui ui(store);
    ui.state.plan.layout = ui::PlanLayout::DayGrid;
    ui.imgui.frames(2);

    ui::PlanView& plan = ui.shell.plan();
    CHECK(plan.dayTabCount() == 3);
    REQUIRE(plan.dayTabRect("2025-03-14"));
    REQUIRE(plan.dayTabRect("2025-03-15"));
    REQUIRE(plan.dayTabRect("2025-03-16"));

    RowId run = 0;
    for (const auto& s : AgendaRepo(store).sessions(r.eventId))
        if (s.title == "Sunrise run") run = s.id;
    REQUIRE(run != 0);
    ui.imgui.click(*plan.dayTabRect("2025-03-16"));
    CHECK(ui.state.plan.dayKey == "2025-03-16");
    ui.state.plan.selectedSession = run;
    ui.state.plan.revealSelected = true;
    ui.imgui.frames(2);
    CHECK(ui.state.plan.dayKey == "2025-03-14");  // the grid's first day, not the 15th
    CHECK(plan.sessionRect(run));
    // Four boxes: the plenum keynote once (in the first room listing it), lunch, the night's two.
    CHECK(plan.dayLayout().boxes().size() == 4);
    CHECK(plan.dayLayout().lastMinute() >= 30 * 60);  // the grid runs down to 06:15 the next morning

    ui.imgui.click(*plan.dayTabRect("2025-03-15"));
    CHECK(ui.state.plan.dayKey == "2025-03-15");
    CHECK(plan.dayLayout().boxes().size() == 1);
}

TEST_CASE("starred sessions that overlap are flagged", "[ui][plan]") {
    Fixture f;
    // Sessions 0, 1, 2 run at the same time in three rooms.
    AgendaRepo(f.store).setStarred(f.sessionIds[0], true);
    AgendaRepo(f.store).setStarred(f.sessionIds[1], true);
    AgendaRepo(f.store).setStarred(f.sessionIds[5], true);
    Ui ui(f.store);
    const auto& model = ui.shell.plan().model();
    CHECK(model.find(f.sessionIds[0])->conflictsWith == std::vector<RowId>{f.sessionIds[1]});
    CHECK(model.find(f.sessionIds[1])->conflictsWith == std::vector<RowId>{f.sessionIds[0]});
    CHECK(model.find(f.sessionIds[5])->conflictsWith.empty());
    CHECK(model.find(f.sessionIds[2])->conflictsWith.empty());  // not starred
}

TEST_CASE("Ctrl+K focuses the search, and Enter with no hit picked filters Plan's list", "[ui][shell]") {
    Fixture f;
    Ui ui(f.store);
    ui.state.mode = ui::Mode::People;
    ui.imgui.frames(2);

    ui.imgui.ctrlKey('K');
    ui.imgui.frames(2);
    CHECK(ImGui::GetIO().WantTextInput);
    ui.imgui.type("rust");
    ui.imgui.frames(2);
    CHECK(ui.shell.searchOpen());
    CHECK(ui.state.globalSearch.empty());  // typing only searches
    CHECK(ui.state.mode == ui::Mode::People);
    ui.imgui.key(HeadlessUi::kEnter);
    ui.imgui.frames(2);
    CHECK_FALSE(ui.shell.searchOpen());
    CHECK(ui.state.globalSearch == "rust");
    CHECK(ui.state.mode == ui::Mode::Plan);
    CHECK(ui.state.plan.layout == ui::PlanLayout::List);
    CHECK(ui.shell.plan().list().rows().size() == f.rustIds.size());
}

TEST_CASE("every mode draws, including the not-built ones", "[ui][shell]") {
    Fixture f;
    Ui ui(f.store);
    for (auto mode : {ui::Mode::Capture, ui::Mode::FollowUp, ui::Mode::People, ui::Mode::Plan}) {
        ui.state.mode = mode;
        ui.imgui.frames(3);
    }
    ui.state.theme = ui::ThemeKind::Light;
    ui.imgui.frames(2);
    ui.state.plan.layout = ui::PlanLayout::List;
    ui.state.plan.selectedSession = f.sessionIds[4];
    ui.imgui.frames(2);
    CHECK(ui.shell.plan().model().hasEvent());
}

TEST_CASE("an empty database shows the import hint - dropped files import or report errors", "[ui][shell]") {
    TempDir dir;
    Store store(dir.file("empty.db"));
    Ui ui(store);
    CHECK_FALSE(ui.shell.plan().model().hasEvent());
    CHECK_FALSE(ui.state.eventId);

    // A file that is not an agenda: the status line says which file and why.
    ui.state.pendingImports.push_back(hallway::testing::testData("bad/letter.txt"));
    ui.imgui.frames(2);
    CHECK(ui.state.status.error);
    CHECK(ui.state.status.text.find("letter.txt") != std::string::npos);
    CHECK(ui.state.status.text.find("Nothing was imported") != std::string::npos);
    CHECK(AgendaRepo(store).listEvents().empty());

    ui.state.pendingImports.push_back(hallway::testing::demoAgenda());
    ui.imgui.frames(2);
    INFO(ui.state.status.text);
    CHECK_FALSE(ui.state.status.error);
    REQUIRE(ui.state.eventId);
    CHECK(ui.shell.plan().model().rows().size() == 14);
    CHECK(ui.state.status.text.find("Imported Hallway Demo Conf") != std::string::npos);
}

TEST_CASE("the import popup imports a typed path, and keeps a bad one with its error", "[ui][shell]") {
    TempDir dir;
    Store store(dir.file("popup.db"));
    Ui ui(store);

    ui.imgui.ctrlKey('I');
    ui.imgui.frames(2);
    CHECK(ImGui::GetIO().WantTextInput);  // the path field has the keyboard
    ui.imgui.type("/no/such/agenda.xml");
    ui.imgui.key(HeadlessUi::kEnter);
    CHECK(ui.state.status.error);
    CHECK(ui.state.status.text.find("/no/such/agenda.xml") != std::string::npos);
    CHECK(AgendaRepo(store).listEvents().empty());

    // Still open, the field focused again with the bad path selected: typing replaces it.
    ui.imgui.frames(2);
    CHECK(ImGui::GetIO().WantTextInput);
    ui.imgui.type(hallway::testing::demoAgenda().c_str());
    ui.imgui.key(HeadlessUi::kEnter);
    ui.imgui.frames(2);
    INFO(ui.state.status.text);
    CHECK_FALSE(ui.state.status.error);
    CHECK(AgendaRepo(store).listEvents().size() == 1);
    CHECK_FALSE(ImGui::GetIO().WantTextInput);  // the popup closed
}

TEST_CASE("the empty state's demo button loads the demo event once", "[ui][shell]") {
    TempDir dir;
    Store store(dir.file("demo.db"));
    Ui ui(store);
    ui.state.loadDemo = true;
    ui.imgui.frames(2);
    INFO(ui.state.status.text);
    CHECK_FALSE(ui.state.status.error);
    REQUIRE(ui.state.eventId);
    CHECK(ui.shell.plan().model().rows().size() > 0);
    ui.state.loadDemo = true;  // a second time adds nothing
    ui.imgui.frames(2);
    CHECK(AgendaRepo(store).listEvents().size() == 1);
}

TEST_CASE("the grid packs overlapping sessions of one room side by side", "[ui][plan]") {
    TempDir dir;
    Store store(dir.file("lanes.db"));
    Event e;
    e.name = "Lanes";
    e.timeZone = "UTC";
    RowId eventId = AgendaRepo(store).createEvent(e);
    auto add = [&](const char* id, int startMinute, int endMinute) {
        Session s;
        s.eventId = eventId;
        s.sourceId = id;
        s.title = id;
        s.room = "Main";
        s.startsAt = localToInstant({2024, 5, 1, 0, 0, 0}, "UTC") + startMinute * 60;
        s.endsAt = localToInstant({2024, 5, 1, 0, 0, 0}, "UTC") + endMinute * 60;
        return AgendaRepo(store).insertSession(s);
    };
    RowId a = add("a", 600, 660);   // 10:00-11:00
    RowId b = add("b", 630, 700);   // 10:30-11:40, overlaps a
    RowId c = add("c", 690, 720);   // 11:30-12:00, overlaps b only
    RowId d = add("d", 780, 800);   // 13:00, alone
    ui::PlanModel model;
    model.sync(store, eventId, 1);
    ui::DayLayout layout;
    layout.sync(model, 0);
    auto boxOf = [&](RowId id) {
        for (const auto& box : layout.boxes())
            if (model.rows()[box.row].session.id == id) return box;
        FAIL("no box");
        return ui::DayBox{};
    };
    CHECK(boxOf(a).lanes == 2);
    CHECK(boxOf(b).lanes == 2);
    CHECK(boxOf(c).lanes == 2);
    CHECK(boxOf(a).lane == 0);
    CHECK(boxOf(b).lane == 1);
    CHECK(boxOf(c).lane == 0);
    CHECK(boxOf(d).lanes == 1);
    CHECK(layout.firstMinute() == 600);
    CHECK(layout.lastMinute() == 840);
}

// Frame CPU time, not a pass/fail budget (DESIGN.md: budgets are measured by a
// benchmark, not by timed tests). Run with: ui_tests "[.perf]" -s
TEST_CASE("frame time of the Plan view on debconf23", "[.perf]") {
    HALLWAY_NEEDS_CORPUS("agenda/debconf23.xml");
    TempDir dir;
    Store store(dir.file("perf.db"));
    importAgendaFile(store, hallway::testing::corpus("agenda/debconf23.xml"), {});
    for (const auto& s : AgendaRepo(store).sessions(AgendaRepo(store).listEvents().front().event.id))
        if (s.id % 9 == 0) AgendaRepo(store).setStarred(s.id, true);
    Ui ui(store);
    for (auto layout : {ui::PlanLayout::DayGrid, ui::PlanLayout::List}) {
        ui.state.plan.layout = layout;
        ui.imgui.moveMouse(ImVec2(500.0f, 400.0f));
        ui.imgui.frames(5);
        std::vector<double> ms;
        for (int i = 0; i < 200; ++i) {
            auto t0 = std::chrono::steady_clock::now();
            ui.imgui.frame();
            auto t1 = std::chrono::steady_clock::now();
            ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
        std::sort(ms.begin(), ms.end());
        std::printf("Plan %s, debconf23 (117 sessions), 1280x800: median %.3f ms, p95 %.3f ms, max %.3f ms "
                    "(%d vertices, %d draw lists)\n",
                    layout == ui::PlanLayout::DayGrid ? "day grid" : "list", ms[100], ms[190], ms.back(),
                    ImGui::GetDrawData()->TotalVtxCount, ImGui::GetDrawData()->CmdListsCount);
    }
}
