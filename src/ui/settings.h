// The GUI's small settings file: theme, last event, last view, window size,
// the file chooser's recent folders and files.
// Lives next to ImGui's ini file in $XDG_CONFIG_HOME/hallway/ (else
// ~/.config/hallway/). Plain "key=value" lines; unknown keys are ignored.
#pragma once
#include <optional>
#include <string>

#include "core/model.h"
#include "ui/app_state.h"

namespace hallway::ui {

struct Settings {
    ThemeKind theme = ThemeKind::Dark;
    std::optional<RowId> lastEvent;
    std::string lastView = "plan";
    PlanLayout planLayout = PlanLayout::DayGrid;
    int windowWidth = 0;   // 0 = not remembered
    int windowHeight = 0;
    RecentPlaces recent;  // the file chooser's, newest first
    int reminderMinutes = 10;  // a reminder this long before a watched session; 0 = off
    bool autoRefresh = true;   // the open event's agenda fetched again from its URL every 15 minutes
};

// The folder for settings files; empty when neither XDG_CONFIG_HOME nor HOME is set.
std::string configDir();

// Reads `file`; a missing or unreadable file gives the defaults, bad lines are skipped.
Settings loadSettings(const std::string& file);

// Writes `file` through a temporary file and a rename, creating the folder.
// Returns false and sets `error` to a sentence when it could not.
bool saveSettings(const std::string& file, const Settings& settings, std::string& error);

}  // namespace hallway::ui
