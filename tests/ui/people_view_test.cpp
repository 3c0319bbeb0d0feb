// Headless tests of the People view: the table filters as you type, a click
// opens the person's page with their timeline, targets show where to find
// them, merging goes through its confirmation, and idle frames rebuild nothing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "core/time_util.h"
#include "services/capture_service.h"
#include "services/people_service.h"
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

RowId addPerson(Store& store, const std::string& name, const std::string& company, const std::string& role = "") {
    Person p;
    p.displayName = name;
    p.company = company;
    p.role = role;
    p.source = "typed";
    return PeopleRepo(store).create(p);
}

// A target with no why or questions: what a card needs to show a Met box.
void addTarget(Store& store, RowId eventId, RowId personId, TargetPriority priority) {
    Target t;
    t.eventId = eventId;
    t.personId = personId;
    t.priority = priority;
    PeopleRepo(store).upsertTarget(t);
}

struct Fixture {
    TempDir dir;
    Store store{dir.file("hallway.db")};
    RowId eventId = 0, talk = 0, ana = 0, anaCopy = 0, bo = 0;
    Instant now = 0;

    Fixture() {
        Event e;
        e.name = "Lisbon Dev Days";
        e.timeZone = "Europe/Lisbon";
        eventId = AgendaRepo(store).createEvent(e);
        Session s;
        s.eventId = eventId;
        s.sourceId = "t1";
        s.title = "Calm tools";
        s.room = "Main hall";
        s.startsAt = localToInstant({2024, 6, 3, 10, 0, 0}, e.timeZone);
        s.endsAt = s.startsAt + 45 * 60;
        talk = AgendaRepo(store).insertSession(s);
        ana = addPerson(store, "Ana Lima", "Acme", "Staff engineer");
        anaCopy = addPerson(store, "A. Lima", "Acme");
        bo = addPerson(store, "Bo Nielsen", "Initech", "CTO");
        for (int i = 0; i < 20; ++i) addPerson(store, "Person " + std::to_string(i), "Umbrella");
        PeopleRepo(store).addTag(ana, "rust");
        AgendaRepo(store).setSessionSpeakers(talk, {ana});
        Target t;
        t.eventId = eventId;
        t.personId = ana;
        t.priority = TargetPriority::Must;
        t.why = "wrote the scheduler";
        t.questions = {"how do you test it?"};
        PeopleRepo(store).upsertTarget(t);
        now = localToInstant({2024, 6, 3, 12, 0, 0}, e.timeZone);
        NoteInput in;
        in.body = "@ana-lima loves bouldering #detail";
        in.eventId = eventId;
        in.at = now;
        saveNote(store, in);
        in.body = "met at the door";
        in.people = {anaCopy};
        in.noSession = true;
        saveNote(store, in);
    }
};

// The page shows what a fresh load of the person shows, row for row.
void checkPageAsFresh(Store& store, RowId person, const ui::PersonPageModel& page) {
    ui::PersonPageModel fresh;
    fresh.sync(store, person, 1);
    REQUIRE(fresh.rows().size() == page.rows().size());
    for (size_t i = 0; i < page.rows().size(); ++i) {
        INFO("row " << i << ": " << fresh.rows()[i].kind << " " << fresh.rows()[i].text);
        CHECK(page.rows()[i].date == fresh.rows()[i].date);
        CHECK(page.rows()[i].kind == fresh.rows()[i].kind);
        CHECK(page.rows()[i].line == fresh.rows()[i].line);
        CHECK(page.rows()[i].text == fresh.rows()[i].text);
        CHECK(page.rows()[i].event == fresh.rows()[i].event);
    }
    CHECK(page.warmthText() == fresh.warmthText());
}

struct Ui {
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;

    explicit Ui(Store& store, Instant now) {
        shell.setHeadingFont(imgui.fonts.heading);
        state.nowOverride = now;
        state.mode = ui::Mode::People;
        imgui.setDraw([this, &store] { shell.draw(&store, state); });
        imgui.frames(3);
    }
};

}  // namespace

TEST_CASE("the people table filters as you type", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);
    const auto& list = ui.shell.people().list();
    CHECK(list.rows().size() == 23);
    auto search = ui.shell.people().searchRect();
    REQUIRE(search);
    ui.imgui.click(*search);
    ui.imgui.type("niel");
    ui.imgui.frames(1);
    REQUIRE(list.rows().size() == 1);
    CHECK(list.rows()[0].id == f.bo);

    // The tag filter narrows the same way (a click elsewhere first: an active field owns its text).
    ui.imgui.click(ImVec2(1000.0f, 500.0f));
    ui.state.people.search.clear();
    ui.state.people.tag = "rust";
    ui.imgui.frames(2);
    REQUIRE(list.rows().size() == 1);
    CHECK(list.rows()[0].id == f.ana);
}

TEST_CASE("selecting a person shows their page and timeline", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);
    auto row = ui.shell.people().rowRect(f.ana);
    REQUIRE(row);
    ui.imgui.click(*row);
    CHECK(ui.state.people.selectedPerson == f.ana);
    const auto& page = ui.shell.people().page();
    REQUIRE(page.has());
    CHECK(page.person().displayName == "Ana Lima");
    CHECK(page.subtitle() == "Staff engineer, Acme");
    std::vector<std::string> kinds;
    for (const auto& r : page.rows()) kinds.push_back(r.kind);
    CHECK(std::count(kinds.begin(), kinds.end(), "note") == 1);
    CHECK(std::count(kinds.begin(), kinds.end(), "talk") == 1);
    CHECK(std::count(kinds.begin(), kinds.end(), "target") == 1);
    // Her target card shows where to find her: her talk's time and room.
    const auto* target = ui.shell.people().targets().find(f.ana);
    REQUIRE(target);
    REQUIRE(target->whereToFind.size() == 1);
    CHECK(target->whereToFind[0].find("10:00") != std::string::npos);
    CHECK(target->whereToFind[0].find("Main hall") != std::string::npos);
}

