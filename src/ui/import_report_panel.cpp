#include "ui/import_report_panel.h"

#include <imgui.h>

#include <algorithm>

#include "ui/service_words.h"
#include "ui/ui_widgets.h"

namespace hallway::ui {
namespace {

constexpr int kVisibleLines = 14;
constexpr SessionChange::Kind kAllKinds[] = {SessionChange::Kind::Added,    SessionChange::Kind::Removed,
                                             SessionChange::Kind::Moved,    SessionChange::Kind::Retitled,
                                             SessionChange::Kind::Changed,  SessionChange::Kind::Returned};

// The text column starts one space past the widest kind name, so every row's
// text lines up whatever the font and its size.
float kindColumnWidth() {
    float widest = 0.0f;
    for (auto kind : kAllKinds) widest = std::max(widest, ImGui::CalcTextSize(sessionChangeKindName(kind)).x);
    return widest + ImGui::GetFontSize();
}

}  // namespace

bool drawImportReport(const AgendaImportReport& r, const std::vector<ChangeLine>& lines, ImFont* headingFont,
                      ChangeListRects* rects) {
    std::string title = std::string(r.eventCreated ? "Imported" : "Re-imported") + " \u201c" + r.eventName + "\u201d";
    headingText(headingFont, title.c_str());
    ImGui::TextWrapped("%d sessions: %d added, %d updated, %d removed, %d unchanged; %d people added; %d rooms; %d days.",
                       r.sessionsTotal, r.sessionsAdded, r.sessionsUpdated, r.sessionsRemoved, r.sessionsUnchanged,
                       r.peopleAdded, r.rooms, r.days);
    ImGui::TextWrapped("Times are shown in %s.", r.timeZone.c_str());
    if (!r.zone.note.empty()) mutedWrapped(zoneNoteForApp(r.zone).c_str());

    if (r.zoneChange) {
        ImGui::Spacing();
        ImGui::TextWrapped("Zone: %s.", describeZoneChange(*r.zoneChange).c_str());
        for (const auto& c : r.zoneChange->examples) mutedWrapped(("e.g. " + describeSessionChange(c, "\u2192")).c_str());
        if (r.zoneChange->shifted > int(r.zoneChange->examples.size()))
            mutedWrapped(("and " + std::to_string(r.zoneChange->shifted - int(r.zoneChange->examples.size())) +
                          " more the same way")
                             .c_str());
    }

    ImGui::Spacing();
    if (r.eventCreated) {
        ImGui::TextWrapped("All %d sessions are new.", r.sessionsTotal);
    } else if (lines.empty()) {
        ImGui::TextUnformatted(r.zoneChange ? "Nothing else was added, moved, retitled or removed."
                                            : "Nothing was added, moved, retitled or removed.");
    } else {
        ImGui::Text("Changes (%d)", int(lines.size()));
        float rows = float(std::min<size_t>(lines.size(), kVisibleLines));
        ImGui::BeginChild("##changes", ImVec2(-1.0f, rows * ImGui::GetTextLineHeightWithSpacing() +
                                                        ImGui::GetStyle().WindowPadding.y * 2),
                          true, ImGuiWindowFlags_HorizontalScrollbar);
        if (rects) *rects = {};
        const float textColumn = kindColumnWidth();
        ImGuiListClipper clipper;
        clipper.Begin(int(lines.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const ChangeLine& line = lines[size_t(i)];
                const float rowStart = ImGui::GetCursorPosX();
                ImGui::TextDisabled("%s", line.kind);
                if (rects) rects->kinds.push_back(lastItemRect());
                ImGui::SameLine(rowStart + textColumn);
                ImGui::TextUnformatted(line.text.c_str());
                if (rects) rects->texts.push_back(lastItemRect());
            }
        ImGui::EndChild();
    }

    // The zone note is already above; the other warnings follow, the first few in full.
    std::vector<const std::string*> warnings;
    for (const auto& w : r.warnings)
        if (w != r.zone.note) warnings.push_back(&w);
    if (!warnings.empty()) {
        // All of them, whole; a long list scrolls.
        ImGui::Spacing();
        ImGui::Text("%d warning%s", int(warnings.size()), warnings.size() == 1 ? "" : "s");
        const float maxHeight = ImGui::GetIO().DisplaySize.y * 0.3f;
        const float width = ImGui::GetContentRegionAvail().x;
        float height = 2.0f * ImGui::GetStyle().WindowPadding.y;
        for (const std::string* w : warnings) {
            height += ImGui::CalcTextSize(w->c_str(), nullptr, false, width - 2.0f * ImGui::GetFontSize()).y +
                      ImGui::GetStyle().ItemSpacing.y;
            if (height > maxHeight) break;
        }
        ImGui::BeginChild("##warnings", ImVec2(-1.0f, std::min(height, maxHeight)), true);
        for (size_t i = 0; i < warnings.size(); ++i) {
            ImGui::PushID(int(i));
            ImGui::Bullet();
            mutedWrapped(warnings[i]->c_str());
            ImGui::PopID();
        }
        ImGui::EndChild();
    }

    ImGui::Spacing();
    bool done = ImGui::Button("Done##importreport");
    if (ImGui::IsWindowAppearing()) ImGui::SetItemDefaultFocus();
    done = done || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) ||
           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    return done;
}

}  // namespace hallway::ui
