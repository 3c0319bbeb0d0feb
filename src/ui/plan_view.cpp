// [SECTION] Helpers
// [SECTION] Sync and top-level layout
// [SECTION] Toolbar and empty state
// [SECTION] Day grid
// [SECTION] List
// [SECTION] Session panel
#include "ui/plan_view.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdint>

#include "core/time_util.h"
#include "services/people_service.h"
#include "services/schedule_service.h"
#include "store/agenda_repo.h"
#include "store/people_repo.h"
#include "store/store.h"
#include "ui/theme.h"
#include "ui/ui_widgets.h"

namespace hallway::ui {
namespace {

const void* idOf(RowId id) { return reinterpret_cast<const void*>(static_cast<std::intptr_t>(id)); }

// Draws `text` wrapped to `width` in at most `maxLines` lines from `pos`; the
// last line is cut with an ellipsis when text remains. Returns lines drawn.
// Glyphs are cut to `clip` on the CPU: a clip rectangle per grid box would be
// a draw command per box (300 on a big day, 60 ms of the first frame on software GL).
int drawWrapped(ImDrawList* dl, ImVec2 pos, float width, int maxLines, const std::string& text, ImU32 colour,
                const ImVec4& clip) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const float scale = size / font->FontSize;
    const char* s = text.data();
    const char* end = s + text.size();
    int lines = 0;
    while (s < end && lines < maxLines) {
        if (lines == maxLines - 1) {
            ImGui::PushStyleColor(ImGuiCol_Text, colour);
            const float right = std::min(pos.x + width, clip.z);
            ImGui::RenderTextEllipsis(dl, pos, ImVec2(right, std::min(pos.y + size, clip.w)), right, right, s, end,
                                      nullptr);
            ImGui::PopStyleColor();
            return lines + 1;
        }
        const char* wrap = font->CalcWordWrapPositionA(scale, s, end, width);
        if (wrap <= s) {  // not even one character fits: take one code point
            unsigned int c = 0;
            wrap = s + std::max(1, ImTextCharFromUtf8(&c, s, end));
        }
        dl->AddText(font, size, pos, colour, s, wrap, 0.0f, &clip);
        ++lines;
        pos.y += size;
        s = wrap;
        while (s < end && (*s == ' ' || *s == '\n')) ++s;
    }
    return lines;
}

bool contains(const WidgetRect& r, const ImVec2& p) {
    return p.x >= r.min.x && p.x < r.max.x && p.y >= r.min.y && p.y < r.max.y;
}

}  // namespace

// [SECTION] Sync and top-level layout

void PlanView::sync(Store& store, AppState& state) {
    if (m_model.sync(store, state.eventId, state.revision.value(Change::Events | Change::Stars), state.plan.dayKey,
                     state.now()) &&
        !m_model.error().empty())
        state.error("Could not load the agenda: " + m_model.error());
    chooseDay(state);
    m_filter.text = state.plan.filterText;
    m_filter.room = state.plan.filterRoom;
    m_filter.track = state.plan.filterTrack;
    m_filter.starredOnly = state.plan.starredOnly;
    m_filter.search = state.globalSearch;
    // Rows hold no abstracts: the filter's words are looked up in the search
    // index when they change (a few ms a keystroke), never per frame.
    if (m_textHitsSerial != m_model.serial() || !(m_textHitsFilter == m_filter)) {
        if (m_textHitsSerial != m_model.serial()) m_textHits.clear();
        m_textHitsSerial = m_model.serial();
        m_textHitsFilter = m_filter;
        std::vector<std::string> words = filterWords(m_filter.text);
        for (std::string& w : filterWords(m_filter.search)) words.push_back(std::move(w));
        for (auto it = m_textHits.begin(); it != m_textHits.end();)  // keep only the words typed now
            it = std::find(words.begin(), words.end(), it->first) == words.end() ? m_textHits.erase(it) : std::next(it);
        findTextHits(store, m_model, words, m_textHits);
    }
    m_list.sync(m_model, m_filter, &m_textHits);
    chooseDefaultForBigEvent(state);
    revealSelection(state);
    m_layout.sync(m_model, currentDay(state), state.plan.grid);
}

void PlanView::chooseDefaultForBigEvent(AppState& state) {
    if (!m_model.hasEvent() || state.plan.gridDefaultFor == m_model.event().id) return;
    state.plan.gridDefaultFor = m_model.event().id;
    state.plan.grid = GridFilter{};
    // A grid of more rooms than fit shows a handful of them: your starred
    // rooms when you have starred something, else the list.
    if (int(m_model.rooms().size()) <= kBigEventRooms || state.plan.layout != PlanLayout::DayGrid) return;
    if (m_model.starredCount() > 0) state.plan.grid.rooms = GridRooms::Starred;
    else state.plan.layout = PlanLayout::List;
}

void PlanView::revealSelection(AppState& state) {
    if (m_lastSelection == state.plan.selectedSession) return;
    // A big agenda's session not read yet: revealed when the rest is in.
    if (state.plan.selectedSession && m_model.partial() && !m_model.find(*state.plan.selectedSession)) return;
    m_lastSelection = state.plan.selectedSession;
    const bool fromGrid = m_gridPicked && m_gridPicked == state.plan.selectedSession;
    m_gridPicked.reset();
    const PlanRow* row = state.plan.selectedSession ? m_model.find(*state.plan.selectedSession) : nullptr;
    if (!row || fromGrid) return;
    // Chosen in the list, the day's agenda or by search: the grid shows its
    // day and room and scrolls to it (a filter hiding it is dropped).
    state.plan.dayKey = m_model.days()[size_t(row->day)].key;
    m_dayChosenFor = state.plan.dayKey;
    GridFilter& g = state.plan.grid;
    const std::string& room = m_model.rooms()[size_t(row->room)];
    const bool roomShown = g.rooms == GridRooms::All || (g.rooms == GridRooms::Starred && row->session.starred) ||
                           (g.rooms == GridRooms::Picked && std::find(g.picked.begin(), g.picked.end(), room) != g.picked.end());
    if (!roomShown) g.rooms = GridRooms::All;
    if (!g.track.empty() && g.track != row->session.track) g.track.clear();
    if (g.mySessionsOnly && !row->session.starred) g.mySessionsOnly = false;
    m_scrollToSession = row->session.id;
    m_scrollToMinute.reset();
}

int PlanView::currentDay(const AppState& state) const { return m_model.dayIndex(state.plan.dayKey); }