TEST_CASE("merge into another person goes through the confirmation", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);
    ui.state.people.selectedPerson = f.anaCopy;
    ui.imgui.frames(2);
    auto merge = ui.shell.people().mergeButtonRect();
    REQUIRE(merge);
    ui.imgui.click(*merge);
    ui.imgui.frames(2);
    CHECK(ImGui::GetIO().WantTextInput);  // the popup's search has the keyboard
    ui.imgui.type("Ana Lima");
    ui.imgui.frames(2);
    // Escape cancels: nothing changes.
    REQUIRE(ui.shell.people().mergeMatchRect(f.ana));
    ui.imgui.key(HeadlessUi::kEscape);
    ui.imgui.frames(2);
    CHECK(PeopleRepo(f.store).find(f.anaCopy));
    CHECK_FALSE(ui.shell.people().mergeMatchRect(f.ana));

    // Again: pick Ana Lima, read the warning, confirm.
    ui.imgui.click(*ui.shell.people().mergeButtonRect());
    ui.imgui.frames(2);
    ui.imgui.type("Ana Lima");
    ui.imgui.frames(2);
    auto match = ui.shell.people().mergeMatchRect(f.ana);
    REQUIRE(match);
    ui.imgui.click(*match);
    auto confirm = ui.shell.people().mergeConfirmRect();
    REQUIRE(confirm);
    ui.imgui.click(*confirm);
    ui.imgui.frames(2);
    INFO(ui.state.status.text);
    CHECK_FALSE(ui.state.status.error);
    CHECK_FALSE(PeopleRepo(f.store).find(f.anaCopy));
    CHECK(ui.state.people.selectedPerson == f.ana);
    CHECK(NotesRepo(f.store).notesAbout(f.ana).size() == 2);  // the copy's note moved over
    CHECK(ui.shell.people().list().rows().size() == 22);
}

TEST_CASE("people view models do not rebuild on idle frames", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);
    ui.state.people.selectedPerson = f.ana;
    ui.imgui.frames(2);
    const auto& view = ui.shell.people();
    const int list = view.list().rebuildCount();
    const int page = view.page().rebuildCount();
    const int targets = view.targets().rebuildCount();
    ui.imgui.frames(30);
    ui.imgui.moveMouse(ImVec2(300.0f, 300.0f));
    ui.imgui.frames(5);
    CHECK(view.list().rebuildCount() == list);
    CHECK(view.page().rebuildCount() == page);
    CHECK(view.targets().rebuildCount() == targets);

    // The targets tab draws from the same model.
    ui.state.people.targetsTab = true;
    ui.imgui.frames(5);
    CHECK(view.targets().rebuildCount() == targets);
}

TEST_CASE("ticking a target met in the targets tab updates its row as a reload would", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);
    ui.state.people.targetsTab = true;
    ui.imgui.frames(3);
    const auto& targets = ui.shell.people().targets();
    REQUIRE(targets.rows().size() == 1);
    REQUIRE(targets.rows()[0].whereToFind.size() == 1);
    for (bool met : {true, false}) {
        auto rect = ui.shell.people().metRect(f.ana);
        REQUIRE(rect);
        ui.imgui.click(*rect);
        ui.imgui.frames(2);
        const TargetStatus want = met ? TargetStatus::Met : TargetStatus::NotYet;
        CHECK(PeopleRepo(f.store).findTarget(f.eventId, f.ana)->status == want);
        // The same rows a fresh load gives.
        ui::TargetsModel fresh;
        fresh.sync(f.store, f.eventId, 1);
        REQUIRE(fresh.rows().size() == targets.rows().size());
        CHECK(targets.rows()[0].status == want);
        CHECK(fresh.rows()[0].status == want);
        CHECK(fresh.rows()[0].whereToFind == targets.rows()[0].whereToFind);
        CHECK(fresh.rows()[0].why == targets.rows()[0].why);
    }
}

TEST_CASE("where to find targets is worked out only while the targets tab or a person's page shows it", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);  // People, the table of everyone, nobody selected
    const auto& targets = ui.shell.people().targets();
    CHECK(targets.rebuildCount() == 0);
    CHECK(targets.count() == 1);  // the tab's label

    // Ticked met and a new target, both elsewhere (Capture, the CLI): the label
    // follows, the rows wait.
    markMet(f.store, f.eventId, f.ana, f.now);
    ui.state.revision.apply(ui::Change::Targets);
    ui.imgui.frames(2);
    Target t;
    t.eventId = f.eventId;
    t.personId = f.bo;
    PeopleRepo(f.store).upsertTarget(t);
    ui.state.revision.apply(ui::Change::Targets);
    ui.imgui.frames(2);
    CHECK(targets.rebuildCount() == 0);
    CHECK(targets.count() == 2);

    // The tab shown: the rows load once, as a fresh load has them.
    ui.state.people.targetsTab = true;
    ui.imgui.frames(3);
    CHECK(targets.rebuildCount() == 1);
    ui::TargetsModel fresh;
    fresh.sync(f.store, f.eventId, 1);
    REQUIRE(targets.rows().size() == 2);
    CHECK(targets.count() == 2);
    for (size_t i = 0; i < fresh.rows().size(); ++i) {
        CHECK(targets.rows()[i].personId == fresh.rows()[i].personId);
        CHECK(targets.rows()[i].status == fresh.rows()[i].status);
        CHECK(targets.rows()[i].whereToFind == fresh.rows()[i].whereToFind);
    }
    CHECK(targets.find(f.ana)->status == TargetStatus::Met);

    // Hidden again: a change waits for the next time the rows show, here a
    // person's page with their target card (the tab had opened Ana's page).
    ui.state.people.targetsTab = false;
    ui.state.people.selectedPerson.reset();
    unmarkMet(f.store, f.eventId, f.ana);
    ui.state.revision.apply(ui::Change::Targets);
    ui.imgui.frames(3);
    CHECK(targets.rebuildCount() == 1);
    CHECK(targets.count() == 2);
    ui.state.people.selectedPerson = f.ana;
    ui.imgui.frames(2);
    CHECK(targets.rebuildCount() == 2);
    CHECK(targets.find(f.ana)->status == TargetStatus::NotYet);
}

