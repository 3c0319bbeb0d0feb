#include "ui/settings_dialog.h"

#include <imgui.h>

#include <algorithm>
#include <iterator>

#include "ui/theme.h"
#include "ui/ui_format.h"

namespace hallway::ui {

void SettingsDialog::draw(AppState& state, SettingsFile* file) {
    m_rects.clear();
    bool open = std::exchange(state.openSettings, false);
    if (open) m_saveError.clear();
    m_open = beginDialog("Settings##popup", open, 36.0f);
    if (!m_open) return;

    const LiveSettings liveBefore = state.live;
    const ThemeKind themeBefore = state.theme;
    const bool chooserBefore = state.desktopFileChooser;
    drawContent(state);
    if (file && (!(state.live == liveBefore) || state.theme != themeBefore || state.desktopFileChooser != chooserBefore)) {
        std::string error;
        if (file->save(settingsOf(file->written(), state), error)) {
            m_saveError.clear();
        } else {
            // The change still applies for this run; the dialog and the status line say it is not kept.
            m_saveError = "Could not save settings: " + error;
            state.error(m_saveError + " (the change applies until Hallway closes)");
        }
    }

    ImGui::Separator();
    if (!m_saveError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette(state.theme).error);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(m_saveError.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    } else if (file && !file->path().empty()) {
        mutedWrapped(("Changes apply at once and are kept in " + displayPath(file->path()) + ".").c_str());
    } else {
        mutedWrapped("Changes apply at once, until Hallway closes (there is no settings folder to keep them in).");
    }
    const float closeWidth = ImGui::CalcTextSize("Close").x + ImGui::GetStyle().FramePadding.x * 2.0f;
    ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - closeWidth);
    const bool close = ImGui::Button("Close##settings");
    remember("close");
    if (close || std::exchange(m_closeForSync, false) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        ImGui::CloseCurrentPopup();
        m_open = false;
    }
    ImGui::EndPopup();
}

void SettingsDialog::drawContent(AppState& state) {
    LiveSettings& live = state.live;
    const float indent = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;

    ImGui::TextDisabled("LIVE AGENDA");
    ImGui::Checkbox("Refresh the agenda from its URL while the event runs##refresh", &live.autoRefresh);
    remember("refresh");
    ImGui::Indent(indent);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Every");
    ImGui::SameLine();
    minutesRow("every", kRefreshMinutesChoices, int(std::size(kRefreshMinutesChoices)), live.refreshMinutes,
               live.autoRefresh, "minutes");
    mutedWrapped("For an event imported from a URL, from the day before it to the day after it. Ctrl+R refreshes "
                 "at any time, also with this off.");
    ImGui::Unindent(indent);
    ImGui::Checkbox("Tell me on the desktop when a talk I follow changes##notify", &live.notifyChanges);
    remember("notify");
    ImGui::Indent(indent);
    mutedWrapped("A starred talk or a target's talk moved, retitled or removed, while Hallway is not the window in "
                 "front. The banner over the view shows it either way.");
    ImGui::Unindent(indent);

    ImGui::Spacing();
    ImGui::TextDisabled("REMINDERS");
    ImGui::Checkbox("Remind me before my starred sessions and my targets' talks##reminders", &live.reminders);
    remember("reminders");
    ImGui::Indent(indent);
    minutesRow("before", kReminderMinutesChoices, int(std::size(kReminderMinutesChoices)), live.reminderMinutes,
               live.reminders, "minutes before");
    mutedWrapped("In the status line and as a desktop notification, naming the room, and for a target the person "
                 "and your first question. Sessions starting together come in one reminder.");
    ImGui::Unindent(indent);

    ImGui::Spacing();
    ImGui::TextDisabled("SYNC");
    if (ImGui::Button("Sync with your phone\u2026##sync")) {
        state.openSyncDialog = true;  // the Sync dialog takes this one's place
        m_closeForSync = true;
    }
    remember("sync");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    mutedWrapped("contacts, follow-ups and schedule (CardDAV/CalDAV)");

    ImGui::Spacing();
    ImGui::TextDisabled("FILES");
    bool builtIn = !state.desktopFileChooser;
    if (ImGui::Checkbox("Use Hallway's own file chooser##builtin_chooser", &builtIn)) state.desktopFileChooser = !builtIn;
    remember("builtin_chooser");
    ImGui::Indent(indent);
    mutedWrapped("Otherwise Browse\u2026 opens the desktop's chooser where the desktop offers one (the XDG desktop "
                 "portal), with its bookmarks and network places, and Hallway's own where it does not.");
    ImGui::Unindent(indent);

    ImGui::Spacing();
    ImGui::TextDisabled("APPEARANCE");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Theme");
    ImGui::SameLine();
    if (segmentButton("Dark##theme", state.theme == ThemeKind::Dark)) state.theme = ThemeKind::Dark;
    remember("theme:dark");
    ImGui::SameLine(0.0f, 0.0f);
    if (segmentButton("Light##theme", state.theme == ThemeKind::Light)) state.theme = ThemeKind::Light;
    remember("theme:light");
}

bool SettingsDialog::minutesRow(const char* id, const int* choices, int count, int& current, bool enabled,
                                const char* suffix) {
    std::vector<int> shown(choices, choices + count);
    if (std::find(shown.begin(), shown.end(), current) == shown.end()) {
        shown.push_back(current);  // a value written in the file by hand stays offered
        std::sort(shown.begin(), shown.end());
    }
    bool changed = false;
    ImGui::BeginDisabled(!enabled);
    for (size_t i = 0; i < shown.size(); ++i) {
        if (i > 0) ImGui::SameLine(0.0f, 0.0f);
        const std::string label = std::to_string(shown[i]) + "##" + id + std::to_string(shown[i]);
        if (segmentButton(label.c_str(), shown[i] == current) && shown[i] != current) {
            current = shown[i];
            changed = true;
        }
        remember(std::string(id) + ":" + std::to_string(shown[i]));
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(suffix);
    ImGui::EndDisabled();
    return changed;
}

}  // namespace hallway::ui
