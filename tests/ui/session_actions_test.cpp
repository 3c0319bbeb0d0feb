// The session panel's actions on the demo agenda: "Want to meet SPEAKER"
// (added with the talk as why, undone by a second click, a target set up by
// hand left alone), "Note about this talk" (Capture with the session tied to
// the note) and "Open talk page" (only for sessions with a web link).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/time_util.h"
#include "services/import_service.h"
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

struct DemoUi {
    TempDir dir;
    Store store{dir.file("hallway.db")};
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;
    RowId eventId = 0;
    std::vector<std::string> opened;  // URLs handed to the opener

    DemoUi() {
        eventId = importAgendaFile(store, hallway::testing::demoAgenda(), {}).eventId;
        state.eventId = eventId;
        state.nowOverride = localToInstant({2026, 11, 1, 12, 0, 0}, "UTC");
        shell.setHeadingFont(imgui.fonts.heading);
        shell.plan().setUrlOpener([this](const std::string& url) {
            opened.push_back(url);
            return std::string();
        });
        imgui.setDraw([this] { shell.draw(&store, state); });
        imgui.frames(2);
    }
    // The session with `title`, selected in Plan.
    Session select(const std::string& title) {
        for (const Session& s : AgendaRepo(store).sessions(eventId))
            if (s.title == title) {
                state.mode = ui::Mode::Plan;
                state.plan.selectedSession = s.id;
                imgui.frames(2);
                return s;
            }
        FAIL("no session " << title);
        return {};
    }
    RowId speaker(const Session& s, const std::string& name) {
        for (const auto& sp : AgendaRepo(store).speakersOfSession(s.id))
            if (sp.displayName == name) return sp.personId;
        FAIL("no speaker " << name);
        return 0;
    }
};

}  // namespace

TEST_CASE("session panel: want to meet each speaker, with the talk as why, undone by a second click",
          "[ui][plan][session-actions]") {
    DemoUi ui;
    const Session talk = ui.select("Zero-copy parsing in practice");
    const RowId jonas = ui.speaker(talk, "Jonas Weber");
    const RowId aiko = ui.speaker(talk, "Aiko Tanaka");
    REQUIRE(ui.shell.plan().meetRect(jonas));
    REQUIRE(ui.shell.plan().meetRect(aiko));

    ui.imgui.click(*ui.shell.plan().meetRect(aiko));
    PeopleRepo people(ui.store);
    auto target = people.findTarget(ui.eventId, aiko);
    REQUIRE(target);
    CHECK(target->why == "Speaks on \u201cZero-copy parsing in practice\u201d");
    CHECK(target->priority == TargetPriority::Should);
    CHECK_FALSE(people.findTarget(ui.eventId, jonas));  // one button per speaker
    CHECK(ui.state.status.text.find("Aiko Tanaka") != std::string::npos);
    CHECK(ui.state.status.text.find("undo") != std::string::npos);

    // People's targets see it (the change was announced).
    ui.state.mode = ui::Mode::People;
    ui.imgui.frames(2);
    ui.select("Zero-copy parsing in practice");

    // A second click takes them off again.
    ui.imgui.click(*ui.shell.plan().meetRect(aiko));
    CHECK_FALSE(people.findTarget(ui.eventId, aiko));

    // A target you set up yourself is not removed by the button: it opens People.
    Target own;
    own.eventId = ui.eventId;
    own.personId = jonas;
    own.priority = TargetPriority::Must;
    own.why = "ask about the parser's allocator";
    people.upsertTarget(own);
    ui.state.revision.apply(ui::Change::Targets);
    ui.imgui.frames(2);
    ui.imgui.click(*ui.shell.plan().meetRect(jonas));
    auto kept = people.findTarget(ui.eventId, jonas);
    REQUIRE(kept);
    CHECK(kept->why == "ask about the parser's allocator");
    CHECK(ui.state.mode == ui::Mode::People);
    CHECK(ui.state.people.selectedPerson == jonas);
}

