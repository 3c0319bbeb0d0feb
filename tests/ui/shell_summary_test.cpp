// The top bar's clock and the status line's counts come from small queries,
// not from Plan's model of the whole agenda: the same text, with Plan's model
// never built while another view is shown.
#include <catch2/catch.hpp>

#include <vector>

#include "core/time_util.h"
#include "store/agenda_queries.h"
#include "store/agenda_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/headless_ui.h"
#include "ui/plan_model.h"
#include "ui/shell.h"
#include "ui/ui_format.h"

using namespace hallway;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;

namespace {

constexpr const char* kZone = "Europe/Brussels";

// Two days: sessions that start together (starred and not), a removed one, a
// title with a line break. `dated` events carry their own dates.
RowId makeEvent(Store& store, bool dated) {
    Event e;
    e.name = dated ? "Dated" : "Undated";
    e.timeZone = kZone;
    if (dated) {
        e.startsAt = localToInstant({2024, 2, 3, 9, 0, 0}, kZone);
        e.endsAt = localToInstant({2024, 2, 4, 18, 0, 0}, kZone);
    }
    const RowId eventId = AgendaRepo(store).createEvent(e);
    int n = 0;
    auto add = [&](const char* title, const char* room, LocalDateTime start, int minutes, bool starred) {
        Session s;
        s.eventId = eventId;
        s.sourceId = "s" + std::to_string(n++);
        s.title = title;
        s.room = room;
        s.startsAt = localToInstant(start, kZone);
        s.endsAt = s.startsAt + minutes * 60;
        const RowId id = AgendaRepo(store).insertSession(s);
        if (starred) AgendaRepo(store).setStarred(id, true);
        return id;
    };
    add("Keynote", "Janson", {2024, 2, 3, 9, 30, 0}, 45, false);
    add("Zebra talk", "B.1", {2024, 2, 3, 10, 30, 0}, 30, false);
    add("Alpha talk", "B.1", {2024, 2, 3, 10, 30, 0}, 30, false);  // same start and room: the title decides
    add("Rust in\nthe kernel", "K.1.105", {2024, 2, 3, 11, 0, 0}, 30, true);
    add("Also starred", "A.2", {2024, 2, 3, 11, 0, 0}, 30, true);  // same start: room A.2 comes first
    const RowId gone = add("Removed one", "A.1", {2024, 2, 3, 12, 0, 0}, 30, true);
    AgendaRepo(store).markSessionRemoved(gone, localToInstant({2024, 1, 30, 0, 0, 0}, kZone));
    add("Lunch chat", "", {2024, 2, 3, 13, 0, 0}, 60, false);
    add("Closing", "Janson", {2024, 2, 4, 17, 0, 0}, 30, false);
    return eventId;
}

struct Ui {
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;
    explicit Ui(Store& store) {
        shell.setHeadingFont(imgui.fonts.heading);
        imgui.setDraw([this, &store] { shell.draw(&store, state); });
    }
};

// A dated event with the shell showing `mode`.
struct Fixture {
    TempDir dir;
    Store store{dir.file("hallway.db")};
    RowId eventId = makeEvent(store, true);
    Ui ui{store};
    explicit Fixture(ui::Mode mode) {
        ui.state.mode = mode;
        ui.state.eventId = eventId;
    }
};

}  // namespace

TEST_CASE("the clock from small queries reads as it did from Plan's whole agenda", "[ui][shell]") {
    TempDir dir;
    Store store(dir.file("clock.db"));
    for (bool dated : {true, false}) {
        const RowId eventId = makeEvent(store, dated);
        INFO((dated ? "event with dates" : "event without dates"));
        // What the clock showed before: eventClockText over Plan's rows.
        ui::PlanModel plan;
        plan.sync(store, eventId, 1);
        REQUIRE(plan.hasEvent());
        std::vector<const Session*> sessions;
        for (const auto& row : plan.rows()) sessions.push_back(&row.session);

        Ui ui(store);
        ui.state.mode = ui::Mode::Capture;  // Plan never shown
        ui.state.eventId = eventId;
        const Instant from = localToInstant({2024, 2, 2, 23, 0, 0}, kZone);
        const Instant to = localToInstant({2024, 2, 5, 1, 0, 0}, kZone);
        int checked = 0;
        for (Instant now = from; now <= to; now += 10 * 60) {
            ui.state.nowOverride = now;
            ui.imgui.frame();
            const std::string before = ui::eventClockText(plan.event(), sessions, now);
            INFO(localDateString(now, kZone) << " " << localTimeString(now, kZone));
            REQUIRE(ui.shell.clockText() == before);
            ++checked;
        }
        CHECK(checked > 300);
        CHECK(ui.shell.plan().model().rebuildCount() == 0);
    }
}

