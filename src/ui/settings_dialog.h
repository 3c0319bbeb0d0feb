// The Settings dialog (Ctrl+, or the top bar's gear): the agenda's automatic
// refresh and its interval, reminders and how long before, desktop
// notifications for changed talks, the way to the Sync dialog, which file
// chooser Browse… opens, and the theme. A change applies at once
// (the app's loop hands state.live to the refresh worker and the reminders
// every frame) and is written to the settings file at once.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ui/app_state.h"
#include "ui/settings.h"
#include "ui/ui_widgets.h"

namespace hallway::ui {

class SettingsDialog {
public:
    // Opens the dialog when state.openSettings asks for it, and draws it while
    // it is open. `file` null: changes apply but are not kept.
    void draw(AppState& state, SettingsFile* file);
    bool isOpen() const { return m_open; }
    // Why the last change could not be written, '' when it was.
    const std::string& saveError() const { return m_saveError; }

    // Where a control was drawn in the last frame, for tests: "refresh",
    // "every:MIN", "reminders", "before:MIN", "notify", "theme:dark",
    // "theme:light", "sync", "builtin_chooser", "close".
    std::optional<WidgetRect> controlRect(const std::string& name) const { return rectFor(m_rects, name); }

private:
    void drawContent(AppState& state);
    // A row of minute choices (segment buttons) with `current` picked, then
    // `suffix`; the file's own value is offered too when it is not a choice.
    // Greyed out unless `enabled`. True on a change.
    bool minutesRow(const char* id, const int* choices, int count, int& current, bool enabled, const char* suffix);
    void remember(const std::string& name) { m_rects.emplace_back(name, lastItemRect()); }

    bool m_open = false;
    bool m_closeForSync = false;  // "Sync with your phone…" was pressed: this dialog gives way
    std::string m_saveError;
    std::vector<std::pair<std::string, WidgetRect>> m_rects;
};

}  // namespace hallway::ui
