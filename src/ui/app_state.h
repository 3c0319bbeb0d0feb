// State shared by the shell and the views: what is selected, what the user
// typed into shared fields, messages for the status line, and the data revision
// that tells view models when to rebuild. No ImGui or GLFW types in here.
#pragma once
#include <algorithm>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/changes.h"
#include "core/model.h"
#include "ui/folder_listing.h"

namespace hallway {
struct SavedNote;
}

namespace hallway::ui {

using hallway::Change;  // core/changes.h: the kinds a write announces
using hallway::Changes;

// A write that added one note, about `people` (linked: talked with or
// mentioned): a model that shows notes can take it in without reading the
// others again.
struct AddedNote {
    RowId noteId = 0;
    std::vector<RowId> people;
};

// The note saveNote added, for DataRevision::apply.
AddedNote addedNote(const SavedNote& saved);

// One write as DataRevision::apply received it.
struct AppliedWrite {
    std::uint64_t value = 0;  // the revision it moved to
    Changes what;
    std::optional<AddedNote> note;
};

// Moved by what each write announced (a service's result's Changes): a view
// model remembers the value it was built at for the kinds it shows and
// rebuilds only when it moved, so a saved note does not reload 20,000
// sessions. The last few writes are kept, so a model can also take in what
// it understands (a note added) instead of rebuilding.
class DataRevision {
public:
    // Moves with every change.
    std::uint64_t value() const { return m_value; }
    // Moves with every change that touched one of `kinds`.
    std::uint64_t value(Changes kinds) const {
        std::uint64_t v = 0;
        for (int k = 0; k < kKinds; ++k)
            if (kinds.bits() & (1u << k)) v = std::max(v, m_last[k]);
        return v;
    }
    // The one place a write reaches the view models: what it announced. An
    // empty set (nothing written) moves nothing.
    void apply(Changes what) { apply(what, std::nullopt); }
    // The same for a write that added `note` (saveNote's result).
    void apply(Changes what, std::optional<AddedNote> note) {
        if (what.empty()) return;
        ++m_value;
        for (int k = 0; k < kKinds; ++k)
            if (what.bits() & (1u << k)) m_last[k] = m_value;
        m_writes.push_back({m_value, what, std::move(note)});
        if (m_writes.size() > kWritesKept) m_writes.pop_front();
    }
    // The writes after revision `since`, oldest first; null when some of
    // them are no longer kept (the caller rebuilds).
    std::optional<std::vector<const AppliedWrite*>> writesSince(std::uint64_t since) const {
        std::vector<const AppliedWrite*> out;
        if (since >= m_value) return out;
        if (m_writes.empty() || m_writes.front().value > since + 1) return std::nullopt;
        for (const AppliedWrite& w : m_writes)
            if (w.value > since) out.push_back(&w);
        return out;
    }

private:
    static constexpr int kKinds = Changes::kKinds;
    static constexpr size_t kWritesKept = 32;  // a model further behind rebuilds
    std::uint64_t m_value = 1;
    std::uint64_t m_last[kKinds] = {1, 1, 1, 1, 1, 1};
    std::deque<AppliedWrite> m_writes;
};

// The window's views by their place in the view table (ui/view.h); named
// here are those other code jumps to.
enum class Mode { Plan, Capture, FollowUp, People };
enum class ThemeKind { Dark, Light };
enum class PlanLayout { DayGrid, List };

// A view's `--view` key <-> Mode, from the view table; unknown names give Plan.
Mode modeFromName(const std::string& name);
const char* modeName(Mode mode);

// The live event's switches: the Settings dialog edits them, the settings
// file keeps them, the app's loop hands them to the refresh worker and the
// reminders each frame.
struct LiveSettings {
    bool autoRefresh = true;    // the open event's agenda fetched again from its URL while the event runs
    int refreshMinutes = 15;    // how often
    bool reminders = true;      // a reminder before each starred session and target's talk
    int reminderMinutes = 10;   // how long before
    bool notifyChanges = true;  // a desktop notification when a talk you follow changed (app in the background)
    bool operator==(const LiveSettings&) const = default;
};

struct StatusMessage {
    std::string text;
    bool error = false;
    std::vector<std::string> details;  // listed whole when the message is opened (an import's warnings)
};

// Which rooms and sessions the day grid shows.
enum class GridRooms { All, Starred, Picked };
struct GridFilter {
    GridRooms rooms = GridRooms::All;  // Starred: rooms holding a starred session that day
    std::vector<std::string> picked;   // the rooms shown when rooms == Picked
    std::string track;                 // exact track, empty = any
    bool mySessionsOnly = false;       // starred sessions only
    bool operator==(const GridFilter&) const = default;
};

struct PlanState {
    PlanLayout layout = PlanLayout::DayGrid;
    std::string dayKey;                   // "YYYY-MM-DD" in the event's zone; empty = pick one
    std::optional<RowId> selectedSession;
    bool revealSelected = false;          // show the selected session's day and scroll to it (opened from search)
    // List filters.
    std::string filterText;
    std::string filterRoom;               // empty = all rooms
    std::string filterTrack;              // empty = all tracks
    bool starredOnly = false;
    GridFilter grid;                      // the day grid's rooms, track and "my sessions only"
    std::optional<RowId> gridDefaultFor;  // event whose default layout was chosen (big events)
};

struct CaptureState {
    bool focusBox = false;       // put the keyboard in the capture box next frame
    bool saveRequested = false;  // Ctrl+Enter while in Capture: save what is typed
    bool showRecent = false;     // scroll the recent notes into view (opened from search)
    std::optional<RowId> highlightNote;  // the recent note opened from search
    std::optional<RowId> linkSession;    // Plan's "Note about this talk": tie the note to this session
};

struct PeopleState {
    std::optional<RowId> selectedPerson;
    std::string search;
    std::string tag;             // empty = every tag
    PeopleScope scope = PeopleScope::Network;  // the table: your network, agenda-only speakers, or everyone
    bool targetsTab = false;     // the left panel lists the event's targets instead of everyone
    bool networkTab = false;     // ... or the network map (wins over targetsTab)
    std::string networkBy = "company";  // company, tag or role
    bool editTarget = false;     // asks the person page to open its target editor (new or existing)
    bool editDetails = false;    // asks the person page to open its details editor
    std::string addPerson;       // asks People to open "Add a person" with this badge text (screenshots)
};

struct AppState {
    DataRevision revision;
    std::optional<RowId> eventId;
    Mode mode = Mode::Plan;
    ThemeKind theme = ThemeKind::Dark;
    PlanState plan;
    CaptureState capture;
    PeopleState people;

