#include "ui/settings.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace hallway::ui {
namespace {

std::optional<long long> toNumber(const std::string& text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    long long v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

bool isOn(const std::string& value) { return value != "off" && value != "0" && value != "false"; }

}  // namespace

std::string configDir() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return std::string(xdg) + "/hallway";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.config/hallway";
    return {};
}

Settings loadSettings(const std::string& file) {
    Settings s;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::string key = line.substr(0, eq), value = line.substr(eq + 1);
        if (key == "theme") {
            if (value == "light") s.theme = ThemeKind::Light;
            else if (value == "dark") s.theme = ThemeKind::Dark;
        } else if (key == "last_event") {
            if (auto v = toNumber(value); v && *v > 0) s.lastEvent = RowId(*v);
        } else if (key == "last_view") {
            if (value == "plan" || value == "capture" || value == "followup" || value == "people") s.lastView = value;
        } else if (key == "plan_layout") {
            s.planLayout = value == "list" ? PlanLayout::List : PlanLayout::DayGrid;
        } else if (key == "window_width") {
            if (auto v = toNumber(value); v && *v >= 320 && *v <= 16384) s.windowWidth = int(*v);
        } else if (key == "recent_folder") {
            if (s.recent.folders.size() < RecentPlaces::kMax && !value.empty()) s.recent.folders.push_back(value);
        } else if (key == "recent_file") {
            if (s.recent.files.size() < RecentPlaces::kMax && !value.empty()) s.recent.files.push_back(value);
        } else if (key == "file_chooser") {
            if (value == "builtin") s.desktopFileChooser = false;
            else if (value == "desktop") s.desktopFileChooser = true;
        } else if (key == "auto_refresh") {
            s.live.autoRefresh = isOn(value);
        } else if (key == "refresh_minutes") {
            if (auto v = toNumber(value); v && *v >= kMinRefreshMinutes && *v <= kMaxRefreshMinutes)
                s.live.refreshMinutes = int(*v);
        } else if (key == "reminders") {
            s.live.reminders = isOn(value);
        } else if (key == "reminder_minutes") {
            // 0 was the off switch before there was one: off, with the default lead time kept.
            if (auto v = toNumber(value); v && *v == 0) s.live.reminders = false;
            else if (v && *v >= kMinReminderMinutes && *v <= kMaxReminderMinutes) s.live.reminderMinutes = int(*v);
        } else if (key == "notify_changes") {
            s.live.notifyChanges = isOn(value);
        } else if (key == "window_height") {
            if (auto v = toNumber(value); v && *v >= 240 && *v <= 16384) s.windowHeight = int(*v);
        }
    }
    return s;
}

bool saveSettings(const std::string& file, const Settings& s, std::string& error) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path path(file);
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    if (ec) {
        error = "cannot create " + path.parent_path().string() + ": " + ec.message();
        return false;
    }
    std::ostringstream text;
    text << "# Hallway GUI settings\n";
    text << "theme=" << (s.theme == ThemeKind::Light ? "light" : "dark") << "\n";
    if (s.lastEvent) text << "last_event=" << *s.lastEvent << "\n";
    text << "last_view=" << s.lastView << "\n";
    text << "plan_layout=" << (s.planLayout == PlanLayout::List ? "list" : "grid") << "\n";
    text << "file_chooser=" << (s.desktopFileChooser ? "desktop" : "builtin") << "\n";
    text << "auto_refresh=" << (s.live.autoRefresh ? "on" : "off") << "\n";
    text << "refresh_minutes=" << s.live.refreshMinutes << "\n";
    text << "reminders=" << (s.live.reminders ? "on" : "off") << "\n";
    text << "reminder_minutes=" << s.live.reminderMinutes << "\n";
    text << "notify_changes=" << (s.live.notifyChanges ? "on" : "off") << "\n";
    if (s.windowWidth > 0 && s.windowHeight > 0)
        text << "window_width=" << s.windowWidth << "\nwindow_height=" << s.windowHeight << "\n";
    // Newest first; a path with a line break could not be read back, so it is not written.
    for (const std::string& f : s.recent.folders)
        if (f.find_first_of("\r\n") == std::string::npos) text << "recent_folder=" << f << "\n";
    for (const std::string& f : s.recent.files)
        if (f.find_first_of("\r\n") == std::string::npos) text << "recent_file=" << f << "\n";
    std::string tmp = file + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << text.str();
        out.flush();
        if (!out) {
            error = "cannot write " + tmp;
            return false;
        }
    }
    fs::rename(tmp, path, ec);
    if (ec) {
        error = "cannot replace " + file + ": " + ec.message();
        return false;
    }
    return true;
}

Settings settingsOf(const Settings& base, const AppState& state) {
    Settings s = base;
    s.theme = state.theme;
    s.lastEvent = state.eventId;
    s.lastView = modeName(state.mode);
    s.planLayout = state.plan.layout;
    s.recent = state.recentPlaces;
    // Screenshots run with Hallway's own chooser and never write the file.
    if (!state.screenshotMode) s.desktopFileChooser = state.desktopFileChooser;
    s.live = state.live;
    return s;
}

const Settings& SettingsFile::load() {
    m_written = m_path.empty() ? Settings{} : loadSettings(m_path);
    return m_written;
}

bool SettingsFile::save(const Settings& next, std::string& error) {
    if (m_path.empty() || next == m_written) return true;
    m_written = next;
    return saveSettings(m_path, next, error);
}

}  // namespace hallway::ui
