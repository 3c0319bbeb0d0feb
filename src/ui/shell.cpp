// [SECTION] Frame and sync
// [SECTION] Top bar and mode bar
// [SECTION] Global search
// [SECTION] Status line
// [SECTION] Import
#include "ui/shell.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "core/time_util.h"
#include "formats/agenda.h"
#include "services/demo.h"
#include "services/http_fetch.h"
#include "services/import_service.h"
#include "store/agenda_queries.h"
#include "store/agenda_repo.h"
#include "store/notes_repo.h"
#include "store/store.h"
#include "ui/import_report_panel.h"
#include "ui/theme.h"
#include "ui/ui_format.h"
#include "ui/ui_widgets.h"

namespace hallway::ui {
namespace {

// GLFW (and the ImGui GLFW backend) index io.KeysDown by GLFW key codes, which
// for letters and digits are their ASCII upper-case characters.
constexpr int kKeyK = 'K';
constexpr int kKeyI = 'I';
constexpr int kKeyR = 'R';
constexpr int kKeyComma = ',';  // GLFW_KEY_COMMA


bool blankText(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

bool contains(const std::optional<WidgetRect>& r, ImVec2 p) {
    return r && p.x >= r->min.x && p.x < r->max.x && p.y >= r->min.y && p.y < r->max.y;
}

// A new event starts with no selection and no filters; the layout stays.
void resetPlanState(AppState& state) {
    PlanLayout layout = state.plan.layout;
    state.plan = PlanState{};
    state.plan.layout = layout;
}

}  // namespace

Shell::Shell() {
    for (const ViewEntry& entry : viewTable()) m_views.push_back(entry.make());
}

void Shell::setHeadingFont(ImFont* font) {
    m_headingFont = font;
    for (auto& v : m_views) v->setHeadingFont(font);
}

// [SECTION] Frame and sync

bool Shell::readingInBackground() const {
    for (const auto& view : m_views)
        if (view->readingInBackground()) return true;
    return false;
}

void Shell::sync(Store& store, AppState& state) {
    // Names and dates of events: only imports change them.
    if (m_eventsRevision != state.revision.value(Change::Events)) {
        m_eventsRevision = state.revision.value(Change::Events);
        ++m_eventRebuilds;
        try {
            // Names and dates only: listing 200 events with their counts takes 50 ms.
            m_events = listEventsWithoutCounts(store);
            people().setEvents(&m_events);  // the person page lists talks and targets per event
        } catch (const std::exception& e) {
            m_events.clear();
            people().setEvents(nullptr);
            state.error(std::string("Could not list events: ") + e.what());
        }
        m_eventLabels.clear();
        for (const auto& e : m_events)
            m_eventLabels.push_back(e.event.name + "  \u00b7  " +
                                    dateRangeLabel(e.event.startsAt, e.event.endsAt, e.event.timeZone));
        bool known = false;
        for (const auto& e : m_events) known = known || (state.eventId && e.event.id == *state.eventId);
        if (!known) {
            state.eventId.reset();
            if (!m_events.empty()) state.eventId = m_events.front().event.id;  // the most recent
        }
    }
    // The views load only while shown: their models wait for the next visit
    // (Plan's holds the whole agenda, 20,000 sessions at the power tier).
    view(state.mode).sync(store, state);
    updateAgendaSummary(store, state);
}

const Event* Shell::currentEvent(const AppState& state) const {
    for (const auto& e : m_events)
        if (state.eventId && e.event.id == *state.eventId) return &e.event;
    return nullptr;
}

void Shell::updateAgendaSummary(Store& store, AppState& state) {
    const Event* event = currentEvent(state);
    const std::optional<RowId> eventId = event ? std::optional<RowId>(event->id) : std::nullopt;
    const std::uint64_t revision = state.revision.value(Change::Events | Change::Stars);
    const bool changed = eventId != m_summaryEvent || revision != m_summaryRevision;
    const Instant minute = state.now() / 60;
    if (!changed && minute == m_clockMinute) return;
    m_clockMinute = minute;
    m_summaryEvent = eventId;
    m_summaryRevision = revision;
    if (!event) {
        m_clockText.clear();
        m_totals.reset();
        return;
    }
    try {
        if (changed) {
            // Plan's model has the counts when it is current; else one small query.
            const PlanModel& model = plan().model();
            if (state.mode == Mode::Plan && model.hasEvent() && model.event().id == event->id)
                m_totals = AgendaTotals{model.sessionCount(), model.starredCount(), 0, 0};
            else
                m_totals = hallway::agendaTotals(store, event->id);
        }
        // The clock asks for the next session or two by time, not for the agenda.
        ClockSessions sessions;
        sessions.span = [&]() -> std::optional<std::pair<Instant, Instant>> {
            AgendaTotals t = hallway::agendaTotals(store, event->id);
            if (t.sessions == 0) return std::nullopt;
            return std::make_pair(t.firstStart, t.lastEnd);
        };
        sessions.next = [&](Instant after, bool starredOnly) {
            return nextSessionAfter(store, event->id, after, starredOnly);
        };
        m_clockText = eventClockText(*event, sessions, state.now());
    } catch (const std::exception& e) {
        m_clockText.clear();
        m_totals.reset();
        state.error(std::string("Could not read the agenda: ") + e.what());
    }
}

void Shell::draw(Store* store, AppState& state, const std::string& storeError) {
    if (m_appliedTheme != int(state.theme)) {
        applyTheme(state.theme, m_scale);
        m_appliedTheme = int(state.theme);
    }
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
    ImGui::SetNextWindowSize(io.DisplaySize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::Begin("##hallway", nullptr, flags);

    if (!store) {
        beginCenteredBlock(34.0f * ImGui::GetFontSize(), 8.0f * ImGui::GetFontSize());
        headingText(m_headingFont, "Hallway could not open its database");
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, palette(state.theme).error);
        ImGui::TextWrapped("%s", storeError.c_str());
        ImGui::PopStyleColor();
        ImGui::Spacing();
        mutedWrapped("Nothing was changed. Start Hallway with --db PATH to use another file.");
        endCenteredBlock();
        ImGui::End();
        return;
    }

    // Files dropped on the window since the last frame.
    if (!state.pendingImports.empty()) {
        std::vector<std::string> files;
        files.swap(state.pendingImports);
        for (const auto& f : files) importFile(*store, state, f);
    }
    if (state.loadDemo) {
        state.loadDemo = false;
        loadDemo(*store, state);
    }
    pollUrlImport(state);
    handleShortcuts(state);
    if (state.mode != m_lastMode) view(state.mode).shown(state);
    m_lastMode = state.mode;
    sync(*store, state);

    drawTopBar(*store, state);
    drawModeBar(*store, state);
    ImGui::Separator();
    drawAgendaChanges(state);

    // A mode picked in the bar above shows in this frame: its view loads
    // first, so it never draws empty ("No event is open") for a frame.
    if (state.mode != m_lastMode) {
        view(state.mode).shown(state);
        m_lastMode = state.mode;
        sync(*store, state);
    }
    const float statusHeight = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.y * 2.0f + 1.0f;
    ImGui::BeginChild("##content", ImVec2(0.0f, -statusHeight), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    view(state.mode).draw(*store, state);
    ImGui::EndChild();

    drawStatusLine(state, displayPath(store->path()));
    drawSearchResults(*store, state);
    drawImportPopup(*store, state);
    m_settingsDialog.draw(state, m_settingsFile);
    m_syncDialog.draw(*store, state);
    ImGui::End();
}

void Shell::handleShortcuts(AppState& state) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl) return;
    if (io.KeyShift && ImGui::IsKeyPressed('S', false)) {
        state.syncNowRequested = true;  // Ctrl+Shift+S: sync with the CardDAV/CalDAV server now
        return;
    }
    // Ctrl+Enter: capture from anywhere; in Capture it saves.
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false)) {
        if (state.mode == Mode::Capture) {
            state.capture.saveRequested = true;
        } else {
            state.mode = Mode::Capture;
            state.capture.focusBox = true;
        }
    }
    if (ImGui::IsKeyPressed(kKeyK, false)) state.focusSearch = true;
    if (ImGui::IsKeyPressed(kKeyI, false)) state.openImportDialog = true;
    if (ImGui::IsKeyPressed(kKeyR, false)) state.agendaRefreshRequested = true;  // the agenda from its URL now
    if (ImGui::IsKeyPressed(kKeyComma, false)) state.openSettings = true;  // as in most desktop apps
    const auto& views = viewTable();
    for (size_t i = 0; i < views.size(); ++i)
        if (ImGui::IsKeyPressed(views[i].shortcut, false)) state.mode = Mode(i);
}

