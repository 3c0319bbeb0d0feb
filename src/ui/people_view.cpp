// [SECTION] Helpers
// [SECTION] Sync and layout
// [SECTION] People table
// [SECTION] Targets
// [SECTION] Goals and network
// The person page and its editors are in person_page.cpp.
#include "ui/people_view.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdint>

#include "core/text.h"
#include "core/time_util.h"
#include "services/people_service.h"
#include "store/store.h"
#include "ui/theme.h"
#include "ui/ui_format.h"
#include "ui/ui_widgets.h"

namespace hallway::ui {
namespace {

// Who is listed, and in which scope: a note, a touch or a target that moves
// someone into or out of your network is announced as People too, so the
// 50,000-person list does not reload for every note and tick.
std::uint64_t peopleListRevision(const AppState& state) {
    return state.revision.value(Change::People | Change::Events);
}

ImU32 priorityColour(const Palette& p, TargetPriority priority) {
    switch (priority) {
        case TargetPriority::Must: return p.conflict;
        case TargetPriority::Should: return p.selected;
        case TargetPriority::Nice: return p.mutedText;
    }
    return p.mutedText;
}

// A person's page: their details and facts, talks, targets, interactions and notes.
std::uint64_t personPageRevision(const AppState& state) {
    return state.revision.value(Change::People | Change::Events | Change::Targets | Change::Notes);
}

// Where to find targets: who they are, their talks, and the free slots of the starred schedule.
std::uint64_t targetsRevision(const AppState& state) {
    return state.revision.value(Change::Targets | Change::People | Change::Stars | Change::Events);
}

// Goals: targets met, interactions and follow-ups sent.
std::uint64_t goalsRevision(const AppState& state) {
    return state.revision.value(Change::Targets | Change::People | Change::Notes | Change::Queue);
}

}  // namespace

void PeopleView::sectionTitle(const Palette& p, const char* title) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    ImGui::Separator();
}

// [SECTION] Sync and layout

