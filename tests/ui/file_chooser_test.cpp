// The file chooser as a user drives it from the import and export dialogs:
// into a folder, filter, find by typing, pick; Escape keeps the field; bad
// paths and vanished folders say why; a folder of 10,000 files is read once
// and drawn through the clipper.
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "store/store.h"
#include "test_support.h"
#include "ui/folder_listing.h"
#include "ui/headless_ui.h"
#include "ui/shell.h"

using namespace hallway;
using hallway::testing::HeadlessUi;
using hallway::testing::TempDir;

namespace {

void touch(const std::string& path, const std::string& text = "x") { hallway::testing::writeFile(path, text); }

// A folder as a user's Downloads might hold: a sub-folder with agendas,
// files Hallway reads and one it does not, a hidden file.
struct Downloads {
    TempDir dir;
    std::string root = dir.path().string();
    Downloads() {
        std::filesystem::create_directories(dir.file("Agendas"));
        std::filesystem::create_directories(dir.file("zeta"));
        touch(dir.file("Agendas/schedule.xml"), "<schedule/>");
        touch(dir.file("Agendas/fosdem.ics"));
        touch(dir.file("Agendas/slides.pdf"));
        touch(dir.file("Connections.csv"));
        touch(dir.file("beta.vcf"));
        touch(dir.file("photo.JPG"));
        touch(dir.file(".secret.ics"));
    }
};

struct ChooserUi {
    TempDir dbDir;
    Store store{dbDir.file("hallway.db")};
    HeadlessUi imgui{1280.0f, 800.0f};
    ui::Shell shell;
    ui::AppState state;
    ChooserUi() {
        shell.setHeadingFont(imgui.fonts.heading);
        imgui.setDraw([this] { shell.draw(&store, state); });
        imgui.frames(2);
    }
    ui::FileChooser& chooser() { return shell.importChooser(); }
    // Opens the import dialog with `typed` in its field, then Browse….
    void browseFrom(const std::string& typed) {
        state.openImportDialog = true;
        state.importPath = typed;
        imgui.frames(3);
        auto browse = shell.importBrowseRect();
        REQUIRE(browse);
        imgui.click(*browse);
        imgui.frames(2);
        REQUIRE(chooser().isOpen());
    }
    void clickRow(const std::string& name) {
        auto row = chooser().rowRect(name);
        REQUIRE(row);
        imgui.click(*row);
    }
};

}  // namespace

TEST_CASE("folder listing: folders first, then files, by name ignoring case", "[ui][chooser]") {
    Downloads d;
    ui::FolderListing l = ui::listFolder(d.root + "/");
    CHECK(l.error.empty());
    CHECK(l.path == ui::normalPath(d.root));
    std::vector<std::string> names;
    for (const auto& e : l.entries) names.push_back(e.name + (e.folder ? "/" : ""));
    CHECK(names == std::vector<std::string>{"Agendas/", "zeta/", ".secret.ics", "beta.vcf", "Connections.csv",
                                            "photo.JPG"});
    CHECK(l.entries[2].hidden);
    CHECK(l.entries[3].size == 1);

    ui::FolderListing missing = ui::listFolder(d.root + "/nowhere");
    CHECK(missing.entries.empty());
    CHECK(missing.error == "No such file or directory");

    CHECK(ui::parentFolder("/a/b/") == "/a");
    CHECK(ui::parentFolder("/a") == "/");
    CHECK(ui::parentFolder("/") == "/");
    CHECK(ui::normalPath("/a/./b/../c/") == "/a/c");
    CHECK(ui::baseName("/a/b.ics") == "b.ics");

    const auto filters = ui::importFilters();
    REQUIRE(filters.size() == 2);
    for (const char* name : {"a.ics", "A.ICAL", "s.xml", "s.json", "c.csv", "p.vcf", "p.vcard", "n.txt"})
        CHECK(ui::filterAccepts(filters[0], name));
    CHECK_FALSE(ui::filterAccepts(filters[0], "photo.jpg"));
    CHECK_FALSE(ui::filterAccepts(filters[0], ".ics.bak"));
    CHECK(ui::filterAccepts(filters[1], "photo.jpg"));
}

