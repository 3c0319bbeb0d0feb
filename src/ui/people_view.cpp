// [SECTION] Helpers
// [SECTION] Sync and layout
// [SECTION] People table
// [SECTION] Targets
// [SECTION] Goals and network
// [SECTION] Target editor
// [SECTION] Person page
// [SECTION] Merge
#include "ui/people_view.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdint>

#include "core/text.h"
#include "core/time_util.h"
#include "services/capture_service.h"
#include "services/people_service.h"
#include "services/safe_write.h"
#include "store/goals_repo.h"
#include "store/store.h"
#include "ui/theme.h"
#include "ui/ui_format.h"
#include "ui/ui_widgets.h"

namespace hallway::ui {
namespace {

const void* idOf(RowId id) { return reinterpret_cast<const void*>(static_cast<std::intptr_t>(id)); }

ImU32 priorityColour(const Palette& p, TargetPriority priority) {
    switch (priority) {
        case TargetPriority::Must: return p.conflict;
        case TargetPriority::Should: return p.selected;
        case TargetPriority::Nice: return p.mutedText;
    }
    return p.mutedText;
}

// Where to find targets: who they are, their talks, and the free slots of the starred schedule.
std::uint64_t targetsRevision(const AppState& state) {
    return state.revision.value(Change::Targets | Change::People | Change::Stars | Change::Events);
}

void sectionTitle(const Palette& p, const char* title) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    ImGui::Separator();
}

}  // namespace

// [SECTION] Sync and layout

void PeopleView::sync(Store& store, AppState& state) {
    // The list shows people only; the page shows everything about one person;
    // where to find targets depends on the starred schedule.
    const auto revision = state.revision.value();
    // Who is in the network moves with targets, touches and notes too. The
    // list (50,000 people at the power tier, ~200 ms) loads only while its
    // tab shows; the others catch up when it comes back.
    const bool listShown = !state.people.targetsTab && !state.people.networkTab;
    if (listShown &&
        m_list.sync(store, state.people.search, state.people.tag, state.people.scope,
                    state.revision.value(Change::People | Change::Events | Change::Targets | Change::Notes)) &&
        !m_list.error().empty() &&
        text::trim(state.people.search).empty())
        state.error("Could not list people: " + m_list.error());
    if (m_page.sync(store, state.people.selectedPerson, revision, m_events) && !m_page.error().empty()) {
        state.error("Could not open this person: " + m_page.error());
        state.people.selectedPerson.reset();
    }
    // Where to find targets takes ~80 ms for 400 of them: worked out only while
    // the targets tab or a person's page (their target card) shows it; else the
    // tab's label only needs how many there are.
    syncTargets(store, state, state.people.targetsTab || state.people.selectedPerson.has_value());
    // Goals count targets met, interactions and follow-ups sent; the network
    // map groups everyone. Both load only while their tab shows.
    if (state.people.targetsTab && !state.people.networkTab)
        m_goals.sync(store, state.eventId,
                     state.revision.value(Change::Targets | Change::People | Change::Notes | Change::Queue));
    if (state.people.networkTab &&
        m_network.sync(store, state.people.networkBy, state.revision.value(Change::People | Change::Notes | Change::Targets)) &&
        !m_network.error().empty())
        state.error("Could not group people: " + m_network.error());
    if (m_lastSelected != state.people.selectedPerson) {
        m_lastSelected = state.people.selectedPerson;
        m_scrollToSelected = true;  // opened from elsewhere (search, Capture): show the row
    }
    if (m_openMerge || !m_mergeInto) {
        // The merge popup's matches, looked up when its search changes.
        std::string q = text::trim(m_mergeQuery);
        if (q != m_mergeQueryFor) {
            m_mergeQueryFor = q;
            m_mergeMatches.clear();
            if (!q.empty()) {
                try {
                    for (auto& p : PeopleRepo(store).list({q, "", 8}))
                        if (!state.people.selectedPerson || p.id != *state.people.selectedPerson)
                            m_mergeMatches.push_back(std::move(p));
                } catch (const std::exception&) {
                    // Half-typed full-text syntax: no matches yet.
                }
            }
        }
    }
}

void PeopleView::syncTargets(Store& store, AppState& state, bool rows) {
    if (m_targets.sync(store, state.eventId, targetsRevision(state), rows) && !m_targets.error().empty())
        state.error("Could not list the targets: " + m_targets.error());
}

std::optional<WidgetRect> PeopleView::mergeMatchRect(RowId personId) const {
    return rectFor(m_mergeRects, personId);
}

std::optional<WidgetRect> PeopleView::metRect(RowId personId) const {
    return rectFor(m_metRects, personId);
}

std::optional<WidgetRect> PeopleView::networkRowRect(const std::string& group) const {
    return rectFor(m_networkRects, group);
}

std::optional<WidgetRect> PeopleView::targetWidgetRect(TargetWidget w) const {
    return rectFor(m_targetRects, w);
}

std::optional<WidgetRect> PeopleView::rowRect(RowId personId) const {
    return rectFor(m_rowRects, personId);
}

void PeopleView::draw(Store& store, AppState& state) {
    m_rowRects.clear();
    m_searchRect.reset();
    m_mergeButtonRect.reset();
    m_headingRect.reset();
    m_mergeConfirmRect.reset();
    m_mergeRects.clear();
    m_metRects.clear();
    m_targetRects.clear();
    m_networkRects.clear();
    m_scopeRects.clear();
    m_networkTabRect.reset();
    m_addGoalRect.reset();
    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // Wide windows give the list room for long companies and roles too.
    float listWidth = std::clamp(avail.x * 0.42f, 22.0f * fs, 56.0f * fs);
    if (listWidth > avail.x * 0.6f) listWidth = avail.x * 0.6f;

    ImGui::BeginChild("##people_list", ImVec2(listWidth, 0.0f), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    drawList(store, state);
    ImGui::EndChild();

    ImGui::SameLine(0.0f, style.ItemSpacing.x);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs * 0.8f, fs * 0.6f));
    ImGui::BeginChild("##person_page", ImVec2(0.0f, 0.0f), true);
    drawPage(store, state);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    drawMergePopup(store, state);
    drawAddPopup(store, state);
    drawExportPopup(store, state);
}

// [SECTION] People table