TEST_CASE("session panel: a note about this talk opens Capture with the session tied to the note",
          "[ui][plan][session-actions]") {
    DemoUi ui;
    const Session talk = ui.select("Time zones are hard: a field guide");
    auto note = ui.shell.plan().noteAboutRect();
    REQUIRE(note);
    ui.imgui.click(*note);
    ui.imgui.frames(2);
    CHECK(ui.state.mode == ui::Mode::Capture);
    CHECK(ui.shell.capture().fixedSession() == talk.id);
    // What is typed next goes to the box and the saved note carries the session.
    ui.imgui.type("great examples of DST gaps");
    ui.imgui.frames(1);
    REQUIRE(ui.shell.capture().save(ui.store, ui.state));
    auto notes = NotesRepo(ui.store).recentNotes(5, ui.eventId);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].body == "great examples of DST gaps");
    CHECK(notes[0].sessionId == talk.id);
}

TEST_CASE("session panel: the talk page opens when the session has a web link, and only then",
          "[ui][plan][session-actions]") {
    DemoUi ui;
    ui.select("Zero-copy parsing in practice");
    auto open = ui.shell.plan().openLinkRect();
    REQUIRE(open);
    ui.imgui.click(*open);
    CHECK(ui.opened == std::vector<std::string>{"https://hallway.example.org/demo/talks/zero-copy-parsing"});

    ui.select("Time zones are hard: a field guide");  // no link in the agenda
    CHECK_FALSE(ui.shell.plan().openLinkRect());

    // A link that is not http(s) is shown but never handed to xdg-open.
    CHECK(ui::isWebLink("https://example.org/t"));
    CHECK(ui::isWebLink("HTTP://example.org/t"));
    CHECK_FALSE(ui::isWebLink("file:///etc/passwd"));
    CHECK_FALSE(ui::isWebLink("javascript:alert(1)"));
    CHECK_FALSE(ui::isWebLink("https://"));
}

TEST_CASE("a target added in Plan's session panel shows in Capture's targets through the announced change, and "
          "Plan's sessions are not reloaded for it",
          "[ui][plan][capture][changes]") {
    DemoUi ui;
    ui.state.mode = ui::Mode::Capture;
    ui.imgui.frames(2);
    REQUIRE(ui.shell.capture().model().targets().empty());  // built, with nobody to meet yet

    const Session talk = ui.select("Zero-copy parsing in practice");
    const RowId aiko = ui.speaker(talk, "Aiko Tanaka");
    const auto sessionsRevision = ui.state.revision.value(ui::Change::Events | ui::Change::Stars);
    REQUIRE(ui.shell.plan().meetRect(aiko));
    ui.imgui.click(*ui.shell.plan().meetRect(aiko));
    REQUIRE(PeopleRepo(ui.store).findTarget(ui.eventId, aiko));
    CHECK(ui.state.revision.value(ui::Change::Events | ui::Change::Stars) == sessionsRevision);

    ui.state.mode = ui::Mode::Capture;
    ui.imgui.frames(2);
    const auto& targets = ui.shell.capture().model().targets();
    REQUIRE(targets.size() == 1);
    CHECK(targets[0].personId == aiko);
    CHECK_FALSE(targets[0].met);
    REQUIRE(ui.shell.capture().metRect(aiko));

    // Ticked met in Capture: Plan's panel reads the target again and leaves it alone.
    ui.imgui.click(*ui.shell.capture().metRect(aiko));
    CHECK(PeopleRepo(ui.store).findTarget(ui.eventId, aiko)->status == TargetStatus::Met);
    ui.select("Zero-copy parsing in practice");
    ui.imgui.click(*ui.shell.plan().meetRect(aiko));
    CHECK(PeopleRepo(ui.store).findTarget(ui.eventId, aiko));  // no longer "from the talk": opens People instead
    CHECK(ui.state.mode == ui::Mode::People);
}
