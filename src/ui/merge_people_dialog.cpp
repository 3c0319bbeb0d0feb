#include "ui/merge_people_dialog.h"

#include <imgui_stdlib.h>

#include "core/text.h"
#include "services/people_service.h"
#include "ui/theme.h"

namespace hallway::ui {

void MergePeopleDialog::sync(Store& store, std::optional<RowId> selected) {
    // The matches, looked up when the search changes (not while a person is picked).
    if (!m_open && m_into) return;
    std::string q = text::trim(m_query);
    if (q != m_queryFor) {
        m_queryFor = q;
        m_matches.clear();
        if (!q.empty()) {
            try {
                for (auto& p : PeopleRepo(store).list({q, "", 8}))
                    if (!selected || p.id != *selected)
                        m_matches.push_back(std::move(p));
            } catch (const std::exception&) {
                // Half-typed full-text syntax: no matches yet.
            }
        }
    }
}

void MergePeopleDialog::draw(Store& store, AppState& state, const PersonPageModel& page) {
    const Palette& p = palette(state.theme);
    m_confirmRect.reset();
    m_matchRects.clear();
    if (!beginDialog("Merge into another person##popup", m_open, 34.0f)) return;
    if (!page.has()) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const Person& gone = page.person();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text("Merge %s into:", gone.displayName.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputTextWithHint("##merge_search", "Search the person to keep\u2026", &m_query);
    for (const auto& m : m_matches) {
        ImGui::PushID(rowKey(m.id));
        std::string label = m.displayName + (m.company.empty() ? "" : " \u00b7 " + m.company) +
                            (m.role.empty() ? "" : " \u00b7 " + m.role) + "  #" + std::to_string(m.id);
        if (ImGui::Selectable(label.c_str(), m_into && m_into->id == m.id,
                              ImGuiSelectableFlags_DontClosePopups))
            m_into = m;
        m_matchRects.push_back({m.id, lastItemRect()});
        ImGui::PopID();
    }
    if (!text::trim(m_query).empty() && m_matches.empty()) ImGui::TextDisabled("Nobody else matches.");
    if (m_into) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, p.conflict);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::Text("%s's emails, phones, links, tags, facts, talks, targets, notes, interactions and follow-ups "
                    "move to %s, who also takes any detail they lack. Then %s is deleted. This cannot be undone.",
                    gone.displayName.c_str(), m_into->displayName.c_str(), gone.displayName.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    ImGui::BeginDisabled(!m_into);
    const bool merge = ImGui::Button("Merge##confirm");
    m_confirmRect = lastItemRect();
    ImGui::EndDisabled();
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel##merge") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    if (merge && m_into) {
        try {
            const std::string goneName = gone.displayName;
            state.revision.apply(mergePeople(store, m_into->id, gone.id));
            state.people.selectedPerson = m_into->id;
            state.info("Merged " + goneName + " into " + m_into->displayName + ".");
        } catch (const std::exception& e) {
            state.error(std::string("Could not merge: ") + e.what() + ". Nothing was changed.");
        }
        m_into.reset();
        ImGui::CloseCurrentPopup();
    } else if (cancel) {
        m_into.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace hallway::ui