void PeopleView::drawList(Store& store, AppState& state) {
    const float fs = ImGui::GetFontSize();
    char targets[48];
    std::snprintf(targets, sizeof targets, "Targets here (%d)##tab", m_targets.count());
    const bool network = state.people.networkTab;
    if (segmentButton("People##tab", !state.people.targetsTab && !network))
        state.people.targetsTab = state.people.networkTab = false;
    ImGui::SameLine(0.0f, 0.0f);
    ImGui::BeginDisabled(!state.eventId);
    if (segmentButton(targets, state.people.targetsTab && !network)) {
        state.people.targetsTab = true;
        state.people.networkTab = false;
        syncTargets(store, state, true);  // shown below in this frame already
        m_goals.sync(store, state.eventId,
                     state.revision.value(Change::Targets | Change::People | Change::Notes | Change::Queue));
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip(state.eventId ? "The people you want to meet at %s, where to find them, and your goals"
                                        : "Open an event to see its targets",
                          m_targets.eventName().c_str());
    ImGui::SameLine(0.0f, 0.0f);
    if (segmentButton("Network##tab", network)) {
        state.people.networkTab = true;
        state.people.targetsTab = false;
        m_network.sync(store, state.people.networkBy, state.revision.value(Change::People | Change::Notes | Change::Targets));
    }
    m_networkTabRect = lastItemRect();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Your network (%d people) per company, tag or role, and how warm each group is",
                          m_list.counts().network);
    const char* importLabel = "Import contacts\u2026##people";
    const float importWidth = ImGui::CalcTextSize(importLabel, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - importWidth));
    if (ImGui::Button(importLabel)) state.openContactsImport = true;
    m_importButtonRect = lastItemRect();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("LinkedIn's Connections.csv, vCard or Google Contacts CSV; or drop the file on the window");
    if (state.people.networkTab) {
        drawNetwork(state);
        return;
    }
    if (state.people.targetsTab && state.eventId) {
        drawTargets(store, state);
        return;
    }

    const char* addLabel = "+##add_person";
    const char* exportLabel = "Export\u2026##people";
    auto width = [](const char* label) {
        return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f +
               ImGui::GetStyle().ItemSpacing.x;
    };
    const float searchWidth = std::max(6.0f * fs, ImGui::GetContentRegionAvail().x - 8.0f * fs - width(addLabel) -
                                                      width(exportLabel) - ImGui::GetStyle().ItemSpacing.x);
    ImGui::SetNextItemWidth(searchWidth);
    // The long hint only where it fits (a 1024 px window cuts it).
    const char* hint = "Search name, company, role\u2026";
    if (ImGui::CalcTextSize(hint).x + 2.0f * ImGui::GetStyle().FramePadding.x > searchWidth) hint = "Search\u2026";
    ImGui::InputTextWithHint("##people_search", hint, &state.people.search);
    m_searchRect = lastItemRect();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(8.0f * fs);
    if (ImGui::BeginCombo("##tag", state.people.tag.empty() ? "All tags" : state.people.tag.c_str())) {
        if (ImGui::Selectable("All tags", state.people.tag.empty())) state.people.tag.clear();
        for (size_t i = 0; i < m_list.tags().size(); ++i) {
            const std::string& tag = m_list.tags()[i];
            ImGui::PushID(int(i));
            if (ImGui::Selectable(tag.c_str(), tag == state.people.tag)) state.people.tag = tag;
            ImGui::PopID();
        }
        if (m_list.tags().empty()) ImGui::TextDisabled("No tags yet");
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button(addLabel)) {
        m_openAdd = true;
        m_addName = text::trim(state.people.search);  // what was searched for and not found, often
        m_addCompany.clear();
    }
    m_addPersonRect = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Add a person by hand");
    ImGui::SameLine();
    if (ImGui::Button(exportLabel)) {
        m_openExport = true;
        m_exportError.clear();
    }
    m_exportRect = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Write people to a vCard 4.0 or CSV file");
    drawScopeRow(state);
    drawPeopleTable(state);
}

// Your network apart from the speakers known only from an agenda, with counts.
void PeopleView::drawScopeRow(AppState& state) {
    const ScopeCounts& counts = m_list.counts();
    struct Choice {
        PeopleScope scope;
        const char* label;
        int count;
        const char* tip;
    };
    const Choice choices[] = {
        {PeopleScope::Network, "Your network", counts.network,
         "People you met, imported, added by hand, want to meet, logged a touch with or wrote a note about"},
        {PeopleScope::AgendaOnly, "Only on agendas", counts.agendaOnly,
         "Speakers you know only from an agenda: not met, not a target, in no note"},
        {PeopleScope::All, "All", counts.network + counts.agendaOnly, "Everyone in the database"},
    };
    for (const Choice& c : choices) {
        char label[64];
        std::snprintf(label, sizeof label, "%s (%d)##scope", c.label, c.count);
        if (segmentButton(label, state.people.scope == c.scope)) state.people.scope = c.scope;
        m_scopeRects.push_back({int(c.scope), lastItemRect()});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", c.tip);
        ImGui::SameLine(0.0f, 0.0f);
    }
    ImGui::NewLine();
}