// [SECTION] Top bar and mode bar

void Shell::drawAgendaChanges(AppState& state) {
    m_dismissRect.reset();
    if (state.agendaChanges.empty()) return;
    const Palette& p = palette(state.theme);
    const size_t n = state.agendaChanges.size();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, (p.conflict & 0x00FFFFFFu) | 0x40000000u);
    const float lines = m_showAllChanges ? float(std::min<size_t>(n, 8)) : 1.0f;
    const float height = lines * ImGui::GetTextLineHeightWithSpacing() + ImGui::GetFrameHeight() +
                         ImGui::GetStyle().WindowPadding.y * 2.0f;
    ImGui::BeginChild("##agendaChanges", ImVec2(0.0f, height), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PushTextWrapPos(0.0f);
    // Newest last in the list; the banner leads with the first one the user has not read.
    const size_t shown = m_showAllChanges ? std::min<size_t>(n, 8) : 1;
    for (size_t i = 0; i < shown; ++i) ImGui::TextUnformatted(("\u26a0 " + state.agendaChanges[i]).c_str());
    ImGui::PopTextWrapPos();
    if (n > 1) {
        const std::string more = m_showAllChanges ? "Show fewer##changes"
                                                  : "Show all " + std::to_string(n) + " changes##changes";
        if (ImGui::SmallButton(more.c_str())) m_showAllChanges = !m_showAllChanges;
        ImGui::SameLine();
    }
    if (ImGui::SmallButton("Dismiss##changes")) {
        state.agendaChangesDismissed = true;
        state.agendaChanges.clear();
        m_showAllChanges = false;
    }
    m_dismissRect = lastItemRect();
    if (m_showAllChanges && n > 8) {
        ImGui::SameLine();
        ImGui::TextDisabled("and %zu more (hallway refresh --json lists every change)", n - 8);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void Shell::drawTopBar(Store& store, AppState& state) {
    const Palette& p = palette(state.theme);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float fs = ImGui::GetFontSize();

    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, p.selected);
    ImGui::TextUnformatted("Hallway");
    ImGui::PopStyleColor();
    ImGui::SameLine(0.0f, fs);

    ImGui::SetNextItemWidth(std::min(18.0f * fs, ImGui::GetContentRegionAvail().x * 0.3f));
    const char* preview = "No events yet";
    for (size_t i = 0; i < m_events.size(); ++i)
        if (state.eventId && m_events[i].event.id == *state.eventId) preview = m_events[i].event.name.c_str();
    if (ImGui::BeginCombo("##event", preview)) {
        for (size_t i = 0; i < m_events.size(); ++i) {
            const Event& e = m_events[i].event;
            ImGui::PushID(static_cast<int>(e.id));
            bool selected = state.eventId && *state.eventId == e.id;
            if (ImGui::Selectable(m_eventLabels[i].c_str(), selected) && !selected) {
                state.eventId = e.id;
                resetPlanState(state);
            }
            ImGui::PopID();
        }
        if (m_events.empty()) ImGui::TextDisabled("Import an agenda to add an event.");
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered() && !m_events.empty()) ImGui::SetTooltip("Event (%d imported)", int(m_events.size()));

    // Right-hand buttons, measured so the clock text can use what is left.
    const char* themeLabel = state.theme == ThemeKind::Dark ? "\u2600 Light##theme" : "\u263e Dark##theme";
    const char* importLabel = "Import agenda\u2026##top";
    auto buttonWidth = [&](const char* label) {
        return ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2.0f;
    };
    const char* settingsLabel = "\u2699##settings";
    const float rightWidth = buttonWidth(themeLabel) + buttonWidth(importLabel) + buttonWidth(settingsLabel) +
                             style.ItemSpacing.x * 2.0f;
    const float rightX = ImGui::GetWindowContentRegionMax().x - rightWidth;

    ImGui::SameLine(0.0f, fs);
    ImGui::AlignTextToFramePadding();
    const ImVec2 clockPos(ImGui::GetCursorScreenPos().x, ImGui::GetCursorScreenPos().y + style.FramePadding.y);
    const float clockMaxX = ImGui::GetWindowPos().x + rightX - fs;
    // The clock, and for an agenda by URL when it was last fetched (or why not).
    // A failure leads, so a narrow window cuts the clock rather than the bad news.
    const std::string clock = state.agendaLine.empty() ? m_clockText
                              : m_clockText.empty()    ? state.agendaLine
                              : state.agendaLineError  ? state.agendaLine + "  \u00b7  " + m_clockText
                                                       : m_clockText + "  \u00b7  " + state.agendaLine;
    if (!clock.empty() && clockMaxX > clockPos.x) {
        const char* begin = clock.c_str();
        const char* end = begin + clock.size();
        ImVec2 size = ImGui::CalcTextSize(begin, end);
        ImGui::PushStyleColor(ImGuiCol_Text, state.agendaLineError ? p.error : p.mutedText);
        ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), clockPos, ImVec2(clockMaxX, clockPos.y + fs), clockMaxX,
                                  clockMaxX, begin, end, &size);
        ImGui::PopStyleColor();
        ImGui::Dummy(ImVec2(std::min(size.x, clockMaxX - clockPos.x), fs));
        if (ImGui::IsItemHovered() && size.x > clockMaxX - clockPos.x) ImGui::SetTooltip("%s", begin);
    }

    ImGui::SameLine(rightX);
    if (ImGui::Button(importLabel)) state.openImportDialog = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Import an agenda or a contacts export (Ctrl+I), or drop the file on the window");
    ImGui::SameLine();
    if (ImGui::Button(themeLabel))
        state.theme = state.theme == ThemeKind::Dark ? ThemeKind::Light : ThemeKind::Dark;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(state.theme == ThemeKind::Dark ? "Switch to the light theme" : "Switch to the dark theme");
    ImGui::SameLine();
    if (ImGui::Button(settingsLabel)) state.openSettings = true;
    m_settingsButtonRect = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Settings: agenda refresh, reminders, notifications, theme (Ctrl+,)");
    (void)store;
}