void PlanView::chooseDay(AppState& state) {
    if (!m_model.hasEvent() || m_model.days().empty()) return;
    const AgendaDayTime now = agendaDayTime(state.now(), m_model.event());
    const std::string& today = now.day;
    if (m_model.dayIndex(state.plan.dayKey) < 0)
        state.plan.dayKey = m_model.dayIndex(today) >= 0 ? today : m_model.days().front().key;
    if (state.plan.revealSelected) {  // opened from search: revealSelection shows it, even if selected already
        state.plan.revealSelected = false;
        m_lastSelection.reset();
        m_gridPicked.reset();
    }
    if (m_dayChosenFor == state.plan.dayKey) return;
    m_dayChosenFor = state.plan.dayKey;
    // Open the day where it matters: an hour before now, else just before the
    // first starred session, else at the top.
    m_scrollToMinute.reset();
    int day = currentDay(state);
    if (state.plan.dayKey == today) {
        m_scrollToMinute = now.minute - 60;
        return;
    }
    for (const auto& row : m_model.rows())
        if (row.day == day && row.session.starred) {
            m_scrollToMinute = row.startMinute - 30;
            break;
        }
}

std::optional<WidgetRect> PlanView::starButtonRect(RowId sessionId) const {
    return rectFor(m_starRects, sessionId);
}

std::optional<WidgetRect> PlanView::sessionRect(RowId sessionId) const {
    return rectFor(m_sessionRects, sessionId);
}

void PlanView::draw(Store& store, AppState& state) {
    m_starRects.clear();
    m_sessionRects.clear();
    m_filterRect.reset();
    m_gridFilterRects.clear();
    m_dayTabRects.clear();
    m_roomPickRects.clear();
    m_gridBodyRect.reset();

    if (!m_model.hasEvent()) {
        drawEmpty(state);
        return;
    }
    drawToolbar(state);

    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float panelWidth = std::clamp(avail.x * 0.3f, 18.0f * fs, 26.0f * fs);
    if (panelWidth > avail.x * 0.5f) panelWidth = avail.x * 0.5f;

    ImGui::BeginChild("##plan_main", ImVec2(avail.x - panelWidth - style.ItemSpacing.x, 0.0f), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    if (m_model.sessionCount() == 0)
        mutedWrapped("This event has no sessions. Import its agenda again, or another file, with Import agenda\u2026");
    else if (state.plan.layout == PlanLayout::DayGrid)
        drawGrid(store, state);
    else
        drawList(store, state);
    ImGui::EndChild();

    ImGui::SameLine();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs * 0.8f, fs * 0.6f));
    ImGui::BeginChild("##plan_details", ImVec2(0.0f, 0.0f), true);
    drawDetails(store, state);
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

// [SECTION] Toolbar and empty state

void PlanView::drawToolbar(AppState& state) {
    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    if (segmentButton("Day grid##layout", state.plan.layout == PlanLayout::DayGrid))
        state.plan.layout = PlanLayout::DayGrid;
    ImGui::SameLine(0.0f, 0.0f);
    if (segmentButton("List##layout", state.plan.layout == PlanLayout::List)) state.plan.layout = PlanLayout::List;

    // Right side: what is starred, and how many starred sessions collide.
    int conflicts = 0;
    for (const auto& row : m_model.rows())
        if (!row.conflictsWith.empty()) ++conflicts;
    char summary[96];
    if (conflicts > 0)
        std::snprintf(summary, sizeof summary, "\u2605 %d starred \u00b7 \u26a0 %d overlapping", m_model.starredCount(),
                      conflicts);
    else
        std::snprintf(summary, sizeof summary, "\u2605 %d starred", m_model.starredCount());
    const float summaryWidth = ImGui::CalcTextSize(summary).x;

    if (state.plan.layout == PlanLayout::DayGrid) {
        ImGui::SameLine(0.0f, fs);
        const auto& days = m_model.days();
        float needed = 0.0f;
        for (const auto& d : days) needed += ImGui::CalcTextSize(d.label.c_str()).x + style.FramePadding.x * 2.0f;
        float room = ImGui::GetContentRegionAvail().x - summaryWidth - fs;
        int current = currentDay(state);
        if (needed <= room) {
            for (size_t i = 0; i < days.size(); ++i) {
                ImGui::PushID(int(i));
                if (segmentButton(days[i].label.c_str(), int(i) == current)) state.plan.dayKey = days[i].key;
                m_dayTabRects.push_back({days[i].key, lastItemRect()});
                ImGui::PopID();
                ImGui::SameLine(0.0f, 0.0f);
            }
            ImGui::NewLine();
        } else {
            // Too many days for buttons: arrows and a combo.
            ImGui::BeginDisabled(current <= 0);
            if (ImGui::ArrowButton("##prev_day", ImGuiDir_Left)) state.plan.dayKey = days[current - 1].key;
            ImGui::EndDisabled();
            ImGui::SameLine(0.0f, style.ItemInnerSpacing.x);
            ImGui::SetNextItemWidth(8.0f * fs);
            if (ImGui::BeginCombo("##day", current >= 0 ? days[current].label.c_str() : "")) {
                for (size_t i = 0; i < days.size(); ++i) {
                    ImGui::PushID(int(i));
                    if (ImGui::Selectable(days[i].label.c_str(), int(i) == current)) state.plan.dayKey = days[i].key;
                    ImGui::PopID();
                }
                ImGui::EndCombo();
            }
            ImGui::SameLine(0.0f, style.ItemInnerSpacing.x);
            ImGui::BeginDisabled(current + 1 >= int(days.size()));
            if (ImGui::ArrowButton("##next_day", ImGuiDir_Right)) state.plan.dayKey = days[current + 1].key;
            ImGui::EndDisabled();
        }
    }
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - summaryWidth);
    ImGui::AlignTextToFramePadding();
    const Palette& p = palette(state.theme);
    ImGui::PushStyleColor(ImGuiCol_Text, conflicts > 0 ? p.conflict : p.mutedText);
    ImGui::TextUnformatted(summary);
    ImGui::PopStyleColor();
}