// Frame CPU time, not a pass/fail budget. Run with: ui_tests "[.perf]" -s
TEST_CASE("frame time of the People view", "[.perf]") {
    Fixture f;
    for (int i = 0; i < 5000; ++i) addPerson(f.store, "Contact " + std::to_string(i), "Company " + std::to_string(i % 97));
    for (int i = 0; i < 300; ++i) {
        NoteInput in;
        in.body = "@ana-lima follow-up number " + std::to_string(i);
        in.eventId = f.eventId;
        in.at = f.now + i * 60;
        saveNote(f.store, in);
    }
    Ui ui(f.store, f.now);
    ui.state.people.selectedPerson = f.ana;
    ui.imgui.moveMouse(ImVec2(300.0f, 400.0f));
    ui.imgui.frames(5);
    std::vector<double> ms;
    for (int i = 0; i < 200; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        ui.imgui.frame();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("People, 5023 people, selected person with 300+ timeline rows, 1280x800: median %.3f ms, p95 %.3f ms, "
                "max %.3f ms (%d vertices)\n",
                ms[100], ms[190], ms.back(), ImGui::GetDrawData()->TotalVtxCount);
}

TEST_CASE("contacts import from the People view and by a drop on the window", "[ui][people][import]") {
    Fixture f;
    Ui ui(f.store, f.now);
    const auto& list = ui.shell.people().list();
    REQUIRE(list.rows().size() == 23);

    REQUIRE(ui.shell.people().importButtonRect());
    ui.imgui.click(*ui.shell.people().importButtonRect());
    ui.imgui.frames(2);
    CHECK(ImGui::GetIO().WantTextInput);  // the popup's path field has the keyboard
    ui.imgui.type(hallway::testing::testData("contacts/linkedin_connections.csv").c_str());
    ui.imgui.key(HeadlessUi::kEnter);
    ui.imgui.frames(2);
    INFO(ui.state.status.text);
    CHECK_FALSE(ui.state.status.error);
    CHECK(ui.state.status.text.find("(LinkedIn): 6 people added") != std::string::npos);
    CHECK(ui.state.mode == ui::Mode::People);
    CHECK(list.rows().size() == 29);  // the table shows them without a restart
    CHECK_FALSE(ImGui::GetIO().WantTextInput);  // the popup closed

    // A vCard dropped while another view is open: imported as contacts, People shown.
    ui.state.mode = ui::Mode::Plan;
    ui.imgui.frames(1);
    ui.state.pendingImports.push_back(hallway::testing::testData("contacts/vcard30.vcf"));
    ui.imgui.frames(2);
    INFO(ui.state.status.text);
    CHECK_FALSE(ui.state.status.error);
    // Its one card is someone the LinkedIn export brought in: updated, not added twice.
    CHECK(ui.state.status.text.find("(vCard): 0 people added, 1 updated") != std::string::npos);
    CHECK(ui.state.mode == ui::Mode::People);
    CHECK(list.rows().size() == 29);

    // A broken one: the status line names the line, and nobody is added.
    const size_t before = list.rows().size();
    ui.state.pendingImports.push_back(hallway::testing::testData("contacts/missing_end.vcf"));
    ui.imgui.frames(2);
    CHECK(ui.state.status.error);
    CHECK(ui.state.status.text.find("missing_end.vcf:6:") != std::string::npos);
    CHECK(list.rows().size() == before);
}

TEST_CASE("a target is written on the person page: priority, why, questions - edited and removed", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);
    using W = ui::PeopleView::TargetWidget;
    auto& view = ui.shell.people();
    auto click = [&](W w) {
        auto rect = view.targetWidgetRect(w);
        REQUIRE(rect);
        ui.imgui.click(*rect);
        ui.imgui.frames(2);
    };
    ui.state.people.selectedPerson = f.bo;
    ui.imgui.frames(3);

    click(W::WantToMeet);
    REQUIRE(view.editingTarget());
    CHECK(ImGui::GetIO().WantTextInput);  // "why" has the keyboard at once
    CHECK_FALSE(PeopleRepo(f.store).findTarget(f.eventId, f.bo));  // nothing saved before Save
    ui.imgui.type("runs  the scheduler team");
    click(W::Must);
    click(W::Questions);
    ui.imgui.type("how do you test it?");
    ui.imgui.key(HeadlessUi::kEnter);
    ui.imgui.type("  ");
    ui.imgui.key(HeadlessUi::kEnter);
    ui.imgui.type("what comes next?");
    click(W::Save);
    CHECK_FALSE(view.editingTarget());
    CHECK(ui.state.status.text == "Added the target Bo Nielsen at Lisbon Dev Days.");
    auto saved = PeopleRepo(f.store).findTarget(f.eventId, f.bo);
    REQUIRE(saved);
    CHECK(saved->priority == TargetPriority::Must);
    CHECK(saved->why == "runs the scheduler team");
    CHECK(saved->questions == std::vector<std::string>{"how do you test it?", "what comes next?"});
    const auto* card = view.targets().find(f.bo);  // the card shows it without a restart
    REQUIRE(card);
    CHECK(card->why == "runs the scheduler team");

    // Edit, change, cancel: nothing changes.
    click(W::Edit);
    REQUIRE(view.editingTarget());
    ui.imgui.type(" and more");
    click(W::Nice);
    click(W::Cancel);
    CHECK_FALSE(view.editingTarget());
    CHECK(PeopleRepo(f.store).findTarget(f.eventId, f.bo)->why == "runs the scheduler team");
    CHECK(PeopleRepo(f.store).findTarget(f.eventId, f.bo)->priority == TargetPriority::Must);

    // Edit again and remove: the target goes, the person stays.
    click(W::Edit);
    click(W::Remove);
    CHECK_FALSE(PeopleRepo(f.store).findTarget(f.eventId, f.bo));
    CHECK(view.targets().find(f.bo) == nullptr);
    CHECK(PeopleRepo(f.store).find(f.bo));
    CHECK(view.targetWidgetRect(W::WantToMeet));
}