void Shell::drawModeBar(Store& store, AppState& state) {
    const float fs = ImGui::GetFontSize();
    const auto& views = viewTable();
    m_modeRects.clear();
    for (size_t i = 0; i < views.size(); ++i) {
        if (i > 0) ImGui::SameLine(0.0f, 0.0f);
        const Mode mode = Mode(i);
        ImGui::PushID("mode");
        if (segmentButton(views[i].label, state.mode == mode)) state.mode = mode;
        ImGui::PopID();
        m_modeRects.push_back({int(mode), lastItemRect()});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+%c", char(views[i].shortcut));
    }

    const float searchWidth = std::min(20.0f * fs, ImGui::GetContentRegionAvail().x * 0.4f);
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - searchWidth);
    drawSearchField(store, state, searchWidth);
}

// [SECTION] Global search

void Shell::showSearch(const std::string& text) {
    m_searchText = text;
    m_searchOpen = !blankText(text);
    m_pendingPick = 1;
}

std::optional<WidgetRect> Shell::searchHitRect(int index) const {
    return rectFor(m_hitRects, index);
}

// Up/Down in the field move the pick in the dropdown (single-line fields
// only report them with CallbackHistory).
int Shell::searchKeyCallback(ImGuiInputTextCallbackData* data) {
    auto* self = static_cast<Shell*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackHistory && self->m_searchOpen) {
        self->m_search.moveSelection(data->EventKey == ImGuiKey_UpArrow ? -1 : 1);
        self->m_scrollToPick = true;
    }
    return 0;
}