void PeopleView::sync(Store& store, AppState& state) {
    // The list shows people only; the page shows everything about one person;
    // where to find targets depends on the starred schedule.
    // The list (50,000 people at the power tier, ~200 ms) loads only while
    // its tab shows; the others catch up when it comes back.
    const bool listShown = !state.people.targetsTab && !state.people.networkTab;
    const auto listRevision = peopleListRevision(state);
    if (listShown && m_list.sync(store, state.people.search, state.people.tag, state.people.scope, listRevision) &&
        !m_list.error().empty() && text::trim(state.people.search).empty())
        state.error("Could not list people: " + m_list.error());
    // The Targets tab with nobody chosen: the first target's page fills the
    // pane beside the list, which stood empty (and wide on a big screen).
    if (state.people.targetsTab && !state.people.networkTab && state.eventId && !state.people.selectedPerson) {
        syncTargets(store, state, true);
        if (!m_targets.rows().empty()) state.people.selectedPerson = m_targets.rows().front().personId;
    }
    if (m_page.sync(store, state.people.selectedPerson, personPageRevision(state), m_events, &state.revision) &&
        !m_page.error().empty()) {
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
        m_goals.sync(store, state.eventId, goalsRevision(state));
    if (state.people.networkTab &&
        m_network.sync(store, state.people.networkBy, state.revision.value(Change::People | Change::Notes | Change::Targets)) &&
        !m_network.error().empty())
        state.error("Could not group people: " + m_network.error());
    if (state.people.networkTab) syncNetworkGroup(store, state);
    if (m_lastSelected != state.people.selectedPerson) {
        m_lastSelected = state.people.selectedPerson;
        m_scrollToSelected = true;  // opened from elsewhere (search, Capture): show the row
    }
    m_mergeDialog.sync(store, state.people.selectedPerson);
}

void PeopleView::syncNetworkGroup(Store& store, AppState& state) {
    // The group beside the map: the one chosen while it is still there, else
    // the largest (as the Targets tab opens its first target).
    const auto& groups = m_network.groups();
    const bool still = m_groupBy == m_network.by() &&
                       std::any_of(groups.begin(), groups.end(), [&](const NetworkGroup& g) {
                           return !g.group.empty() && text::lower(g.group) == text::lower(m_networkGroup);
                       });
    if (!still) {
        m_networkGroup.clear();
        m_groupBy = m_network.by();
        for (const auto& g : groups)
            if (!g.group.empty()) {
                m_networkGroup = g.group;
                break;
            }
    }
    if (m_networkGroup.empty()) {
        m_groupPeople.clear();
        return;
    }
    // A tag is an exact filter; a company or role is found by the search and
    // kept when it is the group's own (the search also matches names).
    const bool byTag = m_groupBy == "tag";
    if (m_groupList.sync(store, byTag ? std::string() : m_networkGroup, byTag ? m_networkGroup : std::string(),
                         PeopleScope::Network, peopleListRevision(state), false) &&
        !m_groupList.error().empty())
        state.error("Could not list " + m_networkGroup + ": " + m_groupList.error());
    if (m_groupListBuilt == m_groupList.rebuildCount()) return;
    m_groupListBuilt = m_groupList.rebuildCount();
    m_groupPeople.clear();
    const std::string wanted = text::lower(m_networkGroup);
    for (const PersonBrief& person : m_groupList.rows())
        if (byTag || text::lower(m_groupBy == "role" ? person.role : person.company) == wanted)
            m_groupPeople.push_back(person);
}

void PeopleView::listNetworkGroup(AppState& state) {
    state.people.networkTab = state.people.targetsTab = false;
    if (m_groupBy == "tag") {
        state.people.tag = m_networkGroup;
        state.people.search.clear();
    } else {
        state.people.search = m_networkGroup;
        state.people.tag.clear();
    }
}

void PeopleView::syncTargets(Store& store, AppState& state, bool rows) {
    if (m_targets.sync(store, state.eventId, targetsRevision(state), rows) && !m_targets.error().empty())
        state.error("Could not list the targets: " + m_targets.error());
}

std::string PeopleView::networkTabTooltip() const {
    const int n = m_list.counts().network;
    return "Your network (" + std::to_string(n) + (n == 1 ? " person" : " people") +
           ") per company, tag or role, and how warm each group is";
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
    m_metRects.clear();
    m_targetRects.clear();
    m_networkRects.clear();
    m_groupPersonRects.clear();
    m_groupListButtonRect.reset();
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
    if (state.people.networkTab) drawNetworkGroup(state);
    else drawPage(store, state);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    m_mergeDialog.draw(store, state, m_page);
    m_addDialog.draw(store, state);
    m_exportDialog.draw(store, state);
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
        m_goals.sync(store, state.eventId, goalsRevision(state));
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
    if (ImGui::IsItemHovered()) {
        // Off the list tab the counts are read when the tooltip asks, not on
        // every change: at the power tier a recount is 50-60 ms.
        m_list.syncCounts(store, peopleListRevision(state));
        ImGui::SetTooltip("%s", networkTabTooltip().c_str());
    }
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
        m_addDialog.open(text::trim(state.people.search));  // what was searched for and not found, often
    }
    m_addPersonRect = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Add a person by hand");
    ImGui::SameLine();
    if (ImGui::Button(exportLabel)) {
        m_exportDialog.open();
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
            ImGui::PushID(rowKey(person.id));
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
        const Changes touched =
            met ? markMet(store, *state.eventId, t.personId, state.now()) : unmarkMet(store, *state.eventId, t.personId);
        if (met) state.info("Met " + t.name + " \u00b7 logged at " + m_targets.eventName() + ".");
        else state.info(t.name + " is back to \u201cnot met yet\u201d.");
        const auto before = targetsRevision(state);
        const auto pageBefore = personPageRevision(state);
        const auto goalsBefore = goalsRevision(state);
        state.revision.apply(touched);
        // Only the tick changes: where to find them stays (it is slow to work out for hundreds).
        m_targets.applyStatus(t.personId, met ? TargetStatus::Met : TargetStatus::NotYet, before,
                              targetsRevision(state));
        // The goals recount this one person, not everyone met at the event.
        m_goals.applyMet(store, *state.eventId, t.personId, goalsBefore, goalsRevision(state));
        // The page beside the cards shows someone else: their timeline did not move
        // (a busy person's takes 20-50 ms to read again).
        if (m_page.personId() != t.personId) m_page.keepAcross(pageBefore, personPageRevision(state));
    } catch (const std::exception& e) {
        state.error("Could not update " + t.name + ": " + e.what());
    }
}