void PlanView::drawEmpty(AppState& state) {
    const float fs = ImGui::GetFontSize();
    if (!m_model.error().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette(state.theme).error);
        ImGui::TextWrapped("Could not load this event: %s", m_model.error().c_str());
        ImGui::PopStyleColor();
        return;
    }
    beginCenteredBlock(34.0f * fs, 11.0f * fs);
    headingText(m_headingFont, "Plan your event");
    ImGui::Spacing();
    ImGui::TextWrapped(
        "Import an agenda to start: drop a .xml/.ics/.json/.csv file here or use Import agenda\u2026");
    ImGui::Spacing();
    if (ImGui::Button("Import agenda\u2026##empty")) state.openImportDialog = true;
    ImGui::SameLine();
    if (ImGui::Button("Load the demo event##empty")) state.loadDemo = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A small fictional event to try Hallway with. Your own imports stay separate events.");
    ImGui::Spacing();
    mutedWrapped("From a terminal:  hallway import ~/Downloads/schedule.xml");
    mutedWrapped("Formats: frab/pentabarf XML and JSON (FOSDEM, CCC, pretalx, wafer), iCalendar (.ics), "
                 "Sessionize JSON, CSV.");
    endCenteredBlock();
}

// [SECTION] Day grid

void PlanView::drawGridFilters(AppState& state) {
    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    GridFilter& g = state.plan.grid;
    char all[48], starred[64], picked[48];
    std::snprintf(all, sizeof all, "All rooms (%d)##grid", m_layout.roomsThatDay());
    std::snprintf(starred, sizeof starred, "\u2605 Rooms with my sessions (%d)##grid", m_layout.starredRoomsThatDay());
    if (g.rooms == GridRooms::Picked)
        std::snprintf(picked, sizeof picked, "Rooms: %d picked\u2026##grid", int(g.picked.size()));
    else
        std::snprintf(picked, sizeof picked, "Pick rooms\u2026##grid");
    if (segmentButton(all, g.rooms == GridRooms::All)) g.rooms = GridRooms::All;
    m_gridFilterRects.push_back({int(GridRooms::All), lastItemRect()});
    ImGui::SameLine(0.0f, 0.0f);
    if (segmentButton(starred, g.rooms == GridRooms::Starred)) g.rooms = GridRooms::Starred;
    m_gridFilterRects.push_back({int(GridRooms::Starred), lastItemRect()});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Only the rooms where you starred a session this day");
    ImGui::SameLine(0.0f, 0.0f);
    if (segmentButton(picked, g.rooms == GridRooms::Picked)) {
        ImGui::OpenPopup("##room_picker");
        m_roomSearch.clear();
    }
    m_gridFilterRects.push_back({10, lastItemRect()});
    drawRoomPicker(state);

    ImGui::SameLine(0.0f, fs);
    const auto& tracks = m_model.tracks();
    bool anyTrack = false;
    for (const auto& t : tracks) anyTrack = anyTrack || !t.empty();
    if (anyTrack) {
        const float comboWidth = std::clamp(ImGui::GetContentRegionAvail().x * 0.25f, 6.0f * fs, 11.0f * fs);
        ImGui::SetNextItemWidth(comboWidth);
        if (ImGui::BeginCombo("##grid_track", g.track.empty() ? "All tracks" : g.track.c_str())) {
            if (ImGui::Selectable("All tracks", g.track.empty())) g.track.clear();
            for (size_t i = 0; i < tracks.size(); ++i) {
                if (tracks[i].empty()) continue;
                ImGui::PushID(int(i));
                if (ImGui::Selectable(tracks[i].c_str(), tracks[i] == g.track)) g.track = tracks[i];
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        ImGui::SameLine(0.0f, style.ItemSpacing.x);
    }
    // The checkbox goes to the next line when the row is too narrow for it.
    const float checkWidth = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize("My sessions only").x;
    if (ImGui::GetContentRegionAvail().x < checkWidth) ImGui::NewLine();
    ImGui::Checkbox("My sessions only", &g.mySessionsOnly);
    m_gridFilterRects.push_back({11, lastItemRect()});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Only the sessions you starred");
}

void PlanView::drawRoomPicker(AppState& state) {
    const float fs = ImGui::GetFontSize();
    ImGui::SetNextWindowSizeConstraints(ImVec2(18.0f * fs, 0.0f), ImVec2(30.0f * fs, 26.0f * fs));
    if (!ImGui::BeginPopup("##room_picker")) return;
    GridFilter& g = state.plan.grid;
    const int day = currentDay(state);
    // The day's rooms, those with a starred session first, with their session counts.
    std::vector<int> count(m_model.rooms().size(), 0), stars(m_model.rooms().size(), 0);
    for (const PlanRow& row : m_model.rows())
        if (row.day == day) {
            ++count[size_t(row.room)];
            if (row.session.starred) ++stars[size_t(row.room)];
        }
    std::vector<int> order;
    for (int pass = 0; pass < 2; ++pass)
        for (size_t r = 0; r < count.size(); ++r)
            if (count[r] > 0 && (stars[r] > 0) == (pass == 0)) order.push_back(int(r));
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::InputTextWithHint("##room_search", "Type to find a room\u2026", &m_roomSearch);
    const auto words = filterWords(m_roomSearch);
    auto isPicked = [&](const std::string& room) {
        return g.rooms == GridRooms::All || std::find(g.picked.begin(), g.picked.end(), room) != g.picked.end();
    };
    if (ImGui::SmallButton("None##rooms")) {
        g.picked.clear();
        g.rooms = GridRooms::Picked;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("All##rooms")) g.rooms = GridRooms::All;
    ImGui::Separator();
    ImGui::BeginChild("##room_list", ImVec2(0.0f, std::min(18.0f * fs, ImGui::GetFrameHeightWithSpacing() * float(order.size() + 1))));
    for (int r : order) {
        const std::string& room = m_model.rooms()[size_t(r)];
        if (!words.empty()) {
            std::string lower = room;
            for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
            bool all = true;
            for (const auto& w : words) all = all && lower.find(w) != std::string::npos;
            if (!all) continue;
        }
        char label[320];
        std::snprintf(label, sizeof label, "%s%s  (%d)", stars[size_t(r)] ? "\u2605 " : "",
                      room.empty() ? "(no room)" : room.c_str(), count[size_t(r)]);
        bool on = isPicked(room);
        ImGui::PushID(r);
        if (ImGui::Checkbox(label, &on)) {
            if (g.rooms != GridRooms::Picked) {  // from everything shown now
                g.picked.clear();
                for (int o : order)
                    if (g.rooms == GridRooms::All || stars[size_t(o)] > 0) g.picked.push_back(m_model.rooms()[size_t(o)]);
                g.rooms = GridRooms::Picked;
            }
            auto it = std::find(g.picked.begin(), g.picked.end(), room);
            if (on && it == g.picked.end()) g.picked.push_back(room);
            if (!on && it != g.picked.end()) g.picked.erase(it);
        }
        m_roomPickRects.push_back({room, lastItemRect()});
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::EndPopup();
}

void PlanView::drawGrid(Store& store, AppState& state) {
    drawGridFilters(state);
    const auto& columns = m_layout.columns();
    if (columns.empty()) {
        const GridFilter& g = state.plan.grid;
        if (m_layout.roomsThatDay() == 0) {
            // A day of the agenda without sessions: no filter to undo.
            mutedWrapped(m_model.partial() ? "Reading this day\u2026" : "No sessions on this day.");
            return;
        }
        if (g.rooms == GridRooms::Starred && !g.mySessionsOnly && g.track.empty())
            mutedWrapped("You starred nothing on this day yet. Star sessions in the list (or All rooms), and their "
                         "rooms show here.");
        else mutedWrapped("No session on this day passes these filters.");
        if (ImGui::Button("Show all rooms##grid_empty")) state.plan.grid = GridFilter{};
        return;
    }
    const Palette& p = palette(state.theme);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float fs = ImGui::GetFontSize();
    const float gutter = 3.6f * fs;
    const float hourHeight = 6.0f * fs;
    const float headerHeight = ImGui::GetFrameHeight();
    const int first = m_layout.firstMinute();
    const int last = m_layout.lastMinute();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float columnWidth =
        std::max(9.0f * fs, (avail.x - gutter - style.ScrollbarSize) / float(columns.size()));
    auto yOf = [&](int minute) { return float(minute - first) / 60.0f * hourHeight; };

    // Room names, scrolled with the grid's horizontal scroll of the last frame.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 hp = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(hp, ImVec2(hp.x + avail.x, hp.y + headerHeight), p.gutterBg, style.FrameRounding);
    dl->PushClipRect(ImVec2(hp.x + gutter, hp.y), ImVec2(hp.x + avail.x, hp.y + headerHeight), true);
    for (size_t c = 0; c < columns.size(); ++c) {
        const std::string& name = m_model.rooms()[columns[c]];
        const char* label = name.empty() ? "(no room)" : name.c_str();
        float x0 = hp.x + gutter + float(c) * columnWidth - m_gridScrollX;
        float textWidth = ImGui::CalcTextSize(label).x;
        float x = x0 + std::max(style.FramePadding.x, (columnWidth - textWidth) * 0.5f);
        ImGui::RenderTextEllipsis(dl, ImVec2(x, hp.y + style.FramePadding.y),
                                  ImVec2(x0 + columnWidth - style.FramePadding.x, hp.y + headerHeight),
                                  x0 + columnWidth - style.FramePadding.x, x0 + columnWidth - style.FramePadding.x,
                                  label, nullptr, nullptr);
    }
    dl->PopClipRect();
    ImGui::Dummy(ImVec2(avail.x, headerHeight));

    ImGui::BeginChild("##grid_body", ImVec2(0.0f, 0.0f), false, ImGuiWindowFlags_HorizontalScrollbar);
    m_gridBodyRect = WidgetRect{ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                                                              ImGui::GetWindowPos().y + ImGui::GetWindowSize().y)};
    if (m_scrollToSession) {
        // Its column in the middle when it can be, and half an hour before it at the top.
        if (const PlanRow* row = m_model.find(*m_scrollToSession)) {
            const int column = m_layout.columnOfRoom(row->room);
            if (column >= 0) {
                const float view = ImGui::GetWindowSize().x - gutter;
                ImGui::SetScrollX(std::max(0.0f, float(column) * columnWidth - (view - columnWidth) * 0.5f));
                m_gridScrollX = ImGui::GetScrollX();
            }
            m_scrollToMinute = row->startMinute - 30;
        }
        m_scrollToSession.reset();
    }
    if (m_scrollToMinute) {
        ImGui::SetScrollY(std::max(0.0f, yOf(std::max(first, *m_scrollToMinute))));
        m_scrollToMinute.reset();
    }
    dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 content(gutter + float(columns.size()) * columnWidth, yOf(last) + fs);
    const ImVec2 clipMin = dl->GetClipRectMin();
    const ImVec2 clipMax = dl->GetClipRectMax();

    // Hour and half-hour lines, column separators.
    for (int m = first; m <= last; m += 30) {
        float y = origin.y + yOf(m);
        if (y < clipMin.y - 1.0f || y > clipMax.y + 1.0f) continue;
        dl->AddLine(ImVec2(origin.x + gutter, y), ImVec2(origin.x + content.x, y),
                    m % 60 == 0 ? p.gridLine : p.gridLineMinor);
    }
    for (size_t c = 1; c < columns.size(); ++c) {
        float x = origin.x + gutter + float(c) * columnWidth;
        dl->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + yOf(last)), p.gridLineMinor);
    }

    // Sessions.
    const float gap = std::max(1.0f, 0.15f * fs);
    for (const DayBox& box : m_layout.boxes()) {
        float laneWidth = columnWidth / float(box.lanes);
        ImVec2 min(origin.x + gutter + float(box.column) * columnWidth + float(box.lane) * laneWidth + gap,
                   origin.y + yOf(box.startMinute) + gap * 0.5f);
        ImVec2 max(min.x + laneWidth - 2.0f * gap, origin.y + yOf(box.endMinute) - gap * 0.5f);
        if (max.y < clipMin.y || min.y > clipMax.y || max.x < clipMin.x || min.x > clipMax.x) continue;
        drawGridBox(store, state, box, min, max);
    }

    // Now.
    Instant now = state.now();
    if (AgendaDayTime at = agendaDayTime(now, m_model.event()); at.day == state.plan.dayKey) {
        int minute = at.minute;
        if (minute >= first && minute <= last) {
            float y = origin.y + yOf(minute);
            dl->AddLine(ImVec2(origin.x + gutter, y), ImVec2(origin.x + content.x, y), p.nowLine, 2.0f);
            dl->AddCircleFilled(ImVec2(origin.x + gutter, y), 0.25f * fs, p.nowLine);
        }
    }

    // Time gutter, pinned to the left edge over horizontally scrolled content.
    const float gx = ImGui::GetWindowPos().x;
    dl->AddRectFilled(ImVec2(gx, clipMin.y), ImVec2(gx + gutter - gap, clipMax.y), p.gutterBg);
    for (int m = first; m < last; m += 60) {
        float y = origin.y + yOf(m);
        if (y < clipMin.y - fs || y > clipMax.y) continue;
        char label[8];
        std::snprintf(label, sizeof label, "%02d:%02d", (m / 60) % 24, m % 60);
        float w = ImGui::CalcTextSize(label).x;
        dl->AddText(ImVec2(gx + gutter - gap - w - 0.4f * fs, y + 0.15f * fs), p.mutedText, label);
    }

    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(content);
    m_gridScrollX = ImGui::GetScrollX();
    ImGui::EndChild();
}