TEST_CASE("file chooser: into a folder, filtered, found by typing, picked into the import field", "[ui][chooser]") {
    Downloads d;
    ChooserUi ui;
    ui.browseFrom(d.root);
    CHECK(ui.chooser().folder() == ui::normalPath(d.root));
    // Folders first; the filter hides the photo; the hidden file is hidden.
    CHECK(ui.chooser().shownNames() == std::vector<std::string>{"Agendas", "zeta", "beta.vcf", "Connections.csv"});

    // "All files" shows the photo; hidden files on request.
    ui.chooser().setFilter(1);
    ui.imgui.frames(1);
    CHECK(ui.chooser().shownNames() ==
          std::vector<std::string>{"Agendas", "zeta", "beta.vcf", "Connections.csv", "photo.JPG"});
    auto hidden = ui.chooser().hiddenRect();
    REQUIRE(hidden);
    ui.imgui.click(*hidden);
    CHECK(ui.chooser().shownNames().size() == 6);
    ui.imgui.click(*hidden);
    ui.chooser().setFilter(0);
    ui.imgui.frames(1);

    // Into Agendas by double click: the PDF is filtered out.
    auto agendas = ui.chooser().rowRect("Agendas");
    REQUIRE(agendas);
    ui.imgui.doubleClick(*agendas);
    CHECK(ui.chooser().folder() == ui::normalPath(d.root + "/Agendas"));
    CHECK(ui.chooser().shownNames() == std::vector<std::string>{"fosdem.ics", "schedule.xml"});
    CHECK(ui.chooser().folderReads() == 2);
    ui.imgui.frames(20);
    CHECK(ui.chooser().folderReads() == 2);  // read once per visit, not per frame

    // Type-to-find, then Enter picks the file into the dialog's field.
    ui.imgui.type("sch");
    CHECK(ui.chooser().selectedName() == "schedule.xml");
    ui.imgui.key(HeadlessUi::kEnter);
    ui.imgui.frames(2);
    CHECK_FALSE(ui.chooser().isOpen());
    const std::string picked = ui::normalPath(d.root + "/Agendas/schedule.xml");
    CHECK(ui.shell.importPathField() == picked);
    CHECK(ui.state.recentPlaces.files.front() == picked);
    CHECK(ui.state.recentPlaces.folders.front() == ui::normalPath(d.root + "/Agendas"));
    // The import dialog is still open, on the chosen file: Enter imports it
    // (and this one is no agenda, which the dialog says, naming it).
    CHECK(ui.shell.importDialogOpen());
    ui.imgui.key(HeadlessUi::kEnter);
    ui.imgui.frames(2);
    CHECK(ui.state.status.error);
    CHECK(ui.state.status.text.find("schedule.xml") != std::string::npos);
}

TEST_CASE("file chooser: Escape cancels and leaves the field as it was, the dialog open", "[ui][chooser]") {
    Downloads d;
    ChooserUi ui;
    const std::string typed = d.root + "/beta.vcf";
    ui.browseFrom(typed);
    // Opened on the typed file's folder with the file selected.
    CHECK(ui.chooser().folder() == ui::normalPath(d.root));
    CHECK(ui.chooser().selectedName() == "beta.vcf");
    ui.imgui.key(HeadlessUi::kDown);
    CHECK(ui.chooser().selectedName() == "Connections.csv");
    ui.imgui.key(HeadlessUi::kEscape);
    ui.imgui.frames(2);
    CHECK_FALSE(ui.chooser().isOpen());
    CHECK(ui.shell.importPathField() == typed);
    CHECK(ui.shell.importDialogOpen());  // Escape closed only the chooser
    CHECK(ui.state.recentPlaces.files.empty());
}

