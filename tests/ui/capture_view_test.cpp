// Headless tests of the Capture view: typing into the box keeps a draft in the
// store, Ctrl+Enter or Save commits the note with its people and items, errors
// keep the text, and the view model stays quiet on idle frames.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "core/time_util.h"
#include "services/capture_service.h"
#include "store/agenda_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/headless_ui.h"
#include "ui/shell.h"

using namespace hallway;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;

namespace {

RowId addPerson(Store& store, const char* name, const char* company = "") {
    Person p;
    p.displayName = name;
    p.company = company;
    p.source = "typed";
    return PeopleRepo(store).create(p);
}

// One day in Lisbon with two talks; Ana Lima, Ana Silva (so "@ana" is
// ambiguous) and Bo Nielsen, who is a must-meet target.
struct Fixture {
    TempDir dir;
    Store store{dir.file("hallway.db")};
    RowId eventId = 0, talk = 0, ana = 0, anaSilva = 0, bo = 0;
    Instant now = 0;

    Fixture() {
        Event e;
        e.name = "Lisbon Dev Days";
        e.timeZone = "Europe/Lisbon";
        eventId = AgendaRepo(store).createEvent(e);
        for (int i = 0; i < 2; ++i) {
            Session s;
            s.eventId = eventId;
            s.sourceId = "t" + std::to_string(i);
            s.title = i == 0 ? "Building calm tools" : "Rust at scale";
            s.room = i == 0 ? "Main hall" : "Room 2";
            s.startsAt = localToInstant({2024, 6, 3, 10 + i, 0, 0}, e.timeZone);
            s.endsAt = s.startsAt + 45 * 60;
            RowId id = AgendaRepo(store).insertSession(s);
            if (i == 0) talk = id;
        }
        ana = addPerson(store, "Ana Lima", "Acme");
        anaSilva = addPerson(store, "Ana Silva", "Globex");
        bo = addPerson(store, "Bo Nielsen", "Initech");
        Target t;
        t.eventId = eventId;
        t.personId = bo;
        t.priority = TargetPriority::Must;
        t.why = "builds the tool we use";
        PeopleRepo(store).upsertTarget(t);
        now = localToInstant({2024, 6, 3, 10, 20, 0}, e.timeZone);  // during the first talk
    }
    std::string draftKey() const { return "capture:" + std::to_string(eventId); }
};

struct Ui {
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;

    Ui(Store& store, Instant now, ui::Mode mode = ui::Mode::Capture) {
        shell.setHeadingFont(imgui.fonts.heading);
        state.nowOverride = now;
        state.mode = mode;
        imgui.setDraw([this, &store] { shell.draw(&store, state); });
        imgui.frames(3);
    }
};

constexpr int kEnter = HeadlessUi::kEnter;

}  // namespace

TEST_CASE("Ctrl+Enter links the session running then: the starred one of two, none when it cannot tell",
          "[ui][capture]") {
    Fixture f;
    Session other;
    other.eventId = f.eventId;
    other.sourceId = "t9";
    other.title = "Hallway chat";
    other.startsAt = f.now - 10 * 60;
    other.endsAt = f.now + 10 * 60;
    const RowId chat = AgendaRepo(f.store).insertSession(other);
    Ui ui(f.store, f.now);
    CHECK_FALSE(ui.shell.capture().model().runningSession());  // two running, none starred

    auto saveTyped = [&](const char* text) {
        ui.imgui.type(text);
        ui.imgui.ctrlKey(kEnter);
        ui.imgui.frames(2);
        INFO(ui.state.status.text);
        CHECK_FALSE(ui.state.status.error);
        return NotesRepo(f.store).recentNotes(1, f.eventId).at(0);
    };
    CHECK_FALSE(saveTyped("which talk was this?").sessionId);

    AgendaRepo(f.store).setStarred(chat, true);
    ui.state.revision.apply(ui::Change::Stars);
    ui.imgui.frames(2);
    CHECK(ui.shell.capture().model().runningSession() == chat);
    CHECK(saveTyped("the starred one").sessionId == chat);
    CHECK(sessionRunningAt(f.store, f.eventId, f.now)->id == chat);  // the service's rule agrees
}

