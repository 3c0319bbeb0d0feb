#include "ui/export_people_dialog.h"

#include <cctype>

#include "core/text.h"
#include "services/people_service.h"
#include "services/safe_write.h"
#include "ui/theme.h"
#include "ui/ui_format.h"

namespace hallway::ui {

void ExportPeopleDialog::draw(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    m_confirmRect.reset();
    if (!beginDialog("Export people##popup", m_open, 34.0f)) return;
    ImGui::TextUnformatted("Path of the file to write");
    const bool focusPath = ImGui::IsWindowAppearing() || m_refocus;
    m_refocus = false;
    const BrowseRequest browse{"Export people to", ChooserMode::Save,
                               {{"vCard (.vcf)", {".vcf", ".vcard"}}, {"CSV (.csv)", {".csv"}}, {"All files", {}}},
                               state.desktopFileChooser};
    const bool chooserOpen = m_chooser.isOpen();
    bool submit = pathFieldWithBrowse("export", "~/hallway-people.vcf", m_path, focusPath, m_chooser, browse,
                                      state.recentPlaces, m_browseRect) &&
                  !chooserOpen;
    const std::string path = typedPath(m_path);
    const bool csv = path.size() >= 4 && text::lower(path.substr(path.size() - 4)) == ".csv";
    mutedWrapped(csv ? "CSV, one row per person (a name ending in .vcf writes vCard 4.0). Cells that a spreadsheet "
                       "would run as formulas are written as text."
                     : "vCard 4.0, which address books import (a name ending in .csv writes CSV).");
    const std::string tag = state.people.tag;
    if (!tag.empty()) ImGui::Checkbox(("Only people tagged #" + tag).c_str(), &m_tagOnly);
    mutedWrapped("The file is written whole or not at all, readable by you only. Hallway asks before it replaces a "
                 "file and never writes over its database or backups.");
    // Asked once: Export again with the same path replaces the file.
    const bool replaceAgreed = !m_replacePath.empty() && m_replacePath == path;
    if (!m_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.error);
        ImGui::TextWrapped("%s", m_error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    ImGui::BeginDisabled(path.empty());
    const bool exportNow =
        ImGui::Button(replaceAgreed ? "Replace it##confirm" : "Export##confirm") || (submit && !path.empty());
    ImGui::EndDisabled();
    m_confirmRect = lastItemRect();
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel##export") ||
                        (!chooserOpen && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false));
    if (m_chooser.drawFor(m_path, state.recentPlaces, p)) {
        m_error.clear();
        m_refocus = true;  // Enter exports to the chosen file
    }
    if (exportNow) {
        try {
            PeopleExport r =
                exportPeople(store, path, "", !tag.empty() && m_tagOnly ? tag : "", replaceAgreed);
            state.info("Exported " + std::to_string(r.people) + (r.people == 1 ? " person" : " people") + " to " +
                       path + " (" + (r.format == "csv" ? "CSV" : "vCard 4.0") + ").");
            m_error.clear();
            m_replacePath.clear();
            ImGui::CloseCurrentPopup();
        } catch (const WouldReplace& e) {
            m_error = std::string(e.what()) + ". Press Replace it to write over it, or change the path.";
            m_replacePath = path;
            m_refocus = true;
        } catch (const std::exception& e) {
            m_replacePath.clear();
            m_error = e.what();  // names the file and the reason
            if (!m_error.empty()) m_error[0] = char(std::toupper(static_cast<unsigned char>(m_error[0])));
            m_error += ". Nothing was written.";
            m_refocus = true;  // fix the path and press Enter again
        }
    } else if (cancel) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace hallway::ui