TEST_CASE("file chooser: keys move, Backspace goes up, a bad path or a vanished folder says why", "[ui][chooser]") {
    Downloads d;
    ChooserUi ui;
    ui.browseFrom(d.root + "/Agendas");
    CHECK(ui.chooser().folder() == ui::normalPath(d.root + "/Agendas"));
    // Backspace: up, with the folder we came from selected; Enter goes back in.
    ui.imgui.key(HeadlessUi::kBackspace);
    CHECK(ui.chooser().folder() == ui::normalPath(d.root));
    CHECK(ui.chooser().selectedName() == "Agendas");
    ui.imgui.key(HeadlessUi::kEnter);
    CHECK(ui.chooser().folder() == ui::normalPath(d.root + "/Agendas"));
    auto up = ui.chooser().upRect();
    REQUIRE(up);
    ui.imgui.click(*up);
    CHECK(ui.chooser().folder() == ui::normalPath(d.root));

    // The path bar: a path that is not there says so, and nothing moves.
    auto bar = ui.chooser().pathBarRect();
    REQUIRE(bar);
    ui.imgui.click(*bar);
    ui.imgui.type((d.root + "/nowhere").c_str());  // the click selected the folder's path: typing replaces it
    ui.imgui.key(HeadlessUi::kEnter);
    CHECK(ui.chooser().pathMessage().find("There is no file or folder") != std::string::npos);
    CHECK(ui.chooser().pathMessage().find("nowhere") != std::string::npos);
    CHECK(ui.chooser().folder() == ui::normalPath(d.root));

    // A recent folder deleted since: it says so in place of the list.
    const std::string gone = d.dir.file("gone");
    std::filesystem::create_directories(gone);
    ui::rememberPlace(ui.state.recentPlaces.folders, gone);
    std::filesystem::remove(gone);
    ui.imgui.frames(2);
    auto place = ui.chooser().placeRect(gone);
    REQUIRE(place);
    ui.imgui.click(*place);
    CHECK(ui.chooser().folderError() == "No such file or directory");
    CHECK(ui.chooser().shownNames().empty());
    ui.imgui.key(HeadlessUi::kBackspace);
    CHECK(ui.chooser().folder() == ui::normalPath(d.root));
    CHECK(ui.chooser().folderError().empty());

    // An unreadable folder (root reads every folder, so only as a user).
    if (::geteuid() != 0) {
        const std::string locked = d.dir.file("locked");
        std::filesystem::create_directories(locked);
        ::chmod(locked.c_str(), 0);
        ui.imgui.click(*bar);
        ui.imgui.type(locked.c_str());
        ui.imgui.key(HeadlessUi::kEnter);
        CHECK(ui.chooser().folderError() == "Permission denied");
        ::chmod(locked.c_str(), 0700);
    }

    // A file's whole path typed in the path bar and Enter picks it.
    ui.imgui.click(*bar);
    ui.imgui.type((d.root + "/Connections.csv").c_str());
    ui.imgui.key(HeadlessUi::kEnter);
    ui.imgui.frames(2);
    CHECK_FALSE(ui.chooser().isOpen());
    CHECK(ui.shell.importPathField() == ui::normalPath(d.root + "/Connections.csv"));
}

TEST_CASE("file chooser: a folder of 10,000 files is read once and drawn a screenful at a time", "[ui][chooser]") {
    TempDir dir;
    for (int i = 0; i < 10000; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "/talk-%05d.ics", i);
        std::FILE* f = std::fopen((dir.path().string() + name).c_str(), "w");
        if (!f) FAIL("cannot create " << name);
        std::fclose(f);
    }
    ChooserUi ui;
    ui.browseFrom(dir.path().string());
    CHECK(ui.chooser().shownNames().size() == 10000);
    CHECK(ui.chooser().folderReads() == 1);
    // Only the rows on screen are drawn.
    CHECK_FALSE(ui.chooser().rowRect("talk-00000.ics") == std::nullopt);
    CHECK(ui.chooser().rowRect("talk-09999.ics") == std::nullopt);
    // Finding one far down scrolls to it.
    ui.imgui.type("talk-09990");
    ui.imgui.frames(2);
    CHECK(ui.chooser().selectedName() == "talk-09990.ics");
    CHECK(ui.chooser().rowRect("talk-09990.ics"));
    CHECK(ui.chooser().rowRect("talk-09900.ics") == std::nullopt);
    CHECK(ui.chooser().rowRect("talk-05000.ics") == std::nullopt);
    ui.imgui.key(HeadlessUi::kPageDown);
    CHECK(ui.chooser().selectedName() == "talk-09999.ics");  // stops at the last
    ui.imgui.frames(2);
    CHECK(ui.chooser().rowRect("talk-09999.ics"));
    CHECK(ui.chooser().folderReads() == 1);
}

