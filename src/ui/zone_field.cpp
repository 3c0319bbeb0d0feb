#include "ui/zone_field.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/time_util.h"
#include "ui/ui_widgets.h"

namespace hallway::ui {
namespace {

constexpr size_t kShownMatches = 8;

std::string foldZoneText(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == ' ') c = '_';
        out += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
}

}  // namespace

std::vector<const std::string*> searchTimeZones(const std::string& query, size_t limit) {
    const std::string q = foldZoneText(query);
    std::vector<const std::string*> starts, inside;
    for (const std::string& name : timeZoneNames()) {
        std::string folded = foldZoneText(name);
        size_t at = folded.find(q);
        if (at == std::string::npos) continue;
        // "berl" starts "Europe/Berlin"'s place: as good as starting the name.
        bool atStart = at == 0 || folded[at - 1] == '/';
        (atStart ? starts : inside).push_back(&name);
    }
    starts.insert(starts.end(), inside.begin(), inside.end());
    if (starts.size() > limit) starts.resize(limit);
    return starts;
}

void ZoneField::prefill(const std::string& zone, const std::string& why, bool warn) {
    m_prefill = zone;
    m_why = why;
    m_warn = warn;
    if (!m_edited) m_text = zone;
}

void ZoneField::reset() {
    m_text.clear();
    m_prefill.clear();
    m_why.clear();
    m_warn = false;
    m_edited = false;
}

void ZoneField::setText(const std::string& zone) {
    m_text = zone;
    m_edited = true;
}

std::string ZoneField::chosen() const { return m_edited && m_text != m_prefill ? m_text : std::string(); }

bool ZoneField::valid() const { return m_text.empty() || isKnownTimeZone(m_text); }

void ZoneField::refilter() {
    if (m_filteredFor == m_text && !m_matches.empty()) return;
    m_filteredFor = m_text;
    m_matches = searchTimeZones(m_text, kShownMatches);
}

void ZoneField::draw(const char* id, const Palette& palette) {
    ImGui::PushID(id);
    ImGui::TextUnformatted("Time zone of the event");
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::InputTextWithHint("##zone", "Europe/Brussels \u2014 type to search", &m_text)) m_edited = true;
    m_inputRect = WidgetRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
    m_matchRects.clear();
    // A click on a listed name ends the edit first: the list stays for that frame so the click lands.
    const bool editing = ImGui::IsItemActive() || ImGui::IsItemDeactivated();
    const bool known = valid();
    // Matches show while the user types something that is not yet a zone.
    if (editing && m_edited && !m_text.empty() && !isKnownTimeZone(m_text)) {
        refilter();
        if (m_matches.empty()) {
            mutedWrapped("No zone has that in its name.");
        } else {
            for (const std::string* name : m_matches) {
                // Clicking must not end the edit before the pick lands.
                if (ImGui::Selectable(name->c_str(), false)) {
                    m_text = *name;
                    m_edited = true;
                }
                if (ImGui::IsItemActivated()) m_text = *name;
                m_matchRects.push_back({*name, WidgetRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()}});
            }
        }
    } else if (!known) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette.error);
        ImGui::TextWrapped("\u201c%s\u201d is not a time zone Hallway knows: type part of a city, e.g. Berlin.",
                           m_text.c_str());
        ImGui::PopStyleColor();
    }
    if (!m_why.empty() && (!m_edited || m_text == m_prefill)) {
        // A guess or a contradiction reads in full text colour, an explanation muted.
        if (m_warn) ImGui::TextWrapped("%s", m_why.c_str());
        else mutedWrapped(m_why.c_str());
    } else if (m_edited && known && !m_text.empty() && m_text != m_prefill) {
        mutedWrapped(("Times the file gives without a zone are read in " + m_text +
                      ", and the event is shown in it.").c_str());
    }
    ImGui::PopID();
}

}  // namespace hallway::ui
