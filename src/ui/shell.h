// The one full-window UI: top bar (event picker, event clock, theme, import),
// mode switch and search, the current mode's view, and the status line.
// Needs an ImGui frame but no window system, so tests drive it headless.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "store/agenda_queries.h"
#include "ui/app_state.h"
#include "ui/capture_view.h"
#include "ui/file_chooser.h"
#include "ui/followup_view.h"
#include "ui/import_actions.h"
#include "ui/import_report_panel.h"
#include "ui/url_import_job.h"
#include "ui/people_view.h"
#include "ui/plan_view.h"
#include "ui/search_model.h"
#include "ui/settings_dialog.h"
#include "ui/sync_dialog.h"
#include "ui/view.h"
#include "ui/zone_field.h"

namespace hallway {
class Store;
}

namespace hallway::ui {

class Shell {
public:
    // Makes one of each view in the view table (view.h).
    Shell();

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
    // `zone`: the zone chosen in the dialog for an agenda; empty lets the import decide.
    bool importFile(Store& store, AppState& state, const std::string& path, ImportTarget target = ImportTarget::Detect,
                    const std::string& zone = "");

    // The view drawn for `mode`, and the built-in ones by type.
    View& view(Mode mode) { return *m_views.at(size_t(mode)); }
    PlanView& plan() { return viewAs<PlanView>(Mode::Plan); }
    CaptureView& capture() { return viewAs<CaptureView>(Mode::Capture); }
    FollowUpView& followUp() { return viewAs<FollowUpView>(Mode::FollowUp); }
    PeopleView& people() { return viewAs<PeopleView>(Mode::People); }
    // A view still reads on a thread (a big agenda's rest): frames keep coming to take it.
    bool readingInBackground() const;
    const std::vector<EventSummary>& events() const { return m_events; }
    int eventListRebuilds() const { return m_eventRebuilds; }
    // The top bar's global search (Ctrl+K): the typed text, its hits, and
    // whether the dropdown under the field is showing.
    const GlobalSearchModel& search() const { return m_search; }
    const std::string& searchText() const { return m_searchText; }
    // The top bar's clock text ("Day 2 of 8 · Sat 10:42 · next: …"), empty with no event.
    const std::string& clockText() const { return m_clockText; }
    // The status line's session and starred counts for the current event.
    const std::optional<AgendaTotals>& agendaTotals() const { return m_totals; }
    bool searchOpen() const { return m_searchOpen; }
    // Puts `text` in the field with the dropdown open and the first hit picked
    // (screenshots).
    void showSearch(const std::string& text);
    // Opens a hit: a person in People, a session in Plan (its day shown), a
    // note highlighted among Capture's recent notes. Closes the dropdown.
    void openHit(Store& store, AppState& state, const SearchHit& hit);