void PeopleView::drawPeopleTable(AppState& state) {
    const Palette& p = palette(state.theme);
    const auto& rows = m_list.rows();
    if (rows.empty()) {
        ImGui::Spacing();
        if (m_list.total() > 0 && state.people.scope == PeopleScope::Network && m_list.counts().network == 0) {
            char text[320];
            std::snprintf(text, sizeof text,
                          "Nobody in your network yet. The %d speakers from agendas are under Only on agendas; "
                          "someone you meet, want to meet or @mention in Capture joins your network.",
                          m_list.counts().agendaOnly);
            mutedWrapped(text);
        } else if (m_list.total() == 0)
            mutedWrapped("No people yet. Import your contacts with Import contacts\u2026 above (LinkedIn's "
                         "Connections.csv, vCard, Google Contacts CSV) or drop the file on the window. Someone you "
                         "@mention in Capture is added too.");
        else
            mutedWrapped("Nobody matches. Try fewer letters, or another tag.");
        return;
    }
    const float rowHeight = ImGui::GetFrameHeight();
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersOuterH;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ImGui::GetStyle().CellPadding.x, 1.0f));
    const bool open = ImGui::BeginTable("##people", 3, flags, ImVec2(0.0f, 0.0f));
    ImGui::PopStyleVar();
    if (!open) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("Company", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Role", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();

    if (m_scrollToSelected && state.people.selectedPerson) {
        int index = m_list.indexOf(*state.people.selectedPerson);
        if (index >= 0) {
            const float y = float(index) * (rowHeight + 2.0f);
            if (y < ImGui::GetScrollY() || y > ImGui::GetScrollY() + ImGui::GetWindowHeight() - 3.0f * rowHeight)
                ImGui::SetScrollY(std::max(0.0f, y - 3.0f * rowHeight));
        }
    }
    m_scrollToSelected = false;

    ImGuiListClipper clipper;
    clipper.Begin(int(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const PersonBrief& person = rows[i];
            ImGui::TableNextRow(0, rowHeight);
            ImGui::PushID(idOf(person.id));
            ImGui::TableSetColumnIndex(0);
            ImVec2 cell = ImGui::GetCursorScreenPos();
            const bool selected = state.people.selectedPerson == person.id;
            if (ImGui::Selectable("##row", selected,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                  ImVec2(0.0f, rowHeight))) {
                state.people.selectedPerson = person.id;
                m_lastSelected = person.id;  // picked here: the row is already in view
            }
            m_rowRects.push_back({person.id, lastItemRect()});
            const bool hovered = ImGui::IsItemHovered();
            ImGui::SetCursorScreenPos(cell);
            bool cut = cellText(person.displayName, 0);
            ImGui::TableSetColumnIndex(1);
            cut = cellText(person.company, p.mutedText) || cut;
            ImGui::TableSetColumnIndex(2);
            cut = cellText(person.role, p.mutedText) || cut;
            if (hovered && cut)
                ImGui::SetTooltip("%s\n%s\n%s", person.displayName.c_str(), person.company.c_str(), person.role.c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// [SECTION] Targets

void PeopleView::setMet(Store& store, AppState& state, const TargetRow& t, bool met) {
    try {
        if (met) {
            markMet(store, *state.eventId, t.personId, state.now());
            state.info("Met " + t.name + " \u00b7 logged at " + m_targets.eventName() + ".");
        } else {
            unmarkMet(store, *state.eventId, t.personId);
            state.info(t.name + " is back to \u201cnot met yet\u201d.");
        }
        const auto before = targetsRevision(state);
        state.revision.bump(Change::Targets);
        // Only the tick changes: where to find them stays (it is slow to work out for hundreds).
        m_targets.applyStatus(t.personId, met ? TargetStatus::Met : TargetStatus::NotYet, before,
                              targetsRevision(state));
    } catch (const std::exception& e) {
        state.error("Could not update " + t.name + ": " + e.what());
    }
}

void PeopleView::drawTargetCard(Store& store, AppState& state, const TargetRow& t, bool showName) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    ImGui::PushID(idOf(t.personId));
    bool met = t.status == TargetStatus::Met;
    if (ImGui::Checkbox(showName ? "##met" : "Met##met", &met)) setMet(store, state, t, met);
    m_metRects.push_back({t.personId, lastItemRect()});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(met ? "Met at this event" : "Tick when you have met them");
    ImGui::SameLine();
    if (showName) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.selected);
        ImGui::TextUnformatted(t.name.c_str());
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsItemClicked()) state.people.selectedPerson = t.personId;
        ImGui::SameLine();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, priorityColour(p, t.priority));
    ImGui::TextUnformatted(t.priority == TargetPriority::Must     ? "must meet"
                           : t.priority == TargetPriority::Should ? "should meet"
                                                                  : "nice to meet");
    ImGui::PopStyleColor();
    if (t.status == TargetStatus::Missed) {
        ImGui::SameLine();
        ImGui::TextDisabled("\u00b7 missed");
    }
    if (showName && !t.company.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("\u00b7 %s", t.company.c_str());
    }
    ImGui::Indent(1.6f * fs);
    ImGui::PushTextWrapPos(0.0f);
    if (!t.why.empty()) ImGui::TextUnformatted(t.why.c_str());
    for (const auto& q : t.questions) ImGui::Text("? %s", q.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    if (t.whereToFind.empty())
        ImGui::TextUnformatted("No talk at this event: look for them in the hallway.");
    for (const auto& w : t.whereToFind) ImGui::Text("\u2192 %s", w.c_str());
    if (t.moreTalks)
        ImGui::Text("and %zu more talk%s (the person's timeline lists them all)", t.moreTalks,
                    t.moreTalks == 1 ? "" : "s");
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::Unindent(1.6f * fs);
    ImGui::PopID();
}

void PeopleView::drawTargets(Store& store, AppState& state) {
    ImGui::BeginChild("##targets", ImVec2(0.0f, 0.0f), false);
    drawGoals(store, state);
    const auto& rows = m_targets.rows();
    if (rows.empty())
        mutedWrapped("No targets for this event yet. Open a person and use \u201cWant to meet here\u201d, or "
                     "`hallway target add`.");
    // Cards wrap to the width, so their heights differ (no list clipper): each
    // card's height is measured when it is drawn, and a card out of view is
    // only a gap that high. 400 cards drawn every frame took 2 ms.
    const float width = ImGui::GetContentRegionAvail().x;
    if (m_cardHeights.size() != rows.size() || m_cardWidth != width || m_cardsBuilt != m_targets.rebuildCount()) {
        m_cardHeights.assign(rows.size(), 0.0f);  // 0: not measured yet, so drawn
        m_cardWidth = width;
        m_cardsBuilt = m_targets.rebuildCount();
    }
    const float viewTop = ImGui::GetScrollY(), viewBottom = viewTop + ImGui::GetWindowHeight();
    for (size_t i = 0; i < rows.size(); ++i) {
        const float y = ImGui::GetCursorPosY(), h = m_cardHeights[i];
        if (h > 0.0f && (y + h < viewTop || y > viewBottom)) {
            ImGui::Dummy(ImVec2(1.0f, h - ImGui::GetStyle().ItemSpacing.y));
            continue;
        }
        drawTargetCard(store, state, rows[i], true);
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::Spacing();
        if (i < m_cardHeights.size()) m_cardHeights[i] = ImGui::GetCursorPosY() - y;  // a tick may have reloaded rows
    }
    ImGui::EndChild();
}

// [SECTION] Goals and network

namespace {
struct GoalKind {
    const char* kind;
    const char* label;  // in the combo
    bool numeric;
};
constexpr GoalKind kGoalKinds[] = {{"people_met", "Meet N people", true},
                                   {"coffee_chats", "Have N coffee chats", true},
                                   {"follow_ups_sent", "Send N follow-ups", true},
                                   {"text", "A goal in words", false}};
}  // namespace

void PeopleView::drawGoals(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    sectionTitle(p, ("Goals at " + m_targets.eventName()).c_str());
    if (!m_goals.error().empty()) mutedWrapped(("Could not count the goals: " + m_goals.error()).c_str());
    std::optional<RowId> removeGoal;
    for (const GoalProgress& g : m_goals.goals()) {
        ImGui::PushID(idOf(g.goalId));
        if (g.target) {
            const float fraction = std::min(1.0f, float(g.done) / float(std::max(1, *g.target)));
            char overlay[32];
            std::snprintf(overlay, sizeof overlay, "%d / %d", g.done, *g.target);
            ImGui::PushStyleColor(ImGuiCol_PlotHistogram, g.done >= *g.target ? p.ok : p.selected);
            ImGui::ProgressBar(fraction, ImVec2(7.0f * fs, 0.0f), overlay);
            ImGui::PopStyleColor();
            ImGui::SameLine();
        } else {
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted("\u2022");
            ImGui::SameLine();
        }
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(g.label.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("\u00d7##remove")) removeGoal = g.goalId;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this goal");
        ImGui::PopID();
    }
    if (m_goals.goals().empty())
        mutedWrapped("No goals yet: say what would make this event worth it, and Hallway counts the progress from "
                     "who you meet, your coffee chats and the follow-ups you send.");

    // Add a goal: kind, number (for numeric kinds), words.
    const GoalKind& kind = kGoalKinds[m_goalKind];
    ImGui::SetNextItemWidth(10.0f * fs);
    if (ImGui::BeginCombo("##goal_kind", kind.label)) {
        for (int i = 0; i < int(std::size(kGoalKinds)); ++i)
            if (ImGui::Selectable(kGoalKinds[i].label, i == m_goalKind)) m_goalKind = i;
        ImGui::EndCombo();
    }
    if (kind.numeric) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(5.5f * fs);
        ImGui::InputInt("##goal_n", &m_goalNumber);
        m_goalNumber = std::clamp(m_goalNumber, 1, 999);
    }
    ImGui::SameLine();
    const char* addLabel = "Add goal##goal";
    const float addWidth = ImGui::CalcTextSize(addLabel, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
    ImGui::SetNextItemWidth(std::max(4.0f * fs, ImGui::GetContentRegionAvail().x - addWidth - ImGui::GetStyle().ItemSpacing.x));
    ImGui::InputTextWithHint("##goal_text", kind.numeric ? "optional: who, e.g. in the Rust track" : "e.g. find a co-maintainer",
                             &m_goalText);
    ImGui::SameLine();
    ImGui::BeginDisabled(!kind.numeric && text::trim(m_goalText).empty());
    const bool add = ImGui::Button(addLabel);
    ImGui::EndDisabled();
    m_addGoalRect = lastItemRect();
    ImGui::Spacing();

    try {
        if (add && state.eventId) {
            addGoal(store, *state.eventId, kind.kind, kind.numeric ? std::optional<int>(m_goalNumber) : std::nullopt,
                    m_goalText);
            m_goalText.clear();
            state.revision.bump(Change::Targets);
            state.info("Added the goal.");
        }
        if (removeGoal) {
            GoalsRepo(store).remove(*removeGoal);
            state.revision.bump(Change::Targets);
            state.info("Removed the goal.");
        }
    } catch (const std::exception& e) {
        state.error("Could not change the goals: " + std::string(e.what()));
    }
}

void PeopleView::drawNetwork(AppState& state) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Group by");
    ImGui::SameLine();
    for (const char* by : {"company", "tag", "role"}) {
        std::string label = std::string(by) + "##by";
        label[0] = char(std::toupper(static_cast<unsigned char>(label[0])));
        if (segmentButton(label.c_str(), state.people.networkBy == by)) state.people.networkBy = by;
        ImGui::SameLine(0.0f, 0.0f);
    }
    ImGui::NewLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::TextUnformatted("Warm: people with 2 or more logged touches. Many people and few warm ones is where your "
                           "network is thin. Click a group to list its people.");
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    const auto& groups = m_network.groups();
    if (groups.empty()) {
        mutedWrapped("Nobody to group yet: import contacts or meet someone first.");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_BordersOuterH;
    if (!ImGui::BeginTable("##network", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    const std::string& by = m_network.by();
    ImGui::TableSetupColumn(by == "tag" ? "Tag" : by == "role" ? "Role" : "Company", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("People", ImGuiTableColumnFlags_WidthFixed, 4.0f * fs);
    ImGui::TableSetupColumn("Warm", ImGuiTableColumnFlags_WidthFixed, 3.5f * fs);
    ImGui::TableSetupColumn("Touches", ImGuiTableColumnFlags_WidthFixed, 4.5f * fs);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(int(groups.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const NetworkGroup& g = groups[size_t(i)];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushID(i);
            const bool blank = g.group.empty();
            const std::string name = blank ? (by == "tag" ? "(no tag)" : by == "role" ? "(no role)" : "(no company)")
                                           : (by == "tag" ? "#" + g.group : g.group);
            // The name is cut with "…" to its column (whole in the tooltip).
            const ImVec2 cell = ImGui::GetCursorScreenPos();
            const bool picked =
                !blank && ImGui::Selectable("##group", false,
                                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                            ImVec2(0.0f, ImGui::GetFrameHeight()));
            const bool hovered = !blank && ImGui::IsItemHovered();
            const WidgetRect rowRect = lastItemRect();
            ImGui::SetCursorScreenPos(cell);
            if (cellText(name, blank ? p.mutedText : 0) && hovered) wrappedTooltip(name.c_str());
            if (picked) {
                state.people.networkTab = state.people.targetsTab = false;
                if (by == "tag") {
                    state.people.tag = g.group;
                    state.people.search.clear();
                } else {
                    state.people.search = g.group;
                    state.people.tag.clear();
                }
            }
            m_networkRects.push_back({g.group, blank ? lastItemRect() : rowRect});
            ImGui::PopID();
            ImGui::TableSetColumnIndex(1);
            ImGui::AlignTextToFramePadding();
            ImGui::Text("%d", g.people);
            ImGui::TableSetColumnIndex(2);
            ImGui::AlignTextToFramePadding();
            if (g.relationships == 0) ImGui::TextDisabled("0");
            else {
                ImGui::PushStyleColor(ImGuiCol_Text, p.ok);
                ImGui::Text("%d", g.relationships);
                ImGui::PopStyleColor();
            }
            ImGui::TableSetColumnIndex(3);
            ImGui::AlignTextToFramePadding();
            ImGui::Text("%d", g.genuineInteractions);
        }
    }
    ImGui::EndTable();
}

// [SECTION] Target editor

void PeopleView::openTargetEditor(const Target& target, const std::string& personName) {
    TargetDraft d;
    d.target = target;
    d.personName = personName;
    d.why = target.why;
    for (const auto& q : target.questions) d.questions += q + "\n";
    m_targetDraft = std::move(d);
}

void PeopleView::drawTargetEditor(Store& store, AppState& state, const Person& person) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    TargetDraft& d = *m_targetDraft;
    ImGui::PushID("target_editor");

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Priority");
    ImGui::SameLine(6.0f * fs);
    const std::pair<TargetPriority, TargetWidget> priorities[] = {
        {TargetPriority::Must, TargetWidget::Must}, {TargetPriority::Should, TargetWidget::Should},
        {TargetPriority::Nice, TargetWidget::Nice}};
    for (const auto& [priority, widget] : priorities) {
        const char* label = priority == TargetPriority::Must     ? "must meet##prio"
                            : priority == TargetPriority::Should ? "should meet##prio"
                                                                 : "nice to meet##prio";
        ImGui::PushID(int(widget));
        if (segmentButton(label, d.target.priority == priority)) d.target.priority = priority;
        ImGui::PopID();
        m_targetRects.push_back({widget, lastItemRect()});
        ImGui::SameLine(0.0f, 0.0f);
    }
    ImGui::NewLine();

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Why");
    ImGui::SameLine(6.0f * fs);
    ImGui::SetNextItemWidth(-1.0f);
    if (d.focusWhy) {
        ImGui::SetKeyboardFocusHere();
        d.focusWhy = false;
    }
    ImGui::InputTextWithHint("##why", "what you want to learn from them, offer them or ask", &d.why);
    m_targetRects.push_back({TargetWidget::Why, lastItemRect()});

    ImGui::TextUnformatted("Questions");
    ImGui::SameLine(6.0f * fs);
    ImGui::InputTextMultiline("##questions", &d.questions, ImVec2(-1.0f, ImGui::GetTextLineHeight() * 3.6f));
    m_targetRects.push_back({TargetWidget::Questions, lastItemRect()});
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 6.0f * fs);
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::TextUnformatted("One question or talking point per line.");
    ImGui::PopStyleColor();

    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 6.0f * fs);
    const bool save = ImGui::Button("Save##target");
    m_targetRects.push_back({TargetWidget::Save, lastItemRect()});
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel##target");
    m_targetRects.push_back({TargetWidget::Cancel, lastItemRect()});
    const bool existing = m_targets.find(person.id) != nullptr;
    bool remove = false;
    if (existing) {
        ImGui::SameLine();
        remove = ImGui::Button("Remove target##target");
        m_targetRects.push_back({TargetWidget::Remove, lastItemRect()});
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Stop wanting to meet %s here; notes and interactions stay", d.personName.c_str());
    }
    ImGui::PopID();

    if (save) {
        Target t = d.target;
        t.why = text::collapseSpaces(d.why);
        t.questions.clear();
        for (auto& q : text::lines(d.questions))
            if (!q.empty()) t.questions.push_back(std::move(q));
        try {
            PeopleRepo(store).upsertTarget(t);
            state.revision.bump(Change::Targets);
            state.info(std::string(existing ? "Saved the target " : "Added the target ") + d.personName + " at " +
                       m_targets.eventName() + ".");
            m_targetDraft.reset();
        } catch (const std::exception& e) {
            state.error("Could not save the target: " + std::string(e.what()) + ". Your text is still here.");
        }
    } else if (remove) {
        try {
            PeopleRepo(store).removeTarget(d.target.eventId, d.target.personId);
            state.revision.bump(Change::Targets);
            state.info(d.personName + " is no longer a target at " + m_targets.eventName() + ".");
            m_targetDraft.reset();
        } catch (const std::exception& e) {
            state.error("Could not remove the target: " + std::string(e.what()));
        }
    } else if (cancel) {
        m_targetDraft.reset();
    }
}

// [SECTION] Person page

void PeopleView::drawPage(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    if (!m_page.has()) {
        beginCenteredBlock(26.0f * fs, 8.0f * fs);
        headingText(m_headingFont, "Everyone you have met, in one place");
        ImGui::Spacing();
        mutedWrapped("Select a person to see their details, how warm the connection is, and every talk, note, "
                     "target and interaction with them, newest first.");
        endCenteredBlock();
        return;
    }
    const Person& person = m_page.person();
    if (m_personDraft && m_personDraft->personId != person.id) {
        m_personDraft.reset();  // another person opened: the unsaved edit is dropped
        m_detailsError.clear();
    }

    // Name on the left, actions on the right.
    const char* editLabel = "Edit details##person";
    const char* mergeLabel = "Merge into\u2026##merge";
    auto buttonWidth = [&](const char* label) {
        return ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2.0f;
    };
    const float actionsWidth = buttonWidth(editLabel) + style.ItemSpacing.x + buttonWidth(mergeLabel);
    // A long name is cut before the buttons, never drawn under them.
    const float actionsX = ImGui::GetWindowContentRegionMax().x - actionsWidth;
    fittedHeading(m_headingFont, person.displayName.c_str(),
                  actionsX - style.ItemSpacing.x - ImGui::GetCursorPosX());
    m_headingRect = lastItemRect();
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), actionsX));
    ImGui::BeginDisabled(m_personDraft.has_value());
    if (ImGui::Button(editLabel) || state.people.editDetails) {
        state.people.editDetails = false;
        m_personDraft = PersonDraft{person.id, editTextOf(person), true};
        m_detailsError.clear();
    }
    ImGui::EndDisabled();
    m_editDetailsRect = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Name, company, contacts, tags, how you met, facts to remember");
    ImGui::SameLine();
    if (ImGui::Button(mergeLabel)) {
        m_openMerge = true;
        m_mergeQuery.clear();
        m_mergeQueryFor = "\x01";
        m_mergeInto.reset();
    }
    m_mergeButtonRect = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("This person is a duplicate of someone: move everything onto them");
    ImGui::PushTextWrapPos(0.0f);
    if (!m_page.subtitle().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
        ImGui::TextUnformatted(m_page.subtitle().c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, m_page.warmth().interactions >= 2 ? p.ok : p.text);
    ImGui::TextUnformatted(m_page.warmthText().c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();

    // Editing details: the form comes right under the name, nothing between,
    // so its Save button is in view on a laptop screen.
    if (m_personDraft) {
        drawDetailsEditor(store, state, person);
        drawTimeline(state);
        return;
    }

    // A draft for someone else (another person opened) is dropped, unsaved.
    if (m_targetDraft && m_targetDraft->target.personId != person.id) m_targetDraft.reset();
    if (state.people.editTarget && state.eventId) {
        state.people.editTarget = false;
        Target target;
        target.eventId = *state.eventId;
        target.personId = person.id;
        if (const TargetRow* t = m_targets.find(person.id)) {
            target.priority = t->priority;
            target.status = t->status;
            target.why = t->why;
            target.questions = t->questions;
        }
        openTargetEditor(target, person.displayName);
    }
    if (m_targetDraft && state.eventId && m_targetDraft->target.eventId == *state.eventId) {
        const bool isNew = m_targets.find(person.id) == nullptr;
        sectionTitle(p, ((isNew ? "New target at " : "Target at ") + m_targets.eventName()).c_str());
        drawTargetEditor(store, state, person);
    } else if (const TargetRow* t = m_targets.find(person.id)) {
        m_targetDraft.reset();
        sectionTitle(p, ("Target at " + m_targets.eventName()).c_str());
        drawTargetCard(store, state, *t, false);
        ImGui::Indent(1.6f * fs);
        if (ImGui::SmallButton("Edit##target")) state.people.editTarget = true;  // opens next frame
        m_targetRects.push_back({TargetWidget::Edit, lastItemRect()});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Change the priority, why you want to meet them, your questions");
        ImGui::Unindent(1.6f * fs);
    } else if (state.eventId) {
        m_targetDraft.reset();
        ImGui::Spacing();
        if (ImGui::SmallButton("Want to meet here##target")) state.people.editTarget = true;  // opens next frame
        m_targetRects.push_back({TargetWidget::WantToMeet, lastItemRect()});
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Add %s to the people you want to meet at %s, with why and your questions",
                              person.displayName.c_str(), m_targets.eventName().c_str());
    }

    // Details: a two-column table of whatever the person has.
    const bool hasDetails = !person.emails.empty() || !person.phones.empty() || !person.urls.empty() ||
                            !person.tags.empty() || !person.howMet.empty() || person.keepInTouchDays;
    if (hasDetails) {
        sectionTitle(p, "Details");
        if (ImGui::BeginTable("##details", 2, ImGuiTableFlags_SizingFixedFit)) {
            ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, 5.0f * fs);
            ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
            auto row = [&](const char* label, const std::string& value, const std::string& note) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
                ImGui::TextUnformatted(label);
                ImGui::PopStyleColor();
                ImGui::TableSetColumnIndex(1);
                ImGui::PushTextWrapPos(0.0f);
                if (note.empty()) ImGui::TextUnformatted(value.c_str());
                else ImGui::Text("%s  (%s)", value.c_str(), note.c_str());
                ImGui::PopTextWrapPos();
            };
            for (const auto& e : person.emails) row("Email", e.value, e.label);
            for (const auto& ph : person.phones) row("Phone", ph.value, ph.label);
            for (const auto& u : person.urls) row("Link", u.value, u.label);
            if (!person.tags.empty()) {
                std::string tags;
                for (const auto& t : person.tags) tags += (tags.empty() ? "#" : "  #") + t;
                row("Tags", tags, "");
            }
            if (!person.howMet.empty()) row("How met", person.howMet, "");
            if (person.keepInTouchDays)
                row("In touch", "every " + std::to_string(*person.keepInTouchDays) + " days", "");
            ImGui::EndTable();
        }
    }
    if (!person.facts.empty()) {
        sectionTitle(p, "Facts to remember");
        ImGui::PushTextWrapPos(0.0f);
        for (const auto& f : person.facts) {
            if (f.onDate) ImGui::Text("\u2022 %s (%s)", f.text.c_str(), f.onDate->c_str());
            else ImGui::Text("\u2022 %s", f.text.c_str());
        }
        ImGui::PopTextWrapPos();
    }
    drawTimeline(state);
}