void Shell::drawSearchField(Store& store, AppState& state, float width) {
    // A click anywhere but the field and the dropdown closes the dropdown.
    if (m_searchOpen && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        if (!contains(m_searchRect, mouse) && !contains(m_dropdownRect, mouse)) m_searchOpen = false;
    }
    ImGui::SetNextItemWidth(width);
    if (state.focusSearch) {
        ImGui::SetKeyboardFocusHere();
        state.focusSearch = false;
    }
    const std::string before = m_searchText;
    const bool enter = ImGui::InputTextWithHint(
        "##search", "Search people, sessions, notes (Ctrl+K)", &m_searchText,
        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory, &Shell::searchKeyCallback, this);
    m_searchRect = WidgetRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
    const bool active = ImGui::IsItemActive();
    if (ImGui::IsItemActivated() && !blankText(m_searchText)) m_searchOpen = true;  // back in: the hits again
    if (m_searchText != before) {
        m_searchOpen = !blankText(m_searchText);
        if (blankText(m_searchText)) state.globalSearch.clear();  // emptied: Plan's list is unfiltered too
    }
    // Escape closes the dropdown and keeps the text (ImGui would revert it).
    if ((m_searchWasActive || m_searchOpen) && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        if (m_searchWasActive) m_searchText = before;
        m_searchOpen = false;
    }
    m_searchWasActive = active;

    // Only new text (or new data) runs the search; every other frame reuses the hits.
    if (m_search.sync(store, m_searchText, state.revision.value()) && !m_search.error().empty())
        state.error("Search failed: " + m_search.error());
    if (m_pendingPick != 0 && !m_search.hits().empty()) {
        m_search.moveSelection(m_pendingPick);
        m_pendingPick = 0;
    }

    if (enter) {
        if (const SearchHit* hit = m_search.selectedHit()) {
            const SearchHit chosen = *hit;
            openHit(store, state, chosen);
        } else if (!blankText(m_searchText)) {
            // Nothing picked: the text filters Plan's session list, as before.
            state.globalSearch = m_searchText;
            state.mode = Mode::Plan;
            state.plan.layout = PlanLayout::List;
            m_searchOpen = false;
        }
    }
}

void Shell::openHit(Store& store, AppState& state, const SearchHit& hit) {
    m_searchOpen = false;
    try {
        if (hit.kind == "person") {
            // Clear the People filters so the row is in the table.
            state.people.selectedPerson = hit.id;
            state.people.search.clear();
            state.people.tag.clear();
            state.people.targetsTab = state.people.networkTab = false;
            state.mode = Mode::People;
        } else if (hit.kind == "session") {
            std::optional<Session> session = AgendaRepo(store).findSession(hit.id);
            if (!session) {
                state.error("That session is no longer in the database.");
                return;
            }
            if (!state.eventId || *state.eventId != session->eventId) {
                state.eventId = session->eventId;
                resetPlanState(state);
            }
            state.plan.selectedSession = hit.id;
            state.plan.revealSelected = true;  // Plan picks its day and scrolls to it
            state.mode = Mode::Plan;
        } else if (hit.kind == "note") {
            std::optional<Note> note = NotesRepo(store).findNote(hit.id);
            if (!note) {
                state.error("That note is no longer in the database.");
                return;
            }
            if (note->eventId && (!state.eventId || *state.eventId != *note->eventId)) {
                state.eventId = note->eventId;
                resetPlanState(state);
            }
            state.capture.highlightNote = hit.id;
            state.capture.showRecent = true;
            state.mode = Mode::Capture;
        }
    } catch (const std::exception& e) {
        state.error(std::string("Could not open the search result: ") + e.what());
    }
}