TEST_CASE("a person's details are edited on their page: saved together, refused with the reason", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);
    auto& view = ui.shell.people();
    ui.state.people.selectedPerson = f.bo;
    ui.imgui.frames(3);
    REQUIRE(view.editDetailsRect());
    ui.imgui.click(*view.editDetailsRect());
    ui.imgui.frames(2);
    REQUIRE(view.editingDetails());
    CHECK(ImGui::GetIO().WantTextInput);  // the name field has the keyboard
    ui.imgui.type("Bo Nielsen-Berg");     // the name comes selected: typing replaces it
    ui.imgui.frames(1);
    PersonEditText* text = view.detailsText();
    REQUIRE(text);
    CHECK(text->name == "Bo Nielsen-Berg");
    text->emails = "bo@initech.example (work)\nnot an address\n";
    text->tags = "databases, Hiring";
    text->facts = "moving to Aarhus on 1 August\n";
    REQUIRE(view.detailsSaveRect());
    ui.imgui.click(*view.detailsSaveRect());
    ui.imgui.frames(2);
    CHECK(view.editingDetails());  // refused: the text stays for fixing
    CHECK(view.detailsError() == "Emails, line 2: 'not an address' is not an email address. Nothing was saved yet.");
    CHECK(PeopleRepo(f.store).find(f.bo)->emails.empty());

    view.detailsText()->emails = "bo@initech.example (work)\n";
    ui.imgui.click(*view.detailsSaveRect());
    ui.imgui.frames(2);
    CHECK_FALSE(view.editingDetails());
    CHECK(ui.state.status.text == "Saved Bo Nielsen-Berg.");
    Person bo = *PeopleRepo(f.store).find(f.bo);
    CHECK(bo.emails == std::vector<ContactDetail>{{"bo@initech.example", "work"}});
    CHECK(bo.tags == std::vector<std::string>{"databases", "hiring"});
    REQUIRE(bo.facts.size() == 1);
    CHECK(bo.displayName == "Bo Nielsen-Berg");
    CHECK(bo.facts[0].onDate == std::optional<std::string>("2024-08-01"));  // the next 1 August after the app's "now"
    // The page shows the saved details without a restart.
    CHECK(view.page().person().tags == bo.tags);
}

TEST_CASE("a long targets tab draws the cards in view, and scrolling brings the others", "[ui][people]") {
    Fixture f;
    std::vector<RowId> ids;
    for (int i = 0; i < 40; ++i) {
        Target t;
        t.eventId = f.eventId;
        t.personId = addPerson(f.store, "Target " + std::to_string(100 + i), "Globex");
        t.priority = TargetPriority::Should;
        t.why = "works on the scheduler; could review the design of the queue";
        t.questions = {"how do you test it?", "what would you change?"};
        PeopleRepo(f.store).upsertTarget(t);
        ids.push_back(t.personId);
    }
    Ui ui(f.store, f.now);
    auto& view = ui.shell.people();
    ui.state.people.targetsTab = true;
    ui.imgui.frames(3);
    // Bo's page beside the cards (no target): only the cards draw met boxes.
    ui.state.people.selectedPerson = f.bo;
    ui.imgui.frames(2);
    REQUIRE(view.targets().rows().size() == 41);
    auto drawn = [&] {
        int n = 0;
        for (RowId id : ids) n += view.metRect(id) ? 1 : 0;
        return n;
    };
    const RowId first = view.targets().rows().front().personId, last = view.targets().rows().back().personId;
    CHECK(view.metRect(first));
    CHECK_FALSE(view.metRect(last));
    CHECK(drawn() > 0);
    CHECK(drawn() < 30);

    // Wheel down over the cards until the end: the last card is drawn, the first no longer.
    ui.imgui.moveMouse(ImVec2(400.0f, 500.0f));
    for (int i = 0; i < 40 && !view.metRect(last); ++i) {
        ImGui::GetIO().MouseWheel = -5.0f;
        ui.imgui.frames(2);
    }
    REQUIRE(view.metRect(last));
    CHECK_FALSE(view.metRect(first));
    // And a card drawn after scrolling is ticked like any other.
    ui.imgui.click(*view.metRect(last));
    ui.imgui.frames(2);
    CHECK(view.targets().find(last)->status == TargetStatus::Met);
}

TEST_CASE("goals sit above the targets with their progress - the network tab groups people", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);
    auto& view = ui.shell.people();
    ui.state.people.targetsTab = true;
    ui.imgui.frames(3);
    CHECK(view.goals().goals().empty());
    REQUIRE(view.addGoalRect());
    ui.imgui.click(*view.addGoalRect());  // the default: meet 5 people
    ui.imgui.frames(2);
    REQUIRE(view.goals().goals().size() == 1);
    CHECK(view.goals().goals()[0].label == "Meet 5 people");
    // Ana's second record is on a note as someone talked with (Capture's
    // People field): that is a meeting. Ana's @mention is not.
    CHECK(view.goals().goals()[0].done == 1);

    // Ana (a target) ticked met: the goal counts her without a restart.
    auto met = view.metRect(f.ana);
    REQUIRE(met);
    ui.imgui.click(*met);
    ui.imgui.frames(2);
    CHECK(view.goals().goals()[0].done == 2);

    // Network: by company, largest group first; the largest group's people
    // show beside the map, a click shows another's, a double click lists them.
    REQUIRE(view.networkTabRect());
    ui.imgui.click(*view.networkTabRect());
    ui.imgui.frames(2);
    CHECK(ui.state.people.networkTab);
    const auto& groups = view.network().groups();
    REQUIRE(groups.size() == 3);
    CHECK(groups[0].group == "Umbrella");
    CHECK(groups[0].people == 20);
    CHECK(groups[1].group == "Acme");
    CHECK(groups[1].people == 2);
    CHECK(groups[1].genuineInteractions >= 1);  // the met tick logged a touch with Ana
    CHECK(view.networkGroup() == "Umbrella");
    CHECK(view.networkGroupPeople().size() == 20);
    auto acme = view.networkRowRect("Acme");
    REQUIRE(acme);
    ui.imgui.click(*acme);
    ui.imgui.frames(2);
    CHECK(ui.state.people.networkTab);
    CHECK(view.networkGroup() == "Acme");
    REQUIRE(view.networkGroupPeople().size() == 2);
    for (const auto& person : view.networkGroupPeople()) CHECK(person.company == "Acme");
    // A person beside the map opens on their page, the list showing their group.
    const RowId member = view.networkGroupPeople().front().id;
    auto memberRow = view.groupPersonRect(member);
    REQUIRE(memberRow);
    ui.imgui.click(*memberRow);
    ui.imgui.frames(3);
    CHECK_FALSE(ui.state.people.networkTab);
    CHECK(ui.state.people.search == "Acme");
    CHECK(ui.state.people.selectedPerson == member);
    CHECK(view.list().rows().size() == 2);
    CHECK(view.page().has());

    // A double click on a group lists its people straight away.
    ui.state.people.networkTab = true;
    ui.state.people.search.clear();
    ui.imgui.frames(2);
    auto umbrella = view.networkRowRect("Umbrella");
    REQUIRE(umbrella);
    ui.imgui.doubleClick(*umbrella);
    ui.imgui.frames(2);
    CHECK_FALSE(ui.state.people.networkTab);
    CHECK(ui.state.people.search == "Umbrella");
    CHECK(view.list().rows().size() == 20);
}