TEST_CASE("a note typed in the box is kept as a draft, and Ctrl+Enter saves it with its person and promise",
          "[ui][capture]") {
    Fixture f;
    Ui ui(f.store, f.now);
    CHECK(ImGui::GetIO().WantTextInput);  // the box has the keyboard on entry
    CHECK(ui.shell.capture().model().runningSession() == f.talk);

    ui.imgui.type("@ana-lima #promise send slides");
    CHECK(ui.shell.capture().text() == "@ana-lima #promise send slides");
    // Saved while typing, before any save: a crash now loses nothing.
    CHECK(NotesRepo(f.store).draft(f.draftKey()) == std::optional<std::string>("@ana-lima #promise send slides"));
    CHECK(NotesRepo(f.store).recentNotes(10).empty());

    const auto revision = ui.state.revision.value();
    ui.imgui.ctrlKey(kEnter);
    ui.imgui.frames(2);

    INFO(ui.state.status.text);
    CHECK_FALSE(ui.state.status.error);
    auto notes = NotesRepo(f.store).recentNotes(10, f.eventId);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].body == "@ana-lima #promise send slides");
    CHECK(notes[0].people == std::vector<RowId>{f.ana});
    CHECK(notes[0].sessionId == f.talk);
    auto items = NotesRepo(f.store).items(notes[0].id);
    REQUIRE(items.size() == 1);
    CHECK(items[0].kind == "promise");

    CHECK(ui.shell.capture().text().empty());
    CHECK_FALSE(NotesRepo(f.store).draft(f.draftKey()));
    CHECK(ui.state.revision.value() > revision);
    CHECK(ui.state.status.text.find("Saved note " + std::to_string(notes[0].id)) == 0);
    CHECK(ui.state.status.text.find("linked: Ana Lima") != std::string::npos);
    CHECK(ui.state.status.text.find("1 promise") != std::string::npos);
    // The recent list shows it, and the box has the keyboard again for the next note.
    REQUIRE(ui.shell.capture().model().recent().size() == 1);
    CHECK(ui.shell.capture().model().recent()[0].items == std::vector<std::string>{"promise"});
    CHECK(ImGui::GetIO().WantTextInput);
}

TEST_CASE("an ambiguous @name is an error in the status line and the text stays", "[ui][capture]") {
    Fixture f;
    Ui ui(f.store, f.now);
    ui.imgui.type("@ana said hi");
    ui.imgui.ctrlKey(kEnter);
    ui.imgui.frames(2);
    CHECK(ui.state.status.error);
    CHECK(ui.state.status.text.find("Not saved") == 0);
    CHECK(ui.state.status.text.find("Ana Lima") != std::string::npos);
    CHECK(ui.state.status.text.find("Ana Silva") != std::string::npos);
    CHECK(ui.state.status.text.find("--person") == std::string::npos);  // no CLI advice in the GUI
    CHECK(ui.state.status.details == std::vector<std::string>{"Ana Lima \u00b7 Acme", "Ana Silva \u00b7 Globex"});
    CHECK(ui.shell.capture().text() == "@ana said hi");
    CHECK(NotesRepo(f.store).draft(f.draftKey()) == std::optional<std::string>("@ana said hi"));
    CHECK(NotesRepo(f.store).recentNotes(10).empty());

    // The @ list opens on the candidates: picking one makes the note save.
    REQUIRE(ui.shell.capture().mentionRect(f.anaSilva));
    CHECK(ui.shell.capture().mentionRect(f.ana));
    ui.imgui.click(*ui.shell.capture().mentionRect(f.anaSilva));
    CHECK(ui.shell.capture().text() == "@Ana-Silva said hi");
    ui.imgui.ctrlKey(kEnter);
    ui.imgui.frames(2);
    CHECK_FALSE(ui.state.status.error);
    REQUIRE(NotesRepo(f.store).recentNotes(10).size() == 1);
}

TEST_CASE("the person picker links a person, a marker chip inserts its marker, and Save saves", "[ui][capture]") {
    Fixture f;
    Ui ui(f.store, f.now);
    ui.imgui.type("coffee tomorrow");

    auto picker = ui.shell.capture().pickerRect();
    REQUIRE(picker);
    ui.imgui.click(*picker);
    ui.imgui.type("nielsen");
    ui.imgui.frames(1);
    REQUIRE(ui.shell.capture().pickerMatches().size() == 1);
    auto match = ui.shell.capture().matchRect(f.bo);
    REQUIRE(match);
    ui.imgui.click(*match);
    REQUIRE(ui.shell.capture().chosenPeople().size() == 1);
    CHECK(ui.shell.capture().chosenPeople()[0].id == f.bo);

    auto ask = ui.shell.capture().markerRect("#ask");
    REQUIRE(ask);
    ui.imgui.click(*ask);
    CHECK(ui.shell.capture().text() == "coffee tomorrow #ask ");
    CHECK(NotesRepo(f.store).draft(f.draftKey()) == std::optional<std::string>("coffee tomorrow #ask "));

    auto save = ui.shell.capture().saveRect();
    REQUIRE(save);
    ui.imgui.click(*save);
    INFO(ui.state.status.text);
    CHECK_FALSE(ui.state.status.error);
    auto notes = NotesRepo(f.store).recentNotes(10, f.eventId);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].people == std::vector<RowId>{f.bo});
    auto items = NotesRepo(f.store).items(notes[0].id);
    REQUIRE(items.size() == 1);
    CHECK(items[0].kind == "ask");
    CHECK(ui.shell.capture().chosenPeople().empty());
}

