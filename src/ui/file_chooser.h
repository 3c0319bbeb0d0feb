// A file chooser drawn with ImGui, opened by the "Browse…" buttons beside
// path fields. A modal over the dialog that opened it: a path bar to type
// into, Up and Home, recent folders and files, the folder's entries (folders
// first) filtered by type, hidden files on request.
//
// Keyboard, when no field is being edited: letters find an entry by its
// first letters, Up/Down/Page Up/Page Down move, Enter opens a folder or
// picks a file, Backspace goes up, Escape cancels. A double click picks.
//
// Asked to (a setting), Browse… first offers the desktop's own chooser
// through the XDG desktop portal (ui/portal_chooser.h): a small modal says
// "Choose in the desktop's window…" meanwhile, with a way to Hallway's own.
// No portal, or it failed: Hallway's own opens, silently.
//
// The folder is read once per visit (listFolder), never per frame; the
// filter and "Show hidden files" only re-pick which entries show; rows are
// drawn through ImGuiListClipper, so a folder of 10,000 entries scrolls as
// fast as one of ten.
#pragma once
#include <imgui.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ui/folder_listing.h"
#include "ui/portal_chooser.h"
#include "ui/theme.h"
#include "ui/ui_widgets.h"

namespace hallway::ui {

enum class ChooserMode {
    Open,  // pick an existing file
    Save,  // pick a folder and type a file name (an existing file may be picked too)
};

class FileChooser {
public:
    // Opens at the next draw(): in `start`'s folder when it names a file or
    // folder (the file selected), else in the newest recent folder, else home.
    // `filters` fill the type filter; the first one is chosen. `desktop`:
    // ask the desktop's chooser first (the same start folder and filters).
    void open(std::string title, ChooserMode mode, std::vector<FileFilter> filters, const std::string& start,
              const RecentPlaces& recent, bool desktop = false);
    // Draws the chooser while it is open. Call inside the dialog that opened
    // it, so it stacks on top. True on the frame a path is chosen (chosen()
    // has it; `recent` now starts with it and its folder).
    bool draw(RecentPlaces& recent, const Palette& palette);
    // Open, or asked to open at the next draw().
    bool isOpen() const { return m_open || m_openRequested || waitingForDesktop(); }
    // The desktop's chooser was asked and has not answered yet.
    bool waitingForDesktop() const { return m_portal != nullptr; }
    const std::string& chosen() const { return m_chosen; }

    // For tests: what shows and where it was drawn in the last frame.
    const std::string& folder() const { return m_listing.path; }
    const std::string& folderError() const { return m_listing.error; }
    const std::string& pathMessage() const { return m_message; }
    // The names shown, in order (folders first).
    std::vector<std::string> shownNames() const;
    std::optional<std::string> selectedName() const;
    int folderReads() const { return m_reads; }
    std::optional<WidgetRect> rowRect(const std::string& name) const { return rectFor(m_rowRects, name); }
    std::optional<WidgetRect> placeRect(const std::string& path) const { return rectFor(m_placeRects, path); }
    std::optional<WidgetRect> pathBarRect() const { return m_pathRect; }
    std::optional<WidgetRect> upRect() const { return m_upRect; }
    std::optional<WidgetRect> hiddenRect() const { return m_hiddenRect; }
    std::optional<WidgetRect> pickRect() const { return m_pickRect; }
    // The chooser's window and the dialog under it, as last drawn.
    std::optional<WidgetRect> windowRect() const { return m_windowRect; }
    std::optional<WidgetRect> parentRect() const { return m_parentRect; }
    // While waiting for the desktop's chooser: "Use Hallway's chooser", "Cancel".
    std::optional<WidgetRect> builtInRect() const { return m_builtInRect; }
    std::optional<WidgetRect> waitCancelRect() const { return m_waitCancelRect; }
    // Chooses filter `index` of those open() was given (tests; the combo does it for users).
    void setFilter(int index);
    // draw() for a dialog's path field: the chosen path goes into `field`.
    // True on the frame it did. Does nothing while the chooser is closed.
    bool drawFor(std::string& field, RecentPlaces& recent, const Palette& palette);

private:
    struct Row {
        std::string label;  // the name, "/" after a folder
        std::string size;
        std::string modified;
    };
    // Where the chooser starts: a folder, the file to select, Save's file name.
    struct Start {
        std::string folder, select, fileName;
    };
    Start startFrom(const std::string& typed, const RecentPlaces& recent) const;
    bool drawDesktopWait(RecentPlaces& recent);
    void placeOverParent();
    void openBuiltIn(std::string message);
    void retirePortal();
    void visit(const std::string& folder, const std::string& select = {});
    void refilter();
    void goToTyped();
    void activate(int shownIndex, RecentPlaces& recent);
    void pick(const std::string& path, RecentPlaces& recent);
    void select(int shownIndex);
    void findTyped(const ImGuiIO& io);
    bool handleKeys(RecentPlaces& recent);
    void drawPlaces(RecentPlaces& recent, float height);
    void drawEntries(RecentPlaces& recent, float height, const Palette& palette);

    bool m_open = false, m_openRequested = false;
    std::string m_title;
    ChooserMode m_mode = ChooserMode::Open;
    std::vector<FileFilter> m_filters;
    int m_filter = 0;
    bool m_showHidden = false;
    Start m_start;

    // The desktop's chooser: the open question, and withdrawn ones whose
    // threads are still closing the desktop's window (joined once done, so a
    // frame never waits for one).
    std::unique_ptr<PortalRequest> m_portal;
    std::vector<std::unique_ptr<PortalRequest>> m_retired;
    bool m_waitRequested = false;
    int m_framesShown = 0;

    FolderListing m_listing;
    std::vector<Row> m_rows;   // per entry of m_listing, made once per visit
    std::vector<int> m_shown;  // indices into m_listing.entries that pass the filter
    int m_selected = -1;       // index into m_shown
    bool m_scrollToSelected = false;
    int m_reads = 0;

    std::string m_pathBar;
    std::string m_message;  // why the typed path could not be opened
    std::string m_fileName; // Save: the name typed
    bool m_focusName = false;
    std::string m_find;     // type-to-find: letters typed in the last second
    double m_findAt = -10.0;
    std::string m_chosen;
    bool m_pickTyped = false;  // a file's path was typed in the path bar: pick it this frame

    std::vector<std::pair<std::string, WidgetRect>> m_rowRects, m_placeRects;
    std::optional<WidgetRect> m_pathRect, m_upRect, m_hiddenRect, m_pickRect, m_builtInRect, m_waitCancelRect,
        m_windowRect, m_parentRect;
};

// What a "Browse…" button opens: the chooser's title, mode and type filters.
struct BrowseRequest {
    const char* title;
    ChooserMode mode;
    std::vector<FileFilter> filters;
    bool desktop = false;  // the desktop's chooser first (AppState::desktopFileChooser)
};

// A path field filling the line but for a "Browse…" button on its right,
// which opens `chooser` where the typed path points. `focus` puts the
// keyboard in the field. True when Enter was pressed in the field; the
// button's rect goes to `browseRect` (tests).
bool pathFieldWithBrowse(const char* id, const char* hint, std::string& path, bool focus, FileChooser& chooser,
                         const BrowseRequest& request, const RecentPlaces& recent, std::optional<WidgetRect>& browseRect);

}  // namespace hallway::ui