void PeopleView::drawDetailsEditor(Store& store, AppState& state, const Person& person) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    PersonEditText& t = m_personDraft->text;
    sectionTitle(p, "Details");
    ImGui::PushID("details_editor");
    const float labelWidth = 7.0f * fs;
    const float line = ImGui::GetTextLineHeight();
    auto label = [&](const char* text, bool multiline) {
        if (!multiline) ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(text);
        ImGui::SameLine(labelWidth);
        ImGui::SetNextItemWidth(-1.0f);
    };
    label("Name", false);
    if (m_personDraft->focusName) {
        ImGui::SetKeyboardFocusHere();
        m_personDraft->focusName = false;
    }
    ImGui::InputText("##name", &t.name);
    label("Company", false);
    ImGui::InputText("##company", &t.company);
    label("Role", false);
    ImGui::InputText("##role", &t.role);
    label("Emails", true);
    ImGui::InputTextMultiline("##emails", &t.emails, ImVec2(-1.0f, line * 2.6f));
    label("Phones", true);
    ImGui::InputTextMultiline("##phones", &t.phones, ImVec2(-1.0f, line * 2.6f));
    label("Links", true);
    ImGui::InputTextMultiline("##links", &t.links, ImVec2(-1.0f, line * 2.6f));
    label("Tags", false);
    ImGui::InputTextWithHint("##tags", "comma-separated: rust, speaker, hiring", &t.tags);
    label("How we met", true);
    ImGui::InputTextMultiline("##how_met", &t.howMet, ImVec2(-1.0f, line * 1.8f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Keep in touch");
    ImGui::SameLine(labelWidth);
    ImGui::TextUnformatted("every");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(4.0f * fs);
    ImGui::InputTextWithHint("##cadence", "\u2014", &t.keepInTouchDays, ImGuiInputTextFlags_CharsDecimal);
    ImGui::SameLine();
    ImGui::TextUnformatted("days");
    ImGui::SameLine();
    ImGui::TextDisabled("(blank: no reminder)");
    label("Facts", true);
    ImGui::InputTextMultiline("##facts", &t.facts, ImVec2(-1.0f, line * 3.6f));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + labelWidth);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::TextUnformatted("One per line. A date in a fact (\u201cmarathon on 12 April\u201d) dates it: the follow-up "
                           "queue checks in after it. Contacts may end in a label: ana@acme.example (work).");
    ImGui::PopStyleColor();
    if (!m_detailsError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.error);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + labelWidth);
        ImGui::TextUnformatted(m_detailsError.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + labelWidth);
    const bool save = ImGui::Button("Save##details");
    m_detailsSaveRect = lastItemRect();
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel##details");
    ImGui::PopID();

    if (save) {
        auto result = personFromEditText(t, person, localDateString(state.now(), systemTimeZone()));
        if (auto* why = std::get_if<std::string>(&result)) {
            m_detailsError = *why + ". Nothing was saved yet.";
            return;
        }
        try {
            savePersonDetails(store, std::get<Person>(result));
            state.revision.bump(Change::People | Change::Targets);
            state.info("Saved " + std::get<Person>(result).displayName + ".");
            m_personDraft.reset();
            m_detailsError.clear();
        } catch (const std::exception& e) {
            m_detailsError = std::string("Could not save: ") + e.what() + ". Your edits are still here.";
        }
    } else if (cancel) {
        m_personDraft.reset();
        m_detailsError.clear();
    }
}

