// The Plan view: the selected event's agenda as a day grid (rooms as columns,
// time running down) or a filterable list, and a panel with the selected
// session. Draws from PlanModel/ListModel/DayLayout; writes go through the
// store and bump the data revision. Needs an ImGui frame, not GLFW.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "ui/app_state.h"
#include "ui/open_url.h"
#include "ui/plan_model.h"
#include "ui/ui_widgets.h"
#include "ui/view.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

// Why a speaker is on your list when added from their talk's panel: "Speaks on “TITLE”".
std::string talkTargetReason(const std::string& title);

class PlanView : public View {
public:
    // Opens the session's talk page; without one (tests, screenshots) the
    // button copies the link instead.
    void setUrlOpener(UrlOpener opener) { m_openUrl = std::move(opener); }
    // Brings the view models up to date with the store (cheap when nothing changed).
    // The shell calls it at the start of every frame, before anything reads model().
    void sync(Store& store, AppState& state) override;
    // Draws into the current window's remaining space.
    void draw(Store& store, AppState& state) override;
    bool readingInBackground() const override { return m_model.partial(); }

    const PlanModel& model() const { return m_model; }
    const ListModel& list() const { return m_list; }
    // The selected session's abstract and description, read from the store when it was selected.
    const SessionTexts& selectedTexts() const { return m_texts; }
    const DayLayout& dayLayout() const { return m_layout; }

    // Testing hooks: where widgets were drawn in the last frame.
    std::optional<WidgetRect> starButtonRect(RowId sessionId) const;
    std::optional<WidgetRect> filterInputRect() const { return m_filterRect; }
    std::optional<WidgetRect> sessionRect(RowId sessionId) const;
    // The grid's filter row: GridRooms as int, then 10 for "Pick rooms", 11 for "My sessions only".
    std::optional<WidgetRect> gridFilterRect(int which) const { return rectFor(m_gridFilterRects, which); }
    std::optional<WidgetRect> roomPickRect(const std::string& room) const { return rectFor(m_roomPickRects, room); }
    std::optional<WidgetRect> gridBodyRect() const { return m_gridBodyRect; }  // the scrolled area, on screen
    // The grid's day tabs by day key, when they were drawn as buttons.
    std::optional<WidgetRect> dayTabRect(const std::string& dayKey) const { return rectFor(m_dayTabRects, dayKey); }
    size_t dayTabCount() const { return m_dayTabRects.size(); }
    static constexpr int kBigEventRooms = 12;  // more rooms than a grid shows at once
    // The session panel's actions: "Want to meet SPEAKER" per speaker, "Note
    // about this talk", "Open talk page" (none when the session has no web link).
    std::optional<WidgetRect> meetRect(RowId personId) const { return rectFor(m_meetRects, personId); }
    std::optional<WidgetRect> noteAboutRect() const { return m_noteAboutRect; }
    std::optional<WidgetRect> openLinkRect() const { return m_openLinkRect; }

private:
    void drawToolbar(AppState& state);
    void drawEmpty(AppState& state);
    void drawGrid(Store& store, AppState& state);
    void drawGridBox(Store& store, AppState& state, const DayBox& box, const ImVec2& min, const ImVec2& max);
    void drawGridTooltip(AppState& state, const PlanRow& row);
    void drawList(Store& store, AppState& state);
    void drawListFilters(AppState& state);
    void drawDetails(Store& store, AppState& state);
    void drawDayAgenda(AppState& state);
    void drawSessionActions(Store& store, AppState& state, const Session& session);
    void toggleMeet(Store& store, AppState& state, const Session& session, size_t speaker);
    void drawGridFilters(AppState& state);
    void drawRoomPicker(AppState& state);
    void toggleStar(Store& store, AppState& state, RowId sessionId);
    void chooseDay(AppState& state);
    void chooseDefaultForBigEvent(AppState& state);
    void revealSelection(AppState& state);
    int currentDay(const AppState& state) const;

    PlanModel m_model;
    ListModel m_list;
    DayLayout m_layout;
    ListFilter m_filter;
    TextHits m_textHits;                // the filter's words in abstracts and descriptions
    std::uint64_t m_textHitsSerial = 0;  // model serial and filter m_textHits was looked up for
    ListFilter m_textHitsFilter;

    std::pair<RowId, std::uint64_t> m_textsFor{0, 0};  // session and model serial m_texts was read for
    SessionTexts m_texts;                               // the selected session's abstract and description

    // The selected session's speakers and whether each is on your list:
    // read once per selection and change of targets or people, not per frame.
    struct PanelSpeaker {
        RowId personId = 0;
        std::string name;
        enum class Listed { No, FromTalk, Own } listed = Listed::No;  // Own: a target you set up yourself
    };
    std::vector<PanelSpeaker> m_speakers;
    std::pair<RowId, std::uint64_t> m_speakersFor{0, 0};  // session and targets/people revision
    UrlOpener m_openUrl;
    std::vector<std::pair<RowId, WidgetRect>> m_meetRects;
    std::optional<WidgetRect> m_noteAboutRect, m_openLinkRect;

    std::string m_dayChosenFor;      // day key the scroll position was set for
    std::optional<int> m_scrollToMinute;
    float m_gridScrollX = 0.0f;
    std::optional<RowId> m_lastSelection;    // the selection revealSelection last saw
    std::optional<RowId> m_gridPicked;       // selected by a click in the grid: already in view
    std::optional<RowId> m_scrollToSession;  // the grid scrolls to it when next drawn
    std::string m_roomSearch;                // the room picker's filter
    std::vector<std::pair<int, WidgetRect>> m_gridFilterRects;
    std::vector<std::pair<std::string, WidgetRect>> m_roomPickRects;
    std::vector<std::pair<std::string, WidgetRect>> m_dayTabRects;
    std::optional<WidgetRect> m_gridBodyRect;

    std::vector<std::pair<RowId, WidgetRect>> m_starRects;
    std::vector<std::pair<RowId, WidgetRect>> m_sessionRects;
    std::optional<WidgetRect> m_filterRect;
};

}  // namespace hallway::ui