TEST_CASE("a target ticked met recounts the goals from that person alone - equal to a fresh count after each change",
          "[ui][people]") {
    Fixture f;
    addTarget(f.store, f.eventId, f.bo, TargetPriority::Nice);
    addGoal(f.store, f.eventId, "people_met", 5, "");
    addGoal(f.store, f.eventId, "people_met", 2, "in developer tooling");
    addGoal(f.store, f.eventId, "coffee_chats", 3, "");
    addGoal(f.store, f.eventId, "text", std::nullopt, "find a mentor");
    Ui ui(f.store, f.now);
    ui.state.eventId = f.eventId;
    ui.state.people.targetsTab = true;
    ui.imgui.frames(3);
    const auto& view = ui.shell.people();
    const auto& goals = view.goals();
    REQUIRE(goals.goals().size() == 4);
    // What the tab shows is what counting everything again gives, and `met` people.
    auto asFresh = [&](int met) {
        const auto fresh = goalProgress(f.store, f.eventId);
        REQUIRE(fresh.size() == goals.goals().size());
        for (size_t i = 0; i < fresh.size(); ++i) {
            INFO("goal " << i << ": " << fresh[i].label);
            CHECK(goals.goals()[i].goalId == fresh[i].goalId);
            CHECK(goals.goals()[i].label == fresh[i].label);
            CHECK(goals.goals()[i].target == fresh[i].target);
            CHECK(goals.goals()[i].done == fresh[i].done);
        }
        CHECK(goals.goals()[0].done == met);
        CHECK(goals.goals()[1].done == met);
    };
    auto tick = [&](RowId person) {
        auto rect = view.metRect(person);
        REQUIRE(rect);
        ui.imgui.click(*rect);
        ui.imgui.frames(2);
    };
    asFresh(1);  // Ana's second record, talked with on a note
    const int loads = goals.loadCount();

    // Ticks met and back: each rechecks the one person, no full recount.
    tick(f.ana);
    asFresh(2);
    tick(f.bo);
    asFresh(3);
    tick(f.ana);
    REQUIRE(PeopleRepo(f.store).findTarget(f.eventId, f.ana)->status == TargetStatus::NotYet);
    asFresh(2);
    tick(f.bo);
    asFresh(1);
    CHECK(goals.loadCount() == loads);

    // A note of talking with Bo makes him met: a write other than a tick counts everything again.
    NoteInput in;
    in.body = "talked about CI";
    in.eventId = f.eventId;
    in.at = f.now + 3600;
    in.people = {f.bo};
    ui.state.revision.apply(saveNote(f.store, in).touched);
    ui.imgui.frames(2);
    CHECK(goals.loadCount() == loads + 1);
    asFresh(2);

    // His card shows him met (by the note); unticked, the note still counts him.
    REQUIRE(view.targets().find(f.bo));
    REQUIRE(view.targets().find(f.bo)->status == TargetStatus::Met);
    tick(f.bo);
    REQUIRE(PeopleRepo(f.store).findTarget(f.eventId, f.bo)->status == TargetStatus::NotYet);
    asFresh(2);
    tick(f.bo);
    REQUIRE(PeopleRepo(f.store).findTarget(f.eventId, f.bo)->status == TargetStatus::Met);
    asFresh(2);
    CHECK(goals.loadCount() == loads + 1);
}

TEST_CASE("a person is added by hand from People, with a warning when the name is taken", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);
    auto& view = ui.shell.people();
    const int before = PeopleRepo(f.store).count();
    REQUIRE(view.addPersonRect());
    ui.imgui.click(*view.addPersonRect());
    ui.imgui.frames(2);
    CHECK(ImGui::GetIO().WantTextInput);  // the name field has the keyboard
    ui.imgui.type("Cy Diaz");
    ui.imgui.key(HeadlessUi::kEnter);
    ui.imgui.frames(3);
    CHECK(PeopleRepo(f.store).count() == before + 1);
    REQUIRE(ui.state.people.selectedPerson);
    CHECK(PeopleRepo(f.store).find(*ui.state.people.selectedPerson)->displayName == "Cy Diaz");
    CHECK(view.editingDetails());  // their page opens on the editor for the rest
    CHECK(ui.state.status.text == "Added Cy Diaz.");

    // A name already here: Enter does not add a second one; "Add another" does.
    ui.imgui.click(*view.addPersonRect());
    ui.imgui.frames(2);
    ui.imgui.type("bo  nielsen");
    ui.imgui.frames(2);
    REQUIRE(view.addNameClashes().size() == 1);
    CHECK(view.addNameClashes()[0].id == f.bo);
    ui.imgui.key(HeadlessUi::kEnter);
    ui.imgui.frames(2);
    CHECK(PeopleRepo(f.store).count() == before + 1);
    REQUIRE(view.addPersonConfirmRect());
    ui.imgui.click(*view.addPersonConfirmRect());
    ui.imgui.frames(2);
    CHECK(PeopleRepo(f.store).count() == before + 2);
}

TEST_CASE("people are exported from the People view, all or the tag being filtered", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);
    auto& view = ui.shell.people();
    auto exportTo = [&](const std::string& path) {
        REQUIRE(view.exportRect());
        ui.imgui.click(*view.exportRect());
        ui.imgui.frames(2);
        CHECK(ImGui::GetIO().WantTextInput);  // the path field, its text selected
        ui.imgui.type(path.c_str());
        ui.imgui.key(HeadlessUi::kEnter);
        ui.imgui.frames(2);
    };
    const std::string vcf = f.dir.file("people.vcf");
    exportTo(vcf);
    INFO(ui.state.status.text);
    CHECK(ui.state.status.text == "Exported 23 people to " + vcf + " (vCard 4.0).");
    const std::string cards = hallway::testing::readFile(vcf);
    CHECK(cards.rfind("BEGIN:VCARD\r\nVERSION:4.0\r\n", 0) == 0);
    CHECK(cards.find("FN:Bo Nielsen") != std::string::npos);

    // With the tag filter on, only those people; a .csv name writes CSV.
    ui.state.people.tag = "rust";
    ui.imgui.frames(2);
    const std::string csv = f.dir.file("rust.csv");
    exportTo(csv);
    CHECK(ui.state.status.text == "Exported 1 person to " + csv + " (CSV).");
    CHECK(hallway::testing::readFile(csv).find("Ana Lima") != std::string::npos);

    // A folder that does not exist: the popup stays open with the reason.
    exportTo("/no/such/folder/people.vcf");
    CHECK(view.exportError() ==
          "Refusing to write /no/such/folder/people.vcf: there is no folder /no/such/folder. Nothing was written.");
    ui.imgui.frames(2);
    CHECK(view.exportConfirmRect());        // still open
    CHECK(ImGui::GetIO().WantTextInput);    // and the path is ready to be fixed
}