void PeopleView::drawTimeline(AppState& state) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    const auto& rows = m_page.rows();
    char title[64];
    std::snprintf(title, sizeof title, "Timeline (%d), newest first", int(rows.size()));
    sectionTitle(p, title);
    if (rows.empty()) {
        mutedWrapped("Nothing yet: no talks, targets, notes or interactions with them.");
        return;
    }
    const float rowHeight = ImGui::GetFrameHeight();
    const float height = std::max(ImGui::GetContentRegionAvail().y, 8.0f * rowHeight);
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ImGui::GetStyle().CellPadding.x, 1.0f));
    const bool open = ImGui::BeginTable("##timeline", 4, flags, ImVec2(0.0f, height));
    ImGui::PopStyleVar();
    if (!open) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("30 Sep 2024").x + 0.5f * fs);
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("interaction").x + 0.5f * fs);
    ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Event", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(int(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const TimelineRow& r = rows[i];
            ImGui::TableNextRow(0, rowHeight);
            ImGui::PushID(i);  // timeline rows mix kinds whose ids may collide: their position is stable per build
            ImGui::TableSetColumnIndex(0);
            cellText(r.date, p.mutedText);
            ImGui::TableSetColumnIndex(1);
            cellText(r.kind == "follow_up" ? "follow-up" : r.kind, r.kind == "note" ? p.selected : p.mutedText);
            ImGui::TableSetColumnIndex(2);
            bool cut = cellText(r.line, 0);
            if (ImGui::IsItemHovered() && (cut || r.line.size() != r.text.size())) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(32.0f * fs);
                ImGui::TextUnformatted(r.text.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::TableSetColumnIndex(3);
            cellText(r.event, p.mutedText);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// [SECTION] Merge

void PeopleView::drawExportPopup(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    m_exportConfirmRect.reset();
    if (!beginDialog("Export people##popup", m_openExport, 34.0f)) return;
    ImGui::TextUnformatted("Path of the file to write");
    const bool focusPath = ImGui::IsWindowAppearing() || m_refocusExport;
    m_refocusExport = false;
    const BrowseRequest browse{"Export people to", ChooserMode::Save,
                               {{"vCard (.vcf)", {".vcf", ".vcard"}}, {"CSV (.csv)", {".csv"}}, {"All files", {}}}};
    const bool chooserOpen = m_exportChooser.isOpen();
    bool submit = pathFieldWithBrowse("export", "~/hallway-people.vcf", m_exportPath, focusPath, m_exportChooser, browse,
                                      state.recentPlaces, m_exportBrowseRect) &&
                  !chooserOpen;
    const std::string path = typedPath(m_exportPath);
    const bool csv = path.size() >= 4 && text::lower(path.substr(path.size() - 4)) == ".csv";
    mutedWrapped(csv ? "CSV, one row per person (a name ending in .vcf writes vCard 4.0). Cells that a spreadsheet "
                       "would run as formulas are written as text."
                     : "vCard 4.0, which address books import (a name ending in .csv writes CSV).");
    const std::string tag = state.people.tag;
    if (!tag.empty()) ImGui::Checkbox(("Only people tagged #" + tag).c_str(), &m_exportTagOnly);
    mutedWrapped("The file is written whole or not at all, readable by you only. Hallway asks before it replaces a "
                 "file and never writes over its database or backups.");
    // Asked once: Export again with the same path replaces the file.
    const bool replaceAgreed = !m_exportReplacePath.empty() && m_exportReplacePath == path;
    if (!m_exportError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.error);
        ImGui::TextWrapped("%s", m_exportError.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    ImGui::BeginDisabled(path.empty());
    const bool exportNow =
        ImGui::Button(replaceAgreed ? "Replace it##confirm" : "Export##confirm") || (submit && !path.empty());
    ImGui::EndDisabled();
    m_exportConfirmRect = lastItemRect();
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel##export") ||
                        (!chooserOpen && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false));
    if (m_exportChooser.drawFor(m_exportPath, state.recentPlaces, p)) {
        m_exportError.clear();
        m_refocusExport = true;  // Enter exports to the chosen file
    }
    if (exportNow) {
        try {
            PeopleExport r =
                exportPeople(store, path, "", !tag.empty() && m_exportTagOnly ? tag : "", replaceAgreed);
            state.info("Exported " + std::to_string(r.people) + (r.people == 1 ? " person" : " people") + " to " +
                       path + " (" + (r.format == "csv" ? "CSV" : "vCard 4.0") + ").");
            m_exportError.clear();
            m_exportReplacePath.clear();
            ImGui::CloseCurrentPopup();
        } catch (const WouldReplace& e) {
            m_exportError = std::string(e.what()) + ". Press Replace it to write over it, or change the path.";
            m_exportReplacePath = path;
            m_refocusExport = true;
        } catch (const std::exception& e) {
            m_exportReplacePath.clear();
            m_exportError = e.what();  // names the file and the reason
            if (!m_exportError.empty()) m_exportError[0] = char(std::toupper(static_cast<unsigned char>(m_exportError[0])));
            m_exportError += ". Nothing was written.";
            m_refocusExport = true;  // fix the path and press Enter again
        }
    } else if (cancel) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void PeopleView::drawAddPopup(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    m_addConfirmRect.reset();
    if (!state.people.addPerson.empty()) {
        m_openAdd = true;
        m_addBadge = std::move(state.people.addPerson);
        state.people.addPerson.clear();
    }
    if (m_openAdd) m_addClashesFor = "\x01";
    if (!beginDialog("Add a person##popup", m_openAdd, 30.0f)) return;
    ImGui::TextUnformatted("Name");
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool submit = ImGui::InputText("##add_name", &m_addName, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::TextUnformatted("Company (optional)");
    ImGui::SetNextItemWidth(-1.0f);
    submit = ImGui::InputText("##add_company", &m_addCompany, ImGuiInputTextFlags_EnterReturnsTrue) || submit;
    ImGui::TextUnformatted("Or a badge's QR text (vCard or MECARD)");
    ImGui::InputTextMultiline("##add_badge", &m_addBadge, ImVec2(-1.0f, ImGui::GetTextLineHeight() * 2.6f));
    m_addBadgeRect = lastItemRect();
    // A badge is read as it is pasted: its name shown, or why it is not a card.
    if (m_addBadge != m_addBadgeFor) {
        m_addBadgeFor = m_addBadge;
        m_addBadgeCard.reset();
        m_addBadgeError.clear();
        if (!text::trim(m_addBadge).empty()) {
            try {
                m_addBadgeCard = parseContactText(m_addBadge);
            } catch (const std::exception& e) {
                // The parser names the input "text" ("text:3: ..."); here it is the box.
                std::string why = e.what();
                if (why.rfind("text:", 0) == 0) why = text::trim(why.substr(why.find(' ') + 1));
                m_addBadgeError = "Not a badge card: " + why;
            }
        }
    }
    if (m_addBadgeCard) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.ok);
        ImGui::TextWrapped("Badge: %s%s", m_addBadgeCard->fullName.c_str(),
                           m_addBadgeCard->company.empty() ? "" : (" \u00b7 " + m_addBadgeCard->company).c_str());
        ImGui::PopStyleColor();
    } else if (!m_addBadgeError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.error);
        ImGui::TextWrapped("%s", m_addBadgeError.c_str());
        ImGui::PopStyleColor();
    }

    // Someone of that name already here is probably the one meant: say so first.
    const std::string name = m_addBadgeCard ? m_addBadgeCard->fullName : text::collapseSpaces(m_addName);
    // (A badge is matched like an import instead: email, profile, name and company.)
    const std::string clashKey = m_addBadgeCard ? std::string() : name;
    if (clashKey != m_addClashesFor) {
        m_addClashesFor = clashKey;
        m_addClashes.clear();
        try {
            if (!clashKey.empty()) m_addClashes = PeopleRepo(store).withNameKey(text::nameKey(clashKey));
        } catch (const std::exception&) {
            // No warning then; adding still works.
        }
    }
    bool openExisting = false;
    if (!m_addClashes.empty()) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, p.conflict);
        ImGui::TextWrapped("Already here with this name:");
        ImGui::PopStyleColor();
        for (const auto& c : m_addClashes) {
            ImGui::PushID(idOf(c.id));
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
    const char* addLabel = m_addBadgeCard            ? "Add from badge##add_person"
                           : m_addClashes.empty() ? "Add##add_person"
                                                  : "Add another##add_person";
    const bool add = ImGui::Button(addLabel) || (submit && m_addClashes.empty());
    ImGui::EndDisabled();
    m_addConfirmRect = lastItemRect();
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel##add_person") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    if (add && !name.empty() && m_addBadgeCard) {
        // Matched like an import: the same email or profile updates that person.
        try {
            auto [id, created] = addPersonFromText(store, m_addBadge);
            state.revision.bump(Change::People | Change::Targets);
            state.people.selectedPerson = id;
            state.people.search.clear();
            state.people.tag.clear();
            state.people.targetsTab = state.people.networkTab = false;
            state.info(std::string(created ? "Added " : "Updated ") + name + " from the badge.");
            m_addBadge.clear();
            ImGui::CloseCurrentPopup();
        } catch (const std::exception& e) {
            state.error("Could not add the badge: " + std::string(e.what()));
        }
    } else if (add && !name.empty()) {
        try {
            Person person;
            person.displayName = name;
            person.company = text::collapseSpaces(m_addCompany);
            person.source = "typed";
            RowId id = PeopleRepo(store).create(person);
            state.revision.bump(Change::People);
            state.people.selectedPerson = id;
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

void PeopleView::drawMergePopup(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    if (!beginDialog("Merge into another person##popup", m_openMerge, 34.0f)) return;
    if (!m_page.has()) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const Person& gone = m_page.person();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text("Merge %s into:", gone.displayName.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputTextWithHint("##merge_search", "Search the person to keep\u2026", &m_mergeQuery);
    for (const auto& m : m_mergeMatches) {
        ImGui::PushID(idOf(m.id));
        std::string label = m.displayName + (m.company.empty() ? "" : " \u00b7 " + m.company) +
                            (m.role.empty() ? "" : " \u00b7 " + m.role) + "  #" + std::to_string(m.id);
        if (ImGui::Selectable(label.c_str(), m_mergeInto && m_mergeInto->id == m.id,
                              ImGuiSelectableFlags_DontClosePopups))
            m_mergeInto = m;
        m_mergeRects.push_back({m.id, lastItemRect()});
        ImGui::PopID();
    }
    if (!text::trim(m_mergeQuery).empty() && m_mergeMatches.empty()) ImGui::TextDisabled("Nobody else matches.");
    if (m_mergeInto) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, p.conflict);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::Text("%s's emails, phones, links, tags, facts, talks, targets, notes, interactions and follow-ups "
                    "move to %s, who also takes any detail they lack. Then %s is deleted. This cannot be undone.",
                    gone.displayName.c_str(), m_mergeInto->displayName.c_str(), gone.displayName.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    ImGui::BeginDisabled(!m_mergeInto);
    const bool merge = ImGui::Button("Merge##confirm");
    m_mergeConfirmRect = lastItemRect();
    ImGui::EndDisabled();
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel##merge") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    if (merge && m_mergeInto) {
        try {
            const std::string goneName = gone.displayName;
            mergePeople(store, m_mergeInto->id, gone.id);
            state.people.selectedPerson = m_mergeInto->id;
            state.revision.bump();
            state.info("Merged " + goneName + " into " + m_mergeInto->displayName + ".");
        } catch (const std::exception& e) {
            state.error(std::string("Could not merge: ") + e.what() + ". Nothing was changed.");
        }
        m_mergeInto.reset();
        ImGui::CloseCurrentPopup();
    } else if (cancel) {
        m_mergeInto.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace hallway::ui