void Shell::drawSearchResults(Store& store, AppState& state) {
    m_hitRects.clear();
    if (!m_searchOpen || !m_searchRect || blankText(m_searchText)) {
        m_dropdownRect.reset();
        return;
    }
    const Palette& p = palette(state.theme);
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImGuiIO& io = ImGui::GetIO();
    const float fs = ImGui::GetFontSize();
    const auto& hits = m_search.hits();
    const auto& groups = m_search.groups();

    const float rowHeight = ImGui::GetTextLineHeightWithSpacing() + 0.35f * fs;
    const float width = std::min(std::max(m_searchRect->max.x - m_searchRect->min.x, 30.0f * fs), io.DisplaySize.x - 2.0f * fs);
    const float x = std::max(fs * 0.5f, std::min(m_searchRect->max.x - width, io.DisplaySize.x - width - fs * 0.5f));
    const float y = m_searchRect->max.y + 0.25f * fs;
    ImGui::SetNextWindowPos(ImVec2(x, y));
    // As tall as its rows, up to the bottom of the window (then it scrolls).
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0.0f), ImVec2(width, std::max(4.0f * fs, io.DisplaySize.y - y - fs)));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    ImGui::PushStyleColor(ImGuiCol_Border, p.selected);
    const bool visible = ImGui::Begin("##search_results", nullptr, flags);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    m_dropdownRect = WidgetRect{ImGui::GetWindowPos(),
                                ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                                       ImGui::GetWindowPos().y + ImGui::GetWindowSize().y)};
    if (!visible) {
        ImGui::End();
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (hits.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
        ImGui::Text("Nothing matches '%s'", m_search.query().c_str());
        ImGui::PopStyleColor();
    }
    std::optional<SearchHit> clicked;
    for (const SearchGroup& g : groups) {
        ImGui::Dummy(ImVec2(0.0f, 0.2f * fs));
        ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
        ImGui::Text("%s (%d)", g.label, g.count + g.more);
        ImGui::PopStyleColor();
        for (int i = g.first; i < g.first + g.count; ++i) {
            const SearchHit& hit = hits[size_t(i)];
            const std::string& detail = m_search.detail(i);  // a session's day, time, room and speakers
            ImGui::PushID(i);
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            const float height = detail.empty() ? rowHeight : rowHeight + ImGui::GetTextLineHeight();
            if (ImGui::Selectable("##hit", m_search.selected() == i, 0, ImVec2(0.0f, height))) clicked = hit;
            const WidgetRect rect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
            m_hitRects.emplace_back(i, rect);
            if (m_scrollToPick && m_search.selected() == i) ImGui::SetScrollHereY(0.5f);

            // One line: the title, then the snippet with its matched words in the accent colour.
            const float maxX = rect.max.x - style.ItemSpacing.x;
            float tx = pos.x + 0.4f * fs;
            const float ty = pos.y + (rowHeight - fs) * 0.5f;
            if (!detail.empty()) {
                ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
                ImGui::RenderTextEllipsis(dl, ImVec2(tx, ty + ImGui::GetTextLineHeight()),
                                          ImVec2(maxX, ty + ImGui::GetTextLineHeight() + fs), maxX, maxX, detail.c_str(),
                                          detail.c_str() + detail.size(), nullptr);
                ImGui::PopStyleColor();
            }
            const float titleMax = hit.snippet.empty() ? maxX : std::min(maxX, tx + (maxX - tx) * 0.45f);
            const char* tb = hit.title.c_str();
            const char* te = tb + hit.title.size();
            const float titleWidth = ImGui::CalcTextSize(tb, te).x;
            ImGui::PushStyleColor(ImGuiCol_Text, p.text);
            ImGui::RenderTextEllipsis(dl, ImVec2(tx, ty), ImVec2(titleMax, ty + fs), titleMax, titleMax, tb, te, nullptr);
            ImGui::PopStyleColor();
            tx += std::min(titleWidth, titleMax - tx) + fs;
            for (const SnippetSpan& span : snippetSpans(hit.snippet)) {
                if (tx >= maxX) break;
                const char* b = span.text.c_str();
                const char* e = b + span.text.size();
                const float w = ImGui::CalcTextSize(b, e).x;
                ImGui::PushStyleColor(ImGuiCol_Text, span.match ? p.selected : p.mutedText);
                ImGui::RenderTextEllipsis(dl, ImVec2(tx, ty), ImVec2(maxX, ty + fs), maxX, maxX, b, e, nullptr);
                ImGui::PopStyleColor();
                tx += w;
            }
            ImGui::PopID();
        }
        if (!g.moreText.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 0.4f * fs);
            ImGui::TextUnformatted(g.moreText.c_str());
            ImGui::PopStyleColor();
        }
    }
    m_scrollToPick = false;
    ImGui::Dummy(ImVec2(0.0f, 0.2f * fs));
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::TextUnformatted(hits.empty() ? "Esc closes" : "Up/Down picks \u00b7 Enter opens \u00b7 Esc closes");
    ImGui::TextUnformatted("Enter with nothing picked filters Plan's sessions");
    ImGui::PopStyleColor();
    ImGui::End();
    if (clicked) openHit(store, state, *clicked);
}