TEST_CASE("the People export asks before replacing a file and never writes over the database", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);
    auto& view = ui.shell.people();
    auto openExport = [&]() {
        REQUIRE(view.exportRect());
        ui.imgui.click(*view.exportRect());
        ui.imgui.frames(2);
    };
    auto typeAndEnter = [&](const std::string& path) {
        ui.imgui.type(path.c_str());
        ui.imgui.key(HeadlessUi::kEnter);
        ui.imgui.frames(2);
    };
    const std::string existing = f.dir.file("old.vcf");
    hallway::testing::writeFile(existing, "keep me");
    openExport();
    typeAndEnter(existing);
    CHECK(view.exportError() == existing + " already exists. Press Replace it to write over it, or change the path.");
    CHECK(hallway::testing::readFile(existing) == "keep me");
    CHECK(view.exportConfirmRect());  // still open, asking
    ui.imgui.key(HeadlessUi::kEnter);  // the same path again: agreed
    ui.imgui.frames(2);
    CHECK(view.exportError().empty());
    CHECK(hallway::testing::readFile(existing).rfind("BEGIN:VCARD", 0) == 0);

    openExport();
    typeAndEnter(f.store.path());
    CHECK(view.exportError().find("it is the database") != std::string::npos);
    ui.imgui.key(HeadlessUi::kEnter);  // pressing again does not make it allowed
    ui.imgui.frames(2);
    CHECK(view.exportError().find("it is the database") != std::string::npos);
    Store reopened(f.store.path());
    CHECK(PeopleRepo(reopened).count() > 0);
}

TEST_CASE("a badge's QR text pasted in Add a person adds or updates them like an import", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);
    auto& view = ui.shell.people();
    const int before = PeopleRepo(f.store).count();
    auto addBadge = [&](const char* payload) {
        ui.imgui.click(*view.addPersonRect());
        ui.imgui.frames(2);
        REQUIRE(view.addBadgeRect());
        ui.imgui.click(*view.addBadgeRect());
        ui.imgui.frames(1);
        ui.imgui.type(payload);
        ui.imgui.frames(2);
        REQUIRE(view.addPersonConfirmRect());
        ui.imgui.click(*view.addPersonConfirmRect());
        ui.imgui.frames(2);
    };
    addBadge("MECARD:N:Okafor,Ngozi;ORG:Lumen Labs;EMAIL:ngozi@lumen.example;;");
    INFO(ui.state.status.text);
    CHECK(ui.state.status.text == "Added Ngozi Okafor from the badge.");
    CHECK(PeopleRepo(f.store).count() == before + 1);
    REQUIRE(ui.state.people.selectedPerson);
    Person ngozi = *PeopleRepo(f.store).find(*ui.state.people.selectedPerson);
    CHECK(ngozi.company == "Lumen Labs");
    CHECK(ngozi.emails == std::vector<ContactDetail>{{"ngozi@lumen.example", ""}});

    // The same person's badge again, with a phone: updated, not added twice.
    addBadge("MECARD:N:Okafor,Ngozi;EMAIL:ngozi@lumen.example;TEL:+234 1 234 5678;;");
    CHECK(ui.state.status.text == "Updated Ngozi Okafor from the badge.");
    CHECK(PeopleRepo(f.store).count() == before + 1);
    CHECK(PeopleRepo(f.store).find(ngozi.id)->phones.size() == 1);
}

TEST_CASE("People lists your network, and the speakers known only from agendas apart, with counts", "[ui][people]") {
    Fixture f;
    for (const char* name : {"Speaker One", "Speaker Two", "Speaker Three"}) {
        Person p;
        p.displayName = name;
        p.source = "agenda";
        PeopleRepo(f.store).create(p);
    }
    Ui ui(f.store, f.now);
    const auto& list = ui.shell.people().list();
    CHECK(ui.state.people.scope == PeopleScope::Network);
    CHECK(list.counts().network == 23);
    CHECK(list.counts().agendaOnly == 3);
    CHECK(list.rows().size() == 23);
    auto agenda = ui.shell.people().scopeRect(PeopleScope::AgendaOnly);
    REQUIRE(agenda);
    ui.imgui.click(*agenda);
    REQUIRE(list.rows().size() == 3);
    CHECK(list.rows()[0].displayName == "Speaker One");
    CHECK(list.rows()[2].displayName == "Speaker Two");
    auto all = ui.shell.people().scopeRect(PeopleScope::All);
    REQUIRE(all);
    ui.imgui.click(*all);
    CHECK(list.rows().size() == 26);
    // The network map counts the network only.
    auto tab = ui.shell.people().networkTabRect();
    REQUIRE(tab);
    ui.imgui.click(*tab);
    int grouped = 0;
    for (const auto& g : ui.shell.people().network().groups()) grouped += g.people;
    CHECK(grouped == 23);
}

TEST_CASE("the Network tab's tooltip counts the network as it is after a change", "[ui][people]") {
    Fixture f;
    Ui ui(f.store, f.now);
    auto tab = ui.shell.people().networkTabRect();
    REQUIRE(tab);
    ui.imgui.click(*tab);
    REQUIRE(ui.state.people.networkTab);
    // The count is read when the tooltip shows: the mouse rests on the tab.
    auto hoverTab = [&] {
        ui.imgui.moveMouse(tab->center());
        ui.imgui.frames(2);
    };
    hoverTab();
    CHECK(ui.shell.people().networkTabTooltip().find("(23 people)") != std::string::npos);
    // Someone added (a contacts import, Capture's new person) while the Network tab is up.
    addPerson(f.store, "Chidi Okafor", "Initech");
    ui.state.revision.apply(ui::Change::People);
    ui.imgui.frames(2);
    hoverTab();
    CHECK(ui.shell.people().networkTabTooltip().find("(24 people)") != std::string::npos);
    int grouped = 0;
    for (const auto& g : ui.shell.people().network().groups()) grouped += g.people;
    CHECK(grouped == 24);
    // And on the targets tab too.
    ui.state.people.networkTab = false;
    ui.state.people.targetsTab = true;
    ui.state.eventId = f.eventId;
    ui.imgui.frames(2);
    addPerson(f.store, "Dana Scully", "FBI");
    ui.state.revision.apply(ui::Change::People);
    ui.imgui.frames(2);
    hoverTab();
    CHECK(ui.shell.people().networkTabTooltip().find("(25 people)") != std::string::npos);
}