TEST_CASE("a name nobody has can be created from the picker", "[ui][capture]") {
    Fixture f;
    Ui ui(f.store, f.now);
    auto picker = ui.shell.capture().pickerRect();
    REQUIRE(picker);
    ui.imgui.click(*picker);
    ui.imgui.type("Zoe Quint");
    ui.imgui.frames(1);
    CHECK(ui.shell.capture().pickerMatches().empty());
    ui.imgui.key(kEnter);  // Enter with no match creates
    REQUIRE(ui.shell.capture().chosenPeople().size() == 1);
    auto zoe = PeopleRepo(f.store).find(ui.shell.capture().chosenPeople()[0].id);
    REQUIRE(zoe);
    CHECK(zoe->displayName == "Zoe Quint");
}

TEST_CASE("the draft comes back on start, and Ctrl+Enter from Plan opens Capture", "[ui][capture]") {
    Fixture f;
    NotesRepo(f.store).saveDraft(f.draftKey(), "half a thought");
    Ui ui(f.store, f.now, ui::Mode::Plan);
    ui.imgui.ctrlKey(kEnter);
    ui.imgui.frames(2);
    CHECK(ui.state.mode == ui::Mode::Capture);
    CHECK(ui.shell.capture().text() == "half a thought");
    CHECK(ImGui::GetIO().WantTextInput);
    CHECK(NotesRepo(f.store).recentNotes(10).empty());  // opening is not saving
    ui.imgui.type(" and more");
    CHECK(ui.shell.capture().text() == "half a thought and more");  // the cursor was at the end
}

TEST_CASE("the met toggle marks a target met and logs the meeting", "[ui][capture]") {
    Fixture f;
    Ui ui(f.store, f.now);
    auto met = ui.shell.capture().metRect(f.bo);
    REQUIRE(met);
    ui.imgui.click(*met);
    CHECK(PeopleRepo(f.store).findTarget(f.eventId, f.bo)->status == TargetStatus::Met);
    CHECK(NotesRepo(f.store).warmth(f.bo).interactions == 1);
    CHECK(ui.shell.capture().model().targets()[0].met);
}

TEST_CASE("the capture view model does not rebuild on idle frames", "[ui][capture]") {
    Fixture f;
    Ui ui(f.store, f.now);
    const auto& capture = ui.shell.capture();
    const int model = capture.model().rebuildCount();
    const int queries = capture.pickerQueries();
    ui.imgui.frames(30);
    ui.imgui.moveMouse(ImVec2(400.0f, 500.0f));
    ui.imgui.frames(5);
    CHECK(capture.model().rebuildCount() == model);
    CHECK(capture.pickerQueries() == queries);

    // Typing in the box is not a data change either.
    ui.imgui.click(*capture.boxRect());
    ui.imgui.type("hello");
    ui.imgui.frames(5);
    CHECK(capture.model().rebuildCount() == model);
}

// Frame CPU time, not a pass/fail budget. Run with: ui_tests "[.perf]" -s
TEST_CASE("frame time of the Capture view", "[.perf]") {
    Fixture f;
    std::vector<RowId> people;
    for (int i = 0; i < 2000; ++i) people.push_back(addPerson(f.store, ("Person " + std::to_string(i)).c_str(), "Co"));
    for (int i = 0; i < 500; ++i) {
        NoteInput in;
        in.body = "talked about build caches #promise send the link " + std::to_string(i);
        in.eventId = f.eventId;
        in.at = f.now - i * 60;
        in.people = {people[size_t(i) % people.size()]};
        saveNote(f.store, in);
    }
    Ui ui(f.store, f.now);
    ui.imgui.type("a half-written note");
    ui.imgui.moveMouse(ImVec2(500.0f, 600.0f));
    ui.imgui.frames(5);
    std::vector<double> ms;
    for (int i = 0; i < 200; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        ui.imgui.frame();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("Capture, 2000 people, 500 notes (300 listed), 1280x800: median %.3f ms, p95 %.3f ms, max %.3f ms "
                "(%d vertices)\n",
                ms[100], ms[190], ms.back(), ImGui::GetDrawData()->TotalVtxCount);
}

TEST_CASE("@ completes as you type, people at this event first - arrows and Enter take one", "[ui][capture]") {
    Fixture f;
    // Another Ana, who is not at this event: Ana Lima speaks here, so she is first.
    AgendaRepo(f.store).setSessionSpeakers(f.talk, {f.anaSilva});
    Ui ui(f.store, f.now);
    ui.imgui.type("coffee with @an");
    ui.imgui.frames(1);
    const auto& matches = ui.shell.capture().mentionMatches();
    REQUIRE(matches.size() == 2);
    CHECK(matches[0].id == f.anaSilva);  // the speaker here
    CHECK(matches[1].id == f.ana);
    CHECK(ui.shell.capture().mentionRect(f.ana));
    ui.imgui.key(HeadlessUi::kDown);
    CHECK(ui.shell.capture().mentionIndex() == 1);
    ui.imgui.key(kEnter);
    ui.imgui.frames(1);
    CHECK(ui.shell.capture().text() == "coffee with @Ana-Lima ");
    CHECK(ui.shell.capture().mentionMatches().empty());
    ui.imgui.type("about rust");
    CHECK(ui.shell.capture().text() == "coffee with @Ana-Lima about rust");
    ui.imgui.ctrlKey(kEnter);
    ui.imgui.frames(2);
    INFO(ui.state.status.text);
    auto notes = NotesRepo(f.store).recentNotes(1, f.eventId);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].people == std::vector<RowId>{f.ana});
}