// [SECTION] Status line

void Shell::drawStatusLine(AppState& state, const std::string& dbPath) {
    const Palette& p = palette(state.theme);
    ImGui::Separator();
    const float fs = ImGui::GetFontSize();
    const ImVec2 pos(ImGui::GetCursorScreenPos().x, ImGui::GetCursorScreenPos().y + ImGui::GetStyle().FramePadding.y);

    // Right: what is open.
    std::string right;
    if (m_totals)
        right = std::to_string(m_totals->sessions) + " sessions \u00b7 " + std::to_string(m_totals->starred) +
                " starred \u00b7 " + dbPath;
    else
        right = dbPath;
    std::string sync;  // the sync state as shown: a click on it opens the Sync dialog
    if (!state.syncLine.empty()) {
        // The whole error is in `hallway sync status` and the Sync dialog; the line keeps its start.
        sync = state.syncLine;
        if (sync.size() > 52) {
            size_t cut = 49;
            while (cut > 0 && (static_cast<unsigned char>(sync[cut]) & 0xC0) == 0x80) --cut;
            sync = sync.substr(0, cut) + "\u2026";
        }
        right = sync + " \u00b7 " + right;
    }
    const float rightWidth = ImGui::CalcTextSize(right.c_str()).x;
    const float maxX = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float rightX = std::max(pos.x + (maxX - pos.x) * 0.55f, maxX - rightWidth);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::string& text = state.status.text;
    m_statusCut = false;
    if (!text.empty()) {
        ImU32 colour = state.status.error ? p.error : p.text;
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        const char* prefix = state.status.error ? "\u26a0 " : "";
        float prefixWidth = ImGui::CalcTextSize(prefix).x;
        dl->AddText(pos, colour, prefix);
        // A message longer than the line ends in "... (click to read all)": a
        // click opens it whole, wrapped.
        float end = rightX - fs;
        const auto& details = state.status.details;
        m_statusCut = text.find('\n') != std::string::npos || !details.empty() ||
                      pos.x + prefixWidth + ImGui::CalcTextSize(text.c_str(), text.c_str() + text.size()).x > end;
        if (m_statusCut) {
            // An import's warnings are read in the panel a click opens.
            const char* more = details.empty()       ? "  (click to read all)"
                               : details.size() == 1 ? "  (click to read it)"
                                                     : "  (click to read them)";
            end -= ImGui::CalcTextSize(more).x;
            dl->AddText(ImVec2(end, pos.y), p.mutedText, more);
        }
        const std::string_view firstLine(text.data(), std::min(text.size(), text.find('\n')));
        ImGui::RenderTextEllipsis(dl, ImVec2(pos.x + prefixWidth, pos.y), ImVec2(end, pos.y + fs), end, end,
                                  firstLine.data(), firstLine.data() + firstLine.size(), nullptr);
        ImGui::PopStyleColor();
    } else {
        static const char* const tip = "Ctrl+K search \u00b7 Ctrl+I import \u00b7 drop an agenda or contacts file on the window to import it";
        ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
        ImGui::RenderTextEllipsis(dl, pos, ImVec2(rightX - fs, pos.y + fs), rightX - fs, rightX - fs, tip, nullptr,
                                  nullptr);
        ImGui::PopStyleColor();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
    ImGui::RenderTextEllipsis(dl, ImVec2(rightX, pos.y), ImVec2(maxX, pos.y + fs), maxX, maxX, right.c_str(),
                              right.c_str() + right.size(), nullptr);
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(maxX - pos.x, ImGui::GetFrameHeight()));
    m_statusRect = lastItemRect();
    m_syncLineRect.reset();
    if (!sync.empty()) {
        m_syncLineRect = WidgetRect{ImVec2(rightX, m_statusRect->min.y),
                                    ImVec2(std::min(maxX, rightX + ImGui::CalcTextSize(sync.c_str()).x), m_statusRect->max.y)};
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        if (ImGui::IsItemHovered() && contains(m_syncLineRect, mouse)) {
            ImGui::SetTooltip("Sync settings, the last round and conflicts");
            if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
                state.openSyncDialog = true;
                return;
            }
        }
    }
    if (text.empty()) return;
    if (ImGui::IsItemHovered()) {
        // Wrapped, so a long message is never cut at the window's edge.
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(std::min(40.0f * fs, ImGui::GetIO().DisplaySize.x * 0.8f));
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    if (ImGui::IsItemClicked()) ImGui::OpenPopup("##status_message");
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(std::min(30.0f * fs, display.x * 0.9f), 0.0f),
                                        ImVec2(std::min(46.0f * fs, display.x * 0.9f), display.y * 0.8f));
    if (ImGui::BeginPopup("##status_message")) {
        m_statusPopupOpen = true;
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(44.0f * fs, display.x * 0.85f));
        if (state.status.error) ImGui::PushStyleColor(ImGuiCol_Text, p.error);
        ImGui::TextUnformatted(text.c_str());
        if (state.status.error) ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        const auto& details = state.status.details;
        if (!details.empty()) {
            // Every warning whole, wrapped, in a list that scrolls when long.
            ImGui::Spacing();
            ImGui::PushStyleColor(ImGuiCol_Text, p.mutedText);
            ImGui::Text("%zu warning%s", details.size(), details.size() == 1 ? "" : "s");
            ImGui::PopStyleColor();
            const float wrapWidth = std::min(44.0f * fs, display.x * 0.85f);
            float height = 0.0f;
            for (const std::string& d : details) {
                height += ImGui::CalcTextSize(d.c_str(), nullptr, false, wrapWidth - 2.0f * fs).y +
                          ImGui::GetStyle().ItemSpacing.y;
                if (height > display.y * 0.5f) break;
            }
            height = std::min(height + 2.0f * ImGui::GetStyle().WindowPadding.y, display.y * 0.5f);
            ImGui::BeginChild("##status_details", ImVec2(wrapWidth, height), true);
            ImGui::PushTextWrapPos(0.0f);
            for (size_t i = 0; i < details.size(); ++i) {
                ImGui::PushID(int(i));
                ImGui::Bullet();
                ImGui::TextUnformatted(details[i].c_str());
                ImGui::PopID();
            }
            ImGui::PopTextWrapPos();
            ImGui::EndChild();
        }
        ImGui::Spacing();
        if (ImGui::Button("Copy##status")) {
            std::string all = text;
            for (const std::string& d : details) all += "\n- " + d;
            ImGui::SetClipboardText(all.c_str());
        }
        ImGui::SameLine();
        if (ImGui::Button("Close##status")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    } else {
        m_statusPopupOpen = false;
    }
}