TEST_CASE("a target who gives many talks lists the first five and says how many more", "[ui][people]") {
    Fixture f;
    // Bo gives eight talks, one a day at 09:00, added out of order.
    std::vector<RowId> talks;
    for (int day : {7, 3, 5, 4, 8, 6, 9, 10}) {
        Session s;
        s.eventId = f.eventId;
        s.sourceId = "bo" + std::to_string(day);
        s.title = "Bo's talk on the " + std::to_string(day) + "th";
        s.room = "Room " + std::to_string(day);
        s.startsAt = localToInstant({2024, 6, day, 9, 0, 0}, "Europe/Lisbon");
        s.endsAt = s.startsAt + 30 * 60;
        RowId id = AgendaRepo(f.store).insertSession(s);
        AgendaRepo(f.store).setSessionSpeakers(id, {f.bo});
    }
    Target t;
    t.eventId = f.eventId;
    t.personId = f.bo;
    PeopleRepo(f.store).upsertTarget(t);

    ui::TargetsModel targets;
    targets.sync(f.store, f.eventId, 1);
    const ui::TargetRow* bo = nullptr;
    for (const auto& r : targets.rows())
        if (r.personId == f.bo) bo = &r;
    REQUIRE(bo);
    REQUIRE(bo->whereToFind.size() == ui::kTalksShown);
    CHECK(bo->moreTalks == 3);
    // The first five in time: the 3rd to the 7th.
    CHECK(bo->whereToFind.front().find("Room 3") != std::string::npos);
    CHECK(bo->whereToFind.back().find("Room 7") != std::string::npos);

    // Ana's single talk: no "more" line.
    for (const auto& r : targets.rows())
        if (r.personId == f.ana) CHECK(r.moreTalks == 0);

    // The targets tab and Bo's page draw the card.
    Ui ui(f.store, f.now);
    ui.state.people.targetsTab = true;
    ui.imgui.frames(3);
    CHECK(ui.shell.people().metRect(f.bo));
    ui.state.people.targetsTab = false;
    ui.state.people.selectedPerson = f.bo;
    ui.imgui.frames(3);
    CHECK(ui.shell.people().metRect(f.bo));
}

TEST_CASE("at 1024x640 a long name on a person's page is cut before its buttons, whole on hover",
          "[ui][people][layout]") {
    Fixture f;
    const std::string name = "Maximiliane Alexandra von Hohenzollern-Sigmaringen";
    const RowId max = addPerson(f.store, name, "International Business Machines Corporation");
    HeadlessUi imgui(1024.0f, 640.0f);
    ui::Shell shell;
    ui::AppState state;
    shell.setHeadingFont(imgui.fonts.heading);
    state.nowOverride = f.now;
    state.mode = ui::Mode::People;
    state.people.selectedPerson = max;
    imgui.setDraw([&] { shell.draw(&f.store, state); });
    imgui.frames(3);
    auto& view = shell.people();
    auto heading = view.headingRect();
    auto edit = view.editDetailsRect();
    auto merge = view.mergeButtonRect();
    REQUIRE(heading);
    REQUIRE(edit);
    REQUIRE(merge);
    CHECK(heading->max.x <= edit->min.x);
    CHECK(heading->max.y > edit->min.y);  // on the same line
    CHECK(merge->max.x <= 1024.0f);
    // The whole name in a tooltip.
    imgui.moveMouse(heading->center());
    imgui.frame();
    ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
    REQUIRE(tip);
    CHECK(tip->Active);
    // A short name is drawn whole, no tooltip.
    state.people.selectedPerson = f.bo;
    imgui.frames(2);
    heading = view.headingRect();
    REQUIRE(heading);
    CHECK(heading->max.x - heading->min.x < edit->min.x - heading->min.x - 50.0f);
}

TEST_CASE("the Targets tab opens the first target's page beside the list", "[ui][people][layout]") {
    Fixture f;
    Ui ui(f.store, f.now);
    ui.state.eventId = f.eventId;
    ui.state.people.selectedPerson.reset();
    ui.state.people.targetsTab = true;
    ui.imgui.frames(3);
    REQUIRE(ui.state.people.selectedPerson);
    CHECK(*ui.state.people.selectedPerson == f.ana);  // the only target, a must
    // A person chosen stays chosen.
    ui.state.people.selectedPerson = f.bo;
    ui.imgui.frames(2);
    CHECK(*ui.state.people.selectedPerson == f.bo);
}

TEST_CASE("ticking another target met leaves the page beside the cards as it was - its own person's tick reloads it",
          "[ui][people]") {
    Fixture f;
    addTarget(f.store, f.eventId, f.bo, TargetPriority::Nice);
    Ui ui(f.store, f.now);
    ui.state.eventId = f.eventId;
    ui.state.people.targetsTab = true;
    ui.imgui.frames(3);
    REQUIRE(ui.state.people.selectedPerson == f.ana);  // the first target's page, beside the cards
    const auto& page = ui.shell.people().page();
    auto pageAsFresh = [&] { checkPageAsFresh(f.store, f.ana, page); };
    const int built = page.rebuildCount();

    // Bo ticked met: Ana's timeline does not move, so it is not read again.
    auto bo = ui.shell.people().metRect(f.bo);
    REQUIRE(bo);
    ui.imgui.click(*bo);
    ui.imgui.frames(2);
    REQUIRE(PeopleRepo(f.store).findTarget(f.eventId, f.bo)->status == TargetStatus::Met);
    CHECK(page.rebuildCount() == built);
    pageAsFresh();

    // A star changes nothing a person's page shows.
    AgendaRepo(f.store).setStarred(f.talk, true);
    ui.state.revision.apply(ui::Change::Stars);
    ui.imgui.frames(2);
    CHECK(page.rebuildCount() == built);

    // Ana ticked met: her page reads the met and its target line again.
    auto ana = ui.shell.people().metRect(f.ana);
    REQUIRE(ana);
    ui.imgui.click(*ana);
    ui.imgui.frames(2);
    CHECK(page.rebuildCount() == built + 1);
    pageAsFresh();
    auto metLine = std::find_if(page.rows().begin(), page.rows().end(),
                                [](const ui::TimelineRow& r) { return r.kind == "interaction"; });
    REQUIRE(metLine != page.rows().end());
    CHECK(metLine->line == "met");
}