void PlanView::drawGridBox(Store& store, AppState& state, const DayBox& box, const ImVec2& min, const ImVec2& max) {
    const PlanRow& row = m_model.rows()[box.row];
    const Session& s = row.session;
    const Palette& p = palette(state.theme);
    const ImGuiIO& io = ImGui::GetIO();
    const float fs = ImGui::GetFontSize();
    const float pad = 0.25f * fs;
    const float stripe = row.hue >= 0.0f ? 0.25f * fs : 0.0f;
    const bool selected = state.plan.selectedSession == s.id;
    const bool conflict = !row.conflictsWith.empty();

    ImGui::PushID(idOf(s.id));
    ImGui::SetCursorScreenPos(min);
    bool clicked = ImGui::InvisibleButton("##box", ImVec2(std::max(1.0f, max.x - min.x), std::max(1.0f, max.y - min.y)));
    const bool hovered = ImGui::IsItemHovered();
    // A box scrolled partly out of view keeps its title and star at the visible top.
    const float top = std::max(min.y, ImGui::GetWindowDrawList()->GetClipRectMin().y);
    WidgetRect starZone{ImVec2(max.x - pad * 0.5f - 1.2f * fs, top), ImVec2(max.x, top + pad + 1.1f * fs)};
    m_sessionRects.push_back({s.id, WidgetRect{min, max}});
    m_starRects.push_back({s.id, starZone});
    if (clicked) {
        if (contains(starZone, io.MouseClickedPos[0])) toggleStar(store, state, s.id);
        else state.plan.selectedSession = m_gridPicked = s.id;
    } else if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) &&
               !contains(starZone, io.MouseClickedPos[0])) {
        toggleStar(store, state, s.id);
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float rounding = 0.25f * fs;
    const GridBoxColours colours = gridBoxColours(state.theme, s.starred, hovered);
    dl->AddRectFilled(min, max, colours.fill, rounding);
    if (stripe > 0.0f)
        dl->AddRectFilled(min, ImVec2(min.x + stripe, max.y), trackColour(state.theme, row.hue), rounding,
                          ImDrawFlags_RoundCornersLeft);
    ImU32 border = selected ? p.selected : conflict ? p.conflict : s.starred ? p.starBorder : p.boxBorder;
    float thickness = (selected || conflict) ? std::max(2.0f, 0.12f * fs) : 1.0f;
    dl->AddRect(min, max, border, rounding, 0, thickness);

    const ImVec4 clip(min.x, min.y, max.x, max.y);
    const float textX = min.x + stripe + pad;
    const bool showStar = s.starred || hovered;
    float right = max.x - pad - (showStar ? 1.1f * fs : 0.0f) - (conflict ? 1.1f * fs : 0.0f);
    const float width = std::max(fs, right - textX);
    const float lineHeight = fs;
    float height = max.y - top - 2.0f * pad;
    int lines = std::max(1, int((height + 0.25f * fs) / lineHeight));
    float y = top + (lines == 1 ? std::max(0.0f, (max.y - top - fs) * 0.5f) : pad);
    int titleLines = lines >= 3 ? lines - 1 : 1;
    int used = drawWrapped(dl, ImVec2(textX, y), width, titleLines, s.title, colours.title, clip);
    if (lines > used) {
        // Time and speakers use the full width below the star.
        float metaWidth = std::max(fs, max.x - pad - textX);
        drawWrapped(dl, ImVec2(textX, y + float(used) * lineHeight), metaWidth, lines - used, row.meta(), colours.meta,
                     clip);
    }
    if (showStar) {
        const char* glyph = s.starred ? "\u2605" : "\u2606";
        dl->AddText(ImGui::GetFont(), fs, ImVec2(max.x - pad * 0.5f - 1.1f * fs, top + pad * 0.5f),
                    colours.star, glyph, nullptr, 0.0f, &clip);
    }
    if (conflict) {
        float x = max.x - pad * 0.5f - (showStar ? 2.2f : 1.1f) * fs;
        dl->AddText(ImGui::GetFont(), fs, ImVec2(x, top + pad * 0.5f), colours.conflict, "\u26a0", nullptr, 0.0f, &clip);
    }

    if (hovered) drawGridTooltip(state, row);
    ImGui::PopID();
}