TEST_CASE("Escape closes the @ list and Enter is a new line again - an email is no mention", "[ui][capture]") {
    Fixture f;
    Ui ui(f.store, f.now);
    ui.imgui.type("mail bo@nielsen");
    ui.imgui.frames(1);
    CHECK(ui.shell.capture().mentionMatches().empty());
    ui.imgui.type(" and @bo");
    ui.imgui.frames(1);
    REQUIRE(ui.shell.capture().mentionMatches().size() == 1);
    ui.imgui.key(HeadlessUi::kEscape);
    CHECK(ui.shell.capture().mentionMatches().empty());
    ui.imgui.key(kEnter);
    CHECK(ui.shell.capture().text() == "mail bo@nielsen and @bo\n");
}

TEST_CASE("Capture clicked in the mode bar shows its event in that same frame", "[ui][capture]") {
    Fixture f;
    Ui ui(f.store, f.now, ui::Mode::Plan);
    auto tab = ui.shell.modeRect(ui::Mode::Capture);
    REQUIRE(tab);
    ImGuiIO& io = ImGui::GetIO();
    ui.imgui.moveMouse(tab->center());
    io.MouseDown[0] = true;
    ui.imgui.frame();
    io.MouseDown[0] = false;
    ui.imgui.frame();  // the button acts on release, and Capture is drawn in this frame
    CHECK(ui.state.mode == ui::Mode::Capture);
    CHECK(ui.shell.capture().model().hasEvent());
    CHECK(ui.shell.capture().model().event().id == f.eventId);
}

TEST_CASE("the targets panel asks 'Met today?' during the event and 'Met at EVENT?' after it", "[ui][capture]") {
    Fixture f;
    Event e = *AgendaRepo(f.store).findEvent(f.eventId);
    e.startsAt = f.now - 3600;
    e.endsAt = f.now + 3600;
    AgendaRepo(f.store).updateEvent(e);
    Ui ui(f.store, f.now);
    CHECK(ui.shell.capture().targetsHeading(ui.state) == "Met today?");
    ui.state.nowOverride = f.now + 3 * 86400;
    ui.imgui.frames(2);
    CHECK(ui.shell.capture().targetsHeading(ui.state) == "Met at Lisbon Dev Days?");
}

TEST_CASE("clicking Capture with a draft puts the cursor at its end and a typed letter continues the @ word",
          "[ui][capture]") {
    Fixture f;
    NotesRepo(f.store).saveDraft(f.draftKey(), "Coffee with @a");
    Ui ui(f.store, f.now, ui::Mode::Plan);
    auto tab = ui.shell.modeRect(ui::Mode::Capture);
    REQUIRE(tab);
    ui.imgui.click(*tab);
    ui.imgui.frames(3);
    ui.imgui.type("n");
    ui.imgui.frames(1);
    CHECK(ui.shell.capture().text() == "Coffee with @an");
    // Both Anas are offered for the word being typed.
    CHECK(ui.shell.capture().mentionMatches().size() == 2);
    // Typing elsewhere (the person picker) closes the list; clicking a name in it takes that one.
    ui.imgui.click(*ui.shell.capture().pickerRect());
    CHECK(ui.shell.capture().mentionMatches().empty());
    ui.imgui.click(*ui.shell.capture().boxRect());
    ui.imgui.frames(1);
    REQUIRE(ui.shell.capture().mentionRect(f.anaSilva));
    ui.imgui.click(*ui.shell.capture().mentionRect(f.anaSilva));
    ui.imgui.frames(1);
    CHECK(ui.shell.capture().text() == "Coffee with @Ana-Silva ");
}