TEST_CASE("the people list reloads when someone joins your network, not for every note or tick", "[ui][people]") {
    Fixture f;
    Person speaker;
    speaker.displayName = "Cy Okafor";
    speaker.source = "agenda";  // known only from the agenda
    const RowId cy = PeopleRepo(f.store).create(speaker);
    AgendaRepo(f.store).setSessionSpeakers(f.talk, {f.ana, cy});
    Ui ui(f.store, f.now);
    ui.state.eventId = f.eventId;
    ui.imgui.frames(2);
    const auto& list = ui.shell.people().list();
    REQUIRE(ui.state.people.scope == PeopleScope::Network);
    REQUIRE(list.indexOf(f.ana) >= 0);
    REQUIRE(list.indexOf(cy) < 0);
    const int built = list.rebuildCount();
    const int network = list.counts().network;

    // Ana is in your network already: a note about her and a tick move nobody in.
    NoteInput note;
    note.body = "talked about schedulers";
    note.eventId = f.eventId;
    note.at = f.now;
    note.people = {f.ana};
    ui.state.revision.apply(saveNote(f.store, note).touched);
    ui.imgui.frames(2);
    ui.state.revision.apply(markMet(f.store, f.eventId, f.ana, f.now));
    ui.imgui.frames(2);
    CHECK(list.rebuildCount() == built);

    // A note of talking with Cy brings him in: the list and its counts show him.
    note.people = {cy};
    ui.state.revision.apply(saveNote(f.store, note).touched);
    ui.imgui.frames(2);
    CHECK(list.rebuildCount() == built + 1);
    CHECK(list.indexOf(cy) >= 0);
    CHECK(list.counts().network == network + 1);
    CHECK(list.counts().network == PeopleRepo(f.store).scopeCounts().network);
}

TEST_CASE("a note about the person shown joins their page in place - equal to a fresh load after each kind of change",
          "[ui][people]") {
    Fixture f;
    // An interaction at the same minute as the fixture's note (a call, at no
    // event: she is not met there yet): a note of that minute goes between
    // them, as the timeline's sort puts it.
    Interaction coffee;
    coffee.personId = f.ana;
    coffee.occurredAt = f.now;
    coffee.kind = "call";
    logInteraction(f.store, coffee);
    Ui ui(f.store, f.now);
    ui.state.eventId = f.eventId;
    ui.state.people.selectedPerson = f.ana;
    ui.imgui.frames(2);
    const auto& page = ui.shell.people().page();
    REQUIRE(page.has());
    auto pageAsFresh = [&] { checkPageAsFresh(f.store, f.ana, page); };
    auto save = [&](const std::string& body, Instant at, std::vector<RowId> talkedWith = {}) {
        NoteInput in;
        in.body = body;
        in.eventId = f.eventId;
        in.at = at;
        in.people = std::move(talkedWith);
        const SavedNote saved = saveNote(f.store, in);
        ui.state.revision.apply(saved.touched, ui::addedNote(saved));
        ui.imgui.frames(2);
        return saved;
    };
    const int reads = page.readCount();
    const size_t rows = page.rows().size();

    // Mentioned now: the newest row, the person not read again.
    save("@ana-lima asked about the CFP\nsecond line", f.now + 3600);
    CHECK(page.readCount() == reads);
    REQUIRE(page.rows().size() == rows + 1);
    CHECK(page.rows()[0].kind == "note");
    CHECK(page.rows()[0].line == "@ana-lima asked about the CFP");
    CHECK(page.rows()[0].event == "Lisbon Dev Days");
    pageAsFresh();

    // At the same minute as a note and an interaction, and a week back: in the middle.
    save("@ana-lima same minute", f.now);
    save("@ana-lima a week before", f.now - 7 * 86400);
    CHECK(page.readCount() == reads);
    CHECK(page.rows().size() == rows + 3);
    pageAsFresh();

    // About someone else: the page does not move.
    save("@bo-nielsen runs CI", f.now + 7200);
    CHECK(page.readCount() == reads);
    CHECK(page.rows().size() == rows + 3);
    pageAsFresh();

    // Talked with her: now she counts as met, her target line changes: read again.
    save("talked about schedulers", f.now + 7200, {f.ana});
    CHECK(page.readCount() == reads + 1);
    pageAsFresh();
    // Met already: the next one is taken in place again.
    save("and about fuzzing", f.now + 7300, {f.ana});
    CHECK(page.readCount() == reads + 1);
    pageAsFresh();

    // Saved in Capture, several in a row while People is not shown: taken in on return.
    ui.state.mode = ui::Mode::Capture;
    ui.imgui.frames(3);
    for (const char* text : {"@ana-lima first from capture", "@bo-nielsen not hers", "@ana-lima second from capture"}) {
        ui.imgui.type(text);
        ui.imgui.ctrlKey(HeadlessUi::kEnter);
        ui.imgui.frames(2);
        INFO(ui.state.status.text);
        REQUIRE_FALSE(ui.state.status.error);
    }
    ui.state.mode = ui::Mode::People;
    ui.imgui.frames(2);
    CHECK(page.readCount() == reads + 1);
    auto shows = [&](const char* line) {
        return std::any_of(page.rows().begin(), page.rows().end(), [&](const ui::TimelineRow& r) { return r.line == line; });
    };
    CHECK(shows("@ana-lima first from capture"));
    CHECK(shows("@ana-lima second from capture"));
    CHECK_FALSE(shows("@bo-nielsen not hers"));
    pageAsFresh();

    // A change the page does not know how to take in: read again.
    ui.state.revision.apply(ui::Change::Notes);
    ui.imgui.frames(2);
    CHECK(page.readCount() == reads + 2);
    pageAsFresh();

    // More writes than are kept while the page was not shown: read again, with all of them.
    ui.state.mode = ui::Mode::Plan;
    ui.imgui.frames(1);
    for (int i = 0; i < 40; ++i) save("@ana-lima note " + std::to_string(i), f.now + 9000 + i);
    ui.state.mode = ui::Mode::People;
    ui.imgui.frames(2);
    CHECK(page.readCount() == reads + 3);
    CHECK(page.rows()[0].line == "@ana-lima note 39");
    pageAsFresh();
}