void PlanView::drawGridTooltip(AppState& state, const PlanRow& row) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(26.0f * fs);
    ImGui::TextUnformatted(row.session.title.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::TextUnformatted(m_model.when(row).c_str());
    if (!row.session.room.empty()) ImGui::TextUnformatted(row.session.room.c_str());
    if (!row.speakers.empty()) ImGui::TextUnformatted(row.speakers.c_str());
    if (!row.session.track.empty()) ImGui::TextUnformatted(row.session.track.c_str());
    ImGui::PopStyleColor();
    if (!row.conflictsWith.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.conflict);
        for (RowId other : row.conflictsWith)
            if (const PlanRow* o = m_model.find(other))
                ImGui::Text("\u26a0 Overlaps with \u2605 %s (%s)", o->session.title.c_str(), o->time.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::TextUnformatted(row.session.starred ? "Click \u2605 or double-click to unstar" :
                                                 "Click \u2606 or double-click to star");
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// [SECTION] List

void PlanView::drawListFilters(AppState& state) {
    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::SetNextItemWidth(std::min(16.0f * fs, ImGui::GetContentRegionAvail().x * 0.35f));
    ImGui::InputTextWithHint("##filter", "Filter: title, speaker, room\u2026", &state.plan.filterText);
    m_filterRect = WidgetRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};

    auto filterCombo = [&](const char* id, const char* anyLabel, std::string& value,
                           const std::vector<std::string>& options, float width) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(width);
        if (ImGui::BeginCombo(id, value.empty() ? anyLabel : value.c_str())) {
            if (ImGui::Selectable(anyLabel, value.empty())) value.clear();
            for (size_t i = 0; i < options.size(); ++i) {
                if (options[i].empty()) continue;
                ImGui::PushID(int(i));
                if (ImGui::Selectable(options[i].c_str(), options[i] == value)) value = options[i];
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
    };
    filterCombo("##room", "All rooms", state.plan.filterRoom, m_model.rooms(), 8.0f * fs);
    filterCombo("##track", "All tracks", state.plan.filterTrack, m_model.tracks(), 10.0f * fs);
    ImGui::SameLine();
    ImGui::Checkbox("Starred only", &state.plan.starredOnly);
    // Where the checkbox ends, in window coordinates: the count goes right of
    // it, at the right edge, or on the next line when the row is full.
    const float afterCheckbox = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + style.ItemSpacing.x;

    char count[64];
    if (m_model.partial())  // a big agenda's first rows: the rest is being read
        std::snprintf(count, sizeof count, "reading %d sessions\u2026", m_model.sessionCount());
    else
        std::snprintf(count, sizeof count, "%d of %d", int(m_list.rows().size()), int(m_model.rows().size()));
    float w = ImGui::CalcTextSize(count).x;
    const float right = ImGui::GetWindowContentRegionMax().x - w;
    if (afterCheckbox <= right) ImGui::SameLine(right);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", count);

    if (!state.globalSearch.empty()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("Also matching the search \u201c%s\u201d", state.globalSearch.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Clear search##list")) state.globalSearch.clear();
    }
}

void PlanView::drawList(Store& store, AppState& state) {
    drawListFilters(state);
    const auto& indices = m_list.rows();
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    const float rowHeight = ImGui::GetFrameHeight();
    if (indices.empty()) {
        ImGui::Spacing();
        mutedWrapped("No sessions match these filters.");
        if (ImGui::Button("Clear filters##list")) {
            state.plan.filterText.clear();
            state.plan.filterRoom.clear();
            state.plan.filterTrack.clear();
            state.plan.starredOnly = false;
            state.globalSearch.clear();
        }
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersOuterH;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ImGui::GetStyle().CellPadding.x, 1.0f));
    const bool open = ImGui::BeginTable("##sessions", 5, flags, ImVec2(0.0f, 0.0f));
    ImGui::PopStyleVar();
    if (!open) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("\u2605##star", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoResize,
                            rowHeight);
    // Session rows show "10:30–10:50", slot headers "Wed 30 Sep 10:30".
    const float whenWidth = std::max(ImGui::CalcTextSize("Wed 30 Sep 00:00").x, ImGui::CalcTextSize("00:00\u201300:00").x) +
                            fs * 0.5f;
    ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthFixed, whenWidth);
    ImGui::TableSetupColumn("Room", ImGuiTableColumnFlags_WidthFixed, 6.0f * fs);
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Speakers", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableHeadersRow();

    // Grouped by start time: a header line per slot, its sessions under it.
    const auto& lines = m_list.lines();
    const ImU32 headerBg = ImGui::GetColorU32(ImGuiCol_TableHeaderBg);
    ImGuiListClipper clipper;
    clipper.Begin(int(lines.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ListLine& line = lines[size_t(i)];
            if (line.row < 0) {
                const ListSlot& slot = m_list.slots()[size_t(line.slot)];
                ImGui::TableNextRow(0, rowHeight);
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, headerBg);
                ImGui::TableSetColumnIndex(1);
                cellText(slot.label, 0);
                ImGui::TableSetColumnIndex(3);
                cellText(slot.sessions == 1 ? std::string("1 session") : std::to_string(slot.sessions) + " sessions",
                         p.mutedText);
                continue;
            }
            const PlanRow& row = m_model.rows()[size_t(line.row)];
            const Session& s = row.session;
            ImGui::TableNextRow(0, rowHeight);
            ImGui::PushID(idOf(s.id));

            ImGui::TableSetColumnIndex(0);
            ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
            ImGui::PushStyleColor(ImGuiCol_Text, s.starred ? p.star : p.mutedText);
            ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.0f, ImGui::GetStyle().FramePadding.y));
            if (ImGui::Button(s.starred ? "\u2605##star" : "\u2606##star", ImVec2(rowHeight, rowHeight)))
                toggleStar(store, state, s.id);
            m_starRects.push_back({s.id, WidgetRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()}});
            if (ImGui::IsItemHovered()) ImGui::SetTooltip(s.starred ? "Unstar" : "Star");
            ImGui::PopStyleVar();
            ImGui::PopStyleColor(2);

            ImGui::TableSetColumnIndex(1);
            ImVec2 cell = ImGui::GetCursorScreenPos();
            bool selected = state.plan.selectedSession == s.id;
            if (ImGui::Selectable("##row", selected,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                  ImVec2(0.0f, rowHeight)))
                state.plan.selectedSession = s.id;
            const bool rowHovered = ImGui::IsItemHovered();
            m_sessionRects.push_back({s.id, WidgetRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()}});
            ImGui::SetCursorScreenPos(cell);
            cellText(row.time, p.mutedText);  // the day and start are in the slot's header

            ImGui::TableSetColumnIndex(2);
            cellText(s.room, 0);
            ImGui::TableSetColumnIndex(3);
            bool cut = cellText(s.title, row.conflictsWith.empty() ? 0 : p.conflict);
            ImGui::TableSetColumnIndex(4);
            cut = cellText(row.speakers, p.mutedText) || cut;
            if (rowHovered && (cut || !row.conflictsWith.empty())) drawGridTooltip(state, row);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// [SECTION] Session panel

