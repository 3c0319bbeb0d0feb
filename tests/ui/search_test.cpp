// Headless tests of the top bar's global search (Ctrl+K): hits over people,
// sessions and notes grouped in a dropdown, Up/Down/Enter/Escape and clicks,
// opening each kind in its view, and one search per text change.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/time_util.h"
#include "services/capture_service.h"
#include "store/agenda_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/headless_ui.h"
#include "ui/search_model.h"
#include "ui/shell.h"

using namespace hallway;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;

namespace {

// Two days in Lisbon. "kestrel" is in one person's company, one session's
// title (on the second day) and one note; nothing else mentions it.
struct Fixture {
    TempDir dir;
    Store store{dir.file("hallway.db")};
    RowId eventId = 0, opening = 0, kestrelTalk = 0, ana = 0, bo = 0, note = 0;
    Instant now = 0;

    Fixture() {
        Event e;
        e.name = "Lisbon Dev Days";
        e.timeZone = "Europe/Lisbon";
        eventId = AgendaRepo(store).createEvent(e);
        auto addSession = [&](const char* id, const char* title, int day) {
            Session s;
            s.eventId = eventId;
            s.sourceId = id;
            s.title = title;
            s.room = "Main hall";
            s.startsAt = localToInstant({2024, 6, day, 15, 0, 0}, e.timeZone);
            s.endsAt = s.startsAt + 45 * 60;
            return AgendaRepo(store).insertSession(s);
        };
        opening = addSession("t1", "Opening words", 3);
        kestrelTalk = addSession("t2", "Scaling the Kestrel cache", 4);
        auto addPerson = [&](const char* name, const char* company) {
            Person p;
            p.displayName = name;
            p.company = company;
            p.source = "typed";
            return PeopleRepo(store).create(p);
        };
        bo = addPerson("Bo Nielsen", "Initech");
        ana = addPerson("Ana Lima", "Kestrel Systems");
        NoteInput in;
        in.body = "Asked Bo about the kestrel benchmark numbers";
        in.eventId = eventId;
        in.at = localToInstant({2024, 6, 3, 11, 0, 0}, e.timeZone);
        in.noSession = true;
        in.people = {bo};
        note = saveNote(store, in).noteId;
        now = localToInstant({2024, 6, 3, 12, 0, 0}, e.timeZone);  // the first day
    }
};

struct Ui {
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;

    Ui(Store& store, Instant now) {
        shell.setHeadingFont(imgui.fonts.heading);
        state.nowOverride = now;
        imgui.setDraw([this, &store] { shell.draw(&store, state); });
        imgui.frames(3);
    }
    // Ctrl+K, then `text` typed into the field in one frame.
    void search(const char* text) {
        imgui.ctrlKey('K');
        imgui.frames(2);
        imgui.type(text);
        imgui.frames(2);
    }
};

std::vector<std::string> groupLabels(const ui::GlobalSearchModel& m) {
    std::vector<std::string> out;
    for (const auto& g : m.groups()) out.push_back(std::string(g.label) + " " + std::to_string(g.count));
    return out;
}

}  // namespace

TEST_CASE("Ctrl+K searches people, sessions and notes, grouped, once per text change", "[ui][search]") {
    Fixture f;
    Ui ui(f.store, f.now);
    CHECK(ui.shell.search().searchCount() == 0);  // nothing typed: no search

    ui.search("kestrel");
    CHECK(ImGui::GetIO().WantTextInput);
    CHECK(ui.shell.searchOpen());
    REQUIRE(ui.shell.searchDropdownRect());
    const auto& model = ui.shell.search();
    CHECK(groupLabels(model) == std::vector<std::string>{"People 1", "Sessions 1", "Notes 1"});
    REQUIRE(model.hits().size() == 3);
    CHECK(model.hits()[0].kind == "person");
    CHECK(model.hits()[0].id == f.ana);
    CHECK(model.hits()[1].kind == "session");
    CHECK(model.hits()[1].id == f.kestrelTalk);
    CHECK(model.hits()[2].kind == "note");
    CHECK(model.hits()[2].id == f.note);
    for (int i = 0; i < 3; ++i) CHECK(ui.shell.searchHitRect(i));
    CHECK(model.selected() == -1);  // nothing picked until Up/Down

    // Idle frames reuse the hits.
    CHECK(model.searchCount() == 1);
    ui.imgui.frames(30);
    CHECK(model.searchCount() == 1);

    // Each edit searches once more ("kestre" still prefix-matches all three).
    ui.imgui.key(HeadlessUi::kBackspace);
    ui.imgui.frames(10);
    CHECK(ui.shell.searchText() == "kestre");
    CHECK(model.searchCount() == 2);
    CHECK(model.hits().size() == 3);
    // Moving the pick is not new text.
    ui.imgui.key(HeadlessUi::kDown);
    ui.imgui.key(HeadlessUi::kUp);
    ui.imgui.frames(5);
    CHECK(model.searchCount() == 2);
}