TEST_CASE("the clock names the right next session around ties, stars and removed sessions", "[ui][shell]") {
    Fixture f(ui::Mode::People);
    auto clockAt = [&](LocalDateTime local) {
        f.ui.state.nowOverride = localToInstant(local, kZone);
        f.ui.imgui.frame();
        return f.ui.shell.clockText();
    };
    // Two starred at 11:00: A.2 before K.1.105.
    CHECK(clockAt({2024, 2, 3, 9, 0, 0}) == "Day 1 of 2 \u00b7 Sat 09:00 \u00b7 next: Also starred in A.2 at 11:00");
    // Nothing starred ahead (the removed 12:00 one does not count): the next
    // session, Lunch chat at 13:00, which has no room.
    CHECK(clockAt({2024, 2, 3, 11, 30, 0}) == "Day 1 of 2 \u00b7 Sat 11:30 \u00b7 next: Lunch chat at 13:00");
    CHECK(clockAt({2024, 2, 3, 14, 0, 0}) == "Day 1 of 2 \u00b7 Sat 14:00 \u00b7 next: Closing in Janson (Sun 4 Feb)");
    // Nothing starred at all: of the two at 10:30 in one room, Alpha before Zebra.
    for (const Session& s : AgendaRepo(f.store).sessions(f.eventId)) AgendaRepo(f.store).setStarred(s.id, false);
    f.ui.state.revision.apply(ui::Change::Stars);
    CHECK(clockAt({2024, 2, 3, 10, 0, 0}) == "Day 1 of 2 \u00b7 Sat 10:00 \u00b7 next: Alpha talk in B.1 at 10:30");
    CHECK(f.ui.shell.plan().model().rebuildCount() == 0);
}

TEST_CASE("the status line's counts match Plan's model, with or without it built", "[ui][shell]") {
    Fixture f(ui::Mode::FollowUp);
    Store& store = f.store;
    Ui& ui = f.ui;
    ui.state.nowOverride = localToInstant({2024, 2, 3, 9, 0, 0}, kZone);
    ui.imgui.frames(2);
    REQUIRE(ui.shell.agendaTotals());
    CHECK(ui.shell.agendaTotals()->sessions == 7);  // the removed one is not counted
    CHECK(ui.shell.agendaTotals()->starred == 2);
    CHECK(ui.shell.plan().model().rebuildCount() == 0);

    ui.state.mode = ui::Mode::Plan;
    ui.imgui.frames(2);
    const auto& model = ui.shell.plan().model();
    CHECK(model.rebuildCount() == 1);
    CHECK(int(model.rows().size()) == ui.shell.agendaTotals()->sessions);
    CHECK(model.starredCount() == ui.shell.agendaTotals()->starred);

    // A star made elsewhere (the CLI, Capture): the counts follow in any view.
    AgendaRepo(store).setStarred(model.rows().front().session.id, true);
    ui.state.revision.apply(ui::Change::Stars);
    ui.state.mode = ui::Mode::Capture;
    ui.imgui.frames(2);
    CHECK(ui.shell.agendaTotals()->starred == 3);
    CHECK(agendaTotals(store, f.eventId).starred == 3);
}

TEST_CASE("the session panel's texts are read for the selected session only", "[ui][plan]") {
    Session s;
    s.abstract = "See [the paper](https://example.org/p.pdf).\r\n";
    s.description = "See the paper.";
    ui::SessionTexts t = ui::readableTexts(s);
    CHECK(t.abstract == "See the paper.");
    CHECK(t.description.empty());  // it only repeats the abstract
    s.description = "Longer: the details.";
    CHECK(ui::readableTexts(s).description == "Longer: the details.");
}

TEST_CASE("the small agenda reads give what the full ones do", "[ui][shell]") {
    TempDir dir;
    Store store(dir.file("reads.db"));
    const RowId dated = makeEvent(store, true);
    makeEvent(store, false);

    // Events: the same, in the same order, without counts.
    const auto full = AgendaRepo(store).listEvents();
    const auto brief = listEventsWithoutCounts(store);
    REQUIRE(brief.size() == full.size());
    for (size_t i = 0; i < full.size(); ++i) {
        CHECK(brief[i].event.id == full[i].event.id);
        CHECK(brief[i].event.name == full[i].event.name);
        CHECK(brief[i].event.startsAt == full[i].event.startsAt);
        CHECK(brief[i].event.timeZone == full[i].event.timeZone);
        CHECK(brief[i].sessionCount == 0);
    }

    // Session slots: AgendaRepo::sessions() without the removed one, same order and fields.
    const auto sessions = AgendaRepo(store).sessions(dated);
    const auto slots = sessionSlots(store, dated);
    REQUIRE(slots.size() == sessions.size());
    REQUIRE(slots.size() == 7);
    for (size_t i = 0; i < slots.size(); ++i) {
        CHECK(slots[i].id == sessions[i].id);
        CHECK(slots[i].title == sessions[i].title);
        CHECK(slots[i].room == sessions[i].room);
        CHECK(slots[i].startsAt == sessions[i].startsAt);
        CHECK(slots[i].endsAt == sessions[i].endsAt);
        CHECK(slots[i].starred == sessions[i].starred);
    }
}