// [SECTION] Import

bool Shell::importFile(Store& store, AppState& state, const std::string& rawPath, ImportTarget target,
                       const std::string& zone) {
    const std::string path = typedPath(rawPath);
    m_importError.clear();
    if (path.empty()) {
        m_importError = target == ImportTarget::Contacts ? "Type the path of a contacts file."
                                                          : "Type the path of an agenda or contacts file.";
        return false;
    }
    ImportOutcome r = importFromApp(store, path, target, zone);
    if (!r.ok) {
        m_importError = r.message;
        state.error(m_importError);
        return false;
    }
    importSucceeded(state, std::move(r));
    return true;
}

void Shell::importSucceeded(AppState& state, ImportOutcome r) {
    state.revision.apply(r.touched);
    if (r.contacts) {
        state.mode = Mode::People;
    } else {
        state.eventId = r.eventId;
        resetPlanState(state);
        state.mode = Mode::Plan;
        if (r.agenda) {
            m_reportLines = changeLines(*r.agenda);
            m_importReport = std::move(r.agenda);
            m_openImportReport = true;
        }
    }
    state.info(r.message, std::move(r.warnings));
}

void Shell::pollUrlImport(AppState& state) {
    std::optional<ImportOutcome> r = m_urlImport.take();
    if (!r) return;
    if (!r->ok) {
        m_importError = r->message;
        state.error(m_importError);
        m_refocusPath = true;
        return;
    }
    m_importPath.clear();
    m_closeImportDialog = !r->agenda;  // not modified: nothing to report in the dialog
    importSucceeded(state, std::move(*r));
}

void Shell::loadDemo(Store& store, AppState& state) {
    try {
        auto report = importDemoIfEmpty(store);
        if (!report) {
            state.info("The demo is only loaded into an empty database; this one already has events.");
            return;
        }
        state.revision.apply(report->touched);
        state.eventId = report->eventId;
        resetPlanState(state);
        state.mode = Mode::Plan;
        state.info("Loaded the demo event \u201c" + report->eventName + "\u201d (fictional, " +
                   std::to_string(report->sessionsTotal) + " sessions).");
    } catch (const std::exception& e) {
        state.error(std::string("Could not load the demo event: ") + e.what());
    }
}

void Shell::browseImport(AppState& state, const std::string& start) {
    state.openImportDialog = true;
    m_importChooser.open("Choose an agenda or contacts file", ChooserMode::Open, importFilters(), start,
                         state.recentPlaces);
}

void Shell::drawImportZone(Store& store, const AppState& state) {
    // Read the agenda's zone again only when the path changes, not per frame.
    const std::string path = typedPath(m_importPath);
    if (path != m_zoneFor) {
        m_zoneFor = path;
        if (isHttpUrl(path))
            m_zoneField.prefill(systemTimeZone(),
                                "used only if the agenda names no zone and its event has none yet", false);
        else if (auto pre = agendaZonePrefill(store, path))
            m_zoneField.prefill(pre->zone, pre->why, pre->warn);
        else
            m_zoneField.prefill(systemTimeZone(), "the computer's zone, until the path names an agenda with its own",
                                false);
    }
    ImGui::Spacing();
    m_zoneField.draw("importzone", palette(state.theme));
}

