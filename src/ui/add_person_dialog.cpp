#include "ui/add_person_dialog.h"

#include <imgui_stdlib.h>

#include "core/text.h"
#include "services/people_service.h"
#include "ui/theme.h"

namespace hallway::ui {

void AddPersonDialog::draw(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    m_confirmRect.reset();
    if (!state.people.addPerson.empty()) {
        m_open = true;
        m_badge = std::move(state.people.addPerson);
        state.people.addPerson.clear();
    }
    if (m_open) m_clashesFor = "\x01";
    if (!beginDialog("Add a person##popup", m_open, 30.0f)) return;
    ImGui::TextUnformatted("Name");
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool submit = ImGui::InputText("##add_name", &m_name, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::TextUnformatted("Company (optional)");
    ImGui::SetNextItemWidth(-1.0f);
    submit = ImGui::InputText("##add_company", &m_company, ImGuiInputTextFlags_EnterReturnsTrue) || submit;
    ImGui::TextUnformatted("Or a badge's QR text (vCard or MECARD)");
    ImGui::InputTextMultiline("##add_badge", &m_badge, ImVec2(-1.0f, ImGui::GetTextLineHeight() * 2.6f));
    m_badgeRect = lastItemRect();
    // A badge is read as it is pasted: its name shown, or why it is not a card.
    if (m_badge != m_badgeFor) {
        m_badgeFor = m_badge;
        m_badgeCard.reset();
        m_badgeError.clear();
        if (!text::trim(m_badge).empty()) {
            try {
                m_badgeCard = parseContactText(m_badge);
            } catch (const std::exception& e) {
                // The parser names the input "text" ("text:3: ..."); here it is the box.
                std::string why = e.what();
                if (why.rfind("text:", 0) == 0) why = text::trim(why.substr(why.find(' ') + 1));
                m_badgeError = "Not a badge card: " + why;
            }
        }
    }
    if (m_badgeCard) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.ok);
        ImGui::TextWrapped("Badge: %s%s", m_badgeCard->fullName.c_str(),
                           m_badgeCard->company.empty() ? "" : (" \u00b7 " + m_badgeCard->company).c_str());
        ImGui::PopStyleColor();
    } else if (!m_badgeError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.error);
        ImGui::TextWrapped("%s", m_badgeError.c_str());
        ImGui::PopStyleColor();
    }

    // Someone of that name already here is probably the one meant: say so first.
    const std::string name = m_badgeCard ? m_badgeCard->fullName : text::collapseSpaces(m_name);
    // (A badge is matched like an import instead: email, profile, name and company.)
    const std::string clashKey = m_badgeCard ? std::string() : name;
    if (clashKey != m_clashesFor) {
        m_clashesFor = clashKey;
        m_clashes.clear();
        try {
            if (!clashKey.empty()) m_clashes = PeopleRepo(store).withNameKey(text::nameKey(clashKey));
        } catch (const std::exception&) {
            // No warning then; adding still works.
        }
    }
    bool openExisting = false;
    if (!m_clashes.empty()) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, p.conflict);
        ImGui::TextWrapped("Already here with this name:");
        ImGui::PopStyleColor();
        for (const auto& c : m_clashes) {
            ImGui::PushID(rowKey(c.id));
            std::string label = c.displayName + (c.company.empty() ? "" : " \u00b7 " + c.company);
            if (ImGui::Selectable(label.c_str())) {
                state.people.selectedPerson = c.id;
                openExisting = true;
            }
            ImGui::PopID();
        }
    }
    ImGui::Spacing();
    ImGui::BeginDisabled(name.empty());
    const char* addLabel = m_badgeCard            ? "Add from badge##add_person"
                           : m_clashes.empty() ? "Add##add_person"
                                                  : "Add another##add_person";
    const bool add = ImGui::Button(addLabel) || (submit && m_clashes.empty());
    ImGui::EndDisabled();
    m_confirmRect = lastItemRect();
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel##add_person") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    if (add && !name.empty() && m_badgeCard) {
        // Matched like an import: the same email or profile updates that person.
        try {
            const AddedPerson added = addPersonFromText(store, m_badge);
            state.revision.apply(added.touched);
            state.people.selectedPerson = added.id;
            state.people.search.clear();
            state.people.tag.clear();
            state.people.targetsTab = state.people.networkTab = false;
            state.info(std::string(added.created ? "Added " : "Updated ") + name + " from the badge.");
            m_badge.clear();
            ImGui::CloseCurrentPopup();
        } catch (const std::exception& e) {
            state.error("Could not add the badge: " + std::string(e.what()));
        }
    } else if (add && !name.empty()) {
        try {
            Person person;
            person.displayName = name;
            person.company = text::collapseSpaces(m_company);
            person.source = "typed";
            const AddedPerson added = addPerson(store, person);
            state.revision.apply(added.touched);
            state.people.selectedPerson = added.id;
            state.people.search.clear();
            state.people.tag.clear();
            state.people.targetsTab = state.people.networkTab = false;
            state.people.editDetails = true;  // the rest (emails, tags, how you met) is typed on their page
            state.info("Added " + name + ".");
            ImGui::CloseCurrentPopup();
        } catch (const std::exception& e) {
            state.error("Could not add " + name + ": " + e.what());
        }
    } else if (openExisting || cancel) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace hallway::ui