TEST_CASE("Down + Enter opens the first hit: the person in People", "[ui][search]") {
    Fixture f;
    Ui ui(f.store, f.now);
    ui.state.people.search = "zzz";  // a filter that would hide her row
    ui.search("kestrel");
    ui.imgui.key(HeadlessUi::kDown);
    CHECK(ui.shell.search().selected() == 0);
    ui.imgui.key(HeadlessUi::kEnter);
    ui.imgui.frames(3);
    CHECK(ui.state.mode == ui::Mode::People);
    CHECK(ui.state.people.selectedPerson == f.ana);
    CHECK(ui.state.people.search.empty());
    CHECK(ui.shell.people().page().has());
    CHECK(ui.shell.people().page().person().id == f.ana);
    CHECK(ui.shell.people().rowRect(f.ana));
    CHECK_FALSE(ui.shell.searchOpen());
    CHECK(ui.state.globalSearch.empty());  // opening a hit does not filter Plan
}

TEST_CASE("a session hit opens Plan on its day with it selected", "[ui][search]") {
    Fixture f;
    Ui ui(f.store, f.now);
    ui.state.mode = ui::Mode::Capture;
    ui.imgui.frames(2);
    CHECK(ui.state.plan.dayKey == "2024-06-03");
    ui.search("kestrel");
    ui.imgui.key(HeadlessUi::kDown);
    ui.imgui.key(HeadlessUi::kDown);
    ui.imgui.key(HeadlessUi::kDown);
    ui.imgui.key(HeadlessUi::kUp);
    CHECK(ui.shell.search().selected() == 1);
    ui.imgui.key(HeadlessUi::kEnter);
    ui.imgui.frames(3);
    CHECK(ui.state.mode == ui::Mode::Plan);
    CHECK(ui.state.plan.selectedSession == f.kestrelTalk);
    CHECK(ui.state.plan.dayKey == "2024-06-04");
    CHECK(ui.shell.plan().sessionRect(f.kestrelTalk));  // drawn in the day grid
}

TEST_CASE("a click on a note hit highlights it in Capture's recent notes", "[ui][search]") {
    Fixture f;
    Ui ui(f.store, f.now);
    ui.search("kestrel");
    auto rect = ui.shell.searchHitRect(2);
    REQUIRE(rect);
    ui.imgui.click(*rect);
    ui.imgui.frames(2);
    CHECK(ui.state.mode == ui::Mode::Capture);
    CHECK(ui.state.capture.highlightNote == f.note);
    const auto& recent = ui.shell.capture().model().recent();
    REQUIRE(recent.size() == 1);
    CHECK(recent[0].id == f.note);
    CHECK_FALSE(ui.shell.searchOpen());
}

TEST_CASE("Escape and clicks elsewhere close the dropdown", "[ui][search]") {
    Fixture f;
    Ui ui(f.store, f.now);
    ui.search("kestrel");
    REQUIRE(ui.shell.searchOpen());
    ui.imgui.key(HeadlessUi::kEscape);
    ui.imgui.frames(2);
    CHECK_FALSE(ui.shell.searchOpen());
    CHECK_FALSE(ui.shell.searchDropdownRect());
    CHECK(ui.shell.searchText() == "kestrel");  // kept for another go
    CHECK(ui.state.mode == ui::Mode::Plan);

    // Back in the field: the hits again, without a new search.
    const int runs = ui.shell.search().searchCount();
    ui.imgui.ctrlKey('K');
    ui.imgui.frames(2);
    CHECK(ui.shell.searchOpen());
    CHECK(ui.shell.search().searchCount() == runs);

    // A click in the content closes it.
    ui.imgui.click(ImVec2(300.0f, 500.0f));
    CHECK_FALSE(ui.shell.searchOpen());

}

TEST_CASE("a query nothing matches shows the empty state", "[ui][search]") {
    Fixture f;
    Ui ui(f.store, f.now);
    ui.search("xyzzy");
    CHECK(ui.shell.searchOpen());
    CHECK(ui.shell.search().searchCount() == 1);
    CHECK(ui.shell.search().hits().empty());
    CHECK(ui.shell.search().groups().empty());
    CHECK(ui.shell.searchDropdownRect());
}