void Shell::drawImportPopup(Store& store, AppState& state) {
    bool open = state.openImportDialog || state.openContactsImport || m_openImportReport;
    if (state.openImportDialog || state.openContactsImport) {
        m_importTarget = state.openContactsImport ? ImportTarget::Contacts : ImportTarget::Detect;
        state.openImportDialog = state.openContactsImport = false;
        m_importError.clear();
        if (!state.importPath.empty()) m_importPath = std::exchange(state.importPath, {});
        m_importReport.reset();
        m_zoneField.reset();
        m_zoneFor = "\n";
        m_closeImportDialog = false;
        m_allowHttp = false;
    }
    m_openImportReport = false;
    // The report's change rows ("moved  Title: before → after") need the width.
    m_importDialogOpen = beginDialog("Import##popup", open, m_importReport ? 52.0f : 34.0f);
    if (!m_importDialogOpen) return;
    if (std::exchange(m_closeImportDialog, false)) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    if (m_importReport) {
        if (drawImportReport(*m_importReport, m_reportLines, m_headingFont, &m_reportRects)) {
            m_importReport.reset();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
        return;
    }
    const bool contacts = m_importTarget == ImportTarget::Contacts;

    ImGui::TextUnformatted(contacts ? "Path of the contacts file" : "Path of the agenda or contacts file, or the agenda's URL");
    const bool focusPath = ImGui::IsWindowAppearing() || m_refocusPath;
    m_refocusPath = false;
    const BrowseRequest browse{contacts ? "Choose a contacts file" : "Choose an agenda or contacts file",
                               ChooserMode::Open, importFilters(), state.desktopFileChooser};
    bool submit = pathFieldWithBrowse("import", contacts ? "~/Downloads/Connections.csv" : "~/Downloads/schedule.xml",
                                      m_importPath, focusPath, m_importChooser, browse, state.recentPlaces,
                                      m_importBrowseRect);
    const std::string typed = typedPath(m_importPath);
    const bool url = !contacts && isHttpUrl(typed);
    const std::string downloading = m_urlImport.url();
    if (url)
        mutedWrapped("Hallway downloads the agenda now and again every 15 minutes while the event runs, so moved "
                     "and cancelled talks reach you (the top bar says when it last did).");
    else
        mutedWrapped("Type or paste the file's path (~ works), press Browse\u2026 to pick it, drop the file on the "
                     "window, or paste the organiser's https:// link to the schedule.");
    if (contacts)
        mutedWrapped("Contacts: LinkedIn's Connections.csv, vCard (.vcf), Google Contacts CSV, or a CSV whose header "
                     "names a name column. People already here are updated, not duplicated.");
    else if (url)
        mutedWrapped("Agendas: frab/pentabarf XML and JSON, iCalendar (.ics), Sessionize JSON, CSV, told apart by "
                     "their content. Contacts are imported from a file only.");
    else
        mutedWrapped("Agendas: frab/pentabarf XML and JSON, iCalendar (.ics), Sessionize JSON, CSV. Contacts: "
                     "LinkedIn's Connections.csv, vCard, Google Contacts CSV. Told apart by their content.");
    if (!contacts) drawImportZone(store, state);
    m_allowHttpRect.reset();
    if (url && isPlainHttpUrl(typed)) {
        ImGui::Spacing();
        ImGui::Checkbox("Allow plain http:// (not encrypted)", &m_allowHttp);
        m_allowHttpRect = lastItemRect();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Anyone on the network between you and the server can read or change the agenda.\n"
                              "Prefer the https:// address when the organiser has one.");
    }
    if (!downloading.empty()) {
        ImGui::Spacing();
        const int dots = int(ImGui::GetTime() * 2.0) % 4;
        ImGui::Text("Downloading %s%.*s", downloading.c_str(), dots, "...");
    }
    if (!m_importError.empty()) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, palette(state.theme).error);
        ImGui::TextWrapped("%s", m_importError.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    ImGui::BeginDisabled(typed.empty() || (!contacts && !m_zoneField.valid()) || !downloading.empty());
    submit = ImGui::Button(url ? "Download and import##popup" : "Import##popup") || submit;
    m_importButtonRect = WidgetRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
    ImGui::EndDisabled();
    ImGui::SameLine();
    // Escape in the file chooser closes only the chooser.
    const bool chooserOpen = m_importChooser.isOpen();
    bool cancel = ImGui::Button("Cancel##popup") ||
                  (!chooserOpen && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false));
    if (chooserOpen) submit = false;
    if (m_importChooser.drawFor(m_importPath, state.recentPlaces, palette(state.theme))) {
        m_importError.clear();
        m_refocusPath = true;
    }
    if (submit && url && downloading.empty()) {
        m_importError.clear();
        m_urlImport.start(store.path(), typed, m_zoneField.chosen(), m_allowHttp);
    } else if (submit && !typed.empty() && !url) {
        if (importFile(store, state, m_importPath, m_importTarget, contacts ? "" : m_zoneField.chosen())) {
            m_importPath.clear();
            if (!m_importReport) ImGui::CloseCurrentPopup();  // an agenda's report shows in the dialog
        } else {
            m_refocusPath = true;  // keep typing: the path is selected for a retry
        }
    } else if (cancel) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace hallway::ui