void PlanView::drawDetails(Store& store, AppState& state) {
    const PlanRow* row = state.plan.selectedSession ? m_model.find(*state.plan.selectedSession) : nullptr;
    if (!row) {
        drawDayAgenda(state);
        return;
    }
    const Session& s = row->session;
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    if (m_textsFor != std::make_pair(s.id, m_model.serial())) {  // read once per selection, not per frame
        m_textsFor = {s.id, m_model.serial()};
        m_texts = {};
        try {  // the model holds no abstracts: read this one's
            if (auto full = AgendaRepo(store).findSession(s.id)) m_texts = readableTexts(*full);
        } catch (const std::exception& e) {
            state.error(std::string("Could not read the session: ") + e.what());
        }
    }

    ImGui::PushTextWrapPos(0.0f);
    if (m_headingFont) ImGui::PushFont(m_headingFont);
    ImGui::TextUnformatted(s.title.c_str());
    if (m_headingFont) ImGui::PopFont();
    if (!s.subtitle.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
        ImGui::TextUnformatted(s.subtitle.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
    ImGui::Spacing();

    if (s.starred) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.star);
        ImGui::PushStyleColor(ImGuiCol_Button, p.starBg);
        ImGui::PushStyleColor(ImGuiCol_Border, p.starBorder);
    }
    bool toggle = ImGui::Button(s.starred ? "\u2605 Starred##detail_star" : "\u2606 Star this session##detail_star",
                                ImVec2(-1.0f, 0.0f));
    if (s.starred) ImGui::PopStyleColor(3);
    if (ImGui::IsItemHovered() && s.starred) ImGui::SetTooltip("Click to remove it from your schedule");
    if (toggle) toggleStar(store, state, s.id);
    drawSessionActions(store, state, s);

    if (!row->conflictsWith.empty()) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, p.conflict);
        ImGui::TextWrapped("\u26a0 Overlaps with your starred session%s:", row->conflictsWith.size() > 1 ? "s" : "");
        ImGui::PopStyleColor();
        for (RowId other : row->conflictsWith) {
            const PlanRow* o = m_model.find(other);
            if (!o) continue;
            // The title reads like a link: hover underlines it, a click selects it.
            ImGui::PushID(idOf(other));
            ImGui::Indent(fs * 0.8f);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::PushStyleColor(ImGuiCol_Text, p.selected);
            ImGui::TextUnformatted(o->session.title.c_str());
            ImGui::PopStyleColor();
            ImGui::PopTextWrapPos();
            if (ImGui::IsItemHovered()) {
                ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
                ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, b.y), b, p.selected);
            }
            if (ImGui::IsItemClicked()) state.plan.selectedSession = other;
            ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
            ImGui::Text("%s · %s", o->time.c_str(), o->session.room.c_str());
            ImGui::PopStyleColor();
            ImGui::Unindent(fs * 0.8f);
            ImGui::PopID();
        }
    }
    ImGui::Spacing();

    if (ImGui::BeginTable("##facts", 2, ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, 5.0f * fs);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
        auto fact = [&](const char* label, const std::string& value) {
            if (value.empty()) return;
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
            ImGui::TextUnformatted(label);
            ImGui::PopStyleColor();
            ImGui::TableSetColumnIndex(1);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(value.c_str());
            ImGui::PopTextWrapPos();
        };
        fact("When", m_model.when(*row));
        fact("Zone", m_model.event().timeZone);
        fact("Room", s.room);
        fact("Track", s.track);
        fact("Type", s.type);
        fact("Language", s.language);
        fact(s.speakers.size() > 1 ? "Speakers" : "Speaker", row->speakers);
        ImGui::EndTable();
    }

    if (s.removed) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.conflict);
        ImGui::TextWrapped("Removed from the latest import of the agenda.");
        ImGui::PopStyleColor();
    }

    auto section = [&](const char* title, const std::string& body) {
        if (body.empty()) return;
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
        ImGui::TextUnformatted(title);
        ImGui::PopStyleColor();
        ImGui::Separator();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(body.c_str());
        ImGui::PopTextWrapPos();
    };
    section("Abstract", m_texts.abstract);
    section("Description", m_texts.description);
    if (m_texts.abstract.empty() && m_texts.description.empty()) {
        ImGui::Spacing();
        mutedWrapped("The agenda has no description for this session.");
    }
    if (!s.url.empty()) {
        section("Link", s.url);
        if (ImGui::SmallButton("Copy link##detail")) {
            ImGui::SetClipboardText(s.url.c_str());
            state.info("Copied the session's link.");
        }
    }
    ImGui::Spacing();
    if (ImGui::SmallButton("Close##detail")) state.plan.selectedSession.reset();
}