    std::string globalSearch;             // Plan's list filter from the top bar (Enter with no hit picked)
    bool focusSearch = false;             // set by Ctrl+K, consumed by the top bar
    bool openImportDialog = false;        // asks the shell to open the import popup (any file)
    bool openContactsImport = false;      // the same popup, for a contacts file (People's Import contacts)
    std::string importPath;               // put in the import popup's field when it opens (`hallway FILE`)
    RecentPlaces recentPlaces;            // the file chooser's recent folders and files (kept in the settings)
    bool desktopFileChooser = false;      // Browse… asks the desktop's chooser (portal) first; the app turns it on
    bool loadDemo = false;                // asks the shell to import the bundled demo agenda

    StatusMessage status;
    std::string syncLine;          // the sync worker's state for the status line; '' when nothing is linked
    bool syncLineError = false;
    bool syncNowRequested = false; // Ctrl+Shift+S: a sync round now (the app's loop hands it to the worker)
    bool syncJustLinked = false;   // the Sync dialog linked a server: the loop starts a round although none ran yet
    bool openSyncDialog = false;   // asks the shell to open the Sync dialog (Settings, the status line's sync state)
    // The live agenda (the app's loop fills these from its refresh worker).
    std::string agendaLine;        // "Agenda refreshed 14:05", "Agenda refresh failed: ..."; '' for a file's agenda
    bool agendaLineError = false;
    std::vector<std::string> agendaChanges;  // changes to watched sessions since the user dismissed them
    bool agendaChangesDismissed = false;     // the banner's Dismiss (the loop tells the worker)
    bool agendaRefreshRequested = false;     // the top bar's Refresh
    LiveSettings live;                       // refresh, reminders, notifications (Settings dialog)
    bool openSettings = false;               // asks the shell to open the Settings dialog (Ctrl+,)
    std::vector<std::string> pendingImports;  // files dropped on the window, imported next frame

    // Fixed "now" for tests and screenshots; the system clock when empty.
    std::optional<Instant> nowOverride;
    // Screenshot mode: no settings files are read or written.
    bool screenshotMode = false;
    // The font fell back to ImGui's built-in one (shown in the status line once).
    std::string fontNote;

    Instant now() const;
    void info(std::string text, std::vector<std::string> details = {}) {
        status = {std::move(text), false, std::move(details)};
    }
    void error(std::string text) { status = {std::move(text), true, {}}; }
};

}  // namespace hallway::ui
