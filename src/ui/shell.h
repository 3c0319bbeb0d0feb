// The one full-window UI: top bar (event picker, event clock, theme, import),
// mode switch and search, the current mode's view, and the status line.
// Needs an ImGui frame but no window system, so tests drive it headless.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "ui/app_state.h"
#include "ui/capture_view.h"
#include "ui/followup_view.h"
#include "ui/people_view.h"
#include "ui/plan_view.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

class Shell {
public:
    // `scale` multiplies style sizes when the theme is (re)applied.
    void setScale(float scale) { m_scale = scale; }
    void setHeadingFont(ImFont* font);

    // Draws one frame of the whole UI (call between ImGui::NewFrame and
    // ImGui::Render). `store` is null when the database could not be opened;
    // `storeError` then says why.
    void draw(Store* store, AppState& state, const std::string& storeError = {});

    // Brings view models up to date and applies a changed theme; draw() calls it.
    void sync(Store& store, AppState& state);

    // Imports `path` now and reports in the status line. True on success.
    bool importFile(Store& store, AppState& state, const std::string& path);

    PlanView& plan() { return m_plan; }
    CaptureView& capture() { return m_capture; }
    FollowUpView& followUp() { return m_followUp; }
    PeopleView& people() { return m_people; }
    const std::vector<EventSummary>& events() const { return m_events; }
    int eventListRebuilds() const { return m_eventRebuilds; }
    // Testing hook: the search field's rect in the last frame.
    std::optional<WidgetRect> searchRect() const { return m_searchRect; }

private:
    void handleShortcuts(AppState& state);
    void drawTopBar(Store& store, AppState& state);
    void drawModeBar(AppState& state);
    void drawStatusLine(AppState& state, const std::string& dbPath);
    void drawImportPopup(Store& store, AppState& state);
    void loadDemo(Store& store, AppState& state);
    void updateClock(AppState& state);

    PlanView m_plan;
    CaptureView m_capture;
    FollowUpView m_followUp;
    PeopleView m_people;
    Mode m_lastMode = Mode::Plan;
    ImFont* m_headingFont = nullptr;
    float m_scale = 1.0f;
    int m_appliedTheme = -1;

    std::vector<EventSummary> m_events;
    std::vector<std::string> m_eventLabels;
    std::uint64_t m_eventsRevision = 0;
    int m_eventRebuilds = 0;

    std::string m_clockText;
    std::uint64_t m_clockSerial = 0;
    Instant m_clockMinute = -1;

    std::string m_importPath;
    std::string m_importError;
    bool m_refocusPath = false;
    std::optional<WidgetRect> m_searchRect;
};

}  // namespace hallway::ui