std::string talkTargetReason(const std::string& title) { return "Speaks on \u201c" + title + "\u201d"; }

void PlanView::drawSessionActions(Store& store, AppState& state, const Session& s) {
    m_meetRects.clear();
    m_noteAboutRect.reset();
    m_openLinkRect.reset();
    const std::uint64_t revision = state.revision.value(Change::Targets | Change::People | Change::Events);
    if (m_speakersFor != std::make_pair(s.id, revision)) {
        m_speakersFor = {s.id, revision};
        m_speakers.clear();
        try {
            PeopleRepo people(store);
            const std::string reason = talkTargetReason(s.title);
            for (const auto& sp : AgendaRepo(store).speakersOfSession(s.id)) {
                PanelSpeaker p{sp.personId, sp.displayName, PanelSpeaker::Listed::No};
                if (auto t = people.findTarget(s.eventId, sp.personId)) {
                    const bool fromTalk = t->why == reason && t->questions.empty() &&
                                          t->priority == TargetPriority::Should && t->status == TargetStatus::NotYet;
                    p.listed = fromTalk ? PanelSpeaker::Listed::FromTalk : PanelSpeaker::Listed::Own;
                }
                m_speakers.push_back(std::move(p));
            }
        } catch (const std::exception& e) {
            state.error(std::string("Could not read the session's speakers: ") + e.what());
        }
    }

    const Palette& p = palette(state.theme);
    for (size_t i = 0; i < m_speakers.size(); ++i) {
        const PanelSpeaker& sp = m_speakers[i];
        ImGui::PushID(idOf(sp.personId));
        std::string label;
        switch (sp.listed) {
            case PanelSpeaker::Listed::No: label = "+ Want to meet " + sp.name; break;
            case PanelSpeaker::Listed::FromTalk: label = "\u2713 Want to meet " + sp.name; break;
            case PanelSpeaker::Listed::Own: label = "\u2713 " + sp.name + " is on your list"; break;
        }
        // A narrow panel or a long name: the shorter wording.
        const float room = ImGui::GetContentRegionAvail().x - 2.0f * ImGui::GetStyle().FramePadding.x;
        if (ImGui::CalcTextSize(label.c_str()).x > room)
            label = (sp.listed == PanelSpeaker::Listed::No ? "+ Meet " : "\u2713 ") + sp.name;
        const bool listed = sp.listed != PanelSpeaker::Listed::No;
        if (listed) ImGui::PushStyleColor(ImGuiCol_Text, p.ok);
        const bool pressed = ImGui::Button(label.c_str(), ImVec2(-1.0f, 0.0f));
        if (listed) ImGui::PopStyleColor();
        m_meetRects.emplace_back(sp.personId, lastItemRect());
        if (ImGui::IsItemHovered()) {
            switch (sp.listed) {
                case PanelSpeaker::Listed::No:
                    ImGui::SetTooltip("Adds %s to the people you want to meet at this event, with this talk as why.",
                                      sp.name.c_str());
                    break;
                case PanelSpeaker::Listed::FromTalk:
                    ImGui::SetTooltip("Added from this talk. Click to take %s off your list.", sp.name.c_str());
                    break;
                case PanelSpeaker::Listed::Own:
                    ImGui::SetTooltip("You set this target up yourself; click to see it in People.");
                    break;
            }
        }
        ImGui::PopID();
        if (pressed) {
            if (sp.listed == PanelSpeaker::Listed::Own) {
                state.people.selectedPerson = sp.personId;
                state.mode = Mode::People;
            } else {
                toggleMeet(store, state, s, i);
            }
        }
    }

    // A note tied to this talk, and its page.
    const bool web = isWebLink(s.url);
    const char* noteLabel = "\u270e Note about this talk";
    const char* openLabel = "Open talk page \u2197";
    const ImGuiStyle& style = ImGui::GetStyle();
    const float half = (ImGui::GetContentRegionAvail().x - style.ItemSpacing.x) * 0.5f;
    // Side by side when both labels fit their half, else one under the other.
    const bool sideBySide = web && std::max(ImGui::CalcTextSize(noteLabel).x, ImGui::CalcTextSize(openLabel).x) +
                                           2.0f * style.FramePadding.x <= half;
    if (ImGui::Button(noteLabel, ImVec2(sideBySide ? half : -1.0f, 0.0f))) {
        state.capture.linkSession = s.id;
        state.capture.focusBox = true;
        state.mode = Mode::Capture;
    }
    m_noteAboutRect = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Opens Capture with this session linked to the note");
    if (web) {
        if (sideBySide) ImGui::SameLine();
        if (ImGui::Button(openLabel, ImVec2(-1.0f, 0.0f))) {
            if (m_openUrl) {
                if (std::string err = m_openUrl(s.url); !err.empty())
                    state.error("Could not open " + s.url + ": " + err);
                else
                    state.info("Opened " + s.url + " in your browser.");
            } else {
                ImGui::SetClipboardText(s.url.c_str());
                state.info("Copied the talk's link: " + s.url);
            }
        }
        m_openLinkRect = lastItemRect();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.url.c_str());
    }
}