    // Testing hooks: the search field's rect, the dropdown's and one hit row's
    // (index into search().hits()) in the last frame.
    std::optional<WidgetRect> searchRect() const { return m_searchRect; }
    std::optional<WidgetRect> searchDropdownRect() const { return m_dropdownRect; }
    std::optional<WidgetRect> searchHitRect(int index) const;
    std::optional<WidgetRect> modeRect(Mode mode) const { return rectFor(m_modeRects, int(mode)); }
    // The status line: its rect, whether its message was cut, and whether the whole message is open.
    std::optional<WidgetRect> statusRect() const { return m_statusRect; }
    // The banner of changes to watched sessions: its Dismiss button, when shown.
    std::optional<WidgetRect> agendaChangesDismissRect() const { return m_dismissRect; }
    bool statusCut() const { return m_statusCut; }
    bool statusMessageOpen() const { return m_statusPopupOpen; }
    // The import popup's path field as it stands.
    const std::string& importPathField() const { return m_importPath; }
    // The import dialog, for tests and screenshots: its zone field, its
    // Import button and the report it shows after an agenda import.
    ZoneField& importZoneField() { return m_zoneField; }
    std::optional<WidgetRect> importButtonRect() const { return m_importButtonRect; }
    // The import dialog's "Browse…" button and the file chooser it opens.
    std::optional<WidgetRect> importBrowseRect() const { return m_importBrowseRect; }
    FileChooser& importChooser() { return m_importChooser; }
    bool importDialogOpen() const { return m_importDialogOpen; }
    // An agenda being downloaded from the URL typed in the dialog.
    bool importDownloading() const { return m_urlImport.running(); }
    // The dialog's "plain http://" checkbox (shown for an http:// URL).
    std::optional<WidgetRect> allowHttpRect() const { return m_allowHttpRect; }
    // Opens the import dialog with its file chooser at `start` (screenshots).
    void browseImport(AppState& state, const std::string& start);
    const std::optional<AgendaImportReport>& importReport() const { return m_importReport; }
    // Where the report's change rows were drawn in the last frame.
    const ChangeListRects& importChangeRects() const { return m_reportRects; }
    // Where the Settings dialog writes its changes (owned by the app; null: not kept).
    void setSettingsFile(SettingsFile* file) { m_settingsFile = file; }
    SettingsDialog& settingsDialog() { return m_settingsDialog; }
    SyncDialog& syncDialog() { return m_syncDialog; }
    // The status line's sync state (a click opens the Sync dialog), when shown.
    std::optional<WidgetRect> syncLineRect() const { return m_syncLineRect; }
    // The top bar's Settings button.
    std::optional<WidgetRect> settingsButtonRect() const { return m_settingsButtonRect; }

private:
    template <class V>
    V& viewAs(Mode mode) {
        return static_cast<V&>(view(mode));  // the table keeps the named modes' order (views.cpp)
    }
    void handleShortcuts(AppState& state);
    void drawTopBar(Store& store, AppState& state);
    void drawAgendaChanges(AppState& state);
    void drawModeBar(Store& store, AppState& state);
    void drawSearchField(Store& store, AppState& state, float width);
    void drawSearchResults(Store& store, AppState& state);
    static int searchKeyCallback(ImGuiInputTextCallbackData* data);
    void drawStatusLine(AppState& state, const std::string& dbPath);
    void drawImportPopup(Store& store, AppState& state);
    void drawImportZone(Store& store, const AppState& state);
    // Applies what an import did (file or URL) to the app: the event, the
    // report in the dialog, the status line.
    void importSucceeded(AppState& state, ImportOutcome outcome);
    // The outcome of a download started from the dialog, once it is in.
    void pollUrlImport(AppState& state);
    void loadDemo(Store& store, AppState& state);
    // The top bar's clock and the status line's counts for the current event.
    void updateAgendaSummary(Store& store, AppState& state);
    const Event* currentEvent(const AppState& state) const;

    std::vector<std::unique_ptr<View>> m_views;  // one per row of viewTable(), indexed by Mode
    Mode m_lastMode = Mode::Plan;
    ImFont* m_headingFont = nullptr;
    float m_scale = 1.0f;
    int m_appliedTheme = -1;

    std::vector<EventSummary> m_events;
    std::vector<std::string> m_eventLabels;
    std::uint64_t m_eventsRevision = 0;
    int m_eventRebuilds = 0;

    std::string m_clockText;
    Instant m_clockMinute = -1;
    std::optional<RowId> m_summaryEvent;
    std::uint64_t m_summaryRevision = 0;
    std::optional<AgendaTotals> m_totals;  // the status line's counts

    std::string m_importPath;
    std::string m_importError;
    ImportTarget m_importTarget = ImportTarget::Detect;  // what the open popup imports
    bool m_refocusPath = false;
    ZoneField m_zoneField;
    std::string m_zoneFor = "\n";  // the path the zone field was prefilled for ("\n": none yet)
    std::optional<AgendaImportReport> m_importReport;  // shown in the dialog after an agenda import
    std::vector<ChangeLine> m_reportLines;
    ChangeListRects m_reportRects;
    bool m_openImportReport = false;
    std::optional<WidgetRect> m_dismissRect;
    bool m_showAllChanges = false;
    std::optional<WidgetRect> m_importButtonRect;  // a dropped agenda opens the dialog on its report
    std::optional<WidgetRect> m_importBrowseRect;
    FileChooser m_importChooser;
    bool m_importDialogOpen = false;
    UrlImportJob m_urlImport;
    bool m_allowHttp = false;
    bool m_closeImportDialog = false;
    std::optional<WidgetRect> m_allowHttpRect;
    SettingsDialog m_settingsDialog;
    SettingsFile* m_settingsFile = nullptr;
    SyncDialog m_syncDialog;
    std::optional<WidgetRect> m_syncLineRect;
    std::optional<WidgetRect> m_settingsButtonRect;
    std::optional<WidgetRect> m_searchRect;
    std::vector<std::pair<int, WidgetRect>> m_modeRects;
    std::optional<WidgetRect> m_statusRect;
    bool m_statusCut = false, m_statusPopupOpen = false;

    GlobalSearchModel m_search;
    std::string m_searchText;
    bool m_searchOpen = false;
    bool m_searchWasActive = false;
    bool m_scrollToPick = false;    // keep the keyboard's pick in view in the dropdown
    int m_pendingPick = 0;          // showSearch(): moves to apply once the hits are in
    std::optional<WidgetRect> m_dropdownRect;
    std::vector<std::pair<int, WidgetRect>> m_hitRects;
};

}  // namespace hallway::ui