TEST_CASE("snippet spans drop the brackets and mark the matched words", "[ui][search]") {
    auto spans = ui::snippetSpans("met [Ana] at the [kestrel]\ntalk");
    REQUIRE(spans.size() == 5);
    CHECK(spans[0].text == "met ");
    CHECK_FALSE(spans[0].match);
    CHECK(spans[1].text == "Ana");
    CHECK(spans[1].match);
    CHECK(spans[2].text == " at the ");
    CHECK(spans[3].text == "kestrel");
    CHECK(spans[3].match);
    CHECK(spans[4].text == " talk");  // line breaks become spaces
    CHECK(ui::snippetSpans("a [b] c").back().text == " c");
    CHECK(ui::snippetSpans("unclosed [bracket").size() == 1);
    CHECK(ui::snippetSpans("").empty());
}

TEST_CASE("Ctrl+K finds a speaker's talks by name, shows each talk's day, time and room, and counts the rest",
          "[ui][search]") {
    Fixture f;
    // Ines Varga speaks in nine talks whose text never names her.
    RowId ines = 0;
    {
        Person p;
        p.displayName = "Ines Varga";
        p.source = "agenda";
        ines = PeopleRepo(f.store).create(p);
    }
    std::vector<RowId> talks;
    for (int i = 0; i < 9; ++i) {
        Session s;
        s.eventId = f.eventId;
        s.sourceId = "v" + std::to_string(i);
        s.title = "Storage engines part " + std::to_string(i + 1);
        s.room = "Room " + std::to_string(i % 3 + 1);
        s.startsAt = localToInstant({2024, 6, 3, 9 + i, 0, 0}, "Europe/Lisbon");
        s.endsAt = s.startsAt + 30 * 60;
        talks.push_back(AgendaRepo(f.store).insertSession(s));
        AgendaRepo(f.store).setSessionSpeakers(talks.back(), {ines});
    }
    Ui ui(f.store, f.now);
    ui.search("varga");
    const auto& model = ui.shell.search();
    REQUIRE(model.groups().size() == 2);
    const ui::SearchGroup& people = model.groups()[0];
    const ui::SearchGroup& sessions = model.groups()[1];
    CHECK(std::string(people.label) == "People");
    CHECK(people.moreText.empty());
    CHECK(std::string(sessions.label) == "Sessions");
    CHECK(sessions.count == ui::GlobalSearchModel::kLimitPerKind);
    CHECK(sessions.more == 9 - ui::GlobalSearchModel::kLimitPerKind);
    CHECK(sessions.moreText == "and 3 more sessions");
    for (int i = sessions.first; i < sessions.first + sessions.count; ++i) {
        CHECK(model.hits()[size_t(i)].kind == "session");
        // "Mon 3 Jun 09:00–09:30 · Room 1 · Ines Varga"
        CHECK_THAT(model.detail(i), Catch::StartsWith("Mon 3 Jun ") && Catch::Contains(" \u00b7 Room ") &&
                                        Catch::EndsWith(" \u00b7 Ines Varga"));
    }
    CHECK(model.detail(people.first).empty());
    // A session hit opens in Plan.
    auto row = ui.shell.searchHitRect(sessions.first);
    REQUIRE(row);
    const RowId first = model.hits()[size_t(sessions.first)].id;
    ui.imgui.click(*row);
    CHECK(ui.state.mode == ui::Mode::Plan);
    CHECK(ui.state.plan.selectedSession == first);
}

TEST_CASE("search shows the hits on the keystroke's frame and counts the rest on the next", "[ui][search]") {
    Fixture f;
    // 70 notes about benchmarks: more than search ranks (60), so the rest is counted.
    for (int i = 0; i < 70; ++i) {
        NoteInput in;
        in.body = "Benchmark notes " + std::to_string(i);
        in.eventId = f.eventId;
        in.at = f.now - 60 * (i + 1);
        in.noSession = true;
        saveNote(f.store, in);
    }
    Ui ui(f.store, f.now);
    ui.imgui.ctrlKey('K');
    ui.imgui.frames(2);
    const auto& model = ui.shell.search();
    ui.imgui.type("benchm");
    // The frame that searched: hits, no count yet.
    for (int i = 0; i < 3 && model.groups().empty(); ++i) ui.imgui.frames(1);
    auto notesGroup = [&]() -> const ui::SearchGroup* {
        for (const auto& g : model.groups())
            if (std::string(g.kind) == "note") return &g;
        return nullptr;
    };
    REQUIRE(notesGroup());
    const int searches = model.searchCount();
    REQUIRE(model.countsPending());
    CHECK(notesGroup()->count == ui::GlobalSearchModel::kLimitPerKind);
    CHECK(notesGroup()->moreText.empty());
    ui.imgui.frames(1);
    // The next frame: counted, without searching again.
    CHECK_FALSE(model.countsPending());
    REQUIRE(notesGroup());
    CHECK(notesGroup()->moreText == "and 65 more notes");  // the fixture's own benchmark note too
    CHECK(model.searchCount() == searches);
}
