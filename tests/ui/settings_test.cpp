#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

#include "test_support.h"
#include "ui/settings.h"

using namespace hallway;
using namespace hallway::ui;

TEST_CASE("settings round-trip and tolerate junk", "[ui][settings]") {
    testing::TempDir dir;
    const std::string file = dir.file("nested/hallway/settings");

    Settings defaults = loadSettings(file);  // missing file
    CHECK(defaults.theme == ThemeKind::Dark);
    CHECK_FALSE(defaults.lastEvent);

    Settings s;
    s.theme = ThemeKind::Light;
    s.lastEvent = 42;
    s.lastView = "people";
    s.planLayout = PlanLayout::List;
    s.windowWidth = 1440;
    s.windowHeight = 900;
    std::string error;
    REQUIRE(saveSettings(file, s, error));
    Settings back = loadSettings(file);
    CHECK(back.theme == ThemeKind::Light);
    CHECK(back.lastEvent == RowId(42));
    CHECK(back.lastView == "people");
    CHECK(back.planLayout == PlanLayout::List);
    CHECK(back.windowWidth == 1440);
    CHECK(back.windowHeight == 900);

    testing::writeFile(file, "theme=purple\nlast_event=-3\nlast_view=admin\nwindow_width=99999999999\nnonsense\n");
    Settings junk = loadSettings(file);
    CHECK(junk.theme == ThemeKind::Dark);
    CHECK_FALSE(junk.lastEvent);
    CHECK(junk.lastView == "plan");
    CHECK(junk.windowWidth == 0);
}

TEST_CASE("the config folder follows XDG_CONFIG_HOME, else HOME", "[ui][settings]") {
    const char* oldXdg = std::getenv("XDG_CONFIG_HOME");
    std::string savedXdg = oldXdg ? oldXdg : "";
    setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
    CHECK(configDir() == "/tmp/xdg-test/hallway");
    unsetenv("XDG_CONFIG_HOME");
    if (const char* home = std::getenv("HOME")) CHECK(configDir() == std::string(home) + "/.config/hallway");
    if (oldXdg) setenv("XDG_CONFIG_HOME", savedXdg.c_str(), 1);
}

TEST_CASE("the file chooser's recent folders and files are kept in the settings, newest first", "[ui][settings][chooser]") {
    testing::TempDir dir;
    const std::string file = dir.file("settings");
    Settings s;
    rememberPlace(s.recent.folders, "/data/old");
    rememberPlace(s.recent.folders, "/data/new");
    rememberPlace(s.recent.files, "/data/new/schedule.xml");
    rememberPlace(s.recent.files, "/data/bad\nname.ics");  // could not be read back: not kept
    REQUIRE(s.recent.files.size() == 1);
    std::string error;
    REQUIRE(saveSettings(file, s, error));
    Settings back = loadSettings(file);
    CHECK(back.recent.folders == std::vector<std::string>{"/data/new", "/data/old"});
    CHECK(back.recent.files == std::vector<std::string>{"/data/new/schedule.xml"});

    // A place used again moves to the front; the list stops at kMax.
    for (int i = 0; i < 12; ++i) rememberPlace(back.recent.folders, "/f" + std::to_string(i));
    rememberPlace(back.recent.folders, "/f5");
    CHECK(back.recent.folders.size() == RecentPlaces::kMax);
    CHECK(back.recent.folders.front() == "/f5");
    CHECK(std::count(back.recent.folders.begin(), back.recent.folders.end(), "/f5") == 1);
}