TEST_CASE("file chooser: Export people picks a folder and a file name", "[ui][chooser][people]") {
    Downloads d;
    ChooserUi ui;
    ui.state.mode = ui::Mode::People;
    ui.imgui.frames(2);
    auto exportButton = ui.shell.people().exportRect();
    REQUIRE(exportButton);
    ui.imgui.click(*exportButton);
    ui.imgui.frames(2);
    auto browse = ui.shell.people().exportBrowseRect();
    REQUIRE(browse);
    // The field starts at ~/hallway-people.vcf; Browse… opens in that file's folder (home) or the last recent one.
    ui::rememberPlace(ui.state.recentPlaces.folders, d.root);
    ui.imgui.click(*browse);
    ui.imgui.frames(2);
    ui::FileChooser& chooser = ui.shell.people().exportChooser();
    REQUIRE(chooser.isOpen());
    // Into Agendas, then a new name typed in the file name field, which has the keyboard.
    if (chooser.folder() != ui::normalPath(d.root)) {
        auto place = chooser.placeRect(d.root);
        REQUIRE(place);
        ui.imgui.click(*place);
    }
    CHECK(chooser.shownNames() == std::vector<std::string>{"Agendas", "zeta", "beta.vcf"});  // vCard filter
    auto agendas = chooser.rowRect("Agendas");
    REQUIRE(agendas);
    ui.imgui.doubleClick(*agendas);
    CHECK(chooser.folder() == ui::normalPath(d.root + "/Agendas"));
    ui.imgui.frames(2);
    ui.imgui.type("contacts.vcf");
    ui.imgui.key(HeadlessUi::kEnter);
    ui.imgui.frames(2);
    CHECK_FALSE(chooser.isOpen());
    CHECK(ui.shell.people().exportPathField() == ui::normalPath(d.root + "/Agendas") + "/contacts.vcf");
}

TEST_CASE("file chooser: on a big window it covers the dialog that opened it", "[ui][chooser][layout]") {
    Downloads d;
    TempDir dbDir;
    Store store{dbDir.file("hallway.db")};
    HeadlessUi imgui{2560.0f, 1600.0f};
    ui::Shell shell;
    ui::AppState state;
    shell.setHeadingFont(imgui.fonts.heading);
    imgui.setDraw([&] { shell.draw(&store, state); });
    imgui.frames(2);
    state.openImportDialog = true;
    state.importPath = d.root;
    imgui.frames(3);
    auto browse = shell.importBrowseRect();
    REQUIRE(browse);
    imgui.click(*browse);
    imgui.frames(3);
    const ui::FileChooser& chooser = shell.importChooser();
    REQUIRE(chooser.isOpen());
    auto window = chooser.windowRect();
    auto under = chooser.parentRect();
    REQUIRE(window);
    REQUIRE(under);
    // Nothing of the import dialog peeks out around the chooser (it showed as a dark strip).
    CHECK(window->min.x < under->min.x);
    CHECK(window->min.y < under->min.y);
    CHECK(window->max.x > under->max.x);
    CHECK(window->max.y > under->max.y);
    CHECK(window->min.y >= 0.0f);
    CHECK(window->max.y <= 1600.0f);
}
