// The GUI's small settings file: theme, last event, last view, window size,
// the file chooser's recent folders and files and which chooser, the live event's switches
// (refresh, reminders, notifications).
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
    bool desktopFileChooser = true;  // the desktop's chooser where a portal runs, else Hallway's own
    LiveSettings live;
    bool operator==(const Settings&) const = default;
};

// Choices the Settings dialog offers; the file may hold any value in range.
constexpr int kRefreshMinutesChoices[] = {5, 10, 15, 30, 60};
constexpr int kReminderMinutesChoices[] = {2, 5, 10, 15, 20, 30};
constexpr int kMaxRefreshMinutes = 24 * 60, kMinRefreshMinutes = 1;
constexpr int kMaxReminderMinutes = 24 * 60, kMinReminderMinutes = 1;

// The folder for settings files; empty when neither XDG_CONFIG_HOME nor HOME is set.
std::string configDir();

// Reads `file`; a missing or unreadable file gives the defaults, bad lines are skipped.
Settings loadSettings(const std::string& file);

// Writes `file` through a temporary file and a rename, creating the folder.
// Returns false and sets `error` to a sentence when it could not.
bool saveSettings(const std::string& file, const Settings& settings, std::string& error);

// `base` (what the app does not track: the window size) with what `state`
// holds now: theme, event, view, layout, recent places, live switches.
Settings settingsOf(const Settings& base, const AppState& state);

// The settings file and what was last written to it, shared by the app's
// loop and the Settings dialog, so a change is written once and at once.
class SettingsFile {
public:
    explicit SettingsFile(std::string path = {}) : m_path(std::move(path)) {}
    // '' when nothing is read or written (screenshots, no config folder).
    const std::string& path() const { return m_path; }
    // Reads the file (the defaults when it is missing) and remembers it as written.
    const Settings& load();
    // Writes `next` when it differs from what was last written; false with
    // `error` set when the write failed. A failed value counts as written, so
    // a disk that refuses is not retried every frame (the next change tries again).
    bool save(const Settings& next, std::string& error);
    const Settings& written() const { return m_written; }

private:
    std::string m_path;
    Settings m_written;
};

}  // namespace hallway::ui
