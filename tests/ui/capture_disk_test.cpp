// The Capture view when the database cannot be written (full disk through
// SQLite's own error path, or a read-only database): saving fails with our
// sentence in the status line, the text stays in the box, and the draft is
// kept in a file outside the database until the database takes it again.
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "core/time_util.h"
#include "full_disk_vfs.h"
#include "store/agenda_repo.h"
#include "store/notes_repo.h"
#include "store/people_repo.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/draft_copy.h"
#include "ui/headless_ui.h"
#include "ui/shell.h"

using namespace hallway;
using hallway::testing::FullDiskVfs;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;

namespace {

// Points XDG_STATE_HOME at a fresh folder for the test, then puts it back.
struct StateHome {
    TempDir dir;
    std::optional<std::string> old;
    StateHome() {
        if (const char* v = std::getenv("XDG_STATE_HOME")) old = v;
        setenv("XDG_STATE_HOME", dir.path().c_str(), 1);
    }
    ~StateHome() {
        if (old) setenv("XDG_STATE_HOME", old->c_str(), 1);
        else unsetenv("XDG_STATE_HOME");
    }
};

struct Fixture {
    TempDir dir;
    Store store{dir.file("hallway.db")};
    RowId eventId = 0, ana = 0;
    Instant now = 0;
    Fixture() {
        Event e;
        e.name = "Lisbon Dev Days";
        e.timeZone = "Europe/Lisbon";
        eventId = AgendaRepo(store).createEvent(e);
        Person p;
        p.displayName = "Ana Lima";
        p.source = "typed";
        ana = PeopleRepo(store).create(p);
        now = localToInstant({2024, 6, 3, 10, 20, 0}, e.timeZone);
    }
    std::string draftKey() const { return "capture:" + std::to_string(eventId); }
    std::string copyPath() const { return ui::draftCopyPath(store.path(), draftKey()); }
};

struct Ui {
    HeadlessUi imgui;
    ui::Shell shell;
    ui::AppState state;
    Ui(Store& store, Instant now) {
        shell.setHeadingFont(imgui.fonts.heading);
        state.nowOverride = now;
        state.mode = ui::Mode::Capture;
        imgui.setDraw([this, &store] { shell.draw(&store, state); });
        imgui.frames(3);
    }
};

std::string integrity(Store& store) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(store.connection().handle(), "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

constexpr int kEnter = HeadlessUi::kEnter;

}  // namespace

TEST_CASE("a note that cannot be saved on a full disk stays in the box and in a draft outside the database",
          "[ui][capture][disk]") {
    StateHome home;
    FullDiskVfs disk;  // before the Store, so the Store writes through it
    {
        Fixture f;
        Ui ui(f.store, f.now);
        ui.imgui.type("@ana-lima #promise send slides");
        REQUIRE(NotesRepo(f.store).draft(f.draftKey()) == std::optional<std::string>("@ana-lima #promise send slides"));

        disk.setFull(true);
        ui.imgui.type(" tomorrow");
        // The draft could not go into the database: it went to a file, and the user is told.
        CHECK(ui.state.status.error);
        CHECK_THAT(ui.state.status.text, Catch::Contains("the disk is full"));
        CHECK_THAT(ui.state.status.text, Catch::Contains("kept in " + f.copyPath()));
        CHECK(ui::readDraftCopy(f.copyPath()) == std::optional<std::string>("@ana-lima #promise send slides tomorrow"));

        ui.imgui.ctrlKey(kEnter);
        ui.imgui.frames(2);
        INFO(ui.state.status.text);
        CHECK(disk.refusedWrites() > 0);
        CHECK(ui.state.status.error);
        CHECK_THAT(ui.state.status.text,
                   Catch::StartsWith("Not saved: the disk is full: nothing of this change was saved; the data already "
                                     "in " + f.store.path() + " is intact."));
        CHECK_THAT(ui.state.status.text, Catch::Contains("Your text stays in the box and is kept in " + f.copyPath()));
        CHECK(ui.state.status.text.find("database or disk is full") == std::string::npos);  // SQLite's words
        CHECK(ui.shell.capture().text() == "@ana-lima #promise send slides tomorrow");
        CHECK(ui::readDraftCopy(f.copyPath()) == std::optional<std::string>("@ana-lima #promise send slides tomorrow"));
        CHECK(NotesRepo(f.store).recentNotes(10).empty());
        CHECK(integrity(f.store) == "ok");

        // Room again: the next edit puts the draft back in the database and
        // drops the copy; saving works and clears both.
        disk.setFull(false);
        ui.imgui.type("!");
        CHECK(NotesRepo(f.store).draft(f.draftKey()) ==
              std::optional<std::string>("@ana-lima #promise send slides tomorrow!"));
        CHECK_FALSE(std::filesystem::exists(f.copyPath()));
        ui.imgui.ctrlKey(kEnter);
        ui.imgui.frames(2);
        CHECK_FALSE(ui.state.status.error);
        auto notes = NotesRepo(f.store).recentNotes(10, f.eventId);
        REQUIRE(notes.size() == 1);
        CHECK(notes[0].body == "@ana-lima #promise send slides tomorrow!");
        CHECK(notes[0].people == std::vector<RowId>{f.ana});
        CHECK(ui.shell.capture().text().empty());
        CHECK_FALSE(NotesRepo(f.store).draft(f.draftKey()));
        CHECK(integrity(f.store) == "ok");
    }
}

TEST_CASE("a draft kept outside the database comes back on start and goes back into the database",
          "[ui][capture][disk]") {
    StateHome home;
    Fixture f;
    NotesRepo(f.store).saveDraft(f.draftKey(), "half a");  // older: the database took it before it filled up
    ui::writeDraftCopy(f.copyPath(), "half a thought about caches");
    Ui ui(f.store, f.now);
    CHECK(ui.shell.capture().text() == "half a thought about caches");
    CHECK(NotesRepo(f.store).draft(f.draftKey()) == std::optional<std::string>("half a thought about caches"));
    CHECK_FALSE(std::filesystem::exists(f.copyPath()));
    CHECK_FALSE(ui.state.status.error);
}

TEST_CASE("a read-only database: the note is not saved, the error says read-only, and the text is kept",
          "[ui][capture][disk]") {
    StateHome home;
    Fixture f;
    Ui ui(f.store, f.now);
    // What SQLite does with a file it may only read: every write fails with SQLITE_READONLY.
    REQUIRE(sqlite3_exec(f.store.connection().handle(), "PRAGMA query_only = 1", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    ui.imgui.type("met @ana-lima at the door");
    CHECK(ui.state.status.error);
    CHECK_THAT(ui.state.status.text, Catch::Contains("the database " + f.store.path() + " is read-only"));
    ui.imgui.ctrlKey(kEnter);
    ui.imgui.frames(2);
    INFO(ui.state.status.text);
    CHECK(ui.state.status.error);
    CHECK_THAT(ui.state.status.text, Catch::StartsWith("Not saved: the database " + f.store.path() +
                                                       " is read-only: nothing of this change was saved"));
    CHECK_THAT(ui.state.status.text, Catch::Contains("kept in " + f.copyPath()));
    CHECK(ui.shell.capture().text() == "met @ana-lima at the door");
    CHECK(ui::readDraftCopy(f.copyPath()) == std::optional<std::string>("met @ana-lima at the door"));
    CHECK(NotesRepo(f.store).recentNotes(10).empty());
    CHECK_FALSE(NotesRepo(f.store).draft(f.draftKey()));
}