void PeopleView::drawTargetCard(Store& store, AppState& state, const TargetRow& t, bool showName) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    ImGui::PushID(rowKey(t.personId));
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
    std::optional<RowId> goalToRemove;
    for (const GoalProgress& g : m_goals.goals()) {
        ImGui::PushID(rowKey(g.goalId));
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
        const float removeWidth = ImGui::CalcTextSize("\u00d7").x + 2.0f * ImGui::GetStyle().FramePadding.x;
        ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - removeWidth - ImGui::GetStyle().ItemSpacing.x);
        ImGui::TextUnformatted(g.label.c_str());
        ImGui::PopTextWrapPos();
        ImGui::SameLine();
        if (ImGui::SmallButton("\u00d7##remove")) goalToRemove = g.goalId;
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
    const char* addLabel = "Add goal##goal";
    const float addWidth = ImGui::CalcTextSize(addLabel, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
    // The words and Add goal beside the kind when the hint fits there, else on a line of their own.
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x - addWidth - ImGui::GetStyle().ItemSpacing.x < 14.0f * fs) ImGui::NewLine();
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
            const auto added = addGoal(store, *state.eventId, kind.kind,
                                       kind.numeric ? std::optional<int>(m_goalNumber) : std::nullopt, m_goalText);
            m_goalText.clear();
            state.revision.apply(added.touched);
            state.info("Added the goal.");
        }
        if (goalToRemove) {
            state.revision.apply(removeGoal(store, *goalToRemove));
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
    ImGui::TextUnformatted("Warm: 2 or more logged touches. Many people and few warm ones is where your network is "
                           "thin. Click a group to see its people; double-click lists them in People.");
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
            const bool chosen = !blank && text::lower(g.group) == text::lower(m_networkGroup);
            const bool picked =
                !blank && ImGui::Selectable("##group", chosen,
                                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap |
                                                ImGuiSelectableFlags_AllowDoubleClick,
                                            ImVec2(0.0f, ImGui::GetFrameHeight()));
            const bool hovered = !blank && ImGui::IsItemHovered();
            const WidgetRect rowRect = lastItemRect();
            ImGui::SetCursorScreenPos(cell);
            if (cellText(name, blank ? p.mutedText : 0) && hovered) wrappedTooltip(name.c_str());
            // A click shows the group's people beside the map; a double click lists them in People.
            if (picked) {
                m_networkGroup = g.group;
                m_groupBy = by;
                if (ImGui::IsMouseDoubleClicked(0)) listNetworkGroup(state);
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

void PeopleView::drawNetworkGroup(AppState& state) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    if (m_networkGroup.empty()) {
        beginCenteredBlock(26.0f * fs, 6.0f * fs);
        headingText(m_headingFont, "Your network, group by group");
        ImGui::Spacing();
        mutedWrapped("Pick a group on the left to see who is in it. People with a company, role or tag group "
                     "here.");
        endCenteredBlock();
        return;
    }
    const bool byTag = m_groupBy == "tag", byRole = m_groupBy == "role";
    const std::string title = byTag ? "#" + m_networkGroup : m_networkGroup;
    const char* listLabel = "Show in People##group_list";
    const float listWidth = ImGui::CalcTextSize(listLabel, nullptr, true).x + 2.0f * style.FramePadding.x;
    const float buttonX = ImGui::GetWindowContentRegionMax().x - listWidth;
    fittedHeading(m_headingFont, title.c_str(), buttonX - style.ItemSpacing.x - ImGui::GetCursorPosX());
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), buttonX));
    if (ImGui::Button(listLabel)) listNetworkGroup(state);
    m_groupListButtonRect = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("List them in the People tab, to search, tag or export them");
    for (const auto& g : m_network.groups()) {
        if (text::lower(g.group) != text::lower(m_networkGroup)) continue;
        ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
        ImGui::Text("%d %s \u00b7 %d warm \u00b7 %d logged %s", g.people, g.people == 1 ? "person" : "people",
                    g.relationships, g.genuineInteractions, g.genuineInteractions == 1 ? "touch" : "touches");
        ImGui::PopStyleColor();
        break;
    }
    ImGui::Spacing();
    if (m_groupPeople.empty()) {
        mutedWrapped("Nobody of your network is listed here now.");
        return;
    }
    const float rowHeight = ImGui::GetFrameHeight();
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_BordersOuterH;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(style.CellPadding.x, 1.0f));
    const bool open = ImGui::BeginTable("##group_people", byTag ? 3 : 2, flags, ImVec2(0.0f, 0.0f));
    ImGui::PopStyleVar();
    if (!open) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    // The group's own column would say the same on every row.
    if (byTag || byRole) ImGui::TableSetupColumn("Company", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    if (!byRole) ImGui::TableSetupColumn("Role", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(int(m_groupPeople.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const PersonBrief& person = m_groupPeople[size_t(i)];
            ImGui::TableNextRow(0, rowHeight);
            ImGui::PushID(rowKey(person.id));
            ImGui::TableSetColumnIndex(0);
            const ImVec2 cell = ImGui::GetCursorScreenPos();
            // A person opens on their page, with the list showing their group.
            if (ImGui::Selectable("##member", false,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                  ImVec2(0.0f, rowHeight))) {
                listNetworkGroup(state);
                state.people.selectedPerson = person.id;
            }
            m_groupPersonRects.push_back({person.id, lastItemRect()});
            const bool hovered = ImGui::IsItemHovered();
            ImGui::SetCursorScreenPos(cell);
            bool cut = cellText(person.displayName, 0);
            int column = 1;
            if (byTag || byRole) {
                ImGui::TableSetColumnIndex(column++);
                cut = cellText(person.company, p.mutedText) || cut;
            }
            if (!byRole) {
                ImGui::TableSetColumnIndex(column);
                cut = cellText(person.role, p.mutedText) || cut;
            }
            if (hovered && cut)
                ImGui::SetTooltip("%s\n%s\n%s", person.displayName.c_str(), person.company.c_str(), person.role.c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace hallway::ui