void PlanView::toggleMeet(Store& store, AppState& state, const Session& s, size_t index) {
    const PanelSpeaker sp = m_speakers[index];
    const std::string eventName = m_model.event().name;
    try {
        if (sp.listed == PanelSpeaker::Listed::FromTalk) {
            state.revision.apply(removeTarget(store, s.eventId, sp.personId));
            state.info("Took " + sp.name + " off the people you want to meet at " + eventName + ".");
        } else {
            Target t;
            t.eventId = s.eventId;
            t.personId = sp.personId;
            t.why = talkTargetReason(s.title);
            state.revision.apply(saveTarget(store, t));
            state.info("Added " + sp.name + " to the people you want to meet at " + eventName + " (" + t.why +
                       "). Click again to undo.");
        }
    } catch (const std::exception& e) {
        state.error("Could not change your list: " + std::string(e.what()) + ". Nothing was changed.");
    }
}

void PlanView::drawDayAgenda(AppState& state) {
    const Palette& p = palette(state.theme);
    const float fs = ImGui::GetFontSize();
    const bool grid = state.plan.layout == PlanLayout::DayGrid;
    const int day = currentDay(state);
    const bool hasDay = grid && day >= 0;

    if (m_headingFont) ImGui::PushFont(m_headingFont);
    if (hasDay) ImGui::Text("Your day \u00b7 %s", m_model.days()[day].label.c_str());
    else ImGui::TextUnformatted("Your starred sessions");
    if (m_headingFont) ImGui::PopFont();
    ImGui::Spacing();

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float lineHeight = ImGui::GetTextLineHeight();
    int shown = 0;
    int lastDay = -1;
    for (const auto& row : m_model.rows()) {
        if (!row.session.starred || (hasDay && row.day != day)) continue;
        if (!hasDay && row.day != lastDay) {
            ImGui::Spacing();
            ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
            ImGui::TextUnformatted(m_model.days()[row.day].label.c_str());
            ImGui::PopStyleColor();
            lastDay = row.day;
        }
        ++shown;
        ImGui::PushID(idOf(row.session.id));
        ImVec2 pos = ImGui::GetCursorScreenPos();
        float width = ImGui::GetContentRegionAvail().x;
        if (ImGui::Selectable("##agenda", false, 0, ImVec2(0.0f, lineHeight * 2.0f + 0.2f * fs)))
            state.plan.selectedSession = row.session.id;
        bool conflict = !row.conflictsWith.empty();
        std::string_view room = row.session.room;
        ImGui::PushStyleColor(ImGuiCol_Text, conflict ? p.conflict : p.mutedText);
        const char* timeEnd = row.time.c_str() + row.time.size();
        ImVec2 t = ImVec2(pos.x, pos.y);
        if (conflict) {
            dl->AddText(t, p.conflict, "\u26a0");
            t.x += 1.2f * fs;
        }
        dl->AddText(t, conflict ? p.conflict : p.mutedText, row.time.c_str(), timeEnd);
        if (!room.empty()) {
            float x = t.x + ImGui::CalcTextSize(row.time.c_str(), timeEnd).x + 0.6f * fs;
            ImGui::RenderTextEllipsis(dl, ImVec2(x, t.y), ImVec2(pos.x + width, t.y + lineHeight), pos.x + width,
                                      pos.x + width, room.data(), room.data() + room.size(), nullptr);
        }
        ImGui::PopStyleColor();
        ImGui::RenderTextEllipsis(dl, ImVec2(pos.x, pos.y + lineHeight), ImVec2(pos.x + width, pos.y + 2 * lineHeight),
                                  pos.x + width, pos.x + width, row.session.title.c_str(), nullptr, nullptr);
        ImGui::PopID();
    }
    if (shown == 0) {
        if (hasDay)
            mutedWrapped("Nothing starred on this day yet. Click \u2606 on a session, or double-click it, to add it "
                         "to your schedule.");
        else
            mutedWrapped("Nothing starred yet. Click \u2606 next to a session to add it to your schedule.");
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    mutedWrapped("Select a session to see its abstract, speakers and link.");
}

void PlanView::toggleStar(Store& store, AppState& state, RowId sessionId) {
    const PlanRow* row = m_model.find(sessionId);
    const bool starred = !(row && row->session.starred);
    std::string title = row ? row->session.title : std::string("the session");
    try {
        const Changes touched = starSession(store, sessionId, starred);
        if (!touched.empty()) {
            const auto before = state.revision.value(Change::Events | Change::Stars);
            state.revision.apply(touched);
            // One star does not need 20,000 sessions reloaded: the model updates in place.
            m_model.applyStar(sessionId, starred, before, state.revision.value(Change::Events | Change::Stars));
            state.info((starred ? "Starred: " : "Unstarred: ") + title);
        } else {
            state.error("That session is no longer in the database.");
        }
    } catch (const std::exception& e) {
        state.error(std::string("Could not save the star: ") + e.what());
    }
}

}  // namespace hallway::ui
